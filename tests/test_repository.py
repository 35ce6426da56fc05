"""Issue 16: the repository password is the library's, in every install, before the release, never a literal;
and the path of installs whose Velero already made the secret (import it and keep, or replace it)."""

from __future__ import annotations

import json
from typing import Any, TypeAlias

import pytest

from cdktf_velero import AwsLocation, VeleroBackups, VeleroConfigError
from cdktf_velero.engine import random
from cdktf_velero.engine.core import TerraformStack, TerraformVariable, Testing
from cdktf_velero.plan import plan_backups
from cdktf_velero.repository import REPOSITORY_SECRET_KEY, REPOSITORY_SECRET_NAME
from cdktf_velero.repository_secret import GENERATED_LENGTH

from . import helpers
from .test_lazy_imports import run_fresh

RandomProvider: TypeAlias = random.provider.RandomProvider

SECRET_ADDRESS = "kubernetes_secret.velero_repository-password_02468AFA"
PASSWORD_ADDRESS = "random_password.velero_generated-repository-password_ED35B106"


def repository_secret(doc: dict[str, Any]) -> dict[str, Any]:
    found = [
        s
        for s in helpers.resources(doc, "kubernetes_secret").values()
        if s["metadata"]["name"] == REPOSITORY_SECRET_NAME
    ]
    assert len(found) == 1, found
    return found[0]


def install(**kwargs: Any) -> tuple[TerraformStack, VeleroBackups, dict[str, str]]:
    stack = TerraformStack(Testing.app(), "repo")
    s = helpers.secrets(stack)
    s["repository_password"] = TerraformVariable(
        stack, "repository_password", type="string", sensitive=True
    ).string_value
    password = kwargs.pop("repository_password", None)
    if password == "given":
        password = s["repository_password"]
    return stack, VeleroBackups(stack, "velero", aws=helpers.aws_location(s), repository_password=password, **kwargs), s


@pytest.mark.parametrize("name", sorted(helpers.SCENARIOS))
def test_every_install_writes_the_secret_before_the_release(name: str) -> None:
    stack, backups = helpers.build(helpers.SCENARIOS[name])
    doc = helpers.synth(stack)
    secret = repository_secret(doc)
    assert secret["metadata"]["namespace"] == backups.namespace_name
    # The generated password, by reference: the value exists only in Terraform state.
    assert secret["data"] == {REPOSITORY_SECRET_KEY: f"${{{PASSWORD_ADDRESS}.result}}"}
    password = helpers.resources(doc, "random_password")[PASSWORD_ADDRESS.split(".")[1]]
    assert password["length"] == GENERATED_LENGTH >= 32
    # Neither a changed argument nor a destroy can take the key to every file-system backup away.
    assert password["lifecycle"] == {"ignore_changes": "all", "prevent_destroy": True}
    assert SECRET_ADDRESS in helpers.only(doc, "helm_release")["depends_on"]
    assert doc["provider"]["random"] == [{}]
    output = doc["output"]["velero_repository_password"]
    assert output["sensitive"] is True
    assert output["value"] == f"${{{PASSWORD_ADDRESS}.result}}"
    assert backups.repository_password.startswith("${TfToken[")


def test_a_given_password_is_used_and_nothing_is_generated() -> None:
    stack, backups, _ = install(repository_password="given")
    doc = helpers.synth(stack)
    assert repository_secret(doc)["data"] == {REPOSITORY_SECRET_KEY: "${var.repository_password}"}
    assert "random_password" not in doc["resource"]
    assert "random" not in doc.get("provider", {})
    assert "output" not in doc  # the user holds that password already
    assert SECRET_ADDRESS in helpers.only(doc, "helm_release")["depends_on"]
    assert backups.plan.repository.password is not None


def test_the_random_package_is_not_loaded_with_a_given_password() -> None:
    given = """
VeleroBackups(stack, "velero", repository_password=secret("repo"), aws=AwsLocation(
    bucket="acme-velero", region="ca-central-1", access_key_id=secret("id"), secret_access_key=secret("key")))
"""
    out = run_fresh(given)
    assert "cdktf_cdktf_provider_random" not in out["loaded"]
    assert "random_password" not in out["types"]


