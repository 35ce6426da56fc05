"""The DigitalOcean bindings written on the core (for cdktn) write what cdktf's prebuilt package writes.

On cdktf both run side by side: every stack file (JSON, and HCL with ``hcl_output``) must be byte-identical,
for every attribute the library and main.py use, plus the blocks and arguments around them. On cdktn only
the bindings exist; the shared snapshots (tests/test_spaces_storage.py) check them there.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cdktf_velero.engine import _digitalocean as bindings
from cdktf_velero.engine import core


def build(package: Any, out: Path, *, hcl: bool) -> dict[str, str]:
    """One stack using the provider, both resources, their blocks and attribute getters; its written files."""
    app = core.App(outdir=str(out), hcl_output=hcl)
    stack = core.TerraformStack(app, "spaces")
    token = core.TerraformVariable(stack, "token", type="string", sensitive=True).string_value
    provider = package.provider.DigitaloceanProvider(
        stack, "digitalocean", token=token, spaces_access_id=token, spaces_secret_key=token
    )
    aliased = package.provider.DigitaloceanProvider(
        stack, "other", alias="other", api_endpoint="https://api.example.com", http_retry_max=3, requests_per_second=2
    )
    sb = package.spaces_bucket
    bucket = sb.SpacesBucket(
        stack,
        "bucket",
        name="acme-velero",
        region="nyc3",
        acl="private",
        force_destroy=False,
        versioning={"enabled": True},
        lifecycle={"prevent_destroy": True},
        lifecycle_rule=[
            sb.SpacesBucketLifecycleRule(
                id="expire-backups", enabled=True, expiration=sb.SpacesBucketLifecycleRuleExpiration(days=365)
            ),
            sb.SpacesBucketLifecycleRule(
                enabled=False,
                prefix="old/",
                abort_incomplete_multipart_upload_days=2,
                noncurrent_version_expiration=sb.SpacesBucketLifecycleRuleNoncurrentVersionExpiration(days=30),
            ),
        ],
        cors_rule=[sb.SpacesBucketCorsRule(allowed_methods=["GET"], allowed_origins=["*"], max_age_seconds=60)],
        provider=aliased,
    )
    plain = sb.SpacesBucket(stack, "plain", name="plain", depends_on=[bucket], provider=provider)
    sk = package.spaces_key
    key = sk.SpacesKey(
        stack, "key", name="velero", grant=[sk.SpacesKeyGrant(bucket=bucket.name, permission="readwrite")]
    )
    for name, value in {
        "urn": bucket.urn,
        "region": plain.region,
        "domain": bucket.bucket_domain_name,
        "endpoint": bucket.endpoint,
        "access_key": key.access_key,
        "created": key.created_at,
        "key_name": key.name,
    }.items():
        core.TerraformOutput(stack, name, value=value)
    core.TerraformOutput(stack, "secret_key", value=key.secret_key, sensitive=True)
    app.synth()
    folder = out / "stacks" / "spaces"
    return {path.name: path.read_text() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.mark.cdktf_only  # cdktf's prebuilt DigitalOcean package only runs on cdktf
@pytest.mark.parametrize("hcl", [False, True], ids=["json", "hcl"])
def test_bindings_write_what_the_prebuilt_package_writes(tmp_path: Path, hcl: bool) -> None:
    import cdktf_cdktf_provider_digitalocean as prebuilt

    expected = build(prebuilt, tmp_path / "prebuilt", hcl=hcl)
    written = build(bindings, tmp_path / "bindings", hcl=hcl)
    assert written == expected
    main_file = "cdk.tf" if hcl else "cdk.tf.json"
    assert main_file in written
    text = written[main_file]
    for fragment in ("digitalocean_spaces_bucket", "digitalocean_spaces_key", "digitalocean.other", "365", "readwrite"):
        assert fragment in text, fragment


def test_bindings_synthesize_on_this_engine(tmp_path: Path) -> None:
    written = build(bindings, tmp_path, hcl=False)
    text = written["cdk.tf.json"]
    assert '"provider": "digitalocean.other"' in text
    assert '"bucket": "${digitalocean_spaces_bucket.bucket.name}"' in text
    assert '"version": "2.71.0"' in text


def test_blocks_accept_dicts_and_tokens() -> None:
    sb: ModuleType = bindings.spaces_bucket
    rule = sb.SpacesBucketLifecycleRule(enabled=True, expiration={"days": 7})
    assert rule.expiration == sb.SpacesBucketLifecycleRuleExpiration(days=7)
    token = core.Token.as_any("${var.rules}")
    assert bindings._schema.blocks_of(sb.SpacesBucketLifecycleRule, token) is token
