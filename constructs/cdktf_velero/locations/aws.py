"""The AWS location: an S3 bucket, carried by the chart's values, whose key pair is the chart's default
credentials; optionally a bucket and an IAM user created for it (:mod:`cdktf_velero.storage`). In ``locations=``
(another region, another account) it is emitted as custom resources with a credentials secret of its own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from .. import validation as v
from ..errors import VeleroConfigError
from ..schedules import BackupSchedule
from ..secret_fields import secret_field
from ..storage.options import S3BucketOptions, check_s3_bucket_options
from .base import (
    S3_PLUGIN,
    AccessMode,
    CreatedStorage,
    CredentialsFile,
    KeyPair,
    Location,
    Output,
    ResolveContext,
    ResolvedLocation,
)
from .common import (
    LocationIds,
    check_bucket_options,
    check_key_pair,
    is_other_s3_endpoint,
    location_config,
    location_ids,
    refuse_created_storage,
    resolved_location,
)

if TYPE_CHECKING:
    from constructs import Construct

    from ..engine.core import ITerraformDependable
    from ..props import VeleroBackupsProps

__all__ = ["DEFAULT_AWS_SCHEDULE", "AwsLocation"]

_BUCKET_NAME = "S3 bucket of the Velero backups"
_SCHEDULE_NAME = "daily-aws-backups"

DEFAULT_AWS_SCHEDULE = BackupSchedule(cron="0 7 * * *", file_system_backup=True)
"""The original module's AWS schedule: 07:00 UTC daily, 240h, all namespaces, volume data by file-system backup;
named ``daily-aws-backups`` (``daily-<name>-backups`` in ``locations=``)."""


@dataclass(frozen=True, repr=False)
class AwsLocation(Location):
    """An S3 bucket: the primary location (the ``aws`` prop), configured in the Velero chart's values; or, in
    ``locations=``, another bucket (another region or account) emitted as custom resources."""

    stored_in: ClassVar[str] = "the S3 bucket"

    bucket: str
    """S3 bucket name (must exist, or come from a resource attribute)."""
    region: str
    """The bucket's region, e.g. ``ca-central-1``."""
    access_key_id: str | None = secret_field(default=None)
    """AWS access key id: a Terraform token (sensitive variable or resource attribute). Default ``None``;
    required unless ``create_iam_user``, whose key is used instead."""
    secret_access_key: str | None = secret_field(default=None)
    """AWS secret access key: a Terraform token. Default ``None``; required unless ``create_iam_user``."""
    name: str = "aws"
    """BackupStorageLocation name. Default ``aws``."""
    prefix: str | None = None
    """Key prefix inside the bucket, e.g. ``clusters/prod``. Default: the bucket root."""
    config: Mapping[str, str] = field(default_factory=dict)
    """Extra BSL config for the AWS plugin (``s3ForcePathStyle``, ``kmsKeyId``, ``serverSideEncryption``,
    ``checksumAlgorithm``, ...), strings only. ``region`` comes from :attr:`region`. An ``s3Url`` outside
    ``amazonaws.com`` makes the location an S3-compatible store (``checksumAlgorithm: ""`` by default, the
    server's checksum opt-out). Default ``{}``."""
    default: bool | None = None
    """Mark this the default BSL. Default ``None``: yes for the primary location, unless another location is marked
    default; no in ``locations=``."""
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
    ACLs disabled, TLS only, protected from destroy. Primary location only. Default ``False``: the bucket exists
    already."""
    bucket_options: S3BucketOptions | None = None
    """How to create the bucket (only with ``create_bucket``). Default ``S3BucketOptions()``."""
    create_iam_user: bool = False
    """Create an IAM user with the AWS plugin's least-privilege policy and an access key that feeds Velero
    (:class:`~cdktf_velero.VeleroIamUser`, construct id ``iam-user``); then leave ``access_key_id`` and
    ``secret_access_key`` out. Primary location only. On a ``ReadOnly`` location the user only reads the backups
    (and writes restore logs). Default ``False``: a key pair is passed in."""
    iam_user_name: str = "velero"
    """Name of the created IAM user. Default ``velero``."""

    def resolve(self, ctx: ResolveContext) -> ResolvedLocation:
        """Validate the props. The chart carries the primary location, whose key pair is the chart's default
        credentials; one in ``locations=`` is emitted as custom resources with a secret of its own."""
        path = ctx.path
        refuse_created_storage(ctx, {"create_bucket": self.create_bucket, "create_iam_user": self.create_iam_user})
        config, create_user = self._check_storage(path)
        bucket = v.check_s3_bucket(f"{path}.bucket", self.bucket)
        region = v.check_aws_region(f"{path}.region", self.region)
        keys = check_key_pair(
            ctx,
            ("access_key_id", "secret_access_key"),
            (self.access_key_id, self.secret_access_key),
            created=create_user,
            missing="is required: pass a sensitive TerraformVariable's value",
            missing_is_secret=False,
            created_rule="must be left out with create_iam_user=True: the user's key feeds Velero",
        )
        bsl_config = location_config(f"{path}.config", config, {"region": region})
        ids = location_ids(
            ctx, self.name, primary=LocationIds("aws", "aws-credentials", ctx.chart_credentials_secret, _SCHEDULE_NAME)
        )
        return resolved_location(
            ctx,
            self,
            # The primary location is the chart's, and its key pair the chart's default credentials.
            carrier="custom_resources" if ctx.additional else "chart",
            construct_id=ids.construct_id,
            bucket=bucket,
            config=bsl_config,
            # Pointed elsewhere (MinIO, ...) through s3Url, it is an S3-compatible store like any other.
            s3_compatible_store=is_other_s3_endpoint(bsl_config),
            validation_frequency=self.validation_frequency,
            backup_sync_period=self.backup_sync_period,
            credentials=CredentialsFile(
                construct_id=ids.credentials_construct_id,
                name=ids.credentials_secret_name,
                name_path=f"{path}.name" if ctx.additional else "aws_credentials_secret_name",
                keys=keys,
                chart_default=not ctx.additional,
            ),
            default_schedule_name=ids.schedule_name,
            plugins=(S3_PLUGIN,),
            outputs=(Output("s3_bucket_name", self.bucket, _BUCKET_NAME),),
        )

    def _check_storage(self, path: str) -> tuple[object, bool]:
        """Check the storage props; returns the BSL config (with the bucket's KMS key) and ``create_iam_user``."""
        options = check_bucket_options(path, self.create_bucket, self.bucket_options, check_s3_bucket_options)
        config: object = self.config
        kms_key_arn = options.kms_key_arn if options is not None else None
        if kms_key_arn is not None and isinstance(config, Mapping):
            # Velero must ask for the same key on every put.
            given = config.get("kmsKeyId")
            if given is not None and given != kms_key_arn:
                raise VeleroConfigError(
                    f"{path}.config.kmsKeyId", given, "must equal bucket_options.kms_key_arn or be left out"
                )
            config = {**config, "kmsKeyId": kms_key_arn}
        create_user = v.check_bool(f"{path}.create_iam_user", self.create_iam_user)
        # Checked even when unused: it shows in repr(), where a wrong-typed value could carry anything.
        v.check_iam_user_name(f"{path}.iam_user_name", self.iam_user_name)
        return config, create_user

    def create_storage(
        self, scope: Construct, location: ResolvedLocation, props: VeleroBackupsProps
    ) -> CreatedStorage | None:
        """The bucket (``s3-bucket``) and the IAM user (``iam-user``) the props ask for, before the release."""
        if not (self.create_bucket or self.create_iam_user):
            return None
        from ..storage.iam import VeleroIamUser
        from ..storage.s3 import S3BackupBucket

        property_path = f"{location.path}."
        bucket = user = None
        ready: list[ITerraformDependable] = []
        outputs: list[Output] = []
        if self.create_bucket:
            bucket = S3BackupBucket(
                scope,
                "s3-bucket",
                bucket_name=self.bucket,
                options=self.bucket_options,
                provider=props.aws_provider,
                property_path=property_path,
            )
            ready.append(bucket.bucket)
            outputs += [
                Output("s3_bucket_name", bucket.bucket.bucket, _BUCKET_NAME),
                Output("s3_bucket_arn", bucket.bucket_arn, "ARN of the S3 bucket"),
            ]
        if self.create_iam_user:
            user = VeleroIamUser(
                scope,
                "iam-user",
                bucket=self.bucket,
                bucket_arn=bucket.bucket_arn if bucket is not None else None,
                prefix=self.prefix,
                user_name=self.iam_user_name,
                kms_key_arn=self.bucket_options.kms_key_arn if self.bucket_options is not None else None,
                read_only=self.access_mode == "ReadOnly",  # a recovery install's user only reads the backups
                provider=props.aws_provider,
                property_path=property_path,
            )
            ready.append(user.policy)
            outputs.append(Output("iam_user_name", user.user.name, "IAM user whose access key Velero uses"))
        return CreatedStorage(
            keys=KeyPair(user.access_key_id, user.secret_access_key) if user is not None else None,
            ready=tuple(ready),
            outputs=tuple(outputs),
            parts={name: part for name, part in (("s3_bucket", bucket), ("iam_user", user)) if part is not None},
        )
