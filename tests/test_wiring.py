"""The wiring that snapshots alone used to pin: every resource's construct path and Terraform address,
and the dependencies between secrets, manifests and the release, asserted one by one.

A renamed construct id moves a resource in every user's state: the lists below make such a
change deliberate (edit them, and say so in the CHANGELOG).
"""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import SpacesBucketOptions, VeleroBackups
from cdktf_velero.engine.core import App, TerraformResource, TerraformStack, Testing

from . import helpers


def addresses(stack: TerraformStack) -> dict[str, str]:
    """Construct path -> Terraform address of every resource in a stack; checked against its synthesis."""
    out = {
        node.node.path: f"{node.terraform_resource_type}.{node.friendly_unique_id}"
        for node in stack.node.find_all()
        if isinstance(node, TerraformResource)
    }
    doc = helpers.synth(stack)
    assert sorted(out.values()) == sorted(f"{k}.{n}" for k, by in doc.get("resource", {}).items() for n in by)
    return out


def depends_on(stack: TerraformStack, path: str) -> set[str]:
    """The addresses the resource at construct ``path`` depends on, as synthesized."""
    kind, _, name = addresses(stack)[path].partition(".")
    return set(helpers.synth(stack)["resource"][kind][name].get("depends_on", []))


def created_storage(stack: TerraformStack, s: dict[str, str], other: TerraformStack | None = None) -> VeleroBackups:
    return VeleroBackups(
        stack,
        "velero",
        aws=helpers.aws_location(
            s, access_key_id=None, secret_access_key=None, create_bucket=True, create_iam_user=True
        ),
        digitalocean=helpers.do_location(
            s,
            spaces_access_key_id=None,
            spaces_secret_access_key=None,
            create_bucket=True,
            create_spaces_key=True,
            bucket_options=SpacesBucketOptions(expiration=True),
        ),
        custom_resources_stack=other,
    )


AWS_DO = {
    "test/velero/namespace": "kubernetes_namespace.velero_namespace_0618E1E4",
    "test/velero/aws-credentials": "kubernetes_secret.velero_aws-credentials_4AA3E254",
    "test/velero/digitalocean-token": "kubernetes_secret.velero_digitalocean-token_CF8E2968",
    "test/velero/release": "helm_release.velero_release_A557CCA0",
    # Velero's repository password (disaster recovery): generated unless repository_password is given.
    "test/velero/generated-repository-password": "random_password.velero_generated-repository-password_ED35B106",
    "test/velero/repository-password": "kubernetes_secret.velero_repository-password_02468AFA",
    "test/velero/digitalocean/spaces-credentials": "kubernetes_secret.velero_digitalocean_spaces-credentials_ADFD8858",
    "test/velero/digitalocean/backup-storage-location": (
        "kubernetes_manifest.velero_digitalocean_backup-storage-location_B69265DD"
    ),
    "test/velero/digitalocean/volume-snapshot-location": (
        "kubernetes_manifest.velero_digitalocean_volume-snapshot-location_8BCB29EE"
    ),
    "test/velero/digitalocean/schedule": "kubernetes_manifest.velero_digitalocean_schedule_DD262A43",
}
AWS_ONLY = {k: v for k, v in AWS_DO.items() if "digitalocean" not in k}
S3 = {
    "test/velero/s3-bucket/bucket": "aws_s3_bucket.velero_s3-bucket_BF0B498A",
    "test/velero/s3-bucket/encryption": (
        "aws_s3_bucket_server_side_encryption_configuration.velero_s3-bucket_encryption_09B5A67F"
    ),
    "test/velero/s3-bucket/public-access-block": (
        "aws_s3_bucket_public_access_block.velero_s3-bucket_public-access-block_698A0321"
    ),
    "test/velero/s3-bucket/ownership-controls": (
        "aws_s3_bucket_ownership_controls.velero_s3-bucket_ownership-controls_08B5E676"
    ),
    "test/velero/s3-bucket/tls-only-policy": "aws_s3_bucket_policy.velero_s3-bucket_tls-only-policy_317571DD",
    "test/velero/s3-bucket/lifecycle": "aws_s3_bucket_lifecycle_configuration.velero_s3-bucket_lifecycle_DB369200",
    "test/velero/iam-user/user": "aws_iam_user.velero_iam-user_DA0F2F1B",
    "test/velero/iam-user/policy": "aws_iam_user_policy.velero_iam-user_policy_8E9F3012",
    "test/velero/iam-user/access-key": "aws_iam_access_key.velero_iam-user_access-key_4C37CE53",
}
SPACES = {
    "velero/spaces/bucket": "digitalocean_spaces_bucket.velero_spaces_bucket_40DE4DC5",
    "velero/spaces/key": "digitalocean_spaces_key.velero_spaces_key_CB5A8D42",
}
DO_PART = {k: v for k, v in AWS_DO.items() if "/digitalocean/" in k}


