"""Checks for the custom resources users add with ``VeleroBackups.add_*``: the same rules as the built-in ones."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from . import validation as v
from .errors import VeleroConfigError
from .imports.velero import Backup, BackupStorageLocation, ObjectMeta, Restore, Schedule, VolumeSnapshotLocation
from .locations.common import check_bsl_spec, check_vsl_spec
from .manifests import MANAGED_BY_LABELS, VELERO_KINDS, VeleroObject
from .schedules import check_filters

if TYPE_CHECKING:
    from constructs import Construct

    from .plan import BackupsPlan

__all__ = [
    "Known",
    "Registry",
    "check_addition",
    "check_backup_template",
    "check_custom_resource",
    "check_schedule_resource",
]


@dataclass
class Registry:
    """Names already taken per kind, and whether a default storage location exists."""

    backup_storage_locations: set[str] = field(default_factory=set)
    volume_snapshot_locations: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)
    has_default_location: bool = True
    can_move_data: bool = False
    """Whether the data mover runs: CSI snapshots and the node agent."""

    @classmethod
    def from_plan(cls, plan: BackupsPlan) -> Registry:
        registry = cls(can_move_data=plan.csi_snapshots and plan.node_agent)
        for location in plan.locations:
            registry.backup_storage_locations.add(location.name)
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
    known = Known(registry.backup_storage_locations, registry.volume_snapshot_locations, registry.can_move_data)
    if isinstance(typed, Schedule):
        check_schedule_resource(path, typed, known)
    elif isinstance(typed, BackupStorageLocation):
        _check_bsl(path, typed, registry)
    elif isinstance(typed, VolumeSnapshotLocation):
        check_vsl_spec(lambda spec_field: f"{path}.spec.{spec_field}", typed.spec)
    elif isinstance(typed, Backup):
        check_backup_template(f"{path}.spec", typed.spec, known)
    else:
        _check_restore(path, typed)
    registry.take(kind, name)
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


def _check_restore(path: str, restore: Restore) -> None:
    spec = restore.spec
    if not spec.backup_name and not spec.schedule_name:
        raise VeleroConfigError(
            f"{path}.spec.backup_name", None, "a Restore needs backup_name or schedule_name to restore from"
        )


class Known(NamedTuple):
    """What a user's Schedule or Backup may name or ask for: the locations, and whether the data mover runs."""

    storage_locations: AbstractSet[str]
    snapshot_locations: AbstractSet[str]
    can_move_data: bool


def check_schedule_resource(path: str, schedule: Schedule, known: Known) -> None:
    """A user's typed Schedule (``add_schedule``): cron, no ``skipImmediately``, and its backup template."""
    spec = schedule.spec
    v.check_cron(f"{path}.spec.schedule", spec.schedule)
    if spec.skip_immediately is not None:
        raise VeleroConfigError(
            f"{path}.spec.skip_immediately",
            spec.skip_immediately,
            "must be left out: the Schedule controller rewrites it, so Terraform would see drift forever",
        )
    check_backup_template(f"{path}.spec.template", spec.template, known)


def check_backup_template(path: str, template: Any, known: Known) -> None:
    """Fields shared by a Schedule's template and a Backup's spec: the filters, no restic, locations that exist,
    the data mover only where it runs."""
    check_filters(path, template, optional=True)
    if template.default_volumes_to_restic is not None:
        raise VeleroConfigError(
            f"{path}.default_volumes_to_restic",
            template.default_volumes_to_restic,
            "was replaced by default_volumes_to_fs_backup (restic is gone from Velero 1.18)",
        )
    if template.storage_location is not None and template.storage_location not in known.storage_locations:
        raise VeleroConfigError(
            f"{path}.storage_location",
            template.storage_location,
            f"names no storage location (known: {_known(known.storage_locations)})",
        )
    for index, vsl in enumerate(template.volume_snapshot_locations or ()):
        if vsl not in known.snapshot_locations:
            raise VeleroConfigError(
                f"{path}.volume_snapshot_locations[{index}]",
                vsl,
                f"names no volume snapshot location (known: {_known(known.snapshot_locations)})",
            )
    if template.snapshot_move_data and not known.can_move_data:
        raise VeleroConfigError(
            f"{path}.snapshot_move_data",
            True,
            "needs CSI snapshots (digitalocean.volume_snapshots='csi') and the node agent",
        )


def _known(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"
