"""``examples/disaster_recovery.py``: production and recovery clusters in one app, rendered with the real chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cdktf_velero.engine.core import App
from examples.disaster_recovery import PREFIX, RESTORED_NAMESPACES, S3_BUCKET, SPACES_BUCKET, build

from .chart_render import crd_validator, validate_velero_objects
from .helpers import chart_values, manifest_objects, resources


@pytest.fixture(scope="module")
def app_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    outdir = tmp_path_factory.mktemp("dr")
    app = App(outdir=str(outdir))
    production, recovery = build(app)
    app.synth()
    manifest = json.loads((Path(outdir) / "manifest.json").read_text())
    docs = {
        name: json.loads((Path(outdir) / entry["synthesizedStackPath"]).read_text())
        for name, entry in manifest["stacks"].items()
    }
    return {"manifest": manifest, "docs": docs, "production": production, "recovery": recovery}


def kinds(doc: dict[str, Any]) -> list[str]:
    return sorted(obj["kind"] for obj in manifest_objects(doc))


def test_the_stacks_and_their_order(app_out: dict[str, Any]) -> None:
    stacks = {name: entry["dependencies"] for name, entry in app_out["manifest"]["stacks"].items()}
    assert stacks == {
        "production": [],
        "production-resources": ["production"],
        # The recovery reads production's state (the password), never its cluster.
        "recovery": ["production"],
        "recovery-resources": ["recovery"],
    }


def test_production_backs_up_read_write(app_out: dict[str, Any]) -> None:
    doc = app_out["docs"]["production"]
    rendered = validate_velero_objects(doc)
    (bsl,) = rendered.of_kind("BackupStorageLocation", "velero.io/v1")
    assert (bsl["spec"]["accessMode"], bsl["spec"]["objectStorage"]) == (
        "ReadWrite",
        {"bucket": S3_BUCKET, "prefix": PREFIX},
    )
    assert [s["metadata"]["name"] for s in rendered.of_kind("Schedule", "velero.io/v1")] == ["velero-daily-aws-backups"]
    assert doc["output"]["velero_repository_password"]["sensitive"] is True
    assert kinds(app_out["docs"]["production-resources"]) == [
        "BackupStorageLocation",
        "Schedule",
        "VolumeSnapshotLocation",
    ]


def test_recovery_reads_the_same_buckets_read_only_without_schedules(app_out: dict[str, Any]) -> None:
    doc = app_out["docs"]["recovery"]
    rendered = validate_velero_objects(doc)
    (bsl,) = rendered.of_kind("BackupStorageLocation", "velero.io/v1")
    assert (bsl["spec"]["accessMode"], bsl["spec"]["objectStorage"]) == (
        "ReadOnly",
        {"bucket": S3_BUCKET, "prefix": PREFIX},
    )
    assert rendered.of_kind("Schedule", "velero.io/v1") == []
    assert chart_values(doc)["schedules"] == {}
    assert chart_values(doc)["deployNodeAgent"] is True
    resources_doc = app_out["docs"]["recovery-resources"]
    assert kinds(resources_doc) == ["BackupStorageLocation", "Restore", "VolumeSnapshotLocation"]
    spaces = next(obj for obj in manifest_objects(resources_doc) if obj["kind"] == "BackupStorageLocation")
    assert spaces["spec"]["accessMode"] == "ReadOnly"
    assert spaces["spec"]["objectStorage"] == {"bucket": SPACES_BUCKET, "prefix": PREFIX}
    for obj in manifest_objects(resources_doc):
        errors = sorted(crd_validator(obj["kind"]).iter_errors(obj), key=str)
        assert not errors, errors[0].message


def test_recovery_holds_production_s_password(app_out: dict[str, Any]) -> None:
    production, recovery = app_out["docs"]["production"], app_out["docs"]["recovery"]
    (secret,) = [
        s
        for s in resources(recovery, "kubernetes_secret").values()
        if s["metadata"]["name"] == "velero-repo-credentials"
    ]
    reference = secret["data"]["repository-password"]
    prefix = "${data.terraform_remote_state.cross-stack-reference-input-production.outputs."
    assert reference.startswith(prefix)
    output = production["output"][reference.removeprefix(prefix).removesuffix("}")]
    assert output == {
        "sensitive": True,
        "value": "${random_password.velero_generated-repository-password_ED35B106.result}",
    }
    assert "random_password" not in recovery["resource"]


def test_the_restore_as_code(app_out: dict[str, Any]) -> None:
    (restore,) = [o for o in manifest_objects(app_out["docs"]["recovery-resources"]) if o["kind"] == "Restore"]
    assert restore["metadata"]["name"] == "restore-production-apps"
    assert restore["spec"] == {
        "scheduleName": app_out["production"].velero.aws_schedule_name,
        "includedNamespaces": RESTORED_NAMESPACES,
        "existingResourcePolicy": "none",
    }
