"""Velero's own validation of backups, schedules and restores, applied before anything reaches the cluster.

Read in Velero 1.18's sources (``pkg/util/collections/includes_excludes.go``, ``pkg/util/wildcard``, the backup
and restore controllers): what its controllers mark ``FailedValidation`` is refused here instead. The rules
take a spec in its wire form (camelCase keys, as ``to_dict()`` writes it) and a property path, so the
schedules built from props and the objects users add are checked by the same code; fields are named in
errors by their Python attribute (``included_namespaces``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from . import validation as v
from .errors import VeleroConfigError

__all__ = [
    "EXISTING_RESOURCE_POLICIES",
    "NON_RESTORABLE_RESOURCES",
    "attribute",
    "check_backup_spec",
    "check_includes_excludes",
    "check_label_selector",
    "check_restore_spec",
    "snake_case",
]

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
"""Resources Velero never restores; a Restore that includes one fails validation."""

EXISTING_RESOURCE_POLICIES = ("none", "update")
"""``spec.existingResourcePolicy`` values Velero accepts (its ``PolicyType``; the CRD has no enum): ``none`` leaves an
existing object as it is, ``update`` patches it to the backed-up state."""

_OLD_FILTERS = ("includedResources", "excludedResources", "includeClusterResources")
_SCOPED_FILTERS = (
    ("includedClusterScopedResources", "excludedClusterScopedResources"),
    ("includedNamespaceScopedResources", "excludedNamespaceScopedResources"),
)
_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def snake_case(name: str) -> str:
    """A wire field's Python attribute, as ``imports/velero`` names it: ``restorePVs`` -> ``restore_pvs``."""
    words = re.findall(r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)
    return "_".join(word.lower() for word in words) if "".join(words) == name else name


def attribute(base: str, key: str) -> str:
    """The property path of wire field ``key`` under ``base``."""
    return f"{base}.{snake_case(key)}"


def check_includes_excludes(
    inc_path: str, includes: Sequence[str] | None, exc_path: str, excludes: Sequence[str] | None, *, scoped: bool
) -> None:
    """Velero's include/exclude rules: ``*`` alone or not at all among the includes; the excludes never
    ``*`` (scoped filters: ``*`` alone, and then no includes); nothing both included and excluded."""
    inc, exc = list(includes or ()), list(excludes or ())
    if "*" in inc and len(set(inc)) > 1:
        raise VeleroConfigError(inc_path, inc, "must be ['*'] alone or names without '*' (Velero refuses a mix)")
    if "*" in exc:
        if not scoped:
            raise VeleroConfigError(
                f"{exc_path}[{exc.index('*')}]", "*", "cannot be excluded: Velero refuses '*' among the excludes"
            )
        if len(set(exc)) > 1:
            raise VeleroConfigError(exc_path, exc, "must be ['*'] alone or names without '*' (Velero refuses a mix)")
        if inc:
            raise VeleroConfigError(exc_path, exc, "excludes everything: the includes must then be empty")
    for index, item in enumerate(exc):
        if item in inc:
            raise VeleroConfigError(
                f"{exc_path}[{index}]", item, f"is also in {inc_path.rsplit('.', 1)[-1]}: Velero refuses both"
            )


def check_label_selector(path: str, selector: Mapping[str, Any]) -> None:
    """A Kubernetes label selector: valid ``matchLabels``; each expression with a label key, a known
    operator, values for ``In``/``NotIn`` and none for ``Exists``/``DoesNotExist``."""
    if selector.get("matchLabels") is not None:
        v.check_label_selector(f"{path}.match_labels", selector["matchLabels"])
    for index, expression in enumerate(selector.get("matchExpressions") or ()):
        where = f"{path}.match_expressions[{index}]"
        key = v.check_str(f"{where}.key", expression.get("key"))
        if not v.is_token(key):
            v.check_label_key(f"{where}.key", key)
        operator = expression.get("operator")
        if operator not in _OPERATORS:
            raise VeleroConfigError(f"{where}.operator", operator, f"must be one of {', '.join(_OPERATORS)}")
        values = list(expression.get("values") or ())
        if operator in ("In", "NotIn") and not values:
            raise VeleroConfigError(f"{where}.values", values, f"must not be empty with operator {operator}")
        if operator in ("Exists", "DoesNotExist") and values:
            raise VeleroConfigError(f"{where}.values", values, f"must be empty with operator {operator}")
        v.check_labels(f"{where}.values", {str(i): item for i, item in enumerate(values)})


def _check_selectors(base: str, spec: Mapping[str, Any]) -> None:
    if spec.get("labelSelector") is not None:
        check_label_selector(f"{base}.label_selector", spec["labelSelector"])
    if spec.get("orLabelSelectors") is not None:
        for index, selector in enumerate(spec["orLabelSelectors"]):
            check_label_selector(f"{base}.or_label_selectors[{index}]", selector)
        if spec.get("labelSelector") is not None:
            raise VeleroConfigError(
                f"{base}.or_label_selectors",
                "<set>",
                "cannot be combined with label_selector: Velero takes one or the other",
            )


def _check_namespaces(base: str, spec: Mapping[str, Any]) -> None:
    inc, exc = attribute(base, "includedNamespaces"), attribute(base, "excludedNamespaces")
    includes = _names(inc, spec.get("includedNamespaces"), v.check_namespace_list)
    excludes = _names(exc, spec.get("excludedNamespaces"), v.check_namespace_list)
    check_includes_excludes(inc, includes, exc, excludes, scoped=False)


def _names(path: str, value: object, check: Any) -> list[str] | None:
    return None if value is None else list(check(path, value))


