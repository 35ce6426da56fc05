"""DigitalOcean sub-construct: Spaces as a second storage location and DigitalOcean volume snapshots.

Emits, in the Velero namespace, the Spaces credentials secret and three ``kubernetes_manifest``
resources (BackupStorageLocation, VolumeSnapshotLocation, Schedule), each depending on the
Velero release so that the CRDs exist when they are applied; or, placed in a stack of their
own (``custom_resources_stack``), applied after the chart's stack.
"""

from __future__ import annotations

from collections.abc import Sequence

from cdktf import ITerraformDependable, TerraformProvider
from cdktf_cdktf_provider_kubernetes.manifest import Manifest
from cdktf_cdktf_provider_kubernetes.secret import Secret
from constructs import Construct

from .credentials import aws_ini, credentials_secret
from .manifests import VeleroObject, velero_manifest
from .plan import DigitalOceanResources

__all__ = ["DigitalOceanBackups"]


class DigitalOceanBackups(Construct):
    """The DigitalOcean half of :class:`~cdktf_velero.VeleroBackups`: created by it from a
    ``DigitalOceanLocation``, reachable as ``backups.digitalocean``; not meant to be built by hand.

    Construct ids (stable; they become Terraform addresses under the parent's path):
    ``spaces-credentials`` (``kubernetes_secret``), ``backup-storage-location``,
    ``volume-snapshot-location`` and ``schedule`` (``kubernetes_manifest``).

    :param resources: the validated custom resources, from the plan of ``VeleroBackups``.
    :param spaces_access_key_id: Spaces key id (a token) for the credentials secret.
    :param spaces_secret_access_key: Spaces secret key (a token) for the credentials secret.
    :param depends_on: what the custom resources wait for: the release (same stack) and a created bucket.
    :param secret_depends_on: what the secret waits for: the created namespace (same stack).
    :param provider: the kubernetes provider, when aliased. Default: the stack's.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        resources: DigitalOceanResources,
        spaces_access_key_id: str,
        spaces_secret_access_key: str,
        depends_on: Sequence[ITerraformDependable] = (),
        secret_depends_on: Sequence[Construct] = (),
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        bsl = resources.backup_storage_location
        self.location_name = bsl.metadata.name
        """Name of the BackupStorageLocation (and VolumeSnapshotLocation)."""
        self.credentials_secret: Secret = credentials_secret(
            self,
            "spaces-credentials",
            name=resources.credentials_secret_name,
            namespace=str(bsl.metadata.namespace),
            data={resources.credentials_key: aws_ini(spaces_access_key_id, spaces_secret_access_key)},
            depends_on=list(secret_depends_on),
            provider=provider,
        )
        """``kubernetes_secret``: the Spaces key pair as an AWS-style ``cloud`` file."""

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
        """``kubernetes_manifest``: the Spaces BackupStorageLocation."""
        self.volume_snapshot_location: Manifest | None = None
        """``kubernetes_manifest``: the DigitalOcean VolumeSnapshotLocation (``None`` without volume snapshots)."""
        if resources.volume_snapshot_location is not None:
            self.volume_snapshot_location = manifest(
                "volume-snapshot-location", resources.volume_snapshot_location, after=[]
            )
        self.schedule: Manifest | None = None
        """``kubernetes_manifest``: the Schedule backing up to Spaces (``None`` without a schedule)."""
        if resources.schedule is not None:
            after: list[ITerraformDependable] = [self.backup_storage_location]
            if self.volume_snapshot_location is not None:
                after.append(self.volume_snapshot_location)
            self.schedule = manifest("schedule", resources.schedule, after=after, computed_fields=SCHEDULE_COMPUTED)


SCHEDULE_COMPUTED = ["metadata.labels", "metadata.annotations", "spec.skipImmediately"]
"""Fields the Schedule controller writes; without them in ``computed_fields`` every plan shows drift."""
