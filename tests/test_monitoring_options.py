"""Monitoring options: what users change (thresholds, severities, labels, alerts off, rules of their own) and
every bad value refused with a VeleroConfigError naming the property."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import (
    AlertOptions,
    AlertRule,
    BackupSchedule,
    Monitoring,
    ScheduleAlerts,
    VeleroBackups,
    VeleroConfigError,
)
from cdktf_velero.engine.core import TerraformStack, TerraformVariable, Testing
from cdktf_velero.monitoring import ALERT_NAMES, MonitoringPlan
from tests.helpers import aws_location, do_location, secrets
from tests.test_monitoring import hourly, watched

AWS = "velero-daily-aws-backups"
DO = "daily-digitalocean-backups"


def construct(monitoring: Any = True, *, aws: dict[str, Any] | None = None, **kwargs: Any) -> VeleroBackups:
    stack = TerraformStack(Testing.app(), "test")
    s = secrets(stack)
    return VeleroBackups(
        stack,
        "velero",
        aws=aws_location(s, **(aws or {})),
        digitalocean=do_location(s),
        monitoring=monitoring,
        **kwargs,
    )


def plan(backups: VeleroBackups) -> MonitoringPlan:
    assert backups.monitoring is not None
    return backups.monitoring


def rules(backups: VeleroBackups, alert: str | None = None) -> list[dict[str, Any]]:
    return [rule for rule in plan(backups).rules() if alert is None or rule["alert"] == alert]


def test_monitoring_true_and_monitoring_defaults_are_the_same() -> None:
    assert plan(construct(True)).values() == plan(construct(Monitoring())).values()


def test_defaults() -> None:
    backups = construct()
    metrics = plan(backups).values()["metrics"]
    for key in ("serviceMonitor", "prometheusRule"):
        assert metrics[key]["enabled"] is True
        assert metrics[key]["autodetect"] is False
        assert metrics[key]["additionalLabels"] == {"release": "kube-prometheus-stack"}
    assert metrics["nodeAgentPodMonitor"]["enabled"] is True  # the default AWS schedule uses file-system backup
    assert watched(rules(backups), "VeleroBackupStale") == {AWS: 25 * 3600, DO: 25 * 3600}
    assert all(rule["labels"]["severity"] in ("critical", "warning") for rule in rules(backups))
    assert all('namespace="velero"' in rule["expr"] for rule in rules(backups))


def test_no_node_agent_no_pod_monitor_and_no_data_upload_alert() -> None:
    backups = construct(aws={"schedule": BackupSchedule(cron="0 7 * * *")})
    assert plan(backups).values()["metrics"]["nodeAgentPodMonitor"]["enabled"] is False
    assert not rules(backups, "VeleroDataUploadFailed")


def test_the_node_agent_of_the_data_mover_is_watched() -> None:
    """A schedule moving CSI snapshot data deploys the node agent (no file-system backup anywhere): its
    PodMonitor and the data upload alert follow."""
    stack = TerraformStack(Testing.app(), "test")
    s = secrets(stack)
    backups = VeleroBackups(
        stack,
        "velero",
        aws=aws_location(s, schedule=BackupSchedule(cron="0 7 * * *")),
        digitalocean=do_location(
            s,
            volume_snapshots="csi",
            api_token=None,
            snapshot_move_data=True,
            schedule=BackupSchedule(cron="0 19 * * *", snapshot_volumes=True),
        ),
        monitoring=True,
    )
    assert backups.values["deployNodeAgent"] is True
    assert plan(backups).values()["metrics"]["nodeAgentPodMonitor"]["enabled"] is True
    assert rules(backups, "VeleroDataUploadFailed")


def test_users_change_thresholds_severities_labels_windows_and_add_rules() -> None:
    backups = construct(
        Monitoring(
            labels={"prometheus": "main"},
            namespace="monitoring",
            grace="2h",
            selector={"cluster": "prod", "namespace": "velero"},
            alert_labels={"team": "platform"},
            alerts={
                "VeleroBackupFailed": AlertOptions(severity="critical", window="6h", labels={"page": "yes"}),
                "VeleroBackupLocationUnavailable": AlertOptions(for_duration="5m"),
                "VeleroMetricsAbsent": AlertOptions(enabled=False),
            },
            schedules={DO: ScheduleAlerts(stale_after="30h")},
            extra_rules=[AlertRule("VeleroBackupsLarge", "velero_backup_tarball_size_bytes > 1e12", for_duration="1h")],
        )
    )
    values = plan(backups).values()["metrics"]
    assert values["prometheusRule"]["additionalLabels"] == {"prometheus": "main"}
    assert values["serviceMonitor"]["namespace"] == "monitoring"
    assert watched(rules(backups), "VeleroBackupStale") == {AWS: 26 * 3600, DO: 30 * 3600}
    (failed,) = rules(backups, "VeleroBackupFailed")
    assert failed["labels"] == {"severity": "critical", "team": "platform", "page": "yes"}
    assert "[6h]" in failed["expr"]
    assert 'cluster="prod",namespace="velero"' in failed["expr"]
    assert rules(backups, "VeleroBackupLocationUnavailable")[0]["for"] == "5m"
    assert not rules(backups, "VeleroMetricsAbsent")
    assert rules(backups)[-1] == {
        "alert": "VeleroBackupsLarge",
        "expr": "velero_backup_tarball_size_bytes > 1e12",
        "for": "1h",
        "labels": {"severity": "warning", "team": "platform"},
    }


def test_paused_schedules_get_no_staleness_alert() -> None:
    backups = construct(aws={"schedule": BackupSchedule(cron="0 7 * * *", paused=True)})
    backups.add_schedule("paused", hourly("paused-hourly", paused=True))
    assert set(watched(rules(backups), "VeleroBackupStale")) == {DO}
    assert set(watched(rules(backups), "VeleroScheduleNeverSucceeded")) == {DO}
    assert "schedule!~" not in rules(backups, "VeleroBackupFailed")[0]["expr"]


def test_a_schedule_with_alerts_off_is_named_by_no_alert() -> None:
    backups = construct(Monitoring(schedules={DO: ScheduleAlerts(enabled=False)}))
    backups.add_schedule("quiet", hourly("quiet"), alerts=ScheduleAlerts(enabled=False))
    assert set(watched(rules(backups), "VeleroBackupStale")) == {AWS}
    for alert in ("VeleroBackupFailed", "VeleroBackupPartiallyFailed", "VeleroCSISnapshotFailed"):
        assert f'schedule!~"{DO}|quiet"' in rules(backups, alert)[0]["expr"]


def test_added_schedules_are_watched_with_their_own_threshold() -> None:
    backups = construct()
    backups.add_schedule("hourly", hourly())
    backups.add_schedule("weekly", hourly("weekly", cron="0 3 * * 0"), alerts=ScheduleAlerts(stale_after="8d"))
    assert watched(rules(backups), "VeleroBackupStale") == {
        AWS: 25 * 3600,
        DO: 25 * 3600,
        "hourly-payments": 2 * 3600,
        "weekly": 8 * 86400,
    }


def test_a_token_cron_needs_an_explicit_threshold() -> None:
    stack = TerraformStack(Testing.app(), "test")
    s = secrets(stack)
    cron = TerraformVariable(stack, "cron", type="string").string_value
    aws = aws_location(s, schedule=BackupSchedule(cron=cron))
    with pytest.raises(VeleroConfigError, match=r"aws\.schedule\.cron: is a Terraform token") as error:
        VeleroBackups(stack, "velero", aws=aws, monitoring=True)
    assert error.value.path == "aws.schedule.cron"
    backups = VeleroBackups(
        stack, "ok", aws=aws, monitoring=Monitoring(schedules={AWS: ScheduleAlerts(stale_after="25h")})
    )
    assert watched(rules(backups), "VeleroBackupStale") == {AWS: 25 * 3600}
    with pytest.raises(VeleroConfigError) as added:
        backups.add_schedule("tok", hourly("tok", cron=cron))
    assert added.value.path == "add_schedule('tok').spec.schedule"
    backups.add_schedule("tok2", hourly("tok2", cron=cron), alerts=ScheduleAlerts(stale_after="2h"))
    assert watched(rules(backups), "VeleroBackupStale")["tok2"] == 7200


def test_alerts_on_add_schedule_need_monitoring() -> None:
    backups = construct(False)
    with pytest.raises(VeleroConfigError) as error:
        backups.add_schedule("hourly", hourly(), alerts=ScheduleAlerts(stale_after="2h"))
    assert error.value.path == "add_schedule.alerts"


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"metrics": False}, "monitoring"),
        # metrics.enabled is owned by the metrics prop: refused before monitoring looks at it.
        ({"extra_values": {"metrics": {"enabled": False}}}, "extra_values.metrics.enabled"),
        ({"extra_values": {"metrics": {"prometheusRule": {"enabled": True}}}}, "extra_values.metrics.prometheusRule"),
        ({"monitoring": "yes"}, "monitoring"),
        ({"monitoring": Monitoring(labels={"helm.sh/chart": "x"})}, "monitoring.labels.helm.sh/chart"),
        ({"monitoring": Monitoring(labels={"release": "a b"})}, "monitoring.labels.release"),
        ({"monitoring": Monitoring(labels={"release": "${var.x}"})}, "monitoring.labels.release"),
        ({"monitoring": Monitoring(namespace="Monitoring")}, "monitoring.namespace"),
        ({"monitoring": Monitoring(autodetect="no")}, "monitoring.autodetect"),  # type: ignore[arg-type]
        ({"monitoring": Monitoring(grace="1.5h")}, "monitoring.grace"),
        ({"monitoring": Monitoring(grace="0")}, "monitoring.grace"),
        ({"monitoring": Monitoring(selector={"9x": "a"})}, "monitoring.selector"),
        ({"monitoring": Monitoring(alert_labels={"severity": "page"})}, "monitoring.alert_labels.severity"),
        ({"monitoring": Monitoring(alert_labels={"team": "%{x}"})}, "monitoring.alert_labels.team"),
        (
            {"monitoring": Monitoring(alerts={"VeleroBackupFails": AlertOptions()})},
            "monitoring.alerts.VeleroBackupFails",
        ),
        (
            {"monitoring": Monitoring(alerts={"VeleroBackupStale": AlertOptions(window="2h")})},
            "monitoring.alerts.VeleroBackupStale.window",
        ),
        (
            {"monitoring": Monitoring(alerts={"VeleroScheduleNeverSucceeded": AlertOptions(for_duration="1h")})},
            "monitoring.alerts.VeleroScheduleNeverSucceeded.for_duration",
        ),
        (
            {"monitoring": Monitoring(alerts={"VeleroBackupFailed": AlertOptions(severity="")})},
            "monitoring.alerts.VeleroBackupFailed.severity",
        ),
        ({"monitoring": Monitoring(schedules={"daily-aws-backups": ScheduleAlerts()})}, "monitoring.schedules"),
        (
            {"monitoring": Monitoring(schedules={AWS: ScheduleAlerts(stale_after="23h")})},
            f"monitoring.schedules.{AWS}.stale_after",
        ),
        ({"monitoring": Monitoring(node_agent_pod_monitor=True)}, "monitoring.node_agent_pod_monitor"),
        (
            {"monitoring": Monitoring(extra_rules=[AlertRule("VeleroBackupStale", "up")])},
            "monitoring.extra_rules[0].alert",
        ),
        ({"monitoring": Monitoring(extra_rules=[AlertRule("My-Alert", "up")])}, "monitoring.extra_rules[0].alert"),
        ({"monitoring": Monitoring(extra_rules=[AlertRule("Mine", "${x}")])}, "monitoring.extra_rules[0].expr"),
        ({"monitoring": Monitoring(extra_rules=[AlertRule("Mine", "")])}, "monitoring.extra_rules[0].expr"),
        ({"monitoring": Monitoring(runbook_url="")}, "monitoring.runbook_url"),
    ],
)
def test_bad_options_name_their_property(kwargs: dict[str, Any], path: str) -> None:
    kwargs = {"monitoring": True, **kwargs}
    aws = {"schedule": BackupSchedule(cron="0 7 * * *")} if "node_agent_pod_monitor" in repr(kwargs) else None
    with pytest.raises(VeleroConfigError) as error:
        construct(aws=aws, **kwargs)
    assert error.value.path.startswith(path)


def test_every_alert_can_be_turned_off() -> None:
    backups = construct(Monitoring(alerts={name: AlertOptions(enabled=False) for name in ALERT_NAMES}))
    assert rules(backups) == []
    assert plan(backups).values()["metrics"]["prometheusRule"]["enabled"] is False


def test_a_token_namespace_needs_a_selector() -> None:
    stack = TerraformStack(Testing.app(), "test")
    s = secrets(stack)
    namespace = TerraformVariable(stack, "namespace", type="string").string_value
    with pytest.raises(VeleroConfigError) as error:
        VeleroBackups(stack, "velero", aws=aws_location(s), namespace=namespace, monitoring=True)
    assert error.value.path == "namespace"
    scoped = Monitoring(selector={"cluster": "prod"})
    backups = VeleroBackups(stack, "ok", aws=aws_location(s), namespace=namespace, monitoring=scoped)
    assert all('{cluster="prod"' in rule["expr"] for rule in rules(backups))
