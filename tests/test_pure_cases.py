"""Explicit cases for the pure layer, next to the property tests: each rule's boundary (the last valid
and the first invalid value), each cron fault in each field, the YAML the release receives, and the
value and path of errors that the properties reach only rarely."""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import pytest

from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation, S3BucketOptions, VeleroConfigError

from .cron_oracle import FIELDS
from .ids import plain_id
from .internal import check_cron, holds_token_encoding, planned_output, to_yaml
from .strategies import FAKE_SECRETS, FAKE_TOKENS

pytestmark = pytest.mark.pure

S = FAKE_SECRETS


def aws(**kw: Any) -> AwsLocation:
    base = {"bucket": "acme", "region": "us-east-1", "access_key_id": S["aws_access_key_id"]}
    return AwsLocation(**{**base, "secret_access_key": S["aws_secret_access_key"], **kw})


def do(**kw: Any) -> DigitalOceanLocation:
    base = {"bucket": "acme", "region": "fra1", "spaces_access_key_id": S["spaces_access_key_id"]}
    extra = {"spaces_secret_access_key": S["spaces_secret_access_key"], "api_token": S["digitalocean_token"]}
    return DigitalOceanLocation(**{**base, **extra, **kw})


def refused(**kwargs: Any) -> VeleroConfigError:
    kwargs.setdefault("aws", aws())
    with pytest.raises(VeleroConfigError) as raised:
        planned_output(kwargs)
    return raised.value


def sched(**kw: Any) -> BackupSchedule:
    return BackupSchedule(**{"cron": "@daily", **kw})


LONG: dict[str, Callable[[int], dict[str, Any]]] = {
    "label key name": lambda n: {"aws": aws(schedule=sched(labels={"a" * n: "x"}))},
    "label value": lambda n: {"aws": aws(schedule=sched(label_selector={"app": "v" * n}))},
    "label key prefix": lambda n: {"namespace_labels": {f"{'a' * (n - 2)}.b/app": "x"}},
    "prefix": lambda n: {"aws": aws(prefix="p" * n)},
    "namespace": lambda n: {"namespace": "n" * n},
    "release name": lambda n: {"release_name": "r" * n},
}
LIMITS = {
    "label key name": (63, "aws.schedule.labels"),
    "label value": (63, "aws.schedule.label_selector.app"),
    "label key prefix": (253, "namespace_labels"),
    "prefix": (512, "aws.prefix"),
    "namespace": (63, "namespace"),
    "release name": (53, "release_name"),
}


@pytest.mark.parametrize("rule", sorted(LONG))
def test_length_limits_are_exact(rule: str) -> None:
    limit, path = LIMITS[rule]
    planned_output({"aws": aws(), **LONG[rule](limit)})
    error = refused(**LONG[rule](limit + 1))
    assert error.path.startswith(path)


@pytest.mark.parametrize(("value", "ok"), [(1, True), (0, False), (-1, False), (True, False), (1.0, False)])
def test_positive_whole_numbers(value: Any, ok: bool) -> None:
    if ok:
        assert planned_output({"aws": aws(), "timeout": value, "max_history": value})[0].release.timeout == value
        return
    error = refused(timeout=value)
    assert (error.path, error.value) == ("timeout", value)


# A fault for every field: (part, what the error says). Numbers are checked at both ends.
_FAULTS = [
    ("{over}", "between"),
    ("{lo}-{over}", "between"),  # the end of a range past the maximum, its start fine
    ("{over}-{over}", "between"),
    ("{over}/2", "backwards"),  # N/step runs from N to the maximum
    ("*/0", "step"),
    ("{lo}-{lo}/0", "step"),
    ("{lo}/x", "step"),
    ("*/2/3", "'/'"),
    ("{lo}-", "not a number"),
    ("-{lo}", "not a number"),
    ("x", "not a number"),
    ("L", "not a number"),
    ("{lo}W", "not a number"),
    ("{lo}#2", "not a number"),
    ("\u0661", "not a number"),
    ("00000", "not a number"),
    ("{lo},,{lo}", "not a number"),
]


