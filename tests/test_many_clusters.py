"""Many clusters in one app: each synthesizes on its own, with distinct names and no shared state."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from cdktf_velero.engine.core import App
from examples.many_clusters import CLUSTERS, Cluster, build


def clusters(count: int) -> list[Cluster]:
    template = CLUSTERS[0]
    return [replace(template, name=f"cluster-{index:02d}", kube_context=f"ctx-{index}") for index in range(count)]


def test_n_clusters_synthesize_independently(tmp_path: Path) -> None:
    count = 5
    app = App(outdir=str(tmp_path))
    installed = build(app, clusters(count))
    app.synth()
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    names = sorted(manifest["stacks"])
    expected = sorted(
        [f"cluster-{i:02d}" for i in range(count)] + [f"cluster-{i:02d}-digitalocean" for i in range(count)]
    )
    assert names == expected
    assert len(installed) == count
    state_files = set()
    for name, entry in manifest["stacks"].items():
        doc = json.loads((tmp_path / entry["synthesizedStackPath"]).read_text())
        # Each stack keeps its own state and reads no other stack's.
        backend = doc["terraform"]["backend"]["local"]["path"]
        state_files.add(backend)
        assert "data" not in doc or "terraform_remote_state" not in doc["data"]
        context = doc["provider"]["kubernetes"][0]["config_context"]
        cluster_name = name.removesuffix("-digitalocean")
        assert context == f"ctx-{int(cluster_name.split('-')[1])}"
        if name.endswith("-digitalocean"):
            assert entry["dependencies"] == [cluster_name]
    assert len(state_files) == 2 * count


def test_example_clusters_differ_where_their_settings_do(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path))
    installed = build(app)
    app.synth()
    regions = [backups.values["configuration"]["backupStorageLocation"][0]["config"]["region"] for backups in installed]
    assert regions == [cluster.s3_region for cluster in CLUSTERS]
    schedules = [backups.values["schedules"]["daily-aws-backups"]["schedule"] for backups in installed]
    assert schedules == [cluster.aws_cron for cluster in CLUSTERS]
