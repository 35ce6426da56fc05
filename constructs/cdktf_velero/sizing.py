"""Sized components: :class:`Resources` (requests and limits) checked as Kubernetes checks them, the defaults of
the server and node agent, and the repository maintenance jobs' settings (:class:`RepositoryMaintenance`).

The defaults answer the OOM kills users report (Velero issues 8138, 8474, 8593): memory requests so that each
component is scheduled where its memory exists and is not the first evicted, memory limits well above the
figures those reports outgrew, and no CPU limit (throttling only slows a backup down, and Velero 1.18, built
with Go 1.25, also cuts its parallelism to a CPU limit). The README's "Sizing" section gives the reasoning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from . import validation as v
from .errors import VeleroConfigError

__all__ = [
    "DEFAULT_MAINTENANCE_RESOURCES",
    "DEFAULT_NODE_AGENT_RESOURCES",
    "DEFAULT_REPOSITORY_MAINTENANCE",
    "DEFAULT_SERVER_RESOURCES",
    "RESOURCE_NAMES",
    "RepositoryMaintenance",
    "Resources",
    "check_quantity",
    "check_resources",
    "component_sizes",
    "maintenance_values",
]


@dataclass(frozen=True)
class Resources:
    """CPU, memory and ephemeral-storage requests and limits of a container, as Kubernetes quantities
    (``"500m"``, ``"128Mi"``, ``"1Gi"``). Each request must not exceed its limit."""

    requests: Mapping[str, str] | None = None
    """What the scheduler reserves, e.g. ``{"cpu": "500m", "memory": "128Mi"}``. Default: none."""
    limits: Mapping[str, str] | None = None
    """The most the container may use, e.g. ``{"memory": "1Gi"}``. Default: none."""


RESOURCE_NAMES = ("cpu", "memory", "ephemeral-storage")
"""The resources a Velero container is sized by."""

_QUANTITY = re.compile(
    r"(?P<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][-+]?[0-9]+)?"
)
_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {"n": Decimal("1e-9"), "u": Decimal("1e-6"), "m": Decimal("1e-3"), "": Decimal(1), "k": Decimal(10**3)}
_DECIMAL.update({"M": Decimal(10**6), "G": Decimal(10**9), "T": Decimal(10**12), "P": Decimal(10**15)})
_DECIMAL["E"] = Decimal(10**18)
_MAX = Decimal(2**63 - 1)


def check_quantity(path: str, value: object) -> Decimal | None:
    """A non-negative Kubernetes quantity (``500m``, ``1.5Gi``, ``2e3``); returns its value, ``None`` for a token."""
    text = v.check_str(path, value)
    if v.is_token(text):
        return None
    match = _QUANTITY.fullmatch(text)
    rule = "must be a Kubernetes quantity such as '500m', '2', '128Mi' or '1Gi' (not negative)"
    if match is None or len(text) > 64:
        raise VeleroConfigError(path, value, rule)
    suffix = match.group("suffix") or ""
    try:
        number = Decimal(match.group("number"))
        if suffix in _BINARY:
            amount = number * _BINARY[suffix]
        elif suffix in _DECIMAL:
            amount = number * _DECIMAL[suffix]
        else:
            exponent = int(suffix[1:])
            if abs(exponent) > 30:
                raise VeleroConfigError(path, value, f"{rule}; the exponent is out of range")
            amount = number.scaleb(exponent)
    except InvalidOperation:
        raise VeleroConfigError(path, value, rule) from None
    if amount > _MAX:
        raise VeleroConfigError(path, value, "is larger than Kubernetes can represent")
    return amount


def check_resources(path: str, value: object) -> dict[str, Any]:
    """A :class:`~cdktf_velero.Resources` as the chart's ``resources`` value (``requests`` / ``limits``)."""
    if not isinstance(value, Resources):
        raise VeleroConfigError(path, value, "must be a Resources(requests=..., limits=...)")
    result: dict[str, Any] = {}
    amounts: dict[str, dict[str, Decimal | None]] = {}
    for part in ("requests", "limits"):
        given = getattr(value, part)
        if given is None:
            continue
        if not isinstance(given, Mapping):
            raise VeleroConfigError(f"{path}.{part}", given, "must be a mapping such as {'cpu': '500m'}")
        quantities: dict[str, str] = {}
        amounts[part] = {}
        for name, quantity in given.items():
            if name not in RESOURCE_NAMES:
                raise VeleroConfigError(f"{path}.{part}", name, f"keys must be among {', '.join(RESOURCE_NAMES)}")
            amounts[part][name] = check_quantity(f"{path}.{part}.{name}", quantity)
            if name != "cpu" and amounts[part][name] is not None and quantity.endswith("m"):
                raise VeleroConfigError(f"{path}.{part}.{name}", quantity, "is in thousandths of a byte: use Mi or Gi")
            quantities[name] = quantity
        if quantities:
            result[part] = quantities
    for name, request in amounts.get("requests", {}).items():
        limit = amounts.get("limits", {}).get(name)
        if request is not None and limit is not None and request > limit:
            raise VeleroConfigError(
                f"{path}.requests.{name}",
                value.requests[name] if value.requests else None,
                f"must not exceed the limit ({value.limits[name] if value.limits else None!r}): Kubernetes refuses it",
            )
    return result


