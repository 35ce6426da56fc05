"""Hypothesis profiles: ``dev`` (quick, local), ``ci`` (the default when ``CI`` is set: at least
2,000 generated examples per run, derandomized so a failure reproduces), ``thorough`` (ten times ci).

Pick one with ``HYPOTHESIS_PROFILE=thorough make test``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON: dict[str, object] = {
    "deadline": None,  # jsii synthesis has an uneven first call; time limits would only flake
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
}

# `max_examples` is the unit the property tests scale (tests/strategies.py `scaled`): in ci the
# tests run 2,200 examples in all: 1,200 pure-layer configurations, 200 synthesized through
# cdktf, 800 cron and duration strings.
settings.register_profile("dev", max_examples=100, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("ci", max_examples=400, derandomize=True, print_blob=True, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("thorough", max_examples=4000, **_COMMON)  # type: ignore[arg-type]

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)
