"""The DigitalOcean location: a Spaces bucket (S3-compatible) and DOKS volume snapshots, emitted as custom
resources by the :class:`~cdktf_velero.DigitalOceanBackups` sub-construct; optionally a Spaces bucket and key
created for it (:mod:`cdktf_velero.storage`).

Volume snapshots come from the DigitalOcean plugin (a VolumeSnapshotLocation and the plugin, which reads an API
token) or from Velero's CSI support and DOKS's CSI driver (a VolumeSnapshotClass, no token), optionally with the
data mover copying the snapshots' data into Spaces. In ``locations=`` (another Spaces bucket) its ids derive from
its name, and only one DigitalOcean location may take volume snapshots through the plugin."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from .. import validation as v
from ..csi import DOKS_CSI_DRIVER, volume_snapshot_class
from ..errors import VeleroConfigError
from ..imports.velero import VolumeSnapshotLocationSpec
from ..schedules import BackupSchedule
from ..secret_fields import secret_field
from ..storage.options import SpacesBucketOptions, check_spaces_bucket_options
from .base import (
    CSI_FEATURE,
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

__all__ = [
    "DEFAULT_DIGITALOCEAN_SCHEDULE",
    "DEFAULT_VOLUME_SNAPSHOT_CLASS",
    "SNAPSHOT_PROVIDER",
    "DigitalOceanLocation",
    "VolumeSnapshots",
    "spaces_endpoint",
]

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

VolumeSnapshots = Literal["digitalocean-plugin", "csi"]
"""How volumes are snapshotted: by the DigitalOcean plugin, or by Velero's CSI support with DOKS's CSI driver."""

DEFAULT_VOLUME_SNAPSHOT_CLASS = "velero-do-block-storage"
"""Name of the VolumeSnapshotClass created for Velero with ``volume_snapshots="csi"``."""

_MODES: dict[object, VolumeSnapshots | None] = {
    "digitalocean-plugin": "digitalocean-plugin",
    "csi": "csi",
    None: None,
    True: "digitalocean-plugin",  # the original module's switch, kept: on was the plugin
    False: None,
}


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
    """DigitalOcean API token (Terraform token) for the DigitalOcean plugin; required with
    ``volume_snapshots="digitalocean-plugin"`` and refused otherwise."""
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
    volume_snapshots: VolumeSnapshots | bool | None = True
    """How volumes are snapshotted. ``"digitalocean-plugin"``: a VolumeSnapshotLocation and the DigitalOcean
    plugin, with :attr:`api_token`. ``"csi"``: Velero's CSI support (``EnableCSI``, server-wide) and a
    VolumeSnapshotClass for DOKS's CSI driver (:attr:`volume_snapshot_class`); no plugin, no snapshot location,
    no token. ``None``: no volume snapshots. ``True`` and ``False``, the original switch, stand for
    ``"digitalocean-plugin"`` and ``None``. Default ``True`` (the plugin, as the original module)."""
    volume_snapshot_class: str | None = DEFAULT_VOLUME_SNAPSHOT_CLASS
    """With ``volume_snapshots="csi"``: name of the VolumeSnapshotClass created for Velero (driver
    ``dobs.csi.digitalocean.com``, ``deletionPolicy: Retain``, labelled ``velero.io/csi-volumesnapshot-class``);
    ``None`` to create none and label a class yourself. Default ``velero-do-block-storage``."""
    snapshot_move_data: bool = False
    """Default of ``snapshot_move_data`` for this location's schedules that take snapshots: copy the CSI snapshots'
    data into Spaces with the data mover (needs ``volume_snapshots="csi"``). Default ``False``."""
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
        mode = self._snapshot_mode(path)
        plugin = mode == "digitalocean-plugin"
        token_secret = self._token_secret(ctx, plugin)
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
                VolumeSnapshotLocationSpec(provider=SNAPSHOT_PROVIDER, config={"region": region}) if plugin else None
            ),
            server_secret=token_secret,
            default_schedule_name=ids.schedule_name,
            plugins=(S3_PLUGIN, SNAPSHOT_PLUGIN) if plugin else (S3_PLUGIN,),
            outputs=(Output("spaces_bucket_name", self.bucket, _BUCKET_NAME),),
            s3_compatible_store=True,
            features=(CSI_FEATURE,) if mode == "csi" else (),
            volume_snapshot_class=self._snapshot_class(path, mode),
            snapshot_move_data=self._snapshot_move_data(path, mode),
        )

    def _snapshot_mode(self, path: str) -> VolumeSnapshots | None:
        """``volume_snapshots``, with the original booleans read as the modes they stand for."""
        value = self.volume_snapshots
        if not isinstance(value, bool | str | None) or value not in _MODES:
            raise VeleroConfigError(
                f"{path}.volume_snapshots", value, "must be 'digitalocean-plugin', 'csi' or None (or True / False)"
            )
        return _MODES[value]

    def _snapshot_class(self, path: str, mode: VolumeSnapshots | None) -> dict[str, object] | None:
        """The VolumeSnapshotClass Velero picks for DOKS volumes (``"csi"`` only)."""
        name = self.volume_snapshot_class
        if mode != "csi":
            if name != DEFAULT_VOLUME_SNAPSHOT_CLASS:
                raise VeleroConfigError(
                    f"{path}.volume_snapshot_class", name, "only applies with volume_snapshots='csi'"
                )
            return None
        if name is None:
            return None
        return volume_snapshot_class(v.check_dns_subdomain(f"{path}.volume_snapshot_class", name), DOKS_CSI_DRIVER)

    def _snapshot_move_data(self, path: str, mode: VolumeSnapshots | None) -> bool:
        """The location's default ``snapshot_move_data``: the data mover copies CSI snapshots only."""
        move = v.check_bool(f"{path}.snapshot_move_data", self.snapshot_move_data)
        if move and mode != "csi":
            raise VeleroConfigError(
                f"{path}.snapshot_move_data", True, "needs volume_snapshots='csi': the data mover copies CSI snapshots"
            )
        return move

    def _check_storage(self, path: str) -> bool:
        """Check the storage props; returns ``create_spaces_key``."""
        check_bucket_options(path, self.create_bucket, self.bucket_options, check_spaces_bucket_options)
        create_key = v.check_bool(f"{path}.create_spaces_key", self.create_spaces_key)
        if create_key and not self.create_bucket:
            raise VeleroConfigError(
                f"{path}.create_spaces_key", True, "needs create_bucket=True: the key is granted on the created bucket"
            )
        return create_key

    def _token_secret(self, ctx: ResolveContext, plugin: bool) -> ServerSecret | None:
        """``DIGITALOCEAN_TOKEN`` in the server's environment, which the DigitalOcean plugin reads."""
        path = ctx.path
        if not plugin:
            if self.api_token is not None:
                raise VeleroConfigError(
                    f"{path}.api_token",
                    None,
                    "is only used with volume_snapshots='digitalocean-plugin' (or True); remove it",
                    secret=True,
                )
            return None
        if self.api_token is None:
            raise VeleroConfigError(
                f"{path}.api_token",
                None,
                "is required with volume_snapshots='digitalocean-plugin' (or True): the DigitalOcean plugin reads it",
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
