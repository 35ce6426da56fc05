"""The sub-construct of a location carried as custom resources (:class:`LocationResources`), and its
DigitalOcean name (:class:`DigitalOceanBackups`).

Emits, in the Velero namespace, the location's credentials secret and its ``kubernetes_manifest`` resources
(BackupStorageLocation, VolumeSnapshotLocation, Schedule), each depending on the Velero release so that the
CRDs exist when they are applied; or, placed in a stack of their own (``custom_resources_stack``), applied
after the chart's stack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

from constructs import Construct

from .credentials import credentials_secret
from .engine import kubernetes
from .engine.core import ITerraformDependable, TerraformProvider
from .locations.base import ResolvedLocation
from .manifests import SCHEDULE_COMPUTED, VeleroObject, velero_manifest

Manifest: TypeAlias = kubernetes.manifest.Manifest
Secret: TypeAlias = kubernetes.secret.Secret

__all__ = ["DigitalOceanBackups", "LocationResources"]


class LocationResources(Construct):
    """A location's custom resources and credentials secret; created by :class:`~cdktf_velero.VeleroBackups`.

    Construct ids (stable; they become Terraform addresses under the parent's path): the credentials secret's
    (the location's ``credentials.construct_id``, a ``kubernetes_secret``), ``backup-storage-location``,
    ``volume-snapshot-location``, ``volume-snapshot-class`` (cluster-scoped, CSI snapshots) and ``schedule``
    (``kubernetes_manifest``).

    :param location: the validated location, from the plan of ``VeleroBackups``.
    :param credentials_data: the credentials secret's data (token references).
    :param depends_on: what the custom resources wait for: the release (same stack) and created storage.
    :param secret_depends_on: what the secret waits for: the created namespace (same stack).
    :param provider: the kubernetes provider, when aliased. Default: the stack's.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        location: ResolvedLocation,
        credentials_data: Mapping[str, str],
        depends_on: Sequence[ITerraformDependable] = (),
        secret_depends_on: Sequence[Construct] = (),
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        objects = location.objects
        # The plan builds the objects of every location it does not put in the chart's values.
        assert objects is not None, f"{location.path} is carried by the chart"
        bsl = objects.backup_storage_location
        self.location_name = bsl.metadata.name
        """Name of the BackupStorageLocation (and VolumeSnapshotLocation)."""
        self.credentials_secret: Secret = credentials_secret(
            self,
            location.credentials.construct_id,
            name=location.credentials.name,
            namespace=str(bsl.metadata.namespace),
            data=credentials_data,
            depends_on=list(secret_depends_on),
            provider=provider,
        )
        """``kubernetes_secret``: the location's key pair as an AWS-style ``cloud`` file."""

        def manifest(
            construct_id: str, obj: VeleroObject, after: Sequence[ITerraformDependable], **extra: object
        ) -> Manifest:
            return Manifest(
                self,
                construct_id,
                manifest=velero_manifest(obj),
                depends_on=[*depends_on, *after] or None,
                provider=provider,
                **extra,  # type: ignore[arg-type]
            )

        self.backup_storage_location: Manifest = manifest(
            "backup-storage-location", bsl, after=[self.credentials_secret]
        )
        """``kubernetes_manifest``: the BackupStorageLocation."""
        self.volume_snapshot_location: Manifest | None = None
        """``kubernetes_manifest``: the VolumeSnapshotLocation (``None`` without volume snapshots)."""
        if objects.volume_snapshot_location is not None:
            self.volume_snapshot_location = manifest(
                "volume-snapshot-location", objects.volume_snapshot_location, after=[]
            )
        self.volume_snapshot_class: Manifest | None = None
        """``kubernetes_manifest``: the VolumeSnapshotClass Velero picks for CSI snapshots (``None`` without)."""
        if objects.volume_snapshot_class is not None:
            # A snapshot.storage.k8s.io object: it waits for nothing of Velero's.
            self.volume_snapshot_class = Manifest(
                self, "volume-snapshot-class", manifest=dict(objects.volume_snapshot_class), provider=provider
            )
        self.schedule: Manifest | None = None
        """``kubernetes_manifest``: the Schedule backing up to this location (``None`` without a schedule)."""
        if objects.schedule is not None:
            after: list[ITerraformDependable] = [self.backup_storage_location]
            if self.volume_snapshot_location is not None:
                after.append(self.volume_snapshot_location)
            if self.volume_snapshot_class is not None:
                after.append(self.volume_snapshot_class)
            self.schedule = manifest("schedule", objects.schedule, after=after, computed_fields=SCHEDULE_COMPUTED)

    @property
    def location_manifests(self) -> list[ITerraformDependable]:
        """The BackupStorageLocation and VolumeSnapshotLocation, which a user's Schedule or Backup may name."""
        found: list[ITerraformDependable] = [self.backup_storage_location]
        if self.volume_snapshot_location is not None:
            found.append(self.volume_snapshot_location)
        return found


class DigitalOceanBackups(LocationResources):
    """The DigitalOcean half of :class:`~cdktf_velero.VeleroBackups`: created by it from a
    ``DigitalOceanLocation``, reachable as ``backups.digitalocean``; not meant to be built by hand.

    Construct ids (stable; they become Terraform addresses under the parent's path):
    ``spaces-credentials`` (``kubernetes_secret``), ``backup-storage-location``,
    ``volume-snapshot-location`` (DigitalOcean plugin), ``volume-snapshot-class`` (CSI snapshots) and
    ``schedule`` (``kubernetes_manifest``).
    """
