"""Terraform template sequences in user text: escaped where the text is legitimate, refused where it cannot be.

Every string in ``cdk.tf.json`` is a Terraform template: ``${...}`` interpolates and ``%{...}`` runs a
directive. The real ``terraform`` binary (offline: a configuration of locals needs no provider) reads the
escaped text back, and it must be exactly what the user wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from cdktf_velero import BackupSchedule, VeleroBackups, VeleroConfigError
from cdktf_velero import validation as v
from cdktf_velero.engine.core import App, TerraformLocal, TerraformStack, TerraformVariable, Testing
from cdktf_velero.imports.velero import (
    Backup,
    BackupSpec,
    BackupSpecHooks,
    BackupSpecHooksResources,
    BackupSpecHooksResourcesPre,
    BackupSpecHooksResourcesPreExec,
    ObjectMeta,
)

from . import helpers, terraform_cli
from .strategies import scaled
from .terraform_cli import TERRAFORM


def terraform_eval(tmp_path: Path, config: dict[str, Any], expression: str) -> Any:
    """``expression`` evaluated by ``terraform console`` in a directory holding ``config`` as JSON."""
    if not Path(TERRAFORM).is_file():
        pytest.skip("no terraform binary on this machine")
    return terraform_cli.console(tmp_path, config, expression)


# ---- the helper ----------------------------------------------------------------------------------------

TOKEN = "${TfToken[TOKEN.3]}"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain", "plain"),
        ("${HOME}", "$${HOME}"),
        ("%{ if true }x%{ endif }", "%%{ if true }x%%{ endif }"),
        ("$${x}", "$$${x}"),
        # Beside a token, a '$' before '{' (or before the token) is a quoted expression: cdktf would otherwise
        # read the literal '${' as an open expression and write the token without its braces.
        (f"a${{b}}{TOKEN}%{{c}}", f'a${{"$"}}{{b}}{TOKEN}%%{{c}}'),
        (f"cost: ${TOKEN}", f'cost: ${{"$"}}{TOKEN}'),
        (f"$${{x}}{TOKEN}", f'${{"$$"}}{{x}}{TOKEN}'),
        (TOKEN, TOKEN),
        ("$ { } % $$ %%", "$ { } % $$ %%"),
    ],
)
def test_escape_terraform_template(text: str, escaped: str) -> None:
    assert v.escape_terraform_template(text) == escaped


_FRAGMENTS = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=6),
    st.sampled_from(["$", "%", "{", "}", "${", "%{", "$${", "%%{", "${x}", "%{ if true }y%{ endif }", "~}", "\\"]),
    st.integers(0, 2).map(lambda index: f"<TOKEN{index}>"),
)
_TEXTS = st.lists(st.lists(_FRAGMENTS, max_size=8).map("".join), min_size=1, max_size=40)
_VALUES = ("first", "sec${ond}", "%{third}")


@pytest.mark.slow
@scaled(0.02)
@given(_TEXTS)
@example(["$${HOME}", "$$$${x}", "%%%{z}", "${a}<TOKEN0>%{b}", "<TOKEN1><TOKEN2>", "${<TOKEN0>}", "$<TOKEN1>$"])
def test_terraform_reads_escaped_text_back_unchanged(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    """Escaped, synthesized by cdktf (its tokens resolved to references, as in every stack), read back by
    Terraform: the original text, with each token's value in its place."""
    texts = [text for text in texts if not _refused_around_tokens(text)] or [""]
    stack = TerraformStack(Testing.app(), "escaping")
    tokens = [
        TerraformVariable(stack, f"t{n}", type="string", default=value).string_value for n, value in enumerate(_VALUES)
    ]
    for index, text in enumerate(texts):
        with_tokens = text
        for n, token in enumerate(tokens):
            with_tokens = with_tokens.replace(f"<TOKEN{n}>", token)
        TerraformLocal(stack, f"c{index}", v.escape_terraform_template(v.check_text("text", with_tokens)))
    config = helpers.synth(stack)
    config.pop("terraform", None)  # the backend block: nothing to initialize for locals and variables
    expression = "[" + ", ".join(f"local.c{index}" for index in range(len(texts))) + "]"
    got = terraform_eval(tmp_path_factory.mktemp("tf"), config, expression)
    expected = texts
    for n, value in enumerate(_VALUES):
        expected = [text.replace(f"<TOKEN{n}>", value) for text in expected]
    assert got == expected


def _refused_around_tokens(text: str) -> bool:
    """Text the library refuses (see the tests below): a lone carriage return somewhere before a token
    (Terraform takes everything after a lone CR literally), text not in Unicode NFC (Terraform normalizes it)."""
    return bool(re.search(r"\r(?!\n)[\s\S]*<TOKEN", text)) or not unicodedata.is_normalized("NFC", text)


def test_a_lone_carriage_return_before_a_token_is_refused() -> None:
    """After a carriage return without a newline, Terraform inserts no token's value."""
    stack, _ = _stack()
    token = TerraformVariable(stack, "price", type="string").string_value
    assert v.check_text("x", f"cost: ${token}")
    assert v.check_text("x", f"a\r\n{token}\r")
    with pytest.raises(VeleroConfigError, match="carriage return"):
        v.check_text("x", f"a\rb {token}")


def test_text_terraform_would_normalize_is_refused() -> None:
    """Terraform stores every string in Unicode NFC: U+F900 would reach the cluster as U+8C48."""
    assert v.check_text("x", "caf\u00e9")
    for text in ("\uf900", "cafe\u0301"):
        with pytest.raises(VeleroConfigError, match="normal form C"):
            v.check_text("x", text)


