"""DOKS volume snapshots without the DigitalOcean plugin: ``volume_snapshots="csi"`` (Velero's CSI support and a
VolumeSnapshotClass for DOKS's driver), the data mover copying the snapshots into the backup location, its pace
capped for DOKS's seven volumes per node, and the combinations refused. Each mode rendered with the real chart,
its objects checked against the Velero and CSI snapshot CRDs."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cdktf_velero import BackupSchedule, DataMover, DigitalOceanLocation, VeleroBackups, VeleroConfigError
from cdktf_velero.csi import DOKS_CSI_DRIVER, VELERO_CLASS_LABEL
from cdktf_velero.data_mover import DOKS_VOLUMES_PER_NODE, MAX_VOLUMES_IN_FLIGHT
from cdktf_velero.engine.core import TerraformStack, Testing
from cdktf_velero.imports.velero import ObjectMeta, Schedule, ScheduleSpec, ScheduleSpecTemplate
from cdktf_velero.plan import BackupsPlan, plan_backups
from cdktf_velero.versions import AWS_PLUGIN_IMAGE
from tests.chart_render import Rendered, validate_velero_objects
from tests.helpers import aws_location, do_location, resources, secrets, synth

TOKENS = secrets(TerraformStack(Testing.app(), "tokens"))
"""Credentials as tokens cdktf issued (sensitive variables), for the pure plan."""

CSI: dict[str, Any] = {"volume_snapshots": "csi", "api_token": None}


def plan(**kwargs: Any) -> BackupsPlan:
    aws = aws_location(TOKENS, **kwargs.pop("aws", {}))
    digitalocean = kwargs.pop("digitalocean", None)
    do = do_location(TOKENS, **digitalocean) if digitalocean is not None else None
    return plan_backups(aws=aws, digitalocean=do, **kwargs)


def construct(**kwargs: Any) -> tuple[VeleroBackups, dict[str, Any]]:
    stack = TerraformStack(Testing.app(), "csi")
    s = secrets(stack)
    aws = aws_location(s, **kwargs.pop("aws", {}))
    digitalocean = kwargs.pop("digitalocean", None)
    do = do_location(s, **digitalocean) if digitalocean is not None else None
    backups = VeleroBackups(stack, "velero", aws=aws, digitalocean=do, **kwargs)
    return backups, synth(stack)


def container(workload: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in workload["spec"]["template"]["spec"]["containers"] if c["name"] == name]
    return found  # type: ignore[no-any-return]


def manifests(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The stack's ``kubernetes_manifest`` resources by construct id."""
    return {key.split("_")[-2]: res for key, res in resources(doc, "kubernetes_manifest").items()}


# ---- the modes -----------------------------------------------------------------------------


def test_true_is_the_digitalocean_plugin_and_false_is_none() -> None:
    """The original booleans keep their output: the same document as the modes they stand for."""
    for boolean, mode, token in ((True, "digitalocean-plugin", True), (False, None, False)):
        docs = []
        for value in (boolean, mode):
            extra = {} if token else {"api_token": None}
            docs.append(construct(digitalocean={"volume_snapshots": value, **extra})[1])
        assert docs[0] == docs[1]


