"""The code every location kind shares to resolve itself: its key pair, its BSL ``config``, the BackupStorageLocation
and VolumeSnapshotLocation rules (which ``VeleroBackups.add_*`` runs on added locations too), its schedule, the ids of
a location (:func:`location_ids`) and the typed custom resources of a location the chart
does not carry (:func:`resolved_location`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Any, TypeVar
from urllib.parse import urlparse

from .. import validation as v
from ..aws_plugin import check_bsl_config
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
from ..schedules import resolve_schedule
from .base import (
    S3_COMPATIBLE_CONFIG,
    S3_COMPATIBLE_SERVER_ENV,
    S3_PROVIDER,
    Carrier,
    CredentialsFile,
    KeyPair,
    Location,
    LocationObjects,
    Output,
    Plugin,
    ResolveContext,
    ResolvedLocation,
    ServerSecret,
)

__all__ = [
    "LocationIds",
    "check_bsl_spec",
    "check_bucket_options",
    "check_key_pair",
    "check_vsl_spec",
    "is_other_s3_endpoint",
    "location_config",
    "location_ids",
    "refuse_created_storage",
    "resolved_location",
    "server_env",
]

_ACCESS_MODES = ("ReadWrite", "ReadOnly")


@dataclass(frozen=True)
class LocationIds:
    """The ids of a location that become Terraform addresses, its credentials secret and its default schedule
    name: fixed for a primary location, derived from its name in ``locations=`` (:func:`location_ids`)."""

    construct_id: str
    """Its sub-construct (``digitalocean``, ``location-<name>``); for the chart's ``aws``, its BSL output's prefix."""
    credentials_construct_id: str
    """Its credentials secret: ``credentials``, inside that sub-construct."""
    credentials_secret_name: str
    """The secret object's default name: ``velero-<name>-credentials``."""
    schedule_name: str
    """Its schedule's default name: ``daily-<name>-backups``."""

    def secret_name(self, path: str, given: object) -> str:
        """The credentials secret's name, checked: ``given`` (a kind's ``credentials_secret_name``), else the
        default above."""
        return v.check_dns_subdomain(path, self.credentials_secret_name if given is None else given)


def location_ids(ctx: ResolveContext, name: object, *, primary: LocationIds | None) -> LocationIds:
    """``primary`` for a primary location; in ``locations=`` (or for a kind that has no primary prop, ``primary``
    ``None``), the ids derived from ``name``, a literal DNS label (a token cannot name Terraform addresses). Its
    outputs are then ``<id>_location_<name>_<what>``."""
    if primary is not None and not ctx.additional:
        return primary
    label = v.check_dns_label(f"{ctx.path}.name", name)
    if v.is_token(label):
        raise VeleroConfigError(
            f"{ctx.path}.name", label, "must be a literal in locations=: construct ids and output names derive from it"
        )
    return LocationIds(
        construct_id=f"location-{label}",
        credentials_construct_id="credentials",
        credentials_secret_name=f"velero-{label}-credentials",
        schedule_name=f"daily-{label}-backups",
    )


def refuse_created_storage(ctx: ResolveContext, props: Mapping[str, object]) -> None:
    """Created storage is for the primary locations only: a location in ``locations=`` takes an existing bucket
    and key pair (create them with ``S3BackupBucket``, ``VeleroIamUser`` or ``SpacesBucket`` and pass their
    attributes), since its bucket may live in another region or account, with a provider of its own."""
    if not ctx.additional:
        return
    for prop, value in props.items():
        if value is not False:
            raise VeleroConfigError(
                f"{ctx.path}.{prop}",
                value,
                "is only for the primary aws and digitalocean locations: in locations=, create the bucket or key "
                "with S3BackupBucket, VeleroIamUser or SpacesBucket (and the provider of its region) and pass "
                "the bucket name and the key's attributes",
            )


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


_Options = TypeVar("_Options")


def check_bucket_options(
    path: str, create_bucket: object, options: object, check: Callable[[str, object], _Options]
) -> _Options | None:
    """``create_bucket``, and the options of the bucket to create (which only apply when it is created)."""
    create = v.check_bool(f"{path}.create_bucket", create_bucket)
    if options is None:
        return None
    if not create:
        raise VeleroConfigError(f"{path}.bucket_options", options, "only applies with create_bucket=True")
    return check(f"{path}.bucket_options", options)


def is_other_s3_endpoint(config: Mapping[str, str]) -> bool:
    """Whether a BSL ``config`` points the AWS plugin at a store other than AWS S3 (an ``s3Url`` outside
    ``amazonaws.com``); a Terraform token cannot be told, and counts as AWS."""
    url = config.get("s3Url")
    if url is None or v.is_token(url):
        return False
    host = (urlparse(url).hostname or "").lower()
    return not (host == "amazonaws.com" or host.endswith((".amazonaws.com", ".amazonaws.com.cn")))


