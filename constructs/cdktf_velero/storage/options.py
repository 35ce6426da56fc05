"""What created storage may be asked for: the options of an S3 bucket and of a Spaces bucket, and their checks.

Pure Python (no provider, no construct): the plan validates these before any resource exists, and the
storage constructs (:mod:`.s3`, :mod:`.spaces`) check them again when built on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from .. import validation as v
from ..errors import VeleroConfigError

__all__ = [
    "ObjectOwnership",
    "S3BucketOptions",
    "S3LifecycleRule",
    "SpacesBucketOptions",
    "check_s3_bucket_options",
    "check_spaces_bucket_options",
]

ObjectOwnership = Literal["BucketOwnerEnforced", "BucketOwnerPreferred"]

_OWNERSHIP = ("BucketOwnerEnforced", "BucketOwnerPreferred")


@dataclass(frozen=True)
class S3LifecycleRule:
    """One S3 lifecycle rule. Velero deletes expired backups itself (by ttl), so an
    ``expiration_days`` shorter than the longest schedule ttl would delete live backups."""

    id: str
    """Rule id, unique in the bucket."""
    prefix: str | None = None
    """Apply to keys under this prefix only. Default: the whole bucket."""
    expiration_days: int | None = None
    """Delete current objects after this many days. Default: never."""
    noncurrent_version_expiration_days: int | None = None
    """Delete old versions this many days after they became noncurrent (with versioning). Default: never."""
    abort_incomplete_multipart_upload_days: int | None = None
    """Abort unfinished multipart uploads after this many days. Default: never (see
    :attr:`S3BucketOptions.abort_incomplete_multipart_upload_days` for the bucket-wide rule)."""


@dataclass(frozen=True)
class S3BucketOptions:
    """How :class:`~cdktf_velero.S3BackupBucket` builds the bucket. Every default is the safe choice for a bucket
    that holds every secret of the cluster; the unsafe ones need an explicit property."""

    kms_key_arn: str | None = None
    """Encrypt with this KMS key (key ARN or alias ARN) instead of SSE-S3. Also sets the BSL config
    ``kmsKeyId`` and grants the IAM user ``kms:GenerateDataKey``/``kms:Decrypt`` on it. Default
    ``None``: SSE-S3 (``AES256``), as the original module."""
    object_ownership: ObjectOwnership = "BucketOwnerEnforced"
    """S3 object ownership. Default ``BucketOwnerEnforced``: ACLs are disabled and the bucket owner owns
    every object, so no object ACL can ever make a backup readable (AWS's default for new buckets since
    2023; Velero uses no ACLs). The original module used ``BucketOwnerPreferred``, which keeps ACLs."""
    enforce_tls: bool = True
    """Attach a bucket policy denying every request made without TLS (``aws:SecureTransport`` false).
    Default ``True``; the original module defaulted it off, but backups hold every secret of the cluster."""
    versioning: bool = False
    """Enable versioning. With the IAM user of :class:`~cdktf_velero.VeleroIamUser` (no ``s3:DeleteObjectVersion``), a
    stolen key can then no longer destroy backups for good. Pair it with a
    ``noncurrent_version_expiration_days`` lifecycle rule, or old versions accumulate. Default ``False``,
    as the original module."""
    access_log_bucket: str | None = None
    """Write S3 server access logs to this (existing) bucket. Default ``None``: no access logging."""
    access_log_prefix: str | None = None
    """Key prefix for access logs. Default ``<bucket name>/`` when logging is on."""
    lifecycle_rules: Sequence[S3LifecycleRule] = ()
    """Lifecycle rules, e.g. ``S3LifecycleRule("old-versions", noncurrent_version_expiration_days=30)``."""
    abort_incomplete_multipart_upload_days: int | None = 7
    """Bucket-wide rule ``abort-incomplete-multipart-uploads``: aborted uploads of interrupted backups stop
    costing money after this many days. Default ``7``; ``None`` for no such rule."""
    force_destroy: bool = False
    """Let ``terraform destroy`` delete a bucket that still holds backups. Default ``False``."""
    prevent_destroy: bool = True
    """Terraform ``lifecycle.prevent_destroy`` on the bucket: any plan that would destroy it fails.
    Default ``True``; set ``False`` on purpose (with ``force_destroy``) to tear a test setup down."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags on the bucket and the IAM user. Default: none."""


