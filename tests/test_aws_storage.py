"""S3BackupBucket and VeleroIamUser on their own: snapshots paired with property checks, and bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from cdktf_velero import AwsLocation, VeleroBackups
from cdktf_velero.engine.core import App, TerraformOutput, TerraformStack, TerraformVariable, Testing
from cdktf_velero.errors import VeleroConfigError
from cdktf_velero.storage.iam import EC2_SNAPSHOT_ACTIONS, S3_OBJECT_ACTIONS, VeleroIamUser
from cdktf_velero.storage.options import S3BucketOptions, S3LifecycleRule
from cdktf_velero.storage.s3 import S3BackupBucket
from cdktf_velero.validation import check_kms_key_arn
from tests.chart_render import validate_velero_objects
from tests.helpers import only, resources, synth

KMS_KEY = "arn:aws:kms:ca-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
KMS_ALIAS = "arn:aws:kms:ca-central-1:123456789012:alias/velero"

FULL_OPTIONS = S3BucketOptions(
    kms_key_arn=KMS_KEY,
    object_ownership="BucketOwnerPreferred",
    enforce_tls=False,
    versioning=True,
    access_log_bucket="acme-access-logs",
    access_log_prefix="s3/acme-velero/",
    lifecycle_rules=(
        S3LifecycleRule("old-versions", noncurrent_version_expiration_days=30),
        S3LifecycleRule("scratch", prefix="tmp", expiration_days=3, abort_incomplete_multipart_upload_days=1),
    ),
    abort_incomplete_multipart_upload_days=None,
    force_destroy=True,
    prevent_destroy=False,
    tags={"team": "platform"},
)


def stack() -> TerraformStack:
    app: App = Testing.app()
    return TerraformStack(app, "test")


def ref(doc: dict[str, Any], resource_type: str, attribute: str) -> str:
    """The interpolation of the only resource of this type's attribute."""
    (key,) = resources(doc, resource_type)
    return f"${{{resource_type}.{key}.{attribute}}}"


def policy(res: dict[str, Any]) -> dict[str, Any]:
    return json.loads(res["policy"])  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def default_doc() -> dict[str, Any]:
    st = stack()
    S3BackupBucket(st, "backups", bucket_name="acme-velero")
    return synth(st)


@pytest.fixture(scope="module")
def full_doc() -> dict[str, Any]:
    st = stack()
    S3BackupBucket(st, "backups", bucket_name="acme-velero", options=FULL_OPTIONS)
    return synth(st)


def test_default_bucket_snapshot(default_doc: dict[str, Any], snapshot: SnapshotAssertion) -> None:
    assert default_doc == snapshot


def test_default_bucket_is_private_encrypted_and_protected(default_doc: dict[str, Any]) -> None:
    bucket = only(default_doc, "aws_s3_bucket")
    assert bucket["bucket"] == "acme-velero"
    assert bucket["force_destroy"] is False
    assert bucket["lifecycle"] == {"prevent_destroy": True}
    sse = only(default_doc, "aws_s3_bucket_server_side_encryption_configuration")["rule"][0]
    assert sse["apply_server_side_encryption_by_default"] == {"sse_algorithm": "AES256"}
    block = only(default_doc, "aws_s3_bucket_public_access_block")
    for flag in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"):
        assert block[flag] is True, flag
    ownership = only(default_doc, "aws_s3_bucket_ownership_controls")
    assert ownership["rule"] == {"object_ownership": "BucketOwnerEnforced"}
    assert not resources(default_doc, "aws_s3_bucket_versioning")
    assert not resources(default_doc, "aws_s3_bucket_logging")


def test_default_bucket_denies_plain_http(default_doc: dict[str, Any]) -> None:
    res = only(default_doc, "aws_s3_bucket_policy")
    (statement,) = policy(res)["Statement"]
    assert statement["Effect"] == "Deny"
    assert statement["Principal"] == "*"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    arn = ref(default_doc, "aws_s3_bucket", "arn")
    assert statement["Resource"] == [arn, f"{arn}/*"]
    # S3 refuses a policy put while the public access block changes: the policy waits for it.
    assert res["depends_on"] == [
        f"aws_s3_bucket_public_access_block.{next(iter(resources(default_doc, 'aws_s3_bucket_public_access_block')))}"
    ]


