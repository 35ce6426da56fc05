"""ReadOnly locations and the recovery install (``recovery=True``) in the pure layer: ``recovery_location``'s copy,
the location rules (:func:`check_locations`, directly and through ``plan_backups``), the refused server image, and
what a recovery plan and its added objects look like. Each refusal is checked by its path and value."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import pytest

from cdktf_velero import (
    AwsLocation,
    BackupSchedule,
    DigitalOceanLocation,
    S3BucketOptions,
    S3CompatibleLocation,
    VeleroConfigError,
    recovery_location,
)
from cdktf_velero.imports.velero import (
    Backup,
    BackupSpec,
    ObjectMeta,
    Restore,
    RestoreSpec,
    Schedule,
    ScheduleSpec,
    ScheduleSpecTemplate,
)
from cdktf_velero.locations.base import Location, ResolveContext, ResolvedLocation
from cdktf_velero.recovery import READ_ONLY, check_locations, check_recovery_image
from cdktf_velero.versions import VELERO_IMAGE

from .internal import check_object, plan_backups
from .strategies import FAKE_SECRETS, FAKE_TOKENS

pytestmark = pytest.mark.pure

S = FAKE_SECRETS
AWS_KEYS: dict[str, Any] = {"access_key_id": S["aws_access_key_id"], "secret_access_key": S["aws_secret_access_key"]}
SPACES_KEYS: dict[str, Any] = {
    "spaces_access_key_id": S["spaces_access_key_id"],
    "spaces_secret_access_key": S["spaces_secret_access_key"],
}
PASSWORD = FAKE_TOKENS[3]


def aws(**kw: Any) -> AwsLocation:
    return AwsLocation(**{"bucket": "acme-velero", "region": "ca-central-1", "prefix": "prod", **AWS_KEYS, **kw})


def spaces(**kw: Any) -> DigitalOceanLocation:
    return DigitalOceanLocation(**{"bucket": "acme", "region": "nyc3", "volume_snapshots": False, **SPACES_KEYS, **kw})


def refused(call: Any, *args: Any, **kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        call(*args, **kwargs)
    assert raised.value.rule, "an explanation"
    return raised.value


# ---- recovery_location --------------------------------------------------------------------------------------------


def changed(before: Any, after: Any) -> dict[str, tuple[Any, Any]]:
    return {
        f.name: (getattr(before, f.name), getattr(after, f.name))
        for f in dataclasses.fields(before)
        if getattr(before, f.name) != getattr(after, f.name)
    }


def test_an_aws_copy_reads_the_same_bucket_and_creates_nothing() -> None:
    options = S3BucketOptions(force_destroy=True)
    production = aws(config={"serverSideEncryption": "AES256"}, create_bucket=True, bucket_options=options)
    copy = recovery_location(production)
    assert changed(production, copy) == {
        "access_mode": ("ReadWrite", READ_ONLY),
        "schedule": (production.schedule, None),
        "create_bucket": (True, False),
        "bucket_options": (options, None),
    }
    assert READ_ONLY == "ReadOnly"
    user = recovery_location(aws(create_iam_user=True, **dict.fromkeys(AWS_KEYS)))
    assert (user.create_iam_user, user.access_key_id) == (False, None)


def test_a_spaces_copy_creates_neither_bucket_nor_key() -> None:
    production = spaces(create_bucket=True, create_spaces_key=True, schedule=BackupSchedule(cron="@daily"))
    assert changed(production, recovery_location(production)) == {
        "access_mode": ("ReadWrite", READ_ONLY),
        "schedule": (production.schedule, None),
        "create_bucket": (True, False),
        "create_spaces_key": (True, False),
    }


def test_an_s3_compatible_copy_has_only_the_props_it_knows() -> None:
    production = S3CompatibleLocation(
        "minio", "velero", "us-east-1", "https://minio.example.com", **AWS_KEYS, schedule=BackupSchedule(cron="@daily")
    )
    assert changed(production, recovery_location(production)) == {
        "access_mode": ("ReadWrite", READ_ONLY),
        "schedule": (production.schedule, None),
    }


def test_changes_win_over_the_reset() -> None:
    copy = recovery_location(aws(create_iam_user=True), create_iam_user=True, iam_user_name="velero-recovery")
    assert (copy.create_iam_user, copy.iam_user_name, copy.access_mode) == (True, "velero-recovery", READ_ONLY)
    assert recovery_location(aws(), prefix="other").prefix == "other"


def test_unknown_changes_are_refused_first_by_name() -> None:
    error = refused(recovery_location, aws(), zeta=1, alpha="a", iam_user_name="x")
    assert (error.path, error.value) == ("recovery_location.alpha", "a")


class _NotADataclass(Location):
    """A location kind that is no dataclass: its props cannot be copied."""

    def resolve(self, ctx: ResolveContext) -> ResolvedLocation:
        raise NotImplementedError


@pytest.mark.parametrize(
    ("value", "shown"), [("aws", "aws"), ({"bucket": "b"}, "dict"), (_NotADataclass(), "_NotADataclass")]
)
def test_only_locations_are_copied(value: Any, shown: str) -> None:
    error = refused(recovery_location, value)
    assert (error.path, error.value) == ("recovery_location", shown)


# ---- check_locations, directly --------------------------------------------------------------------------------------


def loc(path: str, mode: str | None, *, default: bool = False, **source: Any) -> Any:
    """What check_locations reads of a resolved location; ``source`` holds the props of the location kind."""
    return SimpleNamespace(
        path=path,
        default=default,
        bsl_spec=SimpleNamespace(access_mode=mode),
        source=SimpleNamespace(**source),  # a prop it lacks reads as False
    )


@pytest.mark.parametrize(
    ("locations", "recovery", "path", "shown"),
    [
        ([loc("aws", READ_ONLY), loc("do", "ReadWrite")], True, "do.access_mode", "ReadWrite"),
        ([loc("aws", READ_ONLY), loc("do", None)], True, "do.access_mode", None),
        ([loc("a", READ_ONLY, create_bucket=True)], True, "a.create_bucket", True),
        ([loc("a", READ_ONLY), loc("b", READ_ONLY, create_spaces_key=True)], True, "b.create_spaces_key", True),
        ([loc("a", "ReadWrite"), loc("b", READ_ONLY, default=True)], False, "b.access_mode", READ_ONLY),
    ],
)
def test_location_rules_refused(locations: list[Any], recovery: bool, path: str, shown: Any) -> None:
    error = refused(check_locations, locations, recovery=recovery)
    assert (error.path, error.value) == (path, shown)


@pytest.mark.parametrize(
    ("locations", "recovery"),
    [
        ([], True),
        ([loc("a", READ_ONLY, default=True), loc("b", READ_ONLY, create_bucket=False, create_spaces_key=False)], True),
        ([loc("a", "ReadWrite", default=True, create_bucket=True), loc("b", READ_ONLY)], False),
        ([loc("a", "ReadWrite", default=True), loc("b", READ_ONLY, create_bucket=True)], False),
    ],
)
def test_location_rules_met(locations: list[Any], recovery: bool) -> None:
    check_locations(locations, recovery=recovery)


# ---- the server image -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "image", ["velero/velero:v1.18.0", "registry.example.com:5000/velero/velero:v1.18.0", "v1.18.0"]
)
def test_velero_1_18_0_cannot_recover(image: str) -> None:
    error = refused(check_recovery_image, "velero_image", image)
    assert (error.path, error.value) == ("velero_image", image)


@pytest.mark.parametrize(
    "image",
    [
        "velero/velero:v1.18.1",
        VELERO_IMAGE,
        "velero/velero:v1.18.0-rc.1",
        "velero/velero@sha256:" + "a" * 64,
        "velero/velero:v1.18.0@sha256:" + "a" * 64,  # a digest names what runs, whatever the tag says
        "registry.example.com:5000/velero/velero",
    ],
)
def test_other_images_can(image: str) -> None:
    check_recovery_image("velero_image", image)


# ---- recovery=True in the plan --------------------------------------------------------------------------------------

READ_ONLY_AWS = recovery_location(aws())


def recovery(**kw: Any) -> dict[str, Any]:
    return {"recovery": True, "repository_password": PASSWORD, "aws": READ_ONLY_AWS, **kw}


@pytest.mark.parametrize(
    ("kwargs", "path", "shown"),
    [
        (recovery(aws=dataclasses.replace(READ_ONLY_AWS, access_mode="ReadWrite")), "aws.access_mode", "ReadWrite"),
        (
            recovery(digitalocean=recovery_location(spaces(), access_mode="ReadWrite")),
            "digitalocean.access_mode",
            "ReadWrite",
        ),
        (recovery(digitalocean=recovery_location(spaces(), create_bucket=True)), "digitalocean.create_bucket", True),
        (recovery(aws=dataclasses.replace(READ_ONLY_AWS, create_bucket=True)), "aws.create_bucket", True),
        (
            recovery(
                locations=[
                    recovery_location(
                        S3CompatibleLocation("minio", "velero-minio", "us-east-1", "https://m.example.com", **AWS_KEYS),
                        access_mode="ReadWrite",
                    )
                ]
            ),
            "locations[0].access_mode",
            "ReadWrite",
        ),
        (recovery(velero_image="velero/velero:v1.18.0"), "velero_image", "velero/velero:v1.18.0"),
        (recovery(repository_password=None), "repository_password", None),
        ({"aws": READ_ONLY_AWS}, "aws.access_mode", READ_ONLY),
    ],
)
def test_recovery_plans_refused(kwargs: dict[str, Any], path: str, shown: Any) -> None:
    error = refused(plan_backups, **kwargs)
    assert (error.path, error.value) == (path, shown)


def test_a_recovery_plan_reads_every_location_and_restores_files() -> None:
    plan = plan_backups(**recovery(digitalocean=recovery_location(spaces())))
    assert plan.recovery is True
    assert [(loc.name, loc.default, loc.bsl_spec.access_mode) for loc in plan.locations] == [
        ("aws", True, READ_ONLY),
        ("digitalocean", False, READ_ONLY),
    ]
    assert [loc.schedule for loc in plan.locations] == [None, None]
    assert plan.values["schedules"] == {}
    assert plan.values["deployNodeAgent"] is True
    assert plan_backups(**recovery(node_agent=False)).values["deployNodeAgent"] is False


def test_outside_recovery_1_18_0_runs_and_a_read_only_location_beside_the_default_is_fine() -> None:
    plan = plan_backups(
        aws=aws(schedule=None), digitalocean=recovery_location(spaces()), velero_image="velero/velero:v1.18.0"
    )
    assert plan.recovery is False
    assert [(loc.default, loc.bsl_spec.access_mode) for loc in plan.locations] == [
        (True, "ReadWrite"),
        (False, READ_ONLY),
    ]
    assert plan.values["image"]["tag"] == "v1.18.0"
    assert plan.values["deployNodeAgent"] is False  # no schedule backs files up, and no recovery to restore them


# ---- objects added to a recovery install ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "obj", "kind"),
    [
        (
            "add_schedule",
            Schedule(
                metadata=ObjectMeta(name="hourly"),
                spec=ScheduleSpec(schedule="@hourly", template=ScheduleSpecTemplate()),
            ),
            "Schedule",
        ),
        ("add_manifest", Backup(metadata=ObjectMeta(name="one-off"), spec=BackupSpec()), "Backup"),
    ],
)
def test_a_recovery_install_takes_no_backup(method: str, obj: Any, kind: str) -> None:
    plan = plan_backups(**recovery())
    error = refused(check_object, plan, method, "x", obj)
    assert (error.path, error.value) == (f"{method}('x')", kind)
    checked, _ = check_object(plan_backups(aws=aws()), method, "x", obj)
    assert checked.metadata.namespace == "velero"


def test_a_recovery_install_takes_restores() -> None:
    restore = Restore(metadata=ObjectMeta(name="restore-1"), spec=RestoreSpec(schedule_name="velero-daily-aws-backups"))
    checked, registry = check_object(plan_backups(**recovery()), "add_restore", "restore-1", restore)
    assert checked.to_manifest()["spec"] == {"scheduleName": "velero-daily-aws-backups"}
    assert registry.recovery is True
