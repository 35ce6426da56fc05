"""Sized components: the server's and node agent's requests and limits and the repository maintenance jobs'
settings, as the real chart renders them (and as Velero will parse them), their defaults, and the values refused."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from cdktf_velero import RepositoryMaintenance, Resources, VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import TerraformStack, TerraformVariable, Testing
from cdktf_velero.plan import BackupsPlan, plan_backups
from cdktf_velero.sizing import (
    DEFAULT_MAINTENANCE_RESOURCES,
    DEFAULT_NODE_AGENT_RESOURCES,
    DEFAULT_SERVER_RESOURCES,
    check_quantity,
)
from tests.chart_render import Rendered, render
from tests.helpers import aws_location, secrets

TOKENS = secrets(TerraformStack(Testing.app(), "tokens"))
"""Credentials as tokens cdktf issued (sensitive variables), for the pure plan."""
MAINTENANCE_CONFIG_MAP = "velero-repo-maintenance"
"""The chart's name for the maintenance jobs' ConfigMap (``repositoryConfigData.name``, left as is)."""


def plan(**kwargs: Any) -> BackupsPlan:
    return plan_backups(aws=aws_location(TOKENS, **kwargs.pop("aws", {})), **kwargs)


def rendered(built: BackupsPlan) -> Rendered:
    return render(built.values, release=built.release_name, namespace=built.namespace)


def container(workload: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in workload["spec"]["template"]["spec"]["containers"] if c["name"] == name]
    return found  # type: ignore[no-any-return]


def maintenance_settings(result: Rendered) -> dict[str, Any] | None:
    """The global settings in the maintenance ConfigMap the server is pointed at, as Velero reads them."""
    server = container(result.deployment, "velero")
    flags = [arg for arg in server["args"] if arg.startswith("--repo-maintenance-job-configmap=")]
    if not flags:
        return None
    (flag,) = flags
    name = flag.split("=", 1)[1]
    (config_map,) = [obj for obj in result.of_kind("ConfigMap") if obj["metadata"]["name"] == name]
    settings: dict[str, Any] = json.loads(config_map["data"]["global"])
    return settings


def amount(text: str) -> Decimal:
    """The amount a literal quantity stands for (cores or bytes)."""
    found = check_quantity("q", text)
    assert found is not None
    return found


def test_the_defaults_as_rendered() -> None:
    result = rendered(plan(node_agent=True))
    assert container(result.deployment, "velero")["resources"] == {
        "requests": {"cpu": "100m", "memory": "256Mi"},
        "limits": {"memory": "1Gi"},
    }
    (daemonset,) = result.of_kind("DaemonSet")
    assert container(daemonset, "node-agent")["resources"] == {
        "requests": {"cpu": "100m", "memory": "128Mi"},
        "limits": {"memory": "1Gi"},
    }
    assert maintenance_settings(result) == {
        "podResources": {"cpuRequest": "100m", "cpuLimit": "0", "memoryRequest": "512Mi", "memoryLimit": "2Gi"},
        "keepLatestMaintenanceJobs": 3,
    }


def test_defaults_set_memory_and_no_cpu_ceiling() -> None:
    """What the defaults stand for (the README's reasoning): requests for scheduling, memory limits with room
    above what users outgrew, and no CPU limit, which would throttle and cut Go's parallelism."""
    for resources in (DEFAULT_SERVER_RESOURCES, DEFAULT_NODE_AGENT_RESOURCES, DEFAULT_MAINTENANCE_RESOURCES):
        assert resources.requests is not None
        assert resources.limits is not None
        assert set(resources.requests) == {"cpu", "memory"}
        assert set(resources.limits) == {"memory"}
        assert amount(resources.limits["memory"]) >= 2 * amount(resources.requests["memory"])
    assert DEFAULT_SERVER_RESOURCES.limits is not None
    assert DEFAULT_MAINTENANCE_RESOURCES.limits is not None
    assert amount(DEFAULT_SERVER_RESOURCES.limits["memory"]) > amount("512Mi")
    assert amount(DEFAULT_MAINTENANCE_RESOURCES.limits["memory"]) >= amount("2Gi")


def test_velero_can_parse_every_maintenance_quantity() -> None:
    """Velero parses all four ``podResources`` (``resource.ParseQuantity``; an empty one fails every job) and
    reads ``0`` as unset: a partial Resources still yields four quantities."""
    built = plan(repository_maintenance=RepositoryMaintenance(resources=Resources(limits={"memory": "3Gi"})))
    settings = maintenance_settings(rendered(built))
    assert settings is not None
    assert settings["podResources"] == {"cpuRequest": "0", "cpuLimit": "0", "memoryRequest": "0", "memoryLimit": "3Gi"}
    for quantity in settings["podResources"].values():
        assert check_quantity("podResources", quantity) is not None


def test_chosen_values_reach_the_pods() -> None:
    built = plan(
        node_agent=True,
        resources=Resources(requests={"cpu": "250m", "memory": "512Mi"}, limits={"cpu": "2", "memory": "2Gi"}),
        node_agent_resources=Resources(requests={"memory": "1Gi"}),
        repository_maintenance=RepositoryMaintenance(
            resources=Resources(requests={"cpu": "1", "memory": "1Gi"}, limits={"cpu": "2", "memory": "4Gi"}),
            keep_latest_jobs=1,
            priority_class_name="backup-low",
        ),
    )
    result = rendered(built)
    assert container(result.deployment, "velero")["resources"] == {
        "requests": {"cpu": "250m", "memory": "512Mi"},
        "limits": {"cpu": "2", "memory": "2Gi"},
    }
    (daemonset,) = result.of_kind("DaemonSet")
    assert container(daemonset, "node-agent")["resources"] == {"requests": {"memory": "1Gi"}}
    assert maintenance_settings(result) == {
        "podResources": {"cpuRequest": "1", "cpuLimit": "2", "memoryRequest": "1Gi", "memoryLimit": "4Gi"},
        "keepLatestMaintenanceJobs": 1,
        "priorityClassName": "backup-low",
    }


def test_none_leaves_the_charts_defaults() -> None:
    built = plan(node_agent=True, resources=None, node_agent_resources=None, repository_maintenance=None)
    assert not {"resources", "nodeAgent"} & set(built.values)
    assert "repositoryMaintenanceJob" not in built.values["configuration"]
    result = rendered(built)
    assert "resources" not in container(result.deployment, "velero")
    (daemonset,) = result.of_kind("DaemonSet")
    assert "resources" not in container(daemonset, "node-agent")
    assert maintenance_settings(result) == {"keepLatestMaintenanceJobs": 3}  # the chart's own default


def test_a_maintenance_without_resources_keeps_velero_s_default() -> None:
    settings = maintenance_settings(rendered(plan(repository_maintenance=RepositoryMaintenance(resources=None))))
    assert settings == {"keepLatestMaintenanceJobs": 3}


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("100m", "0.1"),
        ("0.5", "0.5"),
        ("1", "1"),
        ("2Gi", str(2 * 1024**3)),
        ("512Mi", str(512 * 1024**2)),
        ("1k", "1000"),
        ("1e3", "1000"),
        ("1.5G", "1500000000"),
        (".5Ki", "512"),
    ],
)
def test_quantities_read_as_kubernetes_reads_them(text: str, amount: str) -> None:
    assert check_quantity("q", text) == Decimal(amount)


