"""The Velero chart's values, built as plain data and written as YAML for ``helm_release.values``.

No credential ever enters these values: the chart reads the AWS key pair from a
Terraform-managed secret (``credentials.existingSecret``) and the DigitalOcean token from
another (``credentials.extraSecretRef``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from .errors import VeleroConfigError
from .model import LocationSpec, ResolvedSchedule
from .validation import is_token

__all__ = ["REFUSED_KEYS", "chart_fullname", "chart_values", "deep_merge", "to_yaml"]

REFUSED_KEYS = ("deployRestic", "restic", "defaultVolumesToRestic", "resticTimeout", "defaultResticPruneFrequency")
"""Top-level keys from chart 2.x that chart 12.x's NOTES template refuses to render."""

_MANAGED_TOP_LEVEL = ("credentials", "schedules", "fullnameOverride", "nameOverride")
"""Values the library owns: credentials (Terraform-managed secrets), schedules (validated; use
``add_schedule`` for more) and the names the chart derives object names from."""


def plugin_init_container(name: str, image: str) -> dict[str, Any]:
    """An init container copying a plugin binary into the shared ``plugins`` volume."""
    return {
        "name": name,
        "image": image,
        "imagePullPolicy": "IfNotPresent",
        "volumeMounts": [{"mountPath": "/target", "name": "plugins"}],
    }


def chart_bsl_item(location: LocationSpec) -> dict[str, Any]:
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


def chart_schedule_item(schedule: ResolvedSchedule) -> dict[str, Any]:
    """A ``schedules`` map entry from a Schedule spec."""
    item: dict[str, Any] = {"disabled": False, **schedule.spec.to_dict()}
    if schedule.labels:
        item["labels"] = dict(schedule.labels)
    return item


def chart_fullname(release_name: str) -> str:
    """The chart's ``velero.fullname``: the release name when it contains ``velero``, else ``<release>-velero``,
    cut to 63 characters. Its schedules are named ``<fullname>-<key>``."""
    name = release_name if "velero" in release_name else f"{release_name}-velero"
    return name[:63].rstrip("-")


def chart_values(
    *,
    velero_image: str,
    init_containers: list[dict[str, Any]],
    chart_locations: list[LocationSpec],
    default_location: str,
    snapshot_locations: list[str],
    chart_schedules: list[ResolvedSchedule],
    credentials_secret: str,
    extra_secret_ref: str | None,
    node_agent: bool,
    metrics: bool,
    extra_values: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The complete values for chart 12.1.0, in its list form for locations."""
    repository, _, tag = velero_image.rpartition(":")
    if "@" in velero_image:
        repository, _, digest = velero_image.partition("@")
        image: dict[str, Any] = {"repository": repository, "digest": digest}
    else:
        image = {"repository": repository, "tag": tag}
    credentials: dict[str, Any] = {"useSecret": True, "existingSecret": credentials_secret}
    if extra_secret_ref is not None:
        credentials["extraSecretRef"] = extra_secret_ref
    configuration: dict[str, Any] = {
        "backupStorageLocation": [chart_bsl_item(loc) for loc in chart_locations],
        # Only configured snapshot locations: never the chart's empty placeholder.
        "volumeSnapshotLocation": [],
        "defaultBackupStorageLocation": default_location,
    }
    if snapshot_locations:
        configuration["defaultVolumeSnapshotLocations"] = ",".join(snapshot_locations)
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
        "schedules": {sched.name: chart_schedule_item(sched) for sched in chart_schedules},
    }
    if extra_values:
        for key in (*REFUSED_KEYS, *_MANAGED_TOP_LEVEL):
            if key in extra_values:
                raise VeleroConfigError(
                    f"extra_values.{key}",
                    "<value>" if key == "credentials" else extra_values[key],
                    "is managed by the library or refused by chart 12.x; use the construct's properties",
                )
        configuration_extra = extra_values.get("configuration")
        if isinstance(configuration_extra, Mapping) and "provider" in configuration_extra:
            raise VeleroConfigError(
                "extra_values.configuration.provider",
                configuration_extra["provider"],
                "was removed in chart 4.0: each location carries its own provider",
            )
        if isinstance(configuration_extra, Mapping):
            for key in ("backupStorageLocation", "volumeSnapshotLocation", "defaultBackupStorageLocation"):
                if key in configuration_extra:
                    raise VeleroConfigError(
                        f"extra_values.configuration.{key}",
                        configuration_extra[key],
                        "is managed by the library: use the locations, or add_backup_storage_location",
                    )
        values = deep_merge(values, extra_values, "extra_values")
    return values


def deep_merge(base: dict[str, Any], extra: Mapping[str, Any], path: str) -> dict[str, Any]:
    """Merge ``extra`` into a copy of ``base``: maps merge key by key, anything else replaces."""
    if not isinstance(extra, Mapping):
        raise VeleroConfigError(path, extra, "must be a mapping of chart values")
    merged = dict(base)
    for key, value in extra.items():
        if not isinstance(key, str):
            raise VeleroConfigError(path, key, "keys must be strings")
        current = merged.get(key)
        if isinstance(current, dict) and isinstance(value, Mapping):
            merged[key] = deep_merge(current, value, f"{path}.{key}")
        else:
            merged[key] = value
    return merged


# libyaml's emitter when PyYAML has it (about 5x faster than the pure-Python one; same output).
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _ValuesDumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Writes Terraform tokens double-quoted, so that whatever they resolve to stays a string."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if is_token(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


_ValuesDumper.add_representer(str, _represent_str)


def to_yaml(values: Mapping[str, Any]) -> str:
    """Stable, readable YAML (keys in insertion order) for ``helm_release.values``."""
    return yaml.dump(dict(values), Dumper=_ValuesDumper, sort_keys=False, default_flow_style=False, width=4096)
