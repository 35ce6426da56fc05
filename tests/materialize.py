"""Spec data to real keyword arguments: tokens and credentials put in, locations and schedules built."""

from __future__ import annotations

from typing import Any

from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation, S3BucketOptions, SpacesBucketOptions

from .helpers import SECRET_NAMES
from .strategies import Cred, Spec
from .valid_values import Tok


def _resolve(value: Any, tokens: list[str], secrets: dict[str, str]) -> Any:
    if isinstance(value, Tok):
        return f"{value.prefix}{tokens[value.index]}{value.suffix}"
    if isinstance(value, Cred):
        return value.literal if value.literal is not None else secrets[value.name]
    if isinstance(value, list):
        return [_resolve(item, tokens, secrets) for item in value]
    if isinstance(value, dict):
        return {key: _resolve(item, tokens, secrets) for key, item in value.items()}
    return value


def materialize(spec: Spec, tokens: list[str], secrets: dict[str, str]) -> dict[str, Any]:
    """VeleroBackups keyword arguments: tokens from ``tokens``, credentials from ``secrets`` (or literals)."""
    raw = dict(spec.kwargs)
    literals = raw.pop("literal_secrets", None)
    if literals is not None:
        secrets = dict(zip(SECRET_NAMES, literals, strict=True))
    kwargs = _resolve(raw, tokens, secrets)
    aws = kwargs["aws"]
    if isinstance(aws, dict):
        aws = dict(aws)
        aws["schedule"] = _schedule(aws.get("schedule"))
        if isinstance(aws.get("bucket_options"), dict):
            aws["bucket_options"] = S3BucketOptions(**aws["bucket_options"])
        kwargs["aws"] = AwsLocation(**aws)
    do = kwargs.get("digitalocean")
    if isinstance(do, dict):
        do = dict(do)
        do["schedule"] = _schedule(do.get("schedule"))
        if isinstance(do.get("bucket_options"), dict):
            do["bucket_options"] = SpacesBucketOptions(**do["bucket_options"])
        kwargs["digitalocean"] = DigitalOceanLocation(**do)
    return dict(kwargs)


def _schedule(value: Any) -> Any:
    return BackupSchedule(**value) if isinstance(value, dict) else value