REFUSED: list[tuple[dict[str, Any], str, object]] = [
    ({"resources": Resources(requests={"memory": "512m"})}, "resources.requests.memory", "512m"),
    ({"resources": Resources(requests={"cpu": "1 core"})}, "resources.requests.cpu", "1 core"),
    ({"resources": Resources(limits={"memory": "-1Gi"})}, "resources.limits.memory", "-1Gi"),
    ({"resources": Resources(limits={"cpu": ""})}, "resources.limits.cpu", ""),
    ({"resources": Resources(limits={"cpu": 2})}, "resources.limits.cpu", 2),  # type: ignore[dict-item]
    (
        {"resources": Resources(requests={"memory": "2Gi"}, limits={"memory": "1Gi"})},
        "resources.requests.memory",
        "2Gi",
    ),
    (
        {"node_agent": True, "node_agent_resources": Resources(requests={"cpu": "1500m"}, limits={"cpu": "1"})},
        "node_agent_resources.requests.cpu",
        "1500m",
    ),
    (
        {"aws": {"schedule": None}, "node_agent_resources": Resources(requests={"cpu": "1"})},
        "node_agent_resources",
        None,
    ),
    ({"resources": {"requests": {"cpu": "1"}}}, "resources", "dict"),  # errors name non-scalars by type
    (
        {"repository_maintenance": RepositoryMaintenance(resources=Resources(limits={"memory": "1Gb"}))},
        "repository_maintenance.resources.limits.memory",
        "1Gb",
    ),
    (
        {"repository_maintenance": RepositoryMaintenance(resources=Resources(limits={"ephemeral-storage": "1Gi"}))},
        "repository_maintenance.resources.limits.ephemeral-storage",
        "1Gi",
    ),
    (
        {"extra_values": {"configMaps": {"node-agent": {"data": {}}}}},
        "extra_values.configMaps.node-agent",
        None,
    ),
    (
        {"repository_maintenance": RepositoryMaintenance(keep_latest_jobs=-1)},
        "repository_maintenance.keep_latest_jobs",
        -1,
    ),
    (
        {"repository_maintenance": RepositoryMaintenance(keep_latest_jobs=True)},
        "repository_maintenance.keep_latest_jobs",
        True,
    ),
    (
        {"repository_maintenance": RepositoryMaintenance(priority_class_name="Low Priority")},
        "repository_maintenance.priority_class_name",
        "Low Priority",
    ),
    ({"repository_maintenance": Resources()}, "repository_maintenance", "Resources"),
    ({"extra_values": {"resources": {"limits": {"memory": "4Gi"}}}}, "extra_values.resources", None),
    ({"extra_values": {"nodeAgent": {"resources": {}}}}, "extra_values.nodeAgent.resources", None),
    (
        {"extra_values": {"configuration": {"repositoryMaintenanceJob": {"repositoryConfigData": {"global": {}}}}}},
        "extra_values.configuration.repositoryMaintenanceJob.repositoryConfigData.global",
        None,
    ),
]


