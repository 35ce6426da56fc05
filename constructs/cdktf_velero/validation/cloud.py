"""Leaf checks for the clouds' own names: AWS regions, S3 bucket names, KMS key ARNs, IAM user names and
resource tags, DigitalOcean Spaces regions and bucket names, and the URLs of services (chart repositories,
S3 endpoints). Terraform tokens pass through unchecked.
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse

from ..errors import VeleroConfigError
from .core import check_str, check_string_map, is_dns_subdomain
from .terraform import is_token

SPACES_REGIONS = frozenset({"nyc3", "sfo2", "sfo3", "ams3", "sgp1", "fra1", "syd1", "blr1", "lon1", "tor1", "atl1"})
"""DigitalOcean regions that offer Spaces."""

_AWS_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$")
_S3_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_S3_BAD_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_S3_BAD_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
_SPACES_BUCKET = re.compile(r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")


def check_aws_region(path: str, value: object) -> str:
    text = check_str(path, value)
    if is_token(text):
        return text
    if not _AWS_REGION.fullmatch(text):
        raise VeleroConfigError(path, value, "must be an AWS region code such as 'us-east-1' or 'ca-central-1'")
    return text


def check_spaces_region(path: str, value: object) -> str:
    text = check_str(path, value)
    if is_token(text):
        return text
    if text not in SPACES_REGIONS:
        raise VeleroConfigError(
            path, value, f"must be a DigitalOcean Spaces region: one of {', '.join(sorted(SPACES_REGIONS))}"
        )
    return text


def check_s3_bucket(path: str, value: object) -> str:
    """Amazon S3 general-purpose bucket naming rules."""
    text = check_str(path, value)
    if is_token(text):
        return text
    rule = (
        "must be a valid S3 bucket name: 3-63 characters of lowercase letters, digits, '.' and '-', "
        "starting and ending with a letter or digit"
    )
    if not _S3_BUCKET.fullmatch(text):
        raise VeleroConfigError(path, value, rule)
    if ".." in text or ".-" in text or "-." in text:
        raise VeleroConfigError(path, value, "must not contain '..', '.-' or '-.' (S3 bucket naming rules)")
    if _is_ipv4(text):
        raise VeleroConfigError(path, value, "must not be formatted as an IP address (S3 bucket naming rules)")
    if text.startswith(_S3_BAD_PREFIXES) or text.endswith(_S3_BAD_SUFFIXES):
        raise VeleroConfigError(
            path, value, "uses a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, ...)"
        )
    return text


def _is_ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def check_spaces_bucket(path: str, value: object) -> str:
    """DigitalOcean Spaces bucket naming rules (no dots, unlike S3)."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if not _SPACES_BUCKET.fullmatch(text):
        raise VeleroConfigError(
            path,
            value,
            "must be a valid Spaces bucket name: 3-63 characters of lowercase letters, digits and '-', "
            "starting and ending with a letter or digit",
        )
    return text


_KMS_KEY_ARN = re.compile(
    r"arn:aws[-a-z]*:kms:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]:[0-9]{12}:key/[A-Za-z0-9-]{1,128}"
)
_KMS_ALIAS_ARN = re.compile(
    r"arn:aws[-a-z]*:kms:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]:[0-9]{12}:alias/[A-Za-z0-9/_-]{1,250}"
)
_IAM_NAME = re.compile(r"[A-Za-z0-9+=,.@_-]{1,64}")


def check_kms_key_arn(path: str, value: object) -> str:
    """A KMS key ARN (``arn:aws:kms:<region>:<account>:key/<id>``) or alias ARN (``.../alias/<name>``)."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if not (_KMS_KEY_ARN.fullmatch(text) or _KMS_ALIAS_ARN.fullmatch(text)):
        raise VeleroConfigError(
            path,
            value,
            "must be a KMS key ARN 'arn:aws:kms:<region>:<12-digit account>:key/<key id>' "
            "or an alias ARN 'arn:aws:kms:<region>:<account>:alias/<name>'",
        )
    return text


def check_iam_user_name(path: str, value: object) -> str:
    """An IAM user name: 1-64 letters, digits or ``+=,.@_-``."""
    text = check_str(path, value)
    if not is_token(text) and not _IAM_NAME.fullmatch(text):
        raise VeleroConfigError(path, value, "must be 1-64 letters, digits or +=,.@_-")
    return text


def check_url(path: str, value: object, *, schemes: tuple[str, ...] = ("https", "oci")) -> str:
    """An absolute URL with one of ``schemes`` and a host, without spaces, credentials or fragment."""
    text = check_str(path, value)
    if is_token(text):
        return text
    rule = f"must be an absolute {' or '.join(f'{scheme}://' for scheme in schemes)} URL with a host"
    if any(char.isspace() or not char.isprintable() for char in text):
        raise VeleroConfigError(path, value, f"{rule}, without spaces or control characters")
    try:
        parts = urllib.parse.urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise VeleroConfigError(path, value, rule) from None
    if parts.scheme not in schemes or not host:
        raise VeleroConfigError(path, value, rule)
    if parts.username is not None or parts.password is not None:
        raise VeleroConfigError(path, value, "must not carry credentials: configure them on the provider")
    if parts.fragment or text.endswith("#"):
        raise VeleroConfigError(path, value, f"{rule} and no fragment ('#...')")
    if not (is_dns_subdomain(host) or _is_ip(host)):
        raise VeleroConfigError(path, value, f"{rule}: {host!r} is not a host name")
    return text


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


_AWS_TAG = re.compile(r"[\w .:/=+\-@]*")


def check_aws_tags(path: str, value: object) -> dict[str, str]:
    """AWS resource tags: at most 50, keys of 1-128 and values of up to 256 letters, digits, spaces or
    ``_.:/=+-@``, no key starting with ``aws:`` (reserved)."""
    tags = check_string_map(path, value)
    if len(tags) > 50:
        raise VeleroConfigError(path, len(tags), "must hold at most 50 tags")
    for key, item in tags.items():
        if len(key) > 128 or not _AWS_TAG.fullmatch(key) or key.lower().startswith("aws:"):
            raise VeleroConfigError(
                path, key, "tag keys must be 1-128 letters, digits, spaces or _.:/=+-@, not 'aws:...'"
            )
        if not is_token(item) and (len(item) > 256 or not _AWS_TAG.fullmatch(item)):
            raise VeleroConfigError(f"{path}.{key}", item, "must be at most 256 letters, digits, spaces or _.:/=+-@")
    return tags
