"""AWS storage for Velero: a hardened S3 bucket and a least-privilege IAM user.

``S3BackupBucket`` and ``VeleroIamUser`` are usable on their own or through
:class:`~cdktf_velero.VeleroBackups` (``AwsLocation(create_bucket=True, create_iam_user=True)``).

The AWS provider package costs about 12 s and 530 MiB to import, so its resource modules are
imported inside the constructors only: importing this module (or the library) never loads it.
Validation (:func:`check_s3_bucket_options`, :func:`check_kms_key_arn`) is pure Python and runs
before any resource exists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from cdktf import TerraformProvider
from constructs import Construct

from . import validation as v
from .errors import VeleroConfigError

if TYPE_CHECKING:
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration
    from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLoggingA
    from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy
    from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

__all__ = [
    "ObjectOwnership",
    "S3BackupBucket",
    "S3BucketOptions",
    "S3LifecycleRule",
    "VeleroIamUser",
    "check_iam_user_name",
    "check_kms_key_arn",
    "check_s3_bucket_options",
    "velero_iam_policy",
]

ObjectOwnership = Literal["BucketOwnerEnforced", "BucketOwnerPreferred"]

_KMS_KEY_ARN = re.compile(
    r"arn:aws[-a-z]*:kms:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]:[0-9]{12}:key/[A-Za-z0-9-]{1,128}"
)
_KMS_ALIAS_ARN = re.compile(
    r"arn:aws[-a-z]*:kms:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]:[0-9]{12}:alias/[A-Za-z0-9/_-]{1,250}"
)
_PARTITION = re.compile(r"aws[-a-z]*")
_IAM_NAME = re.compile(r"[A-Za-z0-9+=,.@_-]{1,64}")
_IAM_PATH = re.compile(r"/([\x21-\x7e]*/)?")
_OWNERSHIP = ("BucketOwnerEnforced", "BucketOwnerPreferred")

EC2_SNAPSHOT_ACTIONS = (
    "ec2:DescribeVolumes",
    "ec2:DescribeSnapshots",
    "ec2:CreateTags",
    "ec2:CreateVolume",
    "ec2:CreateSnapshot",
    "ec2:DeleteSnapshot",
)
"""EC2 actions of the AWS plugin's volume snapshotter (its documented least privilege), on ``*``."""

S3_OBJECT_ACTIONS = (
    "s3:GetObject",
    "s3:DeleteObject",
    "s3:PutObject",
    "s3:PutObjectTagging",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
)
"""Object actions the AWS plugin needs on the backups' keys (its documented least privilege)."""


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
    """How :class:`S3BackupBucket` builds the bucket. Every default is the safe choice for a bucket
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
    """Enable versioning. With the IAM user of :class:`VeleroIamUser` (no ``s3:DeleteObjectVersion``), a
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


def check_kms_key_arn(path: str, value: object) -> str:
    """A KMS key ARN (``arn:aws:kms:<region>:<account>:key/<id>``) or alias ARN (``.../alias/<name>``)."""
    text = v.check_str(path, value)
    if v.is_token(text):
        return text
    if not (_KMS_KEY_ARN.fullmatch(text) or _KMS_ALIAS_ARN.fullmatch(text)):
        raise VeleroConfigError(
            path,
            value,
            "must be a KMS key ARN 'arn:aws:kms:<region>:<12-digit account>:key/<key id>' "
            "or an alias ARN 'arn:aws:kms:<region>:<account>:alias/<name>'",
        )
    return text


def check_iam_user_name(path: str, value: object) -> str:
    """An IAM user name: 1-64 letters, digits or ``+=,.@_-``."""
    text = v.check_str(path, value)
    if not v.is_token(text) and not _IAM_NAME.fullmatch(text):
        raise VeleroConfigError(path, value, "must be 1-64 letters, digits or +=,.@_-")
    return text


def _check_days(path: str, value: object) -> int | None:
    return None if value is None else v.check_positive_int(path, value)


def check_s3_bucket_options(path: str, options: object) -> S3BucketOptions:
    """Validate every literal in ``options``; ``path`` names them in errors (``aws.bucket_options``)."""
    if not isinstance(options, S3BucketOptions):
        raise VeleroConfigError(path, options, "must be an S3BucketOptions")
    if options.kms_key_arn is not None:
        check_kms_key_arn(f"{path}.kms_key_arn", options.kms_key_arn)
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
    v.check_string_map(f"{path}.tags", options.tags)
    return options


