"""Checks for the custom resources users add with ``VeleroBackups.add_*``: as strict as the props.

In order: the typed object's fields have their annotated types (:mod:`typed_check`); its manifest passes
the kind's CRD schema shipped with the chart (types, enums, required fields); its fields follow their
rules (:mod:`object_fields`: durations, names, labels, secrets, plugins, buckets); the spec passes Velero's
own validation (:mod:`velero_rules`); and it fits what exists: locations it names exist and take backups,
one snapshot location per provider, names unique per kind, one default location.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import chart_schema
from . import validation as v
from .aws_plugin import AWS_PROVIDERS, check_bsl_config, check_vsl_config
from .errors import VeleroConfigError
from .imports.velero import Backup, BackupStorageLocation, Restore, Schedule, VolumeSnapshotLocation
from .manifests import MANAGED_BY_LABELS, VELERO_KINDS, VeleroObject
from .object_fields import check_bucket, check_fields, check_metadata
from .typed_check import check_typed
from .velero_rules import check_backup_spec, check_restore_spec, snake_case

if TYPE_CHECKING:
    from constructs import Construct

    from .plan import BackupsPlan

__all__ = ["Registry", "check_addition", "check_custom_resource"]


@dataclass
class Registry:
    """What exists already: names per kind, each storage location's access mode, each snapshot location's
    provider, and the default storage location."""

    backup_storage_locations: dict[str, str] = field(default_factory=dict)
    """Name -> access mode (``ReadWrite`` or ``ReadOnly``)."""
    volume_snapshot_locations: dict[str, str] = field(default_factory=dict)
    """Name -> provider."""
    names: dict[str, set[str]] = field(default_factory=dict)
    default_location: str | None = None
    recovery: bool = False
    """A recovery install (``recovery=True``): it takes no backups."""
    can_move_data: bool = False
    """Whether the data mover runs: CSI snapshots and the node agent."""

    @classmethod
    def from_plan(cls, plan: BackupsPlan) -> Registry:
        registry = cls(
            default_location=plan.default_location_name,
            recovery=plan.recovery,
            can_move_data=plan.csi_snapshots and plan.node_agent,
        )
        for location in plan.locations:
            registry.take("BackupStorageLocation", location.name, str(location.bsl_spec.access_mode or "ReadWrite"))
            if location.vsl_spec is not None:
                registry.take("VolumeSnapshotLocation", location.name, location.vsl_spec.provider)
        for location in plan.locations:
            if location.schedule is not None:
                registry.take("Schedule", location.schedule.object_name)
        return registry

    def take(self, kind: str, name: str, detail: str = "") -> None:
        self.names.setdefault(kind, set()).add(name)
        if kind == "BackupStorageLocation":
            self.backup_storage_locations[name] = detail
        elif kind == "VolumeSnapshotLocation":
            self.volume_snapshot_locations[name] = detail


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
    v.check_str(f"{method}.construct_id", construct_id)
    if scope.node.try_find_child(construct_id) is not None:
        raise VeleroConfigError(
            f"{method}.construct_id", construct_id, "is already used by another resource of this construct"
        )
    if expected is not None and not isinstance(obj, expected):
        raise VeleroConfigError(path, type(obj).__name__, f"must be a {expected.__name__}")
    return check_custom_resource(path, obj, namespace=namespace, registry=registry)


def check_custom_resource(path: str, obj: object, *, namespace: str, registry: Registry) -> VeleroObject:
    """Validate a user's velero.io object; returns it with the Velero namespace and the library's labels filled in.

    Raises :class:`VeleroConfigError` naming ``path`` (e.g. ``add_schedule('hourly').spec.schedule``). The
    registry takes the object's name only once every check has passed.
    """
    if not isinstance(obj, VELERO_KINDS):
        kinds = ", ".join(kind.__name__ for kind in VELERO_KINDS)
        raise VeleroConfigError(path, type(obj).__name__, f"must be one of the typed classes {kinds}")
    typed: VeleroObject = obj
    kind = type(typed).__name__
    check_typed(path, typed, type(typed))
    manifest = typed.to_manifest()
    _check_schema(path, kind, manifest)
    meta = typed.metadata
    name_check = v.check_dns_subdomain if isinstance(typed, Backup | Restore) else v.check_dns_label
    name = name_check(f"{path}.metadata.name", meta.name)
    if meta.namespace is not None and meta.namespace != namespace:
        raise VeleroConfigError(
            f"{path}.metadata.namespace", meta.namespace, f"must be Velero's namespace {namespace!r} (or left out)"
        )
    check_metadata(f"{path}.metadata", manifest["metadata"])
    if name in registry.names.get(kind, set()):
        raise VeleroConfigError(f"{path}.metadata.name", name, f"another {kind} already has this name")
    spec: dict[str, Any] = manifest["spec"]
    check_fields(f"{path}.spec", spec)
    detail = ""
    if isinstance(typed, Schedule):
        _refuse_in_recovery(path, kind, registry)
        _check_schedule(path, spec, registry)
    elif isinstance(typed, BackupStorageLocation):
        _check_bsl(path, spec, registry)
        detail = str(spec.get("accessMode") or "ReadWrite")
    elif isinstance(typed, VolumeSnapshotLocation):
        detail = _provider(spec["provider"])
        if detail in AWS_PROVIDERS:
            check_vsl_config(f"{path}.spec.config", spec.get("config") or {})
    elif isinstance(typed, Backup):
        _refuse_in_recovery(path, kind, registry)
        _check_backup(f"{path}.spec", spec, registry)
    else:
        check_restore_spec(f"{path}.spec", spec)
    registry.take(kind, name, detail)
    labels = dict(meta.labels or {})
    metadata = replace(meta, namespace=namespace, labels={**MANAGED_BY_LABELS, **labels})
    return replace(typed, metadata=metadata)


def _check_schema(path: str, kind: str, manifest: Mapping[str, Any]) -> None:
    """The manifest passes its CRD's ``openAPIV3Schema``; the error names the field by its attribute."""
    schema = chart_schema.crd_schema(kind)
    for error in chart_schema.schema_errors(chart_schema.crd_validator(kind), manifest):
        parts, value, rule = chart_schema.describe(error)
        raise VeleroConfigError(path + _attribute_path(schema, parts), value, rule)


