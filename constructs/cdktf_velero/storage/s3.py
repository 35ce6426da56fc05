"""A hardened S3 bucket for Velero backups (:class:`S3BackupBucket`).

Usable on its own or through :class:`~cdktf_velero.VeleroBackups` (``AwsLocation(create_bucket=True)``).
The AWS provider package costs about 12 s and 530 MiB to import, so its resource modules are imported
inside the constructor only: importing this module (or the library) never loads it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeAlias

from constructs import Construct

from .. import validation as v
from ..engine.core import TerraformProvider
from .options import S3BucketOptions, check_s3_bucket_options

if TYPE_CHECKING:
    from ..engine import aws

    S3BucketLifecycleConfiguration: TypeAlias = aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration
    S3BucketLoggingA: TypeAlias = aws.s3_bucket_logging.S3BucketLoggingA
    S3BucketPolicy: TypeAlias = aws.s3_bucket_policy.S3BucketPolicy
    S3BucketVersioningA: TypeAlias = aws.s3_bucket_versioning.S3BucketVersioningA

__all__ = ["S3BackupBucket", "tls_only_policy"]


def _lifecycle_rules(options: S3BucketOptions) -> list[Any]:
    """The bucket's lifecycle rules as provider structs (nested dicts are not converted by jsii)."""
    from ..engine import aws

    Rule: TypeAlias = aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule
    Abort: TypeAlias = (
        aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload
    )
    Expiration: TypeAlias = aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleExpiration
    Filter: TypeAlias = aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter
    Noncurrent: TypeAlias = (
        aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration
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
        opts = options if options is not None else S3BucketOptions()
        checked_name = v.check_s3_bucket(f"{property_path}bucket_name", bucket_name)
        checked_options = check_s3_bucket_options(f"{property_path}bucket_options", opts)
        super().__init__(scope, construct_id)  # after the checks: a refusal leaves no construct behind
        self.bucket_name = checked_name
        """The bucket's name as given."""
        self.options = checked_options
        """The validated options."""

        from ..engine import aws

        S3Bucket: TypeAlias = aws.s3_bucket.S3Bucket
        S3BucketOwnershipControls: TypeAlias = aws.s3_bucket_ownership_controls.S3BucketOwnershipControls
        S3BucketPublicAccessBlock: TypeAlias = aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock
        S3BucketServerSideEncryptionConfigurationA: TypeAlias = (
            aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA
        )
        S3BucketServerSideEncryptionConfigurationRuleA: TypeAlias = (
            aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA
        )
        S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA: TypeAlias = aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA  # noqa: E501

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
            from ..engine import aws

            S3BucketPolicy: TypeAlias = aws.s3_bucket_policy.S3BucketPolicy

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
            from ..engine import aws

            S3BucketVersioningA: TypeAlias = aws.s3_bucket_versioning.S3BucketVersioningA

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
            from ..engine import aws

            S3BucketLoggingA: TypeAlias = aws.s3_bucket_logging.S3BucketLoggingA

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
            from ..engine import aws

            S3BucketLifecycleConfiguration: TypeAlias = (
                aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration
            )

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
