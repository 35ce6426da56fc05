"""Values that break a known rule, by construction: a valid value with one known fault, or the wrong type.

Unlike a random string (which may well be valid), every value drawn here is invalid for its
rule, so a test may assert that it is refused.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from cdktf_velero import CHART_VERSION

WRONG_TYPES = st.sampled_from([0, 1, 1.5, b"bytes", ["list"], {"a": "b"}, object()])
"""Not a string (nor None, which often means "default")."""
NOT_BOOL = st.sampled_from([None, 0, 1, "yes", "true", "False", 1.0, ["x"]])
NOT_POSITIVE_INT = st.sampled_from([0, -1, -600, True, False, 1.5, "600", None, 10**0 * 0.0])
BLANK = st.sampled_from(["", " ", "\t", "\n", "\u00a0", "  \u200b"]).filter(lambda s: s.strip() == "")


def _insert(valid: st.SearchStrategy[str], chars: str) -> st.SearchStrategy[str]:
    """``valid`` with one character from ``chars`` put somewhere inside it."""
    return st.tuples(valid, st.sampled_from(list(chars)), st.integers(0, 100)).map(
        lambda t: t[0][: t[2] % (len(t[0]) + 1)] + t[1] + t[0][t[2] % (len(t[0]) + 1) :]
    )


def dns_labels(valid: st.SearchStrategy[str], max_length: int = 63) -> st.SearchStrategy[Any]:
    """Not a DNS-1123 label of at most ``max_length`` characters."""
    return st.one_of(
        _insert(valid, "_ .A/:\u00e9\n*@"),
        valid.map(lambda s: f"-{s}"),
        valid.map(lambda s: f"{s}-"),
        st.integers(max_length + 1, max_length + 200).map(lambda n: "a" * n),
        BLANK,
        WRONG_TYPES,
    )


def dns_subdomains(valid: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Not a DNS-1123 subdomain (dots are fine there)."""
    return st.one_of(
        _insert(valid, "_ A/:\u00e9\n*@"),
        valid.map(lambda s: f"-{s}"),
        valid.map(lambda s: f"{s}."),
        valid.map(lambda s: f"{s}..x"),
        st.integers(254, 400).map(lambda n: "a" * n),
        BLANK,
        WRONG_TYPES,
    )


