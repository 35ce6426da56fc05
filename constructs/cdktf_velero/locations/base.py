"""The location protocol: what every kind of storage location answers.

A location kind is a frozen dataclass of props (``AwsLocation``, ``DigitalOceanLocation``) deriving from
:class:`Location`. It answers in two steps:

1. :meth:`Location.resolve` (pure, in the plan, before any resource exists): validate the props and describe
   the location as a :class:`ResolvedLocation`: its BackupStorageLocation spec, optional VolumeSnapshotLocation
   spec, schedule, credentials file (:class:`CredentialsFile`: secret name, key, key pair), server environment
   (:class:`ServerSecret`), plugins (:class:`Plugin`, the chart's init containers), the server-wide settings it
   needs (Velero feature flags; whether it is an S3-compatible store), outputs, and how it reaches
   the cluster (:data:`Carrier`): in the chart's values, or as custom resources in a sub-construct of its own
   (``construct_id``, which becomes part of Terraform addresses). The context says whether it is a primary
   location (the ``aws`` and ``digitalocean`` props, whose ids never change) or one of ``locations=``, whose ids
   derive from its name.
2. :meth:`Location.create_storage` (in the construct, after the plan): create the buckets and keys it asked
   for and return them as :class:`CreatedStorage`, whose key pair feeds the credentials secret. A created key
   flows as the storage construct's attribute (a token) into that secret: the plan is never changed afterwards.

Storage and sub-construct classes are imported inside those methods, so the plan layer imports no construct
module. The code the kinds share to resolve themselves is in :mod:`.common`, apart, so that this module reads
as the contract alone.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from ..imports.velero import (
    BackupStorageLocation,
    BackupStorageLocationSpec,
    Schedule,
    VolumeSnapshotLocation,
    VolumeSnapshotLocationSpec,
)
from ..schedules import BackupSchedule, ResolvedSchedule
from ..secret_fields import RedactedRepr, secret_field

if TYPE_CHECKING:
    from constructs import Construct

    from ..engine.core import ITerraformDependable
    from ..location_resources import LocationResources
    from ..props import VeleroBackupsProps

__all__ = [
    "CSI_FEATURE",
    "S3_COMPATIBLE_CONFIG",
    "S3_COMPATIBLE_SERVER_ENV",
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
]

AccessMode = Literal["ReadWrite", "ReadOnly"]

Carrier = Literal["chart", "custom_resources"]
"""How a location reaches the cluster: in the chart's values (``helm_release``), or as ``kubernetes_manifest``
custom resources beside the release (in ``custom_resources_stack`` when given)."""

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

S3_COMPATIBLE_CONFIG: Mapping[str, str] = {"checksumAlgorithm": ""}
"""BSL config every S3-compatible store other than AWS S3 gets by default (its own ``config`` may override it):
no checksum on uploads. Since the AWS plugin moved to the AWS SDK v2, such stores reject the SDK's default
checksums or store them inside the objects (Velero issues 9804, 9951)."""

S3_COMPATIBLE_SERVER_ENV: Mapping[str, str] = {
    "AWS_REQUEST_CHECKSUM_CALCULATION": "when_required",
    "AWS_RESPONSE_CHECKSUM_VALIDATION": "when_required",
}
"""The AWS SDK's own opt-out of default checksums, in the server's environment whenever an S3-compatible store
other than AWS S3 is configured. Server-wide: an AWS S3 location keeps the CRC32 the plugin asks for itself."""

CSI_FEATURE = "EnableCSI"
"""Velero's feature flag for CSI volume snapshots (and the data mover); it applies to the whole server."""


@dataclass(frozen=True, repr=False)
class KeyPair(RedactedRepr):
    """An S3 access key pair (Terraform tokens, or literals with ``allow_plaintext_secrets``); never shown in
    ``repr()``."""

    access_key_id: str = secret_field()
    secret_access_key: str = secret_field()


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


@dataclass(frozen=True, repr=False)
class ServerSecret(RedactedRepr):
    """Environment variables the Velero server needs (a plugin's API token), in the secret the chart loads
    into the server's environment (``credentials.extraSecretRef``); its data never shown in ``repr()``. The server
    has one environment: one location at most may ask for it."""

    construct_id: str
    name: str
    needed_by: str
    """The property path that asks for it (``digitalocean.volume_snapshots``), for errors."""
    data: Mapping[str, str] = secret_field()


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
    volume_snapshot_class: Mapping[str, Any] | None = None
    """A CSI VolumeSnapshotClass (snapshot.storage.k8s.io/v1 manifest) the location's snapshots use."""


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
    additional: bool = False
    """Given in ``locations=``: emitted as custom resources, with its construct id, credentials secret, default
    schedule name and outputs derived from its name (:func:`.common.location_ids`); the primary locations
    (``aws``, ``digitalocean``) keep the ids they have always had."""


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
    s3_compatible_store: bool = False
    """An S3-compatible store other than AWS S3: its BSL config starts from :data:`S3_COMPATIBLE_CONFIG`, and the
    server gets :data:`S3_COMPATIBLE_SERVER_ENV`."""
    features: tuple[str, ...] = ()
    """Velero feature flags the location needs (``configuration.features``); they apply to the whole server."""


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


class Location(RedactedRepr, ABC):
    """A kind of storage location; the kinds are frozen dataclasses of props deriving from it, each with at
    least these props (read by the shared code in :mod:`.common`). A kind declares its credentials with
    :func:`~cdktf_velero.secret_fields.secret_field` and ``@dataclass(frozen=True, repr=False)``, so that
    ``repr()`` shows them as ``<redacted>``."""

    name: str
    """Name of its BackupStorageLocation."""
    prefix: str | None
    """Key prefix inside the bucket."""
    default: bool | None
    """Mark it the default BackupStorageLocation; ``None``: the primary ``aws`` location is, unless another location
    is marked (in ``locations=``, ``None`` means no)."""
    access_mode: AccessMode
    """``ReadWrite`` or ``ReadOnly``."""
    schedule: BackupSchedule | None
    """Its backup schedule."""
    stored_in: ClassVar[str]
    """What it keeps backups in, for descriptions (``the S3 bucket``)."""

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
