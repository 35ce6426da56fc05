"""Velero's restore rules in the pure layer (:func:`check_restore_spec` on wire-form specs, and ``add_manifest``
Restores through :func:`check_object`): one source, the resources Velero never restores, the existing-resource
policies, namespace mapping collisions, restore hooks' init containers; each refusal names its path and value."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import AwsLocation, VeleroConfigError
from cdktf_velero.imports.velero import ObjectMeta, Restore, RestoreSpec
from cdktf_velero.velero_rules import EXISTING_RESOURCE_POLICIES, NON_RESTORABLE_RESOURCES, check_restore_spec

from .internal import check_object, plan_backups
from .strategies import FAKE_SECRETS, FAKE_TOKENS

pytestmark = pytest.mark.pure

B = "r.spec"
T1, T2 = FAKE_TOKENS[0], FAKE_TOKENS[1]


def refused(spec: dict[str, Any]) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        check_restore_spec(B, spec)
    assert raised.value.rule, "an explanation"
    return raised.value


def from_backup(**spec: Any) -> dict[str, Any]:
    return {"backupName": "nightly", **spec}


# ---- the source --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "path", "value"),
    [
        ({}, f"{B}.backup_name", None),
        ({"backupName": "", "scheduleName": ""}, f"{B}.backup_name", None),
        ({"backupName": None, "scheduleName": None}, f"{B}.backup_name", None),
        ({"backupName": "b", "scheduleName": "s"}, f"{B}.schedule_name", "s"),
        ({"backupName": T1, "scheduleName": T2}, f"{B}.schedule_name", T2),
        ({"backupName": "Backup_1"}, f"{B}.backup_name", "Backup_1"),
        ({"scheduleName": "a.b"}, f"{B}.schedule_name", "a.b"),
        ({"scheduleName": "-daily"}, f"{B}.schedule_name", "-daily"),
    ],
)
def test_one_valid_source(spec: dict[str, Any], path: str, value: Any) -> None:
    error = refused(spec)
    assert (error.path, error.value) == (path, value)


@pytest.mark.parametrize(
    "spec",
    [
        {"backupName": "velero-daily-aws-backups-20260101070000"},
        {"backupName": "a.b"},  # a backup is named by a DNS subdomain
        {"backupName": "b", "scheduleName": ""},
        {"scheduleName": "velero-daily-aws-backups"},
        {"backupName": "", "scheduleName": "daily"},
        {"backupName": T1},  # tokens cannot be judged
        {"scheduleName": T1},
        {"backupName": f"{T1}_x"},
        {"scheduleName": f"{T1}.x"},
    ],
)
def test_sources_velero_takes(spec: dict[str, Any]) -> None:
    check_restore_spec(B, spec)


# ---- resources ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", NON_RESTORABLE_RESOURCES)
def test_each_resource_velero_never_restores_is_refused(resource: str) -> None:
    error = refused(from_backup(includedResources=["pods", resource]))
    assert (error.path, error.value) == (f"{B}.included_resources[1]", resource)


def test_the_non_restorable_resources_are_velero_s() -> None:
    assert set(NON_RESTORABLE_RESOURCES) == {
        "nodes",
        "events",
        "events.events.k8s.io",
        "backups.velero.io",
        "restores.velero.io",
        "resticrepositories.velero.io",
        "csinodes.storage.k8s.io",
        "volumeattachments.storage.k8s.io",
        "backuprepositories.velero.io",
    }


def test_non_restorable_resources_may_be_excluded() -> None:
    check_restore_spec(B, from_backup(includedResources=["pods", "secrets"], excludedResources=["nodes", "events"]))


@pytest.mark.parametrize(
    ("spec", "path", "value"),
    [
        (from_backup(includedResources=["*", "pods"]), f"{B}.included_resources", "list"),
        (from_backup(excludedResources=["pods", "*"]), f"{B}.excluded_resources[1]", "*"),
        (
            from_backup(includedResources=["pods"], excludedResources=["secrets", "pods"]),
            f"{B}.excluded_resources[1]",
            "pods",
        ),
        (from_backup(includedResources=["Pods"]), f"{B}.included_resources[0]", "Pods"),
        (from_backup(includedNamespaces=["a", "*"]), f"{B}.included_namespaces", "list"),
        (from_backup(excludedNamespaces=["*"]), f"{B}.excluded_namespaces[0]", "*"),
        (from_backup(includedNamespaces=["a", "b"], excludedNamespaces=["b"]), f"{B}.excluded_namespaces[0]", "b"),
        (from_backup(excludedNamespaces=["ok", "A B"]), f"{B}.excluded_namespaces[1]", "A B"),
        (
            from_backup(restoreStatus={"includedResources": ["*", "pods"]}),
            f"{B}.restore_status.included_resources",
            "list",
        ),
        (from_backup(restoreStatus={"excludedResources": ["*"]}), f"{B}.restore_status.excluded_resources[0]", "*"),
        (
            from_backup(restoreStatus={"includedResources": ["pods"], "excludedResources": ["pods"]}),
            f"{B}.restore_status.excluded_resources[0]",
            "pods",
        ),
        (
            from_backup(restoreStatus={"includedResources": ["Pods"]}),
            f"{B}.restore_status.included_resources[0]",
            "Pods",
        ),
        (
            from_backup(labelSelector={"matchLabels": {"a": "b"}}, orLabelSelectors=[{"matchLabels": {"c": "d"}}]),
            f"{B}.or_label_selectors",
            "<set>",
        ),
        (from_backup(labelSelector={"matchLabels": {"-a": "b"}}), f"{B}.label_selector.match_labels.-a", "-a"),
        (
            from_backup(orLabelSelectors=[{"matchLabels": {"a": "b"}}, {"matchLabels": {"a": "b c"}}]),
            f"{B}.or_label_selectors[1].match_labels.a",
            "b c",
        ),
    ],
)
def test_filters_and_selectors_of_a_restore(spec: dict[str, Any], path: str, value: Any) -> None:
    error = refused(spec)
    assert (error.path, error.value) == (path, value)


def test_filters_velero_takes() -> None:
    check_restore_spec(
        B,
        from_backup(
            includedNamespaces=["*"],
            excludedNamespaces=["kube-system"],
            includedResources=["*"],
            excludedResources=["secrets"],
            restoreStatus={"includedResources": ["*"], "excludedResources": ["nodes"]},
            orLabelSelectors=[{"matchLabels": {"a": "b"}}],
        ),
    )
    check_restore_spec(B, from_backup(labelSelector={"matchLabels": {"a": "b"}}, restoreStatus=None))


# ---- existing-resource policy ------------------------------------------------------------------------------


@pytest.mark.parametrize("policy", [None, "", "none", "update"])
def test_the_policies_velero_knows(policy: str | None) -> None:
    assert EXISTING_RESOURCE_POLICIES == ("none", "update")
    check_restore_spec(B, from_backup(existingResourcePolicy=policy))


@pytest.mark.parametrize("policy", ["Update", "None", "overwrite", "replace", " update", T1])
def test_other_policies_are_refused(policy: str) -> None:
    error = refused(from_backup(existingResourcePolicy=policy))
    assert (error.path, error.value) == (f"{B}.existing_resource_policy", policy)


# ---- namespace mapping -------------------------------------------------------------------------------------

M = f"{B}.namespace_mapping"


@pytest.mark.parametrize(
    ("spec", "path", "value"),
    [
        (from_backup(namespaceMapping={"a": "c", "b": "c"}), f"{M}.b", "c"),
        (from_backup(namespaceMapping={"a": "x", "b": "c", "d": "c"}), f"{M}.d", "c"),
        (from_backup(namespaceMapping={"a": T1, "b": T1}), f"{M}.b", T1),  # one token: one namespace
        (from_backup(namespaceMapping={"a": "c"}, excludedNamespaces=["x", "a"]), f"{M}.a", "c"),
        (from_backup(namespaceMapping={"a": "b", "c": "d"}, excludedNamespaces=["c"]), f"{M}.c", "d"),
        (from_backup(namespaceMapping={"a": "C"}), f"{M}.a", "C"),
        (from_backup(namespaceMapping={"a": "x" * 64}), f"{M}.a", "x" * 64),
        (from_backup(namespaceMapping={"A": "c"}), M, "A"),
        (from_backup(namespaceMapping={"a.b": "c"}), M, "a.b"),
    ],
)
def test_namespace_mappings_refused(spec: dict[str, Any], path: str, value: Any) -> None:
    error = refused(spec)
    assert (error.path, error.value) == (path, value)


def test_a_collision_names_the_other_source() -> None:
    error = refused(from_backup(namespaceMapping={"first": "c", "b": "x", "second": "c"}))
    assert (error.path, error.value) == (f"{M}.second", "c")
    assert "'first'" in error.rule


@pytest.mark.parametrize(
    "mapping",
    [
        None,
        {},
        {"payments": "payments-staging", "orders": "orders-staging"},
        {"a": "b", "b": "a"},  # a swap: each target once
        {"a": "a"},
        {"a": T1, "b": T2},  # two tokens: not judged
        {"a": "x" * 63},
    ],
)
def test_namespace_mappings_velero_takes(mapping: dict[str, str] | None) -> None:
    check_restore_spec(B, from_backup(namespaceMapping=mapping, excludedNamespaces=["kube-system"]))


# ---- hooks -------------------------------------------------------------------------------------------------

C = {"name": "restore-hook", "image": "busybox:1.36", "command": ["sh", "-c", "true"]}
H = f"{B}.hooks.resources[1].post_hooks[1].init.init_containers[1]"


def with_container(container: Any) -> dict[str, Any]:
    """The container as the second init container of the second post hook of the second resource."""
    hook = {"init": {"initContainers": [C, container]}}
    resource = {"name": "second", "postHooks": [{"exec": {"command": ["true"]}}, hook]}
    return from_backup(hooks={"resources": [{"name": "first"}, resource]})


@pytest.mark.parametrize(
    ("container", "path", "value"),
    [
        ("busybox", H, "busybox"),
        (["busybox"], H, "list"),
        ({**C, "name": None}, f"{H}.name", None),
        ({**C, "name": "Hook"}, f"{H}.name", "Hook"),
        ({**C, "image": None}, f"{H}.image", None),
        ({**C, "image": ""}, f"{H}.image", ""),
        ({**C, "image": "busybox 1.36"}, f"{H}.image", "busybox 1.36"),
        ({**C, "image": "busybox\t"}, f"{H}.image", "busybox\t"),
        ({**C, "command": "sh -c true"}, f"{H}.command", "sh -c true"),
        ({**C, "command": None}, f"{H}.command", None),
        ({**C, "command": 5}, f"{H}.command", 5),
        ({**C, "command": []}, f"{H}.command", "list"),
        ({**C, "command": ["sh", 5]}, f"{H}.command[1]", 5),
    ],
)
def test_init_containers_refused(container: Any, path: str, value: Any) -> None:
    error = refused(with_container(container))
    assert (error.path, error.value) == (path, value)


@pytest.mark.parametrize("container", [C, {**C, "command": ("sh",)}, {**C, "image": "busybox@sha256:" + "a" * 64}])
def test_init_containers_velero_takes(container: dict[str, Any]) -> None:
    check_restore_spec(B, with_container(container))


@pytest.mark.parametrize(
    ("hooks", "path", "value"),
    [
        ({"resources": [{}, {"excludedNamespaces": ["*"]}]}, f"{B}.hooks.resources[1].excluded_namespaces[0]", "*"),
        (
            {"resources": [{"includedResources": ["pods"], "excludedResources": ["pods"]}]},
            f"{B}.hooks.resources[0].excluded_resources[0]",
            "pods",
        ),
        (
            {"resources": [{"labelSelector": {"matchLabels": {"a": "-"}}}]},
            f"{B}.hooks.resources[0].label_selector.match_labels.a",
            "-",
        ),
    ],
)
def test_hook_filters_of_a_restore(hooks: dict[str, Any], path: str, value: Any) -> None:
    error = refused(from_backup(hooks=hooks))
    assert (error.path, error.value) == (path, value)


@pytest.mark.parametrize(
    "hooks", [None, {}, {"resources": None}, {"resources": [{"postHooks": None}, {"postHooks": [{"init": None}]}]}]
)
def test_restores_without_init_containers(hooks: Any) -> None:
    check_restore_spec(B, from_backup(hooks=hooks))


# ---- the same rules through add_manifest -------------------------------------------------------------------


def test_add_manifest_restores_take_the_same_rules() -> None:
    aws = AwsLocation(
        bucket="acme",
        region="us-east-1",
        access_key_id=FAKE_SECRETS["aws_access_key_id"],
        secret_access_key=FAKE_SECRETS["aws_secret_access_key"],
    )
    plan = plan_backups(aws=aws)
    spec = RestoreSpec(backup_name="nightly", namespace_mapping={"a": "c", "b": "c"})
    with pytest.raises(VeleroConfigError) as raised:
        check_object(plan, "add_manifest", "r", Restore(metadata=ObjectMeta(name="r"), spec=spec))
    assert (raised.value.path, raised.value.value) == ("add_manifest('r').spec.namespace_mapping.b", "c")
    good = RestoreSpec(schedule_name="daily", existing_resource_policy="update", namespace_mapping={"a": "b"})
    checked, registry = check_object(plan, "add_manifest", "ok", Restore(metadata=ObjectMeta(name="ok"), spec=good))
    assert checked.to_manifest()["spec"] == {
        "scheduleName": "daily",
        "existingResourcePolicy": "update",
        "namespaceMapping": {"a": "b"},
    }
    assert checked.metadata.namespace == "velero"
    assert "ok" in registry.names["Restore"]
