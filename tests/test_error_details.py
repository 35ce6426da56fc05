"""Explicit cases for what errors carry (path, value, the other side of a rule) and for the registry of
names the ``add_*`` objects share: details the property tests reach only by chance."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import S3BucketOptions, VeleroConfigError
from cdktf_velero.imports.velero import (
    Backup,
    BackupSpec,
    BackupStorageLocation,
    ObjectMeta,
    Restore,
    RestoreSpec,
    Schedule,
    VolumeSnapshotLocation,
)

from .internal import check_object, planned_output
from .objects import minimal, with_value
from .strategies import FAKE_TOKENS
from .test_pure_cases import aws, do, refused, sched

pytestmark = pytest.mark.pure

_KMS = "arn:aws:kms:us-east-1:123456789012:alias/velero"


def plan(**kwargs: Any) -> Any:
    kwargs.setdefault("aws", aws())
    return planned_output(kwargs)[0]


def add_error(p: Any, method: str, obj: Any, registry: Any = None) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        check_object(p, method, "x", obj, registry)
    return raised.value


def test_object_of_no_velero_kind_names_its_type_and_the_kinds() -> None:
    error = add_error(plan(), "add_manifest", ObjectMeta(name="x"))
    assert (error.path, error.value) == ("add_manifest('x')", "ObjectMeta")
    for kind in ("BackupStorageLocation", "VolumeSnapshotLocation", "Schedule", "Backup", "Restore"):
        assert kind in error.rule


def test_metadata_errors_carry_the_value() -> None:
    p = plan(digitalocean=do())
    meta = {"name": "x"}
    error = add_error(p, "add_schedule", with_value(minimal(Schedule), "metadata", meta))
    assert (error.path, error.value) == ("add_schedule('x').metadata", "dict")  # not a scalar: its type
    assert error.rule
    error = add_error(p, "add_schedule", with_value(minimal(Schedule), "metadata.namespace", "other"))
    assert (error.path, error.value) == ("add_schedule('x').metadata.namespace", "other")
    assert "'velero'" in error.rule
    error = add_error(p, "add_schedule", with_value(minimal(Schedule), "metadata.name", "daily-digitalocean-backups"))
    assert (error.value, error.rule) == ("daily-digitalocean-backups", "another Schedule already has this name")


@pytest.mark.parametrize(
    ("kind", "path", "value", "known"),
    [
        (Schedule, "spec.template.storage_location", "elsewhere", "known: aws, digitalocean"),
        (Backup, "spec.volume_snapshot_locations", ["nope"], "known: digitalocean"),
        (Schedule, "spec.template.default_volumes_to_restic", True, "default_volumes_to_fs_backup"),
        (Schedule, "spec.skip_immediately", False, "drift"),
        (BackupStorageLocation, "spec.default", True, "default"),
    ],
)
def test_template_errors_carry_the_value_and_what_is_known(kind: Any, path: str, value: Any, known: str) -> None:
    error = add_error(plan(digitalocean=do()), "m", with_value(minimal(kind), path, value))
    assert error.path.startswith(f"m('x').{path}")
    assert error.value == (value[0] if isinstance(value, list) else value)
    assert known in error.rule


def test_without_digitalocean_no_snapshot_location_is_known() -> None:
    error = add_error(plan(), "m", with_value(minimal(Backup), "spec.volume_snapshot_locations", ["digitalocean"]))
    assert "(known: none)" in error.rule
    error = add_error(plan(), "m", with_value(minimal(Backup), "spec.storage_location", "digitalocean"))
    assert "(known: aws)" in error.rule


def test_restore_without_a_source_says_what_it_needs() -> None:
    error = add_error(plan(), "add_manifest", with_value(minimal(Restore), "spec.backup_name", None))
    assert error.path == "add_manifest('x').spec.backup_name"
    assert "backup_name or schedule_name" in error.rule


def test_valid_optional_fields_of_added_objects_are_accepted() -> None:
    p = plan()
    bsl = with_value(minimal(BackupStorageLocation, "archive"), "spec.object_storage.prefix", "velero/prod")
    bsl = with_value(bsl, "spec.validation_frequency", "5m")
    checked, registry = check_object(
        p, "add_backup_storage_location", "a", with_value(bsl, "spec.backup_sync_period", "1m")
    )
    assert checked.spec.object_storage.prefix == "velero/prod"
    backup = Backup(metadata=ObjectMeta(name="before.upgrade"), spec=BackupSpec(included_resources=["secrets"]))
    checked, registry = check_object(p, "add_manifest", "b", backup, registry)
    assert checked.metadata.name == "before.upgrade"  # a Backup's name may hold dots; a Schedule's not
    error = add_error(p, "add_schedule", with_value(minimal(Schedule), "metadata.name", "before.upgrade"), registry)
    assert error.path == "add_schedule('x').metadata.name"
    restore = Restore(metadata=ObjectMeta(name="r"), spec=RestoreSpec(schedule_name="nightly"))
    check_object(p, "add_manifest", "c", restore, registry)


def test_registry_names_what_the_plan_and_the_added_objects_took() -> None:
    p = plan(digitalocean=do(schedule=None))  # no DigitalOcean schedule: nothing to take there
    _, registry = check_object(p, "add_backup_storage_location", "a", minimal(BackupStorageLocation, "archive"))
    _, registry = check_object(p, "add_volume_snapshot_location", "v", minimal(VolumeSnapshotLocation, "ebs"), registry)
    _, registry = check_object(p, "add_schedule", "s", minimal(Schedule, "hourly"), registry)
    ok = with_value(minimal(Schedule, "s2"), "spec.template.storage_location", "archive")
    _, registry = check_object(
        p, "add_schedule", "s2", with_value(ok, "spec.template.volume_snapshot_locations", ["ebs"]), registry
    )
    for path, value in (
        ("spec.template.storage_location", "hourly"),
        ("spec.template.volume_snapshot_locations", ["hourly"]),
    ):
        error = add_error(p, "add_schedule", with_value(minimal(Schedule, "s3"), path, value), registry)
        assert error.path.startswith(f"add_schedule('x').{path}")
    for kind, name in (
        (BackupStorageLocation, "aws"),
        (BackupStorageLocation, "digitalocean"),
        (VolumeSnapshotLocation, "digitalocean"),
    ):
        assert add_error(p, "m", minimal(kind, name)).path == "m('x').metadata.name"
    assert add_error(p, "m", minimal(Schedule, "velero-daily-aws-backups")).value == "velero-daily-aws-backups"
    # Without an AWS schedule its chart name is free.
    check_object(plan(aws=aws(schedule=None)), "add_schedule", "s", minimal(Schedule, "velero-daily-aws-backups"))


@pytest.mark.parametrize(
    ("kwargs", "path", "value"),
    [
        ({"namespace_labels": {"a" * 64: "x"}}, "namespace_labels." + "a" * 64, "a" * 64),
        ({"namespace_labels": {"/app": "x"}}, "namespace_labels./app", "/app"),  # an empty prefix
        (
            {"aws": aws(create_bucket=True, bucket_options=S3BucketOptions(kms_key_arn=_KMS), config=["x"])},
            "aws.config",
            "list",
        ),
        ({"aws": aws(schedule=sched(label_selector=["app"]))}, "aws.schedule.label_selector", "list"),
        (
            {"aws": aws(schedule=sched(label_selector={"app": "gold plated"}))},
            "aws.schedule.label_selector.app",
            "gold plated",
        ),
        (
            {"digitalocean": do(schedule=sched(snapshot_volumes=True, volume_snapshot_locations=["Bad"]))},
            "digitalocean.schedule.volume_snapshot_locations[0]",
            "Bad",
        ),
        ({"aws": aws(prefix=5)}, "aws.prefix", 5),
        ({"aws": aws(prefix="a/")}, "aws.prefix", "a/"),
        ({"aws": aws(prefix="a//b")}, "aws.prefix", "a//b"),
        ({"aws": aws(prefix="a b")}, "aws.prefix", "a b"),
        ({"aws": aws(config={"kmsKeyId": "${x}"})}, "aws.config.kmsKeyId", "${x}"),
        ({"aws": aws(config={"profile": "%{x}"})}, "aws.config.profile", "%{x}"),
        ({"aws": aws(config={"profile": "$${TfToken[TOKEN.1]}{x"})}, "aws.config.profile", "$${TfToken[TOKEN.1]}{x"),
        (
            {"extra_values": {"configuration": {"backupStorageLocation": []}}},
            "extra_values.configuration.backupStorageLocation",
            "list",
        ),
    ],
)
def test_errors_carry_path_and_value(kwargs: dict[str, Any], path: str, value: Any) -> None:
    error = refused(**kwargs)
    assert (error.path, error.value) == (path, value)


def test_a_token_is_a_valid_label_value() -> None:
    token = FAKE_TOKENS[0]  # one cdktf issued (text merely shaped like one is refused)
    assert plan(aws=aws(schedule=sched(label_selector={"app": token}))).location("aws").schedule is not None


def test_digitalocean_schedule_is_checked_when_aws_has_none() -> None:
    error = refused(
        aws=aws(schedule=None),
        digitalocean=do(volume_snapshots=False, api_token=None, schedule=sched(snapshot_volumes=True)),
    )
    assert error.path == "digitalocean.schedule.snapshot_volumes"


def test_chart_named_schedule_collision_says_so() -> None:
    error = refused(aws=aws(schedule=sched(name="n")), digitalocean=do(schedule=sched(name="velero-n")))
    assert "the chart names it 'velero-n'" in error.rule


def test_image_with_a_registry_port_keeps_its_repository() -> None:
    values = planned_output({"aws": aws(), "velero_image": "registry:5000/velero/velero:v9.8.7"})[1]
    assert values["image"] == {"repository": "registry:5000/velero/velero", "tag": "v9.8.7"}


def test_digitalocean_credentials_secret_is_planned() -> None:
    location = plan(digitalocean=do(credentials_secret_name="spaces-creds")).location("digitalocean")
    assert location is not None
    assert (location.credentials.name, location.credentials.key) == ("spaces-creds", "cloud")