def test_default_bucket_aborts_stale_multipart_uploads(default_doc: dict[str, Any]) -> None:
    (rule,) = only(default_doc, "aws_s3_bucket_lifecycle_configuration")["rule"]
    assert rule["id"] == "abort-incomplete-multipart-uploads"
    assert rule["abort_incomplete_multipart_upload"] == [{"days_after_initiation": 7}]
    assert "expiration" not in rule  # Velero deletes backups itself, by ttl


def test_full_options_snapshot(full_doc: dict[str, Any], snapshot: SnapshotAssertion) -> None:
    assert full_doc == snapshot


def test_full_options_properties(full_doc: dict[str, Any]) -> None:
    bucket = only(full_doc, "aws_s3_bucket")
    assert bucket["force_destroy"] is True
    assert bucket["lifecycle"] == {"prevent_destroy": False}
    assert bucket["tags"] == {"team": "platform"}
    sse = only(full_doc, "aws_s3_bucket_server_side_encryption_configuration")["rule"][0]
    assert sse["apply_server_side_encryption_by_default"] == {"sse_algorithm": "aws:kms", "kms_master_key_id": KMS_KEY}
    assert sse["bucket_key_enabled"] is True
    assert only(full_doc, "aws_s3_bucket_ownership_controls")["rule"] == {"object_ownership": "BucketOwnerPreferred"}
    assert not resources(full_doc, "aws_s3_bucket_policy")
    assert only(full_doc, "aws_s3_bucket_versioning")["versioning_configuration"] == {"status": "Enabled"}
    logging = only(full_doc, "aws_s3_bucket_logging")
    assert (logging["target_bucket"], logging["target_prefix"]) == ("acme-access-logs", "s3/acme-velero/")
    lifecycle = only(full_doc, "aws_s3_bucket_lifecycle_configuration")
    assert [rule["id"] for rule in lifecycle["rule"]] == ["old-versions", "scratch"]
    assert lifecycle["rule"][0]["noncurrent_version_expiration"] == [{"noncurrent_days": 30}]
    assert lifecycle["rule"][1]["filter"] == [{"prefix": "tmp"}]
    assert lifecycle["rule"][1]["expiration"] == [{"days": 3}]
    assert lifecycle["depends_on"] == [
        f"aws_s3_bucket_versioning.{next(iter(resources(full_doc, 'aws_s3_bucket_versioning')))}"
    ]


def test_kms_bucket_sets_bsl_kms_key_id() -> None:
    st = stack()
    assert S3BackupBucket(st, "a", bucket_name="acme-velero").bsl_config == {}
    kms = S3BackupBucket(st, "b", bucket_name="acme-velero-2", options=S3BucketOptions(kms_key_arn=KMS_ALIAS))
    assert kms.bsl_config == {"kmsKeyId": KMS_ALIAS}


