"""CSI volume snapshots: the VolumeSnapshotClass Velero picks for a CSI driver.

Velero (1.14 and later, with the ``EnableCSI`` feature) snapshots a CSI volume with the VolumeSnapshotClass of
the volume's driver that carries the label ``velero.io/csi-volumesnapshot-class: "true"``; there must be one such
class per driver. The class here is Velero's own, beside the cluster's default class (on DOKS,
``do-block-storage``), which it leaves untouched.
"""

from __future__ import annotations

from typing import Any

from .manifests import MANAGED_BY_LABELS

__all__ = ["DOKS_CSI_DRIVER", "SNAPSHOT_API_VERSION", "VELERO_CLASS_LABEL", "volume_snapshot_class"]

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
