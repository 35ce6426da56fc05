"""The alerting rules: the built-in alerts on Velero's own metrics, per schedule where a schedule has its own
threshold, and the user's additions. The data the chart's ``metrics.prometheusRule.spec`` takes.

Every metric named here is defined in Velero 1.18's ``pkg/metrics/metrics.go``. ``velero_backup_last_status``
is left out on purpose: it stays at 1 after failures (Velero issues 8753, 9374); the counters and the
last-success timestamp say what happened.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .config import AlertOptions, AlertRule
from .thresholds import format_duration

__all__ = ["ALERTS", "ALERT_NAMES", "DEFAULT_WINDOW", "AlertDefaults", "WatchedSchedule", "build_rules", "selector"]

DEFAULT_WINDOW = "1h"
"""How far back a failure counts in the counter alerts, unless ``AlertOptions.window`` says otherwise."""

_OF_SCHEDULE = "{{ if $labels.schedule }}of schedule {{ $labels.schedule }}{{ else }}without schedule{{ end }}"
_SCHEDULE = "{{ if $labels.schedule }}schedule {{ $labels.schedule }}{{ else }}no schedule{{ end }}"


@dataclass(frozen=True)
class AlertDefaults:
    """A built-in alert: its name and defaults; ``window`` is set for the alerts on counters."""

    name: str
    severity: str
    summary: str
    description: str
    for_duration: str | None = None
    window: str | None = None
    metric: str = ""
    per_schedule: bool = False


ALERTS: tuple[AlertDefaults, ...] = (
    AlertDefaults(
        "VeleroBackupStale",
        "critical",
        "Velero schedule {{ $labels.schedule }} has no recent successful backup",
        "The last successful backup of schedule {{ $labels.schedule }} (namespace {{ $labels.namespace }}) "
        "completed {{ $value | humanizeDuration }} ago; {expected}",
        metric="velero_backup_last_successful_timestamp",
        per_schedule=True,
    ),
    AlertDefaults(
        "VeleroScheduleNeverSucceeded",
        "critical",
        "Velero reports no successful backup of schedule {{ $labels.schedule }}",
        "For {threshold}, Velero has reported no completed backup of schedule {{ $labels.schedule }}: the schedule "
        "never completed a backup, all its backups expired, it does not exist, or Velero's metrics are not scraped.",
        metric="velero_backup_last_successful_timestamp",
        per_schedule=True,
    ),
    AlertDefaults(
        "VeleroBackupFailed",
        "warning",
        "A Velero backup failed",
        f"A backup {_OF_SCHEDULE} (namespace {{{{ $labels.namespace }}}}) failed in the last {{window}}.",
        window=DEFAULT_WINDOW,
        metric="velero_backup_failure_total",
    ),
    AlertDefaults(
        "VeleroBackupPartiallyFailed",
        "warning",
        "A Velero backup partially failed",
        f"A backup {_OF_SCHEDULE} (namespace {{{{ $labels.namespace }}}}) completed with errors in the last "
        "{window}: some items or volumes are missing from it.",
        window=DEFAULT_WINDOW,
        metric="velero_backup_partial_failure_total",
    ),
    AlertDefaults(
        "VeleroBackupValidationFailed",
        "warning",
        "Velero refused a backup",
        f"A backup {_OF_SCHEDULE} (namespace {{{{ $labels.namespace }}}}) failed validation in the last "
        "{window} and never ran.",
        window=DEFAULT_WINDOW,
        metric="velero_backup_validation_failure_total",
    ),
    AlertDefaults(
        "VeleroVolumeSnapshotFailed",
        "warning",
        "Velero volume snapshots failed",
        f"Volume snapshots of a backup {_OF_SCHEDULE} (namespace {{{{ $labels.namespace }}}}) failed in the last "
        "{window}.",
        window=DEFAULT_WINDOW,
        metric="velero_volume_snapshot_failure_total",
    ),
    AlertDefaults(
        "VeleroCSISnapshotFailed",
        "warning",
        "Velero CSI snapshots failed",
        f"CSI snapshots of backup {{{{ $labels.backupName }}}} ({_SCHEDULE}, namespace {{{{ $labels.namespace }}}}) "
        "failed in the last {window}.",
        window=DEFAULT_WINDOW,
        metric="velero_csi_snapshot_failure_total",
    ),
    AlertDefaults(
        "VeleroDataUploadFailed",
        "warning",
        "Velero data upload failed on node {{ $labels.node }}",
        "The node agent on node {{ $labels.node }} (namespace {{ $labels.namespace }}) failed to upload snapshot "
        "data to the backup location in the last {window}.",
        window=DEFAULT_WINDOW,
        metric="podVolume_data_upload_failure_total",
    ),
    AlertDefaults(
        "VeleroRepositoryMaintenanceFailed",
        "warning",
        "Velero repository maintenance failed for {{ $labels.repository_name }}",
        "Maintenance of backup repository {{ $labels.repository_name }} (namespace {{ $labels.namespace }}) failed "
        "in the last {window}; unmaintained repositories keep deleted data and grow.",
        window=DEFAULT_WINDOW,
        metric="velero_repo_maintenance_failure_total",
    ),
    AlertDefaults(
        "VeleroBackupLocationUnavailable",
        "critical",
        "Velero backup location {{ $labels.backup_location_name }} is unavailable",
        "Velero cannot reach backup location {{ $labels.backup_location_name }} (namespace {{ $labels.namespace }}) "
        "for {for}: backups to it fail until it is available again.",
        for_duration="15m",
        metric="velero_backup_location_status_gauge",
    ),
    AlertDefaults(
        "VeleroMetricsAbsent",
        "critical",
        "Prometheus scrapes no Velero server",
        "For {for}, no Velero server metrics matching {selector} reached Prometheus: Velero is down or not "
        "scraped, and the other Velero alerts stay silent.",
        for_duration="15m",
        metric="velero_backup_total",
    ),
)
"""The built-in alerts, in the order the PrometheusRule lists them."""

ALERT_NAMES = tuple(alert.name for alert in ALERTS)
_EXCLUDES_SCHEDULES = {
    "VeleroBackupFailed",
    "VeleroBackupPartiallyFailed",
    "VeleroBackupValidationFailed",
    "VeleroVolumeSnapshotFailed",
    "VeleroCSISnapshotFailed",
}


@dataclass(frozen=True)
class WatchedSchedule:
    """A Schedule the alerts name: its staleness threshold in seconds (``None``: paused or alerts off) and
    whether its failures are left out of the failure alerts."""

    name: str
    cron: str
    threshold: int | None
    longest_gap: int | None
    excluded: bool = False


def selector(matchers: Mapping[str, str], extra: str = "") -> str:
    """``{a="b",...}`` with PromQL string quoting, plus ``extra`` matchers already written."""
    parts = [f"{name}={json.dumps(value, ensure_ascii=False)}" for name, value in matchers.items()]
    if extra:
        parts.append(extra)
    return "{" + ",".join(parts) + "}" if parts else ""


def _counter_expr(metric: str, sel: str, window: str) -> str:
    """Fires when the counter grew within ``window``, or appeared with a value above 0 within it: Velero creates
    some series (per backup, per repository) at their first failure, which ``increase()`` alone cannot see."""
    series = f"{metric}{sel}"
    return f"increase({series}[{window}]) > 0 or ({series} > 0 unless {series} offset {window})"


def _rule(
    alert: AlertDefaults, options: AlertOptions, expr: str, text: Mapping[str, str], common: Mapping[str, Any]
) -> dict[str, Any]:
    for_duration = options.for_duration if options.for_duration is not None else text.get("for")
    rule: dict[str, Any] = {"alert": alert.name, "expr": expr}
    if for_duration:
        rule["for"] = for_duration
    rule["labels"] = {
        "severity": options.severity or alert.severity,
        **common["alert_labels"],
        **options.labels,
    }
    rule["annotations"] = {
        "summary": alert.summary,
        "description": alert.description.replace("{expected}", text.get("expected", ""))
        .replace("{threshold}", text.get("threshold", ""))
        .replace("{window}", text.get("window", ""))
        .replace("{for}", for_duration or "")
        .replace("{selector}", text.get("selector", "")),
        "runbook_url": f"{common['runbook_url']}#{alert.name.lower()}",
    }
    return rule


def build_rules(
    *,
    schedules: Sequence[WatchedSchedule],
    alerts: Mapping[str, AlertOptions],
    matchers: Mapping[str, str],
    alert_labels: Mapping[str, str],
    runbook_url: str,
    node_agent: bool,
    extra_rules: Sequence[AlertRule],
) -> list[dict[str, Any]]:
    """The rules of the PrometheusRule, built-in alerts first (per schedule in the order given), then the user's."""
    common = {"alert_labels": dict(alert_labels), "runbook_url": runbook_url}
    sel = selector(matchers)
    ignored = sorted(s.name for s in schedules if s.excluded)
    without_ignored = selector(matchers, f'schedule!~"{"|".join(ignored)}"' if ignored else "")
    rules: list[dict[str, Any]] = []
    for alert in ALERTS:
        options = alerts.get(alert.name, AlertOptions())
        if not options.enabled or (alert.name == "VeleroDataUploadFailed" and not node_agent):
            continue
        if alert.per_schedule:
            for schedule in schedules:
                if schedule.threshold is not None:
                    rules.append(_schedule_rule(alert, options, schedule, matchers, common))
            continue
        window = options.window or alert.window or ""
        if alert.window is not None:
            scoped = without_ignored if alert.name in _EXCLUDES_SCHEDULES else sel
            expr = _counter_expr(alert.metric, scoped, window)
        elif alert.name == "VeleroBackupLocationUnavailable":
            expr = f"{alert.metric}{sel} == 0"
        else:
            expr = f"absent({alert.metric}{sel})"
        text = {"window": window, "for": alert.for_duration or "", "selector": sel or "{}"}
        rules.append(_rule(alert, options, expr, text, common))
    rules.extend(_extra_rule(rule, common) for rule in extra_rules)
    return rules


