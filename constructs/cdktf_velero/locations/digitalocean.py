"""The DigitalOcean location: a Spaces bucket (S3-compatible) and DigitalOcean volume snapshots, emitted as
custom resources by the :class:`~cdktf_velero.DigitalOceanBackups` sub-construct; optionally a Spaces bucket
and key created for it (:mod:`cdktf_velero.storage`). In ``locations=`` (another Spaces bucket) its ids derive
from its name, and only one DigitalOcean location may take volume snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from .. import validation as v
from ..errors import VeleroConfigError
from ..imports.velero import VolumeSnapshotLocationSpec
from ..schedules import BackupSchedule
from ..secret_fields import secret_field
from ..storage.options import SpacesBucketOptions, check_spaces_bucket_options
from .base import (
    S3_PLUGIN,
    AccessMode,
    CreatedStorage,
    CredentialsFile,
    KeyPair,
    Location,
    Output,
    Plugin,
    ResolveContext,
    ResolvedLocation,
    ServerSecret,
)
from .common import (
    LocationIds,
    check_bucket_options,
    check_key_pair,
    location_config,
    location_ids,
    refuse_created_storage,
    resolved_location,
)

if TYPE_CHECKING:
    from constructs import Construct

    from ..location_resources import LocationResources
    from ..props import VeleroBackupsProps

__all__ = ["DEFAULT_DIGITALOCEAN_SCHEDULE", "SNAPSHOT_PROVIDER", "DigitalOceanLocation", "spaces_endpoint"]

DEFAULT_DIGITALOCEAN_SCHEDULE = BackupSchedule(cron="0 19 * * *")
"""The original module's DigitalOcean schedule: 19:00 UTC daily, 240h, all namespaces and resources; named
``daily-digitalocean-backups`` (``daily-<name>-backups`` in ``locations=``)."""

_BUCKET_NAME = "Spaces bucket of the backups"
_PRIMARY_IDS = LocationIds(
    "digitalocean", "spaces-credentials", "digitalocean-spaces-credentials", "daily-digitalocean-backups"
)
"""The ids and names of the ``digitalocean`` location, as the original module had them."""

SNAPSHOT_PROVIDER = "digitalocean.com/velero"
"""VolumeSnapshotLocation provider of the DigitalOcean plugin."""

SNAPSHOT_PLUGIN = Plugin("velero-plugin-digitalocean", "digitalocean_plugin_image")
"""The plugin serving :data:`SNAPSHOT_PROVIDER`; it reads ``DIGITALOCEAN_TOKEN`` from the server's environment."""


def spaces_endpoint(region: str) -> str:
    """The S3-compatible endpoint of a Spaces region."""
    return f"https://{region}.digitaloceanspaces.com"