def _lifecycle_rules(options: S3BucketOptions) -> list[Any]:
    """The bucket's lifecycle rules as provider structs (nested dicts are not converted by jsii)."""
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfigurationRule as Rule,
    )
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload as Abort,
    )
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfigurationRuleExpiration as Expiration,
    )
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfigurationRuleFilter as Filter,
    )
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration as Noncurrent,
    )

    rules: list[Any] = []
    if options.abort_incomplete_multipart_upload_days is not None:
        rules.append(
            Rule(
                id="abort-incomplete-multipart-uploads",
                status="Enabled",
                filter=[Filter(prefix="")],
                abort_incomplete_multipart_upload=[
                    Abort(days_after_initiation=options.abort_incomplete_multipart_upload_days)
                ],
            )
        )
    for rule in options.lifecycle_rules:
        rules.append(
            Rule(
                id=rule.id,
                status="Enabled",
                filter=[Filter(prefix=rule.prefix or "")],
                expiration=None if rule.expiration_days is None else [Expiration(days=rule.expiration_days)],
                noncurrent_version_expiration=(
                    None
                    if rule.noncurrent_version_expiration_days is None
                    else [Noncurrent(noncurrent_days=rule.noncurrent_version_expiration_days)]
                ),
                abort_incomplete_multipart_upload=(
                    None
                    if rule.abort_incomplete_multipart_upload_days is None
                    else [Abort(days_after_initiation=rule.abort_incomplete_multipart_upload_days)]
                ),
            )
        )
    return rules


def tls_only_policy(bucket_arn: str) -> str:
    """A bucket policy denying every request made without TLS."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [bucket_arn, f"{bucket_arn}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        },
        indent=2,
    )


class S3BackupBucket(Construct):
    """An S3 bucket for Velero backups, private and encrypted, that Terraform refuses to destroy.

    Construct ids (stable; they become Terraform addresses under this construct's path):
    ``bucket`` (``aws_s3_bucket``), ``encryption``, ``public-access-block``, ``ownership-controls``,
    ``tls-only-policy`` (with ``enforce_tls``), ``versioning`` (with ``versioning``), ``access-logging``
    (with ``access_log_bucket``), ``lifecycle`` (with any lifecycle rule).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        bucket_name: str,
        options: S3BucketOptions | None = None,
        provider: TerraformProvider | None = None,
        property_path: str = "",
    ) -> None:
        """:param bucket_name: the bucket's name (S3 naming rules; a token passes unchecked).
        :param options: how to build it. Default ``S3BucketOptions()``: SSE-S3, ACLs disabled, all public
            access blocked, TLS-only policy, multipart-upload cleanup after 7 days, no versioning, protected
            from destroy.
        :param provider: an aliased AWS provider. Default: the stack's.
        :param property_path: prefix of property names in errors (``aws.`` when built by VeleroBackups).
        """
        super().__init__(scope, construct_id)
        opts = options if options is not None else S3BucketOptions()
        self.bucket_name = v.check_s3_bucket(f"{property_path}bucket_name", bucket_name)
        """The bucket's name as given."""
        self.options = check_s3_bucket_options(f"{property_path}bucket_options", opts)
        """The validated options."""

        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_ownership_controls import S3BucketOwnershipControls
        from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
        from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
            S3BucketServerSideEncryptionConfigurationA,
            S3BucketServerSideEncryptionConfigurationRuleA,
            S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
        )

        self.bucket = S3Bucket(
            self,
            "bucket",
            bucket=self.bucket_name,
            force_destroy=opts.force_destroy,
            lifecycle={"prevent_destroy": opts.prevent_destroy},
            tags=dict(opts.tags) or None,
            provider=provider,
        )
        """``aws_s3_bucket``."""
        bucket_id = self.bucket.id
        self.bucket_arn: str = self.bucket.arn
        """The bucket's ARN (a token)."""

        kms = opts.kms_key_arn is not None
        sse = S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
            sse_algorithm="aws:kms" if kms else "AES256", kms_master_key_id=opts.kms_key_arn
        )
        self.encryption = S3BucketServerSideEncryptionConfigurationA(
            self,
            "encryption",
            bucket=bucket_id,
            rule=[
                S3BucketServerSideEncryptionConfigurationRuleA(
                    apply_server_side_encryption_by_default=sse, bucket_key_enabled=kms
                )
            ],
            provider=provider,
        )
        """``aws_s3_bucket_server_side_encryption_configuration``: SSE-S3, or SSE-KMS with a bucket key."""
        self.public_access_block = S3BucketPublicAccessBlock(
            self,
            "public-access-block",
            bucket=bucket_id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            provider=provider,
        )
        """``aws_s3_bucket_public_access_block`` with all four blocks on."""
        self.ownership_controls = S3BucketOwnershipControls(
            self,
            "ownership-controls",
            bucket=bucket_id,
            rule={"object_ownership": opts.object_ownership},
            provider=provider,
        )
        """``aws_s3_bucket_ownership_controls``."""

        self.policy: S3BucketPolicy | None = None
        """``aws_s3_bucket_policy`` denying non-TLS requests (``None`` with ``enforce_tls=False``)."""
        if opts.enforce_tls:
            from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy

            self.policy = S3BucketPolicy(
                self,
                "tls-only-policy",
                bucket=bucket_id,
                policy=tls_only_policy(self.bucket_arn),
                # S3 rejects a policy put while the public access block is being changed.
                depends_on=[self.public_access_block],
                provider=provider,
            )
        self.versioning: S3BucketVersioningA | None = None
        """``aws_s3_bucket_versioning`` (``None`` unless ``versioning``)."""
        if opts.versioning:
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            self.versioning = S3BucketVersioningA(
                self,
                "versioning",
                bucket=bucket_id,
                versioning_configuration={"status": "Enabled"},
                provider=provider,
            )
        self.access_logging: S3BucketLoggingA | None = None
        """``aws_s3_bucket_logging`` (``None`` without ``access_log_bucket``)."""
        if opts.access_log_bucket is not None:
            from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLoggingA

            self.access_logging = S3BucketLoggingA(
                self,
                "access-logging",
                bucket=bucket_id,
                target_bucket=opts.access_log_bucket,
                target_prefix=(
                    opts.access_log_prefix if opts.access_log_prefix is not None else f"{self.bucket_name}/"
                ),
                provider=provider,
            )
        self.lifecycle: S3BucketLifecycleConfiguration | None = None
        """``aws_s3_bucket_lifecycle_configuration`` (``None`` without rules)."""
        rules = _lifecycle_rules(opts)
        if rules:
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration

            self.lifecycle = S3BucketLifecycleConfiguration(
                self,
                "lifecycle",
                bucket=bucket_id,
                rule=rules,
                # Lifecycle rules on noncurrent versions need versioning in place first.
                depends_on=[self.versioning] if self.versioning is not None else None,
                provider=provider,
            )

    @property
    def bsl_config(self) -> dict[str, str]:
        """Velero BSL config this bucket needs: ``kmsKeyId`` with a KMS key, else nothing."""
        return {"kmsKeyId": self.options.kms_key_arn} if self.options.kms_key_arn is not None else {}


