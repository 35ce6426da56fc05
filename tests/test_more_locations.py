"""Any number of locations (``locations=``): a second AWS region and another Spaces bucket beside the primary ones,
with ids derived from their names, one default across all, unique names, and the primary addresses unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cdktf_velero import (
    AwsLocation,
    BackupSchedule,
    DigitalOceanLocation,
    Monitoring,
    S3CompatibleLocation,
    ScheduleAlerts,
    VeleroBackups,
    VeleroConfigError,
)
from cdktf_velero.engine.core import App, TerraformResource, TerraformStack, TerraformVariable, Testing
from cdktf_velero.locations.base import Location
from cdktf_velero.plan import plan_backups
from tests.chart_render import validate_velero_objects
from tests.helpers import aws_location, build, chart_values, do_location, location_kinds, resources, secrets, synth
from tests.test_monitoring import watched

TOKEN = "${TfToken[TOKEN.1]}"
"""A stand-in for a Terraform token in plan-only tests."""

ROOT = Path(__file__).resolve().parents[1]


def west(s: dict[str, str], **kwargs: Any) -> AwsLocation:
    """A second AWS location, in another region."""
    return aws_location(s, name="west", bucket="acme-velero-west", region="us-west-2", **kwargs)


def fra(s: dict[str, str], **kwargs: Any) -> DigitalOceanLocation:
    """A second Spaces location; without snapshots, as the token belongs to the primary one."""
    base: dict[str, Any] = {"api_token": None, "volume_snapshots": False, "schedule": None}
    return do_location(s, name="fra", bucket="acme-velero-fra", region="fra1", **{**base, **kwargs})


def by_path(stack: TerraformStack, doc: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    """A stack's synthesized resources of one type by construct path (``velero/location-west/credentials``)."""
    found = {}
    for construct in stack.node.find_all():
        if isinstance(construct, TerraformResource) and construct.terraform_resource_type == resource_type:
            path = construct.node.path.split("/", 1)[1]
            found[path] = resources(doc, resource_type)[construct.friendly_unique_id]
    return found


def plan(**kwargs: Any) -> Any:
    base: dict[str, Any] = {
        "aws": AwsLocation(bucket="acme", region="us-east-1", access_key_id=TOKEN, secret_access_key=TOKEN)
    }
    return plan_backups(**{**base, **kwargs})