DEFAULT_SERVER_RESOURCES = Resources(requests={"cpu": "100m", "memory": "256Mi"}, limits={"memory": "1Gi"})
"""The Velero server: twice the figures of ``velero install`` (128Mi requested, 512Mi limit), which large
clusters outgrow."""

DEFAULT_NODE_AGENT_RESOURCES = Resources(requests={"cpu": "100m", "memory": "128Mi"}, limits={"memory": "1Gi"})
"""The node agent: volume data moves in pods it launches (data mover since Velero 1.15, file-system backup since
1.17), not in the agent itself."""

DEFAULT_MAINTENANCE_RESOURCES = Resources(requests={"cpu": "100m", "memory": "512Mi"}, limits={"memory": "2Gi"})
"""A repository maintenance job, which loads the whole kopia index of a repository."""


@dataclass(frozen=True)
class RepositoryMaintenance:
    """The kopia repository maintenance jobs Velero runs (file-system backups and moved snapshot data); written to
    ``configuration.repositoryMaintenanceJob.repositoryConfigData.global``, which applies to every repository."""

    resources: Resources | None = DEFAULT_MAINTENANCE_RESOURCES
    """Requests and limits (``cpu``, ``memory``) of each job's pod. Default :data:`DEFAULT_MAINTENANCE_RESOURCES`
    (100m and 512Mi requested, 2Gi memory limit); ``None``: Velero's default, no request and no limit."""
    keep_latest_jobs: int = 3
    """Finished jobs kept per repository, with their logs. Default ``3``, Velero's."""
    priority_class_name: str | None = None
    """PriorityClass of the jobs' pods. Default: none."""


DEFAULT_REPOSITORY_MAINTENANCE = RepositoryMaintenance()
"""The maintenance jobs' defaults: :data:`DEFAULT_MAINTENANCE_RESOURCES`, 3 jobs kept, no priority class."""

_POD_RESOURCES = (
    ("cpuRequest", "requests", "cpu"),
    ("cpuLimit", "limits", "cpu"),
    ("memoryRequest", "requests", "memory"),
    ("memoryLimit", "limits", "memory"),
)


def _pod_resources(path: str, value: Resources) -> dict[str, str]:
    """The maintenance job's ``podResources``: Velero parses all four and reads ``0`` as unset (an empty or
    missing one fails every job); it has no ephemeral storage."""
    form = check_resources(path, value)
    for part, quantities in form.items():
        for name, quantity in quantities.items():
            if name not in ("cpu", "memory"):
                raise VeleroConfigError(f"{path}.{part}.{name}", quantity, "is not sized by Velero: cpu or memory")
    return {key: form.get(part, {}).get(name, "0") for key, part, name in _POD_RESOURCES}


def component_sizes(
    server: object, agent: object, *, node_agent: bool
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The chart's ``resources`` and ``nodeAgent.resources`` from the props ``resources`` and
    ``node_agent_resources`` (``None`` leaves the chart's). The node agent's are written only where it is
    deployed; without it, a value other than the default is refused."""
    server_form = check_resources("resources", server) if server is not None else None
    if agent is None:
        return server_form, None
    agent_form = check_resources("node_agent_resources", agent)
    if node_agent:
        return server_form, agent_form
    if agent != DEFAULT_NODE_AGENT_RESOURCES:
        raise VeleroConfigError("node_agent_resources", agent, "only applies when the node agent is deployed")
    return server_form, None


def maintenance_values(path: str, value: object) -> dict[str, Any]:
    """The chart values of the maintenance jobs' global settings (Velero's repository maintenance ConfigMap);
    none for ``None`` (the chart's)."""
    if value is None:
        return {}
    if not isinstance(value, RepositoryMaintenance):
        raise VeleroConfigError(path, value, "must be a RepositoryMaintenance")
    settings: dict[str, Any] = {}
    if value.resources is not None:
        settings["podResources"] = _pod_resources(f"{path}.resources", value.resources)
    keep = value.keep_latest_jobs
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 0:
        raise VeleroConfigError(f"{path}.keep_latest_jobs", keep, "must be a whole number, 0 or more")
    settings["keepLatestMaintenanceJobs"] = keep
    if value.priority_class_name is not None:
        settings["priorityClassName"] = v.check_dns_subdomain(f"{path}.priority_class_name", value.priority_class_name)
    return {"configuration": {"repositoryMaintenanceJob": {"repositoryConfigData": {"global": settings}}}}
