"""Cron and duration strings against the independent oracle of ``tests/cron_oracle.py``: every valid
expression accepted as is, every faulty one refused naming the property and, for a faulty field,
which field. ``budget(0.75)`` valid and ``budget(0.75)`` invalid crons, ``budget(0.5)`` durations."""

from __future__ import annotations

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from cdktf_velero import VeleroConfigError

from .cron_oracle import INVALID_DURATIONS, INVALID_SHAPES, VALID_CRONS, invalid_five_fields, valid_durations
from .internal import check_cron, check_duration
from .strategies import budget

pytestmark = pytest.mark.pure

PATH = "digitalocean.schedule.cron"


@budget(0.75)
@given(VALID_CRONS)
@example("0 0 29 2 *")
@example("@every 2562047h")
@example("59 23 31 12 6")
@example("0-59 0-23 1-31 1-12 0-6")
@example("* * * * */7")
def test_valid_cron_is_accepted(cron: str) -> None:
    event("valid cron: descriptor" if cron.startswith("@") else "valid cron: five fields")
    assert check_cron(PATH, cron) == cron


@budget(0.75)
@given(st.one_of(invalid_five_fields(), INVALID_SHAPES.map(lambda cron: (cron, ""))))
@example(("0-99 * * * *", "minute"))
@example(("0 0-24 * * *", "hour"))
@example(("0 0 1-32 * *", "day-of-month"))
@example(("0 0 * 1-13 *", "month"))
@example(("0 0 * * 1-8", "day-of-week"))
@example(("0 0 0 * *", "day-of-month"))
@example(("0 0 * 0 *", "month"))
def test_invalid_cron_is_refused_naming_the_field(case: tuple[str, str]) -> None:
    cron, field = case
    event(f"invalid cron: {field or 'shape'}")
    with pytest.raises(VeleroConfigError) as raised:
        check_cron(PATH, cron)
    assert raised.value.path == PATH
    assert str(raised.value).startswith(f"{PATH}: ")
    assert repr(cron) in str(raised.value)
    if field:  # Sunday as 7 has a rule of its own, which names the field too
        sunday = field == "day-of-week" and "day-of-week runs from 0 (Sunday)" in str(raised.value)
        assert f"{field} field" in str(raised.value) or sunday


@budget(0.5)
@given(st.one_of(valid_durations().map(lambda d: (d, True)), INVALID_DURATIONS.map(lambda d: (d, False))))
@example(("2562047h", True))
@example(("1ns", True))
@example(("2562048h", False))
@example(("0.5ns", False))
def test_duration_is_accepted_or_refused_as_go_would(case: tuple[str, bool]) -> None:
    text, valid = case
    event("valid duration" if valid else "invalid duration")
    if valid:
        assert check_duration("aws.schedule.ttl", text) == text
        assert check_cron(PATH, f"@every {text}") == f"@every {text}"
        return
    with pytest.raises(VeleroConfigError) as raised:
        check_duration("aws.schedule.ttl", text)
    assert raised.value.path == "aws.schedule.ttl"
