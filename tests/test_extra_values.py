"""``extra_values`` as one rule, and the props that replace what users did through it.

Owned keys are refused naming the prop to use; unknown top-level keys, wrong types and values the chart's
schema rejects are refused before any resource exists; lists the library fills are extended. The property
test feeds arbitrary data and checks every accepted configuration against the real chart: its
``values.schema.json`` (from ``$VELERO_UPSTREAM_DIR``, not the package's copy) and Helm's own rendering.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cdktf_velero import Resources, VeleroBackups, VeleroConfigError, chart_schema
from cdktf_velero.chart import OWNED_KEYS, to_yaml
from cdktf_velero.engine.core import App, TerraformStack, Testing
from cdktf_velero.plan import plan_backups
from cdktf_velero.versions import AWS_PLUGIN_IMAGE

from . import chart_render, helpers
from .strategies import scaled

_S = helpers.secrets(TerraformStack(Testing.app(), "credentials"))
"""Real credential tokens (sensitive variables) for the pure layer: cdktf knows them wherever they are used."""


def plan(**kwargs: Any) -> Any:
    kwargs.setdefault("aws", helpers.aws_location(_S))
    return plan_backups(**kwargs)


def refused(**kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        plan(**kwargs)
    return raised.value


def test_shipped_chart_data_is_the_upstream_chart() -> None:
    """The package's copy of the chart's values.yaml, values.schema.json and CRDs is the chart's, unchanged."""
    shipped = Path(chart_schema.__file__).parent / "chart_data"
    upstream = helpers.upstream_dir()
    files = sorted(path.relative_to(shipped) for path in shipped.rglob("*.*") if path.name != "SOURCE.md")
    assert len(files) == 7
    for relative in files:
        assert (shipped / relative).read_bytes() == (upstream / relative).read_bytes(), relative


@pytest.mark.parametrize("owned", OWNED_KEYS, ids=lambda key: ".".join(key.path))
def test_every_owned_key_is_refused_naming_the_prop_to_use(owned: Any) -> None:
    value: Any = True
    for part in reversed(owned.path):
        value = {part: value}
    error = refused(extra_values=value)
    assert error.path == "extra_values." + ".".join(owned.path)
    assert owned.use in error.rule


@pytest.mark.parametrize(
    ("extra", "path", "words"),
    [
        ({"tolerations": {"a": 1}}, "extra_values.tolerations", "must be a list"),
        ({"upgradeCRDs": "no"}, "extra_values.upgradeCRDs", "True or False"),
        ({"configuration": None}, "extra_values.configuration", "would delete"),
        ({"initContainers": None}, "extra_values.initContainers", "would delete"),
        ({"initContainers": {"name": "x"}}, "extra_values.initContainers", "must be a list"),
        ({"metrics": True}, "extra_values.metrics", "must be a mapping"),
        ({"tolerationz": []}, "extra_values.tolerationz", "not a value of the Velero chart"),
        ({"podAnnotations": {"a": 1}}, "extra_values.podAnnotations.a", "a string"),
        ({"podLabels": {"a": "b c"}}, "extra_values.podLabels.a", "label value"),
        ({"podAnnotations": {"-a": "x"}}, "extra_values.podAnnotations", "label-style key"),
        ({"tolerations": [{"operator": "Maybe"}]}, "extra_values.tolerations[0].operator", "one of"),
        ({"terminationGracePeriodSeconds": 1.5}, "extra_values.terminationGracePeriodSeconds", "whole number"),
        ({"configuration": {"defaultBackupTTL": "10 days"}}, "extra_values.configuration.defaultBackupTTL", "Go"),
        ({"configuration": {"logLevel": "loud"}}, "extra_values.configuration.logLevel", "one of"),
        ({"kubectl": None}, "extra_values.kubectl", "is required"),
        ({"extraObjects": [{"kind": "ConfigMap"}]}, "extra_values.extraObjects[0].apiVersion", "is required"),
        ({"priorityClassName": "123"}, "extra_values.priorityClassName", "reads back as a string"),
        ({"configuration": {"features": "EnableCSI: yes"}}, "extra_values.configuration.features", "--flag=value"),
        ({"nodeAgent": {"podVolumePath": "yes"}}, "extra_values.nodeAgent.podVolumePath", "absolute path"),
        ({"image": {"imagePullSecrets": ["Reg Cred"]}}, "extra_values.image.imagePullSecrets[0]", "object name"),
        ({"metrics": {"service": {"type": "Bogus"}}}, "extra_values.metrics.service.type", "one of"),
        ({"x": {1, 2}}, "extra_values.x", "plain data"),
        ({"podAnnotations": {"a": b"x"}}, "extra_values.podAnnotations.a", "plain data"),
        ({"podAnnotations": {1: "x"}}, "extra_values.podAnnotations", "keys must be"),
        ({"replicas": float("nan")}, "extra_values.replicas", "finite"),
        ({"terminationGracePeriodSeconds": 2**70}, "extra_values.terminationGracePeriodSeconds", "64 bits"),
        ({"podAnnotations": {"a": "\ud800"}}, "extra_values.podAnnotations.a", "Unicode"),
        ({"initContainers": [{"name": "velero-plugin-for-aws", "image": "a/b:v1"}]}, None, "already has this name"),
        ({"initContainers": [{"name": "x", "image": "busybox"}]}, "extra_values.initContainers[0].image", "pinned"),
        ("tolerations: []", "extra_values", "mapping"),
    ],
)
def test_bad_extra_values_are_refused(extra: Any, path: str | None, words: str) -> None:
    error = refused(extra_values=extra)
    if path is not None:
        assert error.path == path, str(error)
    assert error.path.startswith("extra_values")
    assert words in str(error)


