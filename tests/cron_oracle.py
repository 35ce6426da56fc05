"""An oracle for Velero's schedule syntax, independent of the code under test.

Velero parses schedules with robfig/cron v3 ``ParseStandard``: five fields, each a list of
``*``/``?``, numbers, names (months, weekdays), ``a-b`` ranges and ``/step``s, plus the
``@daily``-style descriptors and ``@every <Go duration>``. Instead of parsing, the strategies
here *build* expressions from parts whose validity is known by construction: a valid field
is made of valid parts only, an invalid expression has exactly one known fault. The library
additionally refuses day-of-month/month combinations that never occur ("0 0 31 2 *"); the
oracle tracks the values each part selects so it knows those too.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
DESCRIPTORS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
GO_MAX_HOURS = 2562047  # time.ParseDuration overflows past about 2562047h47m16s


@dataclass(frozen=True)
class Field:
    label: str
    low: int
    high: int
    names: tuple[str, ...] = ()
    name_base: int = 0


FIELDS = (
    Field("minute", 0, 59),
    Field("hour", 0, 23),
    Field("day-of-month", 1, 31),
    Field("month", 1, 12, MONTHS, 1),
    Field("day-of-week", 0, 6, WEEKDAYS, 0),
)


@dataclass(frozen=True)
class Part:
    text: str
    values: frozenset[int]


def _number(field: Field, value: int) -> st.SearchStrategy[str]:
    """A number as text: plain, zero-padded, or a name in any letter case where the field has names."""
    texts = [st.just(str(value)), st.just(f"{value:02d}")]
    if field.names:
        name = field.names[value - field.name_base]
        texts += [st.just(name), st.just(name.upper()), st.just(name.title())]
    return st.one_of(texts)


@st.composite
def valid_part(draw: st.DrawFn, field: Field) -> Part:
    lo, hi = field.low, field.high
    kind = draw(st.sampled_from(["star", "number", "range", "step", "range-step", "start-step"]))
    step = draw(st.integers(1, hi - lo + 2))
    if kind == "star":
        return Part(draw(st.sampled_from(["*", "?"])), frozenset(range(lo, hi + 1)))
    if kind == "number":
        value = draw(st.integers(lo, hi))
        return Part(draw(_number(field, value)), frozenset({value}))
    start = draw(st.integers(lo, hi))
    end = draw(st.integers(start, hi))
    if kind == "range":
        return Part(f"{draw(_number(field, start))}-{draw(_number(field, end))}", frozenset(range(start, end + 1)))
    if kind == "step":
        return Part(f"*/{step}", frozenset(range(lo, hi + 1, step)))
    if kind == "range-step":
        text = f"{draw(_number(field, start))}-{draw(_number(field, end))}/{step}"
        return Part(text, frozenset(range(start, end + 1, step)))
    return Part(f"{draw(_number(field, start))}/{step}", frozenset(range(start, hi + 1, step)))


@st.composite
def valid_field(draw: st.DrawFn, field: Field) -> Part:
    parts = draw(st.lists(valid_part(field), min_size=1, max_size=3))
    return Part(",".join(p.text for p in parts), frozenset().union(*(p.values for p in parts)))


def _day_exists(dom: Part, month: Part) -> bool:
    """Whether one chosen day of the month exists in one chosen month (whatever the day-of-week)."""
    return any(day <= MONTH_DAYS[m - 1] for m in month.values for day in dom.values)


@st.composite
def valid_five_fields(draw: st.DrawFn) -> str:
    parts = [draw(valid_field(field)) for field in FIELDS]
    if not _day_exists(parts[2], parts[3]):
        # Such an expression never fires with day-of-week '*'; the library refuses it (on purpose).
        parts[3] = Part("*", frozenset(range(1, 13)))
    return " ".join(p.text for p in parts)


def _unit_strings() -> st.SearchStrategy[str]:
    return st.sampled_from(["ns", "us", "\u00b5s", "ms", "s", "m", "h"])


@st.composite
def valid_durations(draw: st.DrawFn) -> str:
    """Positive Go durations well inside time.ParseDuration's range."""
    parts = draw(
        st.lists(
            st.tuples(st.integers(0, 99999), st.sampled_from(["", ".5", ".25", ".125"]), _unit_strings()),
            min_size=1,
            max_size=3,
        )
    )
    # No fraction of a nanosecond: Go truncates it, and 0.5ns would be a zero duration.
    parts = [(n, "" if unit == "ns" else frac, unit) for n, frac, unit in parts]
    if all(n == 0 and frac == "" for n, frac, _ in parts):
        parts[0] = (1, "", parts[0][2])
    return "".join(f"{n}{frac}{unit}" for n, frac, unit in parts)


