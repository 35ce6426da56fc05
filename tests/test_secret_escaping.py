"""A literal credential (``allow_plaintext_secrets``) reaches the cluster exactly as given, even when it holds
``${`` or ``%{``: proved by letting Terraform 1.11 (``/usr/local/bin/terraform``, offline, no provider)
evaluate the very strings the library synthesizes.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cdktf_velero import VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import TerraformOutput, TerraformStack, TerraformVariable, Testing
from cdktf_velero.validation import escape_terraform_template

from . import helpers, terraform_cli
from .terraform_cli import needs_terraform


def terraform_values(tmp: Path, strings: dict[str, str], variables: dict[str, str]) -> dict[str, str]:
    """What Terraform makes of each string of a ``.tf.json`` file, with the given variable values."""
    config: dict[str, Any] = {"output": {name: {"value": text} for name, text in strings.items()}}
    if variables:
        config["variable"] = {name: {"type": "string", "default": value} for name, value in variables.items()}
    return terraform_cli.apply(tmp, config)


def secret_data(doc: dict[str, Any]) -> dict[str, str]:
    """Every ``kubernetes_secret`` data value, keyed ``<secret name>/<key>``."""
    return {
        f"{secret['metadata']['name']}/{key}": value
        for secret in helpers.resources(doc, "kubernetes_secret").values()
        for key, value in secret["data"].items()
    }


def ini(key_id: str, secret: str) -> str:
    return f"[default]\naws_access_key_id={key_id}\naws_secret_access_key={secret}\n"


def test_template_sequences_are_escaped_in_the_json() -> None:
    literals = {
        "aws_access_key_id": "AKIA${aws_region}",
        "aws_secret_access_key": "s3cr%{if_true}x%{endif}",
        "spaces_access_key_id": "$${already}",
        "spaces_secret_access_key": "%%{x}$",
        "digitalocean_token": "dop_v1_${var.digitalocean_token}",
    }
    stack = TerraformStack(Testing.app(), "x")
    VeleroBackups(
        stack,
        "v",
        allow_plaintext_secrets=True,
        aws=helpers.aws_location(literals),
        digitalocean=helpers.do_location(literals),
    )
    data = secret_data(helpers.synth(stack))
    assert data["velero-aws-credentials/cloud"] == ini("AKIA$${aws_region}", "s3cr%%{if_true}x%%{endif}")
    assert data["digitalocean-spaces-credentials/cloud"] == ini("$$${already}", "%%%{x}$")
    assert data["velero-digitalocean-token/DIGITALOCEAN_TOKEN"] == "dop_v1_$${var.digitalocean_token}"


_TEMPLATE_HEAVY = st.text(st.sampled_from(list("${}%\\\"'~$${%%{aZ9")), min_size=1, max_size=16)
_PRINTABLE = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S")), min_size=1, max_size=16).filter(
    lambda text: text.isprintable() and not any(char.isspace() for char in text)
)
literal_secrets = (_TEMPLATE_HEAVY | _PRINTABLE).filter(
    lambda text: "TfToken[" not in text and unicodedata.is_normalized("NFC", text)
)


@needs_terraform
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(literal_secrets, min_size=5, max_size=5), token_for=st.sampled_from([None, *helpers.SECRET_NAMES])
)
@example(values=["${a}", "%{b}", "$${c}", "%%{d}", "$"], token_for=None)
@example(values=["x$", "${", "}", "%", "{${}}"], token_for="aws_secret_access_key")
@example(values=["${a}$", "x", "$${b}", "%{c}$$", "y"], token_for="aws_secret_access_key")
@example(values=["a", "$", "b", "{${d}", "z"], token_for="spaces_access_key_id")
def test_terraform_gives_back_each_literal_credential(
    tmp_path_factory: pytest.TempPathFactory, values: list[str], token_for: str | None
) -> None:
    """Synthesize literal credentials (one of them, at times, a token beside literals in the same file),
    then let Terraform evaluate every secret's data: each equals the text given."""
    literals = dict(zip(helpers.SECRET_NAMES, values, strict=True))
    stack = TerraformStack(Testing.app(), "x")
    given_values = dict(literals)
    if token_for is not None:
        literals[token_for] = TerraformVariable(stack, "real", type="string", sensitive=True).string_value
        given_values[token_for] = "<the token's value>"
    VeleroBackups(
        stack,
        "v",
        allow_plaintext_secrets=True,
        aws=helpers.aws_location(literals),
        digitalocean=helpers.do_location(literals),
    )
    # The repository password is a token of a random_password (no literal to give back): left out here.
    data = {k: v for k, v in secret_data(helpers.synth(stack)).items() if not k.startswith("velero-repo-credentials/")}
    names = {name: f"s{index}" for index, name in enumerate(sorted(data))}
    variables = {"real": given_values[token_for]} if token_for is not None else {}
    evaluated = terraform_values(
        tmp_path_factory.mktemp("tf"), {names[name]: text for name, text in data.items()}, variables
    )
    expected = {
        "velero-aws-credentials/cloud": ini(given_values["aws_access_key_id"], given_values["aws_secret_access_key"]),
        "digitalocean-spaces-credentials/cloud": ini(
            given_values["spaces_access_key_id"], given_values["spaces_secret_access_key"]
        ),
        "velero-digitalocean-token/DIGITALOCEAN_TOKEN": given_values["digitalocean_token"],
    }
    assert {name: evaluated[names[name]] for name in data} == expected


