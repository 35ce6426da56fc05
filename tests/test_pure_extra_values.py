"""``extra_values`` without jsii synthesis: the plain copy and its limits, keys the chart knows, every owned key
naming its property, the merge over the library's values (mappings merged, lists extended, ``None`` refused over
a library value), the coalesced values against the chart's schema and the Kubernetes rules, with the property
each error names."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import VeleroConfigError
from cdktf_velero.engine.core import Token
from cdktf_velero.versions import VELERO_IMAGE

from .internal import OWNED_KEYS, extra_values, planned_output
from .strategies import FAKE_TOKENS
from .test_pure_cases import aws

pytestmark = pytest.mark.pure

T0 = FAKE_TOKENS[0]


def planned(extra: object, **kwargs: Any) -> dict[str, Any]:
    return planned_output({"aws": aws(), "extra_values": extra, **kwargs})[1]


def refused(extra: object, **kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        planned(extra, **kwargs)
    assert raised.value.rule
    return raised.value


def nest(depth: int, leaf: object = "v") -> Any:
    for _ in range(depth):
        leaf = {"a": leaf}
    return leaf


def at(path: tuple[str, ...], value: object) -> dict[str, Any]:
    for key in reversed(path):
        value = {key: value}
    assert isinstance(value, dict)
    return value


# ---- the plain copy -------------------------------------------------------------------------------------


class Text(str):
    """A str subclass: the copy holds a plain str."""


def test_the_copy_is_plain_data() -> None:
    given = {"podLabels": {"a": Text("b")}, "tolerations": ("x", "y"), "podAnnotations": {}, "upgradeCRDs": False}
    given |= {"terminationGracePeriodSeconds": 2**63 - 1, "revisionHistoryLimit": 2.5, "dnsPolicy": None}
    copy = extra_values.check_extra_values(given, owned=())
    assert copy == {**given, "tolerations": ["x", "y"]}
    assert type(copy["podLabels"]["a"]) is str
    assert copy["upgradeCRDs"] is False
    assert type(copy["revisionHistoryLimit"]) is float
    assert copy["dnsPolicy"] is None
    assert extra_values.check_extra_values(None, owned=()) == {}
    assert extra_values.check_extra_values({}, owned=()) == {}


@pytest.mark.parametrize(
    ("given", "path", "value"),
    [
        ({"revisionHistoryLimit": 2**63}, "extra_values.revisionHistoryLimit", 2**63),
        ({"revisionHistoryLimit": -(2**63) - 1}, "extra_values.revisionHistoryLimit", -(2**63) - 1),
        ({"tolerations": [1.0, float("inf")]}, "extra_values.tolerations[1]", float("inf")),
        ({"tolerations": [float("-inf")]}, "extra_values.tolerations[0]", float("-inf")),
        ({"podLabels": {"": "x"}}, "extra_values.podLabels", ""),
        ({"podLabels": {"e\u0301": "x"}}, "extra_values.podLabels.e\u0301", "e\u0301"),
        ({"podLabels": {"a": "\ud800"}}, "extra_values.podLabels.a", "\ud800"),
        ({"podLabels": nest(64)}, "extra_values.podLabels" + ".a" * 64, "..."),
        ({"typo": 1}, "extra_values.typo", 1),
        ({"podlabels": {}}, "extra_values.podlabels", "dict"),
    ],
)
def test_values_helm_cannot_carry(given: dict[str, Any], path: str, value: object) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        extra_values.check_extra_values(given, owned=())
    assert (raised.value.path, raised.value.value) == (path, value)
    assert raised.value.rule


def test_limits_hold_their_last_valid_value() -> None:
    ints = [2**63 - 1, -(2**63 - 1), 0]
    assert extra_values.check_extra_values({"tolerations": ints}, owned=())["tolerations"] == ints
    deep = extra_values.check_extra_values({"podLabels": nest(63)}, owned=())
    assert deep["podLabels"] == nest(63)
    lists: Any = "v"
    for _ in range(63):
        lists = [lists]
    assert extra_values.check_extra_values({"tolerations": lists}, owned=())["tolerations"] == lists
    with pytest.raises(VeleroConfigError) as raised:
        extra_values.check_extra_values({"tolerations": [lists]}, owned=())
    assert (raised.value.path, raised.value.value) == ("extra_values.tolerations" + "[0]" * 64, "...")
    assert extra_values.check_extra_values({"tolerations": [-1e199]}, owned=())["tolerations"] == [-1e199]
    with pytest.raises(VeleroConfigError) as raised:
        extra_values.check_extra_values({"tolerations": [float("nan")]}, owned=())
    assert raised.value.path == "extra_values.tolerations[0]"


def test_number_tokens_are_asked_of_cdktf_only_below_minus_1e200(monkeypatch: pytest.MonkeyPatch) -> None:
    """cdktf's number tokens are huge negative floats: only those are asked about (the answer is cdktf's)."""
    asked: list[float] = []

    def is_unresolved(value: float) -> bool:
        asked.append(value)
        return value == -1e250

    monkeypatch.setattr(Token, "is_unresolved", staticmethod(is_unresolved))
    numbers = [-1e199, -1e200, -1e201, 1e300]
    assert extra_values.check_extra_values({"tolerations": numbers}, owned=())["tolerations"] == numbers
    assert asked == [-1e200, -1e201]
    with pytest.raises(VeleroConfigError) as raised:
        extra_values.check_extra_values({"tolerations": [0.5, -1e250]}, owned=())
    assert (raised.value.path, raised.value.value) == ("extra_values.tolerations[1]", -1e250)


@pytest.mark.parametrize(
    ("value", "path", "shown"),
    [
        ({1: "x"}, "p", 1),
        ({T0: "x"}, "p", T0),
        (object(), "p", "object"),
        (b"x", "p", "bytes"),
    ],
)
def test_the_copy_refuses_on_its_own(value: object, path: str, shown: object) -> None:
    """The copy repeats the credential scan's refusals of non-plain data (it runs after, on its own)."""
    with pytest.raises(VeleroConfigError) as raised:
        extra_values._plain(path, value, depth=0, seen=frozenset())
    assert (raised.value.path, raised.value.value) == (path, shown)
    assert raised.value.rule