def test_server_defaults_that_need_the_node_agent_need_it() -> None:
    extra = {"configuration": {"defaultSnapshotMoveData": True}}
    with pytest.raises(VeleroConfigError, match="node agent") as raised:
        plan_backups(aws=helpers.aws_location(_S, schedule=None), extra_values=extra)
    assert raised.value.path == "extra_values.configuration.defaultSnapshotMoveData"
    assert plan_backups(aws=helpers.aws_location(_S, schedule=None), extra_values=extra, node_agent=True)


def test_a_cycle_is_refused() -> None:
    loop: dict[str, Any] = {}
    loop["self"] = loop
    assert refused(extra_values={"podAnnotations": loop}).rule == "contains itself"


def test_lists_the_library_fills_are_extended_and_mappings_merged() -> None:
    extra = {
        "initContainers": [{"name": "setup", "image": "acme/setup:v1", "command": ["true"]}],
        "image": {"pullPolicy": "Always"},
        "configuration": {"features": "EnableCSI"},
        "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "backup", "effect": "NoSchedule"}],
    }
    values = plan(extra_values=extra).values
    assert [item["name"] for item in values["initContainers"]] == ["velero-plugin-for-aws", "setup"]
    assert values["image"] == {"repository": "velero/velero", "tag": "v1.18.2", "pullPolicy": "Always"}
    assert values["configuration"]["features"] == "EnableCSI"
    assert values["configuration"]["backupStorageLocation"][0]["name"] == "aws"
    assert values["tolerations"] == extra["tolerations"]


def test_props_replace_extra_values() -> None:
    values = plan(
        extra_plugins=["velero/velero-plugin-for-gcp:v1.13.0", "registry.acme.io/velero/my_plugin@sha256:" + "a" * 64],
        resources=Resources(requests={"cpu": "500m", "memory": "128Mi"}, limits={"memory": "1Gi"}),
        node_agent=True,
        node_agent_resources=Resources(limits={"cpu": "2", "memory": "2Gi"}),
    ).values
    containers = {item["name"]: item["image"] for item in values["initContainers"]}
    assert containers == {
        "velero-plugin-for-aws": AWS_PLUGIN_IMAGE,
        "velero-plugin-for-gcp": "velero/velero-plugin-for-gcp:v1.13.0",
        "my-plugin": "registry.acme.io/velero/my_plugin@sha256:" + "a" * 64,
    }
    assert values["resources"] == {"requests": {"cpu": "500m", "memory": "128Mi"}, "limits": {"memory": "1Gi"}}
    assert values["nodeAgent"] == {"resources": {"limits": {"cpu": "2", "memory": "2Gi"}}}


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"extra_plugins": ["velero/velero-plugin-for-aws:v1.13.0"]}, "extra_plugins[0]"),
        ({"extra_plugins": ["velero/velero-plugin-for-gcp"]}, "extra_plugins[0]"),
        ({"extra_plugins": "velero/velero-plugin-for-gcp:v1"}, "extra_plugins"),
        ({"extra_plugins": ["a/p:v1", "b/p:v2"]}, "extra_plugins[1]"),
        ({"resources": {"requests": {"cpu": "1"}}}, "resources"),
        ({"resources": Resources(requests={"cpu": "2"}, limits={"cpu": "1500m"})}, "resources.requests.cpu"),
        ({"resources": Resources(requests={"cpu": "-1"})}, "resources.requests.cpu"),
        ({"resources": Resources(requests={"cpu": 1})}, "resources.requests.cpu"),  # type: ignore[dict-item]
        ({"resources": Resources(limits={"gpu": "1"})}, "resources.limits"),
        ({"resources": Resources(limits={"memory": "1GB"})}, "resources.limits.memory"),
        (
            {
                "node_agent_resources": Resources(limits={"memory": "1Gi"}),
                "aws": helpers.aws_location(_S, schedule=None),
            },
            "node_agent_resources",
        ),
    ],
)
def test_bad_props_are_refused(kwargs: dict[str, Any], path: str) -> None:
    assert refused(**kwargs).path == path


