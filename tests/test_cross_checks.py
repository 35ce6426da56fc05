"""Explicit cases next to the property tests: named crons and durations, cross-checks between
fields through the construct, and the quality of error messages (path, value, rule)."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import BackupSchedule, VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import App, TerraformStack, Testing

from . import chart_render, helpers
from .internal import check_cron, check_duration, check_schedules, resolve


@pytest.mark.parametrize(
    "cron",
    ["0 0 L * *", "0 0 1W * *", "0 0 * * 5#3", "5-1 * * * *", "*/0 * * * *", "0 0 31 2 *", "0 0 * * 7", "0 7 * * *\n"],
)
def test_crons_velero_rejects_are_refused(cron: str) -> None:
    with pytest.raises(VeleroConfigError, match="cron"):
        check_cron("aws.schedule.cron", cron)


@pytest.mark.parametrize("ttl", ["2562048h", "0.5ns", "240h\n", "0h", "-1h", "1d"])
def test_durations_go_rejects_are_refused(ttl: str) -> None:
    with pytest.raises(VeleroConfigError):
        check_duration("aws.schedule.ttl", ttl)


@pytest.mark.parametrize(
    ("prop", "value"),
    [("namespace", "velero\n"), ("release_name", "a" * 54), ("namespace", "Velero"), ("namespace", "")],
)
def test_top_level_names_are_refused(prop: str, value: str) -> None:
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    kwargs: dict[str, Any] = {prop: value}
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "bad", aws=helpers.aws_location(s), **kwargs)
    assert raised.value.path == prop


def test_literal_template_in_config_is_refused() -> None:
    s = {name: f"${{TfToken[TOKEN.{i}]}}" for i, name in enumerate(helpers.SECRET_NAMES)}
    with pytest.raises(VeleroConfigError) as raised:
        resolve(helpers.aws_location(s, config={"kmsKeyId": "${aws_kms_key.k.arn}"}), "aws", default=True)
    assert raised.value.path == "aws.config.kmsKeyId"


# Cross-checks (plan's defaults and names, schedules.check_schedules) through the construct.


def _build_error(**kwargs: Any) -> VeleroConfigError:
    app: App = Testing.app()
    stack = TerraformStack(app, "x")
    s = helpers.secrets(stack)
    aws = helpers.aws_location(s, **kwargs.pop("aws", {}))
    do_kwargs = kwargs.pop("digitalocean", None)
    do = helpers.do_location(s, **do_kwargs) if do_kwargs is not None else None
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", aws=aws, digitalocean=do, **kwargs)
    return raised.value


@pytest.mark.parametrize(
    ("kwargs", "path", "words"),
    [
        (
            {
                "aws": {
                    "schedule": BackupSchedule(cron="@daily", snapshot_volumes=True, volume_snapshot_locations=["nope"])
                },
                "digitalocean": {},
            },
            "aws.schedule.volume_snapshot_locations[0]",
            "names no configured volume snapshot location",
        ),
        (
            {"aws": {"schedule": BackupSchedule(cron="@daily", snapshot_volumes=True)}},
            "aws.schedule.snapshot_volumes",
            "needs a volume snapshot location",
        ),
        ({"aws": {"default": True}, "digitalocean": {"default": True}}, "digitalocean.default", "only one location"),
        ({"aws": {"default": False}}, "aws.default", "one location must be the default"),
        (
            {"aws": {"default": False}, "digitalocean": {"default": False}},
            "aws.default",
            "one location must be the default",
        ),
        ({"digitalocean": {"api_token": None}}, "digitalocean.api_token", "is required"),
        (
            {
                "digitalocean": {
                    "volume_snapshots": False,
                    "api_token": None,
                    "schedule": BackupSchedule(cron="@daily", snapshot_volumes=True),
                }
            },
            "digitalocean.schedule.snapshot_volumes",
            "needs a volume snapshot location",
        ),
        ({"digitalocean": {"name": "aws"}}, "digitalocean.name", "duplicates"),
        (
            {
                "aws": {"schedule": BackupSchedule(cron="@daily", name="same")},
                "digitalocean": {"schedule": BackupSchedule(cron="@daily", name="same")},
            },
            "digitalocean.schedule.name",
            "duplicates",
        ),
        (
            {"aws": {"schedule": BackupSchedule(cron="@daily", file_system_backup=True)}, "node_agent": False},
            "node_agent",
            "node agent",
        ),
        (
            {"digitalocean": {"credentials_secret_name": "velero-aws-credentials"}},
            "digitalocean.credentials_secret_name",
            "must differ",
        ),
    ],
)
def test_cross_checks(kwargs: dict[str, Any], path: str, words: str) -> None:
    error = _build_error(**kwargs)
    assert error.path == path
    assert words in str(error)


def test_exactly_one_default_location() -> None:
    for do_default in (False, True):
        stack = TerraformStack(Testing.app(), "x")
        s = helpers.secrets(stack)
        backups = VeleroBackups(
            stack, "v", aws=helpers.aws_location(s), digitalocean=helpers.do_location(s, default=do_default)
        )
        doc = helpers.synth(stack)
        defaults = [
            o["metadata"]["name"]
            for o in [
                *chart_render.render_release(doc).velero_objects,
                *helpers.manifest_objects(doc),
            ]
            if o["kind"] == "BackupStorageLocation" and o["spec"].get("default")
        ]
        assert defaults == [backups.default_location_name]


def test_check_cross_catches_the_chart_prefixed_schedule_name() -> None:
    s = {name: f"${{TfToken[TOKEN.{i}]}}" for i, name in enumerate(helpers.SECRET_NAMES)}
    aws = resolve(helpers.aws_location(s, schedule=BackupSchedule(cron="@daily", name="daily")), "aws", default=True)
    do = resolve(
        helpers.do_location(s, schedule=BackupSchedule(cron="@daily", name="velero-daily")),
        "digitalocean",
        default=False,
    )
    with pytest.raises(VeleroConfigError) as raised:
        check_schedules(
            [loc.schedule for loc in (aws, do) if loc.schedule is not None],
            snapshot_locations={do.name},
            csi_snapshots=False,
            node_agent=None,
        )
    assert raised.value.path == "digitalocean.schedule.name"
    assert "velero-daily" in str(raised.value)


def test_construct_refuses_a_schedule_named_like_the_charts() -> None:
    error = _build_error(
        aws={"schedule": BackupSchedule(cron="@daily", name="daily")},
        digitalocean={"schedule": BackupSchedule(cron="@daily", name="velero-daily")},
    )
    assert error.path == "digitalocean.schedule.name"


# Error quality: path, value (never a secret) and rule in the message.


@pytest.mark.parametrize(
    ("kwargs", "path", "shown", "rule"),
    [
        (
            {"digitalocean": {"schedule": BackupSchedule(cron="0 25 * * *")}},
            "digitalocean.schedule.cron",
            "'0 25 * * *'",
            "hour field",
        ),
        ({"aws": {"bucket": "Acme_Velero"}}, "aws.bucket", "'Acme_Velero'", "S3 bucket name"),
        ({"aws": {"region": "canada"}}, "aws.region", "'canada'", "AWS region code"),
        ({"digitalocean": {"region": "nyc1"}}, "digitalocean.region", "'nyc1'", "Spaces region"),
        (
            {"aws": {"schedule": BackupSchedule(cron="@daily", ttl="10 days")}},
            "aws.schedule.ttl",
            "'10 days'",
            "Go duration",
        ),
        ({"aws": {"prefix": "/clusters/prod/"}}, "aws.prefix", "'/clusters/prod/'", "no leading or trailing '/'"),
        (
            {"aws": {"schedule": BackupSchedule(cron="@daily", label_selector={"tier": "gold plated"})}},
            "aws.schedule.label_selector.tier",
            "'gold plated'",
            "label value",
        ),
        (
            {"aws": {"schedule": BackupSchedule(cron="@daily", included_namespaces=["Kube_System"])}},
            "aws.schedule.included_namespaces[0]",
            "'Kube_System'",
            "namespace name",
        ),
    ],
)
def test_error_names_path_value_and_rule(kwargs: dict[str, Any], path: str, shown: str, rule: str) -> None:
    error = _build_error(**kwargs)
    message = str(error)
    assert error.path == path
    assert message.startswith(f"{path}: ")
    assert shown in message
    assert rule in message
