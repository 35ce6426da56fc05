"""Hypothesis strategies for whole ``VeleroBackups`` configurations.

A configuration is generated as plain data (:class:`Spec`) in which Terraform tokens are
placeholders (:class:`Tok`); :func:`materialize` turns it into the keyword arguments of
``VeleroBackups``, with token strings from whichever stack the example runs in. Every
generated configuration is valid, except for the one field :func:`configs` may corrupt
(``Spec.corrupted`` names it) with an adversarial value: unicode, empty, whitespace, very long,
a near miss of a valid value, or the wrong type.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation
from cdktf_velero import validation as v
from cdktf_velero.plan import SYSTEM_NAMESPACES
from cdktf_velero.validation import SPACES_REGIONS

N_TOKENS = 8
"""How many string tokens (TerraformVariable values) an example may use."""


def scaled(factor: float) -> settings:
    """Settings running ``factor`` times the active profile's ``max_examples``."""
    base = settings.default.max_examples if settings.default is not None else 100
    return settings(max_examples=max(10, int(base * factor)))


@dataclass(frozen=True)
class Tok:
    """A placeholder for a Terraform token, possibly inside literal text."""

    index: int
    prefix: str = ""
    suffix: str = ""


@dataclass
class Spec:
    """A configuration as data: ``kwargs`` for VeleroBackups with ``aws``/``digitalocean`` as dicts."""

    kwargs: dict[str, Any]
    corrupted: str | None = None
    bad_value: Any = None
    secrets: dict[str, Any] = field(default_factory=dict)


# ---- valid values --------------------------------------------------------------------------

