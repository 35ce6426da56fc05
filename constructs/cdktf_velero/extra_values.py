"""``extra_values``: further chart values, checked in one place and merged over the library's.

One rule: the user's values are plain data (what YAML and Helm can carry); their top-level keys are values
the chart knows; a value the library owns (:class:`OwnedKey`, the table is ``chart.OWNED_KEYS``) is set
through the property named there, never here; a mapping the library fills is merged key by key and a list it
fills (``initContainers``) is extended; and the values as Helm computes them (coalesced over the chart's
``values.yaml``, where ``None`` deletes a key) pass the chart's ``values.schema.json`` and
:data:`~cdktf_velero.chart_value_rules.KUBERNETES_RULES`. Anything else raises :class:`VeleroConfigError`
naming ``extra_values.<path>`` before any resource exists.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import chart_schema
from . import validation as v
from .chart_secrets import refuse_credentials
from .chart_value_rules import kubernetes_validator
from .errors import VeleroConfigError

__all__ = ["OwnedKey", "check_chart_values", "check_extra_values", "merge_extra_values"]


@dataclass(frozen=True)
class OwnedKey:
    """A chart value the library sets (or refuses), and what to use instead of ``extra_values``."""

    path: tuple[str, ...]
    use: str


_MAX_DEPTH = 64
_MAX_INT = 2**63 - 1


def check_extra_values(extra_values: object, *, owned: Sequence[OwnedKey]) -> dict[str, Any]:
    """The single check of ``extra_values`` as given: plain data, keys the chart knows, no ``owned`` key.

    Returns a plain copy (dicts, lists, ``str``, ``int``, ``float``, ``bool``, ``None``) that YAML can write.
    Credentials come first (:func:`~cdktf_velero.chart_secrets.refuse_credentials`): ``credentials``, values
    of environment variables, ``Secret`` objects and tokens are refused before any error could repeat them.
    """
    table = {key.path: key for key in owned}
    path = "extra_values"
    if extra_values is None:
        return {}
    refuse_credentials(extra_values, path)
    if not isinstance(extra_values, Mapping):
        raise VeleroConfigError(path, extra_values, "must be a mapping of chart values")
    data: dict[str, Any] = _plain(path, extra_values, depth=0, seen=frozenset())
    known = chart_schema.known_top_level_keys()
    for key in data:
        if key not in known and (key,) not in table:
            raise VeleroConfigError(
                f"{path}.{key}", data[key], "is not a value of the Velero chart (a typo?); see the chart's values.yaml"
            )
    _refuse_owned(path, data, (), table)
    return data


def _refuse_owned(
    path: str, data: Mapping[str, Any], prefix: tuple[str, ...], table: Mapping[tuple[str, ...], OwnedKey]
) -> None:
    for key, value in data.items():
        owned = table.get((*prefix, key))
        if owned is not None:
            raise VeleroConfigError(f"{path}.{key}", value, f"is owned by the library: use {owned.use}")
        if isinstance(value, dict) and any(p[: len(prefix) + 1] == (*prefix, key) for p in table):
            _refuse_owned(f"{path}.{key}", value, (*prefix, key), table)


def _plain(path: str, value: object, *, depth: int, seen: frozenset[int]) -> Any:
    """A plain copy of chart-values data, or an error naming the first value YAML or Helm cannot carry."""
    if depth > _MAX_DEPTH:
        raise VeleroConfigError(path, "...", f"nests deeper than {_MAX_DEPTH} levels")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str.__str__(v.check_text(path, value))
    if isinstance(value, int):
        if abs(value) > _MAX_INT:
            raise VeleroConfigError(path, value, "must fit in 64 bits (Helm reads larger numbers as inexact floats)")
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value) or _is_number_token(value):
            raise VeleroConfigError(path, value, "must be a finite number (number tokens cannot enter chart values)")
        return float(value)
    if isinstance(value, (Mapping, list, tuple)):
        if id(value) in seen:
            raise VeleroConfigError(path, "...", "contains itself")
        inner = seen | {id(value)}
        if isinstance(value, Mapping):
            result: dict[str, Any] = {}
            for key, item in value.items():
                if not isinstance(key, str) or not key or v.is_token(key):
                    raise VeleroConfigError(path, key, "keys must be non-empty literal strings")
                v.check_text(f"{path}.{key}", key)
                result[str.__str__(key)] = _plain(f"{path}.{key}", item, depth=depth + 1, seen=inner)
            return result
        return [_plain(f"{path}[{index}]", item, depth=depth + 1, seen=inner) for index, item in enumerate(value)]
    raise VeleroConfigError(
        path, value, f"must be plain data (mapping, list, string, number, bool or None), not {type(value).__name__}"
    )


def _is_number_token(value: float) -> bool:
    """cdktf encodes number tokens as huge negative floats; ask cdktf only about those."""
    if value > -1e200:
        return False
    from .engine.core import Token

    return bool(Token.is_unresolved(value))


def merge_extra_values(values: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``extra`` (checked by :func:`check_extra_values`) merged into a copy of the library's ``values``."""
    return _merge(values, extra, "extra_values")


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any], path: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        where = f"{path}.{key}"
        if key not in base:
            merged[key] = value
            continue
        current = base[key]
        if value is None:
            raise VeleroConfigError(where, None, "would delete a value the library sets (None deletes a chart value)")
        if isinstance(current, dict):
            if not isinstance(value, dict):
                raise VeleroConfigError(where, value, "must be a mapping: the library sets keys under it")
            merged[key] = _merge(current, value, where)
        elif isinstance(current, list):
            if not isinstance(value, list):
                raise VeleroConfigError(where, value, "must be a list: it is added to the library's list")
            merged[key] = [*current, *value]
        else:
            merged[key] = value
    return merged