def _schedule_rule(
    alert: AlertDefaults,
    options: AlertOptions,
    schedule: WatchedSchedule,
    matchers: Mapping[str, str],
    common: Mapping[str, Any],
) -> dict[str, Any]:
    assert schedule.threshold is not None
    series = f"{alert.metric}{selector({**matchers, 'schedule': schedule.name})}"
    threshold = format_duration(schedule.threshold)
    if schedule.longest_gap is not None:
        expected = (
            f"its runs (`{schedule.cron}`) are at most {format_duration(schedule.longest_gap)} apart, "
            f"so one should have completed within {threshold}."
        )
    else:
        expected = f"one should have completed within {threshold}."
    text = {"expected": expected, "threshold": threshold}
    if alert.name == "VeleroBackupStale":
        return _rule(alert, options, f"time() - {series} > {schedule.threshold}", text, common)
    # Absent for as long as the schedule's threshold: after a restart Velero rebuilds the timestamp from
    # the completed Backup objects within a minute, so only a schedule without any such backup stays absent.
    return _rule(alert, options, f"absent({series})", {**text, "for": threshold}, common)


def _extra_rule(rule: AlertRule, common: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"alert": rule.alert, "expr": rule.expr}
    if rule.for_duration:
        out["for"] = rule.for_duration
    out["labels"] = {"severity": rule.severity, **common["alert_labels"], **rule.labels}
    annotations = {"summary": rule.summary, "description": rule.description, "runbook_url": rule.runbook_url}
    out["annotations"] = {key: value for key, value in annotations.items() if value}
    if not out["annotations"]:
        del out["annotations"]
    return out
