"""Run-time type check of the typed velero.io objects (``imports/velero``) a user hands in.

The generated classes are plain frozen dataclasses: Python does not enforce their annotations, so
``ScheduleSpec(paused="yes")`` or a dict where a nested class belongs would only fail later (or never).
This walks an object against its annotations and raises :class:`VeleroConfigError` at the first field
of the wrong type, named by its attribute path.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from . import validation as v
from .errors import VeleroConfigError

__all__ = ["check_plain_json", "check_typed"]

_MAX_DEPTH = 64


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def check_typed(path: str, value: object, annotation: Any) -> None:
    """``value`` matches ``annotation`` (a generated class, ``str``, ``bool``, ``int``, a ``Literal``,
    ``Sequence[...]``, ``Mapping[str, ...]``, ``Any`` for free-form data, or a union with ``None``)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return
        options = [arg for arg in args if arg is not type(None)]
        if len(options) == 1:
            check_typed(path, value, options[0])
            return
        raise VeleroConfigError(path, value, f"has an annotation the library cannot check: {annotation}")
    if annotation is Any:
        check_plain_json(path, value)
    elif origin is typing.Literal:
        if value not in args or not isinstance(value, str):
            raise VeleroConfigError(path, value, f"must be one of {', '.join(repr(arg) for arg in args)}")
    elif annotation is str:
        v.check_text(path, value)
    elif annotation is bool:
        v.check_bool(path, value)
    elif annotation is int:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**63 - 1:
            raise VeleroConfigError(path, value, "must be a whole number")
    elif origin in (Sequence, list):
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise VeleroConfigError(path, value, "must be a list")
        for index, item in enumerate(value):
            check_typed(f"{path}[{index}]", item, args[0])
    elif origin in (Mapping, dict):
        if not isinstance(value, Mapping):
            raise VeleroConfigError(path, value, "must be a mapping")
        for key, item in value.items():
            if not isinstance(key, str) or not key:
                raise VeleroConfigError(path, key, "keys must be non-empty strings")
            v.check_text(path, key)
            check_typed(f"{path}.{key}", item, args[1])
    elif isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        if not isinstance(value, annotation):
            raise VeleroConfigError(path, type(value).__name__, f"must be a {annotation.__name__}")
        for field in dataclasses.fields(annotation):
            check_typed(f"{path}.{field.name}", getattr(value, field.name), _hints(annotation)[field.name])
    else:
        raise VeleroConfigError(path, value, f"has an annotation the library cannot check: {annotation}")


def check_plain_json(path: str, value: object, depth: int = 0) -> None:
    """Free-form data (the CRDs keep unknown fields there): JSON's types only, finite numbers, no cycles."""
    if depth > _MAX_DEPTH:
        raise VeleroConfigError(path, "...", f"nests deeper than {_MAX_DEPTH} levels")
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        v.check_text(path, value)
    elif isinstance(value, int):
        if abs(value) > 2**63 - 1:
            raise VeleroConfigError(path, value, "must fit in 64 bits")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise VeleroConfigError(path, value, "must be a finite number")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str) or not key:
                raise VeleroConfigError(path, key, "keys must be non-empty strings")
            v.check_text(path, key)
            check_plain_json(f"{path}.{key}", item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            check_plain_json(f"{path}[{index}]", item, depth + 1)
    else:
        raise VeleroConfigError(
            path, value, f"must be JSON data (mapping, list, string, number, bool), not {type(value).__name__}"
        )
