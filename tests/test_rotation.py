"""Issue 16: a rotated key takes effect. The pods carry an annotation Terraform derives from the secrets' data: it
changes when a key changes (evaluated by Terraform itself) and never holds key material."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdktf_velero import VeleroBackups
from cdktf_velero.credentials import aws_ini
from cdktf_velero.engine.core import TerraformStack, Testing
from cdktf_velero.rotation import CHECKSUM_ANNOTATION

from . import helpers, terraform_cli
from .chart_render import render_release
from .terraform_cli import needs_terraform

_SECRET_DATA = re.compile(r"kubernetes_secret\.([\w-]+)\.data")

KEYS = {
    "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "spaces_access_key_id": "DO00EXAMPLESPACESKEY",
    "spaces_secret_access_key": "spacesSecretEXAMPLEabcdefghijklmnopqrstuv",
    "digitalocean_token": "dop_v1_" + "0123456789abcdef" * 4,
}


def annotation(doc: dict[str, Any]) -> str:
    """The annotation as the release's values carry it (a Terraform expression)."""
    values = helpers.only(doc, "helm_release")["values"]
    (document,) = [yaml.safe_load(text) for text in values if "podAnnotations" in text]
    return str(document["podAnnotations"][CHECKSUM_ANNOTATION])


def test_the_annotation_hashes_the_secrets_beside_the_release() -> None:
    stack, backups = helpers.build(helpers.scenario_aws_do)
    doc = helpers.synth(stack)
    expression = annotation(doc)
    assert expression == (
        "${nonsensitive(sha256(jsonencode(["
        f"kubernetes_secret.{backups.aws_credentials.friendly_unique_id}.data, "
        f"kubernetes_secret.{backups.digitalocean_token.friendly_unique_id}.data"  # type: ignore[union-attr]
        "])))}"
    )
    # Not the repository password (it never changes, and a chosen one could be guessed from its hash); not the
    # Spaces secret, which Velero reads from the API per operation.
    assert "repository-password" not in expression
    assert "spaces-credentials" not in expression
    assert "${var." not in expression
    # The plan's values stay free of it: the annotation is a values document of its own.
    assert "podAnnotations" not in backups.values


def test_both_pod_templates_carry_the_annotation() -> None:
    stack, _ = helpers.build(helpers.scenario_aws_do)
    rendered = render_release(helpers.synth(stack))
    templates = [rendered.deployment, *rendered.of_kind("DaemonSet", "apps/v1")]
    assert len(templates) == 2
    for workload in templates:
        annotations = workload["spec"]["template"]["metadata"]["annotations"]
        assert annotations[CHECKSUM_ANNOTATION].startswith("tf-token-")


def test_only_secrets_of_the_chart_stack_are_watched() -> None:
    """With ``custom_resources_stack``, the chart's stack references nothing of the other: no cycle."""
    app = Testing.app()
    chart = TerraformStack(app, "chart")
    other = TerraformStack(app, "other")
    s = helpers.secrets(chart)
    VeleroBackups(
        chart, "velero", aws=helpers.aws_location(s), digitalocean=helpers.do_location(s), custom_resources_stack=other
    )
    doc = helpers.synth(chart)
    assert set(_SECRET_DATA.findall(annotation(doc))) <= set(helpers.resources(doc, "kubernetes_secret"))
    assert "data" not in doc  # no remote state read from the other stack


def test_plaintext_keys_never_reach_the_annotation() -> None:
    stack = TerraformStack(Testing.app(), "plain")
    VeleroBackups(
        stack,
        "velero",
        allow_plaintext_secrets=True,
        aws=helpers.aws_location(KEYS),
        digitalocean=helpers.do_location(KEYS),
    )
    doc = helpers.synth(stack)
    values = json.dumps(helpers.only(doc, "helm_release")["values"])
    assert not [key for key in KEYS.values() if key in values]
    assert annotation(doc).startswith("${nonsensitive(sha256(")


# ---- evaluated by Terraform ------------------------------------------------------------------------------------


def evaluate(doc: dict[str, Any], keys: dict[str, str], workdir: Path) -> str:
    """The annotation's value as Terraform computes it, with each watched ``kubernetes_secret`` standing in as a
    ``terraform_data`` of the same data (the kubernetes provider is not on this machine; the functions are
    Terraform's own), the keys given as sensitive variables."""
    secrets = helpers.resources(doc, "kubernetes_secret")
    watched = _SECRET_DATA.findall(annotation(doc))
    config = {
        "variable": {name: {"type": "string", "sensitive": True} for name in keys},
        "resource": {"terraform_data": {name: {"input": secrets[name]["data"]} for name in watched}},
        "output": {"checksum": {"value": _SECRET_DATA.sub(r"terraform_data.\1.output", annotation(doc))}},
    }
    return str(terraform_cli.apply(workdir, config, keys)["checksum"])


@pytest.mark.slow
@needs_terraform
def test_the_annotation_changes_with_a_key_and_holds_none(tmp_path: Path) -> None:
    stack, _ = helpers.build(helpers.scenario_aws_do)
    doc = helpers.synth(stack)
    first = evaluate(doc, KEYS, tmp_path / "first")
    # Exactly the SHA-256 of the secrets' data, JSON-encoded: nothing else, and no key in it.
    cloud = aws_ini(KEYS["aws_access_key_id"], KEYS["aws_secret_access_key"])
    data = [{"cloud": cloud}, {"DIGITALOCEAN_TOKEN": KEYS["digitalocean_token"]}]
    assert first == hashlib.sha256(json.dumps(data, separators=(",", ":")).encode()).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert not [key for key in KEYS.values() if key in first]
    rotated_token = evaluate(doc, {**KEYS, "digitalocean_token": "dop_v1_" + "f" * 64}, tmp_path / "token")
    rotated_aws = evaluate(doc, {**KEYS, "aws_secret_access_key": "x" * 40}, tmp_path / "aws")
    assert len({first, rotated_token, rotated_aws}) == 3
    # A Spaces key lives in its own secret, which Velero reads per operation: the pods stay up.
    assert evaluate(doc, {**KEYS, "spaces_secret_access_key": "y" * 40}, tmp_path / "spaces") == first
