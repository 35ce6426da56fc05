"""``monitoring=`` validated into a plan: the chart values of the ServiceMonitor, the node-agent PodMonitor and
the PrometheusRule, whose alerts name every schedule, including those added after construction.

The chart renders all three objects (``metrics.*``). Its values are serialized when the ``helm_release`` is
built, before any ``add_schedule``; so the monitoring values are a second values document of the release, a
lazy string produced at synth, when every schedule is known (helm merges values documents in order). With
monitoring off the release's values are exactly as before.

Why not a ``kubernetes_manifest`` PrometheusRule of the library's own: it would need the prometheus-operator
CRD at *plan* time, like the velero.io resources, while the chart's objects are checked by helm at apply time,
stay together with the ServiceMonitor in one release, and add no Terraform address.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jsii

from .. import validation as v
from ..chart import to_yaml
from ..engine.core import IResolveContext, IStringProducer, Lazy
from ..errors import VeleroConfigError
from ..imports.velero import Schedule
from ..plan import BackupsPlan
from .checks import check_options, duration, literal, prometheus_labels
from .config import Monitoring, ScheduleAlerts
from .rules import WatchedSchedule, build_rules
from .thresholds import format_duration, longest_gap_seconds

__all__ = ["MonitoringPlan", "ScheduleRef", "plan_monitoring", "watch_added"]

_MANAGED_METRICS_KEYS = ("serviceMonitor", "nodeAgentPodMonitor", "prometheusRule")


@dataclass(frozen=True)
class ScheduleRef:
    """A schedule to watch, with the property paths that name its parts in errors."""

    name: str
    cron: str
    paused: bool
    alerts: object
    name_path: str
    cron_path: str
    alerts_path: str


@dataclass(frozen=True)
class MonitoringPlan:
    """The validated monitoring options and the schedules the alerts watch (appended by ``add_schedule``)."""

    options: Monitoring
    node_agent: bool
    matchers: dict[str, str]
    grace: int
    schedules: list[WatchedSchedule] = field(default_factory=list)

    def watch(self, ref: ScheduleRef) -> WatchedSchedule:
        """Add a schedule the alerts name, with its alert options (``None``: the defaults)."""
        alerts = ScheduleAlerts() if ref.alerts is None else ref.alerts
        if not isinstance(alerts, ScheduleAlerts):
            raise VeleroConfigError(ref.alerts_path, alerts, "must be a ScheduleAlerts")
        name = literal(ref.name_path, ref.name)
        enabled = v.check_bool(f"{ref.alerts_path}.enabled", alerts.enabled)
        stale_after = None
        if alerts.stale_after is not None:
            stale_after = duration(f"{ref.alerts_path}.stale_after", alerts.stale_after)
        gap = None
        if not v.is_token(ref.cron):
            try:
                gap = longest_gap_seconds(ref.cron)
            except ValueError as error:
                raise VeleroConfigError(ref.cron_path, ref.cron, str(error)) from None
        elif enabled and not ref.paused and stale_after is None:
            raise VeleroConfigError(
                ref.cron_path,
                ref.cron,
                "is a Terraform token, unknown at synth: give the alert threshold, ScheduleAlerts(stale_after='25h') "
                "(in monitoring.schedules, or add_schedule(..., alerts=...))",
            )
        if stale_after is not None and gap is not None and stale_after <= gap:
            raise VeleroConfigError(
                f"{ref.alerts_path}.stale_after",
                alerts.stale_after,
                f"must be longer than the longest gap between two runs of {ref.cron!r} ({format_duration(gap)}), "
                "or the alert fires between runs",
            )
        threshold: int | None = None
        if enabled and not ref.paused:
            threshold = stale_after if stale_after is not None else (gap or 0) + self.grace
        watched = WatchedSchedule(name, ref.cron, threshold, gap, excluded=not enabled)
        self.schedules.append(watched)
        return watched

    def rules(self) -> list[dict[str, Any]]:
        """The PrometheusRule's rules for the schedules watched so far."""
        options = self.options
        return build_rules(
            schedules=self.schedules,
            alerts=options.alerts,
            matchers=self.matchers,
            alert_labels=options.alert_labels,
            runbook_url=options.runbook_url,
            node_agent=self.node_agent,
            extra_rules=options.extra_rules,
        )

    def values(self) -> dict[str, Any]:
        """The chart values of the three objects (merged over the release's other values)."""
        options = self.options

        def common() -> dict[str, Any]:
            # A copy for each object: shared dicts would be written as YAML anchors.
            out: dict[str, Any] = {"autodetect": options.autodetect, "additionalLabels": dict(options.labels)}
            if options.namespace is not None:
                out["namespace"] = options.namespace
            return out

        pod_monitor = self.node_agent if options.node_agent_pod_monitor is None else options.node_agent_pod_monitor
        rules = self.rules() if options.prometheus_rule else []
        return {
            "metrics": {
                "serviceMonitor": {"enabled": options.service_monitor, **common()},
                "nodeAgentPodMonitor": {"enabled": pod_monitor, **common()},
                "prometheusRule": {"enabled": bool(rules), **common(), "spec": rules},
            }
        }

    def values_token(self) -> str:
        """The values as a YAML string token, produced at synth (after every ``add_schedule``)."""
        return Lazy.string_value(_LazyValues(self))


