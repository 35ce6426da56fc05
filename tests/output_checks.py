"""The real chart's view of the output: its values.schema.json and the closed velero.io CRD schemas."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from . import chart_render, helpers
from .internal import is_token


@cache
def _values_validator(upstream: Path) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((upstream / "values.schema.json").read_text()))


@cache
def _crd_validator(upstream: Path, kind: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(helpers.crd_schema(upstream, kind))


_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def check_output(
    upstream: Path, values: dict[str, Any], manifests: list[dict[str, Any]], release: str, namespace: str
) -> None:
    """The chart accepts the values and renders them (Helm's own engine), every velero.io object it yields or
    the stack holds passes its closed CRD schema, and the objects have valid, distinct names."""
    merged = chart_render.merged_values(values)
    errors = sorted(_values_validator(upstream).iter_errors(merged), key=str)
    assert not errors, f"values.schema.json rejects the values: {errors[0].message} at {list(errors[0].path)}"
    objects = [*chart_render.render(values, release=release, namespace=namespace).velero_objects, *manifests]
    seen: set[tuple[str, str]] = set()
    for obj in objects:
        errors = sorted(_crd_validator(upstream, obj["kind"]).iter_errors(obj), key=str)
        assert not errors, f"{obj['kind']} CRD rejects {obj}: {errors[0].message} at {list(errors[0].path)}"
        name = obj["metadata"]["name"]
        known_later = is_token(name) or chart_render.is_placeholder(name)
        assert known_later or (len(name) <= 253 and _NAME.fullmatch(name)), f"bad object name {name!r}"
        key = (obj["kind"], name)
        assert key not in seen, f"two {obj['kind']} objects named {name!r}"
        seen.add(key)
