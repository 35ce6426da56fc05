"""Checks of the monitoring options, each raising :class:`VeleroConfigError` with the property path."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import validation as v
from ..errors import VeleroConfigError
from .config import AlertOptions, AlertRule, Monitoring, ScheduleAlerts
from .rules import ALERT_NAMES, ALERTS
from .thresholds import parse_duration

__all__ = ["check_options", "duration", "literal", "prometheus_labels"]

_PROMETHEUS_LABEL = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
_CHART_LABELS = (
    "app.kubernetes.io/name",
    "app.kubernetes.io/instance",
    "app.kubernetes.io/managed-by",
    "app.kubernetes.io/version",
    "helm.sh/chart",
)
"""Labels the chart writes on the three objects itself: repeating one would give a duplicate YAML key."""
_WINDOWED = frozenset(alert.name for alert in ALERTS if alert.window is not None)


def check_options(options: Monitoring, *, node_agent: bool) -> Monitoring:
    labels = v.check_labels("monitoring.labels", options.labels)
    for key, value in labels.items():
        literal(f"monitoring.labels.{key}", value)
        if key in _CHART_LABELS:
            raise VeleroConfigError(f"monitoring.labels.{key}", value, "is written by the chart itself")
    if options.namespace is not None:
        literal("monitoring.namespace", v.check_dns_label("monitoring.namespace", options.namespace))
    for prop in ("autodetect", "service_monitor", "prometheus_rule"):
        v.check_bool(f"monitoring.{prop}", getattr(options, prop))
    if options.node_agent_pod_monitor is not None:
        v.check_bool("monitoring.node_agent_pod_monitor", options.node_agent_pod_monitor)
        if options.node_agent_pod_monitor and not node_agent:
            raise VeleroConfigError(
                "monitoring.node_agent_pod_monitor",
                True,
                "the node agent is not deployed (node_agent=True, or a schedule with file_system_backup=True or "
                "snapshot_move_data=True)",
            )
    prometheus_labels("monitoring.alert_labels", options.alert_labels, reserved=("severity", "alertname"))
    if not isinstance(options.alerts, Mapping):
        raise VeleroConfigError("monitoring.alerts", options.alerts, "must be a mapping of alert name to AlertOptions")
    for name, alert in options.alerts.items():
        _check_alert_options(f"monitoring.alerts.{name}", name, alert)
    if not isinstance(options.schedules, Mapping) or not all(
        isinstance(item, ScheduleAlerts) for item in options.schedules.values()
    ):
        raise VeleroConfigError("monitoring.schedules", options.schedules, "must map schedule names to ScheduleAlerts")
    if isinstance(options.extra_rules, str | bytes) or not all(
        isinstance(rule, AlertRule) for rule in options.extra_rules
    ):
        raise VeleroConfigError("monitoring.extra_rules", options.extra_rules, "must be a list of AlertRule")
    for index, rule in enumerate(options.extra_rules):
        _check_extra_rule(f"monitoring.extra_rules[{index}]", rule)
    literal("monitoring.runbook_url", v.check_str("monitoring.runbook_url", options.runbook_url))
    return options


def _check_alert_options(path: str, name: str, alert: object) -> None:
    if name not in ALERT_NAMES:
        raise VeleroConfigError(path, name, f"is not a built-in alert (one of {', '.join(ALERT_NAMES)})")
    if not isinstance(alert, AlertOptions):
        raise VeleroConfigError(path, alert, "must be an AlertOptions")
    v.check_bool(f"{path}.enabled", alert.enabled)
    if alert.severity is not None:
        literal(f"{path}.severity", v.check_str(f"{path}.severity", alert.severity))
    if alert.for_duration is not None:
        if name == "VeleroScheduleNeverSucceeded":
            raise VeleroConfigError(
                f"{path}.for_duration",
                alert.for_duration,
                "is each schedule's threshold: set ScheduleAlerts.stale_after or monitoring.grace instead",
            )
        duration(f"{path}.for_duration", alert.for_duration)
    if alert.window is not None:
        if name not in _WINDOWED:
            raise VeleroConfigError(f"{path}.window", alert.window, "only applies to the alerts on failure counters")
        duration(f"{path}.window", alert.window)
    prometheus_labels(f"{path}.labels", alert.labels, reserved=("severity", "alertname"))


def _check_extra_rule(path: str, rule: AlertRule) -> None:
    name = v.check_str(f"{path}.alert", rule.alert)
    if not _PROMETHEUS_LABEL.fullmatch(name):
        raise VeleroConfigError(f"{path}.alert", name, "must be letters, digits and '_', not starting with a digit")
    if name in ALERT_NAMES:
        raise VeleroConfigError(f"{path}.alert", name, "is a built-in alert: change it with monitoring.alerts")
    literal(f"{path}.expr", v.check_str(f"{path}.expr", rule.expr))
    literal(f"{path}.severity", v.check_str(f"{path}.severity", rule.severity))
    if rule.for_duration is not None:
        duration(f"{path}.for_duration", rule.for_duration)
    for prop in ("summary", "description", "runbook_url"):
        if getattr(rule, prop) is not None:
            literal(f"{path}.{prop}", v.check_str(f"{path}.{prop}", getattr(rule, prop)))
    prometheus_labels(f"{path}.labels", rule.labels, reserved=("severity", "alertname"))


def literal(path: str, value: object) -> str:
    """Literal text the rules carry: no Terraform token (unknown at synth), no ``${``/``%{`` template."""
    text = v.check_str(path, value)
    if v.is_token(text):
        raise VeleroConfigError(path, text, "must be literal with monitoring on: the alert rules are checked at synth")
    if v.has_template(text):
        raise VeleroConfigError(path, text, "must not contain '${' or '%{': Terraform would read it as a template")
    return text


def duration(path: str, value: object) -> int:
    seconds = parse_duration(v.check_str(path, value))
    if not seconds:
        raise VeleroConfigError(
            path, value, "must be a positive Prometheus duration in whole units, such as '90m', '25h' or '3d1h'"
        )
    return seconds


def prometheus_labels(path: str, labels: object, *, reserved: tuple[str, ...] = ()) -> dict[str, str]:
    if not isinstance(labels, Mapping):
        raise VeleroConfigError(path, labels, "must be a mapping of label names to strings")
    result: dict[str, str] = {}
    for key, value in labels.items():
        if not isinstance(key, str) or not _PROMETHEUS_LABEL.fullmatch(key) or key.startswith("__"):
            raise VeleroConfigError(path, key, "label names are letters, digits and '_', not starting with a digit")
        if key in reserved:
            raise VeleroConfigError(f"{path}.{key}", value, "is set by the library (use the severity option)")
        result[key] = literal(f"{path}.{key}", value)
    return result
