"""Issue 16: restores as code. ``add_restore`` builds a typed Restore that passes the CRD, with the fields Velero
writes computed, and refuses what Velero's restore controller would fail."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cdktf_velero import VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import TerraformStack, Testing
from cdktf_velero.imports.velero import ObjectMeta, Restore, RestoreSpec
from cdktf_velero.restores import RESTORE_COMPUTED
from cdktf_velero.velero_rules import EXISTING_RESOURCE_POLICIES, NON_RESTORABLE_RESOURCES

from . import helpers
from .chart_render import crd_validator


def installed(other_stack: bool = False) -> tuple[TerraformStack, TerraformStack, VeleroBackups]:
    app = Testing.app()
    stack = TerraformStack(app, "chart")
    resources_stack = TerraformStack(app, "resources") if other_stack else None
    s = helpers.secrets(stack)
    backups = VeleroBackups(stack, "velero", aws=helpers.aws_location(s), custom_resources_stack=resources_stack)
    return stack, resources_stack or stack, backups


def restores(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        res["manifest"]["metadata"]["name"]: res
        for res in helpers.resources(doc, "kubernetes_manifest").values()
        if res["manifest"]["kind"] == "Restore"
    }


def test_a_restore_from_the_latest_backup_of_a_schedule() -> None:
    stack, _, backups = installed()
    backups.add_restore("restore-payments", schedule_name=backups.aws_schedule_name, included_namespaces=["payments"])
    doc = helpers.synth(stack)
    res = restores(doc)["restore-payments"]
    assert res["manifest"]["spec"] == {"scheduleName": "velero-daily-aws-backups", "includedNamespaces": ["payments"]}
    assert res["manifest"]["metadata"]["namespace"] == "velero"
    # Velero fills spec.backupName (and its finalizer, status, the resources it never restores): no drift.
    assert res["computed_fields"] == RESTORE_COMPUTED
    assert {"spec.backupName", "spec.scheduleName", "spec.excludedResources", "status"} <= set(res["computed_fields"])
    assert f"helm_release.{backups.release.friendly_unique_id}" in res["depends_on"]
    assert not sorted(crd_validator("Restore").iter_errors(res["manifest"]), key=str)


def test_a_restore_with_every_option_passes_the_crd() -> None:
    _, resources_stack, backups = installed(other_stack=True)
    backups.add_restore(
        "payments-to-staging",
        backup_name="velero-daily-aws-backups-20260101070000",
        name="payments-staging-1",
        namespace_mapping={"payments": "payments-staging", "orders": "orders-staging"},
        included_namespaces=["payments", "orders"],
        excluded_namespaces=["kube-system"],
        included_resources=["deployments.apps", "persistentvolumeclaims"],
        excluded_resources=["secrets"],
        restore_pvs=True,
        existing_resource_policy="update",
    )
    doc = helpers.synth(resources_stack)  # restores follow custom_resources_stack
    manifest = restores(doc)["payments-staging-1"]["manifest"]
    assert manifest["spec"] == {
        "backupName": "velero-daily-aws-backups-20260101070000",
        "excludedNamespaces": ["kube-system"],
        "excludedResources": ["secrets"],
        "existingResourcePolicy": "update",
        "includedNamespaces": ["payments", "orders"],
        "includedResources": ["deployments.apps", "persistentvolumeclaims"],
        "namespaceMapping": {"payments": "payments-staging", "orders": "orders-staging"},
        "restorePVs": True,
    }
    errors = sorted(crd_validator("Restore").iter_errors(manifest), key=str)
    assert not errors, errors[0].message


def test_existing_resource_policies_are_velero_s() -> None:
    """Velero's API types have ``none`` and ``update``; the CRD has no enum (if it ever gets one, it must agree)."""
    assert EXISTING_RESOURCE_POLICIES == ("none", "update")
    crd = yaml.safe_load((helpers.upstream_dir() / "crds" / "restores.yaml").read_text())
    version = next(ver for ver in crd["spec"]["versions"] if ver["name"] == "v1")
    field = version["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]["existingResourcePolicy"]
    assert set(field.get("enum", EXISTING_RESOURCE_POLICIES)) == set(EXISTING_RESOURCE_POLICIES)


A = "add_restore('r')"
S = f"{A}.spec"
BAD: list[tuple[str, dict[str, Any], str, Any]] = [
    ("neither backup nor schedule", {}, f"{S}.backup_name", None),
    ("both", {"backup_name": "b", "schedule_name": "s"}, f"{S}.schedule_name", "s"),
    ("bad backup name", {"backup_name": "Backup_1"}, f"{S}.backup_name", "Backup_1"),
    ("bad schedule name", {"schedule_name": "a.b"}, f"{S}.schedule_name", "a.b"),
    ("star among names", {"backup_name": "b", "included_namespaces": ["*", "a"]}, f"{S}.included_namespaces", None),
    ("star excluded", {"backup_name": "b", "excluded_namespaces": ["*"]}, f"{S}.excluded_namespaces[0]", "*"),
    (
        "in and out",
        {"backup_name": "b", "included_namespaces": ["a", "b"], "excluded_namespaces": ["b"]},
        f"{S}.excluded_namespaces[0]",
        "b",
    ),
    ("bad namespace", {"backup_name": "b", "included_namespaces": ["A B"]}, f"{S}.included_namespaces[0]", "A B"),
    ("never restored", {"backup_name": "b", "included_resources": ["nodes"]}, f"{S}.included_resources[0]", "nodes"),
    (
        "resource in and out",
        {"backup_name": "b", "included_resources": ["secrets"], "excluded_resources": ["secrets"]},
        f"{S}.excluded_resources[0]",
        "secrets",
    ),
    (
        "unknown policy",
        {"backup_name": "b", "existing_resource_policy": "overwrite"},
        f"{S}.existing_resource_policy",
        "overwrite",
    ),
    ("restore_pvs text", {"backup_name": "b", "restore_pvs": "yes"}, f"{S}.restore_pvs", "yes"),
    (
        "two into one",
        {"backup_name": "b", "namespace_mapping": {"a": "c", "b": "c"}},
        f"{S}.namespace_mapping.b",
        "c",
    ),
    (
        "mapped but excluded",
        {"backup_name": "b", "namespace_mapping": {"a": "c"}, "excluded_namespaces": ["a"]},
        f"{S}.namespace_mapping.a",
        "c",
    ),
    ("bad target", {"backup_name": "b", "namespace_mapping": {"a": "C"}}, f"{S}.namespace_mapping.a", "C"),
    ("mapping not a map", {"backup_name": "b", "namespace_mapping": ["a"]}, f"{S}.namespace_mapping", "list"),
    ("bad name", {"backup_name": "b", "name": "Restore"}, f"{A}.name", "Restore"),
]


@pytest.mark.parametrize(("label", "kwargs", "path", "value"), BAD, ids=[case[0] for case in BAD])
def test_bad_restores_are_refused(label: str, kwargs: dict[str, Any], path: str, value: Any) -> None:
    stack, _, backups = installed()
    with pytest.raises(VeleroConfigError) as raised:
        backups.add_restore("r", **kwargs)
    assert raised.value.path == path, str(raised.value)
    if value is not None:
        assert raised.value.value == value
    assert restores(helpers.synth(stack)) == {}


def test_every_non_restorable_resource_is_refused() -> None:
    _, _, backups = installed()
    for resource in NON_RESTORABLE_RESOURCES:
        with pytest.raises(VeleroConfigError):
            backups.add_restore("r", backup_name="b", included_resources=[resource])


def test_a_restore_name_is_used_once() -> None:
    """A Restore runs once; a second restore takes a new name, and a reused one is refused."""
    stack, _, backups = installed()
    backups.add_restore("first", backup_name="b")
    with pytest.raises(VeleroConfigError) as raised:
        backups.add_restore("again", backup_name="b", name="first")
    assert raised.value.path == "add_restore('again').metadata.name"
    backups.add_restore("second", backup_name="b")
    assert sorted(restores(helpers.synth(stack))) == ["first", "second"]


def test_add_manifest_restores_pass_the_same_checks() -> None:
    _, _, backups = installed()
    with pytest.raises(VeleroConfigError) as raised:
        backups.add_manifest(
            "r",
            Restore(
                metadata=ObjectMeta(name="r"), spec=RestoreSpec(backup_name="b", existing_resource_policy="Update")
            ),
        )
    assert raised.value.path == "add_manifest('r').spec.existing_resource_policy"
    backups.add_manifest("ok", Restore(metadata=ObjectMeta(name="ok"), spec=RestoreSpec(schedule_name="daily")))
