"""The Velero chart's own data, shipped in the package (``chart_data/``): its default values, its values
schema and the CRDs of the kinds the library emits, as validators.

Loaded on first use and kept for the process: every ``VeleroBackups`` validates its chart values, and every
added custom resource its manifest, against what the chart itself declares (see ``chart_data/SOURCE.md``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    import jsonschema

__all__ = [
    "chart_defaults",
    "crd_schema",
    "crd_validator",
    "describe",
    "known_top_level_keys",
    "schema_errors",
    "values_validator",
]

_DATA = "chart_data"
_CRD_FILES = {
    "Backup": "backups.yaml",
    "BackupStorageLocation": "backupstoragelocations.yaml",
    "Restore": "restores.yaml",
    "Schedule": "schedules.yaml",
    "VolumeSnapshotLocation": "volumesnapshotlocations.yaml",
}
_TEMPLATE_ONLY_KEYS = frozenset({"global", "securityContext", "revisionHistoryLimit"})
"""Top-level values the pinned chart reads without listing them in values.yaml or the schema: ``global`` (Helm
passes it to every chart), ``securityContext`` (merged into ``podSecurityContext``) and
``revisionHistoryLimit`` (the deployment's), both read by its templates."""

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(*parts: str) -> str:
    return resources.files(__name__.rpartition(".")[0]).joinpath(_DATA, *parts).read_text(encoding="utf-8")


@cache
def _defaults() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(_read("values.yaml"), Loader=_Loader)
    return loaded


def chart_defaults() -> dict[str, Any]:
    """The chart's ``values.yaml`` (a fresh copy: callers may change it)."""
    return copy.deepcopy(_defaults())


@cache
def _values_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(_read("values.schema.json"))
    return schema


@cache
def values_validator() -> jsonschema.Draft7Validator:
    """The chart's ``values.schema.json`` (draft-07), as Helm applies it to the coalesced values."""
    import jsonschema

    return jsonschema.Draft7Validator(_values_schema())


def known_top_level_keys() -> frozenset[str]:
    """Every top-level value the chart knows: its values.yaml and schema, and the few its templates read."""
    return frozenset(_defaults()) | frozenset(_values_schema().get("properties", {})) | _TEMPLATE_ONLY_KEYS


@cache
def crd_schema(kind: str) -> dict[str, Any]:
    """The v1 ``openAPIV3Schema`` of a velero.io kind as JSON Schema: ``nullable`` fields also take null,
    and objects that do not preserve unknown fields refuse them (the API server would drop them)."""
    crd = yaml.load(_read("crds", _CRD_FILES[kind]), Loader=_Loader)
    version = next(ver for ver in crd["spec"]["versions"] if ver["name"] == "v1")
    schema: dict[str, Any] = _as_json_schema(version["schema"]["openAPIV3Schema"])
    return schema


@cache
def crd_validator(kind: str) -> jsonschema.Draft7Validator:
    import jsonschema

    return jsonschema.Draft7Validator(crd_schema(kind))


def _as_json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _as_json_schema(value) for key, value in node.items()}
    if result.pop("nullable", False) and isinstance(result.get("type"), str):
        result["type"] = [result["type"], "null"]
    if result.pop("x-kubernetes-int-or-string", False):
        result["type"] = ["integer", "string"]
    if (
        result.get("type") == "object"
        and "properties" in result
        and "additionalProperties" not in result
        and not result.get("x-kubernetes-preserve-unknown-fields")
    ):
        result["additionalProperties"] = False
    return result


def schema_errors(validator: jsonschema.Draft7Validator, instance: Any) -> Iterator[jsonschema.ValidationError]:
    """The validator's errors, deepest and then first in document order (the most precise first)."""
    errors = list(validator.iter_errors(instance))
    errors.sort(key=lambda error: (-len(error.absolute_path), [str(part) for part in error.absolute_path]))
    return iter(errors)


def describe(error: jsonschema.ValidationError) -> tuple[Sequence[str | int], Any, str]:
    """Where a schema error is (its path, down to a missing required field), the value and the rule broken."""
    path: list[str | int] = list(error.absolute_path)
    value = error.instance
    kind = str(error.validator)
    expected: Any = error.validator_value
    if kind == "type":
        names = [str(name) for name in (expected if isinstance(expected, list) else [expected])]
        rule = f"must be {' or '.join(_TYPE_NAMES.get(name, name) for name in names)}"
    elif kind == "enum":
        rule = f"must be one of {', '.join(repr(item) for item in expected)}"
    elif kind == "const":
        rule = f"must be {expected!r}"
    elif kind == "required":
        missing = [name for name in expected if isinstance(value, Mapping) and name not in value]
        path.append(missing[0] if missing else str(expected))
        value, rule = None, "is required"
    elif kind == "additionalProperties":
        rule = f"has unknown field(s): {error.message.split('(', 1)[-1].rstrip(')')}"
    elif kind == "minItems":
        rule = f"must have at least {expected} item(s)"
    elif kind == "minimum":
        rule = f"must be at least {expected}"
    elif kind == "format":
        rule = _FORMATS.get(str(expected), error.message)
    else:
        rule = error.message
    return path, value, rule


_FORMATS = {
    "go-duration": "must be a Go duration such as '5m' or '72h' (units ns, us, ms, s, m, h)",
    "qualified-name": "must be a label-style key: an optional DNS subdomain and '/', then at most 63 letters, "
    "digits, '-', '_' or '.', starting and ending with a letter or digit",
    "label-value": "must be a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending "
    "with a letter or digit",
    "k8s-name": "must be an object name (DNS-1123 subdomain) that YAML reads back as a string, e.g. not '123'",
    "absolute-path": "must be an absolute path of letters, digits, '-', '_', '.' and '/'",
    "flag-value": "must be one line without ': ', ' #' or a trailing ':' (the chart writes it into a "
    "'--flag=value' argument, unquoted)",
}

_TYPE_NAMES = {
    "boolean": "True or False",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping",
    "null": "None",
}
