"""The location protocol: what every kind of storage location answers, and the code the kinds share.

A location kind is a frozen dataclass of props (``AwsLocation``, ``DigitalOceanLocation``) deriving from
:class:`Location`. It answers in two steps:

1. :meth:`Location.resolve` (pure, in the plan, before any resource exists): validate the props and describe
   the location as a :class:`ResolvedLocation`: its BackupStorageLocation spec, optional VolumeSnapshotLocation
   spec, schedule, credentials file (:class:`CredentialsFile`: secret name, key, key pair), server environment
   (:class:`ServerSecret`), plugins (:class:`Plugin`, the chart's init containers), outputs, and how it reaches
   the cluster (:data:`Carrier`): in the chart's values, or as custom resources in a sub-construct of its own
   (``construct_id``, which becomes part of Terraform addresses).
2. :meth:`Location.create_storage` (in the construct, after the plan): create the buckets and keys it asked
   for and return them as :class:`CreatedStorage`, whose key pair feeds the credentials secret. A created key
   flows as the storage construct's attribute (a token) into that secret: the plan is never changed afterwards.

Storage and sub-construct classes are imported inside those methods, so the plan layer imports no construct
module. The shared checks (:func:`check_bsl_spec`, :func:`check_vsl_spec`) are the ones ``add_*`` runs too.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeVar

from .. import validation as v
from ..errors import VeleroConfigError
from ..imports.velero import (
    BackupStorageLocation,
    BackupStorageLocationSpec,
    BackupStorageLocationSpecCredential,
    BackupStorageLocationSpecObjectStorage,
    Schedule,
    VolumeSnapshotLocation,
    VolumeSnapshotLocationSpec,
)
from ..manifests import object_meta
from ..schedules import BackupSchedule, ResolvedSchedule, resolve_schedule

if TYPE_CHECKING:
    from cdktf import ITerraformDependable
    from constructs import Construct

    from ..location_resources import LocationResources
    from ..props import VeleroBackupsProps

__all__ = [
    "S3_PLUGIN",
    "S3_PROVIDER",
    "AccessMode",
    "Carrier",
    "CreatedStorage",
    "CredentialsFile",
    "KeyPair",
    "Location",
    "LocationObjects",
    "Output",
    "Plugin",
    "ResolveContext",
    "ResolvedLocation",
    "ServerSecret",
    "check_bsl_spec",
    "check_key_pair",
    "check_vsl_spec",
    "resolved_location",
]

AccessMode = Literal["ReadWrite", "ReadOnly"]

Carrier = Literal["chart", "custom_resources"]
"""How a location reaches the cluster: in the chart's values (``helm_release``), or as ``kubernetes_manifest``
custom resources beside the release (in ``custom_resources_stack`` when given)."""

_ACCESS_MODES = ("ReadWrite", "ReadOnly")
_T = TypeVar("_T")


@dataclass(frozen=True)
class Plugin:
    """A Velero plugin the location needs: its init container, and the ``VeleroBackups`` prop holding the image."""

    container: str
    image_prop: str


S3_PROVIDER = "aws"
"""BackupStorageLocation provider of every S3-compatible store (S3, Spaces, MinIO, ...): the AWS plugin."""

S3_PLUGIN = Plugin("velero-plugin-for-aws", "aws_plugin_image")
"""The plugin serving :data:`S3_PROVIDER`."""


@dataclass(frozen=True)
class KeyPair:
    """An S3 access key pair (Terraform tokens); never shown in ``repr()``."""

    access_key_id: str = field(repr=False)
    secret_access_key: str = field(repr=False)


@dataclass(frozen=True)
class CredentialsFile:
    """A location's key pair as the AWS plugin's shared-credentials file, in a Kubernetes secret of its own."""

    construct_id: str
    """The secret's construct id: beside the release for a chart-carried location, else in its sub-construct."""
    name: str
    """The secret object's name."""
    name_path: str
    """The property path that sets ``name``, for errors."""
    keys: KeyPair | None
    """The key pair given in the props, or ``None`` for the one the location's storage creates."""
    key: str = "cloud"
    """The key holding the file inside the secret."""
    chart_default: bool = False
    """The chart's default credentials (``credentials.existingSecret``), which a BSL without its own
    ``credential`` uses; otherwise the BSL names this secret and key."""


@dataclass(frozen=True)
class ServerSecret:
    """Environment variables the Velero server needs (a plugin's API token), in the secret the chart loads
    into the server's environment (``credentials.extraSecretRef``)."""

    construct_id: str
    name: str
    data: Mapping[str, str] = field(repr=False)


@dataclass(frozen=True)
class Output:
    """A ``TerraformOutput`` named ``<construct id>_<name>``; never a key or a secret."""

    name: str
    value: str
    description: str


