"""cdktf-velero: Velero backups for Kubernetes as CDK for Terraform constructs.

``VeleroBackups`` installs Velero with its helm chart, backing up to AWS S3 (primary) and,
through the ``DigitalOceanBackups`` sub-construct, to DigitalOcean Spaces with volume snapshots; and to
any number of further locations, such as an ``S3CompatibleLocation`` (MinIO, Backblaze B2, ...).
``DigitaloceanProvider`` is the engine's DigitalOcean provider class (cdktf's prebuilt one, or the
library's own on cdktn), loaded when first used.

This module is the public API and nothing else; the layout of the package is described in
``cdktf_velero.plan`` (the pure layer) and ``cdktf_velero.velero_backups`` (the constructs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .data_mover import DataMover
from .errors import VeleroConfigError
from .location_resources import DigitalOceanBackups
from .locations import (
    DEFAULT_AWS_SCHEDULE,
    DEFAULT_DIGITALOCEAN_SCHEDULE,
    AccessMode,
    AwsLocation,
    DigitalOceanLocation,
    S3CompatibleLocation,
)
from .monitoring import AlertOptions, AlertRule, Monitoring, ScheduleAlerts
from .props import VeleroBackupsProps
from .recovery import recovery_location
from .schedules import BackupSchedule
from .sizing import RepositoryMaintenance, Resources
from .storage.iam import VeleroIamUser
from .storage.options import S3BucketOptions, S3LifecycleRule, SpacesBucketOptions
from .storage.s3 import S3BackupBucket
from .storage.spaces import SpacesBucket
from .velero_backups import VeleroBackups
from .versions import CHART_VERSION

if TYPE_CHECKING:
    from .engine import digitalocean as _digitalocean

    DigitaloceanProvider = _digitalocean.provider.DigitaloceanProvider

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
    "DataMover",
    "DigitalOceanBackups",
    "DigitalOceanLocation",
    "Monitoring",
    "RepositoryMaintenance",
    "Resources",
    "S3BackupBucket",
    "S3BucketOptions",
    "S3CompatibleLocation",
    "S3LifecycleRule",
    "ScheduleAlerts",
    "SpacesBucket",
    "SpacesBucketOptions",
    "VeleroBackups",
    "VeleroBackupsProps",
    "VeleroConfigError",
    "VeleroIamUser",
    "__version__",
    "recovery_location",
]

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """``DigitaloceanProvider`` of the engine (cdktf's prebuilt one, or the library's on cdktn), on use."""
        if name == "DigitaloceanProvider":
            from .engine import digitalocean

            return digitalocean.provider.DigitaloceanProvider
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
