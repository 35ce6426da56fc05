"""Everything specific to the Velero chart's major version: its release settings and version check, its
fullname rule, the values layout (built as plain data, written as YAML for ``helm_release.values``) and the
values the library owns or the chart refuses.

No credential ever enters these values: the chart reads the default key pair from a Terraform-managed secret
(``credentials.existingSecret``) and the server's environment (plugin tokens) from another
(``credentials.extraSecretRef``), and ``extra_values`` is held to the rules of :mod:`cdktf_velero.chart_secrets`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from . import validation as v
from .data_mover import CONFIG_MAP_KEY
from .errors import VeleroConfigError
from .extra_values import OwnedKey, check_chart_values, check_extra_values, merge_extra_values
from .owned_values import check_shared, env_vars, merged_features
from .versions import CHART_NAME, CHART_VERSION

if TYPE_CHECKING:
    from .locations.base import ResolvedLocation
    from .props import VeleroBackupsProps
    from .schedules import ResolvedSchedule

__all__ = [
    "CHART_MAJOR",
    "OWNED_KEYS",
    "ReleaseSpec",
    "chart_fullname",
    "chart_values",
    "check_release",
    "literal_image",
    "plugin_init_container",
    "to_yaml",
]

CHART_MAJOR = CHART_VERSION.split(".")[0]
"""The chart major the values are built for: that of the pinned chart."""

OWNED_MAINTENANCE = "configuration.repositoryMaintenanceJob.repositoryConfigData.global"
"""The chart value of the repository maintenance jobs' global settings (the prop ``repository_maintenance``)."""

OWNED_KEYS: tuple[OwnedKey, ...] = (
    OwnedKey(("schedules",), "aws.schedule / digitalocean.schedule, or add_schedule()"),
    OwnedKey(("fullnameOverride",), "release_name (the schedules' names derive from it)"),
    OwnedKey(("nameOverride",), "release_name (the schedules' names derive from it)"),
    OwnedKey(("image", "repository"), "velero_image"),
    OwnedKey(("image", "tag"), "velero_image"),
    OwnedKey(("image", "digest"), "velero_image"),
    OwnedKey(("backupsEnabled",), "nothing: the library's locations and schedules need it on"),
    OwnedKey(("snapshotsEnabled",), "digitalocean.volume_snapshots"),
    OwnedKey(("deployNodeAgent",), "node_agent"),
    OwnedKey(("metrics", "enabled"), "metrics"),
    OwnedKey(("resources",), "resources=Resources(...)"),
    OwnedKey(("nodeAgent", "resources"), "node_agent_resources=Resources(...)"),
    OwnedKey(tuple(OWNED_MAINTENANCE.split(".")), "repository_maintenance=RepositoryMaintenance(...)"),
    OwnedKey(("configMaps", CONFIG_MAP_KEY), "data_mover=DataMover(...) (the node agent's ConfigMap)"),
    OwnedKey(("namespace", "labels"), "namespace_labels"),
    OwnedKey(("configuration", "namespace"), "namespace"),
    OwnedKey(("configuration", "backupStorageLocation"), "aws / digitalocean, or add_backup_storage_location()"),
    OwnedKey(("configuration", "volumeSnapshotLocation"), "digitalocean, or add_volume_snapshot_location()"),
    OwnedKey(("configuration", "defaultBackupStorageLocation"), "aws.default / digitalocean.default"),
    OwnedKey(("configuration", "defaultVolumeSnapshotLocations"), "digitalocean.volume_snapshots"),
    OwnedKey(("configuration", "provider"), "the locations: chart 4.0 removed it, each location has its provider"),
    OwnedKey(("deployRestic",), "node_agent: chart 3.0 replaced restic by the node agent"),
    OwnedKey(("restic",), "node_agent: chart 3.0 replaced restic by the node agent"),
    OwnedKey(("defaultVolumesToRestic",), "file_system_backup on the schedules (restic is gone)"),
    OwnedKey(("resticTimeout",), "nothing: restic is gone from Velero 1.18"),
    OwnedKey(("defaultResticPruneFrequency",), "nothing: restic is gone from Velero 1.18"),
)
"""The chart keys the library owns, each with the property (or method) to use instead. Owned keys are
refused in ``extra_values``; a schema error under one of them names that property. ``credentials`` is the
library's too, refused with the other credential rules (:mod:`~cdktf_velero.chart_secrets`)."""

