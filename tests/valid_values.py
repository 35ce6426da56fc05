"""Valid values for the property tests: names, buckets, regions, durations, crons, labels, images, and
Terraform tokens in their place. Built rather than filtered, so that drawing them is fast."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from hypothesis import strategies as st

from .cron_oracle import VALID_CRONS, valid_durations
from .internal import SPACES_REGIONS, VELERO_IMAGE, is_yaml_plain

N_TOKENS = 8
"""How many string tokens (TerraformVariable values) an example may use."""


@dataclass(frozen=True)
class Tok:
    """A placeholder for a Terraform token, possibly inside literal text."""

    index: int
    prefix: str = ""
    suffix: str = ""


_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789"


def _label(max_size: int) -> st.SearchStrategy[str]:
    """A DNS-1123 label of at most ``max_size`` characters that YAML reads back as this string (the chart
    writes names unquoted; ``0`` or ``no`` are refused): built, not filtered, so fast to draw."""
    return st.text(alphabet=_LOWER + "-", min_size=1, max_size=max_size).map(lambda s: _plain(s.strip("-") or "a"))


def _plain(label: str) -> str:
    """The label, else (``0``, ``no``, ``1e3``) one as long starting with ``x``: no YAML number, boolean or date."""
    return label if is_yaml_plain(label) else f"x{label[:-1]}".rstrip("-")


dns_label = _label(63)
short_label = _label(16)
release_names = _label(40)
subdomains = st.lists(short_label, min_size=1, max_size=3).map(".".join)


def _s3_name(labels: list[str]) -> str:
    """Dotted labels made into a valid S3 bucket name: 3-63 characters, no reserved affix, not an IP."""
    name = ".".join(labels)[:63].strip(".-")
    if len(name) < 3 or name.replace(".", "").isdigit():
        name = f"bkt-{name}".strip(".-")
    if name.startswith(("xn--", "sthree-", "amzn-s3-demo-")) or name.endswith(
        ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
    ):
        name = f"b{name}x"
    return name


s3_buckets = st.lists(short_label, min_size=1, max_size=4).map(_s3_name)
spaces_buckets = st.text(alphabet=_LOWER + "-", min_size=1, max_size=61).map(lambda s: f"s{s}"[:62].rstrip("-") + "x")
aws_regions = st.sampled_from(
    (
        "us-east-1",
        "ca-central-1",
        "eu-west-3",
        "ap-southeast-2",
        "us-gov-west-1",
    )
)
spaces_regions = st.sampled_from(sorted(SPACES_REGIONS))
durations = valid_durations()
crons = VALID_CRONS
namespace_lists = st.one_of(
    st.just(["*"]),
    st.lists(st.one_of(short_label, short_label.map(lambda s: f"{s}-*")), min_size=1, max_size=4, unique=True),
)
RESOURCES = ("deployments.apps", "persistentvolumeclaims", "events", "secrets", "configmaps")
# Velero: '*' alone or not at all among the includes, never among the excludes.
resource_lists = st.one_of(st.just(["*"]), st.lists(st.sampled_from(RESOURCES), max_size=3, unique=True))
label_values = st.one_of(
    st.just(""),
    st.text(alphabet=_LOWER + "ABCXYZ-_.", min_size=1, max_size=22).map(lambda s: s.strip("-_.") or "v"),
)
label_keys = st.tuples(
    st.sampled_from(
        (
            "",
            "backup.acme.io/",
            "app.kubernetes.io/",
        )
    ),
    short_label,
).map("".join)
selectors = st.dictionaries(label_keys, label_values, max_size=3)
prefixes = st.lists(st.text(alphabet=_LOWER + "ABZ!_.*'()-", min_size=1, max_size=12), min_size=1, max_size=3).map(
    "/".join
)
# Text Terraform passes on as written: no template sequence, Unicode NFC (Terraform normalizes strings).
config_text = st.text(max_size=40).filter(
    lambda s: "${" not in s and "%{" not in s and unicodedata.is_normalized("NFC", s)
)
# BSL config the AWS plugin accepts: its keys, and for its booleans and checksum algorithm the values it parses.
_CONFIG_VALUES = {
    "serverSideEncryption": config_text,
    "kmsKeyId": config_text,
    "profile": config_text,
    "checksumAlgorithm": st.sampled_from(["", "CRC32", "CRC32C", "SHA256"]),
    "s3ForcePathStyle": st.sampled_from(["true", "false", "1", "False"]),
    "insecureSkipTLSVerify": st.sampled_from(["", "true", "f"]),
}
aws_configs = st.lists(st.sampled_from(sorted(_CONFIG_VALUES)), max_size=3, unique=True).flatmap(
    lambda keys: st.fixed_dictionaries({key: _CONFIG_VALUES[key] for key in keys})
)
chart_versions = st.tuples(st.integers(0, 30), st.integers(0, 30)).map(lambda t: f"12.{t[0]}.{t[1]}")
images = st.sampled_from(
    [
        VELERO_IMAGE,
        "registry.example.com:5000/velero/velero:v1.18.0",
        "ghcr.io/acme/velero-plugin-for-aws:v1.14.3-fips",
        "docker.io/digitalocean/velero-plugin@sha256:" + "0123456789abcdef" * 4,
    ]
)
literal_secrets = st.text(alphabet=_LOWER + "ABCDEFKQZ/+=_-", min_size=16, max_size=40)
kms_arns = st.sampled_from(
    [
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:eu-west-3:123456789012:alias/velero",
    ]
)
extra_values = st.sampled_from(
    [
        {"priorityClassName": "system-cluster-critical"},
        {"tolerations": [{"key": "backup", "operator": "Exists", "effect": "NoSchedule"}]},
        {"configuration": {"uploaderType": "kopia", "features": "EnableCSI"}},
        {"podAnnotations": {"acme.io/owner": "platform"}, "kubectl": {"image": {"tag": "1.33"}}},
    ]
)


_WHOLE_TOKEN = st.builds(Tok, st.integers(0, N_TOKENS - 1))
# Text around a token: anything but Terraform's template characters and a carriage return (the library refuses a
# '$' right before a token, which Terraform reads as the escape '$${', and a lone carriage return before one).
_AROUND = st.text(st.characters(codec="utf-8", blacklist_characters="$%{}#\r"), max_size=5).filter(
    lambda s: unicodedata.is_normalized("NFC", s)
)
_MIXED_TOKEN = st.builds(Tok, st.integers(0, N_TOKENS - 1), _AROUND, _AROUND)
_TOKEN_OR_NONE = st.one_of(st.none(), st.none(), st.none(), st.none(), _WHOLE_TOKEN, _MIXED_TOKEN)


@cache
def tokens_or(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the valid value; sometimes a whole token, sometimes a token inside text."""
    return st.one_of(valid, valid, valid, valid, _WHOLE_TOKEN, _MIXED_TOKEN)


def token_or(draw: st.DrawFn, value: Any) -> Any:
    """``value``, or sometimes a token instead."""
    token = draw(_TOKEN_OR_NONE)
    return value if token is None else token
