"""Issue 4: no crash on any input.

Property-based: every generated configuration either builds output that the chart's
``values.schema.json`` and the closed CRD schemas accept, or raises ``VeleroConfigError``
naming the field; any other exception fails. The bulk runs the pure layer (validation,
model, chart values, typed manifests) through :func:`pure_build`, which calls the same
``plan_backups`` as ``VeleroBackups``; a smaller share synthesizes through cdktf and checks
that the resources the construct emits agree with the plan. Plus explicit cross-check and error tests.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cdktf_velero import BackupSchedule, VeleroBackups, VeleroConfigError
from cdktf_velero import validation as v
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable, Testing
from cdktf_velero.locations.base import S3_COMPATIBLE_SERVER_ENV, ResolveContext
from cdktf_velero.manifests import velero_manifest
from cdktf_velero.plan import plan_backups
from cdktf_velero.schedules import check_schedules

from . import chart_render, helpers
from .strategies import CROSS_RELATED, N_TOKENS, Spec, configs, crons, materialize, scaled

# ---- the pure pipeline ---------------------------------------------------------------------


@dataclass
class Built:
    values: dict[str, Any]
    manifests: list[dict[str, Any]]
    release_name: str
    namespace: str


def pure_build(kw: dict[str, Any]) -> Built:
    """What ``VeleroBackups`` decides, without jsii resources: the same ``plan_backups`` it calls."""
    plan = plan_backups(**kw)
    manifests: list[dict[str, Any]] = []
    for location in plan.locations:
        objects = location.objects
        if objects is not None:
            for obj in (objects.backup_storage_location, objects.volume_snapshot_location, objects.schedule):
                if obj is not None:
                    manifests.append(velero_manifest(obj))
            if objects.volume_snapshot_class is not None:
                manifests.append(dict(objects.volume_snapshot_class))
    return Built(plan.values, manifests, plan.release_name, plan.namespace)


# ---- oracles -------------------------------------------------------------------------------


@cache
def _values_validator(upstream: Path) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((upstream / "values.schema.json").read_text()))


@cache
def _crd_validator(upstream: Path, kind: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(helpers.crd_schema(upstream, kind))


_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def check_output(
    upstream: Path, values: dict[str, Any], manifests: list[dict[str, Any]], release: str, ns: str
) -> None:
    """The chart accepts the values and renders them (Helm's own engine), every velero.io object it
    yields or the stack holds passes its closed CRD schema, and the objects have valid, distinct names."""
    merged = chart_render.merged_values(values)
    errors = sorted(_values_validator(upstream).iter_errors(merged), key=str)
    assert not errors, f"values.schema.json rejects the values: {errors[0].message} at {list(errors[0].path)}"
    objects = [*chart_render.render(values, release=release, namespace=ns).velero_objects, *manifests]
    seen: set[tuple[str, str]] = set()
    for obj in objects:
        errors = sorted(_crd_validator(upstream, obj["kind"]).iter_errors(obj), key=str)
        assert not errors, f"{obj['kind']} CRD rejects {obj}: {errors[0].message} at {list(errors[0].path)}"
        name = obj["metadata"]["name"]
        known_later = v.is_token(name) or chart_render.is_placeholder(name)
        assert known_later or (len(name) <= 253 and _NAME.fullmatch(name)), f"bad object name {name!r}"
        key = (obj["kind"], name)
        assert key not in seen, f"two {obj['kind']} objects named {name!r}"
        seen.add(key)


_KNOWN_PATH = re.compile(
    r"(aws|digitalocean)(\.[a-z_]+(\[\d+\])?)*(\..+)?|namespace|release_name|node_agent|metrics|allow_plaintext_secrets",
    re.DOTALL,
)


def check_error(spec: Spec, error: VeleroConfigError) -> None:
    """A rejection names a property path, and the one that was corrupted (or one tied to it)."""
    assert _KNOWN_PATH.fullmatch(error.path), f"unexpected path {error.path!r}"
    assert error.path in str(error)
    assert error.rule in str(error)
    assert spec.corrupted is not None, f"a valid configuration was rejected: {error}"
    allowed = (spec.corrupted, *CROSS_RELATED.get(spec.corrupted, ()))
    assert any(error.path == p or error.path.startswith((f"{p}.", f"{p}[")) for p in allowed), (
        f"corrupted {spec.corrupted} = {spec.bad_value!r}, but the error names {error.path}: {error}"
    )


# ---- property tests ------------------------------------------------------------------------

_TOKEN_APP = Testing.app()
_TOKEN_STACK = TerraformStack(_TOKEN_APP, "tokens")
_TOKENS = [TerraformVariable(_TOKEN_STACK, f"t{i}", type="string").string_value for i in range(N_TOKENS)]
_SECRETS = {
    name: TerraformVariable(_TOKEN_STACK, name, type="string", sensitive=True).string_value
    for name in helpers.SECRET_NAMES
}


@scaled(3.0)
@given(configs())
def test_pure_layer_accepts_valid_and_names_the_bad_field(spec: Spec) -> None:
    upstream = helpers.upstream_dir()
    kwargs = materialize(spec, _TOKENS, _SECRETS)
    try:
        built = pure_build(kwargs)
    except VeleroConfigError as error:
        check_error(spec, error)
        return
    check_output(upstream, built.values, built.manifests, built.release_name, built.namespace)
    assert not any(secret in json.dumps(built.values) for secret in _SECRETS.values())
    check_checksums(kwargs, built)


def _elsewhere(config: Any) -> bool:
    """The oracle of an S3-compatible AWS location: an ``s3Url`` known now whose host is not AWS's."""
    url = config.get("s3Url") if isinstance(config, dict) else None
    if url is None or v.is_token(url):
        return False
    host = urlparse(url).hostname or ""
    return not host.endswith((".amazonaws.com", ".amazonaws.com.cn"))


def check_checksums(kwargs: dict[str, Any], built: Built) -> None:
    """Every non-AWS S3 store (Spaces; the AWS location pointed elsewhere) gets no upload checksums unless its
    config asks, and the server the SDK's opt-out exactly when one is configured; AWS S3 keeps the plugin's
    default."""
    aws_config = dict(kwargs["aws"].config)
    compatible = "digitalocean" in kwargs or _elsewhere(aws_config)
    env = {entry["name"]: entry["value"] for entry in built.values["configuration"].get("extraEnvVars", [])}
    assert env == (dict(S3_COMPATIBLE_SERVER_ENV) if compatible else {})
    for manifest in built.manifests:
        if manifest["kind"] == "BackupStorageLocation":
            given = kwargs["digitalocean"].config.get("checksumAlgorithm", "")
            assert manifest["spec"]["config"]["checksumAlgorithm"] == given
    expected = aws_config.get("checksumAlgorithm", "" if _elsewhere(aws_config) else None)
    for item in built.values["configuration"]["backupStorageLocation"]:
        assert item["config"].get("checksumAlgorithm") == expected


def _synth_tokens(stack: TerraformStack) -> tuple[list[str], dict[str, str], dict[str, str]]:
    tokens, resolved = [], {}
    for i in range(N_TOKENS):
        token = TerraformVariable(stack, f"t{i}", type="string").string_value
        tokens.append(token)
        resolved[token] = f"${{var.t{i}}}"
    secrets = {}
    for name in helpers.SECRET_NAMES:
        secrets[name] = TerraformVariable(stack, name, type="string", sensitive=True).string_value
        resolved[secrets[name]] = f"${{var.{name}}}"
    return tokens, secrets, resolved


@scaled(0.5)
@given(configs())
def test_synthesized_output_matches_the_pure_layer(spec: Spec) -> None:
    upstream = helpers.upstream_dir()
    app: App = Testing.app()
    stack = TerraformStack(app, "fuzz")
    tokens, secrets, resolved = _synth_tokens(stack)
    kwargs = materialize(spec, tokens, secrets)
    try:
        expected = pure_build(kwargs)
    except VeleroConfigError as error:
        check_error(spec, error)
        expected_path: str | None = error.path
    else:
        expected_path = None
    if expected_path is not None:
        with pytest.raises(VeleroConfigError) as raised:
            VeleroBackups(stack, "velero", **kwargs)
        assert raised.value.path == expected_path
        return
    backups = VeleroBackups(stack, "velero", **kwargs)
    assert backups.values == expected.values
    doc = helpers.synth(stack)
    values = helpers.chart_values(doc)
    manifests = helpers.manifest_objects(doc)
    check_output(upstream, values, manifests, backups.plan.release_name, expected.namespace)
    text = json.dumps(expected.manifests, sort_keys=True)
    for token, ref in resolved.items():
        text = text.replace(token, ref)
    assert sorted(json.loads(text), key=lambda m: str(m["kind"])) == sorted(manifests, key=lambda m: str(m["kind"]))


@scaled(1.0)
@given(crons)
@example("0 0 29 2 *")
@example("@every 2562047h")
def test_generated_crons_are_accepted(cron: str) -> None:
    assert v.check_cron("c", cron) == cron


@scaled(1.0)
@given(st.text(max_size=30))
def test_any_text_as_cron_or_ttl_is_accepted_or_named(text: str) -> None:
    for check in (v.check_cron, v.check_duration):
        caught: VeleroConfigError | None = None
        try:
            check("digitalocean.schedule.cron", text)
        except VeleroConfigError as error:
            caught = error
        if caught is not None:
            assert caught.path == "digitalocean.schedule.cron"
            assert repr(text) in str(caught)


# ---- explicit cases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cron",
    ["0 0 L * *", "0 0 1W * *", "0 0 * * 5#3", "5-1 * * * *", "*/0 * * * *", "0 0 31 2 *", "0 0 * * 7", "0 7 * * *\n"],
)
def test_crons_velero_rejects_are_refused(cron: str) -> None:
    with pytest.raises(VeleroConfigError, match="cron"):
        v.check_cron("aws.schedule.cron", cron)


@pytest.mark.parametrize("ttl", ["2562048h", "0.5ns", "240h\n", "0h", "-1h", "1d"])
def test_durations_go_rejects_are_refused(ttl: str) -> None:
    with pytest.raises(VeleroConfigError):
        v.check_duration("aws.schedule.ttl", ttl)


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
        helpers.aws_location(s, config={"kmsKeyId": "${aws_kms_key.k.arn}"}).resolve(_context("aws", default=True))
    assert raised.value.path == "aws.config.kmsKeyId"


def _context(path: str, *, default: bool) -> ResolveContext:
    """What a location resolves against, with the construct's defaults (release ``velero``)."""
    return ResolveContext(
        path=path,
        default=default,
        allow_plaintext_secrets=False,
        namespace="velero",
        chart_fullname="velero",
        chart_credentials_secret="velero-aws-credentials",
        server_env_secret="velero-digitalocean-token",
    )


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
    aws = helpers.aws_location(s, schedule=BackupSchedule(cron="@daily", name="daily")).resolve(
        _context("aws", default=True)
    )
    do = helpers.do_location(s, schedule=BackupSchedule(cron="@daily", name="velero-daily")).resolve(
        _context("digitalocean", default=False)
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
