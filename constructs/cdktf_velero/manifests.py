"""Velero custom resources (velero.io/v1): the typed objects from ``imports/velero`` as the plain manifests
``kubernetes_manifest`` takes, and the metadata the library puts on every object it emits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .imports.velero import Backup, BackupStorageLocation, ObjectMeta, Restore, Schedule, VolumeSnapshotLocation
from .validation import escape_terraform_template

__all__ = [
    "MANAGED_BY_LABELS",
    "SCHEDULE_COMPUTED",
    "VELERO_KINDS",
    "VeleroObject",
    "object_meta",
    "velero_manifest",
]

VeleroObject = BackupStorageLocation | VolumeSnapshotLocation | Schedule | Backup | Restore
"""The velero.io/v1 kinds the library emits or lets users add."""

VELERO_KINDS: tuple[type[Any], ...] = (BackupStorageLocation, VolumeSnapshotLocation, Schedule, Backup, Restore)

MANAGED_BY_LABELS = {"app.kubernetes.io/managed-by": "terraform", "app.kubernetes.io/part-of": "velero"}
"""Labels on every object the library emits (secrets, namespace, custom resources)."""

SCHEDULE_COMPUTED = ["metadata.labels", "metadata.annotations", "spec.skipImmediately"]
"""Fields the Schedule controller writes; without them in ``computed_fields`` every plan shows drift."""


def object_meta(name: str, namespace: str, labels: Mapping[str, str] | None = None) -> ObjectMeta:
    """Metadata of an object the library emits: in Velero's namespace, with the managed-by labels."""
    return ObjectMeta(name=name, namespace=namespace, labels={**MANAGED_BY_LABELS, **(labels or {})})


def velero_manifest(obj: VeleroObject) -> dict[str, Any]:
    """The manifest of a typed object: apiVersion, kind, metadata and spec, unset fields left out, every
    string (keys too) escaped so that Terraform passes it on as written (a hook's ``${VAR}`` stays shell)."""
    escaped: dict[str, Any] = _escaped(obj.to_manifest())
    return escaped


def _escaped(data: Any) -> Any:
    if isinstance(data, str):
        return escape_terraform_template(data)
    if isinstance(data, dict):
        return {escape_terraform_template(key): _escaped(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_escaped(item) for item in data]
    return data