_MAX_TIMEOUT = 9_223_372_036
"""Helm's timeout is a Go duration: at most 2^63 ns, about 292 years, in seconds."""


@dataclass(frozen=True)
class ReleaseSpec:
    """The validated ``helm_release`` settings."""

    name: str
    fullname: str
    """The chart's ``velero.fullname`` (see :func:`chart_fullname`); a token when the release name is one."""
    chart: str
    version: str
    repository: str
    atomic: bool
    cleanup_on_fail: bool
    timeout: int
    max_history: int


def check_release(props: VeleroBackupsProps) -> ReleaseSpec:
    """Validate the release props: a helm release name, a chart version of :data:`CHART_MAJOR`, helm's flags."""
    # The chart writes the release name unquoted into every object's metadata.
    name = v.check_yaml_plain("release_name", v.check_dns_label("release_name", props.release_name, max_length=53))
    version = v.check_str("chart_version", props.chart_version)
    if not v.is_token(version) and not _is_chart_major(version):
        raise VeleroConfigError(
            "chart_version",
            version,
            f"must be a {CHART_MAJOR}.x version: the values are built for Velero chart {CHART_MAJOR}",
        )
    return ReleaseSpec(
        name=name,
        fullname=name if v.is_token(name) else chart_fullname(name),
        chart=CHART_NAME,
        version=version,
        repository=v.check_url("chart_repository", props.chart_repository),
        atomic=v.check_bool("atomic", props.atomic),
        cleanup_on_fail=v.check_bool("cleanup_on_fail", props.cleanup_on_fail),
        timeout=v.check_positive_int("timeout", props.timeout, maximum=_MAX_TIMEOUT),
        max_history=v.check_positive_int("max_history", props.max_history),
    )


def _is_chart_major(version: str) -> bool:
    parts = version.split(".")
    return len(parts) == 3 and parts[0] == CHART_MAJOR and all(p.isascii() and p.isdigit() for p in parts[1:])


def chart_fullname(release_name: str) -> str:
    """The chart's ``velero.fullname``: the release name when it contains ``velero``, else ``<release>-velero``,
    cut to 63 characters. Its schedules are named ``<fullname>-<key>``."""
    name = release_name if "velero" in release_name else f"{release_name}-velero"
    return name[:63].rstrip("-")


def literal_image(path: str, value: object) -> str:
    """An image reference, literal: the chart takes the server image (and we write plugin images) as text."""
    image = v.check_image(path, value)
    if v.is_token(image):
        raise VeleroConfigError(path, image, "must be a literal image reference: it is split into repository and tag")
    return image


def plugin_init_container(name: str, image: str) -> dict[str, Any]:
    """An init container copying a plugin binary into the shared ``plugins`` volume."""
    return {
        "name": name,
        "image": image,
        "imagePullPolicy": "IfNotPresent",
        "volumeMounts": [{"mountPath": "/target", "name": "plugins"}],
    }


def _bsl_item(location: ResolvedLocation) -> dict[str, Any]:
    """A ``configuration.backupStorageLocation`` list item from a BSL spec (the chart's flat form)."""
    spec = location.bsl_spec
    item: dict[str, Any] = {
        "name": location.name,
        "provider": spec.provider,
        "bucket": spec.object_storage.bucket,
        "default": spec.default,
        "accessMode": spec.access_mode,
        "config": dict(spec.config or {}),
    }
    if spec.object_storage.prefix is not None:
        item["prefix"] = spec.object_storage.prefix
    if spec.credential is not None:
        item["credential"] = spec.credential.to_dict()
    if spec.validation_frequency is not None:
        item["validationFrequency"] = spec.validation_frequency
    if spec.backup_sync_period is not None:
        item["backupSyncPeriod"] = spec.backup_sync_period
    return item


def _schedule_item(schedule: ResolvedSchedule) -> dict[str, Any]:
    """A ``schedules`` map entry from a Schedule spec."""
    item: dict[str, Any] = {"disabled": False, **schedule.spec.to_dict()}
    if schedule.labels:
        item["labels"] = dict(schedule.labels)
    return item