def location_config(path: str, config: object, fixed: Mapping[str, str]) -> dict[str, str]:
    """The BSL ``config``: the location's own keys (``fixed``, which the user may not set) and the user's, which
    the AWS plugin (serving every kind, :data:`~.base.S3_PROVIDER`) must accept."""
    extra = v.check_string_map(path, config)
    for key in extra:  # the chart writes config keys unquoted (their values quoted)
        v.check_yaml_plain(f"{path}.{key}", key)
    for key in fixed:
        if key in extra:
            raise VeleroConfigError(f"{path}.{key}", extra[key], "is set by the location itself; remove it from config")
    check_bsl_config(path, extra)
    return {**fixed, **extra}


def _check_access_mode(path: str, value: object) -> None:
    if value not in _ACCESS_MODES:
        raise VeleroConfigError(path, value, "must be 'ReadWrite' or 'ReadOnly'")


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
    bucket: str,
    config: dict[str, str],
    credentials: CredentialsFile,
    default_schedule_name: str,
    plugins: tuple[Plugin, ...],
    outputs: tuple[Output, ...],
    vsl_spec: VolumeSnapshotLocationSpec | None = None,
    server_secret: ServerSecret | None = None,
    validation_frequency: str | None = None,
    backup_sync_period: str | None = None,
    s3_compatible_store: bool = False,
    features: tuple[str, ...] = (),
    volume_snapshot_class: Mapping[str, Any] | None = None,
    snapshot_move_data: bool = False,
    ca_cert: str | None = None,
) -> ResolvedLocation:
    """The part of resolving that every kind shares: the BSL spec and its checks (each spec field reported under
    the prop of the same name, ``object_storage.prefix`` under ``prefix``), the VSL checks, the schedule, and the
    typed custom resources of a location the chart does not carry. The props every kind has (``name``,
    ``prefix``, ``access_mode``, ``schedule``) are read from ``source``; the outputs start with the BSL's name,
    ``<construct_id>_bsl_name`` (in ``locations=``, every output is named ``location_<name>_<what>``, so that no
    name can take another location's output). ``ca_cert`` is the CA bundle, base64-encoded as the CRD's
    ``objectStorage.caCert`` takes it. An ``s3_compatible_store`` gets :data:`~.base.S3_COMPATIBLE_CONFIG` under
    its own ``config``; ``snapshot_move_data`` is the default of its schedule's ``snapshot_move_data``."""
    name = v.check_yaml_plain(f"{ctx.path}.name", v.check_dns_label(f"{ctx.path}.name", source.name))
    if s3_compatible_store:
        config = {**config, **{key: value for key, value in S3_COMPATIBLE_CONFIG.items() if key not in config}}
    bsl_spec = BackupStorageLocationSpec(
        provider=S3_PROVIDER,
        object_storage=BackupStorageLocationSpecObjectStorage(bucket=bucket, prefix=source.prefix, ca_cert=ca_cert),
        config=config,
        default=ctx.default,
        access_mode=source.access_mode,
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
    if source.schedule is not None:
        # Resolved (its type and fields checked) before the ReadOnly rule names it.
        resolved_schedule = resolve_schedule(
            f"{ctx.path}.schedule",
            source.schedule,
            default_name=default_schedule_name,
            storage_location=name,
            own_snapshot_location=name if vsl_spec is not None else None,
            object_prefix=ctx.chart_fullname if carrier == "chart" else None,
            snapshot_move_data=snapshot_move_data,
        )
        if bsl_spec.access_mode == "ReadOnly":
            raise VeleroConfigError(
                f"{ctx.path}.schedule",
                source.schedule.name if isinstance(source.schedule.name, str) else "<BackupSchedule>",
                "backs up to a ReadOnly location, which Velero refuses: set schedule=None (a ReadOnly location is "
                "for restores) or access_mode='ReadWrite'",
            )
    objects = None
    # Only the sub-construct of a custom-resources carrier emits a VolumeSnapshotClass.
    assert volume_snapshot_class is None or carrier == "custom_resources", f"{ctx.path}: no place for the class"
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
            volume_snapshot_class=volume_snapshot_class,
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
        outputs=_outputs(ctx, construct_id, name, source, outputs),
        objects=objects,
        s3_compatible_store=s3_compatible_store,
        features=features,
    )


def _outputs(
    ctx: ResolveContext, construct_id: str, name: str, source: Location, outputs: tuple[Output, ...]
) -> tuple[Output, ...]:
    """The BSL's name first, then the kind's outputs; prefixed with ``location_<name>_`` in ``locations=``."""
    description = f"Velero BackupStorageLocation of {source.stored_in}"
    if not ctx.additional:
        return (Output(f"{construct_id}_bsl_name", name, description), *outputs)
    return tuple(
        replace(out, name=f"location_{name}_{out.name}") for out in (Output("bsl_name", name, description), *outputs)
    )


def server_env(locations: Sequence[ResolvedLocation]) -> dict[str, str]:
    """The plain (non-secret) environment the locations need in the server: the SDK's checksum opt-out as soon
    as one of them is an S3-compatible store other than AWS S3."""
    return dict(S3_COMPATIBLE_SERVER_ENV) if any(loc.s3_compatible_store for loc in locations) else {}
