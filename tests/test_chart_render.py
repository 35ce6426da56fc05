"""The Velero chart rendered for real (Helm's own engine, ``helm-python-sdk``) from each scenario's release:
the render and its NOTES succeed, the velero.io objects pass their CRDs, and the Deployment carries what the
library means (plugins, credentials, default locations)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import helm_python as helm
import pytest

from cdktf_velero import BackupSchedule, VeleroBackups, VeleroConfigError
from cdktf_velero.chart import chart_fullname
from cdktf_velero.engine.core import TerraformStack, TerraformVariable, Testing
from cdktf_velero.plan import BackupsPlan
from cdktf_velero.versions import AWS_PLUGIN_IMAGE, DIGITALOCEAN_PLUGIN_IMAGE, VELERO_IMAGE
from tests.chart_render import Rendered, render, validate_velero_objects
from tests.helpers import SCENARIOS, aws_location, build, chart_values, do_location, only, secrets, synth


def scenario_tokens(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
    """Bucket, prefix and namespace known only at apply time: the chart renders placeholders for them."""

    def var(name: str) -> str:
        return TerraformVariable(stack, name, type="string").string_value

    return VeleroBackups(
        stack,
        "velero",
        namespace=var("namespace"),
        aws=aws_location(s, bucket=var("bucket"), prefix=var("prefix")),
        digitalocean=do_location(s, volume_snapshots=False, api_token=None),
    )


SCENES = {**SCENARIOS, "tokens": scenario_tokens}


@dataclass(frozen=True)
class Case:
    doc: dict[str, Any]
    backups: VeleroBackups
    rendered: Rendered


@pytest.fixture(scope="module", params=sorted(SCENES))
def case(request: pytest.FixtureRequest) -> Case:
    stack, backups = build(SCENES[request.param])
    doc = synth(stack)
    return Case(doc, backups, validate_velero_objects(doc))


def pod_spec(workload: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = workload["spec"]["template"]["spec"]
    return spec


def container(workload: dict[str, Any], name: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [c for c in pod_spec(workload)["containers"] if c["name"] == name]
    assert len(found) == 1, f"expected one container {name}, found {len(found)}"
    return found[0]


def test_the_release_renders_with_its_notes(case: Case) -> None:
    """The NOTES template fails the render on keys chart 12 refuses: it rendered, and said nothing of them."""
    assert f"kubectl get deployment/{chart_fullname(case.backups.release_name)}" in case.rendered.notes
    assert "BREAKING" not in case.rendered.notes
    assert {"Deployment", "BackupStorageLocation", "ServiceAccount"} <= {o["kind"] for o in case.rendered.objects}


def test_the_chart_makes_the_locations_and_schedule_the_library_names(case: Case) -> None:
    backups = case.backups
    (bsl,) = case.rendered.of_kind("BackupStorageLocation")
    assert bsl["metadata"]["name"] == backups.aws_location_name
    assert bsl["spec"]["provider"] == "aws"
    assert bool(bsl["spec"].get("default")) == (backups.default_location_name == backups.aws_location_name)
    # The chart's default list holds a VSL with an empty provider; the library replaces it with none.
    assert case.rendered.of_kind("VolumeSnapshotLocation") == []
    schedules = [obj["metadata"]["name"] for obj in case.rendered.of_kind("Schedule")]
    assert schedules == ([backups.aws_schedule_name] if backups.aws_schedule_name else [])


def _token_secret(plan: BackupsPlan) -> str | None:
    """The secret loaded into the server's environment: set when the DigitalOcean snapshot plugin runs."""
    return next((loc.server_secret.name for loc in plan.locations if loc.server_secret is not None), None)


def test_the_deployment_carries_plugins_credentials_and_defaults(case: Case) -> None:
    plan = case.backups.plan
    deployment = case.rendered.deployment
    pod = pod_spec(deployment)
    server = container(deployment, "velero")
    assert server["image"] == VELERO_IMAGE

    token_secret = _token_secret(plan)
    plugins = [AWS_PLUGIN_IMAGE, *([DIGITALOCEAN_PLUGIN_IMAGE] if token_secret else [])]
    assert [init["image"] for init in pod["initContainers"]] == plugins
    for init in pod["initContainers"]:
        assert init["volumeMounts"] == [{"mountPath": "/target", "name": "plugins"}]
    assert {"name": "plugins", "mountPath": "/plugins"} in server["volumeMounts"]

    # The AWS `cloud` file comes from the Terraform-managed secret; the chart makes no secret of its own.
    volumes = {volume["name"]: volume for volume in pod["volumes"]}
    assert volumes["cloud-credentials"]["secret"] == {"secretName": plan.props.aws_credentials_secret_name}
    assert {"name": "cloud-credentials", "mountPath": "/credentials"} in server["volumeMounts"]
    assert {"name": "AWS_SHARED_CREDENTIALS_FILE", "value": "/credentials/cloud"} in server["env"]
    assert case.rendered.of_kind("Secret") == []
    # DIGITALOCEAN_TOKEN reaches the server's environment only when the snapshot plugin needs it.
    assert server.get("envFrom") == ([{"secretRef": {"name": token_secret}}] if token_secret else None)

    args = server["args"]
    assert f"--default-backup-storage-location={case.backups.default_location_name}" in args
    do = plan.location("digitalocean")
    if do is not None and do.vsl_spec is not None:
        assert f"--default-volume-snapshot-locations=digitalocean.com/velero:{do.name}" in args
    else:
        assert not [arg for arg in args if arg.startswith("--default-volume-snapshot-locations")]


