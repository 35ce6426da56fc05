"""The Terraform text layer without jsii synthesis: the exact output of the template escaping for each special
sequence (alone, beside tokens, already escaped), template detection, the text checks and their boundaries, and
the check of token keys against the highest token cdktf has issued."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cdktf_velero import VeleroConfigError
from cdktf_velero.engine.core import Token

from .internal import terraform
from .internal import validation as v
from .strategies import FAKE_SECRETS, FAKE_TOKENS, NO_JSII

pytestmark = pytest.mark.pure

T0, T1 = FAKE_TOKENS[0], FAKE_TOKENS[1]
SECRET = FAKE_SECRETS["aws_access_key_id"]
FORGED = "${TfToken[TOKEN.999999999]}"
"""Shaped like a cdktf token, never issued: only cdktf can tell (a jsii call, so not in a forked mutation run)."""
asks_cdktf = pytest.mark.skipif(NO_JSII, reason="asks cdktf about a token it never issued (jsii)")


def refused(check: Callable[..., Any], value: object, path: str = "p", **kwargs: Any) -> VeleroConfigError:
    """The error ``check`` raises for ``value``, which names ``path`` and shows the value."""
    with pytest.raises(VeleroConfigError) as raised:
        check(path, value, **kwargs)
    error = raised.value
    assert error.path.startswith(path)
    assert error.rule
    if isinstance(value, str):
        assert repr(error.value) in str(error)
    return error


# ---- escape_terraform_template: each sequence, exactly ----------------------------------------------------

ESCAPED = [
    ("", ""),
    ("plain text", "plain text"),
    ("a${b}", "a$${b}"),
    ("%{if x}y%{endif}", "%%{if x}y%%{endif}"),
    ("$${x}", "$$${x}"),  # already escaped text is escaped again: Terraform reads back "$${x}"
    ("%%{x}", "%%%{x}"),
    ("${", "$${"),
    ("%{", "%%{"),
    ("$ {x} % {y} {z}", "$ {x} % {y} {z}"),
    ("$x $", "$x $"),
    ("%x %", "%x %"),
    ("#{x}", "#{x}"),
]


@pytest.mark.parametrize(("text", "written"), ESCAPED)
def test_escape_literal_text(text: str, written: str) -> None:
    assert v.escape_terraform_template(text) == written
    assert v.has_template(text) is (written != text)


def _beside_tokens() -> list[tuple[str, str]]:
    q = '${"$"}'
    return [
        (T0, T0),
        (T0 + T1, T0 + T1),
        (f"a/{T0}/b", f"a/{T0}/b"),
        (f"a${{x}}{T0}", f"a{q}{{x}}{T0}"),
        (f"{T0}${{x}}", f"{T0}{q}{{x}}"),
        (f"${T0}", f"{q}{T0}"),
        (f"$${T0}$", f'${{"$$"}}{T0}$'),
        (f"{T0}$", f"{T0}$"),
        (f"{T0}%{{x}}", f"{T0}%%{{x}}"),
        (f"%{{x}}{T0}", f"%%{{x}}{T0}"),
        (f"$${{{T0}", f'${{"$$"}}{{{T0}'),
        (f"${{{T0}}}", f"{q}{{{T0}}}"),
        (f"$x{T0}$y{T1}", f"$x{T0}$y{T1}"),
        (f"a$ {T0}", f"a$ {T0}"),
    ]


@pytest.mark.parametrize(("text", "written"), _beside_tokens())
def test_escape_beside_tokens(text: str, written: str) -> None:
    """Tokens stay the references they are; dollars before '{' or right before a token become ${"$"}."""
    assert v.escape_terraform_template(text) == written
    for token in (T0, T1):
        assert written.count(token) == text.count(token)


def test_a_list_token_marker_is_not_a_string_token() -> None:
    listish = "#{TfToken[TOKEN.1]}${x}"
    assert v.escape_terraform_template(listish) == "#{TfToken[TOKEN.1]}$${x}"


@pytest.mark.parametrize(
    ("text", "has"),
    [
        (T0, False),
        (f"${T0}", True),
        (f"{T0}$", False),
        (f"%{T0}", False),
        ("$ {", False),
        ("${", True),
        ("%{", True),
        ("#{TfToken[TOKEN.1]}", False),
        ("$#{TfToken[TOKEN.1]}", True),
        # A NUL is literal text like any other character (it once stood in for a token there).
        ("$\0", False),
        (f"\0{T0}", False),
        (f"{T0}$ {T0}", False),
        (f"{T0}{T0}$", False),
        (f"{T0}${T0}", True),
    ],
)
def test_has_template(text: str, has: bool) -> None:
    assert v.has_template(text) is has


@pytest.mark.parametrize(
    ("value", "token"),
    [(T0, True), (f"x{T0}y", True), ("#{TfToken[TOKEN.1]}", True), ("${TfToken", False), ("", False), (1, False)],
)
def test_is_token(value: object, token: bool) -> None:
    assert v.is_token(value) is token
    assert v.is_token([T0]) is False  # only strings are tokens to this test


# ---- check_text and identifiers -------------------------------------------------------------------------

GOOD_TEXT = ["", "x", "é", "a\r\nb", f"a\r\n{T0}", f"{T0}\rb", "${x}", "line\nbreak\ttab"]


@pytest.mark.parametrize("text", GOOD_TEXT)
def test_check_text_returns_the_text(text: str) -> None:
    assert v.check_text("p", text) is text


@pytest.mark.parametrize(
    "value",
    [None, 1, b"x", "\ud800", "e\u0301", "#{TfToken[TOKEN.1]}", "a#{TfToken[TOKEN.1]}", f"a\r{T0}", f"\rx\n{T0}"],
)
def test_check_text_refuses(value: object) -> None:
    error = refused(v.check_text, value, "extra.path")
    assert error.path == "extra.path"
    if isinstance(value, str) and value.isprintable() and "TfToken" not in value:
        assert error.value == value


@asks_cdktf
@pytest.mark.parametrize("secret", [False, True])
def test_forged_tokens_are_refused(secret: bool) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        v.check_token_keys("p.q", f"a{FORGED}", secret=secret)
    assert raised.value.path == "p.q"
    assert raised.value.value == (None if secret else f"a{FORGED}")
    assert ("999999999" in str(raised.value)) is not secret
    assert v.is_single_token(FORGED) is False
    refused(v.check_text, FORGED)


@pytest.mark.parametrize(("issued", "highest", "ok"), [("TOKEN.7", 7, True), ("TOKEN.6", 6, False), ("x", 5, False)])
def test_token_numbers_are_checked_against_the_highest_issued(
    monkeypatch: pytest.MonkeyPatch, issued: str, highest: int, ok: bool
) -> None:
    """cdktf is asked once for its newest token: a number up to it passes, a higher one is refused."""
    monkeypatch.setattr(terraform, "_highest_token", 5)
    monkeypatch.setattr(Token, "as_string", staticmethod(lambda _: "${TfToken[" + issued + "]}"))
    text = "a${TfToken[TOKEN.7]}"
    if ok:
        v.check_token_keys("p", text)
    else:
        with pytest.raises(VeleroConfigError) as raised:
            v.check_token_keys("p", text)
        assert (raised.value.path, raised.value.value) == ("p", text)
    assert terraform._highest_token == highest
    v.check_token_keys("p", "${TfToken[TOKEN.5]}")  # no higher number: cdktf is not asked
    monkeypatch.setattr(Token, "as_string", None)
    v.check_token_keys("p", "${TfToken[TOKEN.5]} no token")


def test_issued_tokens_pass_the_key_check() -> None:
    v.check_token_keys("p", f"{T0} {T1} {SECRET}")
    assert v.check_text("p", f"{T0}{T1}") == f"{T0}{T1}"


@pytest.mark.parametrize("name", ["a", "_", "A_b-9", "x" * 200, "_1"])
def test_terraform_identifiers(name: str) -> None:
    assert v.check_terraform_identifier("output", name) == name


@pytest.mark.parametrize("name", ["", "1a", "-a", "a.b", "a b", "é", 3])
def test_not_terraform_identifiers(name: object) -> None:
    error = refused(v.check_terraform_identifier, name, "output")
    assert error.value == name
