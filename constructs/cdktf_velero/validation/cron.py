"""Leaf checks for time: Velero's cron expressions (the syntax of its cron parser) and Go durations.

Both are checked as Velero itself reads them, so that a schedule that passes synthesis also runs in the
cluster. Terraform tokens pass through unchecked.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..errors import VeleroConfigError
from .core import check_str
from .terraform import is_token

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
    # Sunday as 7 (other crons allow it) in a value or a range; a step of 7 ("*/7") is fine.
    dow_ranges = [part.partition("/")[0] for part in dow.split(",")]
    if any(part == "7" or part.startswith("7-") or part.endswith("-7") for part in dow_ranges):
        raise VeleroConfigError(path, value, "day-of-week runs from 0 (Sunday) to 6 in Velero's cron")
    days: list[set[int]] = []
    for (label, low, high, names), field in zip(_CRON_FIELDS, fields, strict=True):
        parsed = _cron_field(field, low, high, names)
        if isinstance(parsed, str):
            raise VeleroConfigError(path, value, f"{label} field {field!r}: {parsed} (Velero's cron parser)")
        days.append(parsed)
    # As Velero's cron: day-of-month and day-of-week combine with OR when both are restricted, with AND when either
    # is unrestricted. A day-of-month that never occurs in the months is run only by a restricted day-of-week.
    if unrestricted(fields[4]) and not any(day <= _MONTH_DAYS[month] for month in days[3] for day in days[2]):
        raise VeleroConfigError(path, value, "never runs: the day-of-month does not occur in the chosen months")
    return text


def unrestricted(field: str) -> bool:
    """Whether Velero's cron (robfig/cron) takes a field as unrestricted: one of its comma-separated parts is ``*`` or
    ``?`` with no step, or a step of 1 (a larger step restricts it, ``*/2``)."""
    for part in field.split(","):
        range_text, _, step = part.partition("/")
        if range_text in ("*", "?") and (not step or int(step) == 1):
            return True
    return False


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
        range_text, slash, step_text = part.partition("/")  # a second '/' leaves a step that is not a number
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


def _is_valid_duration(text: str, *, allow_zero: bool = False) -> bool:
    """A positive (or, with ``allow_zero``, zero) Go duration that ``time.ParseDuration`` accepts (it fails
    past about 2562047h)."""
    if allow_zero and text == "0":  # the one unit-less form Go accepts; "0s" and the like pass the regex
        return True
    if not _GO_DURATION.fullmatch(text):
        return False
    if _is_zero_duration(text):
        return allow_zero
    # Go truncates each part to whole nanoseconds
    return (0 if allow_zero else 1) <= _duration_ns(text) <= _GO_MAX_NS


def duration_seconds(text: str) -> int:
    """Whole seconds of a Go duration that :func:`check_duration` accepted (cron's ``@every`` rounds down)."""
    return int(_duration_ns(text)) // 10**9


def check_duration(path: str, value: object, *, allow_zero: bool = False) -> str:
    """A positive Go duration (``240h``, ``72h30m``, ``1.5h``), as Velero's ttl and periods take; with
    ``allow_zero``, also ``0s`` (which Velero reads as "the default" or "never" for some fields)."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if not _is_valid_duration(text, allow_zero=allow_zero):
        kind = "non-negative" if allow_zero else "positive"
        raise VeleroConfigError(
            path,
            value,
            f"must be a {kind} Go duration such as '240h' or '72h30m' (units ns, us, ms, s, m, h), at most 2562047h",
        )
    return text