@pytest.mark.parametrize("field", range(5), ids=[f.label for f in FIELDS])
@pytest.mark.parametrize(("template", "words"), _FAULTS, ids=[plain_id(t) for t, _ in _FAULTS])
def test_each_cron_fault_in_each_field_is_named(field: int, template: str, words: str) -> None:
    spec = FIELDS[field]
    part = template.format(lo=spec.low, over=spec.high + 1)
    parts = ["*"] * 5
    parts[field] = part
    cron = " ".join(parts)
    with pytest.raises(VeleroConfigError) as raised:
        check_cron("aws.schedule.cron", cron)
    assert raised.value.path == "aws.schedule.cron"
    assert raised.value.value == cron
    if spec.label == "day-of-week" and "7" in part.partition("/")[0]:
        assert "day-of-week runs from 0 (Sunday) to 6" in raised.value.rule  # Sunday as 7: a rule of its own
        return
    assert f"{spec.label} field {part!r}" in str(raised.value)
    assert words in raised.value.rule


@pytest.mark.parametrize(
    "cron",
    ["0007 * * * *", "0 0 31 2/1 *", "0 0 29 2 *", "0 0 31 2 1", "5/15 * * * *", "0 0 * * SUN-sat", "0 0 1 jan/3 *"],
)
def test_crons_at_the_edges_are_accepted(cron: str) -> None:
    assert check_cron("aws.schedule.cron", cron) == cron


@pytest.mark.parametrize("cron", ["0 0 31 2 *", "0 0 30 2 *", "0 0 31 2,4 *", "0 0 31 4/5 *", "0 0 30-31 2 *"])
def test_a_day_that_never_comes_is_refused(cron: str) -> None:
    with pytest.raises(VeleroConfigError, match="never runs"):
        check_cron("aws.schedule.cron", cron)


def test_release_values_yaml_is_exact() -> None:
    """Block style, insertion order, no folding of long lines, tokens double-quoted."""
    sentence = " ".join(["word"] * 40)
    text = to_yaml({"b": 1, "a": {"list": [True, "x"]}, "token": "${TfToken[TOKEN.1]}", "long": sentence, "n": None})
    assert text == (f'b: 1\na:\n  list:\n  - true\n  - x\ntoken: "${{TfToken[TOKEN.1]}}"\nlong: {sentence}\nn: null\n')


@pytest.mark.parametrize(
    ("extra", "path", "value"),
    [
        ({5: "x"}, "extra_values", 5),
        ({"configuration": {7: "x"}}, "extra_values.configuration", 7),
        ({"credentials": {"useSecret": False}}, "extra_values.credentials", None),
        ({"schedules": {"x": {}}}, "extra_values.schedules", "dict"),
        ({"configuration": {"provider": "aws"}}, "extra_values.configuration.provider", "aws"),
        (
            {"configuration": {"volumeSnapshotLocation": []}},
            "extra_values.configuration.volumeSnapshotLocation",
            "list",
        ),
        (
            {"configuration": {"defaultBackupStorageLocation": "x"}},
            "extra_values.configuration.defaultBackupStorageLocation",
            "x",
        ),
    ],
)
def test_extra_values_errors_name_path_and_value(extra: Any, path: str, value: Any) -> None:
    error = refused(extra_values=extra)
    assert (error.path, error.value) == (path, value)
    assert error.rule


def test_extra_values_merge_key_by_key() -> None:
    _, values, _ = planned_output(
        {"aws": aws(), "extra_values": {"configuration": {"uploaderType": "kopia"}, "metrics": {"x": 1}}}
    )
    assert values["configuration"]["uploaderType"] == "kopia"
    assert values["configuration"]["defaultBackupStorageLocation"] == "aws"
    assert values["metrics"] == {"enabled": True, "x": 1}


