"""Sized components: CPU and memory of the Velero server and node agent, and the repository maintenance jobs'
settings, typed and checked, and the chart values they become (chart 12 layout).

The defaults answer the OOM kills users report (Velero issues 8138, 8474, 8593): memory requests so that each
component is scheduled where its memory exists and is not the first evicted, memory limits well above the
figures those reports outgrew, and no CPU limit (throttling only slows a backup down, and Velero 1.18, built
with Go 1.25, also cuts its parallelism to a CPU limit). The README's "Sizing" section gives the reasoning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import validation as v
from .errors import VeleroConfigError

__all__ = [
    "DEFAULT_MAINTENANCE_RESOURCES",
    "DEFAULT_NODE_AGENT_RESOURCES",
    "DEFAULT_REPOSITORY_MAINTENANCE",
    "DEFAULT_SERVER_RESOURCES",
    "RepositoryMaintenance",
    "Resources",
    "sizing_values",
]


@dataclass(frozen=True)
class Resources:
    """CPU and memory requests and limits of one kind of pod, as Kubernetes quantities (``100m``, ``512Mi``);
    each ``None`` leaves that value unset."""

    requests_cpu: str | None = None
    """CPU the scheduler reserves (``100m``, ``0.5``). Default: unset."""
    requests_memory: str | None = None
    """Memory the scheduler reserves (``256Mi``). Default: unset."""
    limits_cpu: str | None = None
    """CPU ceiling; the pod is throttled above it. Default: unset (no ceiling)."""
    limits_memory: str | None = None
    """Memory ceiling; the pod is OOM-killed above it. Default: unset (no ceiling)."""


DEFAULT_SERVER_RESOURCES = Resources(requests_cpu="100m", requests_memory="256Mi", limits_memory="1Gi")
"""The Velero server: twice the memory limit of ``velero install`` (512Mi), which large clusters outgrow."""

DEFAULT_NODE_AGENT_RESOURCES = Resources(requests_cpu="100m", requests_memory="128Mi", limits_memory="1Gi")
"""The node agent: volume data moves in pods it launches (data mover since Velero 1.15, file-system backup since
1.17), not in the agent itself."""

DEFAULT_MAINTENANCE_RESOURCES = Resources(requests_cpu="100m", requests_memory="512Mi", limits_memory="2Gi")
"""A repository maintenance job, which loads the whole kopia index of a repository."""


@dataclass(frozen=True)
class RepositoryMaintenance:
    """The kopia repository maintenance jobs Velero runs (file-system backups and moved snapshot data); written to
    ``configuration.repositoryMaintenanceJob.repositoryConfigData.global``, which applies to every repository."""

    resources: Resources | None = DEFAULT_MAINTENANCE_RESOURCES
    """Requests and limits of each job's pod. Default :data:`DEFAULT_MAINTENANCE_RESOURCES` (100m and 512Mi
    requested, 2Gi memory limit); ``None``: Velero's default, no request and no limit."""
    keep_latest_jobs: int = 3
    """Finished jobs kept per repository, with their logs. Default ``3``, Velero's."""
    priority_class_name: str | None = None
    """PriorityClass of the jobs' pods. Default: none."""


DEFAULT_REPOSITORY_MAINTENANCE = RepositoryMaintenance()
"""The maintenance jobs' defaults: :data:`DEFAULT_MAINTENANCE_RESOURCES`, 3 jobs kept, no priority class."""

_FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("requests_cpu", "requests", "cpu", False),
    ("requests_memory", "requests", "memory", True),
    ("limits_cpu", "limits", "cpu", False),
    ("limits_memory", "limits", "memory", True),
)


def _check_resources(path: str, value: object) -> dict[str, dict[str, str]]:
    """``resources`` in the Kubernetes container form: quantities checked, each request at most its limit."""
    if not isinstance(value, Resources):
        raise VeleroConfigError(path, value, "must be a Resources or None")
    form: dict[str, dict[str, str]] = {}
    for field, section, resource, memory in _FIELDS:
        quantity = getattr(value, field)
        if quantity is not None:
            form.setdefault(section, {})[resource] = v.check_quantity(f"{path}.{field}", quantity, memory=memory)
    for resource in ("cpu", "memory"):
        request = form.get("requests", {}).get(resource)
        limit = form.get("limits", {}).get(resource)
        if request is None or limit is None or v.is_token(request) or v.is_token(limit):
            continue
        if v.quantity_value(request) > v.quantity_value(limit):
            raise VeleroConfigError(
                f"{path}.requests_{resource}", request, f"must not exceed limits_{resource} {limit}"
            )
    return form


_POD_RESOURCES = (
    ("cpuRequest", "requests", "cpu"),
    ("cpuLimit", "limits", "cpu"),
    ("memoryRequest", "requests", "memory"),
    ("memoryLimit", "limits", "memory"),
)


def _pod_resources(form: dict[str, dict[str, str]]) -> dict[str, str]:
    """The maintenance job's ``podResources``: Velero parses all four and reads ``0`` as unset (an empty or
    missing one fails every job)."""
    return {key: form.get(section, {}).get(resource, "0") for key, section, resource in _POD_RESOURCES}


def _check_maintenance(path: str, value: object) -> dict[str, Any]:
    """The maintenance jobs' global settings, in the layout of Velero's repository maintenance ConfigMap."""
    if not isinstance(value, RepositoryMaintenance):
        raise VeleroConfigError(path, value, "must be a RepositoryMaintenance")
    settings: dict[str, Any] = {}
    if value.resources is not None:
        settings["podResources"] = _pod_resources(_check_resources(f"{path}.resources", value.resources))
    keep = value.keep_latest_jobs
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 0:
        raise VeleroConfigError(f"{path}.keep_latest_jobs", keep, "must be a whole number, 0 or more")
    settings["keepLatestMaintenanceJobs"] = keep
    if value.priority_class_name is not None:
        settings["priorityClassName"] = v.check_dns_subdomain(f"{path}.priority_class_name", value.priority_class_name)
    return settings


def _optional(path: str, value: object, check: Callable[[str, object], dict[str, Any]]) -> dict[str, Any] | None:
    return None if value is None else check(path, value)


def sizing_values(*, server: object, node_agent: object, maintenance: object) -> dict[str, Any]:
    """The chart values of the sized components (``resources``, ``nodeAgent.resources``, the maintenance jobs'
    global settings), checked under the props ``server_resources``, ``node_agent_resources`` and
    ``repository_maintenance``; a ``None`` prop leaves the chart's default."""
    values: dict[str, Any] = {}
    server_form = _optional("server_resources", server, _check_resources)
    if server_form is not None:
        values["resources"] = server_form
    node_agent_form = _optional("node_agent_resources", node_agent, _check_resources)
    if node_agent_form is not None:
        values["nodeAgent"] = {"resources": node_agent_form}
    settings = _optional("repository_maintenance", maintenance, _check_maintenance)
    if settings is not None:
        values["configuration"] = {"repositoryMaintenanceJob": {"repositoryConfigData": {"global": settings}}}
    return values