def _check_days(path: str, value: object) -> int | None:
    return None if value is None else v.check_positive_int(path, value)


def check_s3_bucket_options(path: str, options: object) -> S3BucketOptions:
    """Validate every literal in ``options``; ``path`` names them in errors (``aws.bucket_options``)."""
    if not isinstance(options, S3BucketOptions):
        raise VeleroConfigError(path, options, "must be an S3BucketOptions")
    if options.kms_key_arn is not None:
        v.check_kms_key_arn(f"{path}.kms_key_arn", options.kms_key_arn)
    if options.object_ownership not in _OWNERSHIP:
        raise VeleroConfigError(f"{path}.object_ownership", options.object_ownership, f"must be one of {_OWNERSHIP}")
    for flag in ("enforce_tls", "versioning", "force_destroy", "prevent_destroy"):
        v.check_bool(f"{path}.{flag}", getattr(options, flag))
    if options.access_log_bucket is not None:
        v.check_s3_bucket(f"{path}.access_log_bucket", options.access_log_bucket)
    elif options.access_log_prefix is not None:
        raise VeleroConfigError(f"{path}.access_log_prefix", options.access_log_prefix, "needs access_log_bucket")
    if options.access_log_prefix is not None:
        v.check_str(f"{path}.access_log_prefix", options.access_log_prefix)
    _check_days(f"{path}.abort_incomplete_multipart_upload_days", options.abort_incomplete_multipart_upload_days)
    if isinstance(options.lifecycle_rules, str):
        raise VeleroConfigError(f"{path}.lifecycle_rules", options.lifecycle_rules, "must be a list of S3LifecycleRule")
    ids: set[str] = set()
    if options.abort_incomplete_multipart_upload_days is not None:
        ids.add("abort-incomplete-multipart-uploads")
    for index, rule in enumerate(options.lifecycle_rules):
        rule_path = f"{path}.lifecycle_rules[{index}]"
        if not isinstance(rule, S3LifecycleRule):
            raise VeleroConfigError(rule_path, rule, "must be an S3LifecycleRule")
        rule_id = v.check_str(f"{rule_path}.id", rule.id)
        if len(rule_id) > 255:
            raise VeleroConfigError(f"{rule_path}.id", rule_id, "must be at most 255 characters (S3)")
        if rule_id in ids:
            raise VeleroConfigError(f"{rule_path}.id", rule_id, "must be unique among the bucket's lifecycle rules")
        ids.add(rule_id)
        if rule.prefix is not None:
            v.check_prefix(f"{rule_path}.prefix", rule.prefix)
        days = [
            _check_days(f"{rule_path}.{name}", getattr(rule, name))
            for name in (
                "expiration_days",
                "noncurrent_version_expiration_days",
                "abort_incomplete_multipart_upload_days",
            )
        ]
        if all(day is None for day in days):
            raise VeleroConfigError(rule_path, rule, "sets no action: give at least one of the *_days properties")
    v.check_aws_tags(f"{path}.tags", options.tags)
    return options


@dataclass(frozen=True)
class SpacesBucketOptions:
    """How :class:`~cdktf_velero.SpacesBucket` builds the bucket. The ACL is always ``private``."""

    expiration: bool = False
    """Add a lifecycle rule deleting objects after :attr:`expiration_days`. Default ``False``, as the
    original module. Keep the days above the longest backup ttl, or live backups disappear."""
    expiration_days: int = 365
    """Days after which the expiration rule deletes objects. Default ``365``, as the original module."""
    versioning: bool = False
    """Enable versioning (the original module declared this input but never used it). Default ``False``."""
    force_destroy: bool = False
    """Let ``terraform destroy`` delete a bucket that still holds backups. Default ``False``."""
    prevent_destroy: bool = True
    """Terraform ``lifecycle.prevent_destroy`` on the bucket, as the original module. Default ``True``."""


def check_spaces_bucket_options(path: str, options: object) -> SpacesBucketOptions:
    """Validate ``options``; ``path`` names its properties in errors (``digitalocean.bucket_options``)."""
    if not isinstance(options, SpacesBucketOptions):
        raise VeleroConfigError(path, options, "must be a SpacesBucketOptions")
    for flag in ("expiration", "versioning", "force_destroy", "prevent_destroy"):
        v.check_bool(f"{path}.{flag}", getattr(options, flag))
    v.check_positive_int(f"{path}.expiration_days", options.expiration_days)
    return options
