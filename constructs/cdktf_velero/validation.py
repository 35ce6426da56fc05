"""Synth-time checks for literal values; Terraform tokens pass through unchecked.

Each ``check_*`` function returns the value it was given (so it can be used inline) or
raises :class:`VeleroConfigError` naming the property path, the value and the rule.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from .errors import VeleroConfigError
from .versions import SPACES_REGIONS

_TOKEN_MARKERS = ("${TfToken[", "#{TfToken[")

_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_GO_DURATION = re.compile(r"^([0-9]+(\.[0-9]+)?(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$")
_GO_UNITS_NS = {
    "ns": 1,
    "us": 1_000,
    "\u00b5s": 1_000,
    "\u03bcs": 1_000,
    "ms": 10**6,
    "s": 10**9,
    "m": 60 * 10**9,
    "h": 3600 * 10**9,
}
_GO_MAX_NS = 2**63 - 1
_CRON_DESCRIPTORS = frozenset({"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"})
_AWS_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$")
_S3_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_S3_BAD_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_S3_BAD_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
_SPACES_BUCKET = re.compile(r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")
_LABEL_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_NAMESPACE_PATTERN = re.compile(r"^[a-z0-9*?\[\]-]{1,63}$")
_RESOURCE = re.compile(r"^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?)*)$")
_PREFIX_CHARS = re.compile(r"^[A-Za-z0-9!_.*'()/-]+$")
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


def check_cron(path: str, value: object) -> str:
    """A Velero schedule: 5-field cron (UTC), a descriptor such as ``@daily``, or ``@every <duration>``."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if text.startswith("@every "):
        duration = text[len("@every ") :]
        if _is_valid_duration(duration):
            return text
        raise VeleroConfigError(path, value, "'@every' must be followed by a positive Go duration such as 6h or 90m")
    if text.startswith("@"):
        if text in _CRON_DESCRIPTORS:
            return text
        raise VeleroConfigError(path, value, f"unknown descriptor; use one of {', '.join(sorted(_CRON_DESCRIPTORS))}")
    fields = text.split()
    if len(fields) != 5 or " ".join(fields) != text:
        raise VeleroConfigError(
            path,
            value,
            "must be a 5-field cron expression 'minute hour day-of-month month day-of-week' "
            "(UTC), separated by single spaces, e.g. '0 7 * * *'",
        )
    dow = fields[4]
    if any(part == "7" or part.startswith("7-") or part.endswith("-7") for part in re.split(r"[,/]", dow)):
        raise VeleroConfigError(path, value, "day-of-week runs from 0 (Sunday) to 6 in Velero's cron")
    days: list[set[int]] = []
    for (label, low, high, names), field in zip(_CRON_FIELDS, fields, strict=True):
        parsed = _cron_field(field, low, high, names)
        if isinstance(parsed, str):
            raise VeleroConfigError(path, value, f"{label} field {field!r}: {parsed} (Velero's cron parser)")
        days.append(parsed)
    # As Velero's cron: day-of-month and day-of-week combine with OR when both are restricted.
    dom_restricted = not fields[2].startswith(("*", "?")) and fields[4].startswith(("*", "?"))
    if dom_restricted and not any(day <= _MONTH_DAYS[month] for month in days[3] for day in days[2]):
        raise VeleroConfigError(path, value, "never runs: the day-of-month does not occur in the chosen months")
    return text


_MONTH_NAMES = {
    n: i + 1 for i, n in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_DOW_NAMES = {n: i for i, n in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))}
_MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
_CRON_FIELDS: tuple[tuple[str, int, int, dict[str, int] | None], ...] = (
    ("minute", 0, 59, None),
    ("hour", 0, 23, None),
    ("day-of-month", 1, 31, None),
    ("month", 1, 12, _MONTH_NAMES),
    ("day-of-week", 0, 6, _DOW_NAMES),
)


def _cron_number(text: str, names: dict[str, int] | None) -> int | None:
    if names is not None and text.lower() in names:
        return names[text.lower()]
    if text.isascii() and text.isdigit() and len(text) <= 4:
        return int(text)
    return None


def _cron_field(field: str, low: int, high: int, names: dict[str, int] | None) -> set[int] | str:
    """The values one cron field selects, with the syntax of Velero's parser (robfig/cron v3
    ``ParseStandard``): ``*``, ``?``, numbers, names, ``a-b``, ``/step`` and ``,`` lists.
    ``L``, ``W``, ``#`` and ``H`` (accepted by other cron dialects) are errors there. Returns
    the rule broken as a string."""
    selected: set[int] = set()
    for part in field.split(","):
        range_text, slash, step_text = part.partition("/")
        if "/" in step_text:
            return "more than one '/'"
        if range_text in ("*", "?"):
            start, end = low, high
        else:
            first, dash, last = range_text.partition("-")
            start_or_none = _cron_number(first, names)
            end_or_none = _cron_number(last, names) if dash else start_or_none
            if start_or_none is None or end_or_none is None:
                return f"{part!r} is not a number, a range or '*'"
            start, end = start_or_none, end_or_none
            if slash and not dash:
                end = high
        step = 1
        if slash:
            step_or_none = _cron_number(step_text, None)
            if step_or_none is None or step_or_none == 0:
                return "a step after '/' must be a positive number"
            step = step_or_none
        if start < low or end > high:
            return f"values must lie between {low} and {high}"
        if start > end:
            return f"range {part!r} runs backwards"
        selected.update(range(start, end + 1, step))
    return selected