@pytest.mark.parametrize(("kwargs", "path", "value"), REFUSED, ids=[path for _, path, _ in REFUSED])
def test_bad_sizes_are_refused(kwargs: dict[str, Any], path: str, value: object) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        plan(**kwargs)
    assert raised.value.path == path
    if value is not None:
        assert raised.value.value == value


def test_tokens_pass_unchecked() -> None:
    token = TerraformVariable(TerraformStack(Testing.app(), "size"), "memory", type="string").string_value
    built = plan(resources=Resources(requests={"memory": token}, limits={"memory": "1Gi"}))
    assert built.values["resources"]["requests"]["memory"] == token


def test_a_sensitive_variable_is_no_size() -> None:
    """Sizes are written into the chart's values: a sensitive variable there is refused, naming the field."""
    stack = TerraformStack(Testing.app(), "sized")
    memory = TerraformVariable(stack, "memory", type="string", sensitive=True).string_value
    maintenance = RepositoryMaintenance(resources=Resources(limits={"memory": memory}))
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", aws=aws_location(secrets(stack)), repository_maintenance=maintenance)
    assert raised.value.path == "repository_maintenance.resources.limits.memory"


def test_per_repository_settings_stay_the_users() -> None:
    """Only the global settings are the props'; a repository's own may still come through ``extra_values``."""
    own = {"velero-default-kopia": {"keepLatestMaintenanceJobs": 1}}
    built = plan(
        extra_values={"configuration": {"repositoryMaintenanceJob": {"repositoryConfigData": {"repositories": own}}}}
    )
    config = built.values["configuration"]["repositoryMaintenanceJob"]["repositoryConfigData"]
    assert config["repositories"] == own
    assert config["global"]["keepLatestMaintenanceJobs"] == 3
