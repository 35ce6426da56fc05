"""Leaf checks for the clouds' own names: AWS regions, S3 bucket names, KMS key ARNs, IAM user names,
DigitalOcean Spaces regions and bucket names. Terraform tokens pass through unchecked.
"""

from __future__ import annotations

import ipaddress
import re

from ..errors import VeleroConfigError
from .core import check_str, is_token

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
