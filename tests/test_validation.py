"""Bad input fails at construction with VeleroConfigError naming the property and the value."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import AwsLocation, BackupSchedule, S3BucketOptions, VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import App, TerraformStack, Testing
from tests.helpers import aws_location, do_location, secrets, synth

KMS_KEY = "arn:aws:kms:ca-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

# Each case: (label, kwargs builder taking the secrets, expected path or None, expected value or None)


def make(**overrides: Any) -> Any:
    """A builder taking the stack's secrets and returning VeleroBackups kwargs."""

    def kwargs(s: dict[str, str]) -> dict[str, Any]:
        result: dict[str, Any] = {"aws": aws_location(s), "digitalocean": do_location(s)}
        for key, value in overrides.items():
            result[key] = value(s) if callable(value) else value
        return result

    return kwargs


def aws(**kw: Any) -> Any:
    return lambda s: aws_location(s, **kw)


def do(**kw: Any) -> Any:
    return lambda s: do_location(s, **kw)


def aws_schedule(**kw: Any) -> Any:
    return aws(schedule=BackupSchedule(**{"cron": "0 7 * * *", **kw}))


def do_schedule(**kw: Any) -> Any:
    return do(schedule=BackupSchedule(**{"cron": "0 19 * * *", **kw}))


BAD: list[tuple[str, Any, str | None, Any]] = [
    ("cron with 4 fields", make(aws=aws_schedule(cron="0 7 * *")), "aws.schedule.cron", "0 7 * *"),
    ("cron with seconds", make(aws=aws_schedule(cron="0 0 7 * * *")), "aws.schedule.cron", "0 0 7 * * *"),
    (
        "cron out of range",
        make(digitalocean=do_schedule(cron="61 19 * * *")),
        "digitalocean.schedule.cron",
        "61 19 * * *",
    ),
    ("cron day-of-week 7", make(aws=aws_schedule(cron="0 7 * * 7")), "aws.schedule.cron", "0 7 * * 7"),
    ("cron unknown descriptor", make(aws=aws_schedule(cron="@reboot")), "aws.schedule.cron", "@reboot"),
    ("cron @every zero", make(aws=aws_schedule(cron="@every 0s")), "aws.schedule.cron", "@every 0s"),
    ("cron empty", make(aws=aws_schedule(cron="")), "aws.schedule.cron", ""),
    ("ttl without unit", make(aws=aws_schedule(ttl="240")), "aws.schedule.ttl", "240"),
    ("ttl in days", make(digitalocean=do_schedule(ttl="10d")), "digitalocean.schedule.ttl", "10d"),
    ("ttl zero", make(aws=aws_schedule(ttl="0h")), "aws.schedule.ttl", "0h"),
    ("s3 bucket uppercase", make(aws=aws(bucket="Acme-Velero")), "aws.bucket", "Acme-Velero"),
    ("s3 bucket too short", make(aws=aws(bucket="ab")), "aws.bucket", "ab"),
    ("s3 bucket ip", make(aws=aws(bucket="192.168.1.10")), "aws.bucket", "192.168.1.10"),
    ("s3 bucket double dot", make(aws=aws(bucket="acme..velero")), "aws.bucket", "acme..velero"),
    ("s3 bucket reserved prefix", make(aws=aws(bucket="xn--velero")), "aws.bucket", "xn--velero"),
    ("spaces bucket with dot", make(digitalocean=do(bucket="acme.velero")), "digitalocean.bucket", "acme.velero"),
    ("spaces bucket too long", make(digitalocean=do(bucket="a" * 64)), "digitalocean.bucket", "a" * 64),
    ("unknown spaces region", make(digitalocean=do(region="nyc1")), "digitalocean.region", "nyc1"),
    ("bad aws region", make(aws=aws(region="Canada")), "aws.region", "Canada"),
    ("namespace uppercase", make(namespace="Velero"), "namespace", "Velero"),
    ("namespace too long", make(namespace="v" * 64), "namespace", "v" * 64),
    ("location name underscore", make(aws=aws(name="aws_primary")), "aws.name", "aws_primary"),
    ("do location name", make(digitalocean=do(name="-spaces")), "digitalocean.name", "-spaces"),
    (
        "schedule name",
        make(aws=aws_schedule(name="Daily Backups")),
        "aws.schedule.name",
        "Daily Backups",
    ),
    ("duplicate location names", make(digitalocean=do(name="aws")), "digitalocean.name", "aws"),
    (
        "duplicate schedule names",
        make(digitalocean=do_schedule(name="daily-aws-backups")),
        "digitalocean.schedule.name",
        "daily-aws-backups",
    ),
    ("two defaults", make(aws=aws(default=True), digitalocean=do(default=True)), "digitalocean.default", True),
    ("no default", make(aws=aws(default=False)), "aws.default", False),
    (
        "unknown snapshot location",
        make(aws=aws_schedule(snapshot_volumes=True, volume_snapshot_locations=["ebs"])),
        "aws.schedule.volume_snapshot_locations[0]",
        "ebs",
    ),
    (
        "snapshots without any snapshot location",
        make(digitalocean=None, aws=aws_schedule(snapshot_volumes=True)),
        "aws.schedule.snapshot_volumes",
        True,
    ),
    (
        "fs backup with node agent off",
        make(node_agent=False, aws=aws_schedule(file_system_backup=True)),
        "node_agent",
        False,
    ),
    ("snapshots need a token", make(digitalocean=do(api_token=None)), "digitalocean.api_token", None),
    (
        "config value not a string",
        make(aws=aws(config={"s3ForcePathStyle": True})),
        "aws.config.s3ForcePathStyle",
        True,
    ),
    ("config overrides region", make(aws=aws(config={"region": "us-east-1"})), "aws.config.region", "us-east-1"),
    (
        "s3Url set by hand",
        make(digitalocean=do(config={"s3Url": "https://x"})),
        "digitalocean.config.s3Url",
        "https://x",
    ),
    ("prefix leading slash", make(aws=aws(prefix="/velero")), "aws.prefix", "/velero"),
    ("prefix trailing slash", make(digitalocean=do(prefix="velero/")), "digitalocean.prefix", "velero/"),
    ("access mode", make(aws=aws(access_mode="WriteOnly")), "aws.access_mode", "WriteOnly"),
    (
        "included namespace with space",
        make(aws=aws_schedule(included_namespaces=["kube system"])),
        "aws.schedule.included_namespaces[0]",
        "kube system",
    ),
    (
        "namespaces as a string",
        make(aws=aws_schedule(included_namespaces="default")),
        "aws.schedule.included_namespaces",
        "default",
    ),
    (
        "resource name",
        make(digitalocean=do_schedule(excluded_resources=["Deployments"])),
        "digitalocean.schedule.excluded_resources[0]",
        "Deployments",
    ),
    (
        "label selector value",
        make(aws=aws_schedule(label_selector={"tier": "gold plated"})),
        "aws.schedule.label_selector.tier",
        "gold plated",
    ),
    (
        "label selector key",
        make(aws=aws_schedule(label_selector={"-tier": "gold"})),
        "aws.schedule.label_selector.-tier",
        "-tier",
    ),
    ("image without tag", make(aws_plugin_image="velero/velero-plugin-for-aws"), "aws_plugin_image", None),
    ("image latest", make(velero_image="velero/velero:latest"), "velero_image", "velero/velero:latest"),
    ("chart 2.x", make(chart_version="2.31.8"), "chart_version", "2.31.8"),
    ("timeout zero", make(timeout=0), "timeout", 0),
    (
        "extra values credentials",
        make(extra_values={"credentials": {"useSecret": False}}),
        "extra_values.credentials",
        None,
    ),
    ("extra values restic", make(extra_values={"deployRestic": True}), "extra_values.deployRestic", True),
    # Not a scalar: refused without repeating it (tests/test_secret_redaction.py).
    ("extra values not a mapping", make(extra_values=["resources"]), "extra_values", None),
    (
        "config not a mapping beside a KMS key",
        make(
            aws=lambda s: AwsLocation(
                bucket="acme-velero",
                region="ca-central-1",
                config=["kmsKeyId"],  # type: ignore[arg-type]
                create_bucket=True,
                bucket_options=S3BucketOptions(kms_key_arn=KMS_KEY),
                create_iam_user=True,
            )
        ),
        "aws.config",
        None,  # not a scalar: named by its type ("got a list"), never repeated
    ),
    (
        "extra values configuration.provider",
        make(extra_values={"configuration": {"provider": "aws"}}),
        "extra_values.configuration.provider",
        "aws",
    ),
    ("secret names clash", make(digitalocean=do(credentials_secret_name="velero-aws-credentials")), None, None),
    *[
        (f"create {name}", make(namespace=name), "namespace", name)
        for name in ("kube-system", "default", "kube-public", "kube-node-lease")
    ],
    ("repository not a url", make(chart_repository="not a url"), "chart_repository", "not a url"),
    ("repository http", make(chart_repository="http://charts.acme.io"), "chart_repository", None),
    ("repository credentials", make(chart_repository="https://u:p@charts.acme.io"), "chart_repository", None),
    ("repository without host", make(chart_repository="https://"), "chart_repository", None),
    ("repository port", make(chart_repository="https://charts.acme.io:x"), "chart_repository", None),
    ("timeout beyond Go", make(timeout=10**12), "timeout", 10**12),
    ("config key unknown to the plugin", make(aws=aws(config={"s3forcepathstyle": "true"})), "aws.config", None),
    ("config bool", make(aws=aws(config={"s3ForcePathStyle": "yes"})), "aws.config.s3ForcePathStyle", "yes"),
    ("config checksum", make(digitalocean=do(config={"checksumAlgorithm": "MD5"})), None, "MD5"),
    (
        "config two encryptions",
        make(aws=aws(config={"kmsKeyId": "k", "customerKeyEncryptionSecret": "s/k"})),
        "aws.config.customerKeyEncryptionSecret",
        None,
    ),
    ("config one tag", make(aws=aws(config={"tagging": "team=a"})), "aws.config.tagging", "team=a"),
    ("config endpoint", make(aws=aws(config={"s3Url": "minio:9000"})), "aws.config.s3Url", "minio:9000"),
    ("image uppercase", make(velero_image="velero/Velero:v1.18.1"), "velero_image", "velero/Velero:v1.18.1"),
    ("image two tags", make(aws_plugin_image="a/b:v1:v2"), "aws_plugin_image", "a/b:v1:v2"),
    (
        "bucket tag reserved",
        make(aws=aws(create_bucket=True, bucket_options=S3BucketOptions(tags={"aws:team": "a"}))),
        "aws.bucket_options.tags",
        "aws:team",
    ),
    ("max_history float", make(max_history=10.0), "max_history", 10.0),
    (
        "namespace labels without namespace",
        make(create_namespace=False, namespace_labels={"a": "b"}),
        "namespace_labels",
        None,
    ),
]