# Labels the chart can write unquoted: not ones YAML reads as numbers, booleans or dates (those are refused).
dns_label = st.from_regex(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", fullmatch=True).filter(v.is_yaml_plain)
short_label = st.from_regex(r"[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?", fullmatch=True)
release_names = dns_label.filter(lambda s: len(s) <= 40)


def _s3_ok(name: str) -> bool:
    if not 3 <= len(name) <= 63 or name.startswith(("xn--", "sthree-", "amzn-s3-demo-")):
        return False
    if name.endswith(("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")):
        return False
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        return True
    return False


s3_buckets = st.lists(short_label, min_size=1, max_size=4).map(".".join).filter(_s3_ok)
spaces_buckets = st.from_regex(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]", fullmatch=True)
aws_regions = st.sampled_from(["us-east-1", "ca-central-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1"])
spaces_regions = st.sampled_from(sorted(SPACES_REGIONS))

durations = st.lists(
    st.tuples(st.integers(1, 9999), st.sampled_from(["", ".5", ".25"]), st.sampled_from(["h", "m", "s", "ms"])),
    min_size=1,
    max_size=3,
).map(lambda parts: "".join(f"{n}{frac}{unit}" for n, frac, unit in parts))

_cron_5 = st.tuples(
    st.sampled_from(["*", "0", "*/15", "5-10", "0,30", "7/10", "59"]),
    st.sampled_from(["*", "7", "0-23/2", "1,13", "23"]),
    st.sampled_from(["*", "1", "1-15", "?", "*/2"]),
    st.sampled_from(["*", "1", "jan-mar", "*/3", "DEC"]),
    st.sampled_from(["*", "1-5", "mon", "0,6", "?", "sun-sat"]),
).map(" ".join)
crons = st.one_of(
    _cron_5,
    st.sampled_from(["@daily", "@hourly", "@weekly", "@monthly", "@yearly", "@midnight", "@annually"]),
    durations.map(lambda d: f"@every {d}"),
)

namespace_lists = st.one_of(
    st.just(["*"]),
    st.lists(st.one_of(short_label, short_label.map(lambda s: f"{s}-*")), min_size=1, max_size=4, unique=True),
)
_RESOURCES = ["deployments.apps", "persistentvolumeclaims", "events", "secrets", "configmaps"]
# Velero: '*' alone or not at all among the includes, never among the excludes.
resource_lists = st.one_of(st.just(["*"]), st.lists(st.sampled_from(_RESOURCES), max_size=3, unique=True))
label_values = st.one_of(st.just(""), st.from_regex(r"[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?", fullmatch=True))
label_keys = st.tuples(st.sampled_from(["", "backup.acme.io/", "app.kubernetes.io/"]), short_label).map("".join)
selectors = st.dictionaries(label_keys, label_values, max_size=3)
prefixes = st.lists(st.from_regex(r"[A-Za-z0-9!_.*'()-]{1,12}", fullmatch=True), min_size=1, max_size=3).map("/".join)
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


def tokens_or(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the valid value; sometimes a whole token, sometimes a token inside text."""
    whole = st.builds(Tok, st.integers(0, N_TOKENS - 1))
    # Text around a token: anything but Terraform's template characters and a carriage return (the library
    # refuses a '$' right before a token, which Terraform reads as the escape '$${', and a lone carriage
    # return before one, after which Terraform inserts nothing).
    around = st.text(st.characters(codec="utf-8", blacklist_characters="$%{}#\r"), max_size=5).filter(
        lambda s: unicodedata.is_normalized("NFC", s)
    )
    mixed = st.builds(Tok, st.integers(0, N_TOKENS - 1), around, around)
    return st.one_of(valid, valid, valid, valid, whole, mixed)


# ---- adversarial values --------------------------------------------------------------------


def adversarial(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Values a careless or hostile caller might pass where ``valid`` is expected."""
    return st.one_of(
        st.text(max_size=80),
        st.sampled_from(["", " ", "\t", "\n", "\u00a0", "\u200b", "-", ".", "*", "/", "${x}", "null", "0"]),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-.", min_size=60, max_size=600),
        valid.map(lambda s: f"{s}\n" if isinstance(s, str) else s),
        valid.map(lambda s: f" {s}" if isinstance(s, str) else s),
        valid.map(lambda s: s.upper() if isinstance(s, str) else s),
        valid.map(lambda s: s * 10 if isinstance(s, str) else s),
        valid.map(lambda s: s.replace("-", "_") if isinstance(s, str) else s),
        st.sampled_from([None, 0, 1.5, True, b"bytes", ["list"], {"a": "b"}]),
    )


def adversarial_list(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(adversarial(valid.map(lambda xs: xs[0] if xs else "x")), max_size=4),
        st.sampled_from([None, "*", "", 3, [["nested"]], ["a", "a"], [""], ["*", "*"]]),
    )


def _hashable(value: object) -> bool:
    return not isinstance(value, (list, dict))


# Field path (as VeleroConfigError.path starts) -> (valid strategy, adversarial strategy).
def _fields() -> dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]]:
    sched_fields = {
        "cron": crons,
        "ttl": durations,
        "name": dns_label,
        "included_namespaces": namespace_lists,
        "excluded_namespaces": namespace_lists,
        "included_resources": resource_lists,
        "excluded_resources": resource_lists,
        "label_selector": selectors,
        "labels": selectors,
    }
    out: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {}
    for loc in ("aws", "digitalocean"):
        for key, strat in sched_fields.items():
            if key.endswith(("namespaces", "resources")):
                bad = adversarial_list(strat)
            elif key in ("label_selector", "labels"):
                bad = st.one_of(
                    st.dictionaries(
                        adversarial(label_keys).filter(_hashable), adversarial(label_values), min_size=1, max_size=2
                    ),
                    st.dictionaries(label_keys, adversarial(label_values), min_size=1, max_size=2),
                )
            else:
                bad = adversarial(strat)
            out[f"{loc}.schedule.{key}"] = (strat, bad)
        out[f"{loc}.name"] = (dns_label, adversarial(dns_label))
        out[f"{loc}.prefix"] = (prefixes, adversarial(prefixes))
        out[f"{loc}.config"] = (
            aws_configs,
            st.one_of(
                st.dictionaries(st.text(max_size=10), st.one_of(st.text(max_size=10), st.integers()), max_size=2),
                st.sampled_from([None, "a=b", ["x"], {"region": "us-east-1"}, {"s3Url": "x"}]),
            ),
        )
        out[f"{loc}.access_mode"] = (
            st.sampled_from(["ReadWrite", "ReadOnly"]),
            st.sampled_from(["readwrite", "", None, "ReadWrite\n", "Read"]),
        )
    out["aws.bucket"] = (s3_buckets, adversarial(s3_buckets))
    out["aws.region"] = (aws_regions, adversarial(aws_regions))
    out["aws.validation_frequency"] = (durations, adversarial(durations))
    out["digitalocean.bucket"] = (spaces_buckets, adversarial(spaces_buckets))
    out["digitalocean.region"] = (spaces_regions, adversarial(spaces_regions))
    out["digitalocean.credentials_secret_name"] = (dns_label, adversarial(dns_label))
    out["namespace"] = (dns_label, adversarial(dns_label))
    out["release_name"] = (release_names, adversarial(release_names))
    return out