def _resources(base: str, spec: Mapping[str, Any], inc_key: str, exc_key: str, *, scoped: bool) -> None:
    inc, exc = attribute(base, inc_key), attribute(base, exc_key)
    includes = _names(inc, spec.get(inc_key), v.check_resource_list)
    excludes = _names(exc, spec.get(exc_key), v.check_resource_list)
    check_includes_excludes(inc, includes, exc, excludes, scoped=scoped)


def check_backup_spec(base: str, spec: Mapping[str, Any]) -> None:
    """A Backup spec or a Schedule's template as the backup controller validates it: namespaces, the old
    resource filters or the scoped ones (never both), one kind of label selector, and the hooks' filters."""
    _check_namespaces(base, spec)
    old = [key for key in _OLD_FILTERS if spec.get(key) not in (None, [])]
    new = [key for pair in _SCOPED_FILTERS for key in pair if spec.get(key)]
    if old and new:
        raise VeleroConfigError(
            attribute(base, new[0]),
            spec[new[0]],
            f"cannot be combined with {snake_case(old[0])}: Velero takes the old resource filters "
            "(included/excluded_resources, include_cluster_resources) or the scoped ones, never both",
        )
    _resources(base, spec, "includedResources", "excludedResources", scoped=False)
    for inc_key, exc_key in _SCOPED_FILTERS:
        _resources(base, spec, inc_key, exc_key, scoped=True)
    _check_selectors(base, spec)
    _check_hook_filters(f"{base}.hooks", spec.get("hooks"))


def check_restore_spec(base: str, spec: Mapping[str, Any]) -> None:
    """A Restore spec as the restore controller validates it: one source (a backup or a schedule), no
    resource Velero never restores, the include/exclude rules, one kind of label selector, a known
    existing-resource policy, and init containers with a name, an image and a command."""
    backup, schedule = spec.get("backupName") or "", spec.get("scheduleName") or ""
    if bool(backup) == bool(schedule):
        raise VeleroConfigError(
            f"{base}.schedule_name" if backup else f"{base}.backup_name",
            None if not backup else schedule,
            "a Restore takes exactly one source: backup_name or schedule_name, not both and not neither",
        )
    if backup and not v.is_token(backup):
        v.check_dns_subdomain(f"{base}.backup_name", backup)
    if schedule and not v.is_token(schedule):
        v.check_dns_label(f"{base}.schedule_name", schedule)
    for index, item in enumerate(spec.get("includedResources") or ()):
        if item in NON_RESTORABLE_RESOURCES:
            raise VeleroConfigError(f"{base}.included_resources[{index}]", item, "is a resource Velero never restores")
    _check_namespaces(base, spec)
    _resources(base, spec, "includedResources", "excludedResources", scoped=False)
    status = spec.get("restoreStatus")
    if status is not None:
        _resources(f"{base}.restore_status", status, "includedResources", "excludedResources", scoped=False)
    _check_selectors(base, spec)
    policy = spec.get("existingResourcePolicy")
    if policy not in (None, "", *EXISTING_RESOURCE_POLICIES):
        raise VeleroConfigError(
            f"{base}.existing_resource_policy",
            policy,
            "must be 'none' (leave existing objects) or 'update' (patch them)",
        )
    _check_namespace_mapping(f"{base}.namespace_mapping", spec.get("namespaceMapping") or {}, spec)
    hooks = spec.get("hooks")
    _check_hook_filters(f"{base}.hooks", hooks)
    for index, resource in enumerate((hooks or {}).get("resources") or ()):
        for hook_index, hook in enumerate(resource.get("postHooks") or ()):
            init = hook.get("init") or {}
            for container_index, container in enumerate(init.get("initContainers") or ()):
                where = (
                    f"{base}.hooks.resources[{index}].post_hooks[{hook_index}].init.init_containers[{container_index}]"
                )
                _check_init_container(where, container)


def _check_namespace_mapping(path: str, mapping: Mapping[str, Any], spec: Mapping[str, Any]) -> None:
    """Source namespace -> target namespace: names, no excluded source, each target used once (two sources restored
    into one namespace would collide; one token twice is one namespace, two different tokens cannot be judged)."""
    excluded = set(spec.get("excludedNamespaces") or ())
    targets: dict[str, str] = {}
    for source, target in mapping.items():
        v.check_dns_label(path, source)
        v.check_dns_label(f"{path}.{source}", target)
        if source in excluded:
            raise VeleroConfigError(f"{path}.{source}", target, "maps a namespace the restore excludes")
        if target in targets:
            raise VeleroConfigError(
                f"{path}.{source}", target, f"is also the target of {targets[target]!r}: their objects would collide"
            )
        targets[target] = source


def _check_hook_filters(base: str, hooks: Mapping[str, Any] | None) -> None:
    for index, resource in enumerate((hooks or {}).get("resources") or ()):
        where = f"{base}.resources[{index}]"
        _check_namespaces(where, resource)
        _resources(where, resource, "includedResources", "excludedResources", scoped=False)
        if resource.get("labelSelector") is not None:
            check_label_selector(f"{where}.label_selector", resource["labelSelector"])


def _check_init_container(path: str, container: object) -> None:
    """Velero's check of a restore hook's init container: a name, an image and a command."""
    if not isinstance(container, Mapping):
        raise VeleroConfigError(path, container, "must be a mapping (a container)")
    v.check_dns_label(f"{path}.name", container.get("name"))
    image = v.check_str(f"{path}.image", container.get("image"))
    if any(char.isspace() for char in image):
        raise VeleroConfigError(f"{path}.image", image, "must be an image reference without spaces")
    command = container.get("command")
    if isinstance(command, str) or not isinstance(command, Sequence) or not command:
        raise VeleroConfigError(f"{path}.command", command, "must be a non-empty list of strings")
    for index, part in enumerate(command):
        v.check_text(f"{path}.command[{index}]", part)