@pytest.mark.parametrize(("label", "builder", "path", "value"), BAD, ids=[case[0] for case in BAD])
def test_bad_input_is_refused(label: str, builder: Any, path: str | None, value: Any) -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "bad")
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", **builder(secrets(stack)))
    error = raised.value
    if path is not None:
        assert error.path == path, str(error)
        assert str(error).startswith(f"{path}: ")
    if value is not None:
        assert error.value == value
        assert repr(value) in str(error)
    assert error.rule in str(error)


def test_nothing_is_emitted_after_a_refusal() -> None:
    """Validation runs before any resource is created: a refused config leaves the stack empty."""
    app: App = Testing.app()
    stack = TerraformStack(app, "bad")
    s = secrets(stack)
    with pytest.raises(VeleroConfigError):
        VeleroBackups(stack, "velero", aws=aws_location(s), digitalocean=do_location(s, region="mars1"))
    assert "resource" not in synth(stack)


def test_tokens_pass_unvalidated() -> None:
    from cdktf_velero.engine.core import TerraformVariable

    app: App = Testing.app()
    stack = TerraformStack(app, "tokens")
    s = secrets(stack)

    def var(name: str) -> str:
        return TerraformVariable(stack, name, type="string").string_value

    VeleroBackups(
        stack,
        "velero",
        namespace=var("ns"),
        aws=aws_location(s, bucket=var("bucket"), region=var("region"), prefix=var("prefix")),
        digitalocean=do_location(
            s,
            bucket=var("spaces_bucket"),
            region=var("spaces_region"),
            schedule=BackupSchedule(cron=var("cron"), ttl=var("ttl")),
        ),
    )
    doc = synth(stack)
    text = str(doc)
    assert "${var.bucket}" in text
    assert "${var.cron}" in text
    assert "https://${var.spaces_region}.digitaloceanspaces.com" in text


