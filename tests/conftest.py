"""Hypothesis profiles: ``dev`` (quick, local), ``ci`` (the default when ``CI`` is set), ``thorough``
(ten times ci), ``mutation`` (a handful per test, for ``make mutation``).

Pick one with ``HYPOTHESIS_PROFILE=thorough make test``.

``max_examples`` is the unit the property tests scale (``tests/strategies.py`` ``budget``). In ci
(400) the property tests run 2,200 examples in all, each a fixed share of the unit:

- pure layer, about 1,100: 400 valid, 300 configurations
  (``test_valid_configuration_gives_the_documented_output``) and 100 sets of ``add_*`` objects; the
  rest corrupted, a budget of 800 split evenly over the N corruptions (``tests/corruptions*.py`` and
  ``OBJECT_CORRUPTIONS``), ``round(800 / N)`` each so that every corruption is tried in every run.
  Today N is 154, so 5 each; a corruption with fewer distinct values (a flag set to True) stops when
  it has tried them all: at most 770 corrupted examples in all;
- 200 valid configurations synthesized through cdktf (``tests/test_synthesized.py``);
- 800 cron and duration strings (``tests/test_cron_oracle.py``): 300 valid crons, 300 invalid ones,
  200 durations.

CI prints the figures with ``--hypothesis-show-statistics`` (``.ci/run``); the ``events`` there show
the split (``valid: ...``, ``corrupted: <id>``). Read from that output on 2026-11-26: 300 and 100 valid
examples, 741 corrupted ones over the 154 corruptions (each tried at least once; 9 of the added objects'
stopped early, out of values), 200 synthesized, 300 + 300 valid and invalid crons and 200 durations; no
example failed.
"""

from __future__ import annotations

import importlib.util
import os

import pytest
from hypothesis import HealthCheck, Phase, settings

from .ids import is_plain, plain_id

_COMMON: dict[str, object] = {
    "deadline": None,  # jsii synthesis has an uneven first call; time limits would only flake
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
}

settings.register_profile("dev", max_examples=100, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("ci", max_examples=400, derandomize=True, print_blob=True, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("thorough", max_examples=4000, **_COMMON)  # type: ignore[arg-type]
# Per mutant: few examples, the same ones every time, no shrinking (a failure is all mutmut needs).
settings.register_profile(
    "mutation",
    max_examples=10,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    **_COMMON,  # type: ignore[arg-type]
)


def pytest_make_parametrize_id(config: object, val: object, argname: str) -> str | None:
    """Generated test ids in plain ASCII (``tests/ids.py``)."""
    return plain_id(val) if isinstance(val, str) and not is_plain(val) else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Ids must be plain (given by hand too); tests for another engine's environment are deselected, not skipped:
    ``cdktf_only`` runs on cdktf alone, ``both_engines`` where cdktf and cdktn are both installed."""
    escaped = [item.nodeid for item in items if not is_plain(item.nodeid)]
    if escaped:
        raise pytest.UsageError(f"test ids that are not plain ASCII (use tests/ids.py's plain_id): {escaped[:5]}")
    from cdktf_velero.engine import ENGINE

    both = all(importlib.util.find_spec(name) for name in ("cdktf", "cdktn"))
    elsewhere = [
        item
        for item in items
        if (ENGINE != "cdktf" and item.get_closest_marker("cdktf_only"))
        or (not both and item.get_closest_marker("both_engines"))
    ]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if item not in elsewhere]


PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)

if PROFILE == "mutation":
    # mutmut forks a worker per mutant from a process that has started jsii's node process. A worker that reaches
    # jsii (a mutant that takes a path the pure tests never take) would share that process's pipes and hang; it
    # fails at once instead, which fails its test, as the mutant's changed path would.
    from jsii._kernel.providers.process import _NodeProcess

    def _no_jsii_in_a_worker(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("jsii is not reachable from a mutation worker (a forked process)")

    def _after_fork() -> None:
        _NodeProcess.send = _no_jsii_in_a_worker  # type: ignore[method-assign,assignment]

    os.register_at_fork(after_in_child=_after_fork)