def test_access_log_prefix_defaults_to_bucket_name() -> None:
    st = stack()
    S3BackupBucket(st, "b", bucket_name="acme-velero", options=S3BucketOptions(access_log_bucket="acme-logs"))
    assert only(synth(st), "aws_s3_bucket_logging")["target_prefix"] == "acme-velero/"


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"bucket_name": "Acme_Velero"}, "bucket_name"),
        ({"bucket_name": "ab"}, "bucket_name"),
        ({"bucket_name": "acme..velero"}, "bucket_name"),
        ({"bucket_name": "192.168.1.1"}, "bucket_name"),
        (
            {"options": S3BucketOptions(kms_key_arn="arn:aws:kms:ca-central-1:1234:key/abc")},
            "bucket_options.kms_key_arn",
        ),
        (
            {"options": S3BucketOptions(kms_key_arn="1234abcd-12ab-34cd-56ef-1234567890ab")},
            "bucket_options.kms_key_arn",
        ),
        ({"options": S3BucketOptions(kms_key_arn="arn:aws:s3:::acme")}, "bucket_options.kms_key_arn"),
        (
            {"options": S3BucketOptions(abort_incomplete_multipart_upload_days=0)},
            "bucket_options.abort_incomplete_multipart_upload_days",
        ),
        (
            {"options": S3BucketOptions(lifecycle_rules=[S3LifecycleRule("x", expiration_days=0)])},
            "bucket_options.lifecycle_rules[0].expiration_days",
        ),
        (
            {"options": S3BucketOptions(lifecycle_rules=[S3LifecycleRule("x", noncurrent_version_expiration_days=-5)])},
            "bucket_options.lifecycle_rules[0].noncurrent_version_expiration_days",
        ),
        ({"options": S3BucketOptions(lifecycle_rules=[S3LifecycleRule("x")])}, "bucket_options.lifecycle_rules[0]"),
        (
            {
                "options": S3BucketOptions(
                    lifecycle_rules=[S3LifecycleRule("abort-incomplete-multipart-uploads", expiration_days=9)]
                )
            },
            "bucket_options.lifecycle_rules[0].id",
        ),
        ({"options": S3BucketOptions(object_ownership="ObjectWriter")}, "bucket_options.object_ownership"),  # type: ignore[arg-type]
        ({"options": S3BucketOptions(access_log_prefix="logs/")}, "bucket_options.access_log_prefix"),
        ({"options": S3BucketOptions(access_log_bucket="Bad_Bucket")}, "bucket_options.access_log_bucket"),
        ({"options": S3BucketOptions(prevent_destroy="no")}, "bucket_options.prevent_destroy"),  # type: ignore[arg-type]
    ],
)
def test_bad_bucket_input_names_the_property(kwargs: dict[str, Any], path: str) -> None:
    args: dict[str, Any] = {"bucket_name": "acme-velero", **kwargs}
    with pytest.raises(VeleroConfigError) as info:
        S3BackupBucket(stack(), "b", **args)
    assert info.value.path == path


def test_error_path_carries_the_prefix() -> None:
    with pytest.raises(VeleroConfigError) as info:
        S3BackupBucket(
            stack(),
            "b",
            bucket_name="acme-velero",
            options=S3BucketOptions(kms_key_arn="nope"),
            property_path="aws.",
        )
    assert info.value.path == "aws.bucket_options.kms_key_arn"


@pytest.mark.parametrize(
    "arn",
    [KMS_KEY, KMS_ALIAS, "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234", "${TfToken[TOKEN.1]}"],
)
def test_kms_arn_shapes_accepted(arn: str) -> None:
    assert check_kms_key_arn("k", arn) == arn


# --- VeleroIamUser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def iam_doc() -> dict[str, Any]:
    st = stack()
    bucket = S3BackupBucket(st, "backups", bucket_name="acme-velero")
    VeleroIamUser(st, "velero-user", bucket="acme-velero", bucket_arn=bucket.bucket_arn, prefix="clusters/prod")
    return synth(st)


def test_iam_user_snapshot(iam_doc: dict[str, Any], snapshot: SnapshotAssertion) -> None:
    assert iam_doc == snapshot


def test_iam_policy_is_least_privilege(iam_doc: dict[str, Any]) -> None:
    user_name = ref(iam_doc, "aws_iam_user", "name")
    assert only(iam_doc, "aws_iam_user")["name"] == "velero"
    res = only(iam_doc, "aws_iam_user_policy")
    assert res["user"] == user_name
    arn = ref(iam_doc, "aws_s3_bucket", "arn")
    statements = {s["Sid"]: s for s in policy(res)["Statement"]}
    assert set(statements) == {"VeleroVolumeSnapshots", "VeleroObjects", "VeleroListBucket"}
    assert statements["VeleroVolumeSnapshots"]["Action"] == list(EC2_SNAPSHOT_ACTIONS)
    assert statements["VeleroVolumeSnapshots"]["Resource"] == "*"
    assert statements["VeleroObjects"]["Action"] == list(S3_OBJECT_ACTIONS)
    assert statements["VeleroObjects"]["Resource"] == f"{arn}/clusters/prod/*"
    assert statements["VeleroListBucket"] == {
        "Sid": "VeleroListBucket",
        "Effect": "Allow",
        "Action": ["s3:ListBucket"],
        "Resource": arn,
    }
    for statement in statements.values():
        assert statement["Effect"] == "Allow"
        assert not any("*" in action for action in statement["Action"])
    assert only(iam_doc, "aws_iam_access_key")["user"] == user_name


