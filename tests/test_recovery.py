"""Issue 16: ReadOnly locations and recovery installs, rendered with the real chart; the refusals around them; the
read-only IAM user."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from cdktf_velero import (
    AwsLocation,
    BackupSchedule,
    DigitalOceanLocation,
    VeleroBackups,
    VeleroConfigError,
    recovery_location,
)
from cdktf_velero.engine.core import TerraformStack, TerraformVariable, Testing
from cdktf_velero.imports.velero import (
    Backup,
    BackupSpec,
    BackupStorageLocation,
    BackupStorageLocationSpec,
    BackupStorageLocationSpecObjectStorage,
    ObjectMeta,
    Schedule,
    ScheduleSpec,
    ScheduleSpecTemplate,
)
from cdktf_velero.plan import plan_backups
from cdktf_velero.storage.iam import READ_ONLY_RESTORE_ACTIONS, velero_iam_policy

from . import helpers
from .chart_render import validate_velero_objects


def recovery_install(stack: TerraformStack, **kwargs: Any) -> VeleroBackups:
    """A recovery install of the helpers' production locations."""
    s = helpers.secrets(stack)
    password = TerraformVariable(stack, "repository_password", type="string", sensitive=True).string_value
    props: dict[str, Any] = {
        "recovery": True,
        "repository_password": password,
        "aws": recovery_location(helpers.aws_location(s, prefix="prod")),
        "digitalocean": recovery_location(helpers.do_location(s, prefix="prod")),
    }
    return VeleroBackups(stack, "velero", **{**props, **kwargs})


def test_a_recovery_install_renders_read_only_without_schedules() -> None:
    stack = TerraformStack(Testing.app(), "recovery")
    backups = recovery_install(stack)
    doc = helpers.synth(stack)
    rendered = validate_velero_objects(doc)  # the real chart, and every object against its CRD
    chart_bsls = rendered.of_kind("BackupStorageLocation", "velero.io/v1")
    manifest_bsls = [m for m in helpers.manifest_objects(doc) if m["kind"] == "BackupStorageLocation"]
    assert [b["spec"]["accessMode"] for b in [*chart_bsls, *manifest_bsls]] == ["ReadOnly", "ReadOnly"]
    assert {b["spec"]["objectStorage"]["prefix"] for b in [*chart_bsls, *manifest_bsls]} == {"prod"}
    assert chart_bsls[0]["spec"]["default"] is True  # a ReadOnly default is fine here: nothing backs up
    assert rendered.of_kind("Schedule", "velero.io/v1") == []
    assert [m["kind"] for m in helpers.manifest_objects(doc)] == ["BackupStorageLocation", "VolumeSnapshotLocation"]
    assert helpers.chart_values(doc)["schedules"] == {}
    # File-system restores run in the node agent, though no schedule asks for file-system backup.
    assert rendered.of_kind("DaemonSet", "apps/v1")
    secret = next(
        s
        for s in helpers.resources(doc, "kubernetes_secret").values()
        if s["metadata"]["name"] == "velero-repo-credentials"
    )
    assert secret["data"] == {"repository-password": "${var.repository_password}"}
    assert "random_password" not in doc["resource"]
    assert backups.plan.recovery is True


def test_the_chart_restore_only_mode_stays_off() -> None:
    """``recovery`` is the library's mode; the chart's deprecated ``restoreOnlyMode`` is never set."""
    stack = TerraformStack(Testing.app(), "recovery")
    recovery_install(stack)
    values = helpers.chart_values(helpers.synth(stack))
    assert "restoreOnlyMode" not in values.get("configuration", {})


def test_recovery_location_copies_the_bucket_settings() -> None:
    production = AwsLocation(
        bucket="acme-velero",
        region="ca-central-1",
        prefix="prod",
        config={"serverSideEncryption": "AES256"},
        create_bucket=True,
        create_iam_user=True,
    )
    copy = recovery_location(production, create_iam_user=True, iam_user_name="velero-recovery")
    assert (copy.bucket, copy.region, copy.prefix, dict(copy.config)) == (
        "acme-velero",
        "ca-central-1",
        "prod",
        {"serverSideEncryption": "AES256"},
    )
    assert (copy.access_mode, copy.schedule, copy.create_bucket, copy.bucket_options) == ("ReadOnly", None, False, None)
    assert (copy.create_iam_user, copy.iam_user_name) == (True, "velero-recovery")
    spaces = recovery_location(
        DigitalOceanLocation(bucket="acme", region="nyc3", create_bucket=True, create_spaces_key=True)
    )
    assert (spaces.create_bucket, spaces.create_spaces_key, spaces.access_mode) == (False, False, "ReadOnly")
    with pytest.raises(VeleroConfigError) as raised:
        recovery_location(production, iam_user="x")
    assert raised.value.path == "recovery_location.iam_user"
    with pytest.raises(VeleroConfigError):
        recovery_location("aws")  # type: ignore[type-var]


