"""The Velero chart rendered for real, offline, by Helm's own engine (``helm-python-sdk``).

The tests judge the release's values by what the chart makes of them: the objects its templates
yield (BackupStorageLocation, Schedule, the Deployment, ...), rendered from ``tests/upstream``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import helm_python as helm
import jsonschema
import yaml

from tests.helpers import chart_values, crd_schema, manifest_objects, only, upstream_dir

VELERO_API = "velero.io/v1"
NOTES = "templates/NOTES.txt"

# A string holding a Terraform reference or template (``${...}``, ``%{...}``) or an unresolved cdktf
# token (``${TfToken[...]}``, ``#{TfToken[...]}``): unknown until apply.
_UNKNOWN = re.compile(r"[$%#]\{")
_PLACEHOLDER = re.compile(r"tf-token-[0-9]+")

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_chart(chart_dir: Path) -> helm.Chart:
    """The chart, loaded once per folder: rendering reuses it (charts are immutable in the SDK)."""
    return helm.Chart.load(chart_dir)


def chart() -> helm.Chart:
    """The Velero chart the tests render (``tests/upstream``, or ``$VELERO_UPSTREAM_DIR``)."""
    return load_chart(upstream_dir())


def merged_values(values: dict[str, Any]) -> dict[str, Any]:
    """What Helm validates against values.schema.json and renders: the chart's values.yaml with ``values``
    coalesced over it by Helm itself (maps merge, a null deletes the key, anything else replaces)."""
    return chart().merge_values(values)


def with_placeholders(values: Any) -> Any:
    """``values`` with every string whose value Terraform decides at apply time replaced by a
    DNS-label-safe placeholder (``tf-token-<n>``, one per distinct string), as Helm would only
    ever see the resolved value."""
    seen: dict[str, str] = {}

    def replace(node: Any) -> Any:
        if isinstance(node, dict):
            return {replace(key): replace(value) for key, value in node.items()}
        if isinstance(node, list):
            return [replace(item) for item in node]
        if isinstance(node, str) and _UNKNOWN.search(node):
            return seen.setdefault(node, f"tf-token-{len(seen)}")
        return node

    return replace(values)


def is_placeholder(text: str) -> bool:
    """True when ``text`` carries a placeholder put in by :func:`with_placeholders`."""
    return _PLACEHOLDER.search(text) is not None


@dataclass(frozen=True)
class Rendered:
    """What ``helm install`` would send to the cluster, and the notes it would print."""

    objects: list[dict[str, Any]]
    notes: str

    def of_kind(self, kind: str, api_version: str | None = None) -> list[dict[str, Any]]:
        return [
            obj
            for obj in self.objects
            if obj["kind"] == kind and (api_version is None or obj["apiVersion"] == api_version)
        ]

    @property
    def velero_objects(self) -> list[dict[str, Any]]:
        return [obj for obj in self.objects if obj["apiVersion"] == VELERO_API]

    @property
    def deployment(self) -> dict[str, Any]:
        (found,) = self.of_kind("Deployment", "apps/v1")
        return found


def render(values: dict[str, Any], *, release: str, namespace: str) -> Rendered:
    """Render the chart as an install of ``release`` into ``namespace``; a failing template raises
    ``helm_python.HelmRenderError`` (the NOTES template fails on values chart 12 refuses)."""
    # One pass, so that one reference gets one placeholder wherever it appears.
    resolved = with_placeholders({"values": values, "release": release, "namespace": namespace})
    rendered = chart().render(
        resolved["values"], name=resolved["release"], namespace=resolved["namespace"], is_install=True
    )
    objects: list[dict[str, Any]] = []
    notes = ""
    for path, text in sorted(rendered.items()):
        if path.endswith(NOTES):
            notes = text
            continue
        objects.extend(doc for doc in yaml.load_all(text, Loader=_Loader) if doc)
    for obj in objects:
        _check_metadata(obj)
    return Rendered(objects, notes)


def _check_metadata(obj: dict[str, Any]) -> None:
    """The API server takes names, namespaces and label values as strings only: a value the chart writes
    unquoted that YAML reads as a number or boolean fails the install."""
    meta = obj.get("metadata") or {}
    texts = {key: meta[key] for key in ("name", "namespace") if key in meta}
    texts.update({f"labels.{key}": value for key, value in (meta.get("labels") or {}).items()})
    for key, value in texts.items():
        assert isinstance(value, str), f"{obj['kind']} metadata.{key} renders as {value!r}, not a string"


def render_release(doc: dict[str, Any]) -> Rendered:
    """Render the one ``helm_release`` of a synthesized stack with its values (and ``set`` entries)."""
    release = only(doc, "helm_release")
    return render(chart_values(doc), release=release["name"], namespace=release["namespace"])


def validate_velero_objects(doc: dict[str, Any]) -> Rendered:
    """Render the stack's release and check every velero.io object, the chart's and the stack's own
    ``kubernetes_manifest`` ones (with a VolumeSnapshotClass, against the CSI snapshot CRDs), against its closed
    CRD schema; returns the render for more checks."""
    rendered = render_release(doc)
    for obj in [*rendered.velero_objects, *manifest_objects(doc)]:
        errors = sorted(crd_validator(obj["kind"]).iter_errors(obj), key=str)
        assert not errors, f"{obj['kind']} CRD rejects {obj}: {errors[0].message} at {list(errors[0].path)}"
    return rendered


@cache
def crd_validator(kind: str) -> jsonschema.Draft7Validator:
    """The closed CRD schema of a velero.io kind (unknown fields rejected), compiled once."""
    return jsonschema.Draft7Validator(crd_schema(upstream_dir(), kind))