def check_chart_values(values: Mapping[str, Any], *, extra: Mapping[str, Any], props: Mapping[str, str]) -> None:
    """The values as Helm computes them pass the chart's schema and :data:`KUBERNETES_RULES`, and the lists
    the library extends stay valid. ``props`` maps chart paths the library fills from a property (such as
    ``resources``) to that property, which errors there name; anything else is ``extra_values``'."""
    _check_init_containers(values, extra)
    coalesced = _coalesce(chart_schema.chart_defaults(), values)
    for validator in (chart_schema.values_validator(), kubernetes_validator()):
        for error in chart_schema.schema_errors(validator, coalesced):
            parts, value, rule = chart_schema.describe(error)
            if v.is_token(value):
                rule += " (a Terraform token is a string in the chart values)"
            raise VeleroConfigError(_owner(parts, extra, props), value, rule)
    config = coalesced.get("configuration") or {}
    for key in ("defaultVolumesToFsBackup", "defaultSnapshotMoveData"):
        if config.get(key) is True and coalesced.get("deployNodeAgent") is not True:
            raise VeleroConfigError(
                f"extra_values.configuration.{key}", True, "needs the node agent: set node_agent=True"
            )


def _owner(parts: Sequence[str | int], extra: Mapping[str, Any], props: Mapping[str, str]) -> str:
    """The property a chart value comes from: ``props`` for the library's, ``extra_values.<path>`` otherwise."""
    dotted = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)
    keys = tuple(str(part) for part in parts)
    for chart_path, prop in props.items():
        prefix = tuple(chart_path.split("."))
        if keys[: len(prefix)] == prefix and not _given(extra, prefix):
            rest = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts[len(prefix) :])
            return f"{prop}{rest}"
    return f"extra_values{dotted}"


def _given(extra: Mapping[str, Any], keys: tuple[str, ...]) -> bool:
    node: Any = extra
    for key in keys:
        if not isinstance(node, Mapping) or key not in node:
            return False
        node = node[key]
    return True


def _coalesce(base: Any, override: Any) -> Any:
    """Helm's coalescing of user values over the chart's: maps merge, ``None`` deletes, the rest replaces."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = _coalesce(base.get(key), value)
        return merged
    return override


def _check_init_containers(values: Mapping[str, Any], extra: Mapping[str, Any]) -> None:
    """Init containers added through ``extra_values`` are plugin images: named, pinned, names unique."""
    containers = values.get("initContainers")
    added = extra.get("initContainers")
    if not isinstance(containers, list) or not isinstance(added, list):
        return
    offset = len(containers) - len(added)
    names = {item.get("name") for item in containers[:offset] if isinstance(item, dict)}
    for index, item in enumerate(added):
        path = f"extra_values.initContainers[{index}]"
        if not isinstance(item, dict):
            raise VeleroConfigError(path, item, "must be a mapping (a container: name, image, ...)")
        name = v.check_dns_label(f"{path}.name", item.get("name"))
        if name in names:
            raise VeleroConfigError(f"{path}.name", name, "another init container already has this name")
        names.add(name)
        v.check_image(f"{path}.image", item.get("image"))
