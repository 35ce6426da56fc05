"""The monitoring options: frozen dataclasses that ``VeleroBackups(monitoring=...)`` validates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["DEFAULT_MONITOR_LABELS", "RUNBOOK_URL", "AlertOptions", "AlertRule", "Monitoring", "ScheduleAlerts"]

DEFAULT_MONITOR_LABELS: Mapping[str, str] = {"release": "kube-prometheus-stack"}
"""What kube-prometheus-stack's Prometheus selects ServiceMonitors, PodMonitors and rules by (its release name)."""

RUNBOOK_URL = "https://github.com/cdktf-velero/cdktf-velero/blob/main/docs/alerts.md"
"""The runbook page; each alert links to its section (``#<alert name in lower case>``)."""


@dataclass(frozen=True)
class AlertOptions:
    """Changes to one built-in alert (``Monitoring.alerts``, keyed by alert name). ``None`` keeps its default."""

    enabled: bool = True
    """``False`` drops the alert. Default ``True``."""
    severity: str | None = None
    """The ``severity`` label. Default: the alert's own (``critical`` or ``warning``, see the README's table)."""
    for_duration: str | None = None
    """How long the condition must hold before the alert fires (Prometheus duration, ``15m``). Default: the
    alert's own (``15m`` for locations and absent metrics, none for the others)."""
    window: str | None = None
    """Alerts on counters: how far back a failure counts (``increase(...[window])``). Default ``1h``."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """More labels on this alert (e.g. a team for routing). Default: none."""


@dataclass(frozen=True)
class ScheduleAlerts:
    """Alerting for one Schedule (``Monitoring.schedules``, or ``add_schedule(..., alerts=...)``)."""

    stale_after: str | None = None
    """Alert when its last successful backup is older than this (Prometheus duration, ``25h``). Default: the
    longest gap between two runs of its cron plus ``Monitoring.grace``. Required when the cron is a token."""
    enabled: bool = True
    """``False``: no alert names this schedule (its failures are left out of the failure alerts too).
    Default ``True``."""


@dataclass(frozen=True)
class AlertRule:
    """An alerting rule of your own, added to the PrometheusRule beside the built-in ones."""

    alert: str
    """Alert name: letters, digits and ``_``, not one of the built-in names."""
    expr: str
    """PromQL expression; it fires for each series it returns."""
    severity: str = "warning"
    """The ``severity`` label. Default ``warning``."""
    for_duration: str | None = None
    """How long the expression must return a series before the alert fires (Prometheus duration). Default:
    fires at once."""
    summary: str | None = None
    """One line for the notification. Default: none."""
    description: str | None = None
    """What happened and what to do; may use Prometheus templates such as ``{{ $labels.schedule }}``.
    Default: none."""
    runbook_url: str | None = None
    """Where the response is written down. Default: none."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """More labels on the alert. Default: none."""


@dataclass(frozen=True)
class Monitoring:
    """Prometheus monitoring of Velero through the prometheus-operator: the chart's ServiceMonitor, node-agent
    PodMonitor and a PrometheusRule with alerts for every schedule. ``monitoring=True`` takes these defaults."""

    labels: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_MONITOR_LABELS))
    """Labels on the three objects, to match the selectors of your Prometheus. Default ``release:
    kube-prometheus-stack`` (kube-prometheus-stack's selector when installed under that release name)."""
    namespace: str | None = None
    """Namespace of the three objects. Default: Velero's."""
    autodetect: bool = False
    """``False`` (default): the objects are always rendered, so a cluster without the prometheus-operator CRDs
    fails the helm install or upgrade before anything changes. ``True``: the chart renders them only where the
    cluster serves ``monitoring.coreos.com/v1``; elsewhere there is no error and no monitoring."""
    service_monitor: bool = True
    """The Velero server's ServiceMonitor. Default ``True``."""
    node_agent_pod_monitor: bool | None = None
    """The node agent's PodMonitor. Default: when the node agent is deployed."""
    prometheus_rule: bool = True
    """The PrometheusRule with the alerts. Default ``True``."""
    grace: str = "1h"
    """Added to each schedule's longest gap between runs to give its staleness threshold (Prometheus duration):
    room for the backup's own run time. Default ``1h``."""
    selector: Mapping[str, str] | None = None
    """Label matchers added to every built-in expression. Default ``{"namespace": <Velero's namespace>}``,
    the label the prometheus-operator gives scraped series; add e.g. ``cluster`` for a shared Prometheus."""
    alert_labels: Mapping[str, str] = field(default_factory=dict)
    """Labels added to every alert (e.g. ``team``, ``cluster``). Default: none."""
    alerts: Mapping[str, AlertOptions] = field(default_factory=dict)
    """Changes to built-in alerts, keyed by alert name (``VeleroBackupFailed``): turn off, severity, labels.
    Default: none."""
    schedules: Mapping[str, ScheduleAlerts] = field(default_factory=dict)
    """Per Schedule object name known at construction (the chart's ``<fullname>-<name>``, the DigitalOcean one);
    for schedules added later, pass ``add_schedule(..., alerts=ScheduleAlerts(...))``. Default: none."""
    extra_rules: Sequence[AlertRule] = ()
    """Alerting rules of your own. Default: none."""
    runbook_url: str = RUNBOOK_URL
    """The runbook page the built-in alerts link to (``<runbook_url>#<alert name in lower case>``). Default: this
    project's ``docs/alerts.md``."""
