"""S3-compatible stores and the AWS SDK v2's checksums: every non-AWS S3 location uploads without checksums unless
its own config asks (BSL ``checksumAlgorithm: ""``), and the server carries the SDK's opt-out exactly when such a
location exists, beside the user's own environment variables."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from cdktf_velero import S3CompatibleLocation, VeleroConfigError
from cdktf_velero.engine.core import TerraformStack, TerraformVariable, Testing
from cdktf_velero.locations.base import (
    S3_COMPATIBLE_CONFIG,
    S3_COMPATIBLE_SERVER_ENV,
    S3_PROVIDER,
    ResolvedLocation,
)
from cdktf_velero.plan import BackupsPlan, plan_backups
from tests.chart_render import Rendered, render, render_release
from tests.helpers import SCENARIOS, aws_location, build, do_location, location_kinds, secrets, synth

TOKENS = secrets(TerraformStack(Testing.app(), "tokens"))
"""Credentials as tokens cdktf issued (sensitive variables), for the pure plan."""

OPT_OUT = [{"name": name, "value": value} for name, value in S3_COMPATIBLE_SERVER_ENV.items()]


def plan(**kwargs: Any) -> BackupsPlan:
    aws = aws_location(TOKENS, **kwargs.pop("aws", {}))
    digitalocean = kwargs.pop("digitalocean", None)
    do = do_location(TOKENS, **digitalocean) if digitalocean is not None else None
    return plan_backups(aws=aws, digitalocean=do, **kwargs)


def rendered(built: BackupsPlan) -> Rendered:
    return render(built.values, release=built.release_name, namespace=built.namespace)


def server_env(result: Rendered) -> list[dict[str, Any]]:
    (container,) = [c for c in result.deployment["spec"]["template"]["spec"]["containers"] if c["name"] == "velero"]
    env: list[dict[str, Any]] = container["env"]
    return env


SPACES_MODES = [
    {"volume_snapshots": True},
    {"volume_snapshots": "digitalocean-plugin"},
    {"volume_snapshots": "csi", "api_token": None},
    {"volume_snapshots": None, "api_token": None},
    {"volume_snapshots": False, "api_token": None},
]


@pytest.mark.parametrize("mode", SPACES_MODES, ids=lambda mode: str(mode["volume_snapshots"]))
def test_spaces_uploads_without_checksums(mode: dict[str, Any]) -> None:
    built = plan(digitalocean=mode)
    spaces = built.location("digitalocean")
    assert spaces is not None
    assert spaces.s3_compatible_store
    assert spaces.bsl_spec.config == {
        "region": "nyc3",
        "s3Url": "https://nyc3.digitaloceanspaces.com",
        "checksumAlgorithm": "",
    }
    assert built.values["configuration"]["extraEnvVars"] == OPT_OUT


def test_a_locations_own_config_wins_and_the_opt_out_stays() -> None:
    built = plan(digitalocean={"config": {"checksumAlgorithm": "CRC32", "s3ForcePathStyle": "true"}})
    spaces = built.location("digitalocean")
    assert spaces is not None
    assert spaces.bsl_spec.config is not None
    assert spaces.bsl_spec.config["checksumAlgorithm"] == "CRC32"
    assert built.values["configuration"]["extraEnvVars"] == OPT_OUT


def test_an_s3_compatible_location_gets_the_opt_out_in_the_rendered_server() -> None:
    """``S3CompatibleLocation`` is an S3-compatible store like Spaces: its BSL and the server, as the chart renders
    it, carry the opt-out; the AWS-only configuration beside it carries none."""
    store = S3CompatibleLocation(
        "minio", "velero", "us-east-1", MINIO, TOKENS["aws_access_key_id"], TOKENS["aws_secret_access_key"]
    )
    built = plan(locations=[store])
    minio = built.location("locations[0]")
    assert minio is not None
    assert minio.s3_compatible_store
    assert minio.bsl_spec.config is not None
    assert minio.bsl_spec.config["checksumAlgorithm"] == ""
    env = server_env(rendered(built))
    assert all(entry in env for entry in OPT_OUT)
    assert not {entry["name"] for entry in server_env(rendered(plan()))} & set(S3_COMPATIBLE_SERVER_ENV)


def _all_locations() -> list[ResolvedLocation]:
    """Every location the tests' configurations resolve to, of every kind the plan knows."""
    plans = [plan(), *(plan(digitalocean=mode) for mode in SPACES_MODES)]
    plans.append(plan(aws={"config": {"s3ForcePathStyle": "true"}}, digitalocean={"name": "spaces", "prefix": "p"}))
    for url in (MINIO, "https://s3.ca-central-1.amazonaws.com", "https://s3.cn-north-1.amazonaws.com.cn"):
        plans.append(plan(aws={"config": {"s3Url": url, "s3ForcePathStyle": "true"}}))
    keys = (TOKENS["aws_access_key_id"], TOKENS["aws_secret_access_key"])
    plans.append(plan(locations=[S3CompatibleLocation("minio", "velero", "us-east-1", MINIO, *keys)]))
    return [location for built in plans for location in built.locations]


MINIO = "https://minio.backup.example.com:9000"