@pytest.mark.parametrize(
    ("kwargs", "path", "value", "words"),
    [
        ({"digitalocean": do(name="aws")}, "digitalocean.name", "aws", "of the aws location"),
        (
            {"aws": aws(schedule=sched(name="same")), "digitalocean": do(schedule=sched(name="same"))},
            "digitalocean.schedule.name",
            "same",
            "of aws.schedule",
        ),
        (
            {"aws": aws(schedule=sched(snapshot_volumes=True, volume_snapshot_locations=["x"])), "digitalocean": do()},
            "aws.schedule.volume_snapshot_locations[0]",
            "x",
            "(configured: digitalocean)",
        ),
        (
            {"aws": aws(schedule=sched(snapshot_volumes=True, volume_snapshot_locations=["x"]))},
            "aws.schedule.volume_snapshot_locations[0]",
            "x",
            "(configured: none)",
        ),
        ({"aws": aws(schedule=sched(file_system_backup=True)), "node_agent": False}, "node_agent", False, "node agent"),
        ({"node_agent": "yes"}, "node_agent", "yes", "True or False"),
    ],
)
def test_cross_field_errors_name_path_value_and_the_other_side(
    kwargs: dict[str, Any], path: str, value: Any, words: str
) -> None:
    error = refused(**kwargs)
    assert (error.path, error.value) == (path, value)
    assert words in str(error)


def test_node_agent_follows_the_schedules_unless_set() -> None:
    fs = aws(schedule=sched(file_system_backup=True))
    assert planned_output({"aws": fs})[1]["deployNodeAgent"] is True
    assert planned_output({"aws": aws(schedule=sched())})[1]["deployNodeAgent"] is False
    assert planned_output({"aws": aws(schedule=sched()), "node_agent": True})[1]["deployNodeAgent"] is True
    both = {"aws": aws(schedule=sched()), "digitalocean": do(schedule=sched(name="d", file_system_backup=True))}
    assert planned_output(both)[1]["deployNodeAgent"] is True


def test_image_with_a_digest_is_split_at_the_at_sign() -> None:
    digest = "sha256:" + "ab" * 32
    values = planned_output({"aws": aws(), "velero_image": f"registry:5000/velero/velero@{digest}"})[1]
    assert values["image"] == {"repository": "registry:5000/velero/velero", "digest": digest}


# Rules the mutation run found reached by no pure test (docs/mutation-report.md).

NUMBER_TOKEN = repr(struct.unpack("<d", struct.pack("<Q", (0xFDFF << 48) | 5))[0])
"""How cdktf writes a number token into text: a double whose top 16 bits are 0xfdff."""
LIST_NUMBER_TOKEN = repr(struct.unpack("<d", struct.pack("<Q", (0xFBFF << 48) | 5))[0])


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("key-${TfToken[TOKEN.1]}", True),
        ("#{TfToken[TOKEN.1]}", True),
        ("&{TfToken[TOKEN.1]}", True),
        (f"n{NUMBER_TOKEN}", True),
        (f"x{LIST_NUMBER_TOKEN}y", True),
        (f"|e1 {NUMBER_TOKEN}", True),  # a number-like run that is no float comes first
        ("${TfToken", False),
        ("{TfToken[TOKEN.1]}", False),
        ("1.5e3", False),
        ("-8.1e+298", False),
        ("ee-e", False),
        ("plain", False),
    ],
)
def test_token_encodings_in_literal_text(text: str, holds: bool) -> None:
    """cdktf replaces these at synth, so a literal credential holding one would not arrive as given."""
    assert holds_token_encoding(text) is holds
    kwargs = {"allow_plaintext_secrets": True, "aws": aws(access_key_id=text, secret_access_key="literal")}
    if holds:
        error = refused(**kwargs)
        assert (error.path, error.value) == ("aws.access_key_id", None)
        assert "token" in error.rule
    else:
        planned_output(kwargs)


@pytest.mark.parametrize(
    ("key", "words"),
    [("example.com/-app", "label key name"), ("-x.example.com/app", "label key prefix"), ("/app", "prefix")],
)
def test_label_key_errors_say_which_part(key: str, words: str) -> None:
    error = refused(aws=aws(schedule=sched(labels={key: "x"})))
    assert (error.path, error.value) == (f"aws.schedule.labels.{key}", key)
    assert isinstance(error.rule, str)
    assert words in error.rule


