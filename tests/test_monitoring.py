"""Monitoring against the real things: Velero 1.18's metrics.go, a PromQL parser, the chart rendered by Helm's
own engine, and the prometheus-operator CRDs."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import helm_python
import jsonschema
import promql_parser
import pytest
import yaml
from syrupy.assertion import SnapshotAssertion

from cdktf_velero import BackupSchedule, Monitoring, VeleroBackups
from cdktf_velero.engine.core import App, TerraformStack, Testing
from cdktf_velero.imports.velero import ObjectMeta, Schedule, ScheduleSpec, ScheduleSpecTemplate
from cdktf_velero.monitoring import ALERT_NAMES
from cdktf_velero.validation import has_template
from tests.helpers import _closed, aws_location, chart_values, do_location, only, resources, secrets, upstream_dir

REPO = Path(__file__).resolve().parent.parent
TARGET_LABELS = frozenset({"namespace", "job", "instance", "pod", "service", "container", "endpoint"})
"""Labels the prometheus-operator gives every series it scrapes from a ServiceMonitor or PodMonitor target."""
MONITORING_TEMPLATES = ("servicemonitor.yaml", "podmonitor.yaml", "prometheusrule.yaml")


@cache
def velero_metrics() -> dict[str, frozenset[str]]:
    """Metric name -> its labels, read from Velero's metrics.go (server ``velero_``, node agent ``podVolume_``)."""
    path = upstream_dir().parent / "velero-v1.18.2" / "metrics.go"
    if not path.is_file():
        pytest.fail(f"{path} is missing: the metric names are checked against it")
    text = path.read_text()
    consts = dict(re.findall(r'^\s*(\w+)\s*(?:int64\s*)?=\s*"([^"]*)"', text, re.MULTILINE))
    metrics: dict[str, frozenset[str]] = {}
    for chunk in text.split("prometheus.New")[1:]:
        opts = re.search(r"Namespace:\s*(\w+),\s*Name:\s*(\w+),", chunk)
        if opts is None:
            continue
        labels = re.search(r"\[\]string\{([^}]*)\}", chunk)
        names = [consts[label.strip()] for label in labels.group(1).split(",")] if labels else []
        base = f"{consts[opts.group(1)]}_{consts[opts.group(2)]}"
        for suffix in ("", "_bucket", "_sum", "_count") if "Histogram" in chunk.split("(", 1)[0] else ("",):
            metrics[base + suffix] = frozenset(names + (["le"] if suffix == "_bucket" else []))
    return metrics


@cache
def operator_schema(kind: str) -> dict[str, Any]:
    folder = upstream_dir().parent / "prometheus-operator-v0.93.0"
    for path in sorted(folder.glob("*.yaml")):
        crd = yaml.safe_load(path.read_text())
        if crd["spec"]["names"]["kind"] == kind:
            version = next(ver for ver in crd["spec"]["versions"] if ver["name"] == "v1")
            closed: dict[str, Any] = _closed(version["schema"]["openAPIV3Schema"])
            return closed
    pytest.fail(f"no {kind} CRD in {folder}")


def hourly(name: str = "hourly-payments", cron: str = "@every 1h", **spec: Any) -> Schedule:
    template = ScheduleSpecTemplate(ttl="48h", storage_location="aws", included_namespaces=["payments"])
    return Schedule(metadata=ObjectMeta(name=name), spec=ScheduleSpec(schedule=cron, template=template, **spec))


def example(monitoring: Any = True, **kwargs: Any) -> tuple[TerraformStack, TerraformStack, VeleroBackups]:
    """The README's layout: AWS in the chart, DigitalOcean in a second stack, and a schedule added afterwards."""
    app: App = Testing.app()
    stack, resources_stack = TerraformStack(app, "velero"), TerraformStack(app, "velero-digitalocean")
    s, r = secrets(stack), secrets(resources_stack)
    spaces = {name: r[name] for name in ("spaces_access_key_id", "spaces_secret_access_key")}
    backups = VeleroBackups(
        stack,
        "velero",
        aws=aws_location(s, schedule=BackupSchedule(cron="0 7 * * *", file_system_backup=True, name="daily-aws")),
        digitalocean=do_location({**s, **spaces}, schedule=BackupSchedule(cron="0 7 * * 1-5", name="weekdays")),
        custom_resources_stack=resources_stack,
        monitoring=monitoring,
        **kwargs,
    )
    backups.add_schedule("hourly", hourly())
    return stack, resources_stack, backups


@pytest.fixture(scope="module")
def synthesized() -> tuple[dict[str, Any], dict[str, Any], VeleroBackups]:
    stack, resources_stack, backups = example()
    return (
        yaml.safe_load(Testing.synth(stack)),
        yaml.safe_load(Testing.synth(resources_stack)),
        backups,
    )


