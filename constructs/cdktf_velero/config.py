"""Configuration values: frozen dataclasses the constructs validate and turn into resources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    # Annotations only: the storage modules load no provider until a bucket is created.
    from .aws_storage import S3BucketOptions
    from .spaces_storage import SpacesBucketOptions

__all__ = [
    "AccessMode",
    "AwsLocation",
    "BackupSchedule",
    "DigitalOceanLocation",
    "DEFAULT_AWS_SCHEDULE",
    "DEFAULT_DIGITALOCEAN_SCHEDULE",
]

AccessMode = Literal["ReadWrite", "ReadOnly"]


@dataclass(frozen=True)
class BackupSchedule:
    """A cron-driven Velero backup to one storage location.

    Every schedule backs up to the location it is attached to (one backup goes to one
    location in Velero), so backing up to both S3 and Spaces takes one schedule per location.
    """

    cron: str
    """5-field cron in UTC (``0 7 * * *``), a descriptor (``@daily``) or ``@every 6h``."""
    ttl: str = "240h"
    """How long each backup is kept (Go duration). Default ``240h`` (10 days), as the original module."""
    name: str | None = None
    """Schedule name. Default ``daily-aws-backups`` / ``daily-digitalocean-backups``. For the AWS
    location the chart names the object ``<release_name>-<name>``."""
    included_namespaces: Sequence[str] = ("*",)
    """Namespaces to back up (names, globs, or ``*``). Default: all."""
    excluded_namespaces: Sequence[str] = ()
    """Namespaces to leave out. Default: none."""
    included_resources: Sequence[str] = ()
    """Resources to back up (``deployments.apps``). Default: empty, which Velero reads as all."""
    excluded_resources: Sequence[str] = ()
    """Resources to leave out. Default: none."""
    include_cluster_resources: bool | None = None
    """Back up cluster-scoped resources. Default ``None``: Velero decides (yes when all namespaces are included)."""
    label_selector: Mapping[str, str] | None = None
    """Back up only objects carrying all these labels (``matchLabels``). Default: no selector."""
    snapshot_volumes: bool = False
    """Take volume snapshots through the location's snapshot location. Default ``False``, as the original
    module. Always written explicitly: Velero reads a missing value as *yes*."""
    file_system_backup: bool = False
    """Copy volume data with the node agent (``defaultVolumesToFsBackup``, kopia). Needs the node agent,
    which ``VeleroBackups`` deploys when any schedule asks for it. Default ``False``."""
    volume_snapshot_locations: Sequence[str] | None = None
    """Snapshot locations by name. Default: the location's own snapshot location when ``snapshot_volumes``."""
    paused: bool = False
    """Create the schedule paused. Default ``False``."""
    use_owner_references_in_backup: bool = False
    """Let Kubernetes garbage-collect backups with their schedule. Default ``False``: deleting the schedule
    must never delete backups."""
    labels: Mapping[str, str] | None = None
    """Labels on the Schedule object. Default: none."""


DEFAULT_AWS_SCHEDULE = BackupSchedule(cron="0 7 * * *", name="daily-aws-backups", file_system_backup=True)
"""The original module's AWS schedule: 07:00 UTC daily, 240h, all namespaces, volume data by file-system backup."""

DEFAULT_DIGITALOCEAN_SCHEDULE = BackupSchedule(cron="0 19 * * *", name="daily-digitalocean-backups")
"""The original module's DigitalOcean schedule: 19:00 UTC daily, 240h, all namespaces and resources."""