def _build(scenario: Any) -> tuple[TerraformStack, VeleroBackups]:
    return helpers.build(scenario)


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        (helpers.scenario_aws_only, AWS_ONLY),
        (helpers.scenario_aws_do, AWS_DO),
        (helpers.scenario_everything, AWS_DO),
    ],
    ids=["aws_only", "aws_do", "everything"],
)
def test_every_resource_has_its_address(scenario: Any, expected: dict[str, str]) -> None:
    stack, _ = _build(scenario)
    assert addresses(stack) == expected


def test_created_storage_resources_have_their_addresses() -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "test")
    created_storage(stack, helpers.secrets(stack))
    assert addresses(stack) == {**AWS_DO, **S3, **{f"test/{k}": v for k, v in SPACES.items()}}


def test_custom_resources_stack_holds_the_digitalocean_part_at_the_same_addresses() -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "test")
    other = TerraformStack(app, "resources")
    created_storage(stack, helpers.secrets(stack), other)
    assert addresses(stack) == {**{k: v for k, v in AWS_DO.items() if k not in DO_PART}, **S3}
    moved = {k.replace("test/", "resources/", 1): v for k, v in DO_PART.items()}
    assert addresses(other) == {**moved, **{f"resources/{k}": v for k, v in SPACES.items()}}
    assert other.dependencies == [stack]


def _addr(path: str) -> str:
    return {**AWS_DO, **S3, **{f"test/{k}": v for k, v in SPACES.items()}}[path]


def test_dependencies_in_one_stack() -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "test")
    created_storage(stack, helpers.secrets(stack))
    ns = _addr("test/velero/namespace")
    for secret in ("aws-credentials", "digitalocean-token", "digitalocean/spaces-credentials", "repository-password"):
        assert depends_on(stack, f"test/velero/{secret}") == {ns}, secret
    # The release waits for its namespace, both secrets it reads, the bucket and the IAM policy.
    assert depends_on(stack, "test/velero/release") == {
        ns,
        _addr("test/velero/aws-credentials"),
        _addr("test/velero/digitalocean-token"),
        _addr("test/velero/repository-password"),
        _addr("test/velero/s3-bucket/bucket"),
        _addr("test/velero/iam-user/policy"),
    }
    release, bucket = _addr("test/velero/release"), _addr("test/velero/spaces/bucket")
    bsl = _addr("test/velero/digitalocean/backup-storage-location")
    vsl = _addr("test/velero/digitalocean/volume-snapshot-location")
    # The custom resources need the CRDs (the release) and the bucket; the BSL also its credentials.
    assert depends_on(stack, "test/velero/digitalocean/backup-storage-location") == {
        release,
        bucket,
        _addr("test/velero/digitalocean/spaces-credentials"),
    }
    assert depends_on(stack, "test/velero/digitalocean/volume-snapshot-location") == {release, bucket}
    assert depends_on(stack, "test/velero/digitalocean/schedule") == {release, bucket, bsl, vsl}


def test_dependencies_with_a_custom_resources_stack() -> None:
    """The other stack applies after the chart's: no cross-stack depends_on, the same order inside it."""
    app: App = Testing.app()
    stack = TerraformStack(app, "test")
    other = TerraformStack(app, "resources")
    created_storage(stack, helpers.secrets(stack), other)
    bucket = _addr("test/velero/spaces/bucket")
    bsl = _addr("test/velero/digitalocean/backup-storage-location")
    vsl = _addr("test/velero/digitalocean/volume-snapshot-location")
    secret = _addr("test/velero/digitalocean/spaces-credentials")
    assert depends_on(other, "resources/velero/digitalocean/spaces-credentials") == set()
    assert depends_on(other, "resources/velero/digitalocean/backup-storage-location") == {bucket, secret}
    assert depends_on(other, "resources/velero/digitalocean/volume-snapshot-location") == {bucket}
    assert depends_on(other, "resources/velero/digitalocean/schedule") == {bucket, bsl, vsl}


def test_dependencies_without_created_storage() -> None:
    stack, _ = _build(helpers.scenario_aws_do)
    ns, release = AWS_DO["test/velero/namespace"], AWS_DO["test/velero/release"]
    assert depends_on(stack, "test/velero/release") == {
        ns,
        AWS_DO["test/velero/aws-credentials"],
        AWS_DO["test/velero/digitalocean-token"],
        AWS_DO["test/velero/repository-password"],
    }
    assert depends_on(stack, "test/velero/digitalocean/backup-storage-location") == {
        release,
        AWS_DO["test/velero/digitalocean/spaces-credentials"],
    }
    assert depends_on(stack, "test/velero/digitalocean/schedule") == {
        release,
        AWS_DO["test/velero/digitalocean/backup-storage-location"],
        AWS_DO["test/velero/digitalocean/volume-snapshot-location"],
    }
