"""Shared test helpers: scenario stacks, synthesis, and the chart's view of the values."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdktf_velero import (
    AwsLocation,
    BackupSchedule,
    DataMover,
    DigitalOceanLocation,
    RepositoryMaintenance,
    Resources,
    VeleroBackups,
)
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable, Testing
from cdktf_velero.locations.base import Location
from cdktf_velero.versions import CHART_VERSION

UPSTREAM_ENV = "VELERO_UPSTREAM_DIR"
UPSTREAM_ROOT = Path(__file__).resolve().parent / "upstream"
"""Upstream data copied into the repository (each folder with its SOURCE.md): the chart, CRDs, metrics.go."""
SNAPSHOT_CRDS = UPSTREAM_ROOT / "external-snapshotter-v8.6.0"
"""The CSI snapshot CRDs (snapshot.storage.k8s.io/v1), which DOKS installs."""

SECRET_NAMES = (
    "aws_access_key_id",
    "aws_secret_access_key",
    "spaces_access_key_id",
    "spaces_secret_access_key",
    "digitalocean_token",
)


def upstream_dir() -> Path:
    """The Velero chart folder (templates, values.yaml, values.schema.json, crds/) of the pinned chart:
    the copy under ``tests/upstream``, or ``$VELERO_UPSTREAM_DIR`` to try another one."""
    value = os.environ.get(UPSTREAM_ENV)
    path = Path(value) if value else UPSTREAM_ROOT / f"velero-chart-{CHART_VERSION}"
    if not (path / "values.schema.json").is_file() or not (path / "crds").is_dir() or not (path / "templates").is_dir():
        pytest.fail(f"{path} holds no Velero chart (values.schema.json, crds/, templates/)")
    return path


def secrets(stack: TerraformStack) -> dict[str, str]:
    """One sensitive variable per credential, as a user would declare them."""
    return {name: TerraformVariable(stack, name, type="string", sensitive=True).string_value for name in SECRET_NAMES}


def aws_location(s: dict[str, str], **kwargs: Any) -> AwsLocation:
    base: dict[str, Any] = {
        "bucket": "acme-velero",
        "region": "ca-central-1",
        "access_key_id": s["aws_access_key_id"],
        "secret_access_key": s["aws_secret_access_key"],
    }
    return AwsLocation(**{**base, **kwargs})


def do_location(s: dict[str, str], **kwargs: Any) -> DigitalOceanLocation:
    base: dict[str, Any] = {
        "bucket": "acme-velero",
        "region": "nyc3",
        "spaces_access_key_id": s["spaces_access_key_id"],
        "spaces_secret_access_key": s["spaces_secret_access_key"],
        "api_token": s["digitalocean_token"],
    }
    return DigitalOceanLocation(**{**base, **kwargs})


Scenario = Callable[[TerraformStack, dict[str, str]], VeleroBackups]


def scenario_aws_only(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
    return VeleroBackups(stack, "velero", aws=aws_location(s))


def scenario_aws_do(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
    return VeleroBackups(stack, "velero", aws=aws_location(s), digitalocean=do_location(s))


def scenario_everything(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
    return VeleroBackups(
        stack,
        "velero",
        namespace="backup-system",
        namespace_labels={"pod-security.kubernetes.io/enforce": "privileged"},
        release_name="velero-prod",
        metrics=False,
        aws=aws_location(
            s,
            prefix="clusters/prod",
            config={"serverSideEncryption": "AES256", "checksumAlgorithm": "CRC32"},
            validation_frequency="5m",
            backup_sync_period="10m",
            schedule=BackupSchedule(
                cron="@every 6h",
                ttl="720h",
                name="s3-every-6h",
                included_namespaces=["app-*", "payments"],
                excluded_namespaces=["kube-system"],
                excluded_resources=["events", "events.events.k8s.io"],
                label_selector={"backup.acme.io/tier": "gold"},
                snapshot_volumes=True,
                volume_snapshot_locations=["spaces"],
                file_system_backup=True,
                labels={"team": "platform"},
            ),
        ),
        digitalocean=do_location(
            s,
            name="spaces",
            region="fra1",
            bucket="acme-velero-fra1",
            prefix="prod",
            default=True,
            credentials_secret_name="spaces-creds",
            schedule=BackupSchedule(
                cron="30 19 * * 1-5",
                ttl="168h",
                name="weekday-spaces",
                included_resources=["deployments.apps", "persistentvolumeclaims", "persistentvolumes"],
                include_cluster_resources=True,
                snapshot_volumes=True,
                paused=True,
            ),
        ),
        resources=Resources(requests={"cpu": "100m", "memory": "128Mi"}),
        repository_maintenance=RepositoryMaintenance(keep_latest_jobs=5, priority_class_name="backup-low"),
    )


def scenario_csi(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
    """DOKS snapshots through CSI, their data moved into Spaces (and, from the AWS schedule, into S3)."""
    return VeleroBackups(
        stack,
        "velero",
        aws=aws_location(s, schedule=BackupSchedule(cron="0 7 * * *", snapshot_volumes=True, snapshot_move_data=True)),
        digitalocean=do_location(
            s,
            api_token=None,
            volume_snapshots="csi",
            snapshot_move_data=True,
            schedule=BackupSchedule(cron="0 19 * * *", snapshot_volumes=True),
        ),
        data_mover=DataMover(concurrency=2, prepare_queue_length=3),
        extra_values={
            "configuration": {
                "extraEnvVars": [{"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}]
            },
            "nodeAgent": {"extraArgs": ["--log-level=debug"]},
        },
    )


SCENARIOS: dict[str, Scenario] = {
    "aws_only": scenario_aws_only,
    "aws_do": scenario_aws_do,
    "everything": scenario_everything,
    "csi": scenario_csi,
}


def build(scenario: Scenario) -> tuple[TerraformStack, VeleroBackups]:
    app: App = Testing.app()
    stack = TerraformStack(app, "test")
    backups = scenario(stack, secrets(stack))
    return stack, backups


def engine_neutral(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with each required provider's version replaced by a marker, for snapshots shared by both engines:
    cdktf's and cdktn's provider packages pin other versions (``tests/test_engine.py`` checks each engine's);
    every other line must be the same on both."""
    neutral = copy.deepcopy(doc)
    for entry in neutral.get("terraform", {}).get("required_providers", {}).values():
        entry["version"] = "<pinned by the engine's provider package>"
    return neutral


