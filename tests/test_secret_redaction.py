"""Errors and ``repr()`` never carry a credential: wrong-typed arguments are named by type, credential
fields print as ``<redacted>``, in the configuration objects and in the validated plan alike.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cdktf_velero
from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation, VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import TerraformStack, Testing
from cdktf_velero.secret_fields import secret_values

from . import helpers
from .strategies import scaled

SECRET = "dop_v1_" + "5ec2e7" * 10 + "beef"
"""A recognisable credential, planted in every wrong-typed value below."""

LITERALS = {
    "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/b${PxRfiCY}EXAMPLEKEY",
    "spaces_access_key_id": "DO00EXAMPLESPACESKEY",
    "spaces_secret_access_key": "spacesSecret%{EXAMPLE}abcdefghijklmnopqrstuv",
    "digitalocean_token": SECRET,
}


def _carrier(kind: str) -> Any:
    """A value of the wrong type for any property, holding SECRET somewhere inside."""
    return {
        "dict": {"access_key_id": SECRET},
        "list": [SECRET],
        "tuple": (SECRET, SECRET),
        "set": {SECRET},
        "nested": {"a": [{"b": SECRET}]},
        "aws": AwsLocation(bucket="b", region="us-east-1", access_key_id=SECRET, secret_access_key=SECRET),
        "do": DigitalOceanLocation(bucket="b", region="nyc3", api_token=SECRET, spaces_secret_access_key=SECRET),
        "bytes": SECRET.encode(),
        "object": type("Holder", (), {"__repr__": lambda self: SECRET, "__str__": lambda self: SECRET})(),
    }[kind]


CARRIERS = ["dict", "list", "tuple", "set", "nested", "aws", "do", "bytes", "object"]


def _assert_clean(error: VeleroConfigError) -> None:
    for text in (str(error), repr(error), repr(error.value), str(error.args)):
        assert SECRET not in text
        assert "5ec2e7" not in text


def test_the_issue_example_names_the_type() -> None:
    stack = TerraformStack(Testing.app(), "x")
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "v", aws=_carrier("do"))
    assert raised.value.path == "aws"
    assert "got a DigitalOceanLocation" in str(raised.value)
    assert raised.value.value == "DigitalOceanLocation"
    _assert_clean(raised.value)


def test_errors_repeat_plain_scalars_only() -> None:
    """The mechanism itself: scalars are shown, anything else by type name (a str subclass too, whose repr
    is its own), secrets never."""
    text = type("Text", (str,), {"__repr__": lambda self: SECRET})("x")
    assert VeleroConfigError("p", "bucket-name", "r").value == "bucket-name"
    assert "'bucket-name'" in str(VeleroConfigError("p", "bucket-name", "r"))
    for value, name in (
        (text, "Text"),
        ([SECRET], "list"),
        ({"k": SECRET}, "dict"),
        (_carrier("do"), "DigitalOceanLocation"),
    ):
        error = VeleroConfigError("p", value, "r")
        assert error.value == name
        assert str(error) == f"p: r (got a {name})"
    secret = VeleroConfigError("p", SECRET, "r", secret=True)
    assert secret.value is None
    assert str(secret) == "p: r (got <redacted>)"


_TOP_LEVEL = [
    name
    for name in inspect.signature(VeleroBackups.__init__).parameters
    if name not in ("self", "scope", "construct_id", "aws")
]
_LOCATION_FIELDS = [("aws", f.name) for f in dataclasses.fields(AwsLocation)] + [
    ("digitalocean", f.name) for f in dataclasses.fields(DigitalOceanLocation)
]
_SCHEDULE_FIELDS = [f.name for f in dataclasses.fields(BackupSchedule)]


@scaled(1.0)
@given(
    target=st.one_of(
        st.tuples(st.just("top"), st.sampled_from(_TOP_LEVEL)),
        st.tuples(st.just("location"), st.sampled_from(_LOCATION_FIELDS)),
        st.tuples(st.just("schedule"), st.sampled_from(_SCHEDULE_FIELDS)),
    ),
    kind=st.sampled_from(CARRIERS),
    allow_plaintext=st.booleans(),
)
def test_wrong_typed_arguments_never_leak(target: tuple[str, Any], kind: str, allow_plaintext: bool) -> None:
    """Any property set to any wrong-typed value carrying a credential: either refused by a
    VeleroConfigError that does not repeat it, or accepted (a few properties take any object, e.g. the
    providers), and then nothing of it reaches the plan's repr or the chart's values."""
    where, name = target
    if _takes(where, name, kind):
        return  # not a wrong type: e.g. a list for included_namespaces, whose entries are checked (and shown)
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    kwargs: dict[str, Any] = {"aws": helpers.aws_location(s), "digitalocean": helpers.do_location(s)}
    if where == "top":
        kwargs[name] = _carrier(kind)
    elif where == "location":
        location, field = name
        kwargs[location] = dataclasses.replace(kwargs[location], **{field: _carrier(kind)})
    else:
        schedule = BackupSchedule(**{"cron": "@daily", name: _carrier(kind)})
        kwargs["aws"] = dataclasses.replace(kwargs["aws"], schedule=schedule)
    outcome: Exception | VeleroBackups
    try:
        outcome = VeleroBackups(stack, "v", allow_plaintext_secrets=allow_plaintext, **kwargs)
    except Exception as error:  # a VeleroConfigError, or jsii refusing an object for a provider or stack argument
        outcome = error
    if isinstance(outcome, VeleroConfigError):
        _assert_clean(outcome)
        assert outcome.value is None or type(outcome.value) in (str, int, float, bool)
        return
    if isinstance(outcome, Exception):
        assert SECRET not in str(outcome), f"{type(outcome).__name__} repeats the value"
        return
    backups = outcome
    assert SECRET not in repr(backups.plan)
    assert SECRET not in str(backups.values)


def _takes(where: str, name: Any, kind: str) -> bool:
    """True when the property's declared type admits the carrier's container type."""
    if where == "top":
        annotation = str(inspect.signature(VeleroBackups.__init__).parameters[name].annotation)
    else:
        cls, field_name = (
            (AwsLocation if name[0] == "aws" else DigitalOceanLocation, name[1])
            if where == "location"
            else (BackupSchedule, name)
        )
        annotation = str(next(f.type for f in dataclasses.fields(cls) if f.name == field_name))
    if kind in ("list", "tuple", "set") and "Sequence" in annotation:
        return True
    return kind in ("dict", "nested") and "Mapping" in annotation


@pytest.mark.parametrize("kind", CARRIERS)
def test_extra_values_of_any_type_never_leak(kind: str) -> None:
    """Refusals of extra_values name types, never contents: as the whole value, under a key the library
    owns, or (for what is not plain data) at any depth."""
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    plain = kind in ("dict", "list", "tuple", "nested")
    cases = [{"configuration": {"backupStorageLocation": _carrier(kind)}}, {"schedules": _carrier(kind)}]
    if kind != "dict" and kind != "nested":
        cases.append(_carrier(kind))
    if not plain:
        cases.append({"podAnnotations": {"a": [_carrier(kind)]}})
    for index, extra in enumerate(cases):
        with pytest.raises(VeleroConfigError) as raised:
            VeleroBackups(stack, f"v{index}", aws=helpers.aws_location(s), extra_values=extra)
        _assert_clean(raised.value)


def test_repr_of_locations_and_plan_masks_every_credential() -> None:
    stack = TerraformStack(Testing.app(), "x")
    aws, do = helpers.aws_location(LITERALS), helpers.do_location(LITERALS)
    backups = VeleroBackups(stack, "v", allow_plaintext_secrets=True, aws=aws, digitalocean=do)
    shown = [repr(aws), repr(do), str(do), repr(backups.plan), str(backups.plan)]
    shown += [repr(location) for location in backups.plan.locations]
    for text in shown:
        for literal in LITERALS.values():
            assert literal not in text
            assert literal.replace("${", "$${").replace("%{", "%%{") not in text  # nor the escaped form
    assert repr(aws).count("<redacted>") == 2
    assert repr(do).count("<redacted>") == 3
    # In the plan: each location as given, its key pair, and the server's environment (the token).
    assert repr(backups.plan).count("<redacted>") == 2 + 3 + 2 + 2 + 1
    assert "bucket='acme-velero'" in repr(aws)  # the rest stays readable
    # Absent credentials show as None, not as a secret.
    assert "access_key_id=None" in repr(AwsLocation(bucket="b", region="us-east-1", create_iam_user=True))


_CREDENTIAL_NAME = ("_key_id", "_access_key", "_token", "password", "_secret")


def test_every_credential_field_is_declared_secret() -> None:
    """A field named like a credential in any public dataclass is masked: a new one cannot be forgotten."""
    for name in cdktf_velero.__all__:
        cls = getattr(cdktf_velero, name)
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        for field in dataclasses.fields(cls):
            if field.name.endswith(_CREDENTIAL_NAME):
                assert not field.repr, f"{name}.{field.name} is not declared secret"
                sample = _sample(cls, field.name)
                if sample is not None:
                    assert SECRET not in repr(sample), f"{name}.{field.name} appears in repr()"
                    # Declared with secret_field, so that the checks finding credentials by field see it.
                    assert field.name in dict(secret_values(sample)), f"{name}.{field.name} is not a secret_field"


def _sample(cls: type, field_name: str) -> Any:
    """An instance of ``cls`` with SECRET in ``field_name`` (None when the class needs other arguments)."""
    required = {
        f.name: "x"
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    try:
        return cls(**{**required, field_name: SECRET})
    except TypeError:
        return None
