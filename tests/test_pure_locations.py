"""``AwsLocation`` and the code every kind shares (:mod:`cdktf_velero.locations.common`, ``.base``) through the
pure layer: ids, credentials, outputs, BSL config and the S3-compatible switch, each rule at its boundary."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import (
    AwsLocation,
    BackupSchedule,
    DigitalOceanLocation,
    S3BucketOptions,
    S3CompatibleLocation,
    VeleroConfigError,
)
from cdktf_velero.imports.velero import VolumeSnapshotLocationSpec
from cdktf_velero.location_resources import DigitalOceanBackups, LocationResources
from cdktf_velero.locations.base import Location, ResolvedLocation
from cdktf_velero.locations.common import check_vsl_spec

from .internal import BackupsPlan, planned_output, resolve
from .strategies import FAKE_SECRETS, FAKE_TOKENS
from .test_pure_s3_compatible import SERVER_ENV

pytestmark = pytest.mark.pure

S = FAKE_SECRETS
KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def aws(**kw: Any) -> AwsLocation:
    keys = {"access_key_id": S["aws_access_key_id"], "secret_access_key": S["aws_secret_access_key"]}
    return AwsLocation(**{"bucket": "acme", "region": "us-east-1", **keys, **kw})


def do(**kw: Any) -> DigitalOceanLocation:
    keys = {
        "spaces_access_key_id": S["spaces_access_key_id"],
        "spaces_secret_access_key": S["spaces_secret_access_key"],
    }
    return DigitalOceanLocation(
        **{"bucket": "acme", "region": "fra1", **keys, "api_token": S["digitalocean_token"], **kw}
    )


def refused(path: str, **kwargs: Any) -> VeleroConfigError:
    kwargs.setdefault("aws", aws())
    with pytest.raises(VeleroConfigError) as raised:
        planned_output(kwargs)
    assert raised.value.path == path
    assert raised.value.rule
    return raised.value


def located(plan: BackupsPlan, path: str) -> Any:
    """The location the plan resolved at ``path`` (as ``Any``: each case reads the optional fields it makes present)."""
    found = plan.location(path)
    assert isinstance(found, ResolvedLocation)
    return found


def resolved(location: Location, path: str, *, default: bool = False) -> Any:
    """``location`` resolved alone at ``path``, as ``plan_backups`` resolves it."""
    return resolve(location, path, default=default)


# --- AWS ---


def test_the_primary_aws_location_is_the_charts() -> None:
    given = aws(prefix="prod")
    plan, values, manifests = planned_output({"aws": given})
    location = located(plan, "aws")
    assert location.source is given
    assert (location.carrier, location.construct_id, location.objects, manifests) == ("chart", "aws", None, [])
    creds = location.credentials
    assert (creds.construct_id, creds.name, creds.name_path, creds.chart_default) == (
        "aws-credentials",
        "velero-aws-credentials",
        "aws_credentials_secret_name",
        True,
    )
    assert (creds.keys.access_key_id, creds.keys.secret_access_key) == (
        S["aws_access_key_id"],
        S["aws_secret_access_key"],
    )
    assert [(o.name, o.value, o.description) for o in location.outputs] == [
        ("aws_bsl_name", "aws", "Velero BackupStorageLocation of the S3 bucket"),
        ("s3_bucket_name", "acme", "S3 bucket of the Velero backups"),
    ]
    assert (location.schedule.name, location.schedule.object_name) == ("daily-aws-backups", "velero-daily-aws-backups")
    assert (location.schedule.spec.schedule, location.schedule.file_system_backup) == ("0 7 * * *", True)
    assert location.bsl_spec.credential is None
    assert values["configuration"]["backupStorageLocation"] == [
        {
            "name": "aws",
            "provider": "aws",
            "bucket": "acme",
            "prefix": "prod",
            "default": True,
            "accessMode": "ReadWrite",
            "config": {"region": "us-east-1"},
        }
    ]
    assert "extraEnvVars" not in values["configuration"]
    assert location.s3_compatible_store is False


def test_an_aws_location_in_locations_is_emitted_with_ids_of_its_own() -> None:
    west = aws(name="west", bucket="acme-west", region="us-west-2", schedule=BackupSchedule(cron="@daily"))
    plan, _, manifests = planned_output({"aws": aws(), "locations": [west]})
    location = located(plan, "locations[0]")
    assert (location.carrier, location.construct_id) == ("custom_resources", "location-west")
    creds = location.credentials
    assert (creds.construct_id, creds.name, creds.name_path, creds.chart_default) == (
        "credentials",
        "velero-west-credentials",
        "locations[0].name",
        False,
    )
    assert [(o.name, o.value) for o in location.outputs] == [
        ("location_west_bsl_name", "west"),
        ("location_west_s3_bucket_name", "acme-west"),
    ]
    bsl, schedule = manifests
    assert bsl["spec"]["credential"] == {"name": "velero-west-credentials", "key": "cloud"}
    assert bsl["spec"]["config"] == {"region": "us-west-2"}
    assert schedule["metadata"]["name"] == "daily-west-backups"
    assert located(plan, "locations[0]").schedule.object_name == "daily-west-backups"


def test_an_aws_location_moves_no_snapshot_data() -> None:
    west = aws(name="west", schedule=BackupSchedule(cron="@daily", snapshot_volumes=True))
    csi = do(volume_snapshots="csi", api_token=None, schedule=None)  # so that a schedule may take snapshots
    manifests = planned_output({"aws": aws(), "digitalocean": csi, "locations": [west]})[2]
    (schedule,) = (m for m in manifests if m["kind"] == "Schedule")
    assert schedule["spec"]["template"]["snapshotVolumes"] is True
    assert "snapshotMoveData" not in schedule["spec"]["template"]


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("https://s3.us-east-1.amazonaws.com", False),
        ("https://amazonaws.com", False),
        ("https://S3.AMAZONAWS.COM", False),
        ("https://s3.cn-north-1.amazonaws.com.cn", False),
        (FAKE_TOKENS[0], False),
        ("https://notamazonaws.com", True),
        ("https://amazonaws.com.example.com", True),
        ("https://minio.example.com", True),
    ],
)
def test_an_s3url_outside_amazonaws_makes_a_store(url: str, other: bool) -> None:
    plan, values, _ = planned_output({"aws": aws(config={"s3Url": url})})
    expected = {"region": "us-east-1", "s3Url": url, **({"checksumAlgorithm": ""} if other else {})}
    assert values["configuration"]["backupStorageLocation"][0]["config"] == expected
    assert values["configuration"].get("extraEnvVars") == (SERVER_ENV if other else None)
    assert located(plan, "aws").s3_compatible_store is other


@pytest.mark.parametrize(
    ("kw", "path", "value"),
    [
        ({"config": {"region": "x"}}, "aws.config.region", "x"),
        ({"config": {"a: b": "x"}}, "aws.config.a: b", "a: b"),
        ({"access_mode": "readwrite"}, "aws.access_mode", "readwrite"),
        ({"access_mode": None}, "aws.access_mode", None),
        ({"name": "null"}, "aws.name", "null"),  # a DNS label that YAML reads as null
        ({"config": {"checksumAlgorithm": "MD5"}}, "aws.config.checksumAlgorithm", "MD5"),  # the AWS plugin's rules
        ({"validation_frequency": "5 minutes"}, "aws.validation_frequency", "5 minutes"),
        ({"backup_sync_period": "1d"}, "aws.backup_sync_period", "1d"),
        ({"create_iam_user": "yes"}, "aws.create_iam_user", "yes"),
        ({"create_bucket": 1}, "aws.create_bucket", 1),
        ({"iam_user_name": "velero user"}, "aws.iam_user_name", "velero user"),
        ({"bucket_options": S3BucketOptions()}, "aws.bucket_options", "S3BucketOptions"),
        ({"access_key_id": None}, "aws.access_key_id", None),
        ({"secret_access_key": None}, "aws.secret_access_key", None),
        ({"create_iam_user": True}, "aws.access_key_id", None),
        ({"create_iam_user": True, "access_key_id": None}, "aws.secret_access_key", None),
        (
            {"create_bucket": True, "bucket_options": S3BucketOptions(kms_key_arn=KMS), "config": {"kmsKeyId": "k"}},
            "aws.config.kmsKeyId",
            "k",
        ),
        (
            {"create_bucket": True, "bucket_options": S3BucketOptions(kms_key_arn=KMS), "config": []},
            "aws.config",
            "list",
        ),
    ],
)
def test_aws_props_refused(kw: dict[str, Any], path: str, value: Any) -> None:
    assert refused(path, aws=aws(**kw)).value == value


@pytest.mark.parametrize("prop", ["access_key_id", "secret_access_key"])
def test_a_missing_aws_key_shows_nothing_hidden(prop: str) -> None:
    error = refused(f"aws.{prop}", aws=aws(**{prop: None}))
    assert error.value is None
    assert "<redacted>" not in str(error)  # nothing was given: nothing to hide


@pytest.mark.parametrize("given", [{}, {"kmsKeyId": KMS}])
def test_the_created_buckets_kms_key_is_the_locations(given: dict[str, str]) -> None:
    location = aws(create_bucket=True, bucket_options=S3BucketOptions(kms_key_arn=KMS), config=given)
    config = planned_output({"aws": location})[1]["configuration"]["backupStorageLocation"][0]["config"]
    assert config == {"region": "us-east-1", "kmsKeyId": KMS}


def test_a_created_user_leaves_the_key_pair_out() -> None:
    location = aws(access_key_id=None, secret_access_key=None, create_iam_user=True)
    assert located(planned_output({"aws": location})[0], "aws").credentials.keys is None


@pytest.mark.parametrize(
    ("kind", "prop"),
    [(aws, "create_bucket"), (aws, "create_iam_user"), (do, "create_bucket"), (do, "create_spaces_key")],
)
def test_created_storage_is_for_the_primary_locations_only(kind: Any, prop: str) -> None:
    assert refused(f"locations[0].{prop}", locations=[kind(name="extra", **{prop: True})]).value is True


def test_a_token_cannot_name_a_location_in_locations() -> None:
    assert refused("locations[0].name", locations=[aws(name=FAKE_TOKENS[0])]).value == FAKE_TOKENS[0]


@pytest.mark.parametrize(("name", "shown"), [("nightly", "nightly"), (None, "<BackupSchedule>")])
def test_a_read_only_location_takes_no_schedule(name: str | None, shown: str) -> None:
    location = aws(access_mode="ReadOnly", schedule=BackupSchedule(cron="@daily", name=name))
    with pytest.raises(VeleroConfigError) as raised:
        resolve(location, "aws", default=False)
    assert (raised.value.path, raised.value.value) == ("aws.schedule", shown)
    assert resolved(aws(access_mode="ReadOnly", schedule=None), "aws").schedule is None


@pytest.mark.parametrize("schedule", ["0 7 * * *", 5, BackupSchedule(cron="0 7 * *")])
def test_a_read_only_location_checks_its_schedule_first(schedule: object) -> None:
    """A schedule of the wrong type (or a bad one) is named as such, not by the ReadOnly rule (which reads its name)."""
    with pytest.raises(VeleroConfigError) as raised:
        resolve(aws(access_mode="ReadOnly", schedule=schedule), "aws", default=False)
    error = raised.value
    if isinstance(schedule, BackupSchedule):
        assert (error.path, error.value) == ("aws.schedule.cron", "0 7 * *")
    else:
        assert (error.path, error.value) == ("aws.schedule", schedule)


# --- shared code and the protocol ---


def test_a_vsl_spec_needs_a_provider_and_takes_no_config() -> None:
    check_vsl_spec(lambda field: f"x.{field}", VolumeSnapshotLocationSpec(provider="p"))
    with pytest.raises(VeleroConfigError) as raised:
        check_vsl_spec(lambda field: f"x.{field}", VolumeSnapshotLocationSpec(provider=3))  # type: ignore[arg-type]
    assert (raised.value.path, raised.value.value) == ("x.provider", 3)
    with pytest.raises(VeleroConfigError) as raised:
        check_vsl_spec(lambda field: f"x.{field}", VolumeSnapshotLocationSpec(provider="p", config={"a": 1}))  # type: ignore[dict-item]
    assert raised.value.path.startswith("x.config")


def test_the_sub_construct_classes() -> None:
    store = S3CompatibleLocation("s", "velero", "auto", "https://s3.example.com", FAKE_TOKENS[0], FAKE_TOKENS[1])
    assert store.create_storage(object(), resolve(store, "x", default=False), None) is None  # type: ignore[arg-type]
    assert (store.resources_class(), aws().resources_class()) == (LocationResources, LocationResources)
    assert do().resources_class() is DigitalOceanBackups
