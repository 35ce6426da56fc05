"""Shared test helpers: scenario stacks, synthesis, and the chart's view of the values."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from cdktf import App, TerraformStack, TerraformVariable, Testing

from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation, VeleroBackups
from cdktf_velero.versions import CHART_VERSION

UPSTREAM_ENV = "VELERO_UPSTREAM_DIR"

SECRET_NAMES = (
    "aws_access_key_id",
    "aws_secret_access_key",
    "spaces_access_key_id",
    "spaces_secret_access_key",
    "digitalocean_token",
)


def upstream_dir() -> Path:
    """The chart's data files: skip when the variable is unset, fail when it points nowhere."""
    value = os.environ.get(UPSTREAM_ENV)
    if not value:
        pytest.skip(f"{UPSTREAM_ENV} is not set: no chart values.schema.json or CRDs to validate against")
    path = Path(value)
    if not (path / "values.schema.json").is_file() or not (path / "crds").is_dir():
        pytest.fail(
            f"{UPSTREAM_ENV}={value} holds no values.schema.json and crds/ (the chart {CHART_VERSION} data files)"
        )
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
        extra_values={"resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}},
    )


SCENARIOS: dict[str, Scenario] = {
    "aws_only": scenario_aws_only,
    "aws_do": scenario_aws_do,
    "everything": scenario_everything,
}


def build(scenario: Scenario) -> tuple[TerraformStack, VeleroBackups]:
    app: App = Testing.app()
    stack = TerraformStack(app, "test")
    backups = scenario(stack, secrets(stack))
    return stack, backups


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


@cache
def chart_defaults(upstream: Path) -> dict[str, Any]:
    """The chart's own values.yaml."""
    defaults: dict[str, Any] = yaml.safe_load((upstream / "values.yaml").read_text())
    return defaults


def merged_with_chart_defaults(upstream: Path, values: dict[str, Any]) -> dict[str, Any]:
    """What Helm validates against values.schema.json: the chart's values.yaml with ours coalesced over it."""
    # A deep copy: callers may change the result, and the defaults are cached.
    merged: dict[str, Any] = helm_coalesce(copy.deepcopy(chart_defaults(upstream)), values)
    return merged


def helm_coalesce(base: Any, override: Any) -> Any:
    """Helm's coalescing of user values over the chart's: maps merge key by key, a null deletes the key,
    anything else replaces (lists included)."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = helm_coalesce(base.get(key), value)
        return merged
    return override


def _set_path(values: dict[str, Any], name: str, value: Any) -> None:
    parts = name.replace("\\.", "\0").split(".")
    node = values
    for part in parts[:-1]:
        node = node.setdefault(part.replace("\0", "."), {})
    node[parts[-1].replace("\0", ".")] = value


def chart_objects(values: dict[str, Any], fullname: str, namespace: str) -> Iterator[dict[str, Any]]:
    """The velero.io objects the pinned chart renders from these values (its BSL, VSL and Schedule templates);
    ``fullname`` is the chart's ``velero.fullname`` (``chart_fullname(release_name)``)."""
    config = values.get("configuration", {})
    if values.get("backupsEnabled", True):
        for item in config.get("backupStorageLocation") or []:
            spec: dict[str, Any] = {
                "provider": item.get("provider"),
                "accessMode": item.get("accessMode") or "ReadWrite",
                "objectStorage": {"bucket": str(item.get("bucket"))},
            }
            if item.get("credential"):
                spec["credential"] = {k: item["credential"][k] for k in ("name", "key") if item["credential"].get(k)}
            for key in ("default", "validationFrequency", "backupSyncPeriod"):
                if item.get(key):
                    spec[key] = item[key]
            for key in ("prefix", "caCert"):
                if item.get(key):
                    spec["objectStorage"][key] = str(item[key])
            if item.get("config"):
                spec["config"] = {k: str(v) for k, v in item["config"].items()}
            yield _object("BackupStorageLocation", item.get("name") or "default", namespace, spec)
    if values.get("snapshotsEnabled", True):
        for item in config.get("volumeSnapshotLocation") or []:
            spec = {"provider": item.get("provider")}
            if item.get("config"):
                spec["config"] = {k: str(v) for k, v in item["config"].items()}
            if item.get("credential"):
                spec["credential"] = item["credential"]
            yield _object("VolumeSnapshotLocation", item.get("name") or "default", namespace, spec)
    for key, item in (values.get("schedules") or {}).items():
        if item.get("disabled"):
            continue
        spec = {"schedule": str(item["schedule"])}
        for flag in ("paused", "useOwnerReferencesInBackup", "skipImmediately"):
            if item.get(flag):
                spec[flag] = item[flag]
        if item.get("template"):
            spec["template"] = item["template"]
        yield _object("Schedule", f"{fullname}-{key}", namespace, spec)


def _object(kind: str, name: str, namespace: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "apiVersion": "velero.io/v1",
        "kind": kind,
        "metadata": {"name": name, "namespace": namespace},
        "spec": spec,
    }


@cache
def crd_schema(upstream: Path, kind: str) -> dict[str, Any]:
    """The CRD's openAPIV3Schema with unknown fields rejected wherever the CRD does not preserve them."""
    for path in sorted((upstream / "crds").glob("*.yaml")):
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