def velero_iam_policy(
    *,
    bucket_arn: str,
    prefix: str | None = None,
    kms_key_arn: str | None = None,
    ec2_snapshots: bool = True,
) -> dict[str, Any]:
    """The AWS plugin's least-privilege policy: EC2 snapshot actions on ``*``, object actions on
    ``BUCKET/PREFIX*`` (``BUCKET/*`` without a prefix), ``s3:ListBucket`` on the bucket; plus, with a
    KMS key, ``kms:GenerateDataKey`` and ``kms:Decrypt`` on that key (SSE-KMS puts and gets need them)."""
    objects = f"{bucket_arn}/{prefix}/*" if prefix else f"{bucket_arn}/*"
    statements: list[dict[str, Any]] = []
    if ec2_snapshots:
        statements.append(
            {"Sid": "VeleroVolumeSnapshots", "Effect": "Allow", "Action": list(EC2_SNAPSHOT_ACTIONS), "Resource": "*"}
        )
    statements += [
        {"Sid": "VeleroObjects", "Effect": "Allow", "Action": list(S3_OBJECT_ACTIONS), "Resource": objects},
        {"Sid": "VeleroListBucket", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": bucket_arn},
    ]
    if kms_key_arn is not None:
        kms: dict[str, Any] = {
            "Sid": "VeleroKms",
            "Effect": "Allow",
            "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
            "Resource": kms_key_arn,
        }
        if ":alias/" in kms_key_arn:
            # IAM matches keys by key ARN, never by alias ARN: allow the key behind the alias.
            kms["Resource"] = "*"
            kms["Condition"] = {"ForAnyValue:StringEquals": {"kms:ResourceAliases": kms_key_arn.split(":", 5)[5]}}
        statements.append(kms)
    return {"Version": "2012-10-17", "Statement": statements}


class VeleroIamUser(Construct):
    """An IAM user for Velero with only the AWS plugin's least-privilege policy, and its access key.

    DOKS (and other non-AWS clusters) have no workload identity for AWS, so a long-lived key is the
    way in; the key's ``id`` and ``secret`` (tokens) feed Velero's credentials secret directly and
    never leave Terraform state. Construct ids (stable): ``user`` (``aws_iam_user``), ``policy``
    (``aws_iam_user_policy``, inline), ``access-key`` (``aws_iam_access_key``).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        bucket: str,
        bucket_arn: str | None = None,
        prefix: str | None = None,
        user_name: str = "velero",
        path: str = "/",
        partition: str = "aws",
        kms_key_arn: str | None = None,
        ec2_snapshots: bool = True,
        tags: dict[str, str] | None = None,
        provider: TerraformProvider | None = None,
        property_path: str = "",
    ) -> None:
        """:param bucket: the backups bucket's name.
        :param bucket_arn: its ARN (e.g. ``S3BackupBucket.bucket_arn``, which also orders the apply).
            Default ``arn:<partition>:s3:::<bucket>``.
        :param prefix: Velero's key prefix in the bucket: object actions are limited to it. Default: whole bucket.
        :param user_name: IAM user name. Default ``velero``.
        :param path: IAM path. Default ``/``.
        :param partition: AWS partition for the default bucket ARN. Default ``aws``.
        :param kms_key_arn: the bucket's KMS key, to allow SSE-KMS. Default ``None`` (SSE-S3).
        :param ec2_snapshots: grant the plugin's EC2 snapshot actions (on ``*``, as they are documented).
            Default ``True``; a cluster outside AWS takes no EBS snapshots and can turn them off.
        :param tags: tags on the user. Default: none.
        :param provider: an aliased AWS provider. Default: the stack's.
        :param property_path: prefix of property names in errors.
        """
        super().__init__(scope, construct_id)
        name = v.check_s3_bucket(f"{property_path}bucket", bucket)
        if prefix is not None:
            v.check_prefix(f"{property_path}prefix", prefix)
        self.user_name = check_iam_user_name(f"{property_path}iam_user_name", user_name)
        """The IAM user name."""
        if not v.is_token(path) and not _IAM_PATH.fullmatch(v.check_str(f"{property_path}iam_path", path)):
            raise VeleroConfigError(f"{property_path}iam_path", path, "must start and end with '/'")
        if not _PARTITION.fullmatch(v.check_str(f"{property_path}partition", partition)):
            raise VeleroConfigError(f"{property_path}partition", partition, "must be aws, aws-cn, aws-us-gov, ...")
        if kms_key_arn is not None:
            check_kms_key_arn(f"{property_path}kms_key_arn", kms_key_arn)
        v.check_bool(f"{property_path}ec2_snapshots", ec2_snapshots)
        tag_map = v.check_string_map(f"{property_path}tags", tags or {})
        arn = bucket_arn if bucket_arn is not None else f"arn:{partition}:s3:::{name}"
        self.policy_document: dict[str, Any] = velero_iam_policy(
            bucket_arn=arn, prefix=prefix, kms_key_arn=kms_key_arn, ec2_snapshots=ec2_snapshots
        )
        """The inline policy, as data."""

        from cdktf_cdktf_provider_aws.iam_access_key import IamAccessKey
        from cdktf_cdktf_provider_aws.iam_user import IamUser
        from cdktf_cdktf_provider_aws.iam_user_policy import IamUserPolicy

        self.user = IamUser(self, "user", name=self.user_name, path=path, tags=tag_map or None, provider=provider)
        """``aws_iam_user``."""
        self.policy = IamUserPolicy(
            self,
            "policy",
            name="velero",
            user=self.user.name,
            policy=json.dumps(self.policy_document, indent=2),
            provider=provider,
        )
        """``aws_iam_user_policy`` (inline: it lives and dies with the user)."""
        self.access_key = IamAccessKey(self, "access-key", user=self.user.name, provider=provider)
        """``aws_iam_access_key``."""
        self.access_key_id: str = self.access_key.id
        """The access key id (token): Velero's ``aws_access_key_id``."""
        self.secret_access_key: str = self.access_key.secret
        """The secret key (token, sensitive in Terraform): Velero's ``aws_secret_access_key``. Never output."""
