"""Restores as code: ``VeleroBackups.add_restore`` builds a typed ``Restore``, and every Restore (``add_restore`` or
``add_manifest``) passes the checks Velero's restore controller would otherwise fail it on (Velero 1.18
``validateAndComplete``): exactly one of a backup or a schedule, valid include/exclude lists, no resource Velero never
restores, a known ``existingResourcePolicy``. Pure Python.

A Restore runs once: Velero acts on a new Restore and never again on the same object. Restoring again takes a new
Restore, with a new name (and construct id).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import validation as v
from .errors import VeleroConfigError
from .imports.velero import ObjectMeta, Restore, RestoreSpec

__all__ = [
    "EXISTING_RESOURCE_POLICIES",
    "NON_RESTORABLE_RESOURCES",
    "RESTORE_COMPUTED",
    "build_restore",
    "check_restore_spec",
]

EXISTING_RESOURCE_POLICIES = ("none", "update")
"""``spec.existingResourcePolicy`` values Velero accepts (``PolicyType`` in its API; the CRD has no enum): ``none``
leaves an existing object as it is, ``update`` patches it to the backed-up state."""

NON_RESTORABLE_RESOURCES = (
    "nodes",
    "events",
    "events.events.k8s.io",
    "backups.velero.io",
    "restores.velero.io",
    "resticrepositories.velero.io",
    "csinodes.storage.k8s.io",
    "volumeattachments.storage.k8s.io",
    "backuprepositories.velero.io",
)
"""Resources Velero 1.18 never restores: it adds them to ``spec.excludedResources`` and fails a Restore that
includes one."""

RESTORE_COMPUTED = [
    "metadata.labels",
    "metadata.annotations",
    "metadata.finalizers",
    "spec.backupName",
    "spec.scheduleName",
    "spec.excludedResources",
    "status",
]
"""Fields Velero writes into a Restore (the backup it picked for a schedule, the schedule of a named backup, the
resources it never restores, its finalizer, the status): without them in ``computed_fields`` every plan shows drift."""


def check_restore_spec(prefix: str, spec: RestoreSpec) -> RestoreSpec:
    """Validate a Restore spec; errors name ``<prefix>.<field>``. Returns the spec with its lists as lists."""

    def path(field: str) -> str:
        return f"{prefix}.{field}"

    if (spec.backup_name is None) == (spec.schedule_name is None):
        field = "backup_name" if spec.backup_name is None else "schedule_name"
        raise VeleroConfigError(
            path(field),
            spec.schedule_name if spec.backup_name is not None else None,
            "a Restore needs exactly one of backup_name (a backup) or schedule_name (the latest completed backup "
            "of that schedule)",
        )
    if spec.backup_name is not None:
        v.check_dns_subdomain(path("backup_name"), spec.backup_name)
    if spec.schedule_name is not None:
        v.check_dns_label(path("schedule_name"), spec.schedule_name)
    included_ns = _optional(path("included_namespaces"), spec.included_namespaces, v.check_namespace_list)
    excluded_ns = _optional(path("excluded_namespaces"), spec.excluded_namespaces, v.check_namespace_list)
    _includes_excludes(path("included_namespaces"), path("excluded_namespaces"), included_ns, excluded_ns)
    included = _optional(path("included_resources"), spec.included_resources, v.check_resource_list)
    excluded = _optional(path("excluded_resources"), spec.excluded_resources, v.check_resource_list)
    _includes_excludes(path("included_resources"), path("excluded_resources"), included, excluded)
    for index, resource in enumerate(included or ()):
        if resource in NON_RESTORABLE_RESOURCES:
            raise VeleroConfigError(
                f"{path('included_resources')}[{index}]", resource, "is a resource Velero never restores"
            )
    mapping = _namespace_mapping(path("namespace_mapping"), spec.namespace_mapping, excluded_ns or [])
    for field in ("restore_pvs", "include_cluster_resources", "preserve_node_ports"):
        if getattr(spec, field) is not None:
            v.check_bool(path(field), getattr(spec, field))
    policy = spec.existing_resource_policy
    if policy is not None and policy not in EXISTING_RESOURCE_POLICIES:
        raise VeleroConfigError(
            path("existing_resource_policy"), policy, "must be 'none' (leave existing objects) or 'update' (patch them)"
        )
    return RestoreSpec(
        **{
            **{field: getattr(spec, field) for field in spec.__dataclass_fields__},
            "included_namespaces": included_ns,
            "excluded_namespaces": excluded_ns,
            "included_resources": included,
            "excluded_resources": excluded,
            "namespace_mapping": mapping,
        }
    )


def build_restore(construct_id: str, *, name: str | None, **spec: Any) -> Restore:
    """The typed Restore of ``add_restore(construct_id, ...)``: named ``name`` (default: the construct id), its
    spec checked under ``add_restore('<id>').<keyword>``."""
    prefix = f"add_restore({construct_id!r})"
    object_name = v.check_dns_subdomain(f"{prefix}.name", construct_id if name is None else name)
    checked = check_restore_spec(prefix, RestoreSpec(**spec))
    return Restore(metadata=ObjectMeta(name=object_name), spec=checked)


def _optional(path: str, value: object, check: Callable[[str, object], list[str]]) -> list[str] | None:
    return None if value is None else check(path, value)


def _includes_excludes(
    include_path: str, exclude_path: str, included: Sequence[str] | None, excluded: Sequence[str] | None
) -> None:
    """Velero's include/exclude rules: ``*`` alone when included, never excluded, nothing in both lists."""
    included, excluded = list(included or ()), list(excluded or ())
    if "*" in included and len(included) > 1:
        raise VeleroConfigError(include_path, included, "must be ['*'] alone or a list of names without '*'")
    if "*" in excluded:
        raise VeleroConfigError(exclude_path, excluded, "cannot hold '*'")
    both = sorted(set(included) & set(excluded))
    if both:
        raise VeleroConfigError(exclude_path, both[0], "is also included: a name is either included or excluded")


def _namespace_mapping(path: str, value: object, excluded: Sequence[str]) -> dict[str, str] | None:
    """Source namespace -> target namespace: names, each target used once, no excluded source."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise VeleroConfigError(path, value, "must be a mapping of source namespace to target namespace")
    mapping: dict[str, str] = {}
    targets: dict[str, str] = {}
    for source, target in value.items():
        v.check_dns_label(f"{path}.<key>", source)
        v.check_dns_label(f"{path}.{source}", target)
        if source in excluded:
            raise VeleroConfigError(f"{path}.{source}", target, "maps a namespace the restore excludes")
        if target in targets and not v.is_token(target):
            raise VeleroConfigError(
                f"{path}.{source}", target, f"is also the target of {targets[target]!r}: their objects would collide"
            )
        targets[target] = source
        mapping[source] = target
    return mapping