@pytest.mark.parametrize("allow_plaintext", [False, True])
@pytest.mark.parametrize("literal", ["static-passw0rd", "correct-horse-battery-staple", "pre${TfToken[TOKEN.1]}"])
def test_a_literal_password_is_refused_even_with_plaintext_allowed(allow_plaintext: bool, literal: str) -> None:
    keys = {"access_key_id": "AKIAIOSFODNN7EXAMPLE", "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
    aws = AwsLocation(
        bucket="acme-velero", region="ca-central-1", **(keys if allow_plaintext else {"create_iam_user": True})
    )
    with pytest.raises(VeleroConfigError) as raised:
        plan_backups(aws=aws, allow_plaintext_secrets=allow_plaintext, repository_password=literal)
    error = raised.value
    assert error.path == "repository_password"
    assert error.value is None
    assert literal not in str(error)
    assert "never a literal, even with allow_plaintext_secrets=True" in str(error)
    if literal == "static-passw0rd":
        assert "Velero's published default" in str(error)


def test_a_random_provider_of_the_stack_is_reused() -> None:
    stack = TerraformStack(Testing.app(), "own")
    RandomProvider(stack, "mine", alias="mine")
    s = helpers.secrets(stack)
    VeleroBackups(stack, "velero", aws=helpers.aws_location(s))
    doc = helpers.synth(stack)
    assert doc["provider"]["random"] == [{"alias": "mine"}]


# ---- installs whose Velero made the secret already -------------------------------------------------------------


def test_keep_imports_the_existing_secret_and_keeps_its_value() -> None:
    stack, _, _ = install(repository_password="given", repository_migration="keep")
    doc = helpers.synth(stack)
    # The import block adopts the secret at the address the library has always given it.
    assert doc["import"] == [{"to": SECRET_ADDRESS, "id": f"velero/{REPOSITORY_SECRET_NAME}"}]
    assert repository_secret(doc)["data"] == {REPOSITORY_SECRET_KEY: "${var.repository_password}"}
    assert "random_password" not in doc["resource"]
    plain, _, _ = install(repository_password="given")
    assert set(helpers.synth(plain)["resource"]["kubernetes_secret"]) == set(doc["resource"]["kubernetes_secret"])


def test_keep_without_the_existing_value_is_refused() -> None:
    with pytest.raises(VeleroConfigError) as raised:
        install(repository_migration="keep")
    assert raised.value.path == "repository_migration"
    assert "lock Velero out of every existing repository" in str(raised.value)


def test_replace_imports_the_secret_and_writes_the_generated_password() -> None:
    stack, _, _ = install(repository_migration="replace", namespace="backups")
    doc = helpers.synth(stack)
    assert doc["import"] == [{"to": SECRET_ADDRESS, "id": f"backups/{REPOSITORY_SECRET_NAME}"}]
    assert repository_secret(doc)["data"] == {REPOSITORY_SECRET_KEY: f"${{{PASSWORD_ADDRESS}.result}}"}


def test_without_a_migration_no_import_is_declared() -> None:
    stack, _, _ = install()
    assert "import" not in helpers.synth(stack)


@pytest.mark.parametrize(
    ("kwargs", "path", "rule"),
    [
        ({"repository_migration": "overwrite"}, "repository_migration", "must be 'keep', 'replace'"),
        (
            {"repository_migration": "replace", "recovery": True, "repository_password": "given"},
            "repository_migration",
            "cannot be 'replace' with recovery=True",
        ),
    ],
)
def test_bad_migrations_are_refused(kwargs: dict[str, Any], path: str, rule: str) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        install(**kwargs)
    assert raised.value.path == path
    assert rule in str(raised.value)


def test_the_password_never_reaches_the_values_or_a_plain_output() -> None:
    """The token reaches the secret's data and the sensitive output only: never the helm values."""
    stack, backups, _ = install(repository_password="given", outputs=True)
    doc = helpers.synth(stack)
    values = json.dumps(helpers.only(doc, "helm_release")["values"])
    assert "repository_password" not in values
    assert "repository-password" not in values
    assert REPOSITORY_SECRET_NAME not in json.dumps(backups.values)
    for output in doc["output"].values():
        assert "repository_password" not in output["value"]


def _paths(node: object, path: str = "") -> list[tuple[str, str]]:
    """``(path, text)`` of every string in a synthesized document."""
    if isinstance(node, str):
        return [(path, node)]
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in _paths(value, f"{path}/{key}")]
    if isinstance(node, list):
        return [found for index, value in enumerate(node) for found in _paths(value, f"{path}[{index}]")]
    return []


@pytest.mark.parametrize("outputs", [False, True])
def test_the_generated_password_is_referenced_only_by_the_secret_and_the_sensitive_output(outputs: bool) -> None:
    """The generated value exists in Terraform state only; in cdk.tf.json its reference appears in the secret's data
    and in the sensitive output, never in the helm values, the rotation annotation or another output."""
    stack, _, _ = install(outputs=outputs)
    doc = helpers.synth(stack)
    secret_address = SECRET_ADDRESS.split(".")[1]
    referenced = {path for path, text in _paths(doc) if f"{PASSWORD_ADDRESS}." in text}
    assert referenced == {
        f"/resource/kubernetes_secret/{secret_address}/data/{REPOSITORY_SECRET_KEY}",
        "/output/velero_repository_password/value",
    }
    assert [name for name, out in doc["output"].items() if out.get("sensitive")] == ["velero_repository_password"]
    # The rotation annotation hashes the key secrets, not the repository secret.
    values = "".join(helpers.only(doc, "helm_release")["values"])
    assert secret_address not in values


def test_a_password_from_a_stack_that_waits_for_the_chart_is_refused() -> None:
    """The secret is beside the release: a password declared in ``custom_resources_stack`` (applied after the
    chart's stack) would close a dependency cycle, reported at construction and naming the prop."""
    app = Testing.app()
    chart, resources_stack = TerraformStack(app, "chart"), TerraformStack(app, "resources")
    s = helpers.secrets(chart)
    password = TerraformVariable(resources_stack, "repository_password", type="string", sensitive=True)
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(
            chart,
            "velero",
            aws=helpers.aws_location(s),
            custom_resources_stack=resources_stack,
            repository_password=password.string_value,
        )
    assert raised.value.path == "repository_password"
    assert "dependency cycle" in str(raised.value)
    assert "${TfToken" not in str(raised.value)