@dataclass(frozen=True)
class AwsLocation:
    """The primary location: an S3 bucket, configured in the Velero chart's values."""

    bucket: str
    """S3 bucket name (must exist, or come from a resource attribute)."""
    region: str
    """The bucket's region, e.g. ``ca-central-1``."""
    access_key_id: str | None = None
    """AWS access key id: a Terraform token (sensitive variable or resource attribute). Default ``None``;
    required unless ``create_iam_user``, whose key is used instead."""
    secret_access_key: str | None = None
    """AWS secret access key: a Terraform token. Default ``None``; required unless ``create_iam_user``."""
    name: str = "aws"
    """BackupStorageLocation name. Default ``aws``."""
    prefix: str | None = None
    """Key prefix inside the bucket, e.g. ``clusters/prod``. Default: the bucket root."""
    config: Mapping[str, str] = field(default_factory=dict)
    """Extra BSL config for the AWS plugin (``s3ForcePathStyle``, ``kmsKeyId``, ``serverSideEncryption``,
    ``checksumAlgorithm``, ...), strings only. ``region`` comes from :attr:`region`. Default ``{}``."""
    default: bool | None = None
    """Mark this the default BSL. Default ``None``: yes, unless the DigitalOcean location is marked default."""
    access_mode: AccessMode = "ReadWrite"
    """``ReadWrite`` or ``ReadOnly`` (for restores only). Default ``ReadWrite``."""
    validation_frequency: str | None = None
    """How often Velero checks the bucket (Go duration). Default: Velero's (1m)."""
    backup_sync_period: str | None = None
    """How often Velero syncs backups from the bucket (Go duration). Default: Velero's (1m)."""
    schedule: BackupSchedule | None = DEFAULT_AWS_SCHEDULE
    """The backup schedule for this location, or ``None`` for none. Default :data:`DEFAULT_AWS_SCHEDULE`."""
    create_bucket: bool = False
    """Create the bucket (:class:`~cdktf_velero.S3BackupBucket`, construct id ``s3-bucket``): encrypted, private,
    ACLs disabled, TLS only, protected from destroy. Default ``False``: the bucket exists already."""
    bucket_options: S3BucketOptions | None = None
    """How to create the bucket (only with ``create_bucket``). Default ``S3BucketOptions()``."""
    create_iam_user: bool = False
    """Create an IAM user with the AWS plugin's least-privilege policy and an access key that feeds Velero
    (:class:`~cdktf_velero.VeleroIamUser`, construct id ``iam-user``); then leave ``access_key_id`` and
    ``secret_access_key`` out. Default ``False``: a key pair is passed in."""
    iam_user_name: str = "velero"
    """Name of the created IAM user. Default ``velero``."""


@dataclass(frozen=True)
class DigitalOceanLocation:
    """The secondary location: a Spaces bucket (S3-compatible) and DigitalOcean volume snapshots,
    emitted as custom resources by the :class:`~cdktf_velero.DigitalOceanBackups` sub-construct."""

    bucket: str
    """Spaces bucket name."""
    region: str
    """Spaces region, e.g. ``nyc3``; also the region of the volume snapshots."""
    spaces_access_key_id: str | None = None
    """Spaces access key id: a Terraform token. Default ``None``; required unless ``create_spaces_key``."""
    spaces_secret_access_key: str | None = None
    """Spaces secret key: a Terraform token. Default ``None``; required unless ``create_spaces_key``."""
    api_token: str | None = None
    """DigitalOcean API token (Terraform token) for the volume snapshotter; required when
    :attr:`volume_snapshots` is on."""
    name: str = "digitalocean"
    """Name of the BackupStorageLocation and the VolumeSnapshotLocation. Default ``digitalocean``."""
    prefix: str | None = None
    """Key prefix inside the bucket. Default: the bucket root."""
    config: Mapping[str, str] = field(default_factory=dict)
    """Extra BSL config (strings). ``region`` and ``s3Url`` are set from :attr:`region`. Default ``{}``."""
    default: bool = False
    """Make this the default BSL instead of the AWS one. Default ``False``."""
    access_mode: AccessMode = "ReadWrite"
    """``ReadWrite`` or ``ReadOnly``. Default ``ReadWrite``."""
    volume_snapshots: bool = True
    """Create the VolumeSnapshotLocation and install the DigitalOcean plugin. Default ``True``."""
    credentials_secret_name: str = "digitalocean-spaces-credentials"
    """Name of the Kubernetes secret holding the Spaces key pair. Default ``digitalocean-spaces-credentials``,
    as the original module."""
    schedule: BackupSchedule | None = DEFAULT_DIGITALOCEAN_SCHEDULE
    """The backup schedule for this location, or ``None``. Default :data:`DEFAULT_DIGITALOCEAN_SCHEDULE`."""
    create_bucket: bool = False
    """Create the Spaces bucket (:class:`~cdktf_velero.SpacesBucket`, construct id ``spaces``): private,
    protected from destroy. Default ``False``: the bucket exists already."""
    bucket_options: SpacesBucketOptions | None = None
    """How to create the bucket (only with ``create_bucket``). Default ``SpacesBucketOptions()``."""
    create_spaces_key: bool = False
    """Create a Spaces key granted ``readwrite`` on this bucket only, feeding Velero (needs ``create_bucket``);
    then leave ``spaces_access_key_id`` and ``spaces_secret_access_key`` out. Default ``False``."""