def test_the_node_agent_gets_the_same_credentials(case: Case) -> None:
    daemonsets = case.rendered.of_kind("DaemonSet")
    assert len(daemonsets) == (1 if case.backups.values["deployNodeAgent"] else 0)
    for daemonset in daemonsets:
        volumes = {volume["name"]: volume for volume in pod_spec(daemonset)["volumes"]}
        assert volumes["cloud-credentials"]["secret"] == {
            "secretName": case.backups.plan.props.aws_credentials_secret_name
        }
        token_secret = _token_secret(case.backups.plan)
        node_agent = container(daemonset, "node-agent")
        assert node_agent.get("envFrom") == ([{"secretRef": {"name": token_secret}}] if token_secret else None)


@pytest.mark.parametrize("release", ["velero", "backups", "prod-velero-2", "velero-" + "v" * 46, "x" * 53])
def test_schedule_names_follow_the_charts_fullname(release: str) -> None:
    """The library's ``chart_fullname`` (which names schedules in outputs and cross-checks) agrees with the chart's."""
    stack = TerraformStack(Testing.app(), "names")
    backups = VeleroBackups(stack, "velero", release_name=release, aws=aws_location(secrets(stack)))
    doc = synth(stack)
    rendered = render(chart_values(doc), release=release, namespace=only(doc, "helm_release")["namespace"])
    names = [obj["metadata"]["name"] for obj in rendered.of_kind("Schedule")]
    assert names == [backups.aws_schedule_name] == [f"{chart_fullname(release)}-daily-aws-backups"]


@pytest.fixture(scope="module")
def aws_only_values() -> dict[str, Any]:
    stack, _ = build(SCENARIOS["aws_only"])
    return chart_values(synth(stack))


@pytest.mark.parametrize(
    "refused",
    [
        {"configuration": {"provider": "aws"}},
        {"deployRestic": True},
        {"restic": {"podVolumePath": "/var/lib/kubelet/pods"}},
        {"defaultVolumesToRestic": True},
        {"resticTimeout": "1h"},
        {"defaultResticPruneFrequency": "24h"},
    ],
)
def test_the_notes_fail_the_render_on_refused_keys(aws_only_values: dict[str, Any], refused: dict[str, Any]) -> None:
    """The NOTES check is live: the same values with one refused key (that the library never writes) fail."""
    values = copy.deepcopy(aws_only_values)
    for key, value in refused.items():
        values[key] = {**values[key], **value} if isinstance(value, dict) and key in values else value
    with pytest.raises(helm.HelmRenderError, match="BREAKING"):
        render(values, release="velero", namespace="velero")
    assert "BREAKING" not in render(aws_only_values, release="velero", namespace="velero").notes


def test_a_name_yaml_reads_as_a_number_breaks_the_chart(aws_only_values: dict[str, Any]) -> None:
    """Why the library refuses such names: the chart writes them unquoted (``name: {{ .name }}``)."""
    values = copy.deepcopy(aws_only_values)
    values["configuration"]["backupStorageLocation"][0]["name"] = "123"
    with pytest.raises(AssertionError, match=r"metadata\.name renders as 123"):
        render(values, release="velero", namespace="velero")


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"aws": {"name": "123"}}, "aws.name"),
        ({"aws": {"name": "yes"}}, "aws.name"),
        ({"aws": {"config": {"s3ForcePathStyle": "true", "a: b": "c"}}}, "aws.config.a: b"),
        ({"aws": {"config": {'"quoted"': "c"}}}, 'aws.config."quoted"'),
        ({"aws": {"config": {"on": "c"}}}, "aws.config.on"),
        ({"release_name": "2024-01-02"}, "release_name"),
        ({"namespace": "1e5"}, "namespace"),
        ({"aws_credentials_secret_name": "1.5"}, "aws_credentials_secret_name"),
        ({"digitalocean": {"name": "0x1f"}}, "digitalocean.name"),
    ],
)
def test_values_the_chart_writes_unquoted_must_stay_strings(kwargs: dict[str, Any], path: str) -> None:
    stack = TerraformStack(Testing.app(), "bad")
    s = secrets(stack)
    aws = aws_location(s, **kwargs.pop("aws", {}))
    do = do_location(s, **kwargs.pop("digitalocean")) if "digitalocean" in kwargs else None
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", aws=aws, digitalocean=do, **kwargs)
    assert raised.value.path == path
    assert "unquoted" in str(raised.value)


def test_names_that_stay_strings_are_accepted() -> None:
    stack = TerraformStack(Testing.app(), "good")
    s = secrets(stack)
    backups = VeleroBackups(
        stack,
        "velero",
        namespace="0-backups",
        release_name="v1",
        aws=aws_location(
            s,
            name="s3-primary",
            config={"s3ForcePathStyle": "true", "checksumAlgorithm": ""},
            schedule=BackupSchedule(cron="@daily"),
        ),
    )
    rendered = validate_velero_objects(synth(stack))
    (bsl,) = rendered.of_kind("BackupStorageLocation")
    assert bsl["metadata"] == {**bsl["metadata"], "name": "s3-primary", "namespace": "0-backups"}
    assert bsl["spec"]["config"] == {"region": "ca-central-1", "s3ForcePathStyle": "true", "checksumAlgorithm": ""}
    assert [obj["metadata"]["name"] for obj in rendered.of_kind("Schedule")] == [backups.aws_schedule_name]
    assert backups.aws_schedule_name == "v1-velero-daily-aws-backups"
