"""The chart values as Helm computes them, without jsii synthesis: ``None`` deleting a chart default, the
property a schema error names (a library prop, or ``extra_values``), server defaults that need the node agent,
and each Kubernetes rule the library adds to the chart's schema, accepted and refused."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import VeleroConfigError

from .internal import chart_schema, extra_values, kubernetes_validator
from .strategies import FAKE_TOKENS
from .test_pure_cases import aws
from .test_pure_extra_values import planned, refused

pytestmark = pytest.mark.pure

T0 = FAKE_TOKENS[0]

# ---- the values as Helm computes them -------------------------------------------------------------------


def checked(values: dict[str, Any], extra: dict[str, Any], props: dict[str, str] | None = None) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        extra_values.check_chart_values(values, extra=extra, props=props or {})
    assert raised.value.rule
    return raised.value


@pytest.mark.parametrize(
    ("extra", "props", "path"),
    [
        ({}, {"nodeAgent": "node_agent_resources"}, "node_agent_resources.tolerations[0].operator"),
        ({}, {"nodeAgent.tolerations": "tol"}, "tol[0].operator"),
        (
            {"nodeAgent": {"tolerations": []}},
            {"nodeAgent.tolerations": "tol"},
            "extra_values.nodeAgent.tolerations[0].operator",
        ),
        ({}, {"nodeAgent.tolerations.x": "tol"}, "extra_values.nodeAgent.tolerations[0].operator"),
        ({"nodeAgent": {}}, {"nodeAgent": "prop"}, "extra_values.nodeAgent.tolerations[0].operator"),
        ({"nodeAgent": "x"}, {"nodeAgent.tolerations": "tol"}, "tol[0].operator"),
        ({}, {"resources": "resources", "nodeAgent": "n"}, "n.tolerations[0].operator"),
        ({}, {}, "extra_values.nodeAgent.tolerations[0].operator"),
    ],
)
def test_an_error_names_the_property_the_value_comes_from(
    extra: dict[str, Any], props: dict[str, str], path: str
) -> None:
    values = {**planned(None), "nodeAgent": {"tolerations": [{"operator": "Maybe"}]}}
    error = checked(values, extra, props)
    assert (error.path, error.value) == (path, "Maybe")


def test_a_token_where_the_schema_wants_a_number() -> None:
    base = planned(None)
    plain = checked({**base, "terminationGracePeriodSeconds": "30"}, {})
    token = checked({**base, "terminationGracePeriodSeconds": T0}, {})
    assert (token.path, token.value) == ("extra_values.terminationGracePeriodSeconds", T0)
    assert token.rule.startswith(plain.rule)
    assert token.rule != plain.rule


@pytest.mark.parametrize("key", ["defaultVolumesToFsBackup", "defaultSnapshotMoveData"])
@pytest.mark.parametrize(
    ("setting", "node_agent", "ok"),
    [(True, False, False), (True, True, True), (False, False, True), (None, False, True)],
)
def test_server_defaults_that_need_the_node_agent(key: str, setting: object, node_agent: bool, ok: bool) -> None:
    values = {**planned(None), "deployNodeAgent": node_agent}
    values["configuration"] = {**values["configuration"], key: setting}
    if ok:
        extra_values.check_chart_values(values, extra={}, props={})
    else:
        assert (checked(values, {}).path, checked(values, {}).value) == (f"extra_values.configuration.{key}", True)


def test_server_defaults_through_the_plan() -> None:
    extra = {"configuration": {"defaultSnapshotMoveData": True}}
    error = refused(extra, aws=aws(schedule=None))
    assert (error.path, error.value) == ("extra_values.configuration.defaultSnapshotMoveData", True)
    assert planned(extra, aws=aws(schedule=None), node_agent=True)["configuration"]["defaultSnapshotMoveData"] is True


def test_coalesce_as_helm() -> None:
    base = {"a": 1, "b": {"c": 1, "d": 2}, "g": {"x": 1}}
    over = {"a": None, "b": {"c": None, "e": 3}, "f": None, "g": [1]}
    assert extra_values._coalesce(base, over) == {"b": {"d": 2, "e": 3}, "g": [1]}
    assert base == {"a": 1, "b": {"c": 1, "d": 2}, "g": {"x": 1}}
    assert extra_values._coalesce(1, {"a": 2}) == {"a": 2}
    assert extra_values._coalesce({"a": 1}, 5) == 5


def test_a_chart_default_deleted_is_checked_as_absent() -> None:
    """``None`` deletes the chart's default: a rule on that key no longer applies (Helm would not see it)."""
    base = planned(None)
    extra_values.check_chart_values(
        {**base, "configuration": {**base["configuration"], "logLevel": None}}, extra={}, props={}
    )
    assert checked({**base, "configuration": {**base["configuration"], "logLevel": "loud"}}, {}).value == "loud"


