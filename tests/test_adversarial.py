"""Property tests with a real oracle: valid configurations give what ``tests/expected.py`` says,
and every corruption (``tests/corruptions.py``) is refused with a ``VeleroConfigError`` naming
the field it broke.

Budget (``tests/conftest.py``): ``budget(0.75)`` valid configurations; ``budget(2.0)`` corrupted
examples, split evenly over all corruptions (these and ``tests/test_added_objects.py``'s) so
that each is tried in every run. This is
the pure layer: the same ``plan_backups`` as ``VeleroBackups`` calls, without jsii
(``tests/test_synthesized.py`` goes through cdktf).
"""

from __future__ import annotations

from typing import Any, cast

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from cdktf_velero import VeleroConfigError

from . import expected, helpers
from .corruptions_cross import CORRUPTIONS
from .internal import planned_output, to_yaml
from .materialize import materialize
from .output_checks import check_output
from .strategies import FAKE_SECRETS, FAKE_TOKENS, NO_JSII, Cred, Spec, budget, configs
from .test_added_objects import N_CORRUPTIONS

pytestmark = pytest.mark.pure


def label(spec: Spec) -> str:
    kw = spec.kwargs
    do = kw.get("digitalocean")
    parts = ["aws + digitalocean" if do else "aws only"]
    if do and do.get("volume_snapshots"):
        parts.append("snapshots")
    if kw["aws"].get("create_iam_user") or (do and do.get("create_spaces_key")):
        parts.append("created keys")
    if kw.get("allow_plaintext_secrets"):
        parts.append("literal secrets")
    return "valid: " + ", ".join(parts)


@budget(0.75)
@given(configs())
def test_valid_configuration_gives_the_documented_output(spec: Spec) -> None:
    event(label(spec))
    secrets = FAKE_SECRETS
    kwargs = materialize(spec, FAKE_TOKENS, secrets)
    plan, values, manifests = planned_output(kwargs)
    assert values == expected.chart_values(kwargs)
    assert manifests == expected.manifests(kwargs)
    assert plan.aws_schedule_name == expected.aws_schedule_object(kwargs)
    assert plan.namespace == expected.prop(kwargs, "namespace")
    release = plan.release
    assert (release.name, release.version, release.repository) == tuple(
        expected.prop(kwargs, name) for name in ("release_name", "chart_version", "chart_repository")
    )
    assert (release.atomic, release.cleanup_on_fail, release.timeout, release.max_history) == tuple(
        expected.prop(kwargs, name) for name in ("atomic", "cleanup_on_fail", "timeout", "max_history")
    )
    assert plan.outputs == expected.prop(kwargs, "outputs")
    text = to_yaml(values)
    assert yaml.safe_load(text) == values
    literals = spec.kwargs.get("literal_secrets") or []
    assert not any(secret in text for secret in [*literals, *secrets.values()])
    if not NO_JSII:  # Helm's engine (Go) cannot run in the forked processes of ``make mutation``
        check_output(helpers.upstream_dir(), values, manifests, plan.release_name, plan.namespace)


_CREDENTIALS = frozenset(
    {"access_key_id", "secret_access_key", "spaces_access_key_id", "spaces_secret_access_key", "api_token"}
)


_SCALARS = (str, int, float, bool, type(None))


class _Missing:
    """No value at a path (a cross-field rule whose path names no single field)."""


def _value_at(kwargs: Any, path: str) -> Any:
    node = kwargs
    for part in path.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif part and hasattr(node, part.split("[")[0]) and "[" not in part:
            node = getattr(node, part)
        else:
            return _Missing()
    return node


def _names_value(shown: Any, bad: Any, path: str) -> bool:
    """The error shows the rejected value: the field's, or the item or key of it that broke the rule."""
    if path == "extra_values.credentials":
        return shown is None  # never echoed: it may hold credentials
    if shown == bad and type(bad) in _SCALARS:
        return True
    if type(bad) not in _SCALARS and shown == type(bad).__name__:
        return True  # only scalars are repeated, anything else by its type name (it may hold credentials)
    if isinstance(bad, dict):
        return any(shown == _as_shown(item) for item in (*bad.keys(), *bad.values()))
    if isinstance(bad, (list, tuple)):
        return any(shown == _as_shown(item) for item in bad)
    return False


def _as_shown(value: Any) -> Any:
    """How an error shows a value: a scalar as it is, anything else by its type name."""
    return value if type(value) in _SCALARS else type(value).__name__


def _literal_creds(value: Any) -> list[str]:
    if isinstance(value, Cred):
        return [value.literal] if value.literal and value.literal.strip() else []
    if isinstance(value, dict):
        return [s for item in value.values() for s in _literal_creds(item)]
    return []


@pytest.mark.parametrize("cid", list(CORRUPTIONS))
@budget(2.0 / N_CORRUPTIONS)
@given(data=st.data())
def test_corrupted_field_is_refused_and_named(cid: str, data: st.DataObject) -> None:
    _refused_and_named(cid, data)


def _refused_and_named(cid: str, data: st.DataObject) -> None:
    corruption = CORRUPTIONS[cid]
    spec = data.draw(configs(**corruption.needs), label="valid configuration")
    path = corruption.apply(cast("st.DrawFn", data.draw), spec.kwargs)
    event(f"corrupted: {cid}")
    kwargs = materialize(spec, FAKE_TOKENS, FAKE_SECRETS)
    with pytest.raises(VeleroConfigError) as raised:
        planned_output(kwargs)
    error = raised.value
    named = error.path == path or (corruption.prefix and error.path.startswith((f"{path}.", f"{path}[")))
    assert named, f"{cid}: expected the error to name {path}, got {error.path}: {error}"
    message = str(error)
    assert message.startswith(f"{error.path}: ")
    assert isinstance(error.rule, str)
    assert error.rule in message
    bad = _value_at(materialize(spec, FAKE_TOKENS, FAKE_SECRETS), path)
    if path.rpartition(".")[2] in _CREDENTIALS or (path == "extra_values" and not isinstance(bad, dict)):
        # extra_values that is not a mapping may be anything, a secret too: refused without being repeated (a
        # mapping's bad key is shown as any value is, a scalar as it is).
        assert error.value is None, "a credential (or its type) was kept in the error"
    elif not isinstance(bad, _Missing):
        assert _names_value(error.value, bad, path), f"{cid}: the error shows {error.value!r}, not {bad!r}"
    for secret in [*_literal_creds(spec.kwargs.get("aws")), *_literal_creds(spec.kwargs.get("digitalocean"))]:
        assert secret not in message, "a credential was echoed"
        assert secret not in repr(error.value), "a credential was kept in the error"
