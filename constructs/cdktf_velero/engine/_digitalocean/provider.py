"""``DigitaloceanProvider``: the ``digitalocean`` provider block, as cdktf's prebuilt binding writes it."""

from __future__ import annotations

from typing import Any

from constructs import Construct

from .. import core
from ._schema import Attr, generator_metadata, to_hcl, to_terraform

__all__ = ["DigitaloceanProvider"]

_ATTRS = (
    Attr("api_endpoint", "string"),
    Attr("http_retry_max", "number"),
    Attr("http_retry_wait_max", "number"),
    Attr("http_retry_wait_min", "number"),
    Attr("requests_per_second", "number"),
    Attr("spaces_access_id", "string"),
    Attr("spaces_endpoint", "string"),
    Attr("spaces_secret_key", "string"),
    Attr("token", "string"),
    Attr("alias", "string"),
)


class DigitaloceanProvider(core.TerraformProvider):
    """The ``digitalocean/digitalocean`` provider; every argument optional, as in the prebuilt binding."""

    TF_RESOURCE_TYPE = "digitalocean"

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        alias: str | None = None,
        api_endpoint: str | None = None,
        http_retry_max: float | None = None,
        http_retry_wait_max: float | None = None,
        http_retry_wait_min: float | None = None,
        requests_per_second: float | None = None,
        spaces_access_id: str | None = None,
        spaces_endpoint: str | None = None,
        spaces_secret_key: str | None = None,
        token: str | None = None,
    ) -> None:
        self._attrs: dict[str, Any] = {
            "api_endpoint": api_endpoint,
            "http_retry_max": http_retry_max,
            "http_retry_wait_max": http_retry_wait_max,
            "http_retry_wait_min": http_retry_wait_min,
            "requests_per_second": requests_per_second,
            "spaces_access_id": spaces_access_id,
            "spaces_endpoint": spaces_endpoint,
            "spaces_secret_key": spaces_secret_key,
            "token": token,
            "alias": alias,
        }
        super().__init__(
            scope,
            id,
            terraform_resource_type=self.TF_RESOURCE_TYPE,
            terraform_generator_metadata=generator_metadata(),
            terraform_provider_source="digitalocean/digitalocean",
        )

    @property
    def alias(self) -> str | None:
        """The provider's alias: its address becomes ``digitalocean.<alias>`` (overrides the core's)."""
        value = self._attrs["alias"]
        return None if value is None else str(value)

    @alias.setter
    def alias(self, value: str | None) -> None:
        self._attrs["alias"] = value

    def _synthesize_attributes(self) -> dict[str, Any]:
        """The provider block's JSON (overrides the core's ``synthesizeAttributes``)."""
        return to_terraform(_ATTRS, self._attrs)

    def _synthesize_hcl_attributes(self) -> dict[str, Any]:
        """The provider block for ``--hcl`` output (overrides ``synthesizeHclAttributes``)."""
        return to_hcl(_ATTRS, self._attrs)
