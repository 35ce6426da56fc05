"""Corruptions of the rules between fields, and of inputs once let through (see ``tests/corruptions.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from .corruptions import SINGLE_FIELD, Corruption
from .strategies import Cred


def _cross(id_: str, expected: str, changes: Callable[[st.DrawFn, dict[str, Any]], object], **needs: Any) -> Corruption:
    """A rule between fields: each field is fine alone, the combination is refused."""

    def apply(draw: st.DrawFn, kwargs: dict[str, Any]) -> str:
        changes(draw, kwargs)
        return expected

    return Corruption(f"cross: {id_}", apply, needs, prefix=expected.endswith("volume_snapshot_locations"))


def _do(kwargs: dict[str, Any]) -> dict[str, Any]:
    do: dict[str, Any] = kwargs["digitalocean"]
    return do


def _cross_corruptions() -> list[Corruption]:
    def sched(kwargs: dict[str, Any], loc: str) -> dict[str, Any]:
        schedule: dict[str, Any] = kwargs[loc]["schedule"] if loc == "aws" else _do(kwargs)["schedule"]
        return schedule

    do_needs = {"digitalocean": True}
    return [
        _cross(
            "two defaults",
            "digitalocean.default",
            lambda d, k: (k["aws"].update(default=True), _do(k).update(default=True)),
            **do_needs,
        ),
        _cross(
            "no default",
            "aws.default",
            lambda d, k: (k["aws"].update(default=False), k.get("digitalocean", {}).update(default=False)),
        ),
        _cross(
            "same location names", "digitalocean.name", lambda d, k: _do(k).update(name=k["aws"]["name"]), **do_needs
        ),
        _cross(
            "same schedule names",
            "digitalocean.schedule.name",
            lambda d, k: (sched(k, "aws").update(name="nightly"), sched(k, "digitalocean").update(name="nightly")),
            digitalocean=True,
            aws_schedule=True,
            do_schedule=True,
        ),
        _cross(
            "schedule named like the chart's",
            "digitalocean.schedule.name",
            lambda d, k: (
                sched(k, "aws").update(name="nightly"),
                k.update(release_name="backups"),
                sched(k, "digitalocean").update(name="backups-velero-nightly"),
            ),
            digitalocean=True,
            aws_schedule=True,
            do_schedule=True,
        ),
        _cross(
            "snapshots without a snapshot location",
            "aws.schedule.snapshot_volumes",
            lambda d, k: sched(k, "aws").update(snapshot_volumes=True, volume_snapshot_locations=None),
            aws_schedule=True,
            snapshots=False,
        ),
        _cross(
            "unknown snapshot location",
            "aws.schedule.volume_snapshot_locations",
            lambda d, k: sched(k, "aws").update(snapshot_volumes=True, volume_snapshot_locations=["elsewhere"]),
            aws_schedule=True,
        ),
        _cross(
            "snapshot locations without snapshots",
            "digitalocean.schedule.volume_snapshot_locations",
            lambda d, k: sched(k, "digitalocean").update(
                snapshot_volumes=False, volume_snapshot_locations=[_do(k)["name"]]
            ),
            digitalocean=True,
            snapshots=True,
            do_schedule=True,
        ),
        _cross(
            "file-system backup without the node agent",
            "node_agent",
            lambda d, k: (k.update(node_agent=False), sched(k, "aws").update(file_system_backup=True)),
            aws_schedule=True,
        ),
        _cross(
            "same secret names",
            "digitalocean_token_secret_name",
            lambda d, k: k.update(aws_credentials_secret_name="creds", digitalocean_token_secret_name="creds"),
        ),
        _cross(
            "spaces secret named like the AWS one",
            "digitalocean.credentials_secret_name",
            lambda d, k: (
                k.update(aws_credentials_secret_name="creds"),
                _do(k).update(credentials_secret_name="creds"),
            ),
            **do_needs,
        ),
        _cross(
            "namespace labels without creating it",
            "namespace_labels",
            lambda d, k: k.update(create_namespace=False, namespace_labels={"team": "platform"}),
        ),
        _cross(
            "api token without snapshots",
            "digitalocean.api_token",
            lambda d, k: _do(k).update(api_token=Cred("digitalocean_token")),
            digitalocean=True,
            snapshots=False,
        ),
        _cross(
            "s3 bucket options without creating the bucket",
            "aws.bucket_options",
            lambda d, k: k["aws"].update(create_bucket=False, bucket_options={"versioning": True}),
        ),
        _cross(
            "spaces bucket options without creating the bucket",
            "digitalocean.bucket_options",
            lambda d, k: _do(k).update(create_bucket=False, bucket_options={"versioning": True}),
            **do_needs,
        ),
        _cross(
            "spaces key without creating the bucket",
            "digitalocean.create_spaces_key",
            lambda d, k: _do(k).update(
                create_bucket=False,
                bucket_options=None,
                create_spaces_key=True,
                spaces_access_key_id=None,
                spaces_secret_access_key=None,
            ),
            **do_needs,
        ),
        _cross(
            "iam user and a key pair",
            "aws.access_key_id",
            lambda d, k: k["aws"].update(create_iam_user=True, access_key_id=Cred("aws_access_key_id")),
        ),
        _cross(
            "spaces key and a key pair",
            "digitalocean.spaces_access_key_id",
            lambda d, k: _do(k).update(
                create_bucket=True, create_spaces_key=True, spaces_access_key_id=Cred("spaces_access_key_id")
            ),
            **do_needs,
        ),
        _cross(
            "kms key and another kmsKeyId",
            "aws.config.kmsKeyId",
            lambda d, k: k["aws"].update(
                create_bucket=True,
                bucket_options={"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:alias/a"},
                config={"kmsKeyId": "arn:aws:kms:us-east-1:123456789012:alias/b"},
            ),
        ),
    ]


def _closed_gaps() -> list[Corruption]:
    """Once known gaps, refused since the inputs work: kept so that they stay refused."""
    return [
        _cross(
            "extra_values of the wrong type",
            "extra_values",
            lambda d, k: k.update(extra_values=d(st.sampled_from(["abc", ["credentials"], 5]))),
        ),
        _cross(
            "chart_repository not a URL",
            "chart_repository",
            lambda d, k: k.update(chart_repository=d(st.sampled_from(["not a url", "ftp://x", "http://x"]))),
        ),
        _cross(
            "creating a namespace that always exists",
            "namespace",
            lambda d, k: k.update(
                namespace=d(st.sampled_from(["kube-system", "default", "kube-public", "kube-node-lease"])),
                create_namespace=True,
            ),
        ),
    ]


CORRUPTIONS: dict[str, Corruption] = {c.id: c for c in (*SINGLE_FIELD, *_cross_corruptions(), *_closed_gaps())}
"""Every corruption, by id (the id is the property path for single-field ones)."""