KEYS: dict[str, Any] = {"access_key_id": "${TfToken[TOKEN.1]}", "secret_access_key": "${TfToken[TOKEN.2]}"}
PASSWORD = "${TfToken[TOKEN.3]}"
READ_ONLY_AWS = AwsLocation(bucket="acme-velero", region="ca-central-1", access_mode="ReadOnly", schedule=None, **KEYS)
SPACES: dict[str, Any] = {
    "spaces_access_key_id": "${TfToken[TOKEN.4]}",
    "spaces_secret_access_key": "${TfToken[TOKEN.5]}",
}


@pytest.mark.parametrize(
    ("label", "kwargs", "path", "rule"),
    [
        ("no password", {"recovery": True, "aws": READ_ONLY_AWS}, "repository_password", "is required with recovery"),
        (
            "a read-write location",
            {
                "recovery": True,
                "repository_password": PASSWORD,
                "aws": dataclasses.replace(READ_ONLY_AWS, access_mode="ReadWrite"),
            },
            "aws.access_mode",
            "must be 'ReadOnly' with recovery=True",
        ),
        (
            "the default schedule",
            {
                "recovery": True,
                "repository_password": PASSWORD,
                "aws": AwsLocation(bucket="acme-velero", region="ca-central-1", access_mode="ReadOnly", **KEYS),
            },
            "aws.schedule",
            "backs up to a ReadOnly location",
        ),
        (
            "a created bucket",
            {
                "recovery": True,
                "repository_password": PASSWORD,
                "aws": READ_ONLY_AWS,
                "digitalocean": DigitalOceanLocation(
                    bucket="acme",
                    region="nyc3",
                    access_mode="ReadOnly",
                    schedule=None,
                    create_bucket=True,
                    volume_snapshots=False,
                    **SPACES,
                ),
            },
            "digitalocean.create_bucket",
            "the bucket holds the backups",
        ),
        (
            "velero 1.18.0",
            {
                "recovery": True,
                "repository_password": PASSWORD,
                "aws": READ_ONLY_AWS,
                "velero_image": "velero/velero:v1.18.0",
            },
            "velero_image",
            "issue 9626",
        ),
        (
            "a schedule on a read-only location",
            {
                "aws": AwsLocation(bucket="acme-velero", region="ca-central-1", **KEYS),
                "digitalocean": DigitalOceanLocation(
                    bucket="acme", region="nyc3", access_mode="ReadOnly", volume_snapshots=False, **SPACES
                ),
            },
            "digitalocean.schedule",
            "backs up to a ReadOnly location",
        ),
        (
            "a read-only default outside recovery",
            {"aws": READ_ONLY_AWS},
            "aws.access_mode",
            "cannot be that of the default location outside recovery=True",
        ),
    ],
    ids=lambda case: case if isinstance(case, str) and " " in case else None,
)
def test_bad_read_only_combinations_are_refused(label: str, kwargs: dict[str, Any], path: str, rule: str) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        plan_backups(**kwargs)
    assert raised.value.path == path, f"{label}: {raised.value}"
    assert rule in str(raised.value)


def test_an_unscheduled_read_only_location_beside_the_default_is_fine() -> None:
    """Outside recovery: production backs up to S3 and reads an old Spaces bucket, say, for restores."""
    plan = plan_backups(
        aws=AwsLocation(bucket="acme-velero", region="ca-central-1", **KEYS),
        digitalocean=DigitalOceanLocation(
            bucket="acme", region="nyc3", access_mode="ReadOnly", schedule=None, volume_snapshots=False, **SPACES
        ),
    )
    assert [loc.bsl_spec.access_mode for loc in plan.locations] == ["ReadWrite", "ReadOnly"]
    assert plan.recovery is False


def test_a_digest_or_a_later_image_is_fine_for_recovery() -> None:
    for image in ("velero/velero:v1.19.0", "velero/velero@sha256:" + "a" * 64):
        plan = plan_backups(recovery=True, repository_password=PASSWORD, aws=READ_ONLY_AWS, velero_image=image)
        assert plan.values["deployNodeAgent"] is True


def test_the_node_agent_can_be_left_out_of_a_recovery_install() -> None:
    plan = plan_backups(recovery=True, repository_password=PASSWORD, aws=READ_ONLY_AWS, node_agent=False)
    assert plan.values["deployNodeAgent"] is False


# ---- backups added with add_* ----------------------------------------------------------------------------------


def schedule(storage_location: str | None) -> Schedule:
    return Schedule(
        metadata=ObjectMeta(name="hourly"),
        spec=ScheduleSpec(schedule="0 * * * *", template=ScheduleSpecTemplate(storage_location=storage_location)),
    )