@dataclass(frozen=True)
class LocationObjects:
    """The typed custom resources of a location the chart does not carry."""

    backup_storage_location: BackupStorageLocation
    volume_snapshot_location: VolumeSnapshotLocation | None
    schedule: Schedule | None


@dataclass(frozen=True)
class ResolveContext:
    """What a location needs to know about the rest of the configuration to resolve itself."""

    path: str
    """Its property path (``aws``), the prefix of every error about it."""
    default: bool
    """Whether it is the default BackupStorageLocation (decided across all locations)."""
    allow_plaintext_secrets: bool
    namespace: str
    chart_fullname: str
    """The chart's fullname, which prefixes the names of the Schedules the chart renders."""
    chart_credentials_secret: str
    """Name of the chart's default credentials secret (``credentials.existingSecret``)."""
    server_env_secret: str
    """Name of the secret loaded into the server's environment (``credentials.extraSecretRef``)."""


@dataclass(frozen=True)
class ResolvedLocation:
    """A validated location: everything the chart values, the custom resources and the secrets need."""

    source: Location
    path: str
    carrier: Carrier
    construct_id: str
    """Id of the sub-construct holding its custom resources (``custom_resources`` carriers)."""
    name: str
    default: bool
    bsl_spec: BackupStorageLocationSpec
    vsl_spec: VolumeSnapshotLocationSpec | None
    schedule: ResolvedSchedule | None
    credentials: CredentialsFile
    server_secret: ServerSecret | None
    plugins: tuple[Plugin, ...]
    outputs: tuple[Output, ...]
    objects: LocationObjects | None
    """The typed custom resources (``custom_resources`` carriers only)."""


@dataclass(frozen=True)
class CreatedStorage:
    """What :meth:`Location.create_storage` created: constructs and the token attributes that flow onward."""

    keys: KeyPair | None
    """The created key pair, when the location's credentials come from it."""
    ready: tuple[ITerraformDependable, ...]
    """Resources that must exist before Velero uses the location."""
    outputs: tuple[Output, ...]
    """Outputs of the created resources; they replace the location's outputs of the same name."""
    parts: Mapping[str, Construct]
    """The storage constructs by ``VeleroBackups`` attribute name (``s3_bucket``, ``iam_user``, ...)."""

    def part(self, name: str, cls: type[_T]) -> _T | None:
        """The part called ``name`` if it is a ``cls``."""
        found = self.parts.get(name)
        return found if isinstance(found, cls) else None


class Location(ABC):
    """A kind of storage location; the kinds are frozen dataclasses of props deriving from it."""

    default: bool | None
    """Mark it the default BackupStorageLocation; ``None``: yes, unless another location is marked."""

    @abstractmethod
    def resolve(self, ctx: ResolveContext) -> ResolvedLocation:
        """Validate the props (raising ``VeleroConfigError`` under ``ctx.path``) and describe the location."""

    def create_storage(
        self, scope: Construct, location: ResolvedLocation, props: VeleroBackupsProps
    ) -> CreatedStorage | None:
        """Create the storage the props ask for, in ``scope``. Default: none."""
        return None

    def resources_class(self) -> type[LocationResources]:
        """The sub-construct class of a location carried as custom resources."""
        from ..location_resources import LocationResources

        return LocationResources


def check_key_pair(
    ctx: ResolveContext,
    props: tuple[str, str],
    values: tuple[object, object],
    *,
    created: bool,
    missing: str,
    missing_is_secret: bool,
    created_rule: str,
) -> KeyPair | None:
    """The location's key pair: left out when its storage creates one (``created``), else both tokens."""
    if created:
        for prop, value in zip(props, values, strict=True):
            if value is not None:
                raise VeleroConfigError(f"{ctx.path}.{prop}", None, created_rule, secret=True)
        return None
    checked: list[str] = []
    for prop, value in zip(props, values, strict=True):
        if value is None:
            raise VeleroConfigError(f"{ctx.path}.{prop}", None, missing, secret=missing_is_secret)
        checked.append(v.check_secret(f"{ctx.path}.{prop}", value, allow_plaintext=ctx.allow_plaintext_secrets))
    return KeyPair(*checked)


def location_config(path: str, config: object, fixed: Mapping[str, str]) -> dict[str, str]:
    """The BSL ``config``: the location's own keys (``fixed``, which the user may not set) and the user's."""
    extra = v.check_string_map(path, config)
    for key in fixed:
        if key in extra:
            raise VeleroConfigError(f"{path}.{key}", extra[key], "is set by the location itself; remove it from config")
    return {**fixed, **extra}


