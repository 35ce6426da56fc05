"""The base of the hand-written resources: the core's meta-arguments, and synthesis from an attribute table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from constructs import Construct

from .. import core
from ._schema import Attr, generator_metadata, to_hcl, to_terraform

__all__ = ["SchemaResource"]


class SchemaResource(core.TerraformResource):
    """A resource of the DigitalOcean provider whose arguments ``ATTRS`` lists in its generated counterpart's
    order; a subclass names its type and passes the values it was given, and Terraform's meta-arguments
    (``connection``, ``count``, ``depends_on``, ``for_each``, ``lifecycle``, ``provider``, ``provisioners``) as
    keywords, as the generated bindings take them."""

    TF_RESOURCE_TYPE: ClassVar[str]
    ATTRS: ClassVar[tuple[Attr, ...]]

    def __init__(self, scope: Construct, id_: str, attrs: dict[str, Any], **meta: Any) -> None:
        self._attrs = attrs
        lifecycle = meta.get("lifecycle")
        if isinstance(lifecycle, Mapping):
            meta["lifecycle"] = core.TerraformResourceLifecycle(**lifecycle)
        super().__init__(
            scope,
            id_,
            terraform_resource_type=self.TF_RESOURCE_TYPE,
            terraform_generator_metadata=generator_metadata(),
            **meta,
        )

    def _synthesize_attributes(self) -> dict[str, Any]:
        """The resource's JSON attributes (overrides the core's ``synthesizeAttributes``)."""
        return to_terraform(self.ATTRS, self._attrs)

    def _synthesize_hcl_attributes(self) -> dict[str, Any]:
        """The resource for ``--hcl`` output (overrides ``synthesizeHclAttributes``)."""
        return to_hcl(self.ATTRS, self._attrs)
