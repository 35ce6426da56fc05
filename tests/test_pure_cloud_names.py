"""Credentials and the clouds' names without jsii synthesis: a credential is one issued token (or, when allowed,
one plain word), the token encodings cdktf would replace, and each cloud name, URL and tag list at its
boundaries, refused with its path and value."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cdktf_velero import VeleroConfigError

from .internal import validation as v
from .strategies import FAKE_SECRETS, FAKE_TOKENS
from .test_pure_templates import refused

pytestmark = pytest.mark.pure

T0 = FAKE_TOKENS[0]
SPACES = ("nyc3", "sfo2", "sfo3", "ams3", "sgp1", "fra1", "syd1", "blr1", "lon1", "tor1", "atl1")
"""DigitalOcean's regions with Spaces, written out (a region dropped from the library's set fails here)."""
SECRET = FAKE_SECRETS["aws_access_key_id"]

# ---- credentials -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("plaintext", [False, True])
def test_a_whole_token_is_a_secret(plaintext: bool) -> None:
    assert v.check_secret("key", SECRET, allow_plaintext=plaintext) is SECRET
    assert v.is_single_token(SECRET)
    assert v.is_single_token(T0)


@pytest.mark.parametrize("value", [f"{SECRET} ", f"x{SECRET}", SECRET + SECRET, 7, None, "", "AKIAEXAMPLE"])
def test_secrets_other_than_one_token_are_refused_without_plaintext(value: object) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        v.check_secret("aws.key", value, allow_plaintext=False)
    assert raised.value.path == "aws.key"
    assert raised.value.value is None
    assert not isinstance(value, str) or not value or value not in str(raised.value)


def test_a_secret_of_another_type_is_refused_without_its_value() -> None:
    with pytest.raises(VeleroConfigError) as raised:
        v.check_secret("k", 12345, allow_plaintext=True)
    assert "12345" not in str(raised.value)


@pytest.mark.parametrize("value", ["AKIAEXAMPLE", "a", "wJalr/K7MDENG+bPxRfiCY", "é"])
def test_plaintext_secrets_when_allowed(value: str) -> None:
    assert v.check_secret("k", value, allow_plaintext=True) == value


@pytest.mark.parametrize(
    "value",
    ["", "   ", "a b", "a\tb", "a\nb", "a\x00b", "e\u0301", f"k{T0}", "&{TfToken[TOKEN.1]}", "-8.109562212591379e+298"],
)
def test_plaintext_secrets_refused(value: str) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        v.check_secret("k", value, allow_plaintext=True)
    assert (raised.value.path, raised.value.value) == ("k", None)
    assert value.strip() == "" or value not in str(raised.value)


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("${TfToken[", True),
        ("#{TfToken[", True),
        ("&{TfToken[", True),
        ("%{TfToken[", False),
        ("1e5", False),
        ("-8.109562212591379e+298", True),  # top 16 bits 0xfdff: a number token
        ("x-8.109562212591379e+298y", True),
        ("-1.8881545897087498e+289", True),  # 0xfbff: a list of numbers
        ("-7.847963431540044e+298", False),  # 0xfdfe: a number
        ("8.109562212591379e+298", False),
        ("e5", False),
        ("x|e5", False),
        ("-1.5e300", False),
    ],
)
def test_token_encodings(text: str, holds: bool) -> None:
    assert v.holds_token_encoding(text) is holds


# ---- cloud names -----------------------------------------------------------------------------------------

ACCEPTED: list[tuple[Callable[..., Any], str]] = [
    (v.check_aws_region, "us-east-1"),
    (v.check_aws_region, "us-gov-west-1"),
    (v.check_aws_region, "us-isob-east-1"),
    *((v.check_spaces_region, region) for region in SPACES),
    (v.check_s3_bucket, "abc"),
    (v.check_s3_bucket, "a" * 63),
    (v.check_s3_bucket, "a.b-c"),
    (v.check_s3_bucket, "1.2.3.a"),
    (v.check_s3_bucket, "axn--b"),
    (v.check_s3_bucket, "a-s3aliasb"),
    (v.check_spaces_bucket, "abc"),
    (v.check_spaces_bucket, "a" * 63),
    (v.check_kms_key_arn, "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab"),
    (v.check_kms_key_arn, "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/my/key_1"),
    (v.check_kms_key_arn, "arn:aws:kms:eu-west-3:123456789012:key/" + "a" * 128),
    (v.check_kms_key_arn, "arn:aws:kms:eu-west-3:123456789012:alias/" + "a" * 250),
    (v.check_iam_user_name, "a"),
    (v.check_iam_user_name, "A+=,.@_-" + "b" * 56),
    (v.check_url, "https://example.com"),
    (v.check_url, "oci://registry.example.com/charts"),
    (v.check_url, "https://10.0.0.1:8443/x"),
    (v.check_url, "https://[::1]/"),
]


@pytest.mark.parametrize(("check", "value"), ACCEPTED)
def test_accepted_names(check: Callable[..., Any], value: str) -> None:
    assert check("p", value) == value
    assert check("p", T0) is T0  # a token passes unchecked


REFUSED: list[tuple[Callable[..., Any], object]] = [
    (v.check_aws_region, "us-east"),
    (v.check_aws_region, "US-east-1"),
    (v.check_aws_region, "us-east-12"),
    (v.check_spaces_region, "nyc1"),
    (v.check_spaces_region, "FRA1"),
    (v.check_s3_bucket, "ab"),
    (v.check_s3_bucket, "a" * 64),
    (v.check_s3_bucket, "Abc"),
    (v.check_s3_bucket, "-abc"),
    (v.check_s3_bucket, "abc-"),
    (v.check_s3_bucket, "a..b"),
    (v.check_s3_bucket, "a.-b"),
    (v.check_s3_bucket, "a-.b"),
    (v.check_s3_bucket, "192.168.5.4"),
    *((v.check_s3_bucket, f"{prefix}abc") for prefix in ("xn--", "sthree-", "amzn-s3-demo-")),
    *((v.check_s3_bucket, f"abc{suffix}") for suffix in ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")),
    (v.check_spaces_bucket, "ab"),
    (v.check_spaces_bucket, "a" * 64),
    (v.check_spaces_bucket, "a.bc"),
    (v.check_spaces_bucket, "abc-"),
    (v.check_kms_key_arn, "arn:aws:kms:us-east-1:12345678901:key/x"),
    (v.check_kms_key_arn, "arn:aws:kms:us-east-1:123456789012:key/"),
    (v.check_kms_key_arn, "arn:aws:kms:us-east-1:123456789012:key/" + "a" * 129),
    (v.check_kms_key_arn, "arn:aws:kms:us-east-1:123456789012:alias/" + "a" * 251),
    (v.check_kms_key_arn, "1234abcd-12ab"),
    (v.check_iam_user_name, "b" * 65),
    (v.check_iam_user_name, "a b"),
    (v.check_iam_user_name, "a/b"),
    (v.check_url, "http://example.com"),
    (v.check_url, "https://"),
    (v.check_url, "example.com"),
    (v.check_url, "https://exa mple.com"),
    (v.check_url, "https://example.com\x7f"),
    (v.check_url, "https://example.com:port"),
    (v.check_url, "https://[::1/"),
    (v.check_url, "https://user@example.com"),
    (v.check_url, "https://:pw@example.com"),
    (v.check_url, "https://example.com/#frag"),
    (v.check_url, "https://example.com/#"),
    (v.check_url, "https://exa_mple.com"),
    (v.check_url, "https://-a.com"),
]


@pytest.mark.parametrize(("check", "value"), REFUSED)
def test_refused_names(check: Callable[..., Any], value: object) -> None:
    error = refused(check, value, "store.name")
    assert (error.path, error.value) == ("store.name", value)


def test_url_schemes_are_a_parameter() -> None:
    assert v.check_url("p", "http://minio:9000", schemes=("http", "https")) == "http://minio:9000"
    assert refused(v.check_url, "oci://x.io", schemes=("https",)).value == "oci://x.io"


def test_aws_tags() -> None:
    tags = {f"k{i}": "v" for i in range(50)}
    tags |= {"k0": "", "k" * 128: "v" * 256, "a b.:/=+-@_": T0, "t": T0 + "x" * 300}
    tags.pop("k1"), tags.pop("k2"), tags.pop("k3")
    assert v.check_aws_tags("tags", tags) == tags
    assert len(tags) == 50


@pytest.mark.parametrize(
    ("tags", "path", "value"),
    [
        ({f"k{i}": "v" for i in range(51)}, "tags", 51),
        ({"k" * 129: "v"}, "tags", "k" * 129),
        ({"a,b": "v"}, "tags", "a,b"),
        ({"aws:x": "v"}, "tags", "aws:x"),
        ({"AWS:x": "v"}, "tags", "AWS:x"),
        ({"k": "v" * 257}, "tags.k", "v" * 257),
        ({"k": "a;b"}, "tags.k", "a;b"),
        ({"k": 1}, "tags.k", 1),
    ],
)
def test_aws_tags_refused(tags: dict[str, Any], path: str, value: object) -> None:
    error = refused(v.check_aws_tags, tags, "tags")
    assert (error.path, error.value) == (path, value)
