"""Velero custom resources (velero.io/v1): the typed objects from ``imports/velero`` as the plain
manifests ``kubernetes_manifest`` takes."""

from __future__ import annotations

from typing import Any

from .imports.velero import Backup, BackupStorageLocation, Restore, Schedule, VolumeSnapshotLocation

__all__ = ["VELERO_KINDS", "VeleroObject", "velero_manifest"]

VeleroObject = BackupStorageLocation | VolumeSnapshotLocation | Schedule | Backup | Restore
"""The velero.io/v1 kinds the library emits or lets users add."""

VELERO_KINDS: tuple[type[Any], ...] = (BackupStorageLocation, VolumeSnapshotLocation, Schedule, Backup, Restore)


def velero_manifest(obj: VeleroObject) -> dict[str, Any]:
    """The manifest of a typed object: apiVersion, kind, metadata and spec, unset fields left out."""
    return obj.to_manifest()
