"""The rules Velero applies to backups, schedules' templates and restores alike, in the pure layer: includes and
excludes (old and scoped), label selectors, old and scoped resource filters, hooks' filters, and the attribute
names that errors use. Each refusal is checked by its path and value."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import VeleroConfigError
from cdktf_velero.velero_rules import (
    attribute,
    check_backup_spec,
    check_includes_excludes,
    check_label_selector,
    snake_case,
)

from .strategies import FAKE_TOKENS

pytestmark = pytest.mark.pure

B = "s.spec.template"
INC, EXC = "x.included", "x.excluded"


def refused(call: Any, *args: Any, **kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        call(*args, **kwargs)
    assert raised.value.rule, "an explanation"
    return raised.value


@pytest.mark.parametrize(
    ("wire", "python"),
    [
        ("restorePVs", "restore_pvs"),
        ("includedNamespaces", "included_namespaces"),
        ("caCertRef", "ca_cert_ref"),
        ("keyID", "key_id"),
        ("ttl", "ttl"),
        ("volumeGroupSnapshotLabelKey", "volume_group_snapshot_label_key"),
        ("a-b", "a-b"),  # not a wire field name: kept
        ("s3ForcePathStyle", "s_3_force_path_style"),
    ],
)
def test_attribute_names(wire: str, python: str) -> None:
    assert snake_case(wire) == python
    assert attribute("add_manifest('x').spec", wire) == f"add_manifest('x').spec.{python}"


# ---- includes and excludes --------------------------------------------------------------------------------

INCLUDE_EXCLUDE_REFUSED: list[tuple[list[str] | None, list[str] | None, bool, str, Any]] = [
    (["*", "a"], None, False, INC, "list"),
    (["a", "*"], None, True, INC, "list"),
    (None, ["a", "*"], False, f"{EXC}[1]", "*"),
    (None, ["*"], False, f"{EXC}[0]", "*"),
    (None, ["*", "a"], True, EXC, "list"),
    (["a"], ["*"], True, EXC, "list"),
    (["a", "b"], ["c", "b"], False, f"{EXC}[1]", "b"),
    (["a", "b"], ["c", "b"], True, f"{EXC}[1]", "b"),
    (["*"], ["*"], True, EXC, "list"),
]


@pytest.mark.parametrize(("inc", "exc", "scoped", "path", "value"), INCLUDE_EXCLUDE_REFUSED)
def test_includes_and_excludes_refused(inc: Any, exc: Any, scoped: bool, path: str, value: Any) -> None:
    error = refused(check_includes_excludes, INC, inc, EXC, exc, scoped=scoped)
    assert (error.path, error.value) == (path, value)


def test_an_item_both_included_and_excluded_names_the_other_field() -> None:
    """The refusal of an excluded item names the includes by their attribute, not by their whole path."""
    error = refused(check_includes_excludes, "a.b.included_x", ["y"], "a.b.excluded_x", ["y"], scoped=False)
    assert (error.path, error.value) == ("a.b.excluded_x[0]", "y")
    assert "included_x" in error.rule
    assert ".included_x" not in error.rule


@pytest.mark.parametrize(
    ("inc", "exc", "scoped"),
    [
        (None, None, False),
        (["*"], None, False),
        (["*", "*"], [], False),  # one distinct '*'
        (["a", "b"], ["c"], False),
        (["*"], ["a"], False),
        (None, ["*"], True),
        ([], ["*", "*"], True),
        (["a", "b"], ["c"], True),
    ],
)
def test_includes_and_excludes_velero_takes(inc: Any, exc: Any, scoped: bool) -> None:
    check_includes_excludes(INC, inc, EXC, exc, scoped=scoped)


# ---- label selectors ---------------------------------------------------------------------------------------

S = "x.label_selector"
X = f"{S}.match_expressions[1]"
OK = {"key": "app", "operator": "Exists"}


@pytest.mark.parametrize(
    ("expression", "path", "value"),
    [
        ({"operator": "Exists"}, f"{X}.key", None),
        ({"key": "", "operator": "Exists"}, f"{X}.key", ""),
        ({"key": "-a", "operator": "Exists"}, f"{X}.key", "-a"),
        ({"key": "A_b/c", "operator": "Exists"}, f"{X}.key", "A_b/c"),
        ({"key": "a", "operator": "in", "values": ["x"]}, f"{X}.operator", "in"),
        ({"key": "a"}, f"{X}.operator", None),
        ({"key": "a", "operator": "In"}, f"{X}.values", "list"),
        ({"key": "a", "operator": "NotIn", "values": []}, f"{X}.values", "list"),
        ({"key": "a", "operator": "Exists", "values": ["x"]}, f"{X}.values", "list"),
        ({"key": "a", "operator": "DoesNotExist", "values": ["x"]}, f"{X}.values", "list"),
        ({"key": "a", "operator": "In", "values": ["x", "y z"]}, f"{X}.values.1", "y z"),
        ({"key": "a", "operator": "NotIn", "values": ["x", 5]}, f"{X}.values.1", 5),
        ({"key": "a", "operator": "In", "values": ["v" * 64]}, f"{X}.values.0", "v" * 64),
    ],
)
def test_label_selector_expressions_refused(expression: dict[str, Any], path: str, value: Any) -> None:
    error = refused(check_label_selector, S, {"matchExpressions": [OK, expression]})
    assert (error.path, error.value) == (path, value)


@pytest.mark.parametrize(
    "selector",
    [
        {},
        {"matchLabels": {}},
        {"matchLabels": None, "matchExpressions": None},
        {"matchLabels": {"app": "web", "example.com/tier": ""}},
        {
            "matchExpressions": [
                {"key": "a", "operator": "In", "values": ["x", "v" * 63]},
                {"key": "b", "operator": "NotIn", "values": ["y"]},
                {"key": "c", "operator": "Exists"},
                {"key": "d", "operator": "DoesNotExist", "values": []},
                {"key": FAKE_TOKENS[0], "operator": "Exists"},  # a token key cannot be judged
                {"key": "example.com/e", "operator": "In", "values": [FAKE_TOKENS[1]]},
            ]
        },
    ],
)
def test_label_selectors_velero_takes(selector: dict[str, Any]) -> None:
    check_label_selector(S, selector)


def test_match_labels_are_checked() -> None:
    error = refused(check_label_selector, S, {"matchLabels": {"a": "ok", "b": "not ok"}})
    assert (error.path, error.value) == (f"{S}.match_labels.b", "not ok")


# ---- backup specs --------------------------------------------------------------------------------------------

OLD = {"includedResources": ["pods"], "excludedResources": ["secrets"], "includeClusterResources": False}
SCOPED = (
    "includedClusterScopedResources",
    "excludedClusterScopedResources",
    "includedNamespaceScopedResources",
    "excludedNamespaceScopedResources",
)


@pytest.mark.parametrize("old", list(OLD))
@pytest.mark.parametrize("new", SCOPED)
def test_old_and_scoped_filters_never_together(old: str, new: str) -> None:
    error = refused(check_backup_spec, B, {old: OLD[old], new: ["pods"]})
    assert (error.path, error.value) == (attribute(B, new), "list")


def test_the_first_scoped_filter_is_named() -> None:
    spec = {"includeClusterResources": True, "excludedNamespaceScopedResources": ["a"], SCOPED[1]: ["b"]}
    assert refused(check_backup_spec, B, spec).path == f"{B}.excluded_cluster_scoped_resources"


@pytest.mark.parametrize(
    "spec",
    [
        {},
        {"includedResources": [], "includeClusterResources": None, "includedClusterScopedResources": ["*"]},
        {"excludedResources": [], "excludedNamespaceScopedResources": ["*"]},
        {"includedResources": ["pods"], "includeClusterResources": True, SCOPED[0]: []},
        {SCOPED[0]: ["namespaces"], SCOPED[1]: ["nodes"], SCOPED[2]: ["pods"], SCOPED[3]: ["secrets"]},
        {"includedNamespaces": ["app-*"], "excludedNamespaces": ["app-test"], "orLabelSelectors": []},
        {"labelSelector": {"matchLabels": {"a": "b"}}, "hooks": {"resources": [{"includedNamespaces": ["a"]}]}},
    ],
)
def test_backup_specs_velero_takes(spec: dict[str, Any]) -> None:
    check_backup_spec(B, spec)


@pytest.mark.parametrize(
    ("spec", "path", "value"),
    [
        ({"includedNamespaces": ["*", "a"]}, f"{B}.included_namespaces", "list"),
        ({"excludedNamespaces": ["a", "*"]}, f"{B}.excluded_namespaces[1]", "*"),
        ({"includedNamespaces": ["a", "Kube"]}, f"{B}.included_namespaces[1]", "Kube"),
        ({"excludedNamespaces": ["a", "a"]}, f"{B}.excluded_namespaces", "list"),
        ({"excludedResources": ["pods", "*"]}, f"{B}.excluded_resources[1]", "*"),
        ({"includedResources": ["a", "Pods"]}, f"{B}.included_resources[1]", "Pods"),
        ({SCOPED[0]: ["*", "nodes"]}, f"{B}.included_cluster_scoped_resources", "list"),
        ({SCOPED[2]: ["pods"], SCOPED[3]: ["*"]}, f"{B}.excluded_namespace_scoped_resources", "list"),
        ({SCOPED[1]: ["a", "Nodes"]}, f"{B}.excluded_cluster_scoped_resources[1]", "Nodes"),
        ({SCOPED[0]: ["a"], SCOPED[1]: ["a"]}, f"{B}.excluded_cluster_scoped_resources[0]", "a"),
        ({"labelSelector": {"matchLabels": {"-a": "b"}}}, f"{B}.label_selector.match_labels.-a", "-a"),
        (
            {"orLabelSelectors": [{}, {"matchExpressions": [{"key": "a", "operator": "Maybe"}]}]},
            f"{B}.or_label_selectors[1].match_expressions[0].operator",
            "Maybe",
        ),
        ({"labelSelector": {}, "orLabelSelectors": []}, f"{B}.or_label_selectors", "<set>"),
        (
            {"hooks": {"resources": [{}, {"includedNamespaces": ["a"], "excludedNamespaces": ["a"]}]}},
            f"{B}.hooks.resources[1].excluded_namespaces[0]",
            "a",
        ),
        (
            {"hooks": {"resources": [{"excludedResources": ["*"]}]}},
            f"{B}.hooks.resources[0].excluded_resources[0]",
            "*",
        ),
        (
            {"hooks": {"resources": [{"labelSelector": {"matchExpressions": [{"key": "a", "operator": "In"}]}}]}},
            f"{B}.hooks.resources[0].label_selector.match_expressions[0].values",
            "list",
        ),
    ],
)
def test_backup_specs_refused(spec: dict[str, Any], path: str, value: Any) -> None:
    error = refused(check_backup_spec, B, spec)
    assert (error.path, error.value) == (path, value)
