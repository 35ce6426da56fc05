"""Velero custom resources (velero.io/v1) as the plain manifests ``kubernetes_manifest`` takes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .credentials import MANAGED_BY_LABELS

__all__ = ["API_VERSION", "velero_manifest"]

API_VERSION = "velero.io/v1"


def velero_manifest(
    kind: str,
    *,
    name: str,
    namespace: str,
    spec: Mapping[str, Any],
    labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A namespaced velero.io/v1 object."""
    return {
        "apiVersion": API_VERSION,
        "kind": kind,
        "metadata": {
            "name": name,
            "namespace": namespace,
            "labels": dict(labels if labels is not None else MANAGED_BY_LABELS),
        },
        "spec": dict(spec),
    }
