"""Explicit cases for the release checks, the chart values and the schedules that the property tests reach only by
chance: the chart version's form, the names of refused release props, owned fragments the chart refuses, the
server variables the library owns, the YAML's line width, the optional filters, paused and the data mover's need."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from cdktf_velero import VeleroConfigError
from cdktf_velero.schedules import check_filters
from cdktf_velero.versions import CHART_NAME, CHART_VERSION, VELERO_IMAGE

from .internal import chart_values, check_schedules, planned_output, to_yaml
from .strategies import FAKE_TOKENS
from .test_pure_cases import aws, do, sched
from .test_pure_plan import CSI, s3

pytestmark = pytest.mark.pure


def plan(**kwargs: Any) -> tuple[Any, dict[str, Any], list[dict[str, Any]]]:
    return planned_output({"aws": aws(), **kwargs})


def refused(**kwargs: Any) -> tuple[str, object]:
    with pytest.raises(VeleroConfigError) as raised:
        plan(**kwargs)
    return raised.value.path, raised.value.value


@pytest.mark.parametrize(
    ("kwargs", "path", "value"),
    [
        ({"chart_version": "12.a.0"}, "chart_version", "12.a.0"),
        ({"chart_version": "12.1.a"}, "chart_version", "12.1.a"),
        ({"chart_version": "12.x.0"}, "chart_version", "12.x.0"),
        ({"chart_version": 12}, "chart_version", 12),
        ({"release_name": "null"}, "release_name", "null"),
        ({"release_name": "true"}, "release_name", "true"),
        ({"timeout": 9_223_372_037}, "timeout", 9_223_372_037),
    ],
)
def test_release_props_refused(kwargs: dict[str, Any], path: str, value: object) -> None:
    assert refused(**kwargs) == (path, value)


def test_release_spec() -> None:
    assert plan(timeout=9_223_372_036)[0].release.timeout == 9_223_372_036
    release = plan(chart_version=CHART_VERSION)[0].release
    assert (release.chart, release.version, release.fullname) == (CHART_NAME, CHART_VERSION, "velero")


def test_token_release_name_and_chart_version() -> None:
    """A token is taken as it comes: its fullname is the token itself, its version is not read."""
    release = plan(release_name=FAKE_TOKENS[0], chart_version=FAKE_TOKENS[1])[0].release
    assert (release.name, release.fullname, release.version) == (FAKE_TOKENS[0], FAKE_TOKENS[0], FAKE_TOKENS[1])


def test_two_feature_flags_are_comma_separated() -> None:
    locations = plan()[0].locations
    flagged = [loc.__class__(**{**loc.__dict__, "features": ("A", "B")}) for loc in locations]
    values = chart_values(
        velero_image=VELERO_IMAGE, init_containers=[], locations=flagged, node_agent=False, metrics=False
    )
    assert values["configuration"]["features"] == "A,B"


@pytest.mark.parametrize(
    ("fragment", "path"),
    [
        (
            {"configuration": {"repositoryMaintenanceJob": {"repositoryConfigData": {"global": 5}}}},
            "repository_maintenance",
        ),
    ],
)
def test_owned_fragment_the_chart_refuses_names_its_prop(fragment: dict[str, Any], path: str) -> None:
    locations = plan()[0].locations
    with pytest.raises(VeleroConfigError) as raised:
        chart_values(
            velero_image=VELERO_IMAGE,
            init_containers=[],
            locations=locations,
            node_agent=False,
            metrics=False,
            owned=[fragment],
        )
    assert raised.value.path == path


def test_a_server_variable_the_library_sets_is_refused() -> None:
    ref = {"configMapKeyRef": {"name": "settings", "key": "checksums"}}
    env = [{"name": "AWS_REQUEST_CHECKSUM_CALCULATION", "valueFrom": ref}]
    path, value = refused(locations=[s3()], extra_values={"configuration": {"extraEnvVars": env}})
    assert (path, value) == ("extra_values.configuration.extraEnvVars[0].name", "AWS_REQUEST_CHECKSUM_CALCULATION")


def test_yaml_breaks_at_the_width_of_4096() -> None:
    """Lines are folded at the first space past column 4096, never at 4097."""
    text = "a " * 2050
    assert to_yaml({"k": text}) == yaml.safe_dump({"k": text}, width=4096, sort_keys=False)
    assert to_yaml({"k": text}) != yaml.safe_dump({"k": text}, width=4097, sort_keys=False)
    assert yaml.safe_load(to_yaml({"k": text})) == {"k": text}


FILTERS = ("ttl", "included_namespaces", "excluded_namespaces", "included_resources", "excluded_resources")


def test_optional_filters_leave_unset_fields_out() -> None:
    unset = SimpleNamespace(**dict.fromkeys(FILTERS))
    assert check_filters("spec", unset, optional=True) == (None,) * 5
    given = SimpleNamespace(**{**dict.fromkeys(FILTERS), "ttl": "24h0m0s"})
    assert check_filters("spec", given, optional=True).ttl == "24h0m0s"
    with pytest.raises(VeleroConfigError) as raised:
        check_filters("spec", SimpleNamespace(**{**dict.fromkeys(FILTERS), "ttl": "1 day"}), optional=True)
    assert (raised.value.path, raised.value.value) == ("spec.ttl", "1 day")
    with pytest.raises(VeleroConfigError) as raised:
        check_filters("spec", unset, optional=False)
    assert raised.value.path == "spec.ttl"


@pytest.mark.parametrize("paused", [True, False])
def test_paused(paused: bool) -> None:
    spec = plan(aws=aws(schedule=sched(paused=paused)))[0].locations[0].schedule.spec
    assert spec.paused is (True if paused else None)


def test_the_data_mover_need_is_a_bool() -> None:
    for node_agent in (None, True, False):
        needs = check_schedules([], snapshot_locations=set(), csi_snapshots=False, node_agent=node_agent)
        assert needs.data_mover is False


def test_a_snapshot_schedule_moves_no_data_by_default() -> None:
    located = plan(aws=aws(schedule=sched(snapshot_volumes=True)), digitalocean=do(**CSI, schedule=None))[0]
    assert located.locations[0].schedule.snapshot_move_data is False
    assert located.node_agent is False


def test_backup_spec_rules_name_the_schedule() -> None:
    error = refused(aws=aws(schedule=sched(included_namespaces=["a"], excluded_namespaces=["a"])))
    assert error == ("aws.schedule.excluded_namespaces[0]", "a")
