"""No credential enters the chart's values: the scan of ``extra_values``.

Helm values are not a sensitive attribute: Terraform shows them in plans, keeps them in state, and
Helm stores them in every release revision in the cluster (``helm get values``). Credentials
reach Velero only through Terraform-managed ``kubernetes_secret`` resources, so ``extra_values``
is held to these rules, at any depth:

- environment variables (lists under ``env`` or ``extraEnvVars``, such as ``configuration.extraEnvVars``,
  ``nodeAgent.extraEnvVars``, ``upgradeCRDsJob.extraEnvVars`` or an init container's ``env``) take no
  ``value``: only ``valueFrom`` (``secretKeyRef`` to a secret, ``configMapKeyRef`` for settings); a map of
  variables (the chart's form under ``credentials``) is refused as a whole;
- ``credentials`` is the library's, and no Kubernetes ``Secret`` object may appear anywhere (``extraObjects``);
- no cdktf token at all, whole or inside text, as a key or a value: a token's value is unknown at synth,
  so nothing tells a credential from a name;
- Helm renders ``extraObjects`` (every string in them) and a string ``initContainers`` with ``tpl``: a ``{{``
  template in an extra object can turn it into anything (a Secret included), and a string item is no object
  but a template the library cannot inspect, so they must be plain data without templates;
- only plain data: mappings with string keys, lists, strings, numbers, booleans and null.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import VeleroConfigError
from .validation import holds_token_encoding

__all__ = ["refuse_credentials"]

_ENV_KEYS = frozenset({"env", "extraEnvVars"})
_TEMPLATE_STRING_KEYS = frozenset({"extraObjects", "initContainers"})
"""Keys whose value Helm renders with ``tpl`` when it is a string (or, for extraObjects, holds one)."""
_TEMPLATED_KEYS = frozenset({"extraObjects"})
"""Keys whose every string the chart renders with ``tpl`` (``tpl (toYaml .)``)."""
_MAX_DEPTH = 100
_SECRET_MECHANISM = (
    "credentials never go into the chart's values (Helm keeps them in plain text in every release revision): "
    "put the value in a Terraform-managed kubernetes_secret (the location properties do this for Velero's own "
    "credentials) and reference it with valueFrom.secretKeyRef"
)

_TOKEN_RULE = (
    "extra_values takes literal data only, because a token's value is unknown at synth and could be a credential; "
    + _SECRET_MECHANISM
)


def refuse_credentials(extra_values: object, path: str = "extra_values") -> None:
    """Raise :class:`VeleroConfigError` naming the path of the first value that could carry a credential
    into the chart's values; return quietly when ``extra_values`` is plain, credential-free data."""
    if not isinstance(extra_values, Mapping):
        raise VeleroConfigError(path, None, "must be a mapping of chart values", secret=True)
    if "credentials" in extra_values:
        raise VeleroConfigError(
            f"{path}.credentials",
            None,
            "is managed by the library (the AWS key pair and the DigitalOcean token come from Terraform-managed "
            "secrets): " + _SECRET_MECHANISM,
            secret=True,
        )
    _scan(extra_values, path, templated=False, depth=0, seen=frozenset())


def _scan(node: object, path: str, *, templated: bool, depth: int, seen: frozenset[int]) -> None:
    """Walk plain data; ``templated`` is set inside values that Helm renders with ``tpl``; ``seen`` holds the
    containers on the way down (a container inside itself would never end)."""
    if isinstance(node, Mapping | list | tuple):
        if id(node) in seen:
            raise VeleroConfigError(path, type(node).__name__, "contains itself")
        seen = seen | {id(node)}
    if depth > _MAX_DEPTH:
        raise VeleroConfigError(path, node, f"is nested more than {_MAX_DEPTH} levels deep")
    if isinstance(node, Mapping):
        _check_object(node, path)
        for key, value in node.items():
            if type(key) is not str:
                raise VeleroConfigError(path, key, "keys must be strings")
            _check_text(path, key, templated=templated, what="a key")
            child = f"{path}.{key}"
            if key in _ENV_KEYS:
                _check_env(value, child)
            if key in _TEMPLATE_STRING_KEYS:
                _check_templated(value, child)
            _scan(value, child, templated=templated or key in _TEMPLATED_KEYS, depth=depth + 1, seen=seen)
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            _scan(item, f"{path}[{index}]", templated=templated, depth=depth + 1, seen=seen)
    elif isinstance(node, str):
        _check_text(path, node, templated=templated, what="a value")
    elif type(node) is float and holds_token_encoding(repr(node)):
        raise VeleroConfigError(path, None, "is a cdktf number token: " + _TOKEN_RULE, secret=True)
    elif node is not None and type(node) not in (bool, int, float):
        raise VeleroConfigError(path, node, "must be plain data: mappings, lists, strings, numbers, booleans or null")


def _check_templated(value: object, path: str) -> None:
    """``extraObjects`` and ``initContainers``: Helm renders a string there as a template."""
    items = value if isinstance(value, list | tuple) else [value]
    for index, item in enumerate(items):
        if isinstance(item, str):
            where = f"{path}[{index}]" if items is value else path
            raise VeleroConfigError(
                where,
                None,
                "must be plain data (a list of mappings): Helm renders a string here as a template, whose output "
                "the library cannot inspect",
                secret=True,
            )


def _check_text(path: str, text: str, *, templated: bool, what: str) -> None:
    if holds_token_encoding(text):
        raise VeleroConfigError(
            path,
            None,
            f"holds a Terraform token as {what}: " + _TOKEN_RULE,
            secret=True,
        )
    if templated and "{{" in text:
        raise VeleroConfigError(
            path,
            None,
            "holds a Helm template ('{{'): the chart renders this value with tpl, so it could produce any object; "
            "write the literal value (the namespace and release name are known)",
            secret=True,
        )


def _check_object(node: Mapping[Any, Any], path: str) -> None:
    """A Kubernetes Secret anywhere (``extraObjects``, a ``List``'s items) is refused whatever it holds."""
    kind = node.get("kind")
    if isinstance(kind, str) and kind.strip().casefold() == "secret":
        raise VeleroConfigError(
            path,
            None,
            "is a Kubernetes Secret: its data would be stored in the helm release; " + _SECRET_MECHANISM,
            secret=True,
        )


def _check_env(value: object, path: str) -> None:
    """Environment variables: references only (``valueFrom``), never a ``value``."""
    if isinstance(value, Mapping):
        for name in value:
            raise VeleroConfigError(
                f"{path}.{name}",
                None,
                "is an environment variable given by value (a map of variables): " + _SECRET_MECHANISM,
                secret=True,
            )
        return
    if value is None:
        return
    # Shapes the chart cannot read are refused too, without repeating them ("NAME=value" strings are likely).
    if not isinstance(value, list | tuple):
        raise VeleroConfigError(path, None, "must be a list of environment variables ({name, valueFrom})", secret=True)
    for index, item in enumerate(value):
        item_path = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            raise VeleroConfigError(item_path, None, "must be an environment variable ({name, valueFrom})", secret=True)
        if item.get("value") not in (None, ""):
            raise VeleroConfigError(
                f"{item_path}.value",
                None,
                "sets an environment variable by value, which the chart's values would hold in plain text: "
                + _SECRET_MECHANISM
                + " (configMapKeyRef for a setting that is not secret)",
                secret=True,
            )
