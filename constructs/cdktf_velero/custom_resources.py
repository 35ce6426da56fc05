"""Checks for the custom resources users add with ``VeleroBackups.add_*``: the same rules as the built-in ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from . import validation as v
from .credentials import MANAGED_BY_LABELS
from .errors import VeleroConfigError
from .imports.velero import Backup, BackupStorageLocation, ObjectMeta, Restore, Schedule, VolumeSnapshotLocation
from .manifests import VELERO_KINDS, VeleroObject
from .plan import BackupsPlan

__all__ = ["Registry", "check_custom_resource"]


@dataclass
class Registry:
    """Names already taken per kind, and whether a default storage location exists."""

    backup_storage_locations: set[str] = field(default_factory=set)
    volume_snapshot_locations: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)
    has_default_location: bool = True

    @classmethod
    def from_plan(cls, plan: BackupsPlan) -> Registry:
        registry = cls()
        for location in plan.locations:
            registry.backup_storage_locations.add(location.name)
            if location.vsl_spec is not None:
                registry.volume_snapshot_locations.add(location.name)
        registry.names["BackupStorageLocation"] = set(registry.backup_storage_locations)
        registry.names["VolumeSnapshotLocation"] = set(registry.volume_snapshot_locations)
        schedules = set()
        if plan.aws_schedule_name is not None:
            schedules.add(plan.aws_schedule_name)
        do = plan.digitalocean_resources
        if do is not None and do.schedule is not None:
            schedules.add(do.schedule.metadata.name)
        registry.names["Schedule"] = schedules
        return registry

    def take(self, kind: str, name: str) -> None:
        self.names.setdefault(kind, set()).add(name)
        if kind == "BackupStorageLocation":
            self.backup_storage_locations.add(name)
        elif kind == "VolumeSnapshotLocation":
            self.volume_snapshot_locations.add(name)


def check_custom_resource(path: str, obj: object, *, namespace: str, registry: Registry) -> VeleroObject:
    """Validate a user's velero.io object; returns it with the Velero namespace and the library's labels filled in.

    Raises :class:`VeleroConfigError` naming ``path`` (e.g. ``add_schedule('hourly').spec.schedule``).
    """
    if not isinstance(obj, VELERO_KINDS):
        kinds = ", ".join(kind.__name__ for kind in VELERO_KINDS)
        raise VeleroConfigError(path, type(obj).__name__, f"must be one of the typed classes {kinds}")
    typed: VeleroObject = obj
    kind = type(typed).__name__
    meta = typed.metadata
    if not isinstance(meta, ObjectMeta):
        raise VeleroConfigError(f"{path}.metadata", meta, "must be an ObjectMeta")
    name_check = v.check_dns_subdomain if isinstance(typed, Backup | Restore) else v.check_dns_label
    name = name_check(f"{path}.metadata.name", meta.name)
    if meta.namespace is not None and meta.namespace != namespace:
        raise VeleroConfigError(
            f"{path}.metadata.namespace", meta.namespace, f"must be Velero's namespace {namespace!r} (or left out)"
        )
    labels = v.check_labels(f"{path}.metadata.labels", meta.labels) if meta.labels is not None else {}
    if name in registry.names.get(kind, set()):
        raise VeleroConfigError(f"{path}.metadata.name", name, f"another {kind} already has this name")
    if isinstance(typed, Schedule):
        _check_schedule(path, typed, registry)
    elif isinstance(typed, BackupStorageLocation):
        _check_bsl(path, typed, registry)
    elif isinstance(typed, VolumeSnapshotLocation):
        v.check_str(f"{path}.spec.provider", typed.spec.provider)
        if typed.spec.config is not None:
            v.check_string_map(f"{path}.spec.config", typed.spec.config)
    elif isinstance(typed, Backup):
        _check_backup_template(f"{path}.spec", typed.spec, registry)
    else:
        _check_restore(path, typed)
    registry.take(kind, name)
    metadata = replace(meta, namespace=namespace, labels={**MANAGED_BY_LABELS, **labels})
    return replace(typed, metadata=metadata)


def _check_schedule(path: str, schedule: Schedule, registry: Registry) -> None:
    spec = schedule.spec
    v.check_cron(f"{path}.spec.schedule", spec.schedule)
    if spec.skip_immediately is not None:
        raise VeleroConfigError(
            f"{path}.spec.skip_immediately",
            spec.skip_immediately,
            "must be left out: the Schedule controller rewrites it, so Terraform would see drift forever",
        )
    _check_backup_template(f"{path}.spec.template", spec.template, registry)


def _check_backup_template(path: str, template: Any, registry: Registry) -> None:
    """Fields shared by a Schedule's template and a Backup's spec."""
    if template.ttl is not None:
        v.check_duration(f"{path}.ttl", template.ttl)
    if template.default_volumes_to_restic is not None:
        raise VeleroConfigError(
            f"{path}.default_volumes_to_restic",
            template.default_volumes_to_restic,
            "was replaced by default_volumes_to_fs_backup (restic is gone from Velero 1.18)",
        )
    if template.storage_location is not None and template.storage_location not in registry.backup_storage_locations:
        raise VeleroConfigError(
            f"{path}.storage_location",
            template.storage_location,
            f"names no storage location (known: {_known(registry.backup_storage_locations)})",
        )
    for index, vsl in enumerate(template.volume_snapshot_locations or ()):
        if vsl not in registry.volume_snapshot_locations:
            raise VeleroConfigError(
                f"{path}.volume_snapshot_locations[{index}]",
                vsl,
                f"names no volume snapshot location (known: {_known(registry.volume_snapshot_locations)})",
            )
    for prop in ("included_namespaces", "excluded_namespaces"):
        if getattr(template, prop) is not None:
            v.check_namespace_list(f"{path}.{prop}", getattr(template, prop))
    for prop in ("included_resources", "excluded_resources"):
        if getattr(template, prop) is not None:
            v.check_resource_list(f"{path}.{prop}", getattr(template, prop))


def _check_bsl(path: str, location: BackupStorageLocation, registry: Registry) -> None:
    spec = location.spec
    v.check_str(f"{path}.spec.provider", spec.provider)
    v.check_str(f"{path}.spec.object_storage.bucket", spec.object_storage.bucket)
    if spec.object_storage.prefix is not None:
        v.check_prefix(f"{path}.spec.object_storage.prefix", spec.object_storage.prefix)
    if spec.config is not None:
        v.check_string_map(f"{path}.spec.config", spec.config)
    if spec.default and registry.has_default_location:
        raise VeleroConfigError(
            f"{path}.spec.default",
            True,
            "Velero keeps one default location and the library already marks one; leave default unset",
        )
    for prop in ("validation_frequency", "backup_sync_period"):
        if getattr(spec, prop) is not None:
            v.check_duration(f"{path}.spec.{prop}", getattr(spec, prop))


def _check_restore(path: str, restore: Restore) -> None:
    spec = restore.spec
    if not spec.backup_name and not spec.schedule_name:
        raise VeleroConfigError(
            f"{path}.spec.backup_name", None, "a Restore needs backup_name or schedule_name to restore from"
        )


def _known(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"