def render(values: dict[str, Any], release: str = "velero") -> list[dict[str, Any]]:
    chart = helm_python.Chart.load(upstream_dir())
    chart.validate_schema(values)
    rendered = chart.render(values, name=release, namespace="velero", is_install=True)
    manifests = [text for path, text in rendered.items() if path.endswith(".yaml")]
    return [doc for text in manifests for doc in yaml.safe_load_all(text) if doc]


def of_kind(objects: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [obj for obj in objects if obj["kind"] == kind]


def test_metrics_go_is_read() -> None:
    metrics = velero_metrics()
    assert len(metrics) > 40
    assert metrics["velero_backup_last_successful_timestamp"] == {"schedule"}
    assert metrics["velero_csi_snapshot_failure_total"] == {"schedule", "backupName"}
    assert metrics["podVolume_data_upload_failure_total"] == {"node"}
    assert metrics["velero_backup_total"] == frozenset()


def test_the_chart_renders_the_three_objects_and_the_crds_accept_them(
    synthesized: tuple[dict[str, Any], dict[str, Any], VeleroBackups],
) -> None:
    doc, _, backups = synthesized
    objects = render(chart_values(doc))
    for kind in ("ServiceMonitor", "PodMonitor", "PrometheusRule"):
        (obj,) = of_kind(objects, kind)
        jsonschema.Draft7Validator(operator_schema(kind)).validate(obj)
        assert obj["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    (rule,) = of_kind(objects, "PrometheusRule")
    assert monitoring(backups).rules() == rule["spec"]["groups"][0]["rules"]


def test_every_schedule_is_named_as_velero_labels_its_metrics(
    synthesized: tuple[dict[str, Any], dict[str, Any], VeleroBackups],
) -> None:
    doc, resources_doc, backups = synthesized
    rendered = [obj["metadata"]["name"] for obj in of_kind(render(chart_values(doc)), "Schedule")]
    manifests = [res["manifest"] for res in resources(resources_doc, "kubernetes_manifest").values()]
    declared = rendered + [obj["metadata"]["name"] for obj in manifests if obj["kind"] == "Schedule"]
    assert sorted(declared) == ["hourly-payments", "velero-daily-aws", "weekdays"]
    for alert in ("VeleroBackupStale", "VeleroScheduleNeverSucceeded"):
        assert sorted(watched(monitoring(backups).rules(), alert)) == sorted(declared)


def test_thresholds_follow_each_cron(synthesized: tuple[dict[str, Any], dict[str, Any], VeleroBackups]) -> None:
    rules = monitoring(synthesized[2]).rules()
    hours = {name: seconds // 3600 for name, seconds in watched(rules, "VeleroBackupStale").items()}
    assert hours == {"velero-daily-aws": 25, "weekdays": 73, "hourly-payments": 2}
    never = {rule["expr"]: rule["for"] for rule in rules if rule["alert"] == "VeleroScheduleNeverSucceeded"}
    assert set(never.values()) == {"1d1h", "3d1h", "2h"}


def test_the_release_values_carry_the_rules_produced_at_synth(
    synthesized: tuple[dict[str, Any], dict[str, Any], VeleroBackups],
) -> None:
    doc, _, backups = synthesized
    release = only(doc, "helm_release")
    assert len(release["values"]) == 3  # the plan's, monitoring's, then the rotation annotation (test_rotation)
    assert yaml.safe_load(release["values"][0]) == backups.values
    assert yaml.safe_load(release["values"][1]) == monitoring(backups).values()
    assert set(yaml.safe_load(release["values"][2])) == {"podAnnotations"}
    assert not has_template(release["values"][1])  # Terraform would read '${' or '%{' as a template


def test_every_expression_parses_and_names_only_velero_metrics_and_their_labels() -> None:
    _, _, backups = example(Monitoring(node_agent_pod_monitor=True))
    rules = monitoring(backups).rules()
    assert {rule["alert"] for rule in rules} == set(ALERT_NAMES)
    metrics = velero_metrics()
    for rule in rules:
        selectors = selectors_of(rule["expr"])
        assert selectors, rule["expr"]
        allowed = set(TARGET_LABELS)
        for name, matchers in selectors:
            assert name in metrics, f"{rule['alert']}: {name} is not in metrics.go"
            assert {matcher for matcher, _ in matchers} <= metrics[name] | TARGET_LABELS
            allowed |= metrics[name]
        if rule["expr"].startswith("absent("):
            # absent() returns only the labels of its equality matchers.
            allowed = {matcher for _, matchers in selectors for matcher, op in matchers if op == "="}
        for text in rule["annotations"].values():
            assert set(re.findall(r"\$labels\.(\w+)", text)) <= allowed, (rule["alert"], text)
        assert "velero_backup_last_status" not in rule["expr"]


@pytest.mark.slow
def test_the_example_app_renders_the_three_objects_watching_both_schedules(tmp_path: Path) -> None:
    import main  # the AWS provider it imports takes seconds and hundreds of MiB

    app = App(outdir=str(tmp_path))
    backups = main.build(app)
    app.synth()
    doc = yaml.safe_load((tmp_path / "stacks" / "velero" / "cdk.tf.json").read_text())
    objects = render(chart_values(doc))
    for kind in ("ServiceMonitor", "PodMonitor", "PrometheusRule"):
        (obj,) = of_kind(objects, kind)
        jsonschema.Draft7Validator(operator_schema(kind)).validate(obj)
    (rule,) = of_kind(objects, "PrometheusRule")
    schedules = watched(rule["spec"]["groups"][0]["rules"], "VeleroBackupStale")
    assert sorted(schedules) == sorted([str(backups.aws_schedule_name), "daily-digitalocean-backups"])


def test_autodetect_renders_nothing_where_the_cluster_serves_no_monitoring_api() -> None:
    stack, _, _ = example(Monitoring(autodetect=True))
    objects = render(chart_values(yaml.safe_load(Testing.synth(stack))))
    assert not [obj for obj in objects if obj["apiVersion"].startswith("monitoring.coreos.com/")]


def test_the_chart_names_its_schedule_after_the_release() -> None:
    stack, _, backups = example(release_name="prod")
    objects = render(chart_values(yaml.safe_load(Testing.synth(stack))), release="prod")
    (chart_schedule,) = [obj["metadata"]["name"] for obj in of_kind(objects, "Schedule")]
    assert chart_schedule == "prod-velero-daily-aws"
    assert chart_schedule in watched(monitoring(backups).rules(), "VeleroBackupStale")


def test_monitoring_off_leaves_the_release_as_before() -> None:
    stack, _, backups = example(monitoring=False)
    release = only(yaml.safe_load(Testing.synth(stack)), "helm_release")
    assert backups.monitoring is None
    # No monitoring document: the plan's values, then the rotation annotation alone.
    assert [set(yaml.safe_load(doc)) >= {"metrics"} for doc in release["values"]] == [True, False]
    assert set(yaml.safe_load(release["values"][1])) == {"podAnnotations"}


def test_the_rules_snapshot(
    synthesized: tuple[dict[str, Any], dict[str, Any], VeleroBackups], snapshot: SnapshotAssertion
) -> None:
    # Paired with the property tests above; here the whole PrometheusRule spec is pinned.
    assert monitoring(synthesized[2]).values() == snapshot


def test_the_runbook_and_the_readme_cover_every_alert() -> None:
    runbook = (REPO / "docs" / "alerts.md").read_text()
    anchors = {re.sub(r"[^a-z0-9 _-]", "", line[3:].strip().lower()).replace(" ", "-") for line in runbook.splitlines()}
    readme = (REPO / "README.md").read_text()
    for name in ALERT_NAMES:
        assert name.lower() in anchors, f"docs/alerts.md has no '## {name}' section"
        assert f"| `{name}` |" in readme, f"the README's alert table has no row for {name}"


# ---- helpers ---------------------------------------------------------------------------------------------


def monitoring(backups: VeleroBackups) -> Any:
    assert backups.monitoring is not None
    return backups.monitoring


def watched(rules: list[dict[str, Any]], alert: str) -> dict[str, int]:
    """Schedule name -> threshold in seconds (or 0) of the per-schedule rules of ``alert``."""
    found: dict[str, int] = {}
    for rule in rules:
        if rule["alert"] == alert:
            match = re.search(r'schedule="([^"]+)"\}\)?(?: > (\d+))?$', rule["expr"])
            assert match is not None, rule["expr"]
            found[match.group(1)] = int(match.group(2) or 0)
    return found


def selectors_of(expr: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every vector selector of a PromQL expression: metric name and (label, operator) matchers."""
    found: list[tuple[str, list[tuple[str, str]]]] = []
    ops = [
        (promql_parser.MatchOp.Equal, "="),
        (promql_parser.MatchOp.NotEqual, "!="),
        (promql_parser.MatchOp.Re, "=~"),
        (promql_parser.MatchOp.NotRe, "!~"),
    ]

    def visit(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            matchers = [(m.name, next(text for op, text in ops if m.op == op)) for m in node.matchers.matchers]
            found.append((str(node.name), matchers))

    promql_parser.walk(promql_parser.parse(expr), visit)
    return found
