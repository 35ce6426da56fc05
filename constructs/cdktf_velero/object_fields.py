"""Field rules of velero.io objects that their CRD schemas leave as plain strings: Go durations, names,
labels and annotations, secret references, plugin names, buckets, CA bundles.

:func:`check_fields` walks a spec in its wire form and applies the rule of each field it knows by name
(the names mean the same wherever they occur in the five kinds); maps are checked as maps and never
walked into, free-form data (restore hooks' init containers) is left to :mod:`velero_rules`.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from . import validation as v
from .aws_plugin import AWS_PROVIDERS
from .errors import VeleroConfigError
from .velero_rules import attribute

__all__ = ["check_bucket", "check_fields", "check_metadata", "check_plugin_name", "check_secret_key_ref"]

_DURATIONS = (
    "ttl",
    "csiSnapshotTimeout",
    "itemOperationTimeout",
    "timeout",
    "execTimeout",
    "waitTimeout",
    "backupSyncPeriod",
    "validationFrequency",
)
_SECRET_KEY = re.compile(r"[-._a-zA-Z0-9]{1,253}")
_GENERIC_BUCKET = re.compile(r"[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]")
_ANNOTATIONS_MAX = 256 * 1024


def check_plugin_name(path: str, value: object) -> str:
    """A Velero plugin (provider) name: ``<DNS subdomain>/<name>``, or a bare name Velero prefixes with
    ``velero.io/``."""
    text = v.check_str(path, value)
    if v.is_token(text):
        return text
    prefix, slash, name = text.partition("/")
    if not slash:
        prefix, name = "velero.io", text
    if not name or "/" in name or any(char.isspace() for char in name) or not v.is_dns_subdomain(prefix):
        raise VeleroConfigError(
            path, value, "must be a plugin name '<DNS subdomain>/<name>' such as 'velero.io/aws', or a bare name"
        )
    return text


def check_bucket(path: str, value: object, provider: object) -> str:
    """A bucket of the location's provider: S3's naming rules for the AWS plugin (it serves S3-compatible
    stores too), else lowercase letters, digits, '.', '_' and '-' (GCS, Azure); never a '/' (Velero)."""
    text = v.check_str(path, value)
    if v.is_token(text):
        return text
    if provider in AWS_PROVIDERS:
        if text.startswith("arn:aws:s3::") and "/" in text and not any(char.isspace() for char in text):
            return text  # a multi-region access point ARN, which Velero takes with its '/'
        return v.check_s3_bucket(path, text)
    if not _GENERIC_BUCKET.fullmatch(text) or len(text) > 222:
        raise VeleroConfigError(
            path,
            value,
            "must be a bucket name: 3-222 lowercase letters, digits, '.', '_' or '-', starting and ending with a "
            "letter or digit, no '/' (put a path in prefix)",
        )
    return text


def check_secret_key_ref(path: str, value: Mapping[str, Any]) -> None:
    """A secret key reference (``credential``, ``caCertRef``): a secret's name and one of its keys."""
    if value.get("name") is None:
        raise VeleroConfigError(f"{path}.name", None, "is required: the name of the secret holding the key")
    v.check_dns_subdomain(f"{path}.name", value.get("name"))
    key = v.check_str(f"{path}.key", value.get("key"))
    if not v.is_token(key) and not _SECRET_KEY.fullmatch(key):
        raise VeleroConfigError(f"{path}.key", key, "must be a secret key: letters, digits, '-', '_' or '.'")


def check_metadata(path: str, metadata: Mapping[str, Any]) -> None:
    """Labels and annotations: label keys and values, annotation keys and a total size Kubernetes accepts."""
    if metadata.get("labels") is not None:
        v.check_labels(f"{path}.labels", metadata["labels"])
    annotations = metadata.get("annotations")
    if annotations is not None:
        size = 0
        for key, text in annotations.items():
            v.check_label_key(f"{path}.annotations", key)
            v.check_text(f"{path}.annotations.{key}", text)
            size += len(key.encode()) + len(text.encode())
        if size > _ANNOTATIONS_MAX:
            raise VeleroConfigError(f"{path}.annotations", f"{size} bytes", "must total at most 256 KiB")


def _ca_cert(path: str, value: object) -> None:
    text = v.check_str(path, value)
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise VeleroConfigError(path, value, "must be a base64-encoded PEM bundle") from None


def _config_ref(path: str, value: Mapping[str, Any]) -> None:
    kind = value.get("kind")
    if not isinstance(kind, str) or kind.lower() != "configmap":
        raise VeleroConfigError(f"{path}.kind", kind, "must be 'configmap': Velero reads nothing else here")
    v.check_dns_subdomain(f"{path}.name", value.get("name"))


def _ordered_resources(path: str, value: Mapping[str, Any]) -> None:
    """Resource -> the order of its objects: a bad resource is named as a key of the map, as other maps' keys are."""
    for key, items in value.items():
        try:
            v.check_resource_list(path, [key])
        except VeleroConfigError as error:
            raise VeleroConfigError(path, key, error.rule) from None
        v.check_str(f"{path}.{key}", items)


def _each(check: Callable[[str, Any], object], path: str, values: Any) -> None:
    """``check`` applied to every item of a list field, each named by its index (bound with ``partial``: the
    check runs when a field is checked, not when the table is built)."""
    for index, item in enumerate(values):
        check(f"{path}[{index}]", item)


_FIELDS: dict[str, Callable[[str, Any], object]] = {
    **{key: lambda path, value: v.check_duration(path, value, allow_zero=True) for key in _DURATIONS},
    "schedule": v.check_cron,
    "storageLocation": v.check_dns_subdomain,
    "volumeSnapshotLocations": partial(_each, v.check_dns_subdomain),
    "backupName": v.check_dns_subdomain,
    "scheduleName": v.check_dns_subdomain,
    "volumeGroupSnapshotLabelKey": v.check_label_key,
    "container": v.check_dns_label,
    "command": partial(_each, v.check_text),
    "resourcePolicy": _config_ref,
    "resourceModifier": _config_ref,
    "orderedResources": _ordered_resources,
    "credential": check_secret_key_ref,
    "caCertRef": check_secret_key_ref,
    "caCert": _ca_cert,
    "provider": check_plugin_name,
    "prefix": v.check_prefix,
    "config": v.check_string_map,
    "metadata": check_metadata,
}
"""Rules by wire field name; a field listed here is not walked into."""

_FREE_FORM = ("initContainers", "labelSelector", "orLabelSelectors", "namespaceMapping")
"""Left to :mod:`velero_rules`, which checks them with the fields around them."""


def check_fields(base: str, node: Mapping[str, Any]) -> None:
    """Apply :data:`_FIELDS` to every known field of ``node`` (a spec in wire form), recursively."""
    for key, value in node.items():
        path = attribute(base, key)
        rule = _FIELDS.get(key)
        if rule is not None:
            rule(path, value)
        elif key in _FREE_FORM:
            continue
        elif isinstance(value, Mapping):
            check_fields(path, value)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    check_fields(f"{path}[{index}]", item)
        elif isinstance(value, str):
            v.check_text(path, value)
