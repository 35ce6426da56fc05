"""The slice of Kubernetes object metadata that Velero manifests set."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._helpers import check_keys, dump_map, load_map, omit_none

__all__ = ["ObjectMeta"]


@dataclass(frozen=True, kw_only=True)
class ObjectMeta:
    """Name, namespace, labels and annotations of an object."""

    name: str
    namespace: str | None = None
    labels: Mapping[str, str] | None = None
    annotations: Mapping[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The wire form, unset fields left out."""
        return omit_none(
            {
                "name": self.name,
                "namespace": self.namespace,
                "labels": dump_map(self.labels),
                "annotations": dump_map(self.annotations),
            }
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ObjectMeta:
        """Read the wire form; other metadata (uid, resourceVersion, ...) is an error."""
        check_keys(data, "ObjectMeta", "name", "namespace", "labels", "annotations", required=("name",))
        return cls(
            name=data["name"],
            namespace=data.get("namespace"),
            labels=load_map(data.get("labels")),
            annotations=load_map(data.get("annotations")),
        )