def test_the_copy_refuses_cycles_and_non_mappings() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(VeleroConfigError) as raised:
        extra_values._plain("p", cycle, depth=0, seen=frozenset())
    assert (raised.value.path, raised.value.value) == ("p[0]", "...")
    assert raised.value.rule
    shared = ["x"]
    assert extra_values._plain("p", [shared, shared], depth=0, seen=frozenset()) == [["x"], ["x"]]
    value: object
    for value in ([], "x"):
        with pytest.raises(VeleroConfigError) as raised:
            extra_values.check_extra_values(value, owned=())
        assert (raised.value.path, raised.value.value) == ("extra_values", None)


def test_a_non_mapping_is_refused_without_the_credential_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extra_values, "refuse_credentials", lambda value, path: None)
    with pytest.raises(VeleroConfigError) as raised:
        extra_values.check_extra_values(["x"], owned=())
    assert (raised.value.path, raised.value.value) == ("extra_values", "list")
    assert raised.value.rule


# ---- owned keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("owned", OWNED_KEYS, ids=lambda key: ".".join(key.path))
def test_each_owned_key_names_its_property(owned: extra_values.OwnedKey) -> None:
    error = refused(at(owned.path, "x"))
    assert error.path == "extra_values." + ".".join(owned.path)
    assert error.value == "x"
    assert owned.use in error.rule


def test_credentials_are_refused_first() -> None:
    error = refused({"credentials": {"useSecret": False}})
    assert (error.path, error.value) == ("extra_values.credentials", None)


def test_beside_owned_keys() -> None:
    values = planned({"image": {"pullPolicy": "Always"}, "nodeAgent": {"podLabels": {"a": "b"}}})
    assert values["image"] == {"repository": "velero/velero", "tag": "v1.18.2", "pullPolicy": "Always"}
    assert values["nodeAgent"]["podLabels"] == {"a": "b"}
    assert values["nodeAgent"]["resources"]["limits"] == {"memory": "1Gi"}
    table = (extra_values.OwnedKey(("a", "b"), "x"),)
    assert extra_values.check_extra_values({"podLabels": {"a": {"b": 1}}}, owned=table) == {
        "podLabels": {"a": {"b": 1}}
    }
    assert extra_values.check_extra_values({"schedules": {}}, owned=()) == {"schedules": {}}


# ---- the merge ------------------------------------------------------------------------------------------


