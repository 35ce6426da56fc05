"""What the chart and the cluster will accept: values.schema.json and the Velero CRDs of the pinned chart, with the
chart rendered for real (tests/chart_render.py)."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from tests.chart_render import merged_values, validate_velero_objects
from tests.helpers import SCENARIOS, build, chart_values, crd_schema, manifest_objects, synth, upstream_dir

REFUSED_TOP_LEVEL = ("deployRestic", "restic", "defaultVolumesToRestic", "resticTimeout", "defaultResticPruneFrequency")


def synthesized(name: str) -> dict[str, Any]:
    stack, _ = build(SCENARIOS[name])
    return synth(stack)


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def doc(request: pytest.FixtureRequest) -> dict[str, Any]:
    return synthesized(request.param)


def test_values_pass_the_chart_schema(doc: dict[str, Any]) -> None:
    schema = json.loads((upstream_dir() / "values.schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(merged_values(chart_values(doc)))


def test_merged_values_keep_no_placeholder_location(doc: dict[str, Any]) -> None:
    """The chart's default lists carry an empty placeholder location; ours replace them."""
    values = merged_values(chart_values(doc))
    for item in values["configuration"]["backupStorageLocation"]:
        assert item["provider"]
        assert item["bucket"]
        assert item["name"]
    assert values["configuration"]["volumeSnapshotLocation"] == []


def test_values_hold_nothing_the_chart_notes_refuse(doc: dict[str, Any]) -> None:
    values = chart_values(doc)
    for key in REFUSED_TOP_LEVEL:
        assert key not in values
    assert "provider" not in values["configuration"]
    assert isinstance(values["configuration"]["backupStorageLocation"], list)
    assert isinstance(values["configuration"]["volumeSnapshotLocation"], list)
    assert values["configuration"].get("uploaderType") != "restic"


def test_every_velero_object_passes_its_crd(doc: dict[str, Any]) -> None:
    """The objects the chart renders from the values, and the stack's own, pass their closed CRD schemas."""
    rendered = validate_velero_objects(doc)
    objects = [*rendered.velero_objects, *manifest_objects(doc)]
    assert {obj["kind"] for obj in rendered.velero_objects} >= {"BackupStorageLocation", "Schedule"}
    # Exactly one default location, the one the server's --default-backup-storage-location names.
    locations = [obj for obj in objects if obj["kind"] == "BackupStorageLocation"]
    defaults = [obj["metadata"]["name"] for obj in locations if obj["spec"].get("default")]
    assert defaults == [chart_values(doc)["configuration"]["defaultBackupStorageLocation"]]


def test_the_crd_check_rejects_unknown_fields() -> None:
    """The closed CRD schema really fails on a misspelt field, so the test above can fail."""
    schema = crd_schema(upstream_dir(), "Schedule")
    bad = {
        "apiVersion": "velero.io/v1",
        "kind": "Schedule",
        "metadata": {"name": "x"},
        "spec": {"schedule": "@daily", "template": {"ttl": "1h", "storageLocaton": "aws"}},
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(bad)


def test_the_schema_check_rejects_null_credentials() -> None:
    """values.schema.json refuses null where the chart wants an object: the check is live."""
    schema = json.loads((upstream_dir() / "values.schema.json").read_text())
    values = merged_values(chart_values(synthesized("aws_only")))
    values["configuration"]["backupStorageLocation"][0]["credential"] = None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(values)