@pytest.mark.parametrize(
    ("kms", "path"), [(5, "aws.bucket_options.kms_key_arn"), ("key-1", "aws.bucket_options.kms_key_arn")]
)
def test_kms_key_errors_name_the_option(kms: Any, path: str) -> None:
    error = refused(aws=aws(create_bucket=True, bucket_options=S3BucketOptions(kms_key_arn=kms)))
    assert error.path == path


def test_a_kms_key_token_is_accepted() -> None:
    plan = planned_output({"aws": aws(create_bucket=True, bucket_options=S3BucketOptions(kms_key_arn=FAKE_TOKENS[0]))})[
        1
    ]
    locations = plan["configuration"]["backupStorageLocation"]
    assert locations[0]["config"]["kmsKeyId"] == FAKE_TOKENS[0]


@pytest.mark.parametrize("namespace", ["no", "0", "1e3"])
def test_a_namespace_yaml_reads_as_another_type_is_named(namespace: str) -> None:
    error = refused(namespace=namespace)
    assert (error.path, error.value) == ("namespace", namespace)


@pytest.mark.parametrize(
    ("kwargs", "path", "shown", "rule"),
    [
        ({"aws": 5}, "aws", 5, "must be an AwsLocation"),
        ({"aws": ["bucket"]}, "aws", "list", "must be an AwsLocation"),
        ({"aws": None}, "aws", None, "must be an AwsLocation"),
        ({"digitalocean": "fra1"}, "digitalocean", "fra1", "must be a DigitalOceanLocation"),
    ],
)
def test_a_location_of_the_wrong_kind_is_named(kwargs: dict[str, Any], path: str, shown: Any, rule: str) -> None:
    error = refused(**{"aws": aws(), **kwargs})
    assert (error.path, error.value, error.rule) == (path, shown, rule)


def test_defaults_say_which_location_holds_it() -> None:
    error = refused(aws=aws(default=True), digitalocean=do(default=True))
    assert (error.path, error.value) == ("digitalocean.default", True)
    assert "and aws.default is True" in error.rule
    error = refused(aws=aws(default=False))
    assert (error.path, error.value) == ("aws.default", False)
    assert "digitalocean.default=True" in error.rule
    assert "aws.default=True" not in error.rule


def test_left_out_defaults_make_the_first_location_the_only_default() -> None:
    for left_out in (do(), do(default=None)):  # DigitalOcean's default is False unless set to None
        plan = planned_output({"aws": aws(), "digitalocean": left_out})[0]
        assert [(loc.path, loc.default) for loc in plan.locations] == [("aws", True), ("digitalocean", False)]
    assert planned_output({"aws": aws()})[0].location("digitalocean") is None


@pytest.mark.parametrize("field", ["ttl", "included_namespaces", "excluded_namespaces", "included_resources"])
def test_a_schedule_field_left_none_is_refused(field: str) -> None:
    """A BackupSchedule's filters are all required (None is not "left out" as in a typed Schedule template)."""
    error = refused(aws=aws(schedule=sched(**{field: None})))
    assert (error.path, error.value) == (f"aws.schedule.{field}", None)


def test_snapshots_of_a_schedule_go_to_its_own_location_unless_named() -> None:
    schedule = sched(snapshot_volumes=True)
    plan, _, manifests = planned_output({"aws": aws(), "digitalocean": do(schedule=schedule)})
    location = plan.location("digitalocean")
    assert location is not None
    assert location.schedule is not None
    resolved = location.schedule
    assert (resolved.storage_location, resolved.snapshot_locations) == ("digitalocean", ("digitalocean",))
    (template,) = [m["spec"]["template"] for m in manifests if m["kind"] == "Schedule"]
    assert (template["storageLocation"], template["volumeSnapshotLocations"]) == ("digitalocean", ["digitalocean"])


@pytest.mark.parametrize("prop", ["velero_image", "aws_plugin_image"])
def test_an_image_given_as_a_token_is_named(prop: str) -> None:
    """The chart takes repository and tag apart: an image known only at apply cannot be split."""
    error = refused(**{prop: FAKE_TOKENS[1]})
    assert (error.path, error.value) == (prop, FAKE_TOKENS[1])
    assert "literal image reference" in error.rule