def test_type_errors_are_config_errors() -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "types")
    s = secrets(stack)
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", aws=aws_location(s, bucket=42))
    assert raised.value.path == "aws.bucket"
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero2", aws="s3://bucket")  # type: ignore[arg-type]
    assert raised.value.path == "aws"


@pytest.mark.parametrize(
    "cron", ["0 7 * * *", "*/15 * * * *", "0 19 * * 1-5", "@daily", "@every 6h", "@every 90m", "0 0 1 */2 *"]
)
def test_valid_crons_are_accepted(cron: str) -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "ok")
    s = secrets(stack)
    backups = VeleroBackups(stack, "velero", aws=aws_location(s, schedule=BackupSchedule(cron=cron)))
    assert backups.values["schedules"]["daily-aws-backups"]["schedule"] == cron


@pytest.mark.parametrize(
    "repository", ["https://vmware-tanzu.github.io/helm-charts", "oci://ghcr.io/acme/charts", "https://10.0.0.1:8443/c"]
)
def test_chart_repositories_helm_takes(repository: str) -> None:
    stack = TerraformStack(Testing.app(), "ok")
    backups = VeleroBackups(stack, "velero", aws=aws_location(secrets(stack)), chart_repository=repository)
    assert backups.plan.release.repository == repository
    assert next(iter(synth(stack)["resource"]["helm_release"].values()))["repository"] == repository


