"""Deterministic cases for the cron and Go duration rules that only property tests reached by chance:
the zero forms of ``allow_zero``, the Go maximum, ``@every``, descriptors, Sunday as 7, the never-runs
rule, and the readers the monitoring thresholds use (``cron_fields``, ``duration_seconds``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cdktf_velero.errors import VeleroConfigError
from cdktf_velero.validation.cron import cron_fields, duration_seconds

from .internal import check_cron, check_duration

pytestmark = pytest.mark.pure

PATH = "aws.schedule.cron"
TTL = "aws.schedule.ttl"
GO_MAX = "9223372036854775807ns"  # 2**63 - 1, the largest duration time.ParseDuration returns


def refusal(check: Callable[..., str], path: str, text: str, **options: bool) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        check(path, text, **options)
    assert (raised.value.path, raised.value.value) == (path, text)
    return raised.value


@pytest.mark.parametrize("text", ["0", "0s", "0.1ns", "0h0m", GO_MAX])
def test_zero_and_below_a_nanosecond_pass_only_with_allow_zero(text: str) -> None:
    """Go reads 0.1ns as zero (each part is truncated to whole nanoseconds): fine where zero is allowed."""
    assert check_duration(TTL, text, allow_zero=True) == text
    if text != GO_MAX:
        refusal(check_duration, TTL, text)


@pytest.mark.parametrize("text", [GO_MAX, "2562047h"])
def test_the_go_maximum_is_accepted(text: str) -> None:
    assert check_duration(TTL, text) == text
    assert check_cron(PATH, f"@every {text}") == f"@every {text}"


@pytest.mark.parametrize("text", ["9223372036854775808ns", "2562048h"])
def test_past_the_go_maximum_is_refused(text: str) -> None:
    refusal(check_duration, TTL, text, allow_zero=True)
    refusal(check_cron, PATH, f"@every {text}")


@pytest.mark.parametrize("text", ["@every 0", "@every 0s", "@every 0.1ns", "@every 1d"])
def test_every_needs_a_positive_go_duration(text: str) -> None:
    refusal(check_cron, PATH, text)


@pytest.mark.parametrize("text", ["@fortnightly", "@reboot", "@DAILY", "@"])
def test_an_unknown_descriptor_is_refused(text: str) -> None:
    refusal(check_cron, PATH, text)


@pytest.mark.parametrize("dow", ["1,7", "7,1", "7-1", "1-7", "7/2", "mon,7"])
def test_sunday_as_7_gets_its_own_rule_in_a_list_and_at_either_end_of_a_range(dow: str) -> None:
    """The same rule as a bare 7, not the general range rule of the field parser."""
    sunday = refusal(check_cron, PATH, "0 0 * * 7").rule
    assert refusal(check_cron, PATH, f"0 0 * * {dow}").rule == sunday
    assert refusal(check_cron, PATH, "0 0 * * 1-8").rule != sunday


@pytest.mark.parametrize(
    "cron", ["0 0 30 2 *", "0 0 30 2 ?", "0 0 31 4,6 ?", "0 0 31 2 */1", "0 0 30 2 1,*", "0 0 30 2 ?,mon"]
)
def test_a_day_that_never_comes_is_refused_with_path_and_value(cron: str) -> None:
    """With day-of-week unrestricted (a part '*' or '?' with no step above 1, as Velero's cron parser marks it),
    day-of-month and day-of-week combine with AND: the day-of-month alone decides."""
    refusal(check_cron, PATH, cron)


@pytest.mark.parametrize(
    "cron", ["0 0 30 2 1", "0 0 31 4 mon-fri", "0 0 * 2 *", "0 0 ? 2 ?", "0 0 */30 2 *", "0 0 30 2 */2", "0 0 30 2 ?/3"]
)
def test_a_restricted_day_of_week_or_an_open_day_of_month_runs(cron: str) -> None:
    """A step above 1 restricts a day-of-week of '*' or '?' (Velero's cron): it runs on those weekdays (OR)."""
    assert check_cron(PATH, cron) == cron


@pytest.mark.parametrize(
    ("cron", "expected"),
    [
        ("5 */6 1,15 jan-mar MON", ({5}, {0, 6, 12, 18}, {1, 15}, {1, 2, 3}, {1})),
        ("0 0 * DEC sun-tue", ({0}, {0}, set(range(1, 32)), {12}, {0, 1, 2})),
    ],
    ids=["numbers-and-month-names", "upper-case-names"],
)
def test_cron_fields_reads_numbers_and_names(cron: str, expected: tuple[set[int], ...]) -> None:
    assert cron_fields(cron) == tuple(frozenset(values) for values in expected)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90m", 5400), ("1.5s", 1), ("999ms", 0), ("1h0.5s", 3600), ("2562047h", 2562047 * 3600), (GO_MAX, 9223372036)],
)
def test_duration_seconds_rounds_down_to_whole_seconds(text: str, seconds: int) -> None:
    assert duration_seconds(text) == seconds
    assert type(duration_seconds(text)) is int
