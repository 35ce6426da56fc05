"""SpacesBucket on its own: snapshots paired with property checks, and bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from cdktf_velero import AwsLocation, DigitalOceanLocation, VeleroBackups
from cdktf_velero.engine.core import App, TerraformOutput, TerraformStack, TerraformVariable, Testing
from cdktf_velero.errors import VeleroConfigError
from cdktf_velero.storage.options import SpacesBucketOptions
from cdktf_velero.storage.spaces import SpacesBucket
from tests.chart_render import validate_velero_objects
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


# --- Wired into VeleroBackups: DigitalOceanLocation(create_bucket=..., create_spaces_key=...) ----


def velero(st: TerraformStack, **do: Any) -> VeleroBackups:
    def var(name: str) -> str:
        return TerraformVariable(st, name, type="string", sensitive=True).string_value

    aws = AwsLocation(
        bucket="acme-velero", region="ca-central-1", access_key_id=var("aws_id"), secret_access_key=var("aws_secret")
    )
    base: dict[str, Any] = {"bucket": "acme-velero", "region": "nyc3", "api_token": var("token")}
    return VeleroBackups(st, "velero", aws=aws, digitalocean=DigitalOceanLocation(**{**base, **do}), outputs=True)


def spaces_keys(st: TerraformStack) -> dict[str, str]:
    return {
        name: TerraformVariable(st, name, type="string", sensitive=True).string_value
        for name in ("spaces_access_key_id", "spaces_secret_access_key")
    }


def spaces_ini(doc: dict[str, Any]) -> str:
    (secret,) = [
        s
        for s in resources(doc, "kubernetes_secret").values()
        if s["metadata"]["name"].startswith("digitalocean-spaces")
    ]
    return str(secret["data"]["cloud"])


@pytest.mark.parametrize(
    ("bucket", "key"),
    [(True, True), (True, False), (False, False)],
    ids=["bucket+key", "bucket-only", "neither"],
)
def test_wired_combinations(bucket: bool, key: bool, snapshot: SnapshotAssertion) -> None:
    st = stack()
    keys = {} if key else spaces_keys(st)
    backups = velero(st, create_bucket=bucket, create_spaces_key=key, **keys)
    doc = synth(st)
    assert doc == snapshot
    validate_velero_objects(doc)  # the release renders with the real chart; its objects pass the CRDs
    assert (backups.spaces_bucket is not None) is bucket
    assert bool(resources(doc, "digitalocean_spaces_bucket")) is bucket
    assert bool(resources(doc, "digitalocean_spaces_key")) is key
    if key:
        (key_id,) = resources(doc, "digitalocean_spaces_key")
        ref = f"digitalocean_spaces_key.{key_id}"
        assert spaces_ini(doc) == (
            f"[default]\naws_access_key_id=${{{ref}.access_key}}\naws_secret_access_key=${{{ref}.secret_key}}\n"
        )
    else:
        assert spaces_ini(doc) == (
            "[default]\naws_access_key_id=${var.spaces_access_key_id}\n"
            "aws_secret_access_key=${var.spaces_secret_access_key}\n"
        )
    outputs = doc["output"]
    assert outputs["velero_digitalocean_bsl_name"]["value"] == "digitalocean"
    assert ("velero_spaces_bucket_urn" in outputs) is bucket
    assert not any("key" in json.dumps(out["value"]) for out in outputs.values())


def test_spaces_storage_follows_the_custom_resources_stack() -> None:
    """With custom_resources_stack, the bucket and key sit with the secret they feed: no cross-stack reference."""
    app: App = Testing.app()
    chart, other = TerraformStack(app, "chart"), TerraformStack(app, "other")
    token = TerraformVariable(chart, "token", type="string", sensitive=True).string_value
    aws = AwsLocation(
        bucket="acme-velero",
        region="ca-central-1",
        access_key_id=TerraformVariable(chart, "aws_id", type="string", sensitive=True).string_value,
        secret_access_key=TerraformVariable(chart, "aws_secret", type="string", sensitive=True).string_value,
    )
    do = DigitalOceanLocation(
        bucket="acme-velero", region="nyc3", create_bucket=True, create_spaces_key=True, api_token=token
    )
    VeleroBackups(chart, "velero", aws=aws, digitalocean=do, custom_resources_stack=other)
    chart_doc, other_doc = synth(chart), synth(other)
    assert not [t for t in chart_doc["resource"] if t.startswith("digitalocean_")]
    assert set(resources(other_doc, "digitalocean_spaces_key"))
    assert "terraform_remote_state" not in json.dumps(other_doc.get("data", {}))


@pytest.mark.parametrize(
    ("do", "path"),
    [
        ({"create_spaces_key": True}, "digitalocean.create_spaces_key"),
        (
            {"create_bucket": True, "create_spaces_key": True, "spaces_access_key_id": "${TfToken[TOKEN.1]}"},
            "digitalocean.spaces_access_key_id",
        ),
        (
            {"create_bucket": True, "create_spaces_key": True, "spaces_secret_access_key": "${TfToken[TOKEN.1]}"},
            "digitalocean.spaces_secret_access_key",
        ),
        ({"create_bucket": True}, "digitalocean.spaces_access_key_id"),
        ({"create_bucket": True, "create_spaces_key": True, "bucket": "acme.velero"}, "digitalocean.bucket"),
        ({"bucket_options": SpacesBucketOptions(), "create_spaces_key": False}, "digitalocean.bucket_options"),
        (
            {
                "create_bucket": True,
                "create_spaces_key": True,
                "bucket_options": SpacesBucketOptions(expiration_days=0),
            },
            "digitalocean.bucket_options.expiration_days",
        ),
    ],
)
def test_wired_bad_input_names_the_property(do: dict[str, Any], path: str) -> None:
    with pytest.raises(VeleroConfigError) as info:
        velero(stack(), **do)
    assert info.value.path == path
