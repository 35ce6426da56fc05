"""Staleness thresholds: the longest gap between runs of a cron, against a brute-force minute-by-minute oracle.

The oracle reads nothing from the library: the strategies build each cron field from its parts and know the
values it selects and whether robfig/cron treats it as unrestricted (``*`` or ``?``, no step above 1).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cdktf_velero import validation
from cdktf_velero.errors import VeleroConfigError
from cdktf_velero.monitoring.thresholds import (
    CYCLE_DAYS,
    CYCLE_START,
    DESCRIPTORS,
    CronSchedule,
    format_duration,
    longest_gap_in,
    longest_gap_seconds,
    parse_duration,
)
from cdktf_velero.validation import cron as cron_module
from tests.strategies import scaled

pytestmark = pytest.mark.pure  # no jsii: make mutation runs it against validation/cron.py

DAY = 86400


@dataclass(frozen=True)
class Field:
    text: str
    values: frozenset[int]
    unrestricted: bool


@st.composite
def fields(draw: st.DrawFn, low: int, high: int, *, star_weight: int = 1) -> Field:
    """One cron field and the values it selects, built from its parts."""
    kind = draw(st.sampled_from(["*"] * star_weight + ["step", "list"]))
    if kind == "*":
        return Field(draw(st.sampled_from(["*", "?"])), frozenset(range(low, high + 1)), True)
    if kind == "step":
        step = draw(st.integers(1, high - low + 1))
        start = draw(st.integers(low, high))
        head = draw(st.sampled_from(["*", str(start)]))
        first = low if head == "*" else start
        return Field(f"{head}/{step}", frozenset(range(first, high + 1, step)), head == "*" and step == 1)
    parts: list[str] = []
    selected: set[int] = set()
    for _ in range(draw(st.integers(1, 3))):
        a = draw(st.integers(low, high))
        b = draw(st.integers(a, min(high, a + 12)))
        step = draw(st.integers(1, 4))
        shape = draw(st.sampled_from(["single", "range", "range-step"]))
        if shape == "single":
            parts.append(str(a))
            selected.add(a)
        elif shape == "range":
            parts.append(f"{a}-{b}")
            selected.update(range(a, b + 1))
        else:
            parts.append(f"{a}-{b}/{step}")
            selected.update(range(a, b + 1, step))
    return Field(",".join(parts), frozenset(selected), False)


@dataclass(frozen=True)
class Cron:
    minute: Field
    hour: Field
    dom: Field
    month: Field
    dow: Field

    @property
    def text(self) -> str:
        return " ".join(f.text for f in (self.minute, self.hour, self.dom, self.month, self.dow))

    def runs_on(self, day: date) -> bool:
        if day.month not in self.month.values:
            return False
        dom = day.day in self.dom.values
        dow = day.isoweekday() % 7 in self.dow.values
        return (dom and dow) if self.dom.unrestricted or self.dow.unrestricted else (dom or dow)


@st.composite
def crons(draw: st.DrawFn, *, days_free: bool = False) -> Cron:
    day_weight = 50 if days_free else 2
    cron = Cron(
        draw(fields(0, 59)),
        draw(fields(0, 23)),
        draw(fields(1, 31, star_weight=day_weight)),
        draw(fields(1, 12, star_weight=50 if days_free else 4)),
        draw(fields(0, 6, star_weight=day_weight)),
    )
    if days_free:
        assume(cron.dom.unrestricted and cron.month.unrestricted)
    try:
        validation.check_cron("cron", cron.text)
    except VeleroConfigError:
        assume(False)
    return cron


def oracle(cron: Cron, start: date, days: int) -> int | None:
    """Longest gap in seconds between consecutive runs in the window, minute by minute."""
    runs: list[int] = []
    for offset in range(days):
        on_day = cron.runs_on(start + timedelta(days=offset))
        for minute in range(1440):
            if on_day and minute // 60 in cron.hour.values and minute % 60 in cron.minute.values:
                runs.append(offset * 1440 + minute)
    gaps = [later - earlier for earlier, later in itertools.pairwise(runs)]
    return max(gaps) * 60 if gaps else None


starts = st.dates(date(1901, 1, 1), date(2099, 10, 1))


@scaled(0.5)
@given(crons(), starts, st.integers(2, 70))
def test_gaps_in_a_window_match_the_oracle(cron: Cron, start: date, days: int) -> None:
    assert longest_gap_in(CronSchedule.parse(cron.text), start, days) == oracle(cron, start, days)


@scaled(0.25)
@given(crons(days_free=True), starts)
def test_a_weekly_pattern_longest_gap_is_the_oracle_over_two_weeks(cron: Cron, start: date) -> None:
    # Every day of month and every month: the runs repeat each week, so 15 days hold every gap there is.
    assert longest_gap_seconds(cron.text) == oracle(cron, start, 15)


@scaled(0.25)
@given(crons(), starts, st.integers(2, 40))
def test_the_longest_gap_bounds_every_window(cron: Cron, start: date, days: int) -> None:
    gap = oracle(cron, start, days)
    assert gap is None or longest_gap_seconds(cron.text) >= gap


_go_parts = st.lists(
    st.tuples(st.integers(0, 500), st.sampled_from(["", ".5", ".25", ".001"]), st.sampled_from(["h", "m", "s", "ms"])),
    min_size=1,
    max_size=3,
)
_UNIT: dict[str, Fraction] = {"h": Fraction(3600), "m": Fraction(60), "s": Fraction(1), "ms": Fraction(1, 1000)}


@scaled(0.5)
@given(_go_parts)
def test_every_runs_at_its_duration_rounded_down_to_seconds(parts: list[tuple[int, str, str]]) -> None:
    text = "".join(f"{n}{frac}{unit}" for n, frac, unit in parts)
    seconds = sum(Fraction(f"{n}{frac}") * _UNIT[unit] for n, frac, unit in parts)
    assume(seconds > 0)
    assert longest_gap_seconds(f"@every {text}") == max(1, int(seconds))


@pytest.mark.parametrize(
    ("cron", "gap"),
    [
        ("0 7 * * *", DAY),
        ("0 7 * * 1-5", 3 * DAY),  # Friday 07:00 to Monday 07:00
        ("30 19 * * 1-5", 3 * DAY),
        ("0 1 * * 0", 7 * DAY),
        ("@every 6h", 6 * 3600),
        ("@every 90m", 5400),
        ("@every 1.5h", 5400),
        ("@every 500ms", 1),  # robfig/cron runs at least a second apart
        ("*/15 * * * *", 900),
        ("0 9-17 * * *", 16 * 3600),  # 17:00 to 09:00
        ("0 0 */2 * *", 2 * DAY),  # odd days: the 27th of a common February to March 1st
        ("0 0 31 * *", 61 * DAY),  # 31 July to 31 August is shorter than 31 August to 31 October
        ("0 0 29 2 *", 1461 * DAY),  # leap days
        ("0 0 13 * 5", 7 * DAY),  # the 13th OR a Friday: a week at most
        ("0 0 13 */2 5", 42 * DAY),  # ... in odd months: last Friday of one to the first Friday two months on
        ("0 0 * 2 1", 350 * DAY),  # Mondays in February: from February 22nd to February 7th of the next year
        ("@hourly", 3600),
        ("@daily", DAY),
        ("@midnight", DAY),
        ("@weekly", 7 * DAY),
        ("@monthly", 31 * DAY),
        ("@yearly", 366 * DAY),
        ("@annually", 366 * DAY),
    ],
)
def test_known_gaps(cron: str, gap: int) -> None:
    validation.check_cron("cron", cron)
    assert longest_gap_seconds(cron) == gap


def test_descriptors_are_the_ones_velero_accepts_and_equal_their_crons() -> None:
    assert set(DESCRIPTORS) == set(cron_module._CRON_DESCRIPTORS)
    for descriptor, cron in DESCRIPTORS.items():
        assert longest_gap_seconds(descriptor) == longest_gap_seconds(cron)


def test_the_cycle_repeats_the_calendar() -> None:
    end = CYCLE_START + timedelta(days=CYCLE_DAYS)
    assert (end.month, end.day, end.weekday()) == (CYCLE_START.month, CYCLE_START.day, CYCLE_START.weekday())
    assert end.year - CYCLE_START.year == 28


def test_tokens_have_no_gap() -> None:
    with pytest.raises(ValueError, match="token"):
        longest_gap_seconds("${TfToken[TOKEN.1]}")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90m", 5400), ("25h", 90000), ("3d1h", 262800), ("1w", 604800), ("1y", 365 * DAY), ("1h30m15s", 5415)],
)
def test_prometheus_durations_round_trip(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds
    assert parse_duration(format_duration(seconds)) == seconds


@pytest.mark.parametrize("text", ["", "1.5h", "5", "1h1d", "-1h", "1 h", "100ms"])
def test_not_prometheus_durations(text: str) -> None:
    assert parse_duration(text) is None