def cron_fields(text: str) -> tuple[frozenset[int], ...]:
    """The minutes, hours, days of month, months and days of week a 5-field cron accepted by
    :func:`check_cron` selects, read by the same field parser (Velero's syntax)."""
    fields = text.split()
    if len(fields) != len(_CRON_FIELDS):
        raise ValueError(f"not a 5-field cron expression: {text!r}")
    selected: list[frozenset[int]] = []
    for (label, low, high, names), field in zip(_CRON_FIELDS, fields, strict=True):
        parsed = _cron_field(field, low, high, names)
        if isinstance(parsed, str):
            raise ValueError(f"{label} field {field!r}: {parsed}")
        selected.append(frozenset(parsed))
    return tuple(selected)


def _is_zero_duration(text: str) -> bool:
    return all(float(num) == 0 for num in re.findall(r"[0-9]+(?:\.[0-9]+)?", text))


def _duration_ns(text: str) -> Decimal:
    """Nanoseconds of a string matching ``_GO_DURATION``, before Go truncates each part to whole nanoseconds."""
    return sum(
        (
            Decimal(num) * _GO_UNITS_NS[unit]
            for num, unit in re.findall(r"([0-9]+(?:\.[0-9]+)?)([a-z\u00b5\u03bc]+)", text)
        ),
        Decimal(0),
    )


def _is_valid_duration(text: str) -> bool:
    """A positive Go duration that ``time.ParseDuration`` accepts (it fails past about 2562047h)."""
    if not _GO_DURATION.fullmatch(text) or _is_zero_duration(text):
        return False
    return 1 <= _duration_ns(text) <= _GO_MAX_NS  # Go truncates each part to whole nanoseconds


def duration_seconds(text: str) -> int:
    """Whole seconds of a Go duration that :func:`check_duration` accepted (cron's ``@every`` rounds down)."""
    return int(_duration_ns(text)) // 10**9


def check_duration(path: str, value: object) -> str:
    """A positive Go duration (``240h``, ``72h30m``, ``1.5h``), as Velero's ttl and periods take."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if not _is_valid_duration(text):
        raise VeleroConfigError(
            path,
            value,
            "must be a positive Go duration such as '240h' or '72h30m' (units ns, us, ms, s, m, h), at most 2562047h",
        )
    return text


def check_aws_region(path: str, value: object) -> str:
    text = check_str(path, value)
    if is_token(text):
        return text
    if not _AWS_REGION.fullmatch(text):
        raise VeleroConfigError(path, value, "must be an AWS region code such as 'us-east-1' or 'ca-central-1'")
    return text


def check_spaces_region(path: str, value: object) -> str:
    text = check_str(path, value)
    if is_token(text):
        return text
    if text not in SPACES_REGIONS:
        raise VeleroConfigError(
            path, value, f"must be a DigitalOcean Spaces region: one of {', '.join(sorted(SPACES_REGIONS))}"
        )
    return text


def check_s3_bucket(path: str, value: object) -> str:
    """Amazon S3 general-purpose bucket naming rules."""
    text = check_str(path, value)
    if is_token(text):
        return text
    rule = (
        "must be a valid S3 bucket name: 3-63 characters of lowercase letters, digits, '.' and '-', "
        "starting and ending with a letter or digit"
    )
    if not _S3_BUCKET.fullmatch(text):
        raise VeleroConfigError(path, value, rule)
    if ".." in text or ".-" in text or "-." in text:
        raise VeleroConfigError(path, value, "must not contain '..', '.-' or '-.' (S3 bucket naming rules)")
    if _is_ipv4(text):
        raise VeleroConfigError(path, value, "must not be formatted as an IP address (S3 bucket naming rules)")
    if text.startswith(_S3_BAD_PREFIXES) or text.endswith(_S3_BAD_SUFFIXES):
        raise VeleroConfigError(
            path, value, "uses a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, ...)"
        )
    return text


def _is_ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def check_spaces_bucket(path: str, value: object) -> str:
    """DigitalOcean Spaces bucket naming rules (no dots, unlike S3)."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if not _SPACES_BUCKET.fullmatch(text):
        raise VeleroConfigError(
            path,
            value,
            "must be a valid Spaces bucket name: 3-63 characters of lowercase letters, digits and '-', "
            "starting and ending with a letter or digit",
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
    prefix, _, name = key.rpartition("/")
    if prefix and (len(prefix) > 253 or not _DNS_SUBDOMAIN.fullmatch(prefix)):
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
    if isinstance(value, str) or not isinstance(value, Iterable):
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
            path, value, "must be an image reference with a pinned tag or digest, such as 'velero/velero:v1.18.1'"
        )
    return text


def check_secret(path: str, value: object, *, allow_plaintext: bool) -> str:
    """A credential: a Terraform token (sensitive variable, resource attribute) unless plaintext is allowed."""
    if not isinstance(value, str):
        raise VeleroConfigError(path, type(value).__name__, "must be a string token", secret=True)
    if is_token(value):
        return value
    if not allow_plaintext:
        raise VeleroConfigError(
            path,
            None,
            "must be a Terraform token, not a literal: declare "
            "TerraformVariable(stack, 'name', type='string', sensitive=True) and pass its .string_value "
            "(or a resource attribute); to accept literal secrets anyway set allow_plaintext_secrets=True",
            secret=True,
        )
    if value.strip() == "":
        raise VeleroConfigError(path, None, "must not be empty", secret=True)
    if not value.isprintable() or any(char.isspace() for char in value):
        # It is written into an INI credentials file or an environment variable: a newline would
        # inject further keys, and no real key or token holds spaces.
        raise VeleroConfigError(path, None, "must be a single word without spaces or control characters", secret=True)
    return value


def check_positive_int(path: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise VeleroConfigError(path, value, "must be a positive whole number")
    return value