def _is_aws_s3(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return host.endswith((".amazonaws.com", ".amazonaws.com.cn"))


def test_an_aws_location_pointed_at_another_store_is_one() -> None:
    """``AwsLocation(config={"s3Url": ...})`` aimed at MinIO gets the same defaults; aimed at AWS, or at a URL
    only known at apply time, it stays AWS S3."""
    built = plan(aws={"config": {"s3Url": MINIO}})
    aws = built.location("aws")
    assert aws is not None
    assert aws.s3_compatible_store
    assert aws.bsl_spec.config == {"region": "ca-central-1", "s3Url": MINIO, "checksumAlgorithm": ""}
    assert built.values["configuration"]["backupStorageLocation"][0]["config"]["checksumAlgorithm"] == ""
    assert built.values["configuration"]["extraEnvVars"] == OPT_OUT
    endpoint = TerraformVariable(TerraformStack(Testing.app(), "endpoint"), "s3_url", type="string").string_value
    for url in ("https://s3.ca-central-1.amazonaws.com", endpoint):
        built = plan(aws={"config": {"s3Url": url}})
        assert "extraEnvVars" not in built.values["configuration"]
        assert "checksumAlgorithm" not in built.values["configuration"]["backupStorageLocation"][0]["config"]


def test_every_non_aws_s3_location_is_marked_and_gets_no_checksums() -> None:
    """A location whose BSL points the AWS plugin at another endpoint (``s3Url``) is an S3-compatible store; each
    such location, whatever its kind, starts from ``checksumAlgorithm: ""``."""
    locations = _all_locations()
    assert {type(location.source) for location in locations} == location_kinds()
    for location in locations:
        config = dict(location.bsl_spec.config or {})
        other_endpoint = location.bsl_spec.provider == S3_PROVIDER and not _is_aws_s3(
            config.get("s3Url", "https://s3.amazonaws.com")
        )
        assert location.s3_compatible_store == other_endpoint, location.path
        if location.s3_compatible_store:
            assert config.items() >= S3_COMPATIBLE_CONFIG.items(), location.path
        else:
            assert "checksumAlgorithm" not in config, location.path


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_rendered_server_has_the_opt_out_exactly_with_spaces(name: str) -> None:
    """Through the construct and the real chart: the Deployment's server container carries the two variables
    when a Spaces location exists, and no others of the library's; the custom resources agree."""
    stack, backups = build(SCENARIOS[name])
    doc = synth(stack)
    env = server_env(render_release(doc))
    names = [entry["name"] for entry in env]
    spaces = backups.plan.location("digitalocean")
    for entry in OPT_OUT:
        assert (entry in env) == (spaces is not None)
        assert names.count(entry["name"]) == (1 if spaces is not None else 0)
    manifests = [res["manifest"] for res in doc["resource"].get("kubernetes_manifest", {}).values()]
    for manifest in manifests:
        if manifest["kind"] == "BackupStorageLocation":
            assert manifest["spec"]["config"]["checksumAlgorithm"] == ""


def test_user_env_vars_are_added_to_the_opt_out() -> None:
    node = {"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}
    built = plan(digitalocean={}, extra_values={"configuration": {"extraEnvVars": [node]}})
    assert built.values["configuration"]["extraEnvVars"] == [*OPT_OUT, node]
    env = server_env(rendered(built))
    assert node in env
    assert all(entry in env for entry in OPT_OUT)


def test_a_user_variable_of_the_librarys_name_is_refused() -> None:
    """The opt-out is the library's: set again in ``extra_values`` it would appear twice in the container."""
    node = {"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}
    own = {
        "name": "AWS_RESPONSE_CHECKSUM_VALIDATION",
        "valueFrom": {"configMapKeyRef": {"name": "s3-settings", "key": "validation"}},
    }
    with pytest.raises(VeleroConfigError) as raised:
        plan(digitalocean={}, extra_values={"configuration": {"extraEnvVars": [node, own]}})
    assert raised.value.path == "extra_values.configuration.extraEnvVars[1].name"
    assert raised.value.value == "AWS_RESPONSE_CHECKSUM_VALIDATION"
    assert "checksumAlgorithm" in raised.value.rule
    # Without an S3-compatible store the library sets no such variable, and the user's stands.
    built = plan(extra_values={"configuration": {"extraEnvVars": [own]}})
    assert built.values["configuration"]["extraEnvVars"] == [own]


def test_without_spaces_the_users_env_vars_stand_alone() -> None:
    node = {"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}
    built = plan(extra_values={"configuration": {"extraEnvVars": [node]}})
    assert built.values["configuration"]["extraEnvVars"] == [node]
    assert not {entry["name"] for entry in server_env(rendered(built))} & set(S3_COMPATIBLE_SERVER_ENV)


def test_the_chart_gives_the_node_agent_the_same_settings() -> None:
    """Chart 12 writes ``configuration.extraEnvVars`` into the node agent too: harmless (its kopia uploads use
    their own S3 client), and the same opt-out wherever the AWS SDK might run."""
    built = plan(digitalocean={}, node_agent=True)
    (daemonset,) = rendered(built).of_kind("DaemonSet")
    (container,) = daemonset["spec"]["template"]["spec"]["containers"]
    assert all(entry in container["env"] for entry in OPT_OUT)


def test_env_vars_must_be_a_list_of_references() -> None:
    """The credential rules come first: a map of variables or a ``value`` is refused before any merge."""
    with pytest.raises(VeleroConfigError) as raised:
        plan(digitalocean={}, extra_values={"configuration": {"extraEnvVars": {"TZ": "UTC"}}})
    assert raised.value.path == "extra_values.configuration.extraEnvVars.TZ"
    with pytest.raises(VeleroConfigError) as raised:
        plan(digitalocean={}, extra_values={"configuration": {"extraEnvVars": "TZ=UTC"}})
    assert raised.value.path == "extra_values.configuration.extraEnvVars"
    assert "must be a list" in str(raised.value)
    with pytest.raises(VeleroConfigError) as raised:
        plan(digitalocean={}, extra_values={"configuration": {"extraEnvVars": [{"name": "TZ", "value": "UTC"}]}})
    assert raised.value.path == "extra_values.configuration.extraEnvVars[0].value"