# ---- through the construct ---------------------------------------------------------------------------


def _stack() -> tuple[TerraformStack, dict[str, str]]:
    app: App = Testing.app()
    stack = TerraformStack(app, "t")
    return stack, helpers.secrets(stack)


_SHELL = "pg_dump > /backup/${HOSTNAME}-$(date +%s).sql && echo %{ if true }done%{ endif }"


@pytest.mark.slow
def test_user_text_reaches_the_cluster_as_written(tmp_path: Path) -> None:
    """An annotation, a hook's shell command and chart values with template sequences: in cdk.tf.json they
    are escaped, and Terraform evaluates them back to the text as written."""
    stack, s = _stack()
    backups = VeleroBackups(
        stack,
        "velero",
        aws=helpers.aws_location(s),
        extra_values={"podAnnotations": {"acme.io/note": "${not-a-reference} %{ endif }"}},
    )
    backup = Backup(
        metadata=ObjectMeta(name="before-upgrade", annotations={"acme.io/why": "${release} upgrade"}),
        spec=BackupSpec(
            hooks=BackupSpecHooks(
                resources=[
                    BackupSpecHooksResources(
                        name="dump",
                        pre=[
                            BackupSpecHooksResourcesPre(
                                exec=BackupSpecHooksResourcesPreExec(command=["/bin/sh", "-c", _SHELL])
                            )
                        ],
                    )
                ]
            )
        ),
    )
    backups.add_manifest("before-upgrade", backup)
    doc = helpers.synth(stack)
    manifest = next(
        res["manifest"]
        for res in helpers.resources(doc, "kubernetes_manifest").values()
        if res["manifest"]["kind"] == "Backup"
    )
    assert manifest["spec"]["hooks"]["resources"][0]["pre"][0]["exec"]["command"][2] == _SHELL.replace(
        "${", "$${"
    ).replace("%{", "%%{")
    values_yaml = helpers.only(doc, "helm_release")["values"][0]
    got = terraform_eval(tmp_path, {"locals": {"m": manifest, "v": values_yaml}}, "[local.m, local.v]")
    expected = replace(
        backup, metadata=replace(backup.metadata, namespace="velero", labels=manifest["metadata"]["labels"])
    )
    assert got[0] == expected.to_manifest()
    assert yaml.safe_load(got[1]) == backups.values
    assert backups.values["podAnnotations"] == {"acme.io/note": "${not-a-reference} %{ endif }"}


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"aws": {"bucket": "${aws_s3_bucket.b.id}"}}, "aws.bucket"),
        ({"aws": {"region": "%{ if true }us-east-1%{ endif }"}}, "aws.region"),
        ({"aws": {"prefix": "velero/${cluster}"}}, "aws.prefix"),
        ({"aws": {"config": {"kmsKeyId": "${aws_kms_key.k.arn}"}}}, "aws.config.kmsKeyId"),
        ({"aws": {"schedule": BackupSchedule(cron="${var.cron}")}}, "aws.schedule.cron"),
        ({"aws": {"schedule": BackupSchedule(cron="@daily", included_namespaces=["${ns}"])}}, None),
        ({"chart_repository": "https://charts.acme.io/${path}"}, "chart_repository"),
        ({"chart_version": "12.${minor}.0"}, "chart_version"),
        ({"namespace": "${ns}"}, "namespace"),
        ({"release_name": "%{x}"}, "release_name"),
        ({"velero_image": "velero/velero:${tag}"}, "velero_image"),
        ({"namespace_labels": {"team": "${team}"}}, "namespace_labels.team"),
    ],
)
def test_template_sequences_are_refused_where_text_cannot_be_escaped(kwargs: dict[str, Any], path: str | None) -> None:
    stack, s = _stack()
    aws = helpers.aws_location(s, **kwargs.pop("aws", {}))
    with pytest.raises(VeleroConfigError, match=r"\$\{|template|must be") as raised:
        VeleroBackups(stack, "velero", aws=aws, **kwargs)
    if path is not None:
        assert raised.value.path == path


def test_references_pass_as_tokens() -> None:
    """What a user meant by ``${...}`` in a name: a Terraform value, passed as a token, resolves."""
    stack, s = _stack()
    bucket = TerraformVariable(stack, "bucket", type="string").string_value
    VeleroBackups(stack, "velero", aws=helpers.aws_location(s, bucket=bucket, prefix=f"clusters/{bucket}"))
    values = yaml.safe_load(helpers.only(helpers.synth(stack), "helm_release")["values"][0])
    location = values["configuration"]["backupStorageLocation"][0]
    assert (location["bucket"], location["prefix"]) == ("${var.bucket}", "clusters/${var.bucket}")


@pytest.mark.parametrize(
    "text",
    ["${TfToken[TOKEN.999999]}", "a#{TfToken[TOKEN.1]}", "x\ud800"],
    ids=["unissued token", "list token", "lone surrogate"],
)
def test_text_that_cannot_be_synthesized_is_refused(text: str) -> None:
    stack, s = _stack()
    for kwargs in (
        {"aws": helpers.aws_location(s, bucket=text)},
        {"aws": helpers.aws_location(s), "extra_values": {"podAnnotations": {"a": text}}},
    ):
        with pytest.raises(VeleroConfigError):
            VeleroBackups(stack, "velero", **kwargs)
    helpers.synth(stack)
