"""CSI volume snapshots: the VolumeSnapshotClass Velero picks for a CSI driver.

Velero (1.14 and later, with the ``EnableCSI`` feature) snapshots a CSI volume with the VolumeSnapshotClass of
the volume's driver that carries the label ``velero.io/csi-volumesnapshot-class: "true"``; there must be one such
class per driver. The class here is Velero's own, beside the cluster's default class (on DOKS,
``do-block-storage``), which it leaves untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .errors import VeleroConfigError
from .manifests import MANAGED_BY_LABELS

if TYPE_CHECKING:
    from .locations.base import ResolvedLocation

__all__ = [
    "DOKS_CSI_DRIVER",
    "SNAPSHOT_API_VERSION",
    "VELERO_CLASS_LABEL",
    "check_snapshot_classes",
    "volume_snapshot_class",
]

DOKS_CSI_DRIVER = "dobs.csi.digitalocean.com"
"""The CSI driver of DigitalOcean block storage volumes (DOKS)."""

SNAPSHOT_API_VERSION = "snapshot.storage.k8s.io/v1"

VELERO_CLASS_LABEL = "velero.io/csi-volumesnapshot-class"
"""The label by which Velero picks the VolumeSnapshotClass of a driver."""

DELETION_POLICY = "Retain"
"""``Retain``: a snapshot outlives the deletion of its VolumeSnapshot (a namespace deleted in a disaster takes
its VolumeSnapshots along), and Velero itself switches it to ``Delete`` when the backup expires. The data mover
deletes the snapshots it has copied whatever the policy."""


def volume_snapshot_class(name: str, driver: str) -> dict[str, Any]:
    """The manifest of a cluster-scoped VolumeSnapshotClass for ``driver`` that Velero picks."""
    return {
        "apiVersion": SNAPSHOT_API_VERSION,
        "kind": "VolumeSnapshotClass",
        "metadata": {"name": name, "labels": {**MANAGED_BY_LABELS, VELERO_CLASS_LABEL: "true"}},
        "driver": driver,
        "deletionPolicy": DELETION_POLICY,
    }


def check_snapshot_classes(locations: Sequence[ResolvedLocation]) -> None:
    """A VolumeSnapshotClass is cluster-wide: two CSI locations may not each create one of the same name."""
    seen: dict[str, str] = {}
    for loc in locations:
        manifest = loc.objects.volume_snapshot_class if loc.objects is not None else None
        if manifest is None:
            continue
        name = manifest["metadata"]["name"]
        if name in seen:
            raise VeleroConfigError(
                f"{loc.path}.volume_snapshot_class",
                name,
                f"is created by {seen[name]} already (a cluster-wide object): set None here to share it",
            )
        seen[name] = loc.path
