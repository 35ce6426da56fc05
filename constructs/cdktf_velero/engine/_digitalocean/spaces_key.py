"""``SpacesKey`` (``digitalocean_spaces_key``) and its ``grant`` block, as cdktf's prebuilt binding has them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from constructs import Construct

from .. import core
from ._schema import Attr, blocks_of, generator_metadata, to_hcl, to_terraform

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


class SpacesKey(core.TerraformResource):
    """A Spaces access key (``digitalocean_spaces_key``)."""

    TF_RESOURCE_TYPE = "digitalocean_spaces_key"

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        name: str,
        grant: core.IResolvable | Sequence[SpacesKeyGrant | Mapping[str, Any]] | None = None,
        id: str | None = None,
        connection: Any = None,
        count: float | core.TerraformCount | None = None,
        depends_on: Sequence[core.ITerraformDependable] | None = None,
        for_each: core.ITerraformIterator | None = None,
        lifecycle: core.TerraformResourceLifecycle | Mapping[str, Any] | None = None,
        provider: core.TerraformProvider | None = None,
        provisioners: Sequence[Any] | None = None,
    ) -> None:
        self._attrs: dict[str, Any] = {"id": id, "name": name, "grant": blocks_of(SpacesKeyGrant, grant)}
        if isinstance(lifecycle, Mapping):
            lifecycle = core.TerraformResourceLifecycle(**lifecycle)
        super().__init__(
            scope,
            id_,
            terraform_resource_type=self.TF_RESOURCE_TYPE,
            terraform_generator_metadata=generator_metadata(),
            connection=connection,
            count=count,
            depends_on=depends_on,
            for_each=for_each,
            lifecycle=lifecycle,
            provider=provider,
            provisioners=provisioners,
        )

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

    def _synthesize_attributes(self) -> dict[str, Any]:
        """The resource's JSON attributes (overrides the core's ``synthesizeAttributes``)."""
        return to_terraform(_ATTRS, self._attrs)

    def _synthesize_hcl_attributes(self) -> dict[str, Any]:
        """The resource for ``--hcl`` output (overrides ``synthesizeHclAttributes``)."""
        return to_hcl(_ATTRS, self._attrs)