def test_merge_over_the_library_values() -> None:
    library = {"a": {"b": 1, "c": [1], "d": "x"}, "e": 2, "f": [0]}
    merged = extra_values.merge_extra_values(library, {"a": {"b": 3, "c": [2], "g": None}, "h": None, "f": []})
    assert merged == {"a": {"b": 3, "c": [1, 2], "d": "x", "g": None}, "e": 2, "f": [0], "h": None}
    assert library == {"a": {"b": 1, "c": [1], "d": "x"}, "e": 2, "f": [0]}


@pytest.mark.parametrize(
    ("extra", "path", "value"),
    [
        ({"a": {"b": None}}, "extra_values.a.b", None),
        ({"e": None}, "extra_values.e", None),
        ({"a": "x"}, "extra_values.a", "x"),
        ({"a": [1]}, "extra_values.a", "list"),
        ({"a": {"c": {"x": 1}}}, "extra_values.a.c", "dict"),
        ({"a": {"c": "x"}}, "extra_values.a.c", "x"),
    ],
)
def test_merge_refusals(extra: dict[str, Any], path: str, value: object) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        extra_values.merge_extra_values({"a": {"b": 1, "c": [1]}, "e": False}, extra)
    assert (raised.value.path, raised.value.value) == (path, value)
    assert raised.value.rule


def test_the_planned_merge() -> None:
    values = planned({"metrics": {"scrapeInterval": "30s"}, "upgradeCRDs": False, "podLabels": None})
    assert values["metrics"] == {"enabled": True, "scrapeInterval": "30s"}
    assert values["upgradeCRDs"] is False
    assert values["podLabels"] is None
    config = planned({"configuration": {"logLevel": "debug"}})["configuration"]
    assert config["logLevel"] == "debug"
    assert config["defaultBackupStorageLocation"] == "aws"
    added = {"name": "velero-plugin-for-gcp", "image": "velero/velero-plugin-for-gcp:v1.13.0"}
    containers = planned({"initContainers": [added]})["initContainers"]
    assert [c["name"] for c in containers] == ["velero-plugin-for-aws", "velero-plugin-for-gcp"]
    assert containers[1] == added


@pytest.mark.parametrize(
    ("extra", "path", "value"),
    [
        ({"upgradeCRDs": None}, "extra_values.upgradeCRDs", None),
        ({"configuration": "x"}, "extra_values.configuration", "x"),
        ({"initContainers": {"a": "b"}}, "extra_values.initContainers", "dict"),
        ({"image": VELERO_IMAGE}, "extra_values.image", VELERO_IMAGE),
    ],
)
def test_the_planned_merge_refusals(extra: dict[str, Any], path: str, value: object) -> None:
    error = refused(extra)
    assert (error.path, error.value) == (path, value)


# ---- init containers added ------------------------------------------------------------------------------

GCP = {"name": "gcp", "image": "velero/velero-plugin-for-gcp:v1.13.0"}


@pytest.mark.parametrize(
    ("added", "path", "value"),
    [
        (["x"], "extra_values.initContainers[0]", None),
        ([GCP, 1], "extra_values.initContainers[1]", 1),
        ([{"image": GCP["image"]}], "extra_values.initContainers[0].name", None),
        ([{**GCP, "name": "Gcp"}], "extra_values.initContainers[0].name", "Gcp"),
        ([{**GCP, "name": "velero-plugin-for-aws"}], "extra_values.initContainers[0].name", "velero-plugin-for-aws"),
        ([GCP, GCP], "extra_values.initContainers[1].name", "gcp"),
        ([{**GCP, "image": "Bad Image"}], "extra_values.initContainers[0].image", "Bad Image"),
        ([{"name": "gcp"}], "extra_values.initContainers[0].image", None),
    ],
)
def test_added_init_containers(added: list[Any], path: str, value: object) -> None:
    error = refused({"initContainers": added})
    assert (error.path, error.value) == (path, value)


def test_init_containers_checked_only_when_both_lists() -> None:
    extra_values._check_init_containers({"initContainers": "x"}, {"initContainers": [1]})
    extra_values._check_init_containers({"initContainers": [1]}, {"initContainers": "x"})
    extra_values._check_init_containers({}, {})
    two = [{"name": "a"}, "x", GCP, {**GCP, "name": "gcp2"}]
    extra_values._check_init_containers({"initContainers": two}, {"initContainers": two[2:]})
