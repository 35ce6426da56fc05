"""``DigitalOceanLocation`` through the pure layer: its primary and derived ids, each volume snapshot mode (plugin,
CSI, none) with its token, class and data mover rules, and its key pair."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import BackupSchedule

from .internal import AWS_PLUGIN_IMAGE, DIGITALOCEAN_PLUGIN_IMAGE, planned_output
from .strategies import FAKE_SECRETS as S
from .test_pure_locations import aws, do, located, refused, resolved
from .test_pure_s3_compatible import SERVER_ENV

pytestmark = pytest.mark.pure


def test_the_primary_digitalocean_location_with_the_plugin() -> None:
    snapshots = BackupSchedule(cron="0 19 * * *", snapshot_volumes=True)
    plan, values, manifests = planned_output({"aws": aws(), "digitalocean": do(prefix="p", schedule=snapshots)})
    location = located(plan, "digitalocean")
    assert (location.carrier, location.construct_id, location.features) == ("custom_resources", "digitalocean", ())
    creds = location.credentials
    assert (creds.construct_id, creds.name, creds.name_path) == (
        "spaces-credentials",
        "digitalocean-spaces-credentials",
        "digitalocean.credentials_secret_name",
    )
    token = location.server_secret
    assert (token.construct_id, token.name, token.needed_by, dict(token.data)) == (
        "digitalocean-token",
        "velero-digitalocean-token",
        "digitalocean.volume_snapshots",
        {"DIGITALOCEAN_TOKEN": S["digitalocean_token"]},
    )
    assert [p.container for p in location.plugins] == ["velero-plugin-for-aws", "velero-plugin-digitalocean"]
    assert [c["image"] for c in values["initContainers"]] == [AWS_PLUGIN_IMAGE, DIGITALOCEAN_PLUGIN_IMAGE]
    assert [(o.name, o.value, o.description) for o in location.outputs] == [
        ("digitalocean_bsl_name", "digitalocean", "Velero BackupStorageLocation of Spaces"),
        ("spaces_bucket_name", "acme", "Spaces bucket of the backups"),
    ]
    assert (creds.keys.access_key_id, creds.keys.secret_access_key) == (
        S["spaces_access_key_id"],
        S["spaces_secret_access_key"],
    )
    bsl, vsl, schedule = manifests
    assert bsl["spec"]["config"] == {
        "region": "fra1",
        "s3Url": "https://fra1.digitaloceanspaces.com",
        "checksumAlgorithm": "",
    }
    assert bsl["spec"]["objectStorage"] == {"bucket": "acme", "prefix": "p"}
    assert bsl["spec"]["credential"] == {"name": "digitalocean-spaces-credentials", "key": "cloud"}
    assert vsl["spec"] == {"provider": "digitalocean.com/velero", "config": {"region": "fra1"}}
    assert schedule["metadata"]["name"] == "daily-digitalocean-backups"
    assert schedule["spec"]["template"]["volumeSnapshotLocations"] == ["digitalocean"]
    assert values["configuration"]["extraEnvVars"] == SERVER_ENV


def test_a_digitalocean_location_in_locations_derives_its_ids() -> None:
    extra = do(name="spaces2", volume_snapshots=None, api_token=None)
    location = located(planned_output({"aws": aws(), "locations": [extra]})[0], "locations[0]")
    assert (location.construct_id, location.credentials.construct_id, location.credentials.name) == (
        "location-spaces2",
        "credentials",
        "velero-spaces2-credentials",
    )
    assert (location.schedule.name, location.schedule.object_name) == ("daily-spaces2-backups",) * 2
    assert location.schedule.spec.schedule == "0 19 * * *"
    assert location.outputs[-1].name == "location_spaces2_spaces_bucket_name"


@pytest.mark.parametrize("mode", [None, False])
def test_no_volume_snapshots(mode: Any) -> None:
    location = resolved(do(volume_snapshots=mode, api_token=None), "digitalocean")
    assert (location.vsl_spec, location.server_secret, location.features) == (None, None, ())
    assert [p.container for p in location.plugins] == ["velero-plugin-for-aws"]
    assert location.objects.volume_snapshot_class is None


@pytest.mark.parametrize("mode", ["digitalocean-plugin", True])
def test_the_plugin_modes(mode: Any) -> None:
    location = resolved(do(volume_snapshots=mode), "digitalocean")
    assert location.vsl_spec.provider == "digitalocean.com/velero"
    assert location.objects.volume_snapshot_class is None


def test_csi_snapshots_with_the_data_mover() -> None:
    snapshots = BackupSchedule(cron="0 19 * * *", snapshot_volumes=True)
    location = do(volume_snapshots="csi", api_token=None, snapshot_move_data=True, schedule=snapshots)
    plan, values, manifests = planned_output({"aws": aws(), "digitalocean": location})
    resolved = located(plan, "digitalocean")
    assert (resolved.vsl_spec, resolved.server_secret, resolved.features) == (None, None, ("EnableCSI",))
    assert [p.container for p in resolved.plugins] == ["velero-plugin-for-aws"]
    snapshot_class = resolved.objects.volume_snapshot_class
    assert snapshot_class["metadata"]["name"] == "velero-do-block-storage"
    assert snapshot_class["driver"] == "dobs.csi.digitalocean.com"
    assert values["configuration"]["features"] == "EnableCSI"
    assert [m["kind"] for m in manifests] == ["BackupStorageLocation", "Schedule"]
    assert manifests[1]["spec"]["template"]["snapshotMoveData"] is True
    assert "volumeSnapshotLocations" not in manifests[1]["spec"]["template"]


@pytest.mark.parametrize(("name", "expected"), [(None, None), ("my-class", "my-class")])
def test_the_csi_class_may_be_renamed_or_left_out(name: str | None, expected: str | None) -> None:
    location = resolved(do(volume_snapshots="csi", api_token=None, volume_snapshot_class=name), "do")
    found = location.objects.volume_snapshot_class
    assert (found["metadata"]["name"] if found else None) == expected


@pytest.mark.parametrize(
    ("kw", "path", "value"),
    [
        ({"volume_snapshots": "plugin"}, "digitalocean.volume_snapshots", "plugin"),
        ({"volume_snapshots": 1}, "digitalocean.volume_snapshots", 1),
        ({"volume_snapshots": 0}, "digitalocean.volume_snapshots", 0),
        ({"volume_snapshots": ["csi"]}, "digitalocean.volume_snapshots", "list"),
        ({"volume_snapshot_class": "other"}, "digitalocean.volume_snapshot_class", "other"),
        ({"volume_snapshot_class": None}, "digitalocean.volume_snapshot_class", None),
        (
            {"volume_snapshots": None, "api_token": None, "volume_snapshot_class": "x"},
            "digitalocean.volume_snapshot_class",
            "x",
        ),
        (
            {"volume_snapshots": "csi", "api_token": None, "volume_snapshot_class": "A"},
            "digitalocean.volume_snapshot_class",
            "A",
        ),
        ({"snapshot_move_data": True}, "digitalocean.snapshot_move_data", True),
        (
            {"volume_snapshots": None, "api_token": None, "snapshot_move_data": True},
            "digitalocean.snapshot_move_data",
            True,
        ),
        ({"volume_snapshots": "csi", "api_token": None, "snapshot_move_data": 1}, "digitalocean.snapshot_move_data", 1),
        ({"create_spaces_key": True}, "digitalocean.create_spaces_key", True),
        ({"create_spaces_key": "yes"}, "digitalocean.create_spaces_key", "yes"),
        ({"volume_snapshots": "csi"}, "digitalocean.api_token", None),
        ({"volume_snapshots": None}, "digitalocean.api_token", None),
        ({"api_token": None}, "digitalocean.api_token", None),
        ({"api_token": "dop_v1_LITERAL"}, "digitalocean.api_token", None),
        ({"spaces_access_key_id": None}, "digitalocean.spaces_access_key_id", None),
        ({"spaces_secret_access_key": None}, "digitalocean.spaces_secret_access_key", None),
        ({"create_bucket": True, "create_spaces_key": True}, "digitalocean.spaces_access_key_id", None),
        ({"credentials_secret_name": "Keys"}, "digitalocean.credentials_secret_name", "Keys"),
        ({"config": {"s3Url": "x"}}, "digitalocean.config.s3Url", "x"),
    ],
)
def test_digitalocean_props_refused(kw: dict[str, Any], path: str, value: Any) -> None:
    error = refused(path, digitalocean=do(**kw))
    assert error.value == value
    assert "LITERAL" not in str(error)


def test_a_literal_token_is_accepted_only_with_plaintext_allowed() -> None:
    plan = planned_output({"aws": aws(), "digitalocean": do(api_token="dop_v1_x"), "allow_plaintext_secrets": True})[0]
    assert located(plan, "digitalocean").server_secret.data == {"DIGITALOCEAN_TOKEN": "dop_v1_x"}


def test_a_created_key_leaves_the_key_pair_out() -> None:
    location = do(create_bucket=True, create_spaces_key=True, spaces_access_key_id=None, spaces_secret_access_key=None)
    assert resolved(location, "digitalocean").credentials.keys is None


@pytest.mark.parametrize("prop", ["spaces_access_key_id", "spaces_secret_access_key"])
def test_a_missing_spaces_key_is_reported_as_a_secret(prop: str) -> None:
    error = refused(f"digitalocean.{prop}", digitalocean=do(**{prop: None}))
    assert error.value is None
    assert "<redacted>" in str(error)