def test_iam_user_feeds_velero_tokens() -> None:
    st = stack()
    user = VeleroIamUser(st, "u", bucket="acme-velero")
    TerraformOutput(st, "tokens", value=[user.access_key_id, user.secret_access_key], sensitive=True)
    doc = synth(st)
    key = ref(doc, "aws_iam_access_key", "")[:-1]
    assert doc["output"]["tokens"]["value"] == [f"{key}id}}", f"{key}secret}}"]
    statements = {s["Sid"]: s for s in user.policy_document["Statement"]}
    assert statements["VeleroObjects"]["Resource"] == "arn:aws:s3:::acme-velero/*"
    assert statements["VeleroListBucket"]["Resource"] == "arn:aws:s3:::acme-velero"


def test_iam_user_kms_and_no_ec2() -> None:
    st = stack()
    key = VeleroIamUser(st, "k", bucket="acme-velero", kms_key_arn=KMS_KEY, ec2_snapshots=False)
    statements = {s["Sid"]: s for s in key.policy_document["Statement"]}
    assert "VeleroVolumeSnapshots" not in statements
    assert statements["VeleroKms"]["Resource"] == KMS_KEY
    assert statements["VeleroKms"]["Action"] == ["kms:GenerateDataKey", "kms:Decrypt"]
    alias = VeleroIamUser(st, "a", bucket="acme-velero", user_name="velero-2", kms_key_arn=KMS_ALIAS)
    kms = next(s for s in alias.policy_document["Statement"] if s["Sid"] == "VeleroKms")
    assert kms["Resource"] == "*"
    assert kms["Condition"] == {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/velero"}}


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"bucket": "Bad_Bucket"}, "bucket"),
        ({"prefix": "/clusters"}, "prefix"),
        ({"user_name": "velero user"}, "iam_user_name"),
        ({"user_name": "v" * 65}, "iam_user_name"),
        ({"path": "velero"}, "iam_path"),
        ({"kms_key_arn": "alias/velero"}, "kms_key_arn"),
        ({"partition": "gcp"}, "partition"),
    ],
)
def test_bad_iam_input_names_the_property(kwargs: dict[str, Any], path: str) -> None:
    args: dict[str, Any] = {"bucket": "acme-velero", **kwargs}
    with pytest.raises(VeleroConfigError) as info:
        VeleroIamUser(stack(), "u", **args)
    assert info.value.path == path


# --- Wired into VeleroBackups: AwsLocation(create_bucket=..., create_iam_user=...) -------------


def velero(st: TerraformStack, **aws: Any) -> VeleroBackups:
    base: dict[str, Any] = {"bucket": "acme-velero", "region": "ca-central-1"}
    return VeleroBackups(st, "velero", aws=AwsLocation(**{**base, **aws}), outputs=True)


def given_keys(st: TerraformStack) -> dict[str, Any]:
    return {
        name: TerraformVariable(st, name, type="string", sensitive=True).string_value
        for name in ("access_key_id", "secret_access_key")
    }


def aws_ini_of(doc: dict[str, Any]) -> str:
    (secret,) = [s for s in resources(doc, "kubernetes_secret").values() if "cloud" in s["data"]]
    return str(secret["data"]["cloud"])


