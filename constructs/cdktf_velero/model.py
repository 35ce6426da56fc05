"""Validation of the locations and schedules, and the typed velero.io objects built from them.

Everything here is pure Python (no jsii): it runs before any Terraform resource exists, so
a bad input fails fast with :class:`VeleroConfigError`, and the hypothesis tests can drive
it cheaply. Specs are the generated ``imports/velero`` classes, so mypy checks every field
against the CRDs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import validation as v
from .config import AwsLocation, BackupSchedule, DigitalOceanLocation
from .errors import VeleroConfigError
from .imports.velero import (
    BackupStorageLocationSpec,
    BackupStorageLocationSpecCredential,
    BackupStorageLocationSpecObjectStorage,
    ScheduleSpec,
    ScheduleSpecTemplate,
    ScheduleSpecTemplateLabelSelector,
    VolumeSnapshotLocationSpec,
)
from .versions import DIGITALOCEAN_SNAPSHOT_PROVIDER

__all__ = ["LocationSpec", "ResolvedSchedule", "check_cross", "resolve_aws", "resolve_digitalocean"]

_ACCESS_MODES = ("ReadWrite", "ReadOnly")


@dataclass(frozen=True)
class ResolvedSchedule:
    """A validated schedule: its name and the Schedule ``spec`` Velero receives."""

    name: str
    spec: ScheduleSpec
    labels: dict[str, str]
    storage_location: str
    snapshot_locations: tuple[str, ...]
    file_system_backup: bool
    path: str


@dataclass(frozen=True)
class LocationSpec:
    """A validated storage location: the BSL spec, and the VSL spec when it has one."""

    name: str
    default: bool
    bsl_spec: BackupStorageLocationSpec
    vsl_spec: VolumeSnapshotLocationSpec | None
    schedule: ResolvedSchedule | None


def _optional(path: str, value: object, check: Any) -> Any:
    return None if value is None else check(path, value)


def _location_config(path: str, config: Mapping[str, str], reserved: tuple[str, ...]) -> dict[str, str]:
    extra = v.check_string_map(path, config)
    for key in extra:  # the chart writes config keys unquoted (their values quoted)
        v.check_yaml_plain(f"{path}.{key}", key)
    for key in reserved:
        if key in extra:
            raise VeleroConfigError(f"{path}.{key}", extra[key], "is set by the location itself; remove it from config")
    return extra


def _bsl_spec(
    path: str,
    *,
    bucket: str,
    prefix: str | None,
    config: dict[str, str],
    default: bool,
    access_mode: object,
    credential: BackupStorageLocationSpecCredential | None,
    validation_frequency: str | None = None,
    backup_sync_period: str | None = None,
) -> BackupStorageLocationSpec:
    if access_mode not in _ACCESS_MODES:
        raise VeleroConfigError(f"{path}.access_mode", access_mode, "must be 'ReadWrite' or 'ReadOnly'")
    return BackupStorageLocationSpec(
        provider="aws",
        object_storage=BackupStorageLocationSpecObjectStorage(bucket=bucket, prefix=prefix),
        config=config,
        default=default,
        access_mode="ReadWrite" if access_mode == "ReadWrite" else "ReadOnly",
        credential=credential,
        validation_frequency=_optional(f"{path}.validation_frequency", validation_frequency, v.check_duration),
        backup_sync_period=_optional(f"{path}.backup_sync_period", backup_sync_period, v.check_duration),
    )


def resolve_schedule(
    path: str,
    schedule: object,
    *,
    default_name: str,
    storage_location: str,
    own_snapshot_location: str | None,
) -> ResolvedSchedule:
    """Validate one schedule and build its Schedule spec (no ``skipImmediately``: the controller owns it)."""
    if not isinstance(schedule, BackupSchedule):
        raise VeleroConfigError(path, schedule, "must be a BackupSchedule or None")
    name = v.check_dns_label(f"{path}.name", schedule.name if schedule.name is not None else default_name)
    ttl = v.check_duration(f"{path}.ttl", schedule.ttl)
    included_ns = v.check_namespace_list(f"{path}.included_namespaces", schedule.included_namespaces)
    excluded_ns = v.check_namespace_list(f"{path}.excluded_namespaces", schedule.excluded_namespaces)
    included_res = v.check_resource_list(f"{path}.included_resources", schedule.included_resources)
    excluded_res = v.check_resource_list(f"{path}.excluded_resources", schedule.excluded_resources)
    cluster_resources = _optional(f"{path}.include_cluster_resources", schedule.include_cluster_resources, v.check_bool)
    selector = None
    if schedule.label_selector is not None:
        selector = v.check_label_selector(f"{path}.label_selector", schedule.label_selector) or None
    snapshot_volumes = v.check_bool(f"{path}.snapshot_volumes", schedule.snapshot_volumes)
    fs_backup = v.check_bool(f"{path}.file_system_backup", schedule.file_system_backup)
    if schedule.volume_snapshot_locations is not None:
        vsls = tuple(v.check_name_list(f"{path}.volume_snapshot_locations", schedule.volume_snapshot_locations))
        if vsls and not snapshot_volumes:
            raise VeleroConfigError(
                f"{path}.volume_snapshot_locations", list(vsls), "needs snapshot_volumes=True to have any effect"
            )
    elif snapshot_volumes and own_snapshot_location is not None:
        vsls = (own_snapshot_location,)
    else:
        vsls = ()
    template = ScheduleSpecTemplate(
        ttl=ttl,
        storage_location=storage_location,
        included_namespaces=included_ns,
        excluded_namespaces=excluded_ns or None,
        included_resources=included_res or None,
        excluded_resources=excluded_res or None,
        include_cluster_resources=cluster_resources,
        label_selector=ScheduleSpecTemplateLabelSelector(match_labels=selector) if selector else None,
        # Always written: Velero reads a missing snapshotVolumes as "take snapshots".
        snapshot_volumes=snapshot_volumes,
        default_volumes_to_fs_backup=True if fs_backup else None,
        volume_snapshot_locations=list(vsls) or None,
    )
    spec = ScheduleSpec(
        schedule=v.check_cron(f"{path}.cron", schedule.cron),
        template=template,
        use_owner_references_in_backup=v.check_bool(
            f"{path}.use_owner_references_in_backup", schedule.use_owner_references_in_backup
        ),
        paused=True if v.check_bool(f"{path}.paused", schedule.paused) else None,
    )
    labels = v.check_labels(f"{path}.labels", schedule.labels) if schedule.labels is not None else {}
    return ResolvedSchedule(
        name=name,
        spec=spec,
        labels=labels,
        storage_location=storage_location,
        snapshot_locations=vsls,
        file_system_backup=fs_backup,
        path=path,
    )


def resolve_aws(
    aws: object,
    *,
    allow_plaintext_secrets: bool,
    default: bool,
    credential: BackupStorageLocationSpecCredential | None = None,
) -> LocationSpec:
    """Validate the AWS location; ``default`` is decided by :func:`decide_default`."""
    path = "aws"
    if not isinstance(aws, AwsLocation):
        raise VeleroConfigError(path, aws, "must be an AwsLocation")
    name = v.check_yaml_plain(f"{path}.name", v.check_dns_label(f"{path}.name", aws.name))
    bucket = v.check_s3_bucket(f"{path}.bucket", aws.bucket)
    region = v.check_aws_region(f"{path}.region", aws.region)
    for prop in ("access_key_id", "secret_access_key"):
        value = getattr(aws, prop)
        if value is None:
            raise VeleroConfigError(f"{path}.{prop}", None, "is required: pass a sensitive TerraformVariable's value")
        v.check_secret(f"{path}.{prop}", value, allow_plaintext=allow_plaintext_secrets)
    config = {"region": region, **_location_config(f"{path}.config", aws.config, ("region",))}
    bsl = _bsl_spec(
        path,
        bucket=bucket,
        prefix=_optional(f"{path}.prefix", aws.prefix, v.check_prefix),
        config=config,
        default=default,
        access_mode=aws.access_mode,
        credential=credential,
        validation_frequency=aws.validation_frequency,
        backup_sync_period=aws.backup_sync_period,
    )
    schedule = None
    if aws.schedule is not None:
        schedule = resolve_schedule(
            f"{path}.schedule",
            aws.schedule,
            default_name="daily-aws-backups",
            storage_location=name,
            own_snapshot_location=None,
        )
    return LocationSpec(name=name, default=default, bsl_spec=bsl, vsl_spec=None, schedule=schedule)


def spaces_endpoint(region: str) -> str:
    """The S3-compatible endpoint of a Spaces region."""
    return f"https://{region}.digitaloceanspaces.com"


def resolve_digitalocean(
    do: object, *, allow_plaintext_secrets: bool, default: bool, credential_key: str = "cloud"
) -> LocationSpec:
    """Validate the DigitalOcean location and build its BSL and VSL specs."""
    path = "digitalocean"
    if not isinstance(do, DigitalOceanLocation):
        raise VeleroConfigError(path, do, "must be a DigitalOceanLocation")
    name = v.check_yaml_plain(f"{path}.name", v.check_dns_label(f"{path}.name", do.name))
    bucket = v.check_spaces_bucket(f"{path}.bucket", do.bucket)
    region = v.check_spaces_region(f"{path}.region", do.region)
    secret_name = v.check_dns_subdomain(f"{path}.credentials_secret_name", do.credentials_secret_name)
    for prop in ("spaces_access_key_id", "spaces_secret_access_key"):
        v.check_secret(f"{path}.{prop}", getattr(do, prop), allow_plaintext=allow_plaintext_secrets)
    snapshots = v.check_bool(f"{path}.volume_snapshots", do.volume_snapshots)
    if snapshots:
        if do.api_token is None:
            raise VeleroConfigError(
                f"{path}.api_token",
                None,
                "is required while volume_snapshots=True: the DigitalOcean snapshot plugin reads it",
            )
        v.check_secret(f"{path}.api_token", do.api_token, allow_plaintext=allow_plaintext_secrets)
    elif do.api_token is not None:
        raise VeleroConfigError(
            f"{path}.api_token", None, "is only used with volume_snapshots=True; remove it", secret=True
        )
    config = {
        "region": region,
        "s3Url": spaces_endpoint(region),
        **_location_config(f"{path}.config", do.config, ("region", "s3Url")),
    }
    bsl = _bsl_spec(
        path,
        bucket=bucket,
        prefix=_optional(f"{path}.prefix", do.prefix, v.check_prefix),
        config=config,
        default=default,
        access_mode=do.access_mode,
        credential=BackupStorageLocationSpecCredential(name=secret_name, key=credential_key),
    )
    vsl = (
        VolumeSnapshotLocationSpec(provider=DIGITALOCEAN_SNAPSHOT_PROVIDER, config={"region": region})
        if snapshots
        else None
    )
    schedule = None
    if do.schedule is not None:
        schedule = resolve_schedule(
            f"{path}.schedule",
            do.schedule,
            default_name="daily-digitalocean-backups",
            storage_location=name,
            own_snapshot_location=name if snapshots else None,
        )
    return LocationSpec(name=name, default=default, bsl_spec=bsl, vsl_spec=vsl, schedule=schedule)


def decide_default(aws: object, do: object) -> tuple[bool, bool]:
    """Exactly one default BSL: AWS unless the DigitalOcean location asks for it."""
    do_default = isinstance(do, DigitalOceanLocation) and v.check_bool("digitalocean.default", do.default)
    aws_wants = aws.default if isinstance(aws, AwsLocation) else None
    if aws_wants is not None:
        v.check_bool("aws.default", aws_wants)
    if do_default and aws_wants:
        raise VeleroConfigError(
            "digitalocean.default", True, "only one location can be the default, and aws.default is True"
        )
    if aws_wants is False and not do_default:
        raise VeleroConfigError(
            "aws.default", False, "one location must be the default: set digitalocean.default=True or leave aws.default"
        )
    return (not do_default, do_default)


def check_cross(locations: list[LocationSpec], *, node_agent: bool | None, chart_fullname: str | None = None) -> bool:
    """Cross-checks across locations; returns whether the node agent is deployed.

    ``locations[0]`` is the AWS location, whose schedule the chart renders as
    ``<chart_fullname>-<name>``; with ``chart_fullname`` given, that object name must not collide
    with the DigitalOcean Schedule either.
    """
    bsl_names: dict[str, str] = {}
    vsl_names = {loc.name for loc in locations if loc.vsl_spec is not None}
    schedule_names: dict[str, str] = {}
    for loc in locations:
        if loc.name in bsl_names:
            raise VeleroConfigError(
                "digitalocean.name", loc.name, f"duplicates the name of the {bsl_names[loc.name]} location"
            )
        bsl_names[loc.name] = "aws" if loc is locations[0] else "digitalocean"
    wants_fs = False
    for loc in locations:
        sched = loc.schedule
        if sched is None:
            continue
        if sched.name in schedule_names:
            raise VeleroConfigError(
                f"{sched.path}.name", sched.name, f"duplicates the schedule of {schedule_names[sched.name]}"
            )
        schedule_names[sched.name] = sched.path
        if chart_fullname is not None and loc is locations[0]:
            object_name = f"{chart_fullname}-{sched.name}"
            schedule_names.setdefault(object_name, f"{sched.path} (the chart names it {object_name!r})")
        for index, vsl in enumerate(sched.snapshot_locations):
            if vsl not in vsl_names:
                known = ", ".join(sorted(vsl_names)) or "none"
                raise VeleroConfigError(
                    f"{sched.path}.volume_snapshot_locations[{index}]",
                    vsl,
                    f"names no configured volume snapshot location (configured: {known})",
                )
        if sched.spec.template.snapshot_volumes and not vsl_names:
            raise VeleroConfigError(
                f"{sched.path}.snapshot_volumes",
                True,
                "needs a volume snapshot location: configure a DigitalOcean location with volume_snapshots=True",
            )
        wants_fs = wants_fs or sched.file_system_backup
    if node_agent is None:
        return wants_fs
    v.check_bool("node_agent", node_agent)
    if wants_fs and not node_agent:
        raise VeleroConfigError(
            "node_agent", False, "a schedule has file_system_backup=True, which needs the node agent"
        )
    return node_agent
