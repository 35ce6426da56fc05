"""Monitoring of Velero with the prometheus-operator: the chart's ServiceMonitor and node-agent PodMonitor, and a
PrometheusRule whose alerts follow every schedule (``VeleroBackups(monitoring=...)``)."""

from __future__ import annotations

from .config import DEFAULT_MONITOR_LABELS, RUNBOOK_URL, AlertOptions, AlertRule, Monitoring, ScheduleAlerts
from .plan import MonitoringPlan, plan_monitoring, watch_added
from .rules import ALERT_NAMES

__all__ = [
    "ALERT_NAMES",
    "DEFAULT_MONITOR_LABELS",
    "RUNBOOK_URL",
    "AlertOptions",
    "AlertRule",
    "Monitoring",
    "MonitoringPlan",
    "ScheduleAlerts",
    "plan_monitoring",
    "watch_added",
]
