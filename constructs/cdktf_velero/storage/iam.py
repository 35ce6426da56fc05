"""A least-privilege IAM user for Velero and its access key (:class:`VeleroIamUser`).

Usable on its own or through :class:`~cdktf_velero.VeleroBackups` (``AwsLocation(create_iam_user=True)``).
The policy document (:func:`velero_iam_policy`) is plain data; the AWS provider's modules are imported
inside the constructor only.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeAlias

from constructs import Construct

from .. import validation as v
from ..engine.core import TerraformProvider
from ..errors import VeleroConfigError

__all__ = [
    "EC2_SNAPSHOT_ACTIONS",
    "READ_ONLY_RESTORE_ACTIONS",
    "S3_OBJECT_ACTIONS",
    "VeleroIamUser",
    "velero_iam_policy",
]

_PARTITION = re.compile(r"aws[-a-z]*")
_IAM_PATH = re.compile(r"/([\x21-\x7e]*/)?")


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


READ_ONLY_RESTORE_ACTIONS = ("s3:PutObject", "s3:DeleteObject")
"""What a read-only user still needs under ``<prefix>/restores/``: Velero writes each restore's log and results there
even from a ReadOnly location (else the restore ends PartiallyFailed), and deletes them with the Restore object."""


def velero_iam_policy(
    *,
    bucket_arn: str,
    prefix: str | None = None,
    kms_key_arn: str | None = None,
    ec2_snapshots: bool = True,
    read_only: bool = False,
) -> dict[str, Any]:
    """The AWS plugin's least-privilege policy: EC2 snapshot actions on ``*``, object actions on
    ``BUCKET/PREFIX*`` (``BUCKET/*`` without a prefix), ``s3:ListBucket`` on the bucket; plus, with a
    KMS key, ``kms:GenerateDataKey`` and ``kms:Decrypt`` on that key (SSE-KMS puts and gets need them).
    ``read_only`` (a recovery install): ``s3:GetObject`` on the objects, ``s3:ListBucket``, and
    :data:`READ_ONLY_RESTORE_ACTIONS` on ``PREFIX/restores/*`` only; no EC2 action."""
    objects = f"{bucket_arn}/{prefix}/*" if prefix else f"{bucket_arn}/*"
    statements: list[dict[str, Any]] = []
    if ec2_snapshots and not read_only:
        statements.append(
            {"Sid": "VeleroVolumeSnapshots", "Effect": "Allow", "Action": list(EC2_SNAPSHOT_ACTIONS), "Resource": "*"}
        )
    if read_only:
        restores = f"{objects.removesuffix('*')}restores/*"
        statements += [
            {"Sid": "VeleroReadObjects", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": objects},
            {
                "Sid": "VeleroRestoreLogs",
                "Effect": "Allow",
                "Action": list(READ_ONLY_RESTORE_ACTIONS),
                "Resource": restores,
            },
        ]
    else:
        statements.append(
            {"Sid": "VeleroObjects", "Effect": "Allow", "Action": list(S3_OBJECT_ACTIONS), "Resource": objects}
        )
    statements.append(
        {"Sid": "VeleroListBucket", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": bucket_arn}
    )
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
        read_only: bool = False,
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
        :param read_only: only read the backups (a recovery install's user): see :func:`velero_iam_policy`.
            Default ``False``.
        :param tags: tags on the user. Default: none.
        :param provider: an aliased AWS provider. Default: the stack's.
        :param property_path: prefix of property names in errors.
        """
        name = v.check_s3_bucket(f"{property_path}bucket", bucket)
        if prefix is not None:
            v.check_prefix(f"{property_path}prefix", prefix)
        checked_user = v.check_iam_user_name(f"{property_path}iam_user_name", user_name)
        if not v.is_token(path) and not _IAM_PATH.fullmatch(v.check_str(f"{property_path}iam_path", path)):
            raise VeleroConfigError(f"{property_path}iam_path", path, "must start and end with '/'")
        if not _PARTITION.fullmatch(v.check_str(f"{property_path}partition", partition)):
            raise VeleroConfigError(f"{property_path}partition", partition, "must be aws, aws-cn, aws-us-gov, ...")
        if kms_key_arn is not None:
            v.check_kms_key_arn(f"{property_path}kms_key_arn", kms_key_arn)
        v.check_bool(f"{property_path}ec2_snapshots", ec2_snapshots)
        v.check_bool(f"{property_path}read_only", read_only)
        tag_map = v.check_aws_tags(f"{property_path}tags", tags or {})
        arn = bucket_arn if bucket_arn is not None else f"arn:{partition}:s3:::{name}"
        document = velero_iam_policy(
            bucket_arn=arn, prefix=prefix, kms_key_arn=kms_key_arn, ec2_snapshots=ec2_snapshots, read_only=read_only
        )
        super().__init__(scope, construct_id)  # after the checks: a refusal leaves no construct behind
        self.user_name = checked_user
        """The IAM user name."""
        self.policy_document: dict[str, Any] = document
        """The inline policy, as data."""

        from ..engine import aws

        IamAccessKey: TypeAlias = aws.iam_access_key.IamAccessKey
        IamUser: TypeAlias = aws.iam_user.IamUser
        IamUserPolicy: TypeAlias = aws.iam_user_policy.IamUserPolicy

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
