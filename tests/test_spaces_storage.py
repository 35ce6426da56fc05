"""SpacesBucket on its own: snapshots paired with property checks, and bad input."""

from __future__ import annotations

from typing import Any

import pytest
from cdktf import App, TerraformOutput, TerraformStack, Testing
from syrupy.assertion import SnapshotAssertion

from cdktf_velero.errors import VeleroConfigError
from cdktf_velero.spaces_storage import SpacesBucket, SpacesBucketOptions
from tests.helpers import only, resources, synth


def stack() -> TerraformStack:
    app: App = Testing.app()
    return TerraformStack(app, "test")


@pytest.fixture(scope="module")
def default_doc() -> dict[str, Any]:
    st = stack()
    SpacesBucket(st, "spaces", bucket_name="acme-velero", region="nyc3")
    return synth(st)


@pytest.fixture(scope="module")
def key_doc() -> dict[str, Any]:
    st = stack()
    SpacesBucket(
        st,
        "spaces",
        bucket_name="acme-velero",
        region="fra1",
        options=SpacesBucketOptions(expiration=True, versioning=True),
        create_key=True,
    )
    return synth(st)


def test_default_snapshot(default_doc: dict[str, Any], snapshot: SnapshotAssertion) -> None:
    assert default_doc == snapshot


def test_default_bucket_is_private_and_protected(default_doc: dict[str, Any]) -> None:
    bucket = only(default_doc, "digitalocean_spaces_bucket")
    assert bucket["name"] == "acme-velero"
    assert bucket["region"] == "nyc3"
    assert bucket["acl"] == "private"
    assert bucket["force_destroy"] is False
    assert bucket["lifecycle"] == {"prevent_destroy": True}
    assert "lifecycle_rule" not in bucket
    assert "versioning" not in bucket
    assert not resources(default_doc, "digitalocean_spaces_key")


def test_key_snapshot(key_doc: dict[str, Any], snapshot: SnapshotAssertion) -> None:
    assert key_doc == snapshot


def test_expiration_versioning_and_scoped_key(key_doc: dict[str, Any]) -> None:
    bucket = only(key_doc, "digitalocean_spaces_bucket")
    assert bucket["lifecycle_rule"] == [{"id": "expire-backups", "enabled": True, "expiration": {"days": 365}}]
    assert bucket["versioning"] == {"enabled": True}
    key = only(key_doc, "digitalocean_spaces_key")
    assert key["name"] == "velero-acme-velero"
    # Only this bucket, read and write: not fullaccess, which would reach every bucket of the team.
    (bucket_key,) = resources(key_doc, "digitalocean_spaces_bucket")
    assert key["grant"] == [{"bucket": f"${{digitalocean_spaces_bucket.{bucket_key}.name}}", "permission": "readwrite"}]


def test_key_tokens_and_custom_days() -> None:
    st = stack()
    spaces = SpacesBucket(
        st,
        "s",
        bucket_name="acme-velero",
        region="nyc3",
        options=SpacesBucketOptions(expiration=True, expiration_days=30, force_destroy=True, prevent_destroy=False),
        create_key=True,
        key_name="velero-prod",
    )
    TerraformOutput(st, "tokens", value=[spaces.access_key_id, spaces.secret_access_key], sensitive=True)
    doc = synth(st)
    (key_id,) = resources(doc, "digitalocean_spaces_key")
    assert doc["output"]["tokens"]["value"] == [
        f"${{digitalocean_spaces_key.{key_id}.access_key}}",
        f"${{digitalocean_spaces_key.{key_id}.secret_key}}",
    ]
    bucket = only(doc, "digitalocean_spaces_bucket")
    assert bucket["lifecycle_rule"][0]["expiration"] == {"days": 30}
    assert (bucket["force_destroy"], bucket["lifecycle"]) == (True, {"prevent_destroy": False})
    assert only(doc, "digitalocean_spaces_key")["name"] == "velero-prod"


def test_no_key_means_no_key_tokens() -> None:
    spaces = SpacesBucket(stack(), "s", bucket_name="acme-velero", region="nyc3")
    assert (spaces.key, spaces.access_key_id, spaces.secret_access_key) == (None, None, None)


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"bucket_name": "acme.velero"}, "bucket"),
        ({"bucket_name": "Acme"}, "bucket"),
        ({"region": "us-east-1"}, "region"),
        ({"options": SpacesBucketOptions(expiration=True, expiration_days=0)}, "bucket_options.expiration_days"),
        ({"options": SpacesBucketOptions(expiration_days=-1)}, "bucket_options.expiration_days"),
        ({"options": SpacesBucketOptions(versioning="yes")}, "bucket_options.versioning"),  # type: ignore[arg-type]
        ({"create_key": 1}, "create_spaces_key"),
    ],
)
def test_bad_input_names_the_property(kwargs: dict[str, Any], path: str) -> None:
    args: dict[str, Any] = {"bucket_name": "acme-velero", "region": "nyc3", **kwargs}
    with pytest.raises(VeleroConfigError) as info:
        SpacesBucket(stack(), "s", **args)
    assert info.value.path == path