def test_csi_mode_renders_with_the_real_chart() -> None:
    backups, doc = construct(
        digitalocean={**CSI, "schedule": BackupSchedule(cron="0 19 * * *", snapshot_volumes=True)},
    )
    rendered = validate_velero_objects(doc)  # the VolumeSnapshotClass too, against the CSI snapshot CRD
    server = container(rendered.deployment, "velero")
    assert "--features=EnableCSI" in server["args"]
    assert not [arg for arg in server["args"] if arg.startswith("--default-volume-snapshot-locations")]
    # No DigitalOcean plugin, no token, no VolumeSnapshotLocation.
    pod = rendered.deployment["spec"]["template"]["spec"]
    assert [init["image"] for init in pod["initContainers"]] == [AWS_PLUGIN_IMAGE]
    assert "envFrom" not in server
    assert backups.digitalocean_token is None
    assert "velero_digitalocean-token_CF8E2968" not in resources(doc, "kubernetes_secret")
    assert rendered.of_kind("VolumeSnapshotLocation") == []
    objects = manifests(doc)
    assert "volume-snapshot-location" not in objects
    snapshot_class = objects["volume-snapshot-class"]["manifest"]
    assert snapshot_class["driver"] == DOKS_CSI_DRIVER
    assert snapshot_class["deletionPolicy"] == "Retain"
    assert snapshot_class["metadata"]["labels"][VELERO_CLASS_LABEL] == "true"
    assert "namespace" not in snapshot_class["metadata"]  # cluster-scoped
    schedule = objects["schedule"]
    assert schedule["manifest"]["spec"]["template"]["snapshotVolumes"] is True
    assert "volumeSnapshotLocations" not in schedule["manifest"]["spec"]["template"]
    assert any("volume-snapshot-class" in dep for dep in schedule["depends_on"])
    # The existing resources keep their Terraform addresses.
    assert {"velero_digitalocean_backup-storage-location_B69265DD", "velero_digitalocean_schedule_DD262A43"} <= set(
        resources(doc, "kubernetes_manifest")
    )


def test_csi_without_a_class_of_the_librarys() -> None:
    _, doc = construct(digitalocean={**CSI, "volume_snapshot_class": None})
    assert "volume-snapshot-class" not in manifests(doc)
    validate_velero_objects(doc)


def test_the_feature_flag_joins_the_users() -> None:
    built = plan(digitalocean=CSI, extra_values={"configuration": {"features": "EnableAPIGroupVersions, EnableCSI"}})
    assert built.values["configuration"]["features"] == "EnableCSI,EnableAPIGroupVersions"


# ---- the data mover ------------------------------------------------------------------------


def _node_agent_config(rendered: Rendered, doc_release: str) -> tuple[str, dict[str, Any]]:
    """The ConfigMap the node agent is pointed at, as the chart renders it: its name and its one JSON document."""
    (daemonset,) = rendered.of_kind("DaemonSet")
    args = container(daemonset, "node-agent")["args"]
    (flag,) = [arg for arg in args if arg.startswith("--node-agent-configmap=")]
    name = flag.split("=", 1)[1]
    (config_map,) = [obj for obj in rendered.of_kind("ConfigMap") if obj["metadata"]["name"] == name]
    (text,) = config_map["data"].values()  # Velero refuses a ConfigMap with more than one key
    assert name.startswith(doc_release)
    return name, json.loads(text)


def test_data_moved_off_the_cluster_renders_with_the_real_chart() -> None:
    backups, doc = construct(
        aws={"schedule": BackupSchedule(cron="0 7 * * *", snapshot_volumes=True, snapshot_move_data=True)},
        digitalocean={
            **CSI,
            "snapshot_move_data": True,
            "schedule": BackupSchedule(cron="0 19 * * *", snapshot_volumes=True),
        },
    )
    rendered = validate_velero_objects(doc)
    assert backups.values["deployNodeAgent"] is True
    (daemonset,) = rendered.of_kind("DaemonSet")
    assert "--features=EnableCSI" in container(daemonset, "node-agent")["args"]
    name, config = _node_agent_config(rendered, "velero")
    assert name == "velero-node-agent"
    assert config == {"loadConcurrency": {"globalConfig": 1, "prepareQueueLength": 2}}
    (aws_schedule,) = rendered.of_kind("Schedule")
    assert aws_schedule["spec"]["template"]["snapshotMoveData"] is True
    assert manifests(doc)["schedule"]["manifest"]["spec"]["template"]["snapshotMoveData"] is True