def test_system_namespace_without_creating_it() -> None:
    stack = TerraformStack(Testing.app(), "ok")
    backups = VeleroBackups(
        stack, "velero", aws=aws_location(secrets(stack)), namespace="kube-system", create_namespace=False
    )
    assert backups.namespace is None


def test_output_names_must_be_terraform_identifiers_unique_in_the_stack() -> None:
    from constructs import Construct

    stack = TerraformStack(Testing.app(), "outs")
    s = secrets(stack)
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero.prod", aws=aws_location(s), outputs=True)
    assert raised.value.path == "construct_id"
    VeleroBackups(Construct(stack, "a"), "velero", aws=aws_location(s), outputs=True)
    # The first output both would declare: the generated repository password's.
    with pytest.raises(VeleroConfigError, match="velero_repository_password") as raised:
        VeleroBackups(Construct(stack, "b"), "velero", aws=aws_location(s), outputs=True)
    assert raised.value.path == "construct_id"
    VeleroBackups(Construct(stack, "c"), "velero-2", aws=aws_location(s), outputs=True)
    outputs = synth(stack)["output"]
    assert {"velero_aws_bsl_name", "velero-2_aws_bsl_name"} <= set(outputs)
    # Three each: the AWS and default BSL names and the S3 bucket's, plus each generated repository password.
    assert {"velero_repository_password", "velero-2_repository_password"} <= set(outputs)
    assert len(outputs) == 8


def test_a_refused_construct_can_be_retried_with_the_same_id() -> None:
    """Validation runs before the construct node exists: nothing is left behind to collide with."""
    from cdktf_velero.imports.velero import ObjectMeta, Schedule, ScheduleSpec, ScheduleSpecTemplate

    app: App = Testing.app()
    stack = TerraformStack(app, "retry")
    other = TerraformStack(app, "other")
    s = secrets(stack)
    for bad in ({"namespace": "Velero"}, {"outputs": True, "release_name": "-"}, {"extra_values": {"x": 1}}):
        with pytest.raises(VeleroConfigError):
            VeleroBackups(stack, "velero", aws=aws_location(s), custom_resources_stack=other, **bad)
    backups = VeleroBackups(stack, "velero", aws=aws_location(s), custom_resources_stack=other, outputs=True)
    schedule = Schedule(
        metadata=ObjectMeta(name="hourly"),
        spec=ScheduleSpec(schedule="@hourly", template=ScheduleSpecTemplate(ttl="1 day")),
    )
    with pytest.raises(VeleroConfigError):
        backups.add_schedule("hourly", schedule)
    backups.add_schedule(
        "hourly",
        Schedule(
            metadata=schedule.metadata, spec=ScheduleSpec(schedule="@hourly", template=ScheduleSpecTemplate(ttl="24h"))
        ),
    )
    with pytest.raises(VeleroConfigError, match="already used"):
        VeleroBackups(stack, "velero", aws=aws_location(s))
    assert "helm_release" in synth(stack)["resource"]