def refusal(**kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        plan(**kwargs)
    return raised.value


def keys(**kwargs: Any) -> dict[str, Any]:
    return {"access_key_id": TOKEN, "secret_access_key": TOKEN, **kwargs}


def spaces_keys(**kwargs: Any) -> dict[str, Any]:
    return {"spaces_access_key_id": TOKEN, "spaces_secret_access_key": TOKEN, **kwargs}


def test_a_second_region_and_another_spaces_bucket_are_emitted_with_ids_from_their_names() -> None:
    def scenario(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(
            stack,
            "velero",
            aws=aws_location(s),
            digitalocean=do_location(s),
            locations=[west(s, schedule=BackupSchedule(cron="0 3 * * *", ttl="720h")), fra(s)],
            outputs=True,
        )

    stack, backups = build(scenario)
    doc = synth(stack)
    secrets_by_path = by_path(stack, doc, "kubernetes_secret")
    manifests = by_path(stack, doc, "kubernetes_manifest")
    assert set(secrets_by_path) == {
        "velero/aws-credentials",
        "velero/digitalocean-token",
        "velero/repository-password",
        "velero/digitalocean/spaces-credentials",
        "velero/location-west/credentials",
        "velero/location-fra/credentials",
    }
    assert set(manifests) == {
        "velero/digitalocean/backup-storage-location",
        "velero/digitalocean/volume-snapshot-location",
        "velero/digitalocean/schedule",
        "velero/location-west/backup-storage-location",
        "velero/location-west/schedule",
        "velero/location-fra/backup-storage-location",
    }
    west_secret = secrets_by_path["velero/location-west/credentials"]
    assert west_secret["metadata"]["name"] == "velero-west-credentials"
    assert west_secret["data"]["cloud"] == (
        "[default]\naws_access_key_id=${var.aws_access_key_id}\naws_secret_access_key=${var.aws_secret_access_key}\n"
    )
    assert secrets_by_path["velero/location-fra/credentials"]["metadata"]["name"] == "velero-fra-credentials"
    west_bsl = manifests["velero/location-west/backup-storage-location"]["manifest"]
    assert west_bsl["metadata"]["name"] == "west"
    assert west_bsl["spec"] == {
        "provider": "aws",
        "objectStorage": {"bucket": "acme-velero-west"},
        "config": {"region": "us-west-2"},
        "default": False,
        "accessMode": "ReadWrite",
        "credential": {"name": "velero-west-credentials", "key": "cloud"},
    }
    fra_bsl = manifests["velero/location-fra/backup-storage-location"]["manifest"]
    assert fra_bsl["spec"]["config"] == {
        "region": "fra1",
        "s3Url": "https://fra1.digitaloceanspaces.com",
        "checksumAlgorithm": "",  # a Spaces bucket is an S3-compatible store
    }
    schedule = manifests["velero/location-west/schedule"]["manifest"]
    assert schedule["metadata"]["name"] == "daily-west-backups"
    assert schedule["spec"]["template"]["storageLocation"] == "west"
    assert schedule["spec"]["template"]["ttl"] == "720h"
    # The chart carries only the primary AWS location; it knows the others only as non-default.
    values = chart_values(doc)
    assert [item["name"] for item in values["configuration"]["backupStorageLocation"]] == ["aws"]
    assert values["configuration"]["defaultBackupStorageLocation"] == "aws"
    assert set(values["schedules"]) == {"daily-aws-backups"}
    # One plugin per kind of store, whatever the number of locations.
    assert [c["name"] for c in values["initContainers"]] == ["velero-plugin-for-aws", "velero-plugin-digitalocean"]
    assert {name for name in doc["output"] if "location" in name} == {
        "velero_location_west_bsl_name",
        "velero_location_west_s3_bucket_name",
        "velero_location_fra_bsl_name",
        "velero_location_fra_spaces_bucket_name",
    }
    assert doc["output"]["velero_location_west_bsl_name"]["value"] == "west"
    assert set(backups.location_resources) == {"digitalocean", "west", "fra"}
    assert backups.default_location_name == "aws"
    validate_velero_objects(doc)


def test_the_primary_addresses_do_not_move_when_locations_are_added() -> None:
    def primary(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(stack, "velero", aws=aws_location(s), digitalocean=do_location(s), outputs=True)

    def more(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(
            stack, "velero", aws=aws_location(s), digitalocean=do_location(s), locations=[west(s), fra(s)], outputs=True
        )

    before, after = synth(build(primary)[0]), synth(build(more)[0])
    for section in ("resource", "output"):
        old = {
            (kind, name) for kind, by in before[section].items() for name in (by if section == "resource" else [kind])
        }
        new = {
            (kind, name) for kind, by in after[section].items() for name in (by if section == "resource" else [kind])
        }
        assert old <= new, old - new
    # The primary resources are unchanged, not only present.
    for kind, by in before["resource"].items():
        for name, res in by.items():
            assert after["resource"][kind][name] == res, f"{kind}.{name}"


def test_an_added_location_may_be_the_default() -> None:
    result = plan(locations=[AwsLocation(name="west", bucket="west", region="us-west-2", default=True, **keys())])
    assert [(loc.name, loc.default) for loc in result.locations] == [("aws", False), ("west", True)]
    assert result.values["configuration"]["defaultBackupStorageLocation"] == "west"
    assert result.values["configuration"]["backupStorageLocation"][0]["default"] is False


def test_an_added_location_left_unmarked_is_not_the_default() -> None:
    added = AwsLocation(name="west", bucket="west", region="us-west-2", **keys())
    assert added.default is None
    result = plan(locations=[added])
    assert result.default_location_name == "aws"
    error = refusal(aws=AwsLocation(bucket="acme", region="us-east-1", default=False, **keys()), locations=[added])
    assert error.path == "aws.default"
    assert "set locations[0].default=True or leave aws.default" in str(error)


def test_only_one_default_across_every_location() -> None:
    error = refusal(
        digitalocean=DigitalOceanLocation(
            bucket="spaces", region="nyc3", default=True, volume_snapshots=False, **spaces_keys()
        ),
        locations=[AwsLocation(name="west", bucket="west", region="us-west-2", default=True, **keys())],
    )
    assert (error.path, error.value) == ("locations[0].default", True)
    assert "digitalocean.default is True" in str(error)


@pytest.mark.parametrize(
    ("locations", "path", "words"),
    [
        (
            [AwsLocation(bucket="west", region="us-west-2", **keys())],
            "locations[0].name",
            "duplicates the name of the aws",
        ),
        (
            [
                AwsLocation(name="west", bucket="west", region="us-west-2", schedule=None, **keys()),
                DigitalOceanLocation(
                    name="west", bucket="west", region="fra1", volume_snapshots=False, **spaces_keys()
                ),
            ],
            "locations[1].name",
            "duplicates the name of the locations[0]",
        ),
        # Named "aws", its derived secret would be the chart's own credentials secret.
        (
            [
                AwsLocation(name="primary", bucket="acme", region="us-east-1", **keys()),
            ],
            None,
            None,
        ),
        (
            [
                DigitalOceanLocation(
                    name="fra",
                    bucket="fra",
                    region="fra1",
                    volume_snapshots=False,
                    credentials_secret_name="velero-west-credentials",
                    **spaces_keys(),
                ),
                AwsLocation(name="west", bucket="west", region="us-west-2", schedule=None, **keys()),
            ],
            "locations[1].name",
            "same credentials secret as the locations[0] location",
        ),
        (
            [AwsLocation(name="west", bucket="west", region="us-west-2", create_bucket=True)],
            "locations[0].create_bucket",
            "only for the primary",
        ),
        (
            [AwsLocation(name="west", bucket="west", region="us-west-2", create_iam_user=True)],
            "locations[0].create_iam_user",
            "only for the primary",
        ),
        (
            [DigitalOceanLocation(name="fra", bucket="fra", region="fra1", create_bucket=True, create_spaces_key=True)],
            "locations[0].create_bucket",
            "only for the primary",
        ),
        (
            [AwsLocation(name=TOKEN, bucket="west", region="us-west-2", **keys())],
            "locations[0].name",
            "must be a literal",
        ),
        (
            [AwsLocation(name="West", bucket="west", region="us-west-2", **keys())],
            "locations[0].name",
            "DNS-1123 label",
        ),
        (
            [
                AwsLocation(
                    name="west",
                    bucket="west",
                    region="us-west-2",
                    schedule=BackupSchedule(cron="@daily", snapshot_volumes=True, volume_snapshot_locations=["nope"]),
                    **keys(),
                )
            ],
            "locations[0].schedule.volume_snapshot_locations[0]",
            "names no configured volume snapshot location",
        ),
        (
            [
                AwsLocation(
                    name="west",
                    bucket="west",
                    region="us-west-2",
                    schedule=BackupSchedule(cron="@daily", name="daily-aws-backups"),
                    **keys(),
                )
            ],
            "locations[0].schedule.name",
            "duplicates the schedule of aws",
        ),
        (["not a location"], "locations[0]", "must be a location: AwsLocation, DigitalOceanLocation"),
        ("aws", "locations", "must be a list of locations"),
    ],
)
def test_added_locations_are_checked(locations: Any, path: str | None, words: str | None) -> None:
    if path is None:  # a control: the same kind of location under a free name is accepted
        assert [loc.name for loc in plan(locations=locations).locations] == ["aws", "primary"]
        return
    error = refusal(locations=locations)
    assert error.path == path, str(error)
    assert words is not None
    assert words in str(error), str(error)


def test_an_added_location_named_like_the_chart_secret_is_refused() -> None:
    """``velero-<name>-credentials`` for ``name="aws"`` is the chart's own credentials secret."""
    error = refusal(
        aws=AwsLocation(name="primary", bucket="acme", region="us-east-1", **keys()),
        locations=[AwsLocation(name="aws", bucket="west", region="us-west-2", schedule=None, **keys())],
    )
    assert (error.path, error.value) == ("locations[0].name", "velero-aws-credentials")
    assert "must differ from the AWS credentials and token secret names" in str(error)


def test_one_digitalocean_location_takes_volume_snapshots() -> None:
    """The DigitalOcean plugin reads one ``DIGITALOCEAN_TOKEN`` from the server's environment."""
    snapshots = DigitalOceanLocation(name="fra", bucket="fra", region="fra1", api_token=TOKEN, **spaces_keys())
    error = refusal(
        digitalocean=DigitalOceanLocation(bucket="spaces", region="nyc3", api_token=TOKEN, **spaces_keys()),
        locations=[snapshots],
    )
    assert (error.path, error.value) == ("locations[0].volume_snapshots", True)
    assert "DIGITALOCEAN_TOKEN" in str(error)
    assert "digitalocean.volume_snapshots already sets" in str(error)
    # Alone, an added DigitalOcean location may take them: its VSL, the plugin and the token secret follow it.
    alone = plan(locations=[snapshots])
    fra_location = alone.location("locations[0]")
    assert fra_location is not None
    assert fra_location.vsl_spec is not None
    assert fra_location.schedule is not None
    assert fra_location.schedule.name == "daily-fra-backups"
    assert alone.values["credentials"]["extraSecretRef"] == "velero-digitalocean-token"
    assert alone.values["configuration"]["defaultVolumeSnapshotLocations"] == "digitalocean.com/velero:fra"


def test_added_locations_go_to_the_custom_resources_stack() -> None:
    app: App = Testing.app()
    chart = TerraformStack(app, "chart")
    other = TerraformStack(app, "other")
    s, s_other = secrets(chart), secrets(other)
    VeleroBackups(chart, "velero", aws=aws_location(s), locations=[west(s_other)], custom_resources_stack=other)
    chart_doc, other_doc = synth(chart), synth(other)
    assert set(by_path(other, other_doc, "kubernetes_manifest")) == {
        "velero/location-west/backup-storage-location",
        "velero/location-west/schedule",
    }
    assert set(by_path(other, other_doc, "kubernetes_secret")) == {"velero/location-west/credentials"}
    assert "kubernetes_manifest" not in chart_doc["resource"]


# Every Terraform address and output of main.py as the first release wrote it: state depends on them.
MAIN_ADDRESSES = {
    "velero": [
        # The repository password (new addresses beside the existing ones, none of which moved).
        "kubernetes_secret.velero_repository-password_02468AFA",
        "output.velero_repository_password",
        "random_password.velero_generated-repository-password_ED35B106",
        "aws_iam_access_key.velero_iam-user_access-key_4C37CE53",
        "aws_iam_user.velero_iam-user_DA0F2F1B",
        "aws_iam_user_policy.velero_iam-user_policy_8E9F3012",
        "aws_s3_bucket.velero_s3-bucket_BF0B498A",
        "aws_s3_bucket_lifecycle_configuration.velero_s3-bucket_lifecycle_DB369200",
        "aws_s3_bucket_ownership_controls.velero_s3-bucket_ownership-controls_08B5E676",
        "aws_s3_bucket_policy.velero_s3-bucket_tls-only-policy_317571DD",
        "aws_s3_bucket_public_access_block.velero_s3-bucket_public-access-block_698A0321",
        "aws_s3_bucket_server_side_encryption_configuration.velero_s3-bucket_encryption_09B5A67F",
        "aws_s3_bucket_versioning.velero_s3-bucket_versioning_8956B4E0",
        "helm_release.velero_release_A557CCA0",
        "kubernetes_namespace.velero_namespace_0618E1E4",
        "kubernetes_secret.velero_aws-credentials_4AA3E254",
        "kubernetes_secret.velero_digitalocean-token_CF8E2968",
        "output.velero_aws_bsl_name",
        "output.velero_default_bsl_name",
        "output.velero_iam_user_name",
        "output.velero_s3_bucket_arn",
        "output.velero_s3_bucket_name",
    ],
    "velero-digitalocean": [
        "digitalocean_spaces_bucket.velero_spaces_bucket_40DE4DC5",
        "digitalocean_spaces_key.velero_spaces_key_CB5A8D42",
        "kubernetes_manifest.velero_digitalocean_backup-storage-location_B69265DD",
        "kubernetes_manifest.velero_digitalocean_schedule_DD262A43",
        "kubernetes_manifest.velero_digitalocean_volume-snapshot-location_8BCB29EE",
        "kubernetes_secret.velero_digitalocean_spaces-credentials_ADFD8858",
        "output.velero_digitalocean_bsl_name",
        "output.velero_spaces_bucket_name",
        "output.velero_spaces_bucket_urn",
    ],
}


def addresses(doc: dict[str, Any]) -> set[str]:
    found = {f"{kind}.{name}" for kind, by in doc.get("resource", {}).items() for name in by}
    return found | {f"output.{name}" for name in doc.get("output", {})}


@pytest.mark.slow  # main.py creates AWS storage: the AWS provider package takes seconds to import
def test_main_keeps_every_address_with_more_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """main.py as it is, plus one location in another region: every address it had is still produced, the chart's
    stack is unchanged, and the only new addresses are those of the added location."""
    import main

    def with_more_locations(scope: Any, construct_id: str, **props: Any) -> VeleroBackups:
        other = props["custom_resources_stack"]
        key_id, secret = (
            TerraformVariable(other, name, type="string", sensitive=True) for name in ("west_id", "west_key")
        )
        west_location = AwsLocation(
            name="west",
            bucket="acme-velero-west",
            region="us-west-2",
            access_key_id=key_id.string_value,
            secret_access_key=secret.string_value,
            schedule=BackupSchedule(cron="0 3 * * *"),
        )
        return VeleroBackups(scope, construct_id, **props, locations=[west_location])

    monkeypatch.setattr(main, "VeleroBackups", with_more_locations)
    app = App(outdir=str(tmp_path))
    main.build(app)
    app.synth()
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    docs = {
        name: json.loads((tmp_path / entry["synthesizedStackPath"]).read_text())
        for name, entry in manifest["stacks"].items()
    }
    assert set(docs) == set(MAIN_ADDRESSES)
    produced = {name: addresses(doc) for name, doc in docs.items()}
    for name, expected in MAIN_ADDRESSES.items():
        assert set(expected) <= produced[name], f"{name} lost {set(expected) - produced[name]}"
    assert produced["velero"] == set(MAIN_ADDRESSES["velero"])
    added = produced["velero-digitalocean"] - set(MAIN_ADDRESSES["velero-digitalocean"])
    # Resource names end in a hash of the construct path; the path is what the ids decide.
    assert {address.rsplit("_", 1)[0] if not address.startswith("output.") else address for address in added} == {
        "kubernetes_manifest.velero_location-west_backup-storage-location",
        "kubernetes_manifest.velero_location-west_schedule",
        "kubernetes_secret.velero_location-west_credentials",
        "output.velero_location_west_bsl_name",
        "output.velero_location_west_s3_bucket_name",
    }


def test_no_location_shows_a_credential_in_its_repr() -> None:
    """Literal credentials (``allow_plaintext_secrets``) must not leak through ``repr()`` of any kind: logs,
    tracebacks. Each is shown as ``<redacted>`` while the rest stays readable."""
    located: list[tuple[Location, int]] = [
        (AwsLocation(bucket="acme", region="us-east-1", access_key_id="LEAKID1", secret_access_key="LEAKSECRET2"), 2),
        (
            DigitalOceanLocation(
                bucket="acme",
                region="nyc3",
                spaces_access_key_id="LEAKID3",
                spaces_secret_access_key="LEAKSECRET4",
                api_token="LEAKTOKEN5",
            ),
            3,
        ),
        (S3CompatibleLocation("minio", "acme", "us-east-1", "http://minio", "LEAKID6", "LEAKSECRET7"), 2),
    ]
    assert {type(location) for location, _ in located} == location_kinds()
    for location, credentials in located:
        shown = repr(location)
        assert "bucket='acme'" in shown
        assert "LEAK" not in shown
        assert shown.count("<redacted>") == credentials


def test_the_schedules_of_added_locations_get_their_alerts() -> None:
    """With monitoring, every schedule of a location in ``locations=`` is watched as the primary ones are: by
    the Schedule object's name, with a threshold from its cron, overridable in ``Monitoring.schedules``; a
    location without a schedule adds none, and a token cron needs its threshold, named by its property path."""
    stack = TerraformStack(Testing.app(), "monitored")
    s = secrets(stack)
    weekly = BackupSchedule(cron="0 4 * * 0", ttl="2160h", name="weekly-b2")
    b2 = S3CompatibleLocation(
        "b2",
        "acme-velero-b2",
        "us-west-004",
        "https://s3.us-west-004.backblazeb2.com",
        s["spaces_access_key_id"],
        s["spaces_secret_access_key"],
        schedule=weekly,
    )
    located = [west(s, schedule=BackupSchedule(cron="0 3 * * *")), fra(s), b2]
    backups = VeleroBackups(
        stack,
        "velero",
        aws=aws_location(s),
        digitalocean=do_location(s),
        locations=located,
        monitoring=Monitoring(schedules={"weekly-b2": ScheduleAlerts(stale_after="8d")}),
    )
    assert backups.monitoring is not None
    rules = backups.monitoring.rules()
    hours = {name: seconds // 3600 for name, seconds in watched(rules, "VeleroBackupStale").items()}
    assert hours == {
        "velero-daily-aws-backups": 25,
        "daily-digitalocean-backups": 25,
        "daily-west-backups": 25,
        "weekly-b2": 8 * 24,
    }
    assert set(watched(rules, "VeleroScheduleNeverSucceeded")) == set(hours)
    manifests = [res["manifest"] for res in resources(synth(stack), "kubernetes_manifest").values()]
    emitted = {obj["metadata"]["name"] for obj in manifests if obj["kind"] == "Schedule"}
    assert emitted == set(hours) - {"velero-daily-aws-backups"}  # the chart renders the aws one

    cron = TerraformVariable(stack, "cron", type="string").string_value
    tokened = west(s, schedule=BackupSchedule(cron=cron))
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "token", aws=aws_location(s), locations=[tokened], monitoring=True)
    assert raised.value.path == "locations[0].schedule.cron"
    with_threshold = Monitoring(schedules={"daily-west-backups": ScheduleAlerts(stale_after="25h")})
    backups = VeleroBackups(stack, "ok", aws=aws_location(s), locations=[tokened], monitoring=with_threshold)
    assert backups.monitoring is not None
    assert watched(backups.monitoring.rules(), "VeleroBackupStale")["daily-west-backups"] == 25 * 3600
