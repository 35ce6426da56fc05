"""The base of the hand-written resources: the core's meta-arguments, and synthesis from an attribute table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict

from constructs import Construct

from .. import core
from ._schema import Attr, generator_metadata, to_hcl, to_terraform

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["Meta", "SchemaResource"]


class Meta(TypedDict, total=False):
    """Terraform's meta-arguments, which every resource takes as keywords (as the generated bindings do)."""

    connection: Any
    count: float | core.TerraformCount | None
    depends_on: Sequence[core.ITerraformDependable] | None
    for_each: core.ITerraformIterator | None
    lifecycle: core.TerraformResourceLifecycle | Mapping[str, Any] | None
    provider: core.TerraformProvider | None
    provisioners: Sequence[Any] | None


class SchemaResource(core.TerraformResource):
    """A resource of the DigitalOcean provider whose arguments ``ATTRS`` lists in its generated counterpart's
    order; a subclass names its type and passes the values it was given."""

    TF_RESOURCE_TYPE: ClassVar[str]
    ATTRS: ClassVar[tuple[Attr, ...]]

    def __init__(self, scope: Construct, id_: str, attrs: dict[str, Any], **meta: Unpack[Meta]) -> None:
        self._attrs = attrs
        lifecycle = meta.get("lifecycle")
        if isinstance(lifecycle, Mapping):
            meta["lifecycle"] = core.TerraformResourceLifecycle(**lifecycle)
        super().__init__(
            scope,
            id_,
            terraform_resource_type=self.TF_RESOURCE_TYPE,
            terraform_generator_metadata=generator_metadata(),
            **meta,  # type: ignore[arg-type]
        )

    def _synthesize_attributes(self) -> dict[str, Any]:
        """The resource's JSON attributes (overrides the core's ``synthesizeAttributes``)."""
        return to_terraform(self.ATTRS, self._attrs)

    def _synthesize_hcl_attributes(self) -> dict[str, Any]:
        """The resource for ``--hcl`` output (overrides ``synthesizeHclAttributes``)."""
        return to_hcl(self.ATTRS, self._attrs)
