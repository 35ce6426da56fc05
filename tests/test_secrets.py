"""Issue 4: no credential in plain text.

Credentials must be Terraform tokens (literal strings need ``allow_plaintext_secrets=True``);
whatever they are, they reach only ``kubernetes_secret.data``, never the helm release.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from cdktf_velero import VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import App, TerraformStack, Testing

from . import helpers

AWS_KEY_ID = re.compile(r"(AKIA|ASIA)[A-Z0-9]{16}")
AWS_SECRET = re.compile(r"(?i)(secret|key)[\"'_a-z]*\s*[:=]\s*[\"']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])")
DO_TOKEN = re.compile(r"dop_v1_[a-f0-9]{64}")

LITERALS = {
    "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "spaces_access_key_id": "DO00EXAMPLESPACESKEY",
    "spaces_secret_access_key": "spacesSecretEXAMPLEabcdefghijklmnopqrstuv",
    "digitalocean_token": "dop_v1_" + "0123456789abcdef" * 4,
}

CREDENTIAL_PROPS = [
    ("aws", "access_key_id"),
    ("aws", "secret_access_key"),
    ("digitalocean", "spaces_access_key_id"),
    ("digitalocean", "spaces_secret_access_key"),
    ("digitalocean", "api_token"),
]
_SECRET_FOR = dict(zip(CREDENTIAL_PROPS, helpers.SECRET_NAMES, strict=True))


def _leaves(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, str(index)))
    elif isinstance(node, str):
        yield path, node


def _in_secret_data(path: tuple[str, ...]) -> bool:
    return path[:2] == ("resource", "kubernetes_secret") and len(path) >= 5 and path[3] == "data"


def scenario_plaintext(stack: TerraformStack, s: dict[str, str]) -> VeleroBackups:
    return VeleroBackups(
        stack,
        "velero",
        allow_plaintext_secrets=True,
        aws=helpers.aws_location(LITERALS),
        digitalocean=helpers.do_location(LITERALS),
    )


ALL_SCENARIOS = {**helpers.SCENARIOS, "plaintext": scenario_plaintext}


@pytest.mark.parametrize("name", sorted(ALL_SCENARIOS))
def test_credentials_only_in_kubernetes_secret_data(name: str) -> None:
    stack, _ = helpers.build(ALL_SCENARIOS[name])
    text = helpers.synth_text(stack)
    doc = json.loads(text)
    refs = [f"${{var.{secret}}}" for secret in helpers.SECRET_NAMES]
    needles = [*refs, *LITERALS.values()]
    found = set()
    for path, value in _leaves(doc):
        for needle in needles:
            if needle in value:
                assert _in_secret_data(path), f"{needle} appears at {'.'.join(path)}"
                found.add(needle)
    release = helpers.only(doc, "helm_release")
    release_text = json.dumps({k: release.get(k) for k in ("values", "set", "set_sensitive")})
    for needle in needles:
        assert needle not in release_text
    if name == "plaintext":
        assert set(LITERALS.values()) <= found
    else:
        assert not any(pattern.search(text) for pattern in (AWS_KEY_ID, AWS_SECRET, DO_TOKEN))
        assert any(ref in found for ref in refs)


@pytest.mark.parametrize(("location", "prop"), CREDENTIAL_PROPS)
def test_literal_credential_is_refused_without_opt_in(location: str, prop: str) -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "x")
    s = helpers.secrets(stack)
    literal = LITERALS[_SECRET_FOR[(location, prop)]]
    s[_SECRET_FOR[(location, prop)]] = literal
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", aws=helpers.aws_location(s), digitalocean=helpers.do_location(s))
    error = raised.value
    assert error.path == f"{location}.{prop}"
    assert "TerraformVariable" in str(error)
    assert "sensitive=True" in str(error)
    assert "allow_plaintext_secrets" in str(error)
    assert literal not in str(error)
    assert error.value is None


@pytest.mark.parametrize("bad", ["", "two words", "line\nbreak", 42])
def test_bad_literal_secret_never_echoed(bad: object) -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "x")
    s: dict[str, Any] = {**LITERALS, "aws_secret_access_key": bad}
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", allow_plaintext_secrets=True, aws=helpers.aws_location(s))
    assert raised.value.path == "aws.secret_access_key"
    assert raised.value.value is None
    if isinstance(bad, str) and bad.strip():
        assert bad not in str(raised.value)


def test_values_attribute_has_no_credentials_with_plaintext() -> None:
    _, backups = helpers.build(scenario_plaintext)
    dumped = json.dumps(backups.values)
    assert not any(literal in dumped for literal in LITERALS.values())
    assert backups.values["credentials"]["existingSecret"] == "velero-aws-credentials"
    assert "secretContents" not in backups.values["credentials"]
