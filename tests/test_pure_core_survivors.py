"""Leaf checks of names, lists, maps, images and numbers at the boundaries the mutation run found unguarded
(docs/mutation-report.md): the last valid and the first invalid value of each length limit, each way a glob or
a map key is refused, and the path, value and rule each refusal carries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cdktf_velero import VeleroConfigError

from .internal import validation as v
from .strategies import FAKE_TOKENS

pytestmark = pytest.mark.pure

T0 = FAKE_TOKENS[0]


def refusal(check: Callable[..., Any], path: str, value: object) -> tuple[str, object]:
    """``(path, value)`` of the error ``check`` raises; the rule is always some text."""
    with pytest.raises(VeleroConfigError) as raised:
        check(path, value)
    assert isinstance(raised.value.rule, str)
    assert raised.value.rule
    return raised.value.path, raised.value.value


# ---- lengths: the last valid value and the first invalid one --------------------------------------------


@pytest.mark.parametrize(
    ("check", "make", "limit"),
    [
        (v.check_dns_subdomain, lambda n: "a" * n, 253),
        (v.check_image, lambda n: "a" * n + ":v1", 255),  # the image name, without its tag
        (v.check_namespace_pattern, lambda n: "a" * n, 63),
        (v.check_namespace_pattern, lambda n: "a" * (n - 3) + "[b]", 63),  # a glob counted as the name it matches
    ],
    ids=["subdomain", "image name", "namespace", "namespace glob"],
)
def test_length_limits(check: Callable[..., Any], make: Callable[[int], str], limit: int) -> None:
    assert check("p", make(limit)) == make(limit)
    assert refusal(check, "p", make(limit + 1)) == ("p", make(limit + 1))


def test_dns_subdomain_length_as_a_predicate() -> None:
    assert v.is_dns_subdomain("a" * 253)
    assert not v.is_dns_subdomain("a" * 254)
    assert v.check_url("p", "https://" + "a" * 253) == "https://" + "a" * 253
    assert refusal(v.check_url, "p", "https://" + "a" * 254) == ("p", "https://" + "a" * 254)


@pytest.mark.parametrize("maximum", [2**31 - 1, 10])
def test_positive_int_maximum_is_inclusive(maximum: int) -> None:
    assert v.check_positive_int("p", maximum, maximum=maximum) == maximum
    with pytest.raises(VeleroConfigError) as raised:
        v.check_positive_int("p", maximum + 1, maximum=maximum)
    assert (raised.value.path, raised.value.value) == ("p", maximum + 1)
    assert raised.value.rule


# ---- tokens pass the name checks unchecked --------------------------------------------------------------


def test_tokens_pass_subdomain_and_resource_checks() -> None:
    assert v.check_dns_subdomain("p", T0) is T0
    assert v.check_resource_list("p", [T0, "deployments.apps"]) == [T0, "deployments.apps"]


# ---- namespace globs: each rule alone -------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        "a**",  # '**' alone (the rest reads as a name): only the first rule refuses it
        "**",
        "app-**-x",
        "team-[ab",  # unbalanced: only the bracket rule refuses it
        "a[]b",  # empty brackets
        "a]b",
    ],
)
def test_namespace_glob_rules_name_path_and_value(pattern: str) -> None:
    assert refusal(v.check_namespace_pattern, "aws.schedule.included_namespaces[0]", pattern) == (
        "aws.schedule.included_namespaces[0]",
        pattern,
    )


@pytest.mark.parametrize("pattern", ["a|b", "a(b)", "a!", "a{b}", "a,b", "a*", "*", "team-[ab]", "a?c"])
def test_namespace_globs(pattern: str) -> None:
    ok = not any(char in pattern for char in "|()!{},")
    if ok:
        assert v.check_namespace_pattern("p", pattern) == pattern
    else:
        assert refusal(v.check_namespace_pattern, "p", pattern) == ("p", pattern)


# ---- lists: each entry is named by its index ------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", " ", 5, None, "a${x}"])
@pytest.mark.parametrize("check", [v.check_name_list, v.check_resource_list, v.check_namespace_list])
def test_a_bad_list_entry_is_named_by_its_index(check: Callable[..., Any], bad: object) -> None:
    path, _ = refusal(check, "aws.schedule.list", ["ok", bad])
    assert path == "aws.schedule.list[1]"


# ---- string maps: keys ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["", 5, None, T0, f"a{T0}", "${x}", "a%{x}"])
def test_a_map_key_that_is_no_literal_name_is_refused(key: object) -> None:
    assert refusal(v.check_string_map, "aws.config", {key: "v"}) == ("aws.config", key)


def test_a_map_key_text_cannot_write_is_refused_with_the_map_path() -> None:
    assert refusal(v.check_string_map, "aws.config", {"e\u0301": "v"}) == ("aws.config", "e\u0301")


def test_literal_map_keys_are_kept() -> None:
    config = {"k": "", "a.b/c": T0, "$x": "%y"}
    assert v.check_string_map("aws.config", config) == config