# ---- the Kubernetes rules (chart_value_rules) -----------------------------------------------------------

KUBERNETES_OK = [
    {"configuration": {"backupSyncPeriod": "1h30m", "fsBackupTimeout": "0s", "defaultBackupTTL": None}},
    {"podLabels": {"example.com/app": "a-b.c_d", "x": ""}, "nodeSelector": {"k": "v" * 63}},
    {"priorityClassName": "", "runtimeClassName": "a.b-c"},
    {"priorityClassName": T0},
    {"nodeAgent": {"podVolumePath": "/var/lib/kubelet/pods", "pluginVolumePath": None}},
    {"nodeAgent": {"podVolumePath": T0}},
    {"configuration": {"clientQPS": "a:b", "features": "a#b", "clientBurst": 5, "restoreOnlyMode": True}},
    {"configuration": {"uploaderType": None}},
    {"tolerations": [{"key": "k", "operator": "Exists", "effect": ""}]},
    {"extraObjects": [{"apiVersion": "v1", "kind": "ConfigMap"}, "text"]},
]


@pytest.mark.parametrize("values", KUBERNETES_OK)
def test_kubernetes_rules_accept(values: dict[str, Any]) -> None:
    assert list(kubernetes_validator().iter_errors(values)) == []


KUBERNETES_REFUSED = [
    ({"configuration": {"backupSyncPeriod": "5x"}}, ("configuration", "backupSyncPeriod"), "5x"),
    ({"podLabels": {"a b": "x"}}, ("podLabels",), "a b"),
    ({"podLabels": {"a": "-x"}}, ("podLabels", "a"), "-x"),
    ({"nodeSelector": {"a": "v" * 64}}, ("nodeSelector", "a"), "v" * 64),
    ({"priorityClassName": "A"}, ("priorityClassName",), "A"),
    ({"priorityClassName": "true"}, ("priorityClassName",), "true"),
    ({"nodeAgent": {"priorityClassName": "null"}}, ("nodeAgent", "priorityClassName"), "null"),
    ({"nodeAgent": {"podVolumePath": "var/lib"}}, ("nodeAgent", "podVolumePath"), "var/lib"),
    ({"nodeAgent": {"pluginVolumePath": "/a b"}}, ("nodeAgent", "pluginVolumePath"), "/a b"),
    ({"configuration": {"clientQPS": "a: b"}}, ("configuration", "clientQPS"), "a: b"),
    ({"configuration": {"features": "a #b"}}, ("configuration", "features"), "a #b"),
    ({"configuration": {"pluginDir": "a:"}}, ("configuration", "pluginDir"), "a:"),
    ({"configuration": {"metricsAddress": "a\nb"}}, ("configuration", "metricsAddress"), "a\nb"),
    ({"extraObjects": [{"kind": "ConfigMap"}]}, ("extraObjects", 0, "apiVersion"), None),
]