FIELDS = _fields()

CROSS_RELATED: dict[str, tuple[str, ...]] = {
    # A corrupted name can also surface where it is referenced or must differ.
    "aws.name": ("digitalocean.name",),
    "digitalocean.name": ("aws.schedule.volume_snapshot_locations",),
    "aws.schedule.name": ("digitalocean.schedule.name",),
    "digitalocean.schedule.name": (),
    # Velero's include/exclude rules name the excludes when an item is in both lists.
    **{
        f"{loc}.schedule.included_{what}": (f"{loc}.schedule.excluded_{what}",)
        for loc in ("aws", "digitalocean")
        for what in ("namespaces", "resources")
    },
}


@st.composite
def schedules(draw: st.DrawFn, loc: str) -> dict[str, Any]:
    out: dict[str, Any] = {"cron": draw(tokens_or(crons)), "ttl": draw(tokens_or(durations))}
    out["name"] = draw(st.sampled_from([f"{loc}-daily", None]))
    if draw(st.booleans()):
        out["included_namespaces"] = list(dict.fromkeys(draw(tokens_or(st.just(x))) for x in draw(namespace_lists)))
        excluded = draw(st.lists(short_label.map(lambda s: f"x{s}"), max_size=2, unique=True))
        # Velero refuses a namespace or resource both included and excluded.
        out["excluded_namespaces"] = [ns for ns in excluded if ns not in out["included_namespaces"]]
        out["included_resources"] = draw(resource_lists)
        excluded_resources = draw(st.lists(st.sampled_from(_RESOURCES), max_size=3, unique=True))
        out["excluded_resources"] = [res for res in excluded_resources if res not in out["included_resources"]]
        out["label_selector"] = {k: draw(tokens_or(st.just(v))) for k, v in draw(selectors).items()}
        out["labels"] = draw(selectors)
        out["include_cluster_resources"] = draw(st.sampled_from([None, True, False]))
        out["paused"] = draw(st.booleans())
        out["file_system_backup"] = draw(st.booleans())
    return out


