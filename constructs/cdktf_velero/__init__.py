"""cdktf-velero: Velero backups for Kubernetes as CDK for Terraform constructs.

``VeleroBackups`` installs Velero with its helm chart, backing up to AWS S3 (primary) and,
through the ``DigitalOceanBackups`` sub-construct, to DigitalOcean Spaces with volume snapshots.
"""

from __future__ import annotations

from .aws_storage import S3BackupBucket, S3BucketOptions, S3LifecycleRule, VeleroIamUser
from .config import (
    DEFAULT_AWS_SCHEDULE,
    DEFAULT_DIGITALOCEAN_SCHEDULE,
    AccessMode,
    AwsLocation,
    BackupSchedule,
    DigitalOceanLocation,
)
from .digitalocean import DigitalOceanBackups
from .errors import VeleroConfigError
from .monitoring import AlertOptions, AlertRule, Monitoring, ScheduleAlerts
from .spaces_storage import SpacesBucket, SpacesBucketOptions
from .velero_backups import VeleroBackups
from .versions import CHART_VERSION

__version__ = "0.1.0"

__all__ = [
    "CHART_VERSION",
    "DEFAULT_AWS_SCHEDULE",
    "DEFAULT_DIGITALOCEAN_SCHEDULE",
    "AccessMode",
    "AlertOptions",
    "AlertRule",
    "AwsLocation",
    "BackupSchedule",
    "DigitalOceanBackups",
    "DigitalOceanLocation",
    "Monitoring",
    "S3BackupBucket",
    "S3BucketOptions",
    "S3LifecycleRule",
    "ScheduleAlerts",
    "SpacesBucket",
    "SpacesBucketOptions",
    "VeleroBackups",
    "VeleroConfigError",
    "VeleroIamUser",
    "__version__",
]
