"""First apply on an empty cluster: the custom resources in a stack applied after the chart's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import main
from cdktf_velero import VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import App, TerraformStack, Testing
from tests.helpers import aws_location, do_location, resources, secrets, synth


def synth_app(tmp_path: Path, build: Any) -> dict[str, Any]:
    """Synthesize a whole app into tmp_path; return manifest.json and each stack's document."""
    app = App(outdir=str(tmp_path))
    build(app)
    app.synth()
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    stacks = {
        name: json.loads((tmp_path / entry["synthesizedStackPath"]).read_text())
        for name, entry in manifest["stacks"].items()
    }
    return {"manifest": manifest, "stacks": stacks}


def test_example_app_applies_custom_resources_after_the_chart(tmp_path: Path) -> None:
    out = synth_app(tmp_path, main.build)
    stacks = out["manifest"]["stacks"]
    assert set(stacks) == {"velero", "velero-digitalocean"}
    assert stacks["velero-digitalocean"]["dependencies"] == ["velero"]
    assert stacks["velero"]["dependencies"] == []
    chart_doc = out["stacks"]["velero"]
    resources_doc = out["stacks"]["velero-digitalocean"]
    # The chart's stack holds no custom resource: its plan never needs the Velero CRDs.
    assert "kubernetes_manifest" not in chart_doc["resource"]
    assert {"helm_release", "kubernetes_namespace", "kubernetes_secret", "aws_s3_bucket", "aws_iam_user"} <= set(
        chart_doc["resource"]
    )
    kinds = sorted(res["manifest"]["kind"] for res in resources(resources_doc, "kubernetes_manifest").values())
    assert kinds == ["BackupStorageLocation", "Schedule", "VolumeSnapshotLocation"]
    assert next(iter(resources(resources_doc, "kubernetes_secret").values()))["metadata"]["name"] == (
        "digitalocean-spaces-credentials"
    )
    # The Spaces key is created beside the secret it feeds: no value crosses between the stacks.
    assert "digitalocean_spaces_key" in resources_doc["resource"]
    for doc in out["stacks"].values():
        assert "terraform_remote_state" not in json.dumps(doc.get("data", {}))
        assert "remote_state" not in json.dumps(doc)
        # Outputs are the library's own (names and ARNs), never a key; the generated repository password is the one
        # secret output, sensitive, for a recovery install.
        for name, output in doc.get("output", {}).items():
            assert "key" not in name
            assert "secret" not in name
            assert output.get("sensitive") is (True if name == "velero_repository_password" else None), name
    assert "velero_repository_password" in out["stacks"]["velero"]["output"]
    # Each stack configures its own kubernetes provider.
    assert "kubernetes" in resources_doc["provider"]
    assert "helm" in chart_doc["provider"]


def test_separate_stack_keeps_the_terraform_addresses() -> None:
    """Moving the custom resources to their own stack keeps each resource's logical id."""
    app: App = Testing.app()
    same = TerraformStack(app, "same")
    s = secrets(same)
    VeleroBackups(same, "velero", aws=aws_location(s), digitalocean=do_location(s))
    chart = TerraformStack(app, "chart")
    other = TerraformStack(app, "other")
    s2 = secrets(chart)
    backups = VeleroBackups(
        chart, "velero", aws=aws_location(s2), digitalocean=do_location(s2), custom_resources_stack=other
    )
    assert backups.digitalocean is not None
    same_ids = set(resources(synth(same), "kubernetes_manifest"))
    other_ids = set(resources(synth(other), "kubernetes_manifest"))
    assert same_ids == other_ids
    assert len(other_ids) == 3


def test_custom_resources_stack_must_be_another_stack() -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "one")
    s = secrets(stack)
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", aws=aws_location(s), digitalocean=do_location(s), custom_resources_stack=stack)
    assert raised.value.path == "custom_resources_stack"