def s3_buckets(valid: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.one_of(
        _insert(valid, "_ A/:\u00e9"),
        valid.map(lambda s: f"-{s}"),
        valid.map(lambda s: f"{s}."),
        valid.map(lambda s: f"{s}..x"),
        valid.map(lambda s: f"{s}.-x"),
        valid.map(lambda s: f"{s}-.x"),
        valid.map(lambda s: f"xn--{s}"),
        valid.map(lambda s: f"sthree-{s}"),
        valid.map(lambda s: f"{s}-s3alias"),
        valid.map(lambda s: f"{s}--ol-s3"),
        st.sampled_from(["ab", "a", "192.168.1.10", "10.0.0.1", "a" * 64]),
        BLANK,
        WRONG_TYPES,
    )


def spaces_buckets(valid: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.one_of(
        _insert(valid, "_ .A/:"),
        valid.map(lambda s: f"-{s}"),
        valid.map(lambda s: f"{s}-"),
        st.sampled_from(["ab", "a", "a" * 64]),
        BLANK,
        WRONG_TYPES,
    )


def aws_regions(valid: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.one_of(
        valid.map(str.upper),
        valid.map(lambda s: f"{s}a"),
        valid.map(lambda s: s.replace("-", "_")),
        valid.map(lambda s: s.rsplit("-", 1)[0]),
        valid.map(lambda s: f" {s}"),
        st.sampled_from(["nyc3", "canada", "us-east-", "useast1"]),
        BLANK,
        WRONG_TYPES,
    )


def spaces_regions(valid: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.one_of(
        valid.map(str.upper),
        valid.map(lambda s: f"{s}x"),
        valid.map(lambda s: f"{s}\n"),
        st.sampled_from(["nyc1", "nyc2", "sfo1", "us-east-1", "fra"]),
        BLANK,
        WRONG_TYPES,
    )


def prefixes(valid: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.one_of(
        valid.map(lambda s: f"/{s}"),
        valid.map(lambda s: f"{s}/"),
        valid.map(lambda s: f"{s}//x"),
        _insert(valid, ' ?#\\"\n%&+=,:;<>@[]^`{}|~\u00e9'),
        st.just("a" * 513),
        BLANK,
        WRONG_TYPES,
    )


def images(valid: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Not a pinned image reference: no tag, ``:latest``, upper case, spaces, a token (must be literal)."""
    return st.one_of(
        valid.map(lambda s: s.rsplit(":", 1)[0]),
        valid.map(lambda s: f"{s.rsplit(':', 1)[0]}:latest"),
        # Upper case in the repository path (in the first part it would name a registry host, which may hold it).
        valid.map(lambda s: "{}{}A{}".format(*s.rpartition("/"))),
        _insert(valid, " \n\t"),
        st.just("${TfToken[TOKEN.77]}"),
        BLANK,
        WRONG_TYPES,
    )


def chart_versions() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(["11.4.0", "13.0.0", "1.12.0", "12.1", "12", "12.x.0", "12.\u0661.0"]),
        # The pinned version made invalid: the pin itself is written in versions.py alone.
        st.sampled_from(["{}.1", "v{}", "{}-rc.1", " {}", "{}\n"]).map(lambda form: form.format(CHART_VERSION)),
        st.tuples(st.integers(0, 99).filter(lambda n: n != 12), st.integers(0, 20), st.integers(0, 20)).map(
            lambda t: f"{t[0]}.{t[1]}.{t[2]}"
        ),
        BLANK,
        WRONG_TYPES,
    )


def strings() -> st.SearchStrategy[Any]:
    """Not a non-empty string."""
    return st.one_of(BLANK, WRONG_TYPES)


def access_modes() -> st.SearchStrategy[Any]:
    return st.sampled_from(["readwrite", "READONLY", "", "Read", "Write", "ReadWrite\n", " ReadOnly", None, 1, True])


def namespace_lists() -> st.SearchStrategy[Any]:
    bad_entry = st.one_of(
        _insert(st.sampled_from(["apps", "kube-system", "team-a"]), "_ A/.:\n@"),
        st.sampled_from(["-", "", " ", "a" * 64]),
        WRONG_TYPES,
    )
    return st.one_of(
        st.tuples(st.lists(st.sampled_from(["apps", "db"]), max_size=2, unique=True), bad_entry).map(
            lambda t: [*t[0], t[1]]
        ),
        st.sampled_from(["apps", "*", "", 3, None, [["nested"]], ["apps", "apps"], ["*", "*"]]),
    )


def resource_lists() -> st.SearchStrategy[Any]:
    bad_entry = st.one_of(
        _insert(st.sampled_from(["deployments.apps", "secrets", "persistentvolumeclaims"]), "_ A/:\n@"),
        st.sampled_from(["", " ", ".apps", "apps.", "a..b"]),
        WRONG_TYPES,
    )
    return st.one_of(
        st.tuples(st.lists(st.sampled_from(["secrets", "events"]), max_size=2, unique=True), bad_entry).map(
            lambda t: [*t[0], t[1]]
        ),
        st.sampled_from(["secrets", "*", 3, None, [["nested"]], ["secrets", "secrets"]]),
    )


def label_maps() -> st.SearchStrategy[Any]:
    """Not a map of label keys to label values."""
    good_key = st.sampled_from(["app", "backup.acme.io/tier", "team"])
    bad_key = st.one_of(
        _insert(good_key, " \n:@"),
        st.sampled_from(["-app", "app-", "/app", "app/", "Acme.IO/app", "a" * 64, "x/" + "a" * 64, ""]),
    )
    bad_value = st.one_of(
        _insert(st.sampled_from(["gold", "v1.2", "a_b"]), " /:@\n"),
        st.sampled_from(["-gold", "gold-", "a" * 64, "${x}", "%{x}"]),
        st.sampled_from([0, True, None, ["x"]]),
    )
    return st.one_of(
        st.dictionaries(bad_key, st.just("ok"), min_size=1, max_size=1),
        st.dictionaries(good_key, bad_value, min_size=1, max_size=1),
        st.sampled_from([["app"], "app=gold", 5]),
    )


def string_maps(reserved: tuple[str, ...]) -> st.SearchStrategy[Any]:
    """Not a map of strings to strings, or one setting a key the location sets itself."""
    return st.one_of(
        st.sampled_from([["x"], "a=b", 5, None]),
        st.dictionaries(
            st.sampled_from(["checksumAlgorithm", "s3ForcePathStyle"]),
            st.sampled_from([1, True, None, 1.5]),
            min_size=1,
            max_size=1,
        ),
        st.dictionaries(
            st.sampled_from(["kmsKeyId", "profile"]),
            st.sampled_from(["${x}", "a%{y}", "${var.k}"]),
            min_size=1,
            max_size=1,
        ),
        st.sampled_from([{"": "x"}, {5: "x"}, {"${k}": "x"}, {"${TfToken[TOKEN.3]}": "x"}]),
        *([st.sampled_from(reserved).map(lambda key: {key: "x"})] if reserved else []),
    )
