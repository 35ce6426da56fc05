"""Checks for the custom resources users add with ``VeleroBackups.add_*``: the same rules as the built-in ones."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import validation as v
from .errors import VeleroConfigError
from .imports.velero import Backup, BackupStorageLocation, ObjectMeta, Restore, Schedule, VolumeSnapshotLocation
from .locations.common import check_bsl_spec, check_vsl_spec
from .manifests import MANAGED_BY_LABELS, VELERO_KINDS, VeleroObject
from .recovery import READ_ONLY, check_backup_target
from .restores import check_restore_spec
from .schedules import check_backup_template, check_schedule_resource

if TYPE_CHECKING:
    from constructs import Construct

    from .plan import BackupsPlan

__all__ = ["Registry", "check_addition", "check_custom_resource"]


@dataclass
class Registry:
    """Names already taken per kind, and whether a default storage location exists."""

    backup_storage_locations: set[str] = field(default_factory=set)
    volume_snapshot_locations: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)
    has_default_location: bool = True
    # Disaster recovery (cdktf_velero.recovery): where no backup may go.
    read_only_locations: set[str] = field(default_factory=set)
    default_location: str = ""
    recovery: bool = False

    @classmethod
    def from_plan(cls, plan: BackupsPlan) -> Registry:
        registry = cls(default_location=plan.default_location_name, recovery=plan.recovery)
        for location in plan.locations:
            registry.backup_storage_locations.add(location.name)
            if location.bsl_spec.access_mode == READ_ONLY:
                registry.read_only_locations.add(location.name)
            if location.vsl_spec is not None:
                registry.volume_snapshot_locations.add(location.name)
        registry.names["BackupStorageLocation"] = set(registry.backup_storage_locations)
        registry.names["VolumeSnapshotLocation"] = set(registry.volume_snapshot_locations)
        registry.names["Schedule"] = {loc.schedule.object_name for loc in plan.locations if loc.schedule is not None}
        return registry

    def take(self, kind: str, name: str) -> None:
        self.names.setdefault(kind, set()).add(name)
        if kind == "BackupStorageLocation":
            self.backup_storage_locations.add(name)
        elif kind == "VolumeSnapshotLocation":
            self.volume_snapshot_locations.add(name)


def check_addition(
    method: str,
    construct_id: object,
    obj: object,
    expected: type[Any] | None,
    *,
    scope: Construct,
    namespace: str,
    registry: Registry,
) -> VeleroObject:
    """Check what ``VeleroBackups.<method>(construct_id, obj)`` adds: a free construct id in ``scope``, an object
    of the ``expected`` kind, and the checks of that kind (:func:`check_custom_resource`)."""
    path = f"{method}({construct_id!r})"
    if not isinstance(construct_id, str) or not construct_id or "/" in construct_id:
        raise VeleroConfigError(f"{method}.construct_id", construct_id, "must be a non-empty id without '/'")
    if scope.node.try_find_child(construct_id) is not None:
        raise VeleroConfigError(
            f"{method}.construct_id", construct_id, "is already used by another resource of this construct"
        )
    if expected is not None and not isinstance(obj, expected):
        raise VeleroConfigError(path, type(obj).__name__, f"must be a {expected.__name__}")
    return check_custom_resource(path, obj, namespace=namespace, registry=registry)


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
    known = {
        "storage_locations": registry.backup_storage_locations,
        "snapshot_locations": registry.volume_snapshot_locations,
    }
    if isinstance(typed, Schedule):
        check_schedule_resource(path, typed, **known)
        _check_target(path, kind, f"{path}.spec.template", typed.spec.template.storage_location, registry)
    elif isinstance(typed, BackupStorageLocation):
        _check_bsl(path, typed, registry)
    elif isinstance(typed, VolumeSnapshotLocation):
        check_vsl_spec(lambda spec_field: f"{path}.spec.{spec_field}", typed.spec)
    elif isinstance(typed, Backup):
        check_backup_template(f"{path}.spec", typed.spec, **known)
        _check_target(path, kind, f"{path}.spec", typed.spec.storage_location, registry)
    else:
        typed = replace(typed, spec=check_restore_spec(f"{path}.spec", typed.spec))
    registry.take(kind, name)
    if isinstance(typed, BackupStorageLocation) and typed.spec.access_mode == READ_ONLY:
        registry.read_only_locations.add(name)
    metadata = replace(meta, namespace=namespace, labels={**MANAGED_BY_LABELS, **labels})
    return replace(typed, metadata=metadata)


def _check_bsl(path: str, location: BackupStorageLocation, registry: Registry) -> None:
    spec = location.spec
    v.check_str(f"{path}.spec.provider", spec.provider)
    v.check_str(f"{path}.spec.object_storage.bucket", spec.object_storage.bucket)
    check_bsl_spec(lambda spec_field: f"{path}.spec.{spec_field}", spec)
    if spec.default and registry.has_default_location:
        raise VeleroConfigError(
            f"{path}.spec.default",
            True,
            "Velero keeps one default location and the library already marks one; leave default unset",
        )


def _check_target(path: str, kind: str, spec_path: str, storage_location: str | None, registry: Registry) -> None:
    check_backup_target(
        path,
        kind,
        spec_path,
        storage_location,
        read_only=registry.read_only_locations,
        default_location=registry.default_location,
        recovery=registry.recovery,
    )
