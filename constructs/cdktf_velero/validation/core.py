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
from .terraform import check_text, has_template, is_token

_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_LABEL_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_RESOURCE = re.compile(r"^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?)*)$")
_PREFIX_CHARS = re.compile(r"^[A-Za-z0-9!_.*'()/-]+$")
# Plain scalars Helm's YAML 1.1 reader does not read as strings: numbers, booleans, null, dates.
_YAML_NOT_STRING = re.compile(
    r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?|(?i:y|n|yes|no|on|off|true|false|null|[-+]?\.inf|\.nan)"
)
_YAML_PLAIN = re.compile(r"\w[\w.-]*( [\w.-]+)*")
_IMAGE_PART = r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*"
_IMAGE_HOST_PART = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
_IMAGE = re.compile(
    rf"(?P<name>(?:{_IMAGE_HOST_PART}(?:\.{_IMAGE_HOST_PART})*(?::[0-9]+)?/)?{_IMAGE_PART}(?:/{_IMAGE_PART})*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?(?:@sha256:[a-f0-9]{64})?"
)
"""An image reference as the container runtime parses it (distribution's reference grammar)."""


def check_str(path: str, value: object, *, allow_empty: bool = False) -> str:
    """Require a string (the type hints are not enforced at run time) that holds no Terraform template
    sequence outside a token: names, buckets, URLs and regions cannot be escaped, so they are refused."""
    text = check_text(path, value)
    if has_template(text):
        raise VeleroConfigError(
            path,
            value,
            "must not contain '${' or '%{' outside a cdktf token: Terraform would evaluate it as a template "
            "(pass a Terraform value as a token instead)",
        )
    if not allow_empty and text.strip() == "":  # a token is never blank
        raise VeleroConfigError(path, value, "must not be empty")
    return text


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


def is_dns_subdomain(text: str) -> bool:
    """True for a DNS-1123 subdomain (a Kubernetes object name, a host name), at most 253 characters."""
    return len(text) <= 253 and _DNS_SUBDOMAIN.fullmatch(text) is not None


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


def check_string_map(path: str, value: object) -> dict[str, str]:
    """A map of string keys to string values (Velero's ``config`` is ``map[string]string``)."""
    if not isinstance(value, Mapping):
        raise VeleroConfigError(path, value, "must be a mapping of strings to strings")
    result: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key or is_token(key) or has_template(key):
            raise VeleroConfigError(path, key, "keys must be non-empty literal strings without '${' or '%{'")
        check_text(path, key)
        if not isinstance(item, str):
            raise VeleroConfigError(
                f"{path}.{key}",
                item,
                ("must be a string (Velero's config values are strings; quote numbers and booleans)"),
            )
        result[key] = check_str(f"{path}.{key}", item, allow_empty=True)
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
        check_namespace_pattern(f"{path}[{index}]", item)
    return items


def check_namespace_pattern(path: str, value: str) -> str:
    """A namespace name or glob as Velero validates them: no ``|()!{},``, no ``**``, balanced non-empty
    ``[...]``, and with each ``*``, ``?``, ``[`` and ``]`` read as a letter, a DNS-1123 label."""
    if is_token(value):
        return value
    rule = "must be a namespace name, a glob pattern such as 'app-*' or 'team-[ab]', or '*'"
    if any(char in value for char in "|()!{},") or "**" in value:
        raise VeleroConfigError(path, value, f"{rule}; Velero refuses |()!{{}}, and '**' in patterns")
    if re.fullmatch(r"([^\[\]]|\[[^\]]+\])*", value) is None:
        raise VeleroConfigError(path, value, f"{rule}; brackets must be balanced and not empty")
    as_name = re.sub(r"[*?\[\]]", "x", value)
    if len(as_name) > 63 or not _DNS_LABEL.fullmatch(as_name):
        raise VeleroConfigError(
            path, value, f"{rule}: lowercase letters, digits and '-', starting and ending with one of them"
        )
    return value


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
    match = _IMAGE.fullmatch(text)
    if match is None or len(match.group("name")) > 255 or ("@" not in text and match.group("tag") in (None, "latest")):
        raise VeleroConfigError(
            path, value, f"must be an image reference with a pinned tag or digest, such as {VELERO_IMAGE!r}"
        )
    return text


def check_positive_int(path: str, value: Any, *, maximum: int = 2**31 - 1) -> int:
    """A whole number from 1 to ``maximum`` (by default the largest 32-bit integer, as Kubernetes and Helm
    fields take)."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise VeleroConfigError(path, value, "must be a positive whole number")
    if value > maximum:
        raise VeleroConfigError(path, value, f"must be at most {maximum}")
    return value