@dataclass(frozen=True, repr=False)
class DigitalOceanLocation(Location):
    """A Spaces bucket (S3-compatible) and DigitalOcean volume snapshots, emitted as custom resources by the
    :class:`~cdktf_velero.DigitalOceanBackups` sub-construct: the secondary location (the ``digitalocean`` prop),
    or one more in ``locations=``."""

    stored_in: ClassVar[str] = "Spaces"

    bucket: str
    """Spaces bucket name."""
    region: str
    """Spaces region, e.g. ``nyc3``; also the region of the volume snapshots."""
    spaces_access_key_id: str | None = secret_field(default=None)
    """Spaces access key id: a Terraform token. Default ``None``; required unless ``create_spaces_key``."""
    spaces_secret_access_key: str | None = secret_field(default=None)
    """Spaces secret key: a Terraform token. Default ``None``; required unless ``create_spaces_key``."""
    api_token: str | None = secret_field(default=None)
    """DigitalOcean API token (Terraform token) for the volume snapshotter; required when
    :attr:`volume_snapshots` is on."""
    name: str = "digitalocean"
    """Name of the BackupStorageLocation and the VolumeSnapshotLocation. Default ``digitalocean``."""
    prefix: str | None = None
    """Key prefix inside the bucket. Default: the bucket root."""
    config: Mapping[str, str] = field(default_factory=dict)
    """Extra BSL config (strings). ``region`` and ``s3Url`` are set from :attr:`region`. Default ``{}``."""
    default: bool = False
    """Make this the default BSL instead of the AWS one. Default ``False``."""
    access_mode: AccessMode = "ReadWrite"
    """``ReadWrite`` or ``ReadOnly``. Default ``ReadWrite``."""
    volume_snapshots: bool = True
    """Create the VolumeSnapshotLocation and install the DigitalOcean plugin. Default ``True``."""
    credentials_secret_name: str | None = None
    """Name of the Kubernetes secret holding the Spaces key pair. Default ``None``:
    ``digitalocean-spaces-credentials`` as the original module (``velero-<name>-credentials`` in
    ``locations=``)."""
    schedule: BackupSchedule | None = DEFAULT_DIGITALOCEAN_SCHEDULE
    """The backup schedule for this location, or ``None``. Default :data:`DEFAULT_DIGITALOCEAN_SCHEDULE`."""
    create_bucket: bool = False
    """Create the Spaces bucket (:class:`~cdktf_velero.SpacesBucket`, construct id ``spaces``): private,
    protected from destroy. Primary location only. Default ``False``: the bucket exists already."""
    bucket_options: SpacesBucketOptions | None = None
    """How to create the bucket (only with ``create_bucket``). Default ``SpacesBucketOptions()``."""
    create_spaces_key: bool = False
    """Create a Spaces key granted ``readwrite`` on this bucket only, feeding Velero (needs ``create_bucket``);
    then leave ``spaces_access_key_id`` and ``spaces_secret_access_key`` out. Primary location only.
    Default ``False``."""

    def resolve(self, ctx: ResolveContext) -> ResolvedLocation:
        """Validate the props; the location is emitted as custom resources, with its own credentials secret."""
        path = ctx.path
        refuse_created_storage(ctx, {"create_bucket": self.create_bucket, "create_spaces_key": self.create_spaces_key})
        create_key = self._check_storage(path)
        bucket = v.check_spaces_bucket(f"{path}.bucket", self.bucket)
        region = v.check_spaces_region(f"{path}.region", self.region)
        ids = location_ids(ctx, self.name, primary=_PRIMARY_IDS)
        secret_name = ids.secret_name(f"{path}.credentials_secret_name", self.credentials_secret_name)
        keys = check_key_pair(
            ctx,
            ("spaces_access_key_id", "spaces_secret_access_key"),
            (self.spaces_access_key_id, self.spaces_secret_access_key),
            created=create_key,
            missing="is required unless create_spaces_key=True",
            missing_is_secret=True,
            created_rule="must be left out with create_spaces_key=True",
        )
        snapshots = v.check_bool(f"{path}.volume_snapshots", self.volume_snapshots)
        token_secret = self._token_secret(ctx, snapshots)
        return resolved_location(
            ctx,
            self,
            carrier="custom_resources",
            construct_id=ids.construct_id,
            bucket=bucket,
            config=location_config(f"{path}.config", self.config, {"region": region, "s3Url": spaces_endpoint(region)}),
            credentials=CredentialsFile(
                construct_id=ids.credentials_construct_id,
                name=secret_name,
                name_path=f"{path}.credentials_secret_name",
                keys=keys,
            ),
            vsl_spec=(
                VolumeSnapshotLocationSpec(provider=SNAPSHOT_PROVIDER, config={"region": region}) if snapshots else None
            ),
            server_secret=token_secret,
            default_schedule_name=ids.schedule_name,
            plugins=(S3_PLUGIN, SNAPSHOT_PLUGIN) if snapshots else (S3_PLUGIN,),
            outputs=(Output("spaces_bucket_name", self.bucket, _BUCKET_NAME),),
        )

    def _check_storage(self, path: str) -> bool:
        """Check the storage props; returns ``create_spaces_key``."""
        check_bucket_options(path, self.create_bucket, self.bucket_options, check_spaces_bucket_options)
        create_key = v.check_bool(f"{path}.create_spaces_key", self.create_spaces_key)
        if create_key and not self.create_bucket:
            raise VeleroConfigError(
                f"{path}.create_spaces_key", True, "needs create_bucket=True: the key is granted on the created bucket"
            )
        return create_key

    def _token_secret(self, ctx: ResolveContext, snapshots: bool) -> ServerSecret | None:
        """``DIGITALOCEAN_TOKEN`` in the server's environment, which the snapshot plugin reads."""
        path = ctx.path
        if not snapshots:
            if self.api_token is not None:
                raise VeleroConfigError(
                    f"{path}.api_token", None, "is only used with volume_snapshots=True; remove it", secret=True
                )
            return None
        if self.api_token is None:
            raise VeleroConfigError(
                f"{path}.api_token",
                None,
                "is required while volume_snapshots=True: the DigitalOcean snapshot plugin reads it",
            )
        token = v.check_secret(f"{path}.api_token", self.api_token, allow_plaintext=ctx.allow_plaintext_secrets)
        return ServerSecret(
            construct_id="digitalocean-token",
            name=ctx.server_env_secret,
            needed_by=f"{path}.volume_snapshots",
            data={"DIGITALOCEAN_TOKEN": token},
        )

    def create_storage(
        self, scope: Construct, location: ResolvedLocation, props: VeleroBackupsProps
    ) -> CreatedStorage | None:
        """The Spaces bucket and key (``spaces``) the props ask for, beside the sub-construct."""
        if not self.create_bucket:
            return None
        from ..storage.spaces import SpacesBucket

        spaces = SpacesBucket(
            scope,
            "spaces",
            bucket_name=self.bucket,
            region=self.region,
            options=self.bucket_options,
            create_key=self.create_spaces_key,
            provider=props.digitalocean_provider,
            property_path=f"{location.path}.",
        )
        keys = None
        if spaces.access_key_id is not None and spaces.secret_access_key is not None:
            keys = KeyPair(spaces.access_key_id, spaces.secret_access_key)
        return CreatedStorage(
            keys=keys,
            ready=(spaces.bucket,),
            outputs=(
                Output("spaces_bucket_name", spaces.bucket.name, _BUCKET_NAME),
                Output("spaces_bucket_urn", spaces.urn, "URN of the Spaces bucket"),
            ),
            parts={"spaces_bucket": spaces},
        )

    def resources_class(self) -> type[LocationResources]:
        """:class:`~cdktf_velero.DigitalOceanBackups`, the sub-construct's class since the first release."""
        from ..location_resources import DigitalOceanBackups

        return DigitalOceanBackups
