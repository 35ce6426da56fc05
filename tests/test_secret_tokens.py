"""A credential is a Terraform token only when the whole string is one token, and that token must be
reachable from the stack of the secret it feeds without a dependency cycle.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cdktf_velero import AwsLocation, DigitalOceanLocation, VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import App, Fn, TerraformStack, TerraformVariable, Testing, Token

from . import helpers
from .strategies import scaled

CREDENTIALS = [
    ("aws", "access_key_id"),
    ("aws", "secret_access_key"),
    ("digitalocean", "spaces_access_key_id"),
    ("digitalocean", "spaces_secret_access_key"),
    ("digitalocean", "api_token"),
]
"""Every credential field; test_every_credential_field_is_listed keeps this list complete."""

_SECRET_NAME = dict(zip(CREDENTIALS, helpers.SECRET_NAMES, strict=True))


def locations(s: dict[str, str]) -> dict[str, Any]:
    return {"aws": helpers.aws_location(s), "digitalocean": helpers.do_location(s)}


def test_every_credential_field_is_listed() -> None:
    """Each credential field of the location classes is covered here, so a new one gets these tests."""
    import dataclasses

    declared = {
        (prefix, f.name)
        for prefix, cls in (("aws", AwsLocation), ("digitalocean", DigitalOceanLocation))
        for f in dataclasses.fields(cls)
        if not f.repr
    }
    assert declared == set(CREDENTIALS)


# ---- class 2: a whole token, or a literal -------------------------------------------------

_TOKEN_APP = Testing.app()
_TOKEN_STACK = TerraformStack(_TOKEN_APP, "tokens")
_SECRETS = helpers.secrets(_TOKEN_STACK)
_LITERAL = st.text(st.characters(codec="utf-8"), min_size=1, max_size=24)


def _plan_error(prop: tuple[str, str], value: Any, *, allow_plaintext: bool) -> VeleroConfigError | None:
    stack = TerraformStack(Testing.app(), "x")
    s = {**helpers.secrets(stack)}
    s[_SECRET_NAME[prop]] = value
    try:
        VeleroBackups(stack, "velero", allow_plaintext_secrets=allow_plaintext, **locations(s))
    except VeleroConfigError as error:
        return error
    return None


_PIECES = st.lists(st.integers(0, 1) | _LITERAL, min_size=1, max_size=5).filter(
    lambda pieces: pieces not in ([0], [1])  # exactly one token is the accepted case
)


@scaled(1.0)
@given(prop=st.sampled_from(CREDENTIALS), pieces=_PIECES, allow_plaintext=st.booleans())
@example(prop=("aws", "secret_access_key"), pieces=["literal/", 0], allow_plaintext=False)
@example(prop=("digitalocean", "api_token"), pieces=[0, " "], allow_plaintext=True)
@example(prop=("aws", "access_key_id"), pieces=[0, 1], allow_plaintext=True)
def test_a_literal_joined_to_a_token_is_not_a_token(
    prop: tuple[str, str], pieces: list[int | str], allow_plaintext: bool
) -> None:
    """Any mix of literal text and tokens but exactly one token: without allow_plaintext_secrets it is a
    literal, refused; with it, a literal holding a token is refused too (cdktf would splice the token into
    it). Only a pure literal passes, and then only with allow_plaintext_secrets. The error repeats nothing."""
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    tokens = [TerraformVariable(stack, f"t{i}", type="string", sensitive=True).string_value for i in range(2)]
    value = "".join(tokens[piece] if isinstance(piece, int) else piece for piece in pieces)
    s[_SECRET_NAME[prop]] = value
    holds_token = any(isinstance(piece, int) for piece in pieces)
    error: VeleroConfigError | None = None
    try:
        VeleroBackups(stack, "velero", allow_plaintext_secrets=allow_plaintext, **locations(s))
    except VeleroConfigError as raised:
        error = raised
    if error is None:
        assert allow_plaintext, "a value that is not exactly one token was accepted without allow_plaintext_secrets"
        assert not holds_token, "a literal holding a token was accepted"
        return
    assert error.path == ".".join(prop)
    assert error.value is None
    assert str(error) == f"{error.path}: {error.rule} (got <redacted>)"
    if holds_token:
        # The rule does not depend on the value: the same as for another literal joined to another token.
        reference = _plan_error(prop, "x" + tokens[0], allow_plaintext=allow_plaintext)
        assert reference is not None
        assert reference.rule == error.rule


@pytest.mark.parametrize("prop", CREDENTIALS, ids=".".join)
def test_whole_tokens_are_accepted(prop: tuple[str, str]) -> None:
    """A sensitive variable, a Terraform function over it and a resource-style attribute are one token each."""
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    s[_SECRET_NAME[prop]] = Fn.trimspace(TerraformVariable(stack, "raw", type="string", sensitive=True).string_value)
    VeleroBackups(stack, "velero", **locations(s))
    text = helpers.synth_text(stack)
    assert "trimspace(var.raw)" in text


@pytest.mark.parametrize("prop", CREDENTIALS, ids=".".join)
@pytest.mark.parametrize(
    "forged", ["${TfToken[dop_v1_0123456789abcdef]}", "${TfToken[TOKEN.999999999]}", "#{TfToken[TOKEN.1]}"]
)
@pytest.mark.parametrize("allow_plaintext", [False, True])
def test_forged_token_markers_are_literals(prop: tuple[str, str], forged: str, allow_plaintext: bool) -> None:
    """A string shaped like a token that cdktf never issued is text: refused, never repeated (cdktf's own
    error at synth would have printed it)."""
    error = _plan_error(prop, forged, allow_plaintext=allow_plaintext)
    assert error is not None
    assert error.path == ".".join(prop)
    assert "0123456789abcdef" not in str(error)
    assert forged not in str(error)


@pytest.mark.parametrize("prop", CREDENTIALS, ids=".".join)
def test_an_encoded_number_token_in_a_literal_is_refused(prop: tuple[str, str]) -> None:
    """cdktf replaces number-token encodings in every string: a literal holding one would not arrive as given."""
    stack = TerraformStack(Testing.app(), "n")
    number = Token.as_number(TerraformVariable(stack, "n", type="number").value)
    assert "e+" in repr(number)
    error = _plan_error(prop, f"key{number!r}", allow_plaintext=True)
    assert error is not None
    assert error.path == ".".join(prop)
    assert _plan_error(prop, "key-1.5e+289", allow_plaintext=True) is None  # an ordinary number is text


def test_other_props_keep_accepting_mixed_strings() -> None:
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    prefix = TerraformVariable(stack, "prefix", type="string").string_value
    VeleroBackups(stack, "velero", aws=helpers.aws_location(s, prefix=f"{prefix}-velero"))
    assert "${var.prefix}-velero" in helpers.synth_text(stack)


# ---- class 5: the token's stack and the secret's stack --------------------------------------


def _app(tmp_path: Path, prop: tuple[str, str], declared_in: str) -> tuple[App, dict[str, TerraformStack]]:
    """A chart stack, a custom-resources stack and two more: ``upstream`` (both may depend on it) and
    ``downstream`` (depends on the custom-resources stack). The credential ``prop`` is declared in ``declared_in``."""
    app = App(outdir=str(tmp_path), skip_validation=True)  # no provider blocks: only the wiring matters
    stacks = {name: TerraformStack(app, name) for name in ("chart", "resources", "upstream", "downstream")}
    stacks["downstream"].add_dependency(stacks["resources"])
    s = helpers.secrets(stacks["chart"])
    variable = TerraformVariable(stacks[declared_in], "moved", type="string", sensitive=True)
    s[_SECRET_NAME[prop]] = variable.string_value
    VeleroBackups(stacks["chart"], "velero", custom_resources_stack=stacks["resources"], **locations(s))
    return app, stacks


_CYCLES = {
    # The stacks that depend on the one holding the secret: a reference from there back is a cycle.
    "chart": {"resources", "downstream"},
    "resources": {"downstream"},
}


def _holder(prop: tuple[str, str]) -> str:
    return "resources" if prop[1].startswith("spaces_") else "chart"


@pytest.mark.parametrize("prop", CREDENTIALS, ids=".".join)
@pytest.mark.parametrize("declared_in", ["chart", "resources", "upstream", "downstream"])
def test_a_credential_token_must_not_close_a_stack_cycle(
    tmp_path: Path, prop: tuple[str, str], declared_in: str
) -> None:
    """Refused at construction exactly when cdktf would meet a circular dependency at synth; otherwise the
    app synthesizes, and a value crossing stacks goes through a sensitive output only."""
    holder = _holder(prop)
    if declared_in in _CYCLES[holder]:
        with pytest.raises(VeleroConfigError) as raised:
            _app(tmp_path, prop, declared_in)
        error = raised.value
        assert error.path == ".".join(prop)
        assert f"stack {holder!r}" in str(error)
        assert "declare it" in str(error).lower()
        assert "${TfToken" not in str(error)
        return
    app, _ = _app(tmp_path, prop, declared_in)
    app.synth()
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for entry in manifest["stacks"].values():
        doc = json.loads((tmp_path / entry["synthesizedStackPath"]).read_text())
        for name, output in doc.get("output", {}).items():
            if "var.moved" in json.dumps(output) or "vardigitalocean" in name or "varaws" in name:
                assert output.get("sensitive") is True, name


def test_the_usual_layout_resolves_nothing_early() -> None:
    """Credentials declared in the chart's stack, custom resources in another: the check adds no cross-stack
    reference at construction (synth makes the ones it needs, as before)."""
    app = Testing.app()
    chart, resources = TerraformStack(app, "chart"), TerraformStack(app, "resources")
    s = helpers.secrets(chart)
    VeleroBackups(chart, "velero", custom_resources_stack=resources, **locations(s))
    ids = [child.node.id for stack in (chart, resources) for child in stack.node.children]
    assert not [name for name in ids if name.startswith("cross-stack")]
    assert chart.dependencies == []
    assert resources.dependencies == [chart]


def test_a_custom_resources_stack_the_chart_depends_on_is_refused() -> None:
    """The other way round, the cycle is in the layout itself: refused before any reference is made."""
    app = Testing.app()
    chart, resources = TerraformStack(app, "chart"), TerraformStack(app, "resources")
    chart.add_dependency(resources)
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(chart, "velero", custom_resources_stack=resources, **locations(helpers.secrets(chart)))
    assert raised.value.path == "custom_resources_stack"
    assert raised.value.value == "resources"
    # Refused before the construct exists (scope_checks): nothing left behind, no dependency added.
    assert chart.node.try_find_child("velero") is None
    assert resources.dependencies == []