@jsii.implements(IStringProducer)
class _LazyValues:
    def __init__(self, plan: MonitoringPlan) -> None:
        self._plan = plan

    def produce(self, context: IResolveContext) -> str:
        return to_yaml(self._plan.values())


def plan_monitoring(
    monitoring: object, *, plan: BackupsPlan, extra_values: Mapping[str, Any] | None
) -> MonitoringPlan | None:
    """Validate ``monitoring`` (``False``/``None``: off, ``True``: defaults) against the backups plan."""
    if monitoring is None or monitoring is False:
        return None
    if monitoring is True:
        monitoring = Monitoring()
    if not isinstance(monitoring, Monitoring):
        raise VeleroConfigError("monitoring", monitoring, "must be True, False or a Monitoring")
    metrics = plan.values.get("metrics")
    if not isinstance(metrics, Mapping) or metrics.get("enabled") is not True:
        enabled = metrics.get("enabled") if isinstance(metrics, Mapping) else None
        raise VeleroConfigError(
            "monitoring", f"metrics={enabled}", "needs metrics=True (the chart's metrics.enabled): the alerts read them"
        )
    extra_metrics = (extra_values or {}).get("metrics")
    for key in _MANAGED_METRICS_KEYS:
        if isinstance(extra_metrics, Mapping) and key in extra_metrics:
            raise VeleroConfigError(
                f"extra_values.metrics.{key}", extra_metrics[key], "is managed by monitoring=: use its options"
            )
    options = check_options(monitoring, node_agent=plan.values.get("deployNodeAgent") is True)
    if options.selector is None:
        if v.is_token(plan.namespace):
            raise VeleroConfigError(
                "namespace", plan.namespace, "is a Terraform token: with monitoring, scope the alerts with its selector"
            )
        matchers = {"namespace": plan.namespace}
    else:
        matchers = prometheus_labels("monitoring.selector", options.selector)
    result = MonitoringPlan(
        options=options,
        node_agent=plan.values.get("deployNodeAgent") is True,
        matchers=matchers,
        grace=duration("monitoring.grace", options.grace),
    )
    known = _builtin_schedules(plan, options)
    for name in options.schedules:
        if name not in known:
            raise VeleroConfigError(
                f"monitoring.schedules.{name}",
                name,
                f"names no schedule of the construct (known: {', '.join(known) or 'none'}); "
                "for a schedule added later pass add_schedule(..., alerts=ScheduleAlerts(...))",
            )
    for ref in known.values():
        result.watch(ref)
    return result


def _builtin_schedules(plan: BackupsPlan, options: Monitoring) -> dict[str, ScheduleRef]:
    """The schedules the construct declares (one per location at most), by Schedule object name."""
    found: dict[str, ScheduleRef] = {}
    for location in plan.locations:
        schedule = location.schedule
        if schedule is None:
            continue
        name = schedule.object_name
        # The chart prefixes its schedules with its fullname, which a token release name leaves unknown.
        chart_token = location.carrier == "chart" and v.is_token(plan.chart_fullname)
        found[name] = ScheduleRef(
            name=name,
            cron=schedule.spec.schedule,
            paused=schedule.spec.paused is True,
            alerts=options.schedules.get(name),
            name_path="release_name" if chart_token else f"{schedule.path}.name",
            cron_path=f"{schedule.path}.cron",
            alerts_path=f"monitoring.schedules.{name}",
        )
    return found


def watch_added(plan: MonitoringPlan, path: str, schedule: Schedule, alerts: object) -> WatchedSchedule:
    """Watch a Schedule added with ``add_schedule`` or ``add_manifest``, already checked as a custom resource."""
    return plan.watch(
        ScheduleRef(
            name=str(schedule.metadata.name),
            cron=schedule.spec.schedule,
            paused=schedule.spec.paused is True,
            alerts=alerts,
            name_path=f"{path}.metadata.name",
            cron_path=f"{path}.spec.schedule",
            alerts_path=f"{path}.alerts",
        )
    )
