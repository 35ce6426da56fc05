"""Credentials and Terraform text at the points the mutation run found unguarded (docs/mutation-report.md): every
refusal of a credential is redacted and still names its path and rule, ``is_single_token`` follows cdktf's answer
(asked through a stand-in, no jsii), and the text checks name the path and value of each refusal."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import VeleroConfigError
from cdktf_velero.engine.core import Token, Tokenization

from .internal import terraform
from .internal import validation as v
from .strategies import FAKE_TOKENS

pytestmark = pytest.mark.pure

T0 = FAKE_TOKENS[0]
SHAPED = "${TfToken[TOKEN.7]}"
"""Shaped like a cdktf token; whether cdktf issued it is up to the stand-ins below."""


@pytest.mark.parametrize(
    ("value", "plaintext"),
    [
        (12345, True),
        (None, False),
        (b"key", True),
        ("AKIAEXAMPLE", False),  # a literal where a token is required
        ("&{TfToken[KEY]}", True),  # holds a token encoding
        (f"k{T0}", True),
        ("   ", True),
        ("a b", True),
        ("a\x00b", True),
        ("e\u0301", True),  # not NFC
    ],
)
def test_a_refused_credential_is_redacted(value: object, plaintext: bool) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        v.check_secret("aws.secret_access_key", value, allow_plaintext=plaintext)
    error = raised.value
    assert (error.path, error.value) == ("aws.secret_access_key", None)
    assert isinstance(error.rule, str)
    assert error.rule
    assert str(error).endswith("(got <redacted>)")


class _Answer:
    """What ``Tokenization.reverse_string`` returns: a number of fragments and the first token, if any."""

    def __init__(self, length: int, first_token: object) -> None:
        self.length = length
        self.first_token = first_token


@pytest.mark.parametrize(
    ("value", "answer", "single"),
    [
        (SHAPED, _Answer(1, object()), True),
        (SHAPED, _Answer(2, object()), False),  # more than one fragment: not one token
        (SHAPED, _Answer(1, None), False),  # one literal fragment
        (SHAPED, KeyError("Unrecognized Token Key"), False),  # cdktf never issued it
        ("plain", _Answer(1, object()), False),  # not shaped like a token: cdktf is not asked
        (f"x{SHAPED}", _Answer(1, object()), False),
        (5, _Answer(1, object()), False),
    ],
)
def test_a_single_token_is_what_cdktf_confirms(
    monkeypatch: pytest.MonkeyPatch, value: object, answer: Any, single: bool
) -> None:
    asked: list[object] = []

    def reverse_string(text: object) -> Any:
        asked.append(text)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(Tokenization, "reverse_string", staticmethod(reverse_string))
    assert v.is_single_token(value) is single
    assert asked == ([value] if value == SHAPED else [])


@pytest.fixture
def cdktf_issued_up_to_6(monkeypatch: pytest.MonkeyPatch) -> None:
    """cdktf's newest token is number 6: TOKEN.7 was never issued."""
    monkeypatch.setattr(terraform, "_highest_token", 5)
    monkeypatch.setattr(Token, "as_string", staticmethod(lambda _: "${TfToken[TOKEN.6]}"))


@pytest.mark.usefixtures("cdktf_issued_up_to_6")
def test_text_with_a_token_never_issued_names_the_path() -> None:
    with pytest.raises(VeleroConfigError) as raised:
        v.check_text("extra_values.x", f"a{SHAPED}")
    assert (raised.value.path, raised.value.value) == ("extra_values.x", f"a{SHAPED}")


@pytest.mark.usefixtures("cdktf_issued_up_to_6")
def test_a_secret_token_never_issued_is_redacted() -> None:
    with pytest.raises(VeleroConfigError) as raised:
        v.check_token_keys("aws.secret_access_key", f"a{SHAPED}", secret=True)
    assert (raised.value.path, raised.value.value) == ("aws.secret_access_key", None)
    assert str(raised.value).endswith("(got <redacted>)")


@pytest.mark.parametrize("text", ["#{TfToken[LIST]}", "a #{TfToken[LIST]}", f"a\r{T0}", f"\rx\n{T0}"])
def test_text_cdktf_would_write_wrongly_names_path_and_value(text: str) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        v.check_text("extra_values.x", text)
    assert (raised.value.path, raised.value.value) == ("extra_values.x", text)