def test_tokens_are_refused_where_strings_go_and_where_the_chart_wants_a_number() -> None:
    """extra_values is literal data: a token could carry a credential into the release's values."""
    token = _S["aws_access_key_id"]
    for key, value in (("podAnnotations", {"a": token}), ("terminationGracePeriodSeconds", token)):
        error = refused(extra_values={key: value})
        assert error.path.startswith(f"extra_values.{key}")
        assert "token" in error.rule
        assert error.value is None


def test_a_refusal_leaves_no_resource_and_the_values_reach_the_release() -> None:
    app: App = Testing.app()
    stack = TerraformStack(app, "x")
    s = helpers.secrets(stack)
    with pytest.raises(VeleroConfigError):
        VeleroBackups(stack, "velero", aws=helpers.aws_location(s), extra_values={"snapshotsEnabled": True})
    backups = VeleroBackups(stack, "velero", aws=helpers.aws_location(s), extra_values={"podLabels": {"a": "b"}})
    released = helpers.chart_values(helpers.synth(stack))
    # The release holds the library's values, plus the rotation annotation of its later values document.
    assert {key: released[key] for key in backups.values} == backups.values
    assert backups.values["podLabels"] == {"a": "b"}


# ---- property test: arbitrary extra_values, checked against the real chart -------------------------


@cache
def _values_schema(upstream: Path) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((upstream / "values.schema.json").read_text()))


_KEYS = ["tolerations", "podAnnotations", "podLabels", "nodeSelector", "upgradeCRDs", "configuration", "image"]
_KEYS += ["initContainers", "kubectl", "extraObjects", "terminationGracePeriodSeconds", "dnsPolicy", "nodeAgent"]
_KEYS += ["metrics", "resources", "credentials", "backupsEnabled", "typo", "deployRestic", "global"]
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**64), 2**64),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(["${x}", "%{ if true }x%{ endif }", "a b", "NoSchedule", "Equal", "1m", "info", "v1"]),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["key", "operator", "effect", "value", "name", "a", "enabled"]), inner, max_size=3
        ),
    ),
    max_leaves=8,
)
_VALID = st.sampled_from(
    [
        {"tolerations": [{"key": "k", "operator": "Exists"}]},
        {"podAnnotations": {"acme.io/shell": "echo ${HOME}"}},
        {"nodeSelector": {"kubernetes.io/os": "linux"}},
        {"configuration": {"logLevel": "debug", "defaultBackupTTL": "72h"}},
        {"initContainers": [{"name": "extra", "image": "acme/p:v1"}]},
        {"extraObjects": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}]},
        {"upgradeCRDs": False},
    ]
)
extra_values_strategy = st.one_of(_VALID, st.dictionaries(st.sampled_from(_KEYS), _DATA, max_size=3))


def _terraform_reads(text: str) -> str:
    """What Terraform makes of a literal string from cdk.tf.json: its escapes undone."""
    return text.replace("$${", "${").replace("%%{", "%{")


@scaled(0.25)
@given(extra_values_strategy)
def test_arbitrary_extra_values_are_refused_or_accepted_by_the_real_chart(extra: dict[str, Any]) -> None:
    upstream = helpers.upstream_dir()
    library = plan().values
    caught: VeleroConfigError | None = None
    try:
        values = plan(extra_values=extra).values
    except VeleroConfigError as error:
        caught = error
    if caught is not None:
        assert caught.path.startswith("extra_values"), str(caught)
        return
    errors = list(_values_schema(upstream).iter_errors(chart_render.merged_values(values)))
    assert not errors, f"accepted, but the chart's schema rejects it: {errors[0].message}"
    chart_render.render(values, release="velero", namespace="velero")  # raises on a template failure
    # What the library set is still there: extra values add to it, never remove or replace it.
    for key, value in library.items():
        if isinstance(value, list):
            assert values[key][: len(value)] == value
        elif isinstance(value, dict):
            assert {k: values[key].get(k) for k in value} == value
        elif key != "upgradeCRDs":
            assert values[key] == value
    # The YAML in cdk.tf.json, as Terraform reads it, is the values.
    assert yaml.safe_load(_terraform_reads(to_yaml(values))) == values