def test_the_pace_and_the_users_node_agent_flags() -> None:
    backups, doc = construct(
        release_name="backups",
        digitalocean={
            **CSI,
            "snapshot_move_data": True,
            "schedule": BackupSchedule(cron="0 19 * * *", snapshot_volumes=True),
        },
        data_mover=DataMover(concurrency=2, prepare_queue_length=MAX_VOLUMES_IN_FLIGHT - 2),
        extra_values={"nodeAgent": {"extraArgs": ["--log-level=debug"]}},
    )
    rendered = validate_velero_objects(doc)
    name, config = _node_agent_config(rendered, "backups")
    assert name == "backups-velero-node-agent"  # the chart's fullname, which the library predicts
    assert config["loadConcurrency"] == {"globalConfig": 2, "prepareQueueLength": MAX_VOLUMES_IN_FLIGHT - 2}
    (daemonset,) = rendered.of_kind("DaemonSet")
    assert "--log-level=debug" in container(daemonset, "node-agent")["args"]
    assert backups.values["nodeAgent"]["extraArgs"] == [f"--node-agent-configmap={name}", "--log-level=debug"]


def test_the_location_default_moves_only_what_is_snapshotted() -> None:
    built = plan(
        aws={"schedule": None},
        digitalocean={**CSI, "snapshot_move_data": True, "schedule": BackupSchedule(cron="@daily")},
    )
    spaces = built.location("digitalocean")
    assert spaces is not None
    assert spaces.schedule is not None
    assert spaces.schedule.spec.template.snapshot_move_data is None
    assert built.values["deployNodeAgent"] is False
    assert "configMaps" not in built.values
    # A schedule may still say no.
    built = plan(
        aws={"schedule": None},
        digitalocean={
            **CSI,
            "snapshot_move_data": True,
            "schedule": BackupSchedule(cron="@daily", snapshot_volumes=True, snapshot_move_data=False),
        },
    )
    assert built.values["deployNodeAgent"] is False


def test_the_cap_is_below_the_doks_attachment_limit() -> None:
    assert MAX_VOLUMES_IN_FLIGHT < DOKS_VOLUMES_PER_NODE
    moving = {
        "aws": {"schedule": None},
        "digitalocean": {
            **CSI,
            "snapshot_move_data": True,
            "schedule": BackupSchedule("@daily", snapshot_volumes=True),
        },
    }
    plan(**moving, data_mover=DataMover(concurrency=1, prepare_queue_length=MAX_VOLUMES_IN_FLIGHT - 1))
    with pytest.raises(VeleroConfigError) as raised:
        plan(**moving, data_mover=DataMover(concurrency=1, prepare_queue_length=MAX_VOLUMES_IN_FLIGHT))
    assert raised.value.path == "data_mover.prepare_queue_length"
    assert "7 volumes" in str(raised.value)


def test_add_schedule_may_move_data_only_where_the_data_mover_runs() -> None:
    template = ScheduleSpecTemplate(storage_location="aws", snapshot_volumes=True, snapshot_move_data=True)
    schedule = Schedule(metadata=ObjectMeta(name="moved"), spec=ScheduleSpec(schedule="@daily", template=template))
    backups, _ = construct(digitalocean={})
    with pytest.raises(VeleroConfigError) as raised:
        backups.add_schedule("moved", schedule)
    assert raised.value.path == "add_schedule('moved').spec.template.snapshot_move_data"
    backups, _ = construct(digitalocean=CSI, node_agent=True)
    backups.add_schedule("moved", schedule)


# ---- combinations refused ------------------------------------------------------------------

