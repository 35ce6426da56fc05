"""DigitalOcean sub-construct: Spaces as a second storage location and DigitalOcean volume snapshots.

Emits, in the Velero namespace, the Spaces credentials secret and three ``kubernetes_manifest``
resources (BackupStorageLocation, VolumeSnapshotLocation, Schedule), each depending on the
Velero release so that the CRDs exist when they are applied; or, placed in a stack of their
own (``custom_resources_stack``), applied after the chart's stack.
"""

from __future__ import annotations

from typing import Any

from cdktf import TerraformProvider
from cdktf_cdktf_provider_helm.release import Release
from cdktf_cdktf_provider_kubernetes.manifest import Manifest
from cdktf_cdktf_provider_kubernetes.secret import Secret
from constructs import Construct

from .credentials import MANAGED_BY_LABELS, aws_ini, credentials_secret
from .manifests import velero_manifest
from .model import LocationSpec

__all__ = ["DigitalOceanBackups"]


class DigitalOceanBackups(Construct):
    """The DigitalOcean half of :class:`~cdktf_velero.VeleroBackups`; created by it, reachable as
    ``backups.digitalocean``.

    Construct ids (stable; they become Terraform addresses under the parent's path):
    ``spaces-credentials`` (``kubernetes_secret``), ``backup-storage-location``,
    ``volume-snapshot-location`` and ``schedule`` (``kubernetes_manifest``).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        location: LocationSpec,
        spaces_access_key_id: str,
        spaces_secret_access_key: str,
        namespace: str,
        release: Release | None,
        secret_depends_on: list[Construct] | None = None,
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.location_name = location.name
        """Name of the BackupStorageLocation (and VolumeSnapshotLocation)."""
        credential = location.bsl_spec["credential"]
        self.credentials_secret: Secret = credentials_secret(
            self,
            "spaces-credentials",
            name=credential["name"],
            namespace=namespace,
            data={credential["key"]: aws_ini(spaces_access_key_id, spaces_secret_access_key)},
            depends_on=secret_depends_on,
            provider=provider,
        )
        """``kubernetes_secret``: the Spaces key pair as an AWS-style ``cloud`` file."""

        def manifest(construct_id: str, kind: str, name: str, spec: dict[str, Any], **extra: Any) -> Manifest:
            return Manifest(
                self,
                construct_id,
                manifest=velero_manifest(
                    kind, name=name, namespace=namespace, spec=spec, labels=extra.pop("labels", None)
                ),
                depends_on=[*([release] if release is not None else []), *extra.pop("after", [])] or None,
                provider=provider,
                **extra,
            )

        self.backup_storage_location: Manifest = manifest(
            "backup-storage-location",
            "BackupStorageLocation",
            location.name,
            location.bsl_spec,
            after=[self.credentials_secret],
        )
        """``kubernetes_manifest``: the Spaces BackupStorageLocation."""
        self.volume_snapshot_location: Manifest | None = None
        """``kubernetes_manifest``: the DigitalOcean VolumeSnapshotLocation (``None`` without volume snapshots)."""
        if location.vsl_spec is not None:
            self.volume_snapshot_location = manifest(
                "volume-snapshot-location", "VolumeSnapshotLocation", location.name, location.vsl_spec
            )
        self.schedule: Manifest | None = None
        """``kubernetes_manifest``: the Schedule backing up to Spaces (``None`` without a schedule)."""
        if location.schedule is not None:
            after = [self.backup_storage_location]
            if self.volume_snapshot_location is not None:
                after.append(self.volume_snapshot_location)
            self.schedule = manifest(
                "schedule",
                "Schedule",
                location.schedule.name,
                location.schedule.spec,
                labels={**MANAGED_BY_LABELS, **location.schedule.labels},
                after=after,
                # The Schedule controller writes these; without this they show as drift on every plan.
                computed_fields=["metadata.labels", "metadata.annotations", "spec.skipImmediately"],
            )
