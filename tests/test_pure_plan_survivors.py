"""The plan's decisions the other pure tests leave implicit: which property a refusal names (recovery,
repository maintenance, the data mover's release), the data mover's values, plugin images without a registry
path, and the plan's own attributes (props, namespace, labels, repository)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cdktf_velero import DataMover, RepositoryMaintenance, VeleroConfigError

from .internal import planned_output
from .strategies import FAKE_TOKENS
from .test_pure_cases import aws, do, sched

pytestmark = pytest.mark.pure

CSI = {"volume_snapshots": "csi", "api_token": None}
MOVING = {
    "aws": aws(schedule=None),
    "digitalocean": do(**CSI, schedule=sched(snapshot_volumes=True, snapshot_move_data=True)),
}


def planned(**kwargs: Any) -> tuple[Any, dict[str, Any]]:
    plan, values, _ = planned_output({"aws": aws(), **kwargs})
    return plan, values


def refused(**kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        planned(**kwargs)
    return raised.value


@pytest.mark.parametrize(
    ("kwargs", "path", "value"),
    [
        ({"recovery": "yes"}, "recovery", "yes"),
        ({"repository_maintenance": "daily"}, "repository_maintenance", "daily"),
        (
            {"repository_maintenance": RepositoryMaintenance(keep_latest_jobs=-1)},
            "repository_maintenance.keep_latest_jobs",
            -1,
        ),
        ({**MOVING, "release_name": FAKE_TOKENS[0]}, "release_name", FAKE_TOKENS[0]),
    ],
)
def test_refusals_name_their_property(kwargs: dict[str, Any], path: str, value: object) -> None:
    error = refused(**kwargs)
    assert (error.path, error.value) == (path, value)


@pytest.mark.parametrize(
    ("kwargs", "fullname", "pace"),
    [
        ({}, "velero", {"globalConfig": 1, "prepareQueueLength": 2}),
        ({"release_name": "backups"}, "backups-velero", {"globalConfig": 1, "prepareQueueLength": 2}),
        (
            {"data_mover": DataMover(concurrency=2, prepare_queue_length=3)},
            "velero",
            {"globalConfig": 2, "prepareQueueLength": 3},
        ),
    ],
)
def test_the_data_mover_values(kwargs: dict[str, Any], fullname: str, pace: dict[str, int]) -> None:
    values = planned(**MOVING, **kwargs)[1]
    config = values["configMaps"]["node-agent"]["data"]["node-agent-config.json"]
    assert json.loads(config) == {"loadConcurrency": pace}
    assert f"--node-agent-configmap={fullname}-node-agent" in values["nodeAgent"]["extraArgs"]


@pytest.mark.parametrize(
    ("image", "name"),
    [
        ("velero-plugin-for-gcp:v1.13.0", "velero-plugin-for-gcp"),
        ("registry.example.com:5000/team/velero-plugin-for-gcp:v1.13.0", "velero-plugin-for-gcp"),
        ("velero/plugin_for.x:v1", "plugin-for-x"),
    ],
)
def test_extra_plugin_named_after_the_last_path_component(image: str, name: str) -> None:
    containers = planned(extra_plugins=[image])[1]["initContainers"]
    assert (containers[-1]["name"], containers[-1]["image"]) == (name, image)


@pytest.mark.parametrize(
    ("kwargs", "create", "labels"),
    [
        ({}, True, {}),
        ({"create_namespace": False}, False, {}),
        ({"namespace_labels": {"team": "platform"}}, True, {"team": "platform"}),
    ],
)
def test_the_plan_keeps_the_namespace_decisions(kwargs: dict[str, Any], create: bool, labels: dict[str, str]) -> None:
    plan = planned(**kwargs)[0]
    assert plan.create_namespace is create
    assert plan.namespace_labels == labels
    assert plan.props.create_namespace is create


@pytest.mark.parametrize(
    ("kwargs", "generated", "existing"),
    [({}, True, None), ({"repository_password": FAKE_TOKENS[3]}, False, None)],
)
def test_the_plan_keeps_the_repository(kwargs: dict[str, Any], generated: bool, existing: object) -> None:
    plan = planned(**kwargs)[0]
    assert plan.repository.generated is generated
    assert plan.repository.existing_secret is existing
    assert plan.repository.password == kwargs.get("repository_password")
