"""How long a schedule may go without a backup: the longest gap between two consecutive runs of its cron.

Velero reads schedules with robfig/cron v3 ``ParseStandard`` (UTC): ``@every <duration>`` runs at a constant
delay rounded down to whole seconds, the ``@daily``-style descriptors are fixed 5-field crons, and a 5-field
cron runs on the days whose month matches and whose day of month *and* day of week match, or *either* of them
when neither field is unrestricted (``*`` or ``?`` without a step above 1). The fields are read by the
package's own cron parser (:func:`cdktf_velero.validation.cron_fields`).

The longest gap of a 5-field cron is computed exactly: the Gregorian calendar repeats day for day (weekdays and
leap years) every 28 years between 1901 and 2099, so two such cycles hold every gap there is in that span.
Durations for Prometheus (``25h``, ``3d1h``) are read and written here too.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from .. import validation as v

__all__ = [
    "CYCLE_DAYS",
    "CYCLE_START",
    "DESCRIPTORS",
    "CronSchedule",
    "format_duration",
    "longest_gap_in",
    "longest_gap_seconds",
    "parse_duration",
]

DESCRIPTORS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
"""robfig/cron's descriptors as the 5-field crons they stand for."""

CYCLE_START = date(2001, 1, 1)
CYCLE_DAYS = 28 * 365 + 7
"""2001-2028: 28 years, 7 of them leap years, a whole number of weeks; 2029-2056 repeats them exactly."""

_MINUTES_PER_DAY = 24 * 60
_PROMETHEUS_DURATION = re.compile(r"^" + "".join(rf"(?:([0-9]+){unit})?" for unit in "ywdhms") + "$")
_PROMETHEUS_UNITS = (365 * 86400, 7 * 86400, 86400, 3600, 60, 1)


@dataclass(frozen=True)
class CronSchedule:
    """A 5-field cron, as the sets of values each field selects."""

    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    days_unrestricted: bool
    weekdays_unrestricted: bool

    @classmethod
    def parse(cls, cron: str) -> CronSchedule:
        """A 5-field cron or a descriptor (not ``@every``); raises ``ValueError`` when it is neither."""
        text = DESCRIPTORS.get(cron, cron)
        minutes, hours, days, months, weekdays = v.cron_fields(text)
        fields = text.split()
        return cls(minutes, hours, days, months, weekdays, v.unrestricted(fields[2]), v.unrestricted(fields[4]))

    def runs_on(self, day: date) -> bool:
        """Whether the cron runs at some time of ``day`` (robfig's ``dayMatches`` and month test)."""
        if day.month not in self.months:
            return False
        in_days = day.day in self.days
        in_weekdays = day.isoweekday() % 7 in self.weekdays
        if self.days_unrestricted or self.weekdays_unrestricted:
            return in_days and in_weekdays
        return in_days or in_weekdays

    def times_of_day(self) -> list[int]:
        """The minutes after midnight at which it runs on a day it runs."""
        return sorted(hour * 60 + minute for hour in self.hours for minute in self.minutes)


def longest_gap_in(cron: CronSchedule, start: date, days: int) -> int | None:
    """The longest gap in seconds between consecutive runs that both fall in ``days`` days from ``start``,
    or ``None`` with fewer than two runs there."""
    times = cron.times_of_day()
    within_day = max((later - earlier for earlier, later in itertools.pairwise(times)), default=None)
    longest: int | None = None
    previous: int | None = None
    for offset in range(days):
        if not cron.runs_on(start + timedelta(days=offset)):
            continue
        if previous is not None:
            gap = (offset - previous) * _MINUTES_PER_DAY + times[0] - times[-1]
            longest = gap if longest is None else max(longest, gap)
        if within_day is not None:
            longest = within_day if longest is None else max(longest, within_day)
        previous = offset
    return None if longest is None else longest * 60


@cache
def longest_gap_seconds(cron: str) -> int:
    """The longest time in seconds between two consecutive runs of a schedule Velero accepts.

    Exact for runs between 1901 and 2099. Raises ``ValueError`` for a Terraform token (unknown at
    synth) or a cron that never runs.
    """
    if v.is_token(cron):
        raise ValueError("a Terraform token is only known at apply time")
    if cron.startswith("@every "):
        # robfig: Every() rounds the delay down to whole seconds, and to at least one second.
        return max(1, v.duration_seconds(cron.removeprefix("@every ")))
    gap = longest_gap_in(CronSchedule.parse(cron), CYCLE_START, 2 * CYCLE_DAYS)
    if gap is None:
        raise ValueError(f"{cron!r} never runs")
    return gap


def parse_duration(text: str) -> int | None:
    """Seconds of a Prometheus duration in whole units (``90m``, ``1d1h``), or ``None`` if it is not one."""
    match = _PROMETHEUS_DURATION.fullmatch(text)
    if not text or match is None:
        return None
    return sum(int(amount) * unit for amount, unit in zip(match.groups(), _PROMETHEUS_UNITS, strict=True) if amount)


def format_duration(seconds: int) -> str:
    """A Prometheus duration for ``seconds`` in days, hours, minutes and seconds (``90000`` is ``1d1h``)."""
    if seconds <= 0:
        return "0s"
    parts = []
    for unit, name in ((86400, "d"), (3600, "h"), (60, "m"), (1, "s")):
        amount, seconds = divmod(seconds, unit)
        if amount:
            parts.append(f"{amount}{name}")
    return "".join(parts)
