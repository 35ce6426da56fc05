"""Valid configurations synthesized through cdktf give the documented output (``tests/expected.py``):
the helm release's values and the DigitalOcean manifests, with tokens resolved to variables.
``budget(0.5)`` examples (200 in ci), all of them reaching synthesis and the chart/CRD checks."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import event, given

from cdktf_velero import VeleroBackups
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable, Testing

from . import expected, helpers
from .helpers import SECRET_NAMES
from .materialize import materialize
from .output_checks import check_output
from .strategies import Spec, budget, configs
from .test_adversarial import label
from .valid_values import N_TOKENS


def _synth_tokens(stack: TerraformStack) -> tuple[list[str], dict[str, str], dict[str, str]]:
    tokens, resolved = [], {}
    for i in range(N_TOKENS):
        token = TerraformVariable(stack, f"t{i}", type="string").string_value
        tokens.append(token)
        resolved[token] = f"${{var.t{i}}}"
    secrets = {}
    for name in SECRET_NAMES:
        secrets[name] = TerraformVariable(stack, name, type="string", sensitive=True).string_value
        resolved[secrets[name]] = f"${{var.{name}}}"
    return tokens, secrets, resolved


def _resolve(data: Any, resolved: dict[str, str]) -> Any:
    text = json.dumps(data, sort_keys=True)
    for token, ref in resolved.items():
        text = text.replace(token, ref)
    return json.loads(text)


@budget(0.5)
@given(configs(create_storage=False))
def test_synthesized_output_is_the_documented_output(spec: Spec) -> None:
    """Every example reaches synthesis (no corruption here): the resources carry the expected values."""
    event(label(spec))
    app: App = Testing.app()
    stack = TerraformStack(app, "fuzz")
    tokens, secrets, resolved = _synth_tokens(stack)
    kwargs = materialize(spec, tokens, secrets)
    backups = VeleroBackups(stack, "velero", **kwargs)
    doc = helpers.synth(stack)
    values = helpers.chart_values(doc)
    _check_rotation(values)
    assert values == _resolve(expected.chart_values(kwargs), resolved)
    manifests = sorted(helpers.manifest_objects(doc), key=lambda m: str(m["kind"]))
    assert manifests == sorted(_resolve(expected.manifests(kwargs), resolved), key=lambda m: str(m["kind"]))
    release = helpers.only(doc, "helm_release")
    assert [release["name"], release["namespace"]] == _resolve(
        [expected.prop(kwargs, "release_name"), expected.prop(kwargs, "namespace")], resolved
    )
    assert release["version"] == expected.prop(kwargs, "chart_version")
    literals = spec.kwargs.get("literal_secrets") or []
    assert not any(secret in json.dumps(release) for secret in literals)
    check_output(helpers.upstream_dir(), values, manifests, backups.release_name, values_namespace(doc))


_ROTATION = re.compile(r"\$\{nonsensitive\(sha256\(jsonencode\(\[(kubernetes_secret\.[\w-]+\.data(, )?)+\]\)\)\)\}")


def _check_rotation(values: dict[str, Any]) -> None:
    """The pods' key-rotation annotation (the release's third values document): a checksum Terraform computes
    from the data of the credentials secrets, the AWS one among them, never the data itself. Removed here so
    that the rest compares with the oracle."""
    holders = [values, *([values["nodeAgent"]] if "podAnnotations" in values.get("nodeAgent", {}) else [])]
    for holder in holders:
        annotations = holder["podAnnotations"]
        checksum = annotations.pop("checksum/velero-credentials")
        if not annotations:  # only the checksum: the rest (extra_values' own) stays for the oracle
            del holder["podAnnotations"]
        assert _ROTATION.fullmatch(checksum), checksum
        assert "aws-credentials" in checksum


def values_namespace(doc: dict[str, Any]) -> str:
    return str(helpers.only(doc, "helm_release")["namespace"])