def read_only_bsl() -> BackupStorageLocation:
    return BackupStorageLocation(
        metadata=ObjectMeta(name="archive"),
        spec=BackupStorageLocationSpec(
            provider="aws",
            object_storage=BackupStorageLocationSpecObjectStorage(bucket="acme-archive"),
            access_mode="ReadOnly",
        ),
    )


def test_no_schedule_or_backup_goes_into_a_read_only_location() -> None:
    stack = TerraformStack(Testing.app(), "added")
    s = helpers.secrets(stack)
    backups = VeleroBackups(
        stack,
        "velero",
        aws=helpers.aws_location(s),
        digitalocean=helpers.do_location(s, access_mode="ReadOnly", schedule=None),
    )
    backups.add_backup_storage_location("archive", read_only_bsl())
    for location in ("digitalocean", "archive"):
        with pytest.raises(VeleroConfigError) as raised:
            backups.add_schedule("hourly", schedule(location))
        assert raised.value.path == "add_schedule('hourly').spec.template.storage_location"
        assert raised.value.value == location
        with pytest.raises(VeleroConfigError) as raised:
            backups.add_manifest(
                "one-off", Backup(metadata=ObjectMeta(name="one-off"), spec=BackupSpec(storage_location=location))
            )
        assert raised.value.path == "add_manifest('one-off').spec.storage_location"
    # Into the read-write default (named or not), they are accepted.
    backups.add_schedule("hourly", schedule(None))
    backups.add_manifest(
        "one-off", Backup(metadata=ObjectMeta(name="one-off"), spec=BackupSpec(storage_location="aws"))
    )


def test_a_recovery_install_takes_no_added_backup() -> None:
    stack = TerraformStack(Testing.app(), "recovery")
    backups = recovery_install(stack)
    with pytest.raises(VeleroConfigError) as raised:
        backups.add_schedule("hourly", schedule(None))
    assert raised.value.path == "add_schedule('hourly')"
    assert "a recovery install takes no backups" in str(raised.value)
    with pytest.raises(VeleroConfigError) as raised:
        backups.add_manifest("one-off", Backup(metadata=ObjectMeta(name="one-off"), spec=BackupSpec()))
    assert raised.value.path == "add_manifest('one-off')"


# ---- the read-only IAM user ------------------------------------------------------------------------------------


def test_the_read_only_policy_reads_backups_and_writes_only_restore_logs() -> None:
    arn = "arn:aws:s3:::acme-velero"
    policy = velero_iam_policy(bucket_arn=arn, prefix="prod", read_only=True)
    statements = {s["Sid"]: (s["Action"], s["Resource"]) for s in policy["Statement"]}
    assert statements == {
        "VeleroReadObjects": (["s3:GetObject"], f"{arn}/prod/*"),
        "VeleroRestoreLogs": (list(READ_ONLY_RESTORE_ACTIONS), f"{arn}/prod/restores/*"),
        "VeleroListBucket": (["s3:ListBucket"], arn),
    }
    whole = velero_iam_policy(bucket_arn=arn, read_only=True)
    assert {s["Sid"]: s["Resource"] for s in whole["Statement"]}["VeleroRestoreLogs"] == f"{arn}/restores/*"
    # Never an EC2 action, nor a write outside restores/.
    actions = [a for s in policy["Statement"] for a in s["Action"]]
    assert not [a for a in actions if a.startswith("ec2:")]
    assert sorted(set(actions)) == ["s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"]


def test_a_read_only_location_creates_a_read_only_user() -> None:
    stack = TerraformStack(Testing.app(), "recovery")
    VeleroBackups(
        stack,
        "velero",
        recovery=True,
        repository_password=TerraformVariable(stack, "password", type="string", sensitive=True).string_value,
        aws=recovery_location(
            AwsLocation(bucket="acme-velero", region="ca-central-1", prefix="prod"),
            create_iam_user=True,
            iam_user_name="velero-recovery",
        ),
    )
    doc = helpers.synth(stack)

    policy = json.loads(helpers.only(doc, "aws_iam_user_policy")["policy"])
    assert [s["Sid"] for s in policy["Statement"]] == ["VeleroReadObjects", "VeleroRestoreLogs", "VeleroListBucket"]
    assert helpers.only(doc, "aws_iam_user")["name"] == "velero-recovery"
    assert "aws_s3_bucket" not in doc["resource"]
    validate_velero_objects(doc)


def test_the_schedule_default_is_the_documented_one() -> None:
    """The ReadOnly refusal names the schedule the location carries, its default one included."""
    with pytest.raises(VeleroConfigError) as raised:
        plan_backups(
            aws=AwsLocation(bucket="acme-velero", region="ca-central-1", **KEYS),
            digitalocean=DigitalOceanLocation(
                bucket="acme",
                region="nyc3",
                access_mode="ReadOnly",
                volume_snapshots=False,
                schedule=BackupSchedule(cron="@daily", name="spaces-daily"),
                **SPACES,
            ),
        )
    assert raised.value.value == "spaces-daily"
