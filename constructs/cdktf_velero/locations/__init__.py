"""Storage locations, one module per kind, each answering the protocol of :mod:`.base`.

- :mod:`.aws`: ``AwsLocation``, an S3 bucket carried by the chart's values;
- :mod:`.digitalocean`: ``DigitalOceanLocation``, a Spaces bucket and volume snapshots emitted as custom resources;
- :mod:`.s3_compatible`: ``S3CompatibleLocation``, any S3-compatible store (MinIO, B2, R2, ...), in ``locations=``.

A new kind is a new module here: a frozen dataclass of props deriving from :class:`~.base.Location`, whose
``resolve`` returns a :class:`~.base.ResolvedLocation` (built with :func:`~.common.resolved_location`).
"""

from __future__ import annotations

from .aws import DEFAULT_AWS_SCHEDULE, AwsLocation
from .base import AccessMode, Location, ResolvedLocation
from .digitalocean import DEFAULT_DIGITALOCEAN_SCHEDULE, DigitalOceanLocation
from .s3_compatible import S3CompatibleLocation

__all__ = [
    "DEFAULT_AWS_SCHEDULE",
    "DEFAULT_DIGITALOCEAN_SCHEDULE",
    "AccessMode",
    "AwsLocation",
    "DigitalOceanLocation",
    "Location",
    "ResolvedLocation",
    "S3CompatibleLocation",
]