# The helper itself, on text that holds tokens too (for other strings that may need it).

_PIECES = st.lists(
    st.one_of(st.integers(0, 2), st.text(st.sampled_from(list('${}%"\\ab')), min_size=1, max_size=6)),
    min_size=1,
    max_size=8,
)


@needs_terraform
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(_PIECES, min_size=8, max_size=8))
@example(
    cases=[
        ["x${y}", 0],
        ["$", 0],
        ["$$", 1, "{"],
        [0, "${", 1, "}"],
        ["%", 2, "%{"],
        ["${a", 0, "}"],
        ["}{$$$${{"],
        [0],
    ]
)
def test_escape_terraform_template_round_trips_through_terraform(
    tmp_path_factory: pytest.TempPathFactory, cases: list[list[int | str]]
) -> None:
    """Literal pieces (int: a token) joined, escaped, synthesized by cdktf and evaluated by Terraform give
    back the pieces, each token replaced by its variable's value."""
    stack = TerraformStack(Testing.app(), "x")
    defaults = ["<v0>", "<v1>", "<v2>"]
    tokens = [TerraformVariable(stack, f"v{i}", type="string", default=d).string_value for i, d in enumerate(defaults)]
    expected = {}
    for index, pieces in enumerate(cases):
        text = "".join(tokens[p] if isinstance(p, int) else p for p in pieces)
        TerraformOutput(stack, f"o{index}", value=escape_terraform_template(text))
        expected[f"o{index}"] = "".join(defaults[p] if isinstance(p, int) else p for p in pieces)
    doc = helpers.synth(stack)
    strings = {name: output["value"] for name, output in doc["output"].items()}
    variables = {f"v{index}": default for index, default in enumerate(defaults)}
    evaluated = terraform_values(tmp_path_factory.mktemp("tf"), strings, variables)
    assert evaluated == expected


@needs_terraform
def test_terraform_normalizes_text_so_other_forms_are_refused(tmp_path: Path) -> None:
    """Terraform rewrites configuration strings to Unicode NFC: a literal credential in another form would
    reach the cluster changed, so it is refused."""
    text = "key\U0002f800"  # a CJK compatibility ideograph, which NFC maps to U+4E3D
    assert terraform_values(tmp_path, {"o": text}, {}) == {"o": unicodedata.normalize("NFC", text)}
    stack = TerraformStack(Testing.app(), "x")
    literals = {**dict.fromkeys(helpers.SECRET_NAMES, "plain"), "digitalocean_token": text}
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(
            stack,
            "v",
            allow_plaintext_secrets=True,
            aws=helpers.aws_location(literals),
            digitalocean=helpers.do_location(literals),
        )
    assert raised.value.path == "digitalocean.api_token"
    assert text not in str(raised.value)


def test_escape_terraform_template_in_plain_text() -> None:
    assert escape_terraform_template("a${b}%{c}") == "a$${b}%%{c}"
    assert escape_terraform_template("$${x}") == "$$${x}"
    assert escape_terraform_template("no sequences $ % { }") == "no sequences $ % { }"