def chart_values(
    *,
    velero_image: str,
    init_containers: list[dict[str, Any]],
    locations: Sequence[ResolvedLocation],
    node_agent: bool,
    metrics: bool,
    resources: dict[str, Any] | None = None,
    node_agent_resources: dict[str, Any] | None = None,
    server_env: Mapping[str, str] | None = None,
    owned: Sequence[Mapping[str, Any]] = (),
    extra_values: object = None,
) -> dict[str, Any]:
    """The complete values, in the chart's list form for locations: the locations the chart carries, the
    default location and snapshot locations of all, the credentials secrets, feature flags and server
    environment the locations ask for, the sizes, the ``owned`` fragments of the other typed props (maintenance
    jobs, data mover); then ``extra_values`` (checked by :func:`~cdktf_velero.extra_values.check_extra_values`)
    merged over them, and the whole validated as Helm would see it."""
    repository, _, tag = velero_image.rpartition(":")
    if "@" in velero_image:
        repository, _, digest = velero_image.partition("@")
        image: dict[str, Any] = {"repository": repository, "digest": digest}
    else:
        image = {"repository": repository, "tag": tag}
    carried = [loc for loc in locations if loc.carrier == "chart"]
    credentials: dict[str, Any] = {"useSecret": True}
    credentials.update(("existingSecret", loc.credentials.name) for loc in locations if loc.credentials.chart_default)
    credentials.update(("extraSecretRef", loc.server_secret.name) for loc in locations if loc.server_secret)
    snapshot_locations = [f"{loc.vsl_spec.provider}:{loc.name}" for loc in locations if loc.vsl_spec is not None]
    configuration: dict[str, Any] = {
        "backupStorageLocation": [_bsl_item(loc) for loc in carried],
        # Only configured snapshot locations: never the chart's empty placeholder (no carried kind has one).
        "volumeSnapshotLocation": [],
        "defaultBackupStorageLocation": next(loc.name for loc in locations if loc.default),
    }
    if snapshot_locations:
        configuration["defaultVolumeSnapshotLocations"] = ",".join(snapshot_locations)
    features = list(dict.fromkeys(feature for loc in locations for feature in loc.features))
    if features:  # server-wide: the flags reach the server and the node agent
        configuration["features"] = ",".join(features)
    if server_env:  # plain settings, never credentials (those come from extraSecretRef)
        configuration["extraEnvVars"] = env_vars(server_env)
    values: dict[str, Any] = {
        "image": image,
        "initContainers": init_containers,
        "configuration": configuration,
        "credentials": credentials,
        "backupsEnabled": True,
        "snapshotsEnabled": bool(snapshot_locations),
        "deployNodeAgent": node_agent,
        "upgradeCRDs": True,
        "metrics": {"enabled": metrics},
        "schedules": {loc.schedule.name: _schedule_item(loc.schedule) for loc in carried if loc.schedule},
    }
    props: dict[str, str] = {OWNED_MAINTENANCE: "repository_maintenance", f"configMaps.{CONFIG_MAP_KEY}": "data_mover"}
    if resources:
        values["resources"] = resources
        props["resources"] = "resources"
    if node_agent_resources:
        values["nodeAgent"] = {"resources": node_agent_resources}
        props["nodeAgent.resources"] = "node_agent_resources"
    for fragment in owned:
        values = merge_extra_values(values, fragment)
    extra = check_extra_values(extra_values, owned=OWNED_KEYS)
    check_shared(values, extra)
    joined = merged_features(values, extra)
    values = merge_extra_values(values, extra)
    if joined is not None:
        values["configuration"]["features"] = joined
    check_chart_values(values, extra=extra, props=props)
    return values


# libyaml's emitter when PyYAML has it (about 5x faster than the pure-Python one; same output).
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _ValuesDumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Writes Terraform tokens double-quoted, so that whatever they resolve to stays a string."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if v.is_token(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


_ValuesDumper.add_representer(str, _represent_str)


def to_yaml(values: Mapping[str, Any]) -> str:
    """Stable, readable YAML (keys in insertion order) for ``helm_release.values``, with Terraform template
    sequences escaped: Terraform reads the text back exactly as written here."""
    text = yaml.dump(dict(values), Dumper=_ValuesDumper, sort_keys=False, default_flow_style=False, width=4096)
    return v.escape_terraform_template(text)