MOVING_SCHEDULE = BackupSchedule(cron="@daily", snapshot_volumes=True, snapshot_move_data=True)

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("csi with a token", {"digitalocean": {"volume_snapshots": "csi"}}, "digitalocean.api_token"),
    (
        "csi and a schedule naming a snapshot location",
        {
            "aws": {
                "schedule": BackupSchedule("@daily", snapshot_volumes=True, volume_snapshot_locations=["digitalocean"])
            },
            "digitalocean": CSI,
        },
        "aws.schedule.volume_snapshot_locations[0]",
    ),
    (
        "moving data without snapshots",
        {"aws": {"schedule": BackupSchedule("@daily", snapshot_move_data=True)}, "digitalocean": CSI},
        "aws.schedule.snapshot_move_data",
    ),
    (
        "moving data of the plugin's snapshots",
        {"aws": {"schedule": MOVING_SCHEDULE}, "digitalocean": {}},
        "aws.schedule.snapshot_move_data",
    ),
    (
        "a location default to move without csi",
        {"digitalocean": {"snapshot_move_data": True}},
        "digitalocean.snapshot_move_data",
    ),
    (
        "moving data without the node agent",
        {"aws": {"schedule": MOVING_SCHEDULE}, "digitalocean": CSI, "node_agent": False},
        "node_agent",
    ),
    ("a pace with nothing to move", {"digitalocean": CSI, "data_mover": DataMover()}, "data_mover"),
    (
        "a pace of zero",
        {"aws": {"schedule": MOVING_SCHEDULE}, "digitalocean": CSI, "data_mover": DataMover(concurrency=0)},
        "data_mover.concurrency",
    ),
    (
        "a pace that is no DataMover",
        {"aws": {"schedule": MOVING_SCHEDULE}, "digitalocean": CSI, "data_mover": {"concurrency": 2}},
        "data_mover",
    ),
    (
        "an unknown mode",
        {"digitalocean": {"volume_snapshots": "CSI", "api_token": None}},
        "digitalocean.volume_snapshots",
    ),
    ("a number as mode", {"digitalocean": {"volume_snapshots": 1, "api_token": None}}, "digitalocean.volume_snapshots"),
    (
        "a class without csi",
        {"digitalocean": {"volume_snapshot_class": "mine"}},
        "digitalocean.volume_snapshot_class",
    ),
    (
        "a class name Kubernetes refuses",
        {"digitalocean": {**CSI, "volume_snapshot_class": "Velero_Class"}},
        "digitalocean.volume_snapshot_class",
    ),
    (
        "snapshots with neither plugin nor csi",
        {
            "aws": {"schedule": BackupSchedule("@daily", snapshot_volumes=True)},
            "digitalocean": {"volume_snapshots": None, "api_token": None},
        },
        "aws.schedule.snapshot_volumes",
    ),
    (
        "the user's own node-agent ConfigMap beside the library's",
        {
            "aws": {"schedule": MOVING_SCHEDULE},
            "digitalocean": CSI,
            "extra_values": {"nodeAgent": {"extraArgs": ["--node-agent-configmap=mine"]}},
        },
        "extra_values.nodeAgent.extraArgs[0]",
    ),
    (
        "a release name known only at apply time",
        {"aws": {"schedule": MOVING_SCHEDULE}, "digitalocean": CSI, "release_name": "${TfToken[TOKEN.50]}"},
        "release_name",
    ),
    (
        "the user writing the library's ConfigMap",
        {"digitalocean": CSI, "extra_values": {"configMaps": {"node-agent": {"data": {"x.json": "{}"}}}}},
        "extra_values.configMaps.node-agent",
    ),
]


@pytest.mark.parametrize(("case", "kwargs", "path"), REFUSED, ids=[case for case, _, _ in REFUSED])
def test_bad_combinations_are_refused(case: str, kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        plan(**kwargs)
    assert raised.value.path == path, case
    assert not any(secret in str(raised.value) for secret in TOKENS.values())


def test_two_csi_locations_share_one_snapshot_class() -> None:
    """The VolumeSnapshotClass is cluster-wide: a second CSI location creating the same one is refused, and
    passes once it creates none."""
    stack = TerraformStack(Testing.app(), "two")
    s = secrets(stack)

    def spaces(name: str, **kwargs: Any) -> DigitalOceanLocation:
        return do_location(
            s, name=name, bucket=f"acme-{name}", api_token=None, volume_snapshots="csi", schedule=None, **kwargs
        )

    with pytest.raises(VeleroConfigError) as raised:
        plan_backups(aws=aws_location(s), digitalocean=spaces("spaces"), locations=[spaces("fra")])
    assert raised.value.path == "locations[0].volume_snapshot_class"
    assert raised.value.value == "velero-do-block-storage"
    built = plan_backups(
        aws=aws_location(s), digitalocean=spaces("spaces"), locations=[spaces("fra", volume_snapshot_class=None)]
    )
    classes = [loc.objects.volume_snapshot_class for loc in built.locations if loc.objects is not None]
    assert [c["metadata"]["name"] for c in classes if c is not None] == ["velero-do-block-storage"]