@pytest.mark.parametrize(("values", "path", "value"), KUBERNETES_REFUSED)
def test_kubernetes_rules_refuse(values: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    errors = list(chart_schema.schema_errors(kubernetes_validator(), values))
    assert errors
    where, shown, rule = chart_schema.describe(errors[0])
    assert (tuple(where), shown) == (path, value)
    assert rule


def test_kubernetes_rules_through_the_plan() -> None:
    error = refused({"nodeAgent": {"podVolumePath": "rel"}})
    assert (error.path, error.value) == ("extra_values.nodeAgent.podVolumePath", "rel")
    error = refused({"priorityClassName": "true"})
    assert (error.path, error.value) == ("extra_values.priorityClassName", "true")
    assert planned({"priorityClassName": "system-cluster-critical"})["priorityClassName"] == "system-cluster-critical"


# ---- every rule the library adds, key by key (written out here: the Kubernetes API's own sets) -------------

ENUMS: dict[tuple[str | int, ...], list[object]] = {
    ("tolerations", 0, "operator"): ["Exists", "Equal"],
    ("tolerations", 0, "effect"): ["", "NoSchedule", "PreferNoSchedule", "NoExecute"],
    ("nodeAgent", "tolerations", 0, "effect"): ["", "NoSchedule", "PreferNoSchedule", "NoExecute"],
    ("dnsPolicy",): ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
    ("nodeAgent", "dnsPolicy"): ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
    ("image", "pullPolicy"): ["Always", "IfNotPresent", "Never"],
    ("metrics", "service", "type"): ["ClusterIP", "NodePort", "LoadBalancer"],
    ("metrics", "service", "externalTrafficPolicy"): [None, "", "Cluster", "Local"],
    ("metrics", "service", "internalTrafficPolicy"): [None, "", "Cluster", "Local"],
    ("metrics", "service", "ipFamilyPolicy"): [None, "", "SingleStack", "PreferDualStack", "RequireDualStack"],
    ("configuration", "logLevel"): [None, "panic", "fatal", "error", "warn", "warning", "info", "debug", "trace"],
    ("configuration", "logFormat"): [None, "text", "json"],
}
DURATIONS = (
    "backupSyncPeriod",
    "fsBackupTimeout",
    "defaultItemOperationTimeout",
    "defaultBackupTTL",
    "garbageCollectionFrequency",
    "storeValidationFrequency",
    "terminatingResourceTimeout",
    "dataMoverPrepareTimeout",
    "defaultRepoMaintainFrequency",
)
FLAGS = (
    "uploaderType",
    "clientBurst",
    "clientPageSize",
    "clientQPS",
    "disableControllers",
    "disableInformerCache",
    "features",
    "itemBlockWorkerCount",
    "metricsAddress",
    "pluginDir",
    "profilerAddress",
    "restoreOnlyMode",
    "restoreResourcePriorities",
)
SERVER_DEFAULTS = ("defaultVolumesToFsBackup", "defaultSnapshotMoveData")
MONITORS = ("serviceMonitor", "nodeAgentPodMonitor", "prometheusRule")
POD_REFUSED: list[tuple[tuple[str | int, ...], object, tuple[str | int, ...]]] = [
    (("annotations",), {"a b": "x"}, ()),
    (("annotations",), {"a": 1}, ("a",)),
    (("podAnnotations",), {"a": 1}, ("a",)),
    (("labels",), {"a": "-x"}, ("a",)),
    (("podLabels",), {"a/b/c": "x"}, ()),
    (("nodeSelector",), {"a": 1}, ("a",)),
    (("runtimeClassName",), "A", ()),
    (("priorityClassName",), "a_b", ()),
    (("tolerations",), "x", ()),
    (("tolerations",), [{"bogus": "x"}], (0,)),
    (("tolerations",), [{"key": 1}], (0, "key")),
    (("tolerations",), [{"value": 1}], (0, "value")),
    (("tolerations",), [{"tolerationSeconds": "5"}], (0, "tolerationSeconds")),
    (("dnsPolicy",), "Bogus", ()),
    (("extraVolumes",), [{}], (0, "name")),
    (("extraVolumeMounts",), [{"name": "a"}], (0, "mountPath")),
    (("extraVolumeMounts",), [{"mountPath": "/a"}], (0, "name")),
    (("extraEnvVars",), [{}], (0, "name")),
    (("extraArgs",), ["a", 1], (1,)),
]
REFUSED: list[tuple[tuple[str | int, ...], object, tuple[str | int, ...]]] = [
    *POD_REFUSED,
    *(((("nodeAgent", *key), value, where) for key, value, where in POD_REFUSED)),
    *((key, "Bogus", ()) for key in ENUMS),
    *((("configuration", key), "5x", ()) for key in DURATIONS),
    *((("configuration", key), "a: b", ()) for key in FLAGS),
    *((("configuration", key), ["a"], ()) for key in FLAGS),
    (("secretAnnotations",), {"a": 1}, ("a",)),
    (("terminationGracePeriodSeconds",), -1, ()),
    (("terminationGracePeriodSeconds",), "30", ()),
    (("revisionHistoryLimit",), -1, ()),
    (("image", "imagePullSecrets"), ["A"], (0,)),
    (("serviceAccount", "server", "name"), "A", ()),
    (("serviceAccount", "server", "imagePullSecrets"), ["ok", "A"], (1,)),
    (("serviceAccount", "server", "automountServiceAccountToken"), "yes", ()),
    (("rbac", "clusterAdministratorName"), "A", ()),
    (("metrics", "service", "nodePort"), 0, ()),
    (("metrics", "service", "nodePort"), 65536, ()),
    (("metrics", "service", "nodePort"), "80", ()),
    *((("metrics", monitor, "namespace"), "A", ()) for monitor in MONITORS),
    (("extraObjects",), [{"apiVersion": "v1"}], (0, "kind")),
    (("extraObjects",), [{"kind": "ConfigMap"}], (0, "apiVersion")),
    (("extraObjects",), [1], (0,)),
    (("nodeAgent",), "x", ()),
    (("configuration",), "x", ()),
    (("nodeAgent", "podVolumePath"), 5, ()),
    (("nodeAgent", "pluginVolumePath"), "rel", ()),
    (("configuration", "defaultVolumesToFsBackup"), "yes", ()),
    (("configuration", "defaultSnapshotMoveData"), "yes", ()),
    (("configuration", "extraEnvVars"), [{}], (0, "name")),
    (("configuration", "extraArgs"), [1], (0,)),
]


def nested(path: tuple[str | int, ...], value: object) -> Any:
    for key in reversed(path):
        value = [value] if isinstance(key, int) else {key: value}
    return value


@pytest.mark.parametrize(("key", "value", "where"), REFUSED, ids=repr)
def test_each_rule_refuses(key: tuple[str | int, ...], value: object, where: tuple[str | int, ...]) -> None:
    errors = list(chart_schema.schema_errors(kubernetes_validator(), nested(key, value)))
    assert errors
    path, shown, _ = chart_schema.describe(errors[0])
    assert tuple(path) == (*key, *where)
    if not where and not isinstance(value, dict | list):
        assert shown == value


ACCEPTED: list[tuple[tuple[str | int, ...], object]] = [
    *((key, item) for key, items in ENUMS.items() for item in items),
    *((("configuration", key), None) for key in DURATIONS),
    *((("configuration", key), "72h") for key in DURATIONS),
    *((("configuration", key), value) for key in FLAGS for value in (None, 5, 0.5, True, "a:b,c")),
    *((("configuration", key), value) for key in SERVER_DEFAULTS for value in (None, True, False)),
    (("terminationGracePeriodSeconds",), 0),
    (("revisionHistoryLimit",), 0),
    (("metrics", "service", "nodePort"), 1),
    (("metrics", "service", "nodePort"), 65535),
    (("metrics", "service", "nodePort"), None),
    (("serviceAccount", "server", "name"), None),
    (("serviceAccount", "server", "automountServiceAccountToken"), False),
    *((("metrics", monitor, "namespace"), None) for monitor in MONITORS),
    (("nodeAgent", "pluginVolumePath"), "/var/lib/plugins"),
    (("tolerations",), [{"key": "k", "value": "v", "tolerationSeconds": 5}]),
    (("extraVolumeMounts",), [{"name": "a", "mountPath": "/a"}]),
]


@pytest.mark.parametrize(("key", "value"), ACCEPTED, ids=repr)
def test_each_rule_accepts(key: tuple[str | int, ...], value: object) -> None:
    assert list(kubernetes_validator().iter_errors(nested(key, value))) == []


@pytest.mark.parametrize(("extra", "value"), [({"upgradeCRDs": "yes"}, "yes"), ({"cleanUpCRDs": 1}, 1)])
def test_the_charts_own_schema(extra: dict[str, Any], value: object) -> None:
    error = refused(extra)
    assert (error.path, error.value) == (f"extra_values.{next(iter(extra))}", value)