def synth(stack: TerraformStack) -> dict[str, Any]:
    return json.loads(Testing.synth(stack))  # type: ignore[no-any-return]


def synth_text(stack: TerraformStack) -> str:
    return str(Testing.synth(stack))


def resources(doc: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return doc.get("resource", {}).get(resource_type, {})  # type: ignore[no-any-return]


def only(doc: dict[str, Any], resource_type: str) -> dict[str, Any]:
    found = resources(doc, resource_type)
    assert len(found) == 1, f"expected one {resource_type}, found {sorted(found)}"
    return next(iter(found.values()))


def chart_values(doc: dict[str, Any]) -> dict[str, Any]:
    """The release's values as Helm computes them: the values YAML, then each ``set`` applied."""
    release = only(doc, "helm_release")
    values: dict[str, Any] = {}
    for text in release.get("values", []):
        values = _merge(values, yaml.safe_load(text))
    for entry in release.get("set", []):
        _set_path(values, entry["name"], entry["value"])
    return values


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(merged.get(key), dict) and isinstance(value, dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _set_path(values: dict[str, Any], name: str, value: Any) -> None:
    parts = name.replace("\\.", "\0").split(".")
    node = values
    for part in parts[:-1]:
        node = node.setdefault(part.replace("\0", "."), {})
    node[parts[-1].replace("\0", ".")] = value


@cache
def crd_schema(upstream: Path, kind: str) -> dict[str, Any]:
    """The CRD's openAPIV3Schema with unknown fields rejected wherever the CRD does not preserve them: a velero.io
    kind from the chart's CRDs, a snapshot.storage.k8s.io kind from :data:`SNAPSHOT_CRDS`."""
    for path in [*sorted((upstream / "crds").glob("*.yaml")), *sorted(SNAPSHOT_CRDS.glob("*.yaml"))]:
        crd = yaml.safe_load(path.read_text())
        if crd.get("spec", {}).get("names", {}).get("kind") == kind:
            version = next(ver for ver in crd["spec"]["versions"] if ver["name"] == "v1")
            closed: dict[str, Any] = _closed(version["schema"]["openAPIV3Schema"])
            return closed
    raise AssertionError(f"no CRD for kind {kind} in {upstream / 'crds'}")


def _closed(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: _closed(value) for key, value in schema.items()}
    if (
        result.get("type") == "object"
        and "properties" in result
        and "additionalProperties" not in result
        and not result.get("x-kubernetes-preserve-unknown-fields")
    ):
        result["additionalProperties"] = False
    return result


def manifest_objects(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [res["manifest"] for res in resources(doc, "kubernetes_manifest").values()]


def load_json(path: Path) -> Any:
    return json.loads(path.read_text())


def location_kinds() -> set[type[Location]]:
    """The library's kinds of location: its subclasses of ``Location`` (a test may define one of its own)."""
    return {kind for kind in Location.__subclasses__() if kind.__module__.startswith("cdktf_velero.")}
