"""The plan without jsii synthesis, where the property tests rarely go: the list of further locations, the
default location, names and secrets shared between locations, the server's one environment, plugins added
by image, the data mover's needs, feature flags joined with the user's, and the plan's derived attributes."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import S3CompatibleLocation, VeleroConfigError
from cdktf_velero.versions import AWS_PLUGIN_IMAGE, VELERO_IMAGE

from .internal import chart_bsl_item, chart_values, planned_output
from .strategies import FAKE_SECRETS, FAKE_TOKENS
from .test_pure_cases import aws, do, sched

pytestmark = pytest.mark.pure

S = FAKE_SECRETS
DIGEST = "sha256:" + "a" * 64


def s3(**kw: Any) -> S3CompatibleLocation:
    given = {"name": "onprem", "bucket": "velero", "region": "us-east-1", "endpoint": "https://minio.example.com"}
    keys = {"access_key_id": S["aws_access_key_id"], "secret_access_key": S["aws_secret_access_key"]}
    return S3CompatibleLocation(**{**given, **keys, **kw})


def planned(**kwargs: Any) -> tuple[Any, dict[str, Any]]:
    plan, values, _ = planned_output({"aws": aws(), **kwargs})
    return plan, values


def refused(**kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        planned(**kwargs)
    assert raised.value.rule
    return raised.value


# ---- the plan's attributes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "fullname", "node_agent", "default"),
    [
        ({}, "velero", True, "aws"),
        ({"release_name": "backup"}, "backup-velero", True, "aws"),
        ({"aws": aws(schedule=None)}, "velero", False, "aws"),
        ({"aws": aws(default=False), "locations": [s3(default=True)]}, "velero", True, "onprem"),
    ],
)
def test_plan_attributes(kwargs: dict[str, Any], fullname: str, node_agent: bool, default: str) -> None:
    plan, values = planned(**kwargs)
    assert plan.chart_fullname == fullname
    assert plan.release_name == kwargs.get("release_name", "velero")
    assert plan.node_agent is node_agent
    assert values["deployNodeAgent"] is node_agent
    assert plan.default_location_name == default
    assert values["configuration"]["defaultBackupStorageLocation"] == default


# ---- the locations ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "path", "value"),
    [
        ({"aws": None}, "aws", None),
        ({"aws": do()}, "aws", "DigitalOceanLocation"),
        ({"digitalocean": aws()}, "digitalocean", "AwsLocation"),
        ({"locations": "onprem"}, "locations", "onprem"),
        ({"locations": b"x"}, "locations", "bytes"),
        ({"locations": {"onprem": s3()}}, "locations", "dict"),
        ({"locations": 3}, "locations", 3),
        ({"locations": [s3(), "x"]}, "locations[1]", "x"),
        ({"locations": [s3(), s3()]}, "locations[1].name", "onprem"),
        ({"locations": [s3(name="aws")]}, "locations[0].name", "aws"),
    ],
)
def test_locations_refused(kwargs: dict[str, Any], path: str, value: object) -> None:
    error = refused(**kwargs)
    assert (error.path, error.value) == (path, value)


def test_further_locations_in_order() -> None:
    plan, values = planned(locations=(s3(), s3(name="second", bucket="other")))
    assert [loc.path for loc in plan.locations] == ["aws", "locations[0]", "locations[1]"]
    assert [loc.name for loc in plan.locations] == ["aws", "onprem", "second"]
    assert [item["name"] for item in values["configuration"]["backupStorageLocation"]] == ["aws"]


@pytest.mark.parametrize(
    ("kwargs", "path", "value", "options"),
    [
        ({"aws": aws(default=False)}, "aws.default", False, ["digitalocean.default=True"]),
        ({"aws": aws(default=False), "digitalocean": do(default=False)}, "aws.default", False, ["digitalocean"]),
        ({"aws": aws(default=False), "locations": [s3()]}, "aws.default", False, ["locations[0].default=True"]),
        ({"aws": aws(default=True), "digitalocean": do(default=True)}, "digitalocean.default", True, ["aws.default"]),
        ({"aws": aws(default="yes")}, "aws.default", "yes", []),
    ],
)
def test_one_default_location(kwargs: dict[str, Any], path: str, value: object, options: list[str]) -> None:
    error = refused(**kwargs)
    assert (error.path, error.value) == (path, value)
    for option in options:
        assert option in error.rule


def test_the_default_location() -> None:
    assert [loc.default for loc in planned(digitalocean=do())[0].locations] == [True, False]
    assert [loc.default for loc in planned(digitalocean=do(default=True))[0].locations] == [False, True]
    plan = planned(aws=aws(default=False), digitalocean=do(default=True))[0]
    assert [loc.default for loc in plan.locations] == [False, True]
    assert [loc.default for loc in planned(locations=[s3()])[0].locations] == [True, False]


@pytest.mark.parametrize(
    ("locations", "path", "value"),
    [
        ([s3(credentials_secret_name="dup"), s3(name="b", credentials_secret_name="dup")], "locations[1]", "dup"),
        ([s3(credentials_secret_name="velero-aws-credentials")], "locations[0]", "velero-aws-credentials"),
        ([s3(credentials_secret_name="velero-digitalocean-token")], "locations[0]", "velero-digitalocean-token"),
    ],
)
def test_credentials_secrets_are_unique(locations: list[Any], path: str, value: str) -> None:
    error = refused(locations=locations)
    assert (error.path, error.value) == (f"{path}.credentials_secret_name", value)


def test_distinct_credentials_secrets() -> None:
    plan, _ = planned(locations=[s3(credentials_secret_name="a"), s3(name="b", credentials_secret_name="b")])
    assert [loc.credentials.name for loc in plan.locations[1:]] == ["a", "b"]


def test_one_server_environment() -> None:
    token = {"api_token": S["digitalocean_token"]}
    error = refused(digitalocean=do(), locations=[do(name="do2", credentials_secret_name="do2", **token)])
    assert (error.path, error.value) == ("locations[0].volume_snapshots", True)
    assert "DIGITALOCEAN_TOKEN" in error.rule
    assert "digitalocean.volume_snapshots" in error.rule
    second = do(name="do2", credentials_secret_name="do2", volume_snapshots=False, api_token=None, schedule=None)
    plan, values = planned(digitalocean=do(), locations=[second])
    assert values["credentials"]["extraSecretRef"] == "velero-digitalocean-token"
    assert [loc.server_secret is not None for loc in plan.locations] == [False, True, False]


def test_a_further_location_with_its_own_credentials_in_the_chart_form() -> None:
    plan, _ = planned(locations=[s3(validation_frequency="1h", backup_sync_period="2m", prefix="p")])
    item = chart_bsl_item(plan.locations[1])
    assert item["credential"] == {"name": "velero-onprem-credentials", "key": "cloud"}
    assert (item["prefix"], item["validationFrequency"], item["backupSyncPeriod"]) == ("p", "1h", "2m")
    assert "credential" not in chart_bsl_item(plan.locations[0])


# ---- plugins added by image --------------------------------------------------------------------------------


def test_plugins_added_by_image() -> None:
    images = [
        "velero/velero-plugin-for-gcp:v1.13.0",
        f"gcr.io/x/velero_plugin.x@{DIGEST}",
        "reg:5000/a/" + "b" * 70 + ":v1",
        "a/b__c:v1",
        "x/" + "c" * 62 + "-d:v1",
    ]
    containers = planned(extra_plugins=images)[1]["initContainers"]
    names = ["velero-plugin-for-aws", "velero-plugin-for-gcp", "velero-plugin-x", "b" * 63, "b-c", "c" * 62]
    assert [c["name"] for c in containers] == names
    assert [c["image"] for c in containers[1:]] == images
    assert containers[1]["volumeMounts"] == containers[0]["volumeMounts"]
    assert planned(extra_plugins=())[1]["initContainers"] == containers[:1]


@pytest.mark.parametrize(
    ("plugins", "path", "value"),
    [
        ("velero/velero-plugin-for-gcp:v1.13.0", "extra_plugins", "velero/velero-plugin-for-gcp:v1.13.0"),
        ({"gcp": "x"}, "extra_plugins", "dict"),
        (None, "extra_plugins", None),
        ([5], "extra_plugins[0]", 5),
        (["a/b:latest"], "extra_plugins[0]", "a/b:latest"),
        ([AWS_PLUGIN_IMAGE], "extra_plugins[0]", AWS_PLUGIN_IMAGE),
        (["a/b:v1", "c/b:v2"], "extra_plugins[1]", "c/b:v2"),
        (["a/B:v1", "a/b:v1"], "extra_plugins[0]", "a/B:v1"),
    ],
)
def test_plugins_refused(plugins: object, path: str, value: object) -> None:
    error = refused(extra_plugins=plugins)
    assert (error.path, error.value) == (path, value)


# ---- schedules, node agent and data mover ----------------------------------------------------------------

CSI = {"volume_snapshots": "csi", "api_token": None}


@pytest.mark.parametrize(
    ("kwargs", "path", "value"),
    [
        ({"aws": aws(schedule=sched(snapshot_move_data=True))}, "aws.schedule.snapshot_move_data", True),
        ({"aws": aws(schedule=sched(snapshot_move_data="y"))}, "aws.schedule.snapshot_move_data", "y"),
        (
            {"digitalocean": do(schedule=sched(snapshot_volumes=True, snapshot_move_data=True))},
            "digitalocean.schedule.snapshot_move_data",
            True,
        ),
        (
            {"digitalocean": do(**CSI, schedule=sched(snapshot_volumes=True, snapshot_move_data=True))}
            | {"node_agent": False, "aws": aws(schedule=None)},
            "node_agent",
            False,
        ),
    ],
)
def test_the_data_mover_needs(kwargs: dict[str, Any], path: str, value: object) -> None:
    error = refused(**kwargs)
    assert (error.path, error.value) == (path, value)


@pytest.mark.parametrize(("move", "node_agent"), [(True, True), (False, False), (None, False)])
def test_the_data_mover_on_csi(move: bool | None, node_agent: bool) -> None:
    schedule = sched(snapshot_volumes=True, snapshot_move_data=move)
    plan, values = planned(aws=aws(schedule=None), digitalocean=do(**CSI, schedule=schedule))
    assert plan.node_agent is node_agent
    assert plan.locations[1].schedule.snapshot_move_data is bool(move)
    assert plan.csi_snapshots is True
    assert values["configuration"]["features"] == "EnableCSI"


@pytest.mark.parametrize(
    ("user", "joined"),
    [(" X ,EnableCSI,,Y", "EnableCSI,X,Y"), ("EnableCSI", "EnableCSI"), ("", "EnableCSI")],
)
def test_feature_flags_joined_with_the_users(user: str, joined: str) -> None:
    values = planned(digitalocean=do(**CSI), extra_values={"configuration": {"features": user}})[1]
    assert values["configuration"]["features"] == joined


def test_feature_flags_without_the_librarys() -> None:
    assert planned(extra_values={"configuration": {"features": "X"}})[1]["configuration"]["features"] == "X"
    assert "features" not in planned()[1]["configuration"]
    error = refused(digitalocean=do(**CSI), extra_values={"configuration": {"features": 5}})
    assert (error.path, error.value) == ("extra_values.configuration.features", 5)


def test_recovery_needs_a_velero_that_restores() -> None:
    """Only a recovery install refuses a server release that cannot restore from ReadOnly locations."""
    recovery = {"recovery": True, "repository_password": FAKE_TOKENS[2]}
    recovery["aws"] = aws(schedule=None, access_mode="ReadOnly")
    assert planned(**recovery, velero_image=f"velero/velero@{DIGEST}")[1]["image"]["digest"] == DIGEST
    assert planned(**recovery, velero_image="velero/velero:v1.18.1")[1]["image"]["tag"] == "v1.18.1"
    error = refused(**recovery, velero_image="velero/velero:v1.18.0")
    assert (error.path, error.value) == ("velero_image", "velero/velero:v1.18.0")
    image = planned(velero_image="velero/velero:v1.18.0")[1]["image"]
    assert image == {"repository": "velero/velero", "tag": "v1.18.0"}


def test_chart_values_without_sizes() -> None:
    """Sizes left out leave the chart's own; a size the chart refuses names the prop it came from."""
    locations = planned()[0].locations
    common: dict[str, Any] = {"velero_image": VELERO_IMAGE, "init_containers": [], "locations": locations}
    values = chart_values(**common, node_agent=False, metrics=False)
    assert "resources" not in values
    assert "nodeAgent" not in values
    assert (values["metrics"], values["deployNodeAgent"]) == ({"enabled": False}, False)
    assert values["image"] == {"repository": "velero/velero", "tag": "v1.18.2"}
    sizes: tuple[tuple[dict[str, Any], str], ...] = (
        ({"resources": "x"}, "resources"),
        ({"node_agent_resources": "x"}, "node_agent_resources"),
    )
    for size, path in sizes:
        with pytest.raises(VeleroConfigError) as raised:
            chart_values(**common, node_agent=True, metrics=True, **size)
        assert (raised.value.path, raised.value.value) == (path, "x")


@pytest.mark.parametrize(
    ("image", "repository"),
    [
        ("Velero/velero:v1.18.1", "Velero/velero"),  # a registry host may hold upper case
        ("Registry.example.com:5000/velero/velero:v1.18.1", "Registry.example.com:5000/velero/velero"),
        ("velero/Velero:v1.18.1", None),  # the repository path may not
        ("Velero:v1.18.1", None),
    ],
)
def test_upper_case_only_in_the_registry_host(image: str, repository: str | None) -> None:
    if repository is None:
        error = refused(velero_image=image)
        assert (error.path, error.value) == ("velero_image", image)
    else:
        assert planned(velero_image=image)[1]["image"] == {"repository": repository, "tag": "v1.18.1"}
