"""Leaf checks for literal values: strings, booleans, numbers, Kubernetes names and labels, lists, maps,
bucket prefixes and images. Terraform tokens pass through unchecked.

Each ``check_*`` function returns the value it was given (so it can be used inline) or raises
:class:`VeleroConfigError` naming the property path, the value and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import VeleroConfigError
from ..versions import VELERO_IMAGE

_TOKEN_MARKERS = ("${TfToken[", "#{TfToken[")

_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_LABEL_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_NAMESPACE_PATTERN = re.compile(r"^[a-z0-9*?\[\]-]{1,63}$")
_RESOURCE = re.compile(r"^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?)*)$")
_PREFIX_CHARS = re.compile(r"^[A-Za-z0-9!_.*'()/-]+$")
# Plain scalars Helm's YAML 1.1 reader does not read as strings: numbers, booleans, null, dates.
_YAML_NOT_STRING = re.compile(
    r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?|(?i:y|n|yes|no|on|off|true|false|null|[-+]?\.inf|\.nan)"
)
_YAML_PLAIN = re.compile(r"\w[\w.-]*( [\w.-]+)*")
_IMAGE = re.compile(r"^[a-z0-9]+([._/:-][a-zA-Z0-9]+)*(@sha256:[a-f0-9]{64})?$")


def is_token(value: object) -> bool:
    """True when ``value`` is (or contains) an unresolved cdktf token.

    A pure-Python test of cdktf's token markers: no jsii round trip per property.
    """
    if isinstance(value, str):
        return any(marker in value for marker in _TOKEN_MARKERS)
    return False


def check_str(path: str, value: object, *, allow_empty: bool = False) -> str:
    """Require a string (the type hints are not enforced at run time)."""
    if not isinstance(value, str):
        raise VeleroConfigError(path, value, "must be a string")
    if not allow_empty and not is_token(value) and value.strip() == "":
        raise VeleroConfigError(path, value, "must not be empty")
    return value


def check_bool(path: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise VeleroConfigError(path, value, "must be True or False")
    return value


def check_dns_label(path: str, value: object, *, max_length: int = 63) -> str:
    """A Kubernetes DNS-1123 label: lowercase letters, digits and '-', at most 63 characters."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if len(text) > max_length or not _DNS_LABEL.fullmatch(text):
        raise VeleroConfigError(
            path,
            value,
            f"must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending "
            f"with a letter or digit, at most {max_length} characters",
        )
    return text


def is_yaml_plain(text: str) -> bool:
    """True when ``text`` written unquoted into YAML reads back as the same string (Helm reads YAML 1.1)."""
    return _YAML_PLAIN.fullmatch(text) is not None and _YAML_NOT_STRING.fullmatch(text) is None


def check_yaml_plain(path: str, value: str) -> str:
    """Refuse a literal the Velero chart would write into its YAML unquoted (``name: {{ .name }}``) and Helm
    would not read back as the same string: a number, a boolean, null, a date, or text YAML gives a meaning."""
    if is_token(value) or is_yaml_plain(value):
        return value
    raise VeleroConfigError(
        path,
        value,
        "is written unquoted into the chart's YAML, where it would not read back as this string "
        "(it reads as a number, boolean, null or date, or holds characters such as ':', '#', quotes): "
        "use letters, digits, '-', '_' and '.', starting with a letter",
    )


def check_dns_subdomain(path: str, value: object) -> str:
    """A Kubernetes object name (DNS-1123 subdomain), at most 253 characters."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if len(text) > 253 or not _DNS_SUBDOMAIN.fullmatch(text):
        raise VeleroConfigError(
            path,
            value,
            "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', "
            "starting and ending with a letter or digit, at most 253 characters",
        )
    return text


def check_prefix(path: str, value: object) -> str:
    """A key prefix inside a bucket: no leading or trailing '/', no empty segment."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if (
        len(text) > 512
        or text.startswith("/")
        or text.endswith("/")
        or "//" in text
        or not _PREFIX_CHARS.fullmatch(text)
    ):
        raise VeleroConfigError(
            path,
            value,
            "must be a path inside the bucket such as 'clusters/prod': letters, digits and !_.*'()-, "
            "segments separated by single '/', no leading or trailing '/', at most 512 characters",
        )
    return text


_TOKEN_TEXT = re.compile(r"[$#]\{TfToken\[[^\]]*\]\}")