_INVALID_DURATION_WORDS = st.one_of(
    st.sampled_from(["240", "10d", "1w", "0h", "0s0m", "-1h", "1.5.5h", "h", "1H", "\u0661h", "1e3s", "2562048h"]),
    st.sampled_from(["9223372036854775808ns"]),
    st.integers(0, 99999).map(str),
    valid_durations().map(lambda d: f"{d}d"),
    valid_durations().map(lambda d: f"-{d}"),
    st.integers(GO_MAX_HOURS + 1, 10**7).map(lambda n: f"{n}h"),
)
INVALID_DURATIONS = st.one_of(
    _INVALID_DURATION_WORDS,
    st.sampled_from(["", " ", "1 h", "240h ", " 240h", "240h\n"]),
    valid_durations().map(lambda d: f"{d} "),
)
"""Strings Go's time.ParseDuration refuses, or that are zero or negative (no positive period)."""


VALID_CRONS = st.one_of(
    valid_five_fields(),
    valid_five_fields(),
    st.sampled_from(DESCRIPTORS),
    valid_durations().map(lambda d: f"@every {d}"),
)


@st.composite
def invalid_part(draw: st.DrawFn, field: Field) -> str:
    """One part with exactly one fault, given the field's bounds."""
    lo, hi = field.low, field.high
    start = draw(st.integers(lo, hi))
    over = draw(st.integers(hi + 1, hi + 60))
    under = lo - 1
    kinds = [
        f"{over}",
        f"{start}-{over}",  # a range's end past the maximum (its start is fine)
        f"{over}-{over + 1}",
        f"{over}/2",
        f"*/{0}",
        f"{start}-{start}/0",
        f"{hi}-{lo}" if hi > lo else f"{over}",  # backwards
        "L",
        f"{start}W",
        f"{start}#2",
        "H",
        "x",
        f",{start}",  # an empty part
        f"{start}-",
        f"-{start}",
        "*/2/3",
        f"{start}/{start}/1",
        "**",
        f"{start}.5",
    ]
    if under >= 0:
        kinds += [f"{under}", f"{under}-{start}"]
    if field.names:
        kinds += [field.names[0][:2], f"{field.names[0]}x"]
    return draw(st.sampled_from(kinds))


@st.composite
def invalid_five_fields(draw: st.DrawFn) -> tuple[str, str]:
    """A five-field expression with one faulty part in one field: (expression, label of that field)."""
    index = draw(st.integers(0, 4))
    field = FIELDS[index]
    texts = [draw(valid_field(f)).text for f in FIELDS]
    good = draw(st.lists(valid_part(field), max_size=2))
    bad = draw(invalid_part(field))
    position = draw(st.integers(0, len(good)))
    parts = [p.text for p in good]
    parts.insert(position, bad)
    texts[index] = ",".join(parts)
    if index != 4:
        texts[4] = "*"  # a lone fault; day-of-week restrictions never hide it
    texts[2] = texts[2] if index == 2 else "*"
    return " ".join(texts), field.label


INVALID_SHAPES = st.one_of(
    st.sampled_from(["", " ", "@reboot", "@every", "@every ", "@every 0s", "@every 10d", "@Daily", "@daily ", "daily"]),
    st.sampled_from(["0 7 * *", "0 0 7 * * *", "0  7 * * *", " 0 7 * * *", "0 7 * * * ", "0\t7 * * *", "0 7 * * *\n"]),
    st.sampled_from(["0 0 * * 7", "0 0 * * 1-7", "0 0 31 2 *", "0 0 30 feb *", "0 0 31 4,6,9,11 *"]),
    _INVALID_DURATION_WORDS.map(lambda d: f"@every {d}"),
    st.sampled_from([1, 2, 3, 4, 6, 7])
    .flatmap(lambda n: st.lists(valid_field(FIELDS[0]).map(lambda p: p.text), min_size=n, max_size=n))
    .map(" ".join),
)
"""Whole expressions with a fault in their shape: field count, spacing, descriptors, Sunday as 7,
a day that never occurs in the chosen months."""