def _check_access_mode(path: str, value: object) -> str:
    if value not in _ACCESS_MODES:
        raise VeleroConfigError(path, value, "must be 'ReadWrite' or 'ReadOnly'")
    return str(value)


_BSL_FIELDS: tuple[tuple[str, Callable[[BackupStorageLocationSpec], object], Callable[[str, object], object]], ...] = (
    ("object_storage.prefix", lambda spec: spec.object_storage.prefix, v.check_prefix),
    ("config", lambda spec: spec.config, v.check_string_map),
    ("access_mode", lambda spec: spec.access_mode, _check_access_mode),
    ("validation_frequency", lambda spec: spec.validation_frequency, v.check_duration),
    ("backup_sync_period", lambda spec: spec.backup_sync_period, v.check_duration),
)


def check_bsl_spec(
    path_of: Callable[[str], str], spec: BackupStorageLocationSpec, *, required: AbstractSet[str] = frozenset()
) -> None:
    """The rules every BackupStorageLocation spec follows, built-in or added: a prefix inside the bucket,
    string-only config, an access mode, Go durations. ``path_of`` maps a spec field to its property path;
    fields not in ``required`` may be unset."""
    for name, get, check in _BSL_FIELDS:
        value = get(spec)
        if value is not None or name in required:
            check(path_of(name), value)


def check_vsl_spec(path_of: Callable[[str], str], spec: VolumeSnapshotLocationSpec) -> None:
    """The rules every VolumeSnapshotLocation spec follows: a provider and string-only config."""
    v.check_str(path_of("provider"), spec.provider)
    if spec.config is not None:
        v.check_string_map(path_of("config"), spec.config)


def resolved_location(
    ctx: ResolveContext,
    source: Location,
    *,
    carrier: Carrier,
    construct_id: str,
    name: str,
    bucket: str,
    prefix: str | None,
    config: dict[str, str],
    access_mode: AccessMode,
    credentials: CredentialsFile,
    schedule: BackupSchedule | None,
    default_schedule_name: str,
    plugins: tuple[Plugin, ...],
    outputs: tuple[Output, ...],
    vsl_spec: VolumeSnapshotLocationSpec | None = None,
    server_secret: ServerSecret | None = None,
    validation_frequency: str | None = None,
    backup_sync_period: str | None = None,
) -> ResolvedLocation:
    """The part of resolving that every kind shares: the BSL spec and its checks (each spec field reported under
    the prop of the same name, ``object_storage.prefix`` under ``prefix``), the VSL checks, the schedule, and the
    typed custom resources of a location the chart does not carry."""
    bsl_spec = BackupStorageLocationSpec(
        provider=S3_PROVIDER,
        object_storage=BackupStorageLocationSpecObjectStorage(bucket=bucket, prefix=prefix),
        config=config,
        default=ctx.default,
        access_mode=access_mode,
        credential=(
            None
            if credentials.chart_default
            else BackupStorageLocationSpecCredential(name=credentials.name, key=credentials.key)
        ),
        validation_frequency=validation_frequency,
        backup_sync_period=backup_sync_period,
    )
    check_bsl_spec(
        lambda spec_field: f"{ctx.path}.{spec_field.removeprefix('object_storage.')}",
        bsl_spec,
        required={"access_mode"},
    )
    if vsl_spec is not None:
        check_vsl_spec(lambda spec_field: f"{ctx.path}.volume_snapshots", vsl_spec)
    resolved_schedule = None
    if schedule is not None:
        resolved_schedule = resolve_schedule(
            f"{ctx.path}.schedule",
            schedule,
            default_name=default_schedule_name,
            storage_location=name,
            own_snapshot_location=name if vsl_spec is not None else None,
            object_prefix=ctx.chart_fullname if carrier == "chart" else None,
        )
    objects = None
    if carrier == "custom_resources":
        objects = LocationObjects(
            backup_storage_location=BackupStorageLocation(metadata=object_meta(name, ctx.namespace), spec=bsl_spec),
            volume_snapshot_location=(
                VolumeSnapshotLocation(metadata=object_meta(name, ctx.namespace), spec=vsl_spec) if vsl_spec else None
            ),
            schedule=(
                Schedule(
                    metadata=object_meta(resolved_schedule.name, ctx.namespace, resolved_schedule.labels),
                    spec=resolved_schedule.spec,
                )
                if resolved_schedule is not None
                else None
            ),
        )
    return ResolvedLocation(
        source=source,
        path=ctx.path,
        carrier=carrier,
        construct_id=construct_id,
        name=name,
        default=ctx.default,
        bsl_spec=bsl_spec,
        vsl_spec=vsl_spec,
        schedule=resolved_schedule,
        credentials=credentials,
        server_secret=server_secret,
        plugins=plugins,
        outputs=outputs,
        objects=objects,
    )
