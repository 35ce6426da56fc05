"""The run-time type check of the ``add_*`` objects (:mod:`cdktf_velero.typed_check`) in the pure layer: each kind of
annotation the generated classes use, the last valid and first invalid value of each limit, and the path and value
of each refusal."""

from __future__ import annotations

import math
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pytest

from cdktf_velero import VeleroConfigError
from cdktf_velero.typed_check import check_plain_json, check_typed

pytestmark = pytest.mark.pure

P = "add_manifest('x').spec"
BIG = 2**63 - 1
NOT_NFC = "e\u0301"


@dataclass(frozen=True)
class Inner:
    name: str
    count: int | None = None


@dataclass(frozen=True)
class Outer:
    inner: Inner
    items: Sequence[Inner] | None = None
    tags: Mapping[str, str] | None = None
    mode: Literal["a", "b"] | None = None
    free: Any = None


def refused(call: Any, *args: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        call(*args)
    assert raised.value.rule, "an explanation"
    return raised.value


@pytest.mark.parametrize(
    ("value", "annotation"),
    [
        (None, str | None),
        (None, typing.Optional[str]),  # noqa: UP045 (typing.Union is a form of its own)
        ("a", str | None),
        ("a", typing.Optional[str]),  # noqa: UP045
        ("a", Literal["a", "b"]),
        ("b", Literal["a", "b"]),
        ("", str),
        (True, bool),
        (False, bool),
        (0, int),
        (BIG, int),
        (-BIG, int),
        (("a", "b"), Sequence[str]),
        ([], list[str]),
        ({}, Mapping[str, int]),
        ({"a": 1}, dict[str, int]),
        ({"x": [1, 2.5, None, True, "s", ("t",)], "y": {}}, Any),
        (Outer(inner=Inner("a")), Outer),
        (
            Outer(
                inner=Inner("a", count=BIG),
                items=[Inner("b"), Inner("c", 3)],
                tags={"t": "v"},
                mode="b",
                free={"k": [1]},
            ),
            Outer,
        ),
    ],
)
def test_values_of_their_annotation(value: Any, annotation: Any) -> None:
    check_typed(P, value, annotation)


@pytest.mark.parametrize(
    ("value", "annotation", "path", "shown"),
    [
        (None, int | str, P, None),
        ("x", int | str, P, "x"),
        ("x", typing.Union[int, str, None], P, "x"),  # noqa: UP007
        (5, str | None, P, 5),
        (5, typing.Optional[str], P, 5),  # noqa: UP045
        ("c", Literal["a", "b"], P, "c"),
        (None, Literal["a", "b"], P, None),
        (1, Literal["a", 1], P, 1),
        (True, Literal["a", 1], P, True),
        (5, str, P, 5),
        (NOT_NFC, str, P, NOT_NFC),
        (1, bool, P, 1),
        ("true", bool, P, "true"),
        (True, int, P, True),
        ("1", int, P, "1"),
        (1.0, int, P, 1.0),
        (BIG + 1, int, P, BIG + 1),
        (-BIG - 1, int, P, -BIG - 1),
        ("ab", Sequence[str], P, "ab"),
        (b"ab", Sequence[str], P, "bytes"),
        ({"a"}, Sequence[str], P, "set"),
        (["a", 5], Sequence[str], f"{P}[1]", 5),
        ([5], list[str], f"{P}[0]", 5),
        ([1], Mapping[str, int], P, "list"),
        ({1: 1}, Mapping[str, int], P, 1),
        ({"": 1}, Mapping[str, int], P, ""),
        ({NOT_NFC: 1}, Mapping[str, int], P, NOT_NFC),
        ({"a": 1, "b": "x"}, dict[str, int], f"{P}.b", "x"),
        ({"name": "x"}, Inner, P, "dict"),
        (Inner("a"), Outer, P, "Inner"),
        (Outer(inner=Inner(5)), Outer, f"{P}.inner.name", 5),  # type: ignore[arg-type]
        (Outer(Inner("a"), items=[Inner("b"), Inner("c", "3")]), Outer, f"{P}.items[1].count", "3"),  # type: ignore[arg-type]
        (Outer(Inner("a"), tags={"t": 1}), Outer, f"{P}.tags.t", 1),  # type: ignore[dict-item]
        (Outer(Inner("a"), mode="c"), Outer, f"{P}.mode", "c"),  # type: ignore[arg-type]
        (Outer(Inner("a"), free={"k": {1, 2}}), Outer, f"{P}.free.k", "set"),
        (1.5, float, P, 1.5),
        (Inner("a"), Inner("a"), P, "Inner"),  # an instance is no annotation
        ({1, 2}, Any, P, "set"),
    ],
)
def test_values_of_another_type_are_refused(value: Any, annotation: Any, path: str, shown: Any) -> None:
    error = refused(check_typed, P, value, annotation)
    assert (error.path, error.value) == (path, shown)


# ---- free-form data -------------------------------------------------------------------------------------------


def nested_lists(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


def nested_maps(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = {"k": value}
    return value


def test_nesting_up_to_64_levels() -> None:
    check_plain_json(P, nested_lists(64))
    check_plain_json(P, nested_maps(64))
    check_plain_json(P, [nested_maps(63)])
    error = refused(check_plain_json, P, nested_lists(65))
    assert (error.path, error.value) == (P + "[0]" * 65, "...")
    error = refused(check_plain_json, P, nested_maps(65))
    assert (error.path, error.value) == (P + ".k" * 65, "...")
    error = refused(check_plain_json, P, [nested_maps(64)])
    assert (error.path, error.value) == (P + "[0]" + ".k" * 64, "...")


@pytest.mark.parametrize(
    "value", [None, True, False, "", "text", 0, BIG, -BIG, 1.5, -0.0, [], (), {}, {"a": [1, ("b", None)]}]
)
def test_json_data(value: Any) -> None:
    check_plain_json(P, value)


@pytest.mark.parametrize(
    ("value", "path", "shown"),
    [
        (NOT_NFC, P, NOT_NFC),
        (BIG + 1, P, BIG + 1),
        (-BIG - 1, P, -BIG - 1),
        (math.inf, P, math.inf),
        (-math.inf, P, -math.inf),
        ({1: "a"}, P, 1),
        ({"": "a"}, P, ""),
        ({NOT_NFC: "a"}, P, NOT_NFC),
        ({"a": [0, {"b": math.inf}]}, f"{P}.a[1].b", math.inf),
        ((0, 1, {"c": NOT_NFC}), f"{P}[2].c", NOT_NFC),
        ({"a"}, P, "set"),
        (b"a", P, "bytes"),
        (object(), P, "object"),
        ([1, 2 + 3j], f"{P}[1]", "complex"),
    ],
)
def test_other_data_is_refused(value: Any, path: str, shown: Any) -> None:
    error = refused(check_plain_json, P, value)
    assert (error.path, error.value) == (path, shown)


def test_not_a_number_is_refused() -> None:
    error = refused(check_plain_json, f"{P}.x", math.nan)
    assert error.path == f"{P}.x"
    assert math.isnan(error.value)