@st.composite
def configs(draw: st.DrawFn, *, corrupt: bool = True) -> Spec:
    """A whole configuration, valid but for at most one corrupted field."""
    aws: dict[str, Any] = {
        "bucket": draw(tokens_or(s3_buckets)),
        "region": draw(tokens_or(aws_regions)),
        "name": draw(st.sampled_from(["aws", "s3"])),
        "prefix": draw(st.one_of(st.none(), tokens_or(prefixes))),
        "config": draw(aws_configs),
        "access_mode": "ReadWrite",
        "validation_frequency": draw(st.one_of(st.none(), durations)),
        "schedule": draw(st.one_of(st.none(), schedules("aws"))),
    }
    if aws["schedule"] is None:  # Velero refuses to back up to a ReadOnly location
        aws["access_mode"] = draw(st.sampled_from(["ReadWrite", "ReadOnly"]))
    kwargs: dict[str, Any] = {
        "aws": aws,
        "namespace": draw(tokens_or(dns_label.filter(lambda name: name not in SYSTEM_NAMESPACES))),
        "release_name": draw(release_names),
        "metrics": draw(st.booleans()),
    }
    if draw(st.booleans()):
        mode = draw(st.sampled_from([True, False, None, "digitalocean-plugin", "csi"]))
        snapshots = mode is True or mode == "digitalocean-plugin"
        do: dict[str, Any] = {
            "bucket": draw(tokens_or(spaces_buckets)),
            "region": draw(tokens_or(spaces_regions)),
            "name": draw(st.sampled_from(["digitalocean", "spaces", "do-fra1"])),
            "prefix": draw(st.one_of(st.none(), prefixes)),
            "config": draw(aws_configs),
            "default": draw(st.booleans()),
            "access_mode": "ReadWrite",
            "volume_snapshots": mode,
            "credentials_secret_name": draw(st.sampled_from(["spaces-creds", "digitalocean-spaces-credentials"])),
            "schedule": draw(st.one_of(st.none(), schedules("digitalocean"))),
        }
        if do["schedule"] is None:
            do["access_mode"] = draw(st.sampled_from(["ReadWrite", "ReadOnly"]))
        if do["schedule"] is not None and (snapshots or mode == "csi"):
            do["schedule"]["snapshot_volumes"] = draw(st.booleans())
        if aws["schedule"] is not None and snapshots and draw(st.booleans()):
            aws["schedule"]["snapshot_volumes"] = True
            aws["schedule"]["volume_snapshot_locations"] = [do["name"]]
        if mode == "csi":
            # The data mover: a location default, and a schedule's own choice.
            do["snapshot_move_data"] = draw(st.booleans())
            if aws["schedule"] is not None and draw(st.booleans()):
                aws["schedule"]["snapshot_volumes"] = True
                aws["schedule"]["snapshot_move_data"] = draw(st.booleans())
        kwargs["digitalocean"] = do
    _read_only_rules(kwargs)
    spec = Spec(kwargs)
    if corrupt and draw(st.integers(0, 9)) < 7:
        candidates = [
            path
            for path in FIELDS
            if _parent(kwargs, path) is not None  # only fields that exist in this configuration
        ]
        path = draw(st.sampled_from(candidates))
        bad = draw(FIELDS[path][1])
        parent = _parent(kwargs, path)
        assert parent is not None
        parent[path.rsplit(".", 1)[-1]] = bad
        spec.corrupted, spec.bad_value = path, bad
    return spec


def _read_only_rules(kwargs: dict[str, Any]) -> None:
    """Keep a valid configuration valid under the ReadOnly rules: no schedule on a ReadOnly location (Velero fails
    its backups), and the default location ReadWrite (outside recovery installs)."""
    do = kwargs.get("digitalocean")
    default = do if do is not None and do["default"] else kwargs["aws"]
    default["access_mode"] = "ReadWrite"
    for location in (kwargs["aws"], do):
        if location is not None and location["access_mode"] == "ReadOnly":
            location["schedule"] = None


def _parent(kwargs: dict[str, Any], path: str) -> dict[str, Any] | None:
    node: Any = kwargs
    for part in path.split(".")[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node if isinstance(node, dict) else None


# ---- materialization -----------------------------------------------------------------------


def _resolve(value: Any, tokens: list[str]) -> Any:
    if isinstance(value, Tok):
        return f"{value.prefix}{tokens[value.index]}{value.suffix}"
    if isinstance(value, list):
        return [_resolve(item, tokens) for item in value]
    if isinstance(value, dict):
        return {key: _resolve(item, tokens) for key, item in value.items()}
    return value


def materialize(spec: Spec, tokens: list[str], secrets: dict[str, str]) -> dict[str, Any]:
    """VeleroBackups keyword arguments: tokens from ``tokens``, credentials from ``secrets``."""
    kwargs = _resolve(spec.kwargs, tokens)
    aws = dict(kwargs["aws"])
    aws["schedule"] = _schedule(aws.get("schedule"))
    kwargs["aws"] = AwsLocation(
        access_key_id=secrets["aws_access_key_id"], secret_access_key=secrets["aws_secret_access_key"], **aws
    )
    if "digitalocean" in kwargs:
        do = dict(kwargs["digitalocean"])
        do["schedule"] = _schedule(do.get("schedule"))
        plugin = do.get("volume_snapshots", True) in (True, "digitalocean-plugin")
        token = secrets["digitalocean_token"] if plugin else None
        kwargs["digitalocean"] = DigitalOceanLocation(
            spaces_access_key_id=secrets["spaces_access_key_id"],
            spaces_secret_access_key=secrets["spaces_secret_access_key"],
            api_token=token,
            **do,
        )
    return dict(kwargs)


def _schedule(value: Any) -> Any:
    return BackupSchedule(**value) if isinstance(value, dict) else value