def has_template(text: str) -> bool:
    """True when literal text holds ``${`` or ``%{``: Terraform would evaluate it as a template
    (cdktf writes literal strings into ``cdk.tf.json`` unescaped)."""
    literal = _TOKEN_TEXT.sub("", text)
    return "${" in literal or "%{" in literal


def check_string_map(path: str, value: object) -> dict[str, str]:
    """A map of string keys to string values (Velero's ``config`` is ``map[string]string``)."""
    if not isinstance(value, Mapping):
        raise VeleroConfigError(path, value, "must be a mapping of strings to strings")
    result: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key or is_token(key) or has_template(key):
            raise VeleroConfigError(path, key, "keys must be non-empty literal strings without '${' or '%{'")
        if isinstance(item, str) and has_template(item):
            raise VeleroConfigError(
                f"{path}.{key}",
                item,
                "must not contain '${' or '%{' outside a cdktf token: Terraform would evaluate it as a template "
                "(pass a Terraform value as a token instead)",
            )
        if not isinstance(item, str):
            raise VeleroConfigError(
                f"{path}.{key}",
                item,
                ("must be a string (Velero's config values are strings; quote numbers and booleans)"),
            )
        result[key] = item
    return result


def check_label_selector(path: str, value: object) -> dict[str, str]:
    """``matchLabels`` for a backup: qualified label keys, valid label values."""
    labels = check_string_map(path, value)
    for key, item in labels.items():
        check_label_key(f"{path}.{key}", key)
        if not is_token(item) and item and (len(item) > 63 or not _LABEL_NAME.fullmatch(item)):
            raise VeleroConfigError(
                f"{path}.{key}",
                item,
                "must be a label value: at most 63 letters, digits, '-', '_' or '.', "
                "starting and ending with a letter or digit",
            )
    return labels


def check_labels(path: str, value: object) -> dict[str, str]:
    """Labels for an object: the same rules as a selector."""
    return check_label_selector(path, value)


def check_label_key(path: str, key: str) -> str:
    prefix, slash, name = key.rpartition("/")
    if slash and (len(prefix) > 253 or not _DNS_SUBDOMAIN.fullmatch(prefix)):
        raise VeleroConfigError(path, key, "label key prefix must be a DNS-1123 subdomain")
    if len(name) > 63 or not _LABEL_NAME.fullmatch(name):
        raise VeleroConfigError(
            path,
            key,
            ("label key name must be at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric"),
        )
    return key


def check_namespace_list(path: str, value: object) -> list[str]:
    """Namespaces to include or exclude: names, glob patterns, or ``*``."""
    items = _check_str_list(path, value)
    for index, item in enumerate(items):
        if not is_token(item) and (not _NAMESPACE_PATTERN.fullmatch(item) or item.strip("*?") == "-"):
            raise VeleroConfigError(
                f"{path}[{index}]", item, "must be a namespace name, a glob pattern such as 'app-*', or '*'"
            )
    return items


def check_resource_list(path: str, value: object) -> list[str]:
    """Resources to include or exclude: ``kind.group`` plural names such as ``deployments.apps``, or ``*``."""
    items = _check_str_list(path, value)
    for index, item in enumerate(items):
        if not is_token(item) and not _RESOURCE.fullmatch(item):
            raise VeleroConfigError(
                f"{path}[{index}]",
                item,
                ("must be a resource such as 'persistentvolumeclaims' or 'deployments.apps', or '*'"),
            )
    return items


def check_name_list(path: str, value: object) -> list[str]:
    items = _check_str_list(path, value)
    for index, item in enumerate(items):
        check_dns_label(f"{path}[{index}]", item)
    return items


def _check_str_list(path: str, value: object) -> list[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):  # a dict or a set is no list
        raise VeleroConfigError(path, value, "must be a list of strings")
    items = list(value)
    for index, item in enumerate(items):
        check_str(f"{path}[{index}]", item)
    if len(set(items)) != len(items):
        raise VeleroConfigError(path, items, "must not repeat an entry")
    return items


def check_image(path: str, value: object) -> str:
    """A container image reference with an explicit tag or digest (never an implicit ``latest``)."""
    text = check_str(path, value)
    if is_token(text):
        return text
    last = text.rsplit("/", 1)[-1]
    if not _IMAGE.fullmatch(text) or (":" not in last and "@" not in last) or text.endswith(":latest"):
        raise VeleroConfigError(
            path, value, f"must be an image reference with a pinned tag or digest, such as {VELERO_IMAGE!r}"
        )
    return text


def check_positive_int(path: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise VeleroConfigError(path, value, "must be a positive whole number")
    return value