def _attribute_path(schema: Mapping[str, Any], parts: Iterable[str | int]) -> str:
    """``['spec', 'template', 'storageLocation']`` -> ``.spec.template.storage_location`` (map keys kept)."""
    text, node = "", schema
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node.get("items") or {}
        elif part in (node.get("properties") or {}):
            text += f".{snake_case(part)}"
            node = node["properties"][part]
        else:
            text += f".{part}"
            extra = node.get("additionalProperties")
            node = extra if isinstance(extra, dict) else {}
    return text


def _provider(name: str) -> str:
    return name if "/" in name else f"velero.io/{name}"


def _check_schedule(path: str, spec: Mapping[str, Any], registry: Registry) -> None:
    if spec.get("skipImmediately") is not None:
        raise VeleroConfigError(
            f"{path}.spec.skip_immediately",
            spec["skipImmediately"],
            "must be left out: the Schedule controller rewrites it, so Terraform would see drift forever",
        )
    _check_backup(f"{path}.spec.template", spec["template"], registry)


def _check_backup(path: str, template: Mapping[str, Any], registry: Registry) -> None:
    """A Backup's spec or a Schedule's template: Velero's rules, and the locations it names."""
    if template.get("defaultVolumesToRestic") is not None:
        raise VeleroConfigError(
            f"{path}.default_volumes_to_restic",
            template["defaultVolumesToRestic"],
            "was replaced by default_volumes_to_fs_backup (restic is gone from Velero 1.18)",
        )
    check_backup_spec(path, template)
    if template.get("snapshotMoveData") is True and not registry.can_move_data:
        raise VeleroConfigError(
            f"{path}.snapshot_move_data",
            True,
            "needs CSI snapshots (digitalocean.volume_snapshots='csi') and the node agent",
        )
    location = template.get("storageLocation") or registry.default_location
    where = f"{path}.storage_location"
    if not v.is_token(location):
        if location not in registry.backup_storage_locations:
            raise VeleroConfigError(
                where, location, f"names no storage location (known: {_known(registry.backup_storage_locations)})"
            )
        if registry.backup_storage_locations[location] == "ReadOnly":
            raise VeleroConfigError(where, location, "is a ReadOnly storage location: Velero refuses to back up to it")
    providers: dict[str, str] = {}
    for index, vsl in enumerate(template.get("volumeSnapshotLocations") or ()):
        if v.is_token(vsl):
            continue
        provider = registry.volume_snapshot_locations.get(vsl)
        if provider is None:
            raise VeleroConfigError(
                f"{path}.volume_snapshot_locations[{index}]",
                vsl,
                f"names no volume snapshot location (known: {_known(registry.volume_snapshot_locations)})",
            )
        if providers.setdefault(provider, vsl) != vsl:
            raise VeleroConfigError(
                f"{path}.volume_snapshot_locations[{index}]",
                vsl,
                f"is a second location of provider {provider!r} (with {providers[provider]!r}): Velero takes one",
            )


def _check_bsl(path: str, spec: Mapping[str, Any], registry: Registry) -> None:
    storage = spec["objectStorage"]
    provider = _provider(spec["provider"])
    check_bucket(f"{path}.spec.object_storage.bucket", storage.get("bucket"), provider)
    if provider in AWS_PROVIDERS:
        check_bsl_config(f"{path}.spec.config", spec.get("config") or {})
    if spec.get("default") and registry.default_location is not None:
        raise VeleroConfigError(
            f"{path}.spec.default",
            True,
            "Velero keeps one default location and the library already marks one; leave default unset",
        )


def _known(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"


def _refuse_in_recovery(path: str, kind: str, registry: Registry) -> None:
    if registry.recovery:
        raise VeleroConfigError(
            path,
            kind,
            "a recovery install takes no backups; set recovery=False to back the cluster up (see "
            "docs/disaster-recovery.md, switching back)",
        )