@pytest.mark.parametrize(
    ("bucket", "iam_user"),
    [(True, True), (True, False), (False, True), (False, False)],
    ids=["bucket+user", "bucket-only", "user-only", "neither"],
)
def test_wired_combinations(bucket: bool, iam_user: bool, snapshot: SnapshotAssertion) -> None:
    st = stack()
    keys = {} if iam_user else given_keys(st)
    backups = velero(st, create_bucket=bucket, create_iam_user=iam_user, prefix="clusters/prod", **keys)
    doc = synth(st)
    assert doc == snapshot
    validate_velero_objects(doc)  # the release renders with the real chart; its objects pass the CRDs
    assert (backups.s3_bucket is not None, backups.iam_user is not None) == (bucket, iam_user)
    assert bool(resources(doc, "aws_s3_bucket")) is bucket
    assert bool(resources(doc, "aws_iam_user")) is iam_user
    release = only(doc, "helm_release")
    ini = aws_ini_of(doc)
    if iam_user:
        key = ref(doc, "aws_iam_access_key", "")[:-1]
        assert ini == f"[default]\naws_access_key_id={key}id}}\naws_secret_access_key={key}secret}}\n"
        # Velero starts once its policy is in place.
        assert f"aws_iam_user_policy.{next(iter(resources(doc, 'aws_iam_user_policy')))}" in release["depends_on"]
        statements = {s["Sid"]: s for s in policy(only(doc, "aws_iam_user_policy"))["Statement"]}
        arn = ref(doc, "aws_s3_bucket", "arn") if bucket else "arn:aws:s3:::acme-velero"
        assert statements["VeleroObjects"]["Resource"] == f"{arn}/clusters/prod/*"
        assert doc["output"]["velero_iam_user_name"]["value"] == ref(doc, "aws_iam_user", "name")
    else:
        assert (
            ini == "[default]\naws_access_key_id=${var.access_key_id}\naws_secret_access_key=${var.secret_access_key}\n"
        )
        assert "velero_iam_user_name" not in doc["output"]
    if bucket:
        assert f"aws_s3_bucket.{next(iter(resources(doc, 'aws_s3_bucket')))}" in release["depends_on"]
        assert doc["output"]["velero_s3_bucket_arn"]["value"] == ref(doc, "aws_s3_bucket", "arn")
    else:
        assert doc["output"]["velero_s3_bucket_name"]["value"] == "acme-velero"
    assert doc["output"]["velero_aws_bsl_name"]["value"] == "aws"
    # No output carries a key or a secret.
    assert not any("access_key" in json.dumps(out) or "secret" in json.dumps(out) for out in doc["output"].values())


def test_wired_kms_key_reaches_the_bsl_and_the_policy() -> None:
    st = stack()
    backups = velero(st, create_bucket=True, create_iam_user=True, bucket_options=S3BucketOptions(kms_key_arn=KMS_KEY))
    assert backups.values["configuration"]["backupStorageLocation"][0]["config"]["kmsKeyId"] == KMS_KEY
    assert backups.iam_user is not None
    kms = next(s for s in backups.iam_user.policy_document["Statement"] if s["Sid"] == "VeleroKms")
    assert kms["Resource"] == KMS_KEY


def test_defaults_create_no_aws_resource_and_no_output() -> None:
    st = stack()
    backups = VeleroBackups(
        st, "velero", aws=AwsLocation(bucket="acme-velero", region="ca-central-1", **given_keys(st))
    )
    doc = synth(st)
    assert (backups.s3_bucket, backups.iam_user) == (None, None)
    assert not [t for t in doc["resource"] if t.startswith("aws_")]
    # No output but the generated repository password's, which is always declared (sensitive).
    assert set(doc["output"]) == {"velero_repository_password"}


@pytest.mark.parametrize(
    ("aws", "path"),
    [
        ({"create_iam_user": True, "access_key_id": "${TfToken[TOKEN.1]}"}, "aws.access_key_id"),
        ({"create_iam_user": True, "secret_access_key": "${TfToken[TOKEN.1]}"}, "aws.secret_access_key"),
        ({"create_iam_user": True, "iam_user_name": "velero user"}, "aws.iam_user_name"),
        ({"bucket_options": S3BucketOptions(), "create_iam_user": True}, "aws.bucket_options"),
        (
            {"create_bucket": True, "create_iam_user": True, "bucket_options": S3BucketOptions(kms_key_arn="bad")},
            "aws.bucket_options.kms_key_arn",
        ),
        (
            {
                "create_bucket": True,
                "create_iam_user": True,
                "bucket_options": S3BucketOptions(lifecycle_rules=[S3LifecycleRule("x", expiration_days=0)]),
            },
            "aws.bucket_options.lifecycle_rules[0].expiration_days",
        ),
        (
            {
                "create_bucket": True,
                "create_iam_user": True,
                "bucket_options": S3BucketOptions(kms_key_arn=KMS_KEY),
                "config": {"kmsKeyId": KMS_ALIAS},
            },
            "aws.config.kmsKeyId",
        ),
        ({"create_bucket": True, "create_iam_user": True, "bucket": "Acme_Velero"}, "aws.bucket"),
        ({"create_bucket": "yes", "create_iam_user": True}, "aws.create_bucket"),
        ({"create_iam_user": False}, "aws.access_key_id"),
    ],
)
def test_wired_bad_input_names_the_property(aws: dict[str, Any], path: str) -> None:
    with pytest.raises(VeleroConfigError) as info:
        velero(stack(), **aws)
    assert info.value.path == path
