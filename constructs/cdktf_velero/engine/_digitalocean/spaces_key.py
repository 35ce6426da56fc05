"""``SpacesKey`` (``digitalocean_spaces_key``) and its ``grant`` block, as cdktf's prebuilt binding has them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from constructs import Construct

from .. import core
from ._resource import SchemaResource
from ._schema import Attr, blocks_of

__all__ = ["SpacesKey", "SpacesKeyGrant"]


@dataclass(frozen=True)
class SpacesKeyGrant:
    """A ``grant`` block: ``permission`` (``read``, ``readwrite``, ``fullaccess``) on ``bucket``."""

    bucket: str
    permission: str
    ATTRS: ClassVar[tuple[Attr, ...]] = (Attr("bucket", "string"), Attr("permission", "string"))


_ATTRS = (
    Attr("id", "string"),
    Attr("name", "string"),
    Attr("grant", "block_list", SpacesKeyGrant, "list", "SpacesKeyGrantList"),
)


class SpacesKey(SchemaResource):
    """A Spaces access key (``digitalocean_spaces_key``)."""

    ATTRS = _ATTRS
    TF_RESOURCE_TYPE = "digitalocean_spaces_key"

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        name: str,
        grant: core.IResolvable | Sequence[SpacesKeyGrant | Mapping[str, Any]] | None = None,
        id: str | None = None,
        **meta: Any,
    ) -> None:
        attrs: dict[str, Any] = {"id": id, "name": name, "grant": blocks_of(SpacesKeyGrant, grant)}
        super().__init__(scope, id_, attrs, **meta)

    @property
    def name(self) -> str:
        """The key's name (a token)."""
        return self.get_string_attribute("name")

    @property
    def access_key(self) -> str:
        """The key's access key id (a token)."""
        return self.get_string_attribute("access_key")

    @property
    def secret_key(self) -> str:
        """The key's secret (a token; sensitive in Terraform's state, never output by the library)."""
        return self.get_string_attribute("secret_key")

    @property
    def created_at(self) -> str:
        """When the key was created (a token)."""
        return self.get_string_attribute("created_at")
