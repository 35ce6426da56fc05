"""Snapshots of the synthesized JSON. Update on purpose (`make snapshots`) and read the diff."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.helpers import SCENARIOS, build, chart_values, engine_neutral, synth


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_synthesized_json(name: str, snapshot: SnapshotAssertion) -> None:
    stack, _ = build(SCENARIOS[name])
    doc = synth(stack)
    # Paired with the property tests in test_velero_backups.py; here the whole document is pinned.
    assert engine_neutral(doc) == snapshot
    # And the values, parsed, so that a diff in them reads as data rather than as one YAML string.
    assert chart_values(doc) == snapshot(name="values")
