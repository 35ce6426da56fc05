"""Read-only locations and the recovery install (``recovery=True``): the rules, checked in the plan and by ``add_*``.

A ReadOnly location lets Velero list, sync and restore the backups in a bucket without ever writing one: a Schedule
or Backup sent to it fails, so none may target it, and it may be the default location only on a recovery install
(where every location is ReadOnly). A recovery install reads the buckets of another install: existing buckets, no
schedules, the same repository password (:mod:`.repository`), the node agent on for file-system restores.

File-system restores from a ReadOnly location: Velero never creates a kopia repository on a ReadOnly location
(velero PR 8615); when it cannot find or open the one in the bucket, the BackupRepository stays NotReady with
"cannot create new backup repo for read-only backup storage location" (velero issue 9626, reported on Velero 1.18,
targeted at 1.18.1). The repository is found under production's prefix and opened with production's password, hence
the required password; the runbook (``docs/disaster-recovery.md``) lists the checks and a fallback that works
whatever the cause. A recovery install refuses a 1.18.0 image.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, TypeVar

from .errors import VeleroConfigError
from .locations.base import Location, ResolvedLocation

__all__ = [
    "READ_ONLY",
    "check_locations",
    "check_recovery_image",
    "recovery_location",
]

READ_ONLY = "ReadOnly"

_L = TypeVar("_L", bound=Location)

_REFUSED_IMAGE_TAGS = {
    "v1.18.0": "Velero 1.18.0 fails file-system restores from a ReadOnly location (velero issue 9626, targeted at "
    "1.18.1); use 1.18.1 or later",
}

_CREATES = ("create_bucket", "create_iam_user", "create_spaces_key")
"""Storage props a recovery copy of a location turns off: the buckets exist, and keys are the recovery's own."""


def recovery_location(location: _L, **changes: Any) -> _L:
    """A copy of a production location for a recovery install: same bucket, prefix and config, ``ReadOnly``, no
    schedule, nothing created; ``changes`` set the rest (its own key pair, or ``create_iam_user=True`` with another
    ``iam_user_name`` for a read-only IAM user)."""
    if not isinstance(location, Location) or not dataclasses.is_dataclass(location):
        raise VeleroConfigError("recovery_location", location, "must be a location (AwsLocation, ...)")
    names = {item.name for item in dataclasses.fields(location)}
    reset: dict[str, Any] = {"access_mode": READ_ONLY, "schedule": None}
    reset.update({name: False for name in _CREATES if name in names})
    if "bucket_options" in names:
        reset["bucket_options"] = None
    unknown = sorted(set(changes) - names)
    if unknown:
        raise VeleroConfigError(f"recovery_location.{unknown[0]}", changes[unknown[0]], "is not a prop of the location")
    return dataclasses.replace(location, **{**reset, **changes})


def check_locations(locations: Iterable[ResolvedLocation], *, recovery: bool) -> None:
    """A ReadOnly default only on a recovery install, and on a recovery install every location ReadOnly on an
    existing bucket (a schedule on a ReadOnly location is refused where the location resolves, in
    :mod:`cdktf_velero.locations.common`)."""
    for loc in locations:
        read_only = loc.bsl_spec.access_mode == READ_ONLY
        if recovery and not read_only:
            raise VeleroConfigError(
                f"{loc.path}.access_mode",
                loc.bsl_spec.access_mode,
                "must be 'ReadOnly' with recovery=True: a recovery install only reads the buckets it restores from "
                "(recovery_location(...) makes that copy of a location)",
            )
        if recovery:
            for prop in ("create_bucket", "create_spaces_key"):
                if getattr(loc.source, prop, False):
                    raise VeleroConfigError(
                        f"{loc.path}.{prop}", True, "must be False with recovery=True: the bucket holds the backups"
                    )
        if read_only and loc.default and not recovery:
            raise VeleroConfigError(
                f"{loc.path}.access_mode",
                READ_ONLY,
                "cannot be that of the default location outside recovery=True: backups that name no location go "
                "to the default and would fail; make another location the default, or set recovery=True",
            )


def check_recovery_image(path: str, image: str) -> None:
    """A server image able to restore from ReadOnly locations (tokens and digests cannot be judged)."""
    if "@" in image:
        return
    reason = _REFUSED_IMAGE_TAGS.get(image.rpartition(":")[2])
    if reason is not None:
        raise VeleroConfigError(path, image, f"cannot run a recovery install: {reason}")
