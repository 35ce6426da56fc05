"""No credential enters the chart's values, whatever ``extra_values`` holds.

Environment variables by value, maps of variables, Kubernetes Secrets, ``credentials``, any cdktf token and
Helm templates in ``extraObjects`` are refused at any depth, naming the path and never repeating the value;
references (``valueFrom``) and plain settings are accepted, and the real chart renders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdktf_velero import BackupSchedule, DigitalOceanLocation, VeleroBackups, VeleroConfigError
from cdktf_velero.chart_secrets import refuse_credentials
from cdktf_velero.engine.core import Fn, TerraformStack, TerraformVariable, Testing

from . import chart_render, helpers
from .strategies import scaled

DO_TOKEN = "dop_v1_" + "c0ffee" * 10 + "abcd"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def build(extra_values: Any, **props: Any) -> tuple[TerraformStack, VeleroBackups]:
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    backups = VeleroBackups(stack, "velero", aws=helpers.aws_location(s), extra_values=extra_values, **props)
    return stack, backups


def refused(extra_values: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        build(extra_values)
    return raised.value


def env(value: Any) -> list[dict[str, Any]]:
    return [{"name": "DIGITALOCEAN_TOKEN", "value": value}]


SECRET_OBJECT = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "stringData": {"t": DO_TOKEN}}

# (label, extra_values builder taking a sensitive token, expected error path)
REFUSED: list[tuple[str, Any, str]] = [
    (
        "configuration env literal",
        lambda t: {"configuration": {"extraEnvVars": env(DO_TOKEN)}},
        "extra_values.configuration.extraEnvVars[0].value",
    ),
    (
        "configuration env token",
        lambda t: {"configuration": {"extraEnvVars": env(t)}},
        "extra_values.configuration.extraEnvVars[0].value",
    ),
    (
        "configuration env map (older chart form)",
        lambda t: {"configuration": {"extraEnvVars": {"DIGITALOCEAN_TOKEN": DO_TOKEN}}},
        "extra_values.configuration.extraEnvVars.DIGITALOCEAN_TOKEN",
    ),
    (
        "node agent env",
        lambda t: {"nodeAgent": {"extraEnvVars": env(DO_TOKEN)}},
        "extra_values.nodeAgent.extraEnvVars[0].value",
    ),
    (
        "CRD job env",
        lambda t: {"upgradeCRDsJob": {"extraEnvVars": env(AWS_SECRET)}},
        "extra_values.upgradeCRDsJob.extraEnvVars[0].value",
    ),
    (
        "init container env",
        lambda t: {"initContainers": [{"name": "p", "image": "busybox:1.36", "env": env(DO_TOKEN)}]},
        "extra_values.initContainers[0].env[0].value",
    ),
    ("top-level extraEnvVars", lambda t: {"extraEnvVars": env(DO_TOKEN)}, "extra_values.extraEnvVars[0].value"),
    ("Secret in extraObjects", lambda t: {"extraObjects": [SECRET_OBJECT]}, "extra_values.extraObjects[0]"),
    (
        "Secret inside a List",
        lambda t: {"extraObjects": [{"apiVersion": "v1", "kind": "List", "items": [SECRET_OBJECT]}]},
        "extra_values.extraObjects[0].items[0]",
    ),
    (
        "Secret with odd case",
        lambda t: {"extraObjects": [{**SECRET_OBJECT, "kind": " secret"}]},
        "extra_values.extraObjects[0]",
    ),
    (
        "Deployment env in extraObjects",
        lambda t: {
            "extraObjects": [
                {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [{"name": "c", "env": env(t)}]}}}}
            ]
        },
        "extra_values.extraObjects[0].spec.template.spec.containers[0].env[0].value",
    ),
    (
        "credentials contents",
        lambda t: {"credentials": {"secretContents": {"cloud": AWS_SECRET}}},
        "extra_values.credentials",
    ),
    (
        "credentials env map",
        lambda t: {"credentials": {"extraEnvVars": {"DIGITALOCEAN_TOKEN": t}}},
        "extra_values.credentials",
    ),
    ("token in annotations", lambda t: {"podAnnotations": {"note": t}}, "extra_values.podAnnotations.note"),
    ("token inside text", lambda t: {"podLabels": {"x": "Bearer " + t}}, "extra_values.podLabels.x"),
    ("token as a key", lambda t: {"podLabels": {t: "x"}}, "extra_values.podLabels"),
    (
        "token in args",
        lambda t: {"configuration": {"extraArgs": [f"--token={t}"]}},
        "extra_values.configuration.extraArgs[0]",
    ),
    (
        "Terraform function token",
        lambda t: {"podAnnotations": {"b": Fn.base64encode(t)}},
        "extra_values.podAnnotations.b",
    ),
    (
        "extraObjects template string",
        lambda t: {"extraObjects": ["kind: Secret\nstringData: {t: x}"]},
        "extra_values.extraObjects[0]",
    ),
    (
        "Helm template inside extraObjects",
        lambda t: {"extraObjects": [{"kind": '{{ print "Sec" "ret" }}', "stringData": {"t": DO_TOKEN}}]},
        "extra_values.extraObjects[0].kind",
    ),
    ("initContainers template string", lambda t: {"initContainers": "- name: x"}, "extra_values.initContainers"),
    (
        "env as NAME=value strings",
        lambda t: {"configuration": {"extraEnvVars": [f"DIGITALOCEAN_TOKEN={DO_TOKEN}"]}},
        "extra_values.configuration.extraEnvVars[0]",
    ),
    (
        "env as one string",
        lambda t: {"nodeAgent": {"extraEnvVars": f"DIGITALOCEAN_TOKEN={DO_TOKEN}"}},
        "extra_values.nodeAgent.extraEnvVars",
    ),
    ("extra_values as a string", lambda t: f"credentials: {DO_TOKEN}", "extra_values"),
]


@pytest.mark.parametrize(("label", "make", "path"), REFUSED, ids=[case[0] for case in REFUSED])
def test_credentials_in_extra_values_are_refused(label: str, make: Any, path: str) -> None:
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    token = s["digitalocean_token"]
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", aws=helpers.aws_location(s), extra_values=make(token))
    error = raised.value
    assert error.path == path, str(error)
    assert error.value is None
    for secret in (DO_TOKEN, AWS_SECRET, token):
        assert secret not in str(error)
    # It points to the supported mechanism.
    assert any(way in str(error) for way in ("kubernetes_secret", "plain data", "template", "valueFrom", "mapping"))


def test_number_token_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    number = TerraformVariable(stack, "cpu", type="number", sensitive=True).number_value
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "v", aws=helpers.aws_location(s), extra_values={"resources": {"limits": {"cpu": number}}})
    assert raised.value.path == "extra_values.resources.limits.cpu"


@pytest.mark.parametrize(
    "extra",
    [
        ["dop_v1_x", DO_TOKEN],
        DigitalOceanLocation(bucket="b", region="nyc3", api_token=DO_TOKEN),
        {"podAnnotations": DigitalOceanLocation(bucket="b", region="nyc3", api_token=DO_TOKEN)},
        {"podAnnotations": {1: DO_TOKEN}},
    ],
    ids=["a list", "an object", "an object inside", "a non-string key"],
)
def test_non_plain_extra_values_are_named_by_type(extra: Any) -> None:
    error = refused(extra)
    assert DO_TOKEN not in str(error)
    assert DO_TOKEN not in repr(error.value)


ALLOWED_ENV = [
    {"name": "DIGITALOCEAN_TOKEN", "valueFrom": {"secretKeyRef": {"name": "do-token", "key": "token"}}},
    {"name": "AWS_REQUEST_CHECKSUM_CALCULATION", "valueFrom": {"configMapKeyRef": {"name": "s3", "key": "checksum"}}},
    {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
    {"name": "EMPTY", "value": ""},
]


def test_references_and_plain_settings_are_accepted_and_rendered() -> None:
    """valueFrom references, a ConfigMap and plain settings pass, and the real chart renders them."""
    config_map = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "s3"}, "data": {"checksum": "x"}}
    extra = {
        "configuration": {"extraEnvVars": ALLOWED_ENV, "extraArgs": ["--log-level=debug"]},
        "nodeAgent": {"extraEnvVars": ALLOWED_ENV[:1]},
        "extraObjects": [config_map],
        "podAnnotations": {"team": "platform"},
        "podLabels": {"tier": "backup"},
    }
    stack, _ = build(extra, node_agent=True)
    doc = helpers.synth(stack)
    values = helpers.chart_values(doc)
    assert values["configuration"]["extraEnvVars"] == ALLOWED_ENV
    assert values["extraObjects"] == [config_map]
    rendered = chart_render.render_release(doc)
    server_env = rendered.deployment["spec"]["template"]["spec"]["containers"][0]["env"]
    assert ALLOWED_ENV[0] in server_env
    (node_agent,) = rendered.of_kind("DaemonSet")
    assert ALLOWED_ENV[0] in node_agent["spec"]["template"]["spec"]["containers"][0]["env"]
    assert rendered.of_kind("ConfigMap")
    assert not rendered.of_kind("Secret")


def test_a_template_in_extra_objects_would_render_a_secret() -> None:
    """Why templates are refused in extraObjects: Helm renders each item with tpl, so a ConfigMap-looking
    item can come out as a Secret."""
    item = {"apiVersion": "v1", "kind": '{{ print "Sec" "ret" }}', "metadata": {"name": "s"}, "stringData": {"a": "b"}}
    rendered = chart_render.render({"extraObjects": [item]}, release="velero", namespace="velero")
    assert "s" in [obj["metadata"]["name"] for obj in rendered.of_kind("Secret")]  # beside the chart's own
    assert refused({"extraObjects": [item]}).path == "extra_values.extraObjects[0].kind"


# ---- property tests ------------------------------------------------------------------------

_KEYS = st.text(st.characters(codec="utf-8", exclude_characters="{}$%&#"), min_size=1, max_size=12).filter(
    lambda k: k not in ("env", "extraEnvVars", "credentials", "extraObjects", "initContainers", "kind")
)
_PLAIN_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(st.characters(codec="utf-8", exclude_characters="{}$%#&"), max_size=20),
)
plain_data = st.recursive(
    _PLAIN_LEAVES,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_KEYS, children, max_size=3),
    max_leaves=12,
)


def _plant(tree: Any, path: Sequence[str], payload: Any) -> Any:
    """``tree`` with ``payload`` at ``path``, creating the maps on the way."""
    if not path:
        return payload
    head, rest = path[0], path[1:]
    node = dict(tree) if isinstance(tree, dict) else {}
    node[str(head)] = _plant(node.get(str(head)), rest, payload)
    return node


_PAYLOADS = st.sampled_from(
    ["env value", "env token", "env map", "secret object", "token", "token in text", "token key"]
)


def _payload(kind: str, token: str) -> tuple[Any, str]:
    """A value carrying a credential and the path suffix the error must name."""
    return {
        "env value": ({"extraEnvVars": env(DO_TOKEN)}, ".extraEnvVars[0].value"),
        "env token": ({"env": env(token)}, ".env[0].value"),
        "env map": ({"extraEnvVars": {"TOKEN": DO_TOKEN}}, ".extraEnvVars.TOKEN"),
        "secret object": ({"extraObjects": [SECRET_OBJECT]}, ".extraObjects[0]"),
        "token": ({"x": token}, ".x"),
        "token in text": ({"x": f"a{token}b"}, ".x"),
        "token key": ({token: "x"}, ""),
    }[kind]


_TOKEN_STACK = TerraformStack(Testing.app(), "tokens")
_TOKEN = TerraformVariable(_TOKEN_STACK, "tok", type="string", sensitive=True).string_value


@scaled(1.0)
@given(base=st.dictionaries(_KEYS, plain_data, max_size=4), where=st.lists(_KEYS, max_size=4), kind=_PAYLOADS)
def test_a_credential_anywhere_in_extra_values_is_refused(base: dict[str, Any], where: list[str], kind: str) -> None:
    """Arbitrary nesting: a credential planted at any depth of plain data is found and named."""
    payload, suffix = _payload(kind, _TOKEN)
    if kind == "token key":
        payload = {"wrap": payload}
        suffix = ".wrap"
    extra = _plant(base, where, payload)
    error = refused(extra)
    assert error.path == "extra_values" + "".join(f".{key}" for key in where) + suffix, str(error)
    assert error.value is None
    assert DO_TOKEN not in str(error)
    assert _TOKEN not in str(error)


@scaled(0.3)
@given(extra=st.dictionaries(_KEYS.filter(lambda k: k != "credentials"), plain_data, max_size=4))
def test_plain_extra_values_pass_the_credential_rules(extra: dict[str, Any]) -> None:
    """Plain data without credentials passes the credential rules whatever its shape (the chart's own rules,
    which refuse unknown keys and wrong types, are tested in test_extra_values)."""
    refuse_credentials(extra)  # raises VeleroConfigError on a refusal


# ---- sensitive variables in the other properties -------------------------------------------

_SLOTS: dict[str, Any] = {
    "aws.bucket": lambda s, t: {"aws": helpers.aws_location(s, bucket=t)},
    "aws.prefix": lambda s, t: {"aws": helpers.aws_location(s, prefix=t)},
    "aws.config.kmsKeyId": lambda s, t: {"aws": helpers.aws_location(s, config={"kmsKeyId": t})},
    "aws.schedule.cron": lambda s, t: {"aws": helpers.aws_location(s, schedule=BackupSchedule(cron=t))},
    "aws.schedule.labels.team": lambda s, t: {
        "aws": helpers.aws_location(s, schedule=BackupSchedule(cron="@daily", labels={"team": t}))
    },
    "digitalocean.bucket": lambda s, t: {"digitalocean": helpers.do_location(s, bucket=t)},
    "digitalocean.config.checksumAlgorithm": lambda s, t: {
        "digitalocean": helpers.do_location(s, config={"checksumAlgorithm": t})
    },
    "namespace": lambda s, t: {"namespace": t},
    "namespace_labels.team": lambda s, t: {"namespace_labels": {"team": t}},
    "release_name": lambda s, t: {"release_name": t},
}
_WRAPS: dict[str, Any] = {"whole": lambda t: t, "function": Fn.lower, "in text": lambda t: f"x-{t}"}


@pytest.mark.parametrize("path", sorted(_SLOTS))
@pytest.mark.parametrize("wrap", sorted(_WRAPS))
@pytest.mark.parametrize("sensitive", [True, False])
def test_a_sensitive_variable_in_a_non_credential_property_is_refused(path: str, wrap: str, sensitive: bool) -> None:
    """Those properties reach the chart's values, a custom resource or an output: a sensitive variable's value
    is refused there (naming the property), any other token passes as before."""
    stack = TerraformStack(Testing.app(), "x")
    s = helpers.secrets(stack)
    token = _WRAPS[wrap](TerraformVariable(stack, "value", type="string", sensitive=sensitive).string_value)
    kwargs = {"aws": helpers.aws_location(s), **_SLOTS[path](s, token)}
    if sensitive:
        with pytest.raises(VeleroConfigError) as raised:
            VeleroBackups(stack, "velero", **kwargs)
        assert raised.value.path == path
        assert raised.value.value is None
    else:
        VeleroBackups(stack, "velero", **kwargs)
        assert "var.value" in helpers.synth_text(stack)
