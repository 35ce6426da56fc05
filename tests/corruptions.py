"""Every way the property tests break a valid configuration, each with the path the error must name.

A :class:`Corruption` takes a valid configuration (drawn with ``needs``, e.g. with a
DigitalOcean location) and breaks exactly one field, or one rule between fields; it returns
the property path the ``VeleroConfigError`` must name (exactly, or as a prefix when
``prefix`` is set: a map key or a list item below it). Every corruption is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from . import bad_values as bad
from . import valid_values as good
from .strategies import Cred
from .valid_values import N_TOKENS, Tok

Apply = Callable[[st.DrawFn, dict[str, Any]], str]


@dataclass(frozen=True)
class Corruption:
    id: str
    apply: Apply
    needs: Mapping[str, Any] = field(default_factory=dict)
    prefix: bool = False


def _node(kwargs: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    node = kwargs
    *parents, leaf = path.split(".")
    for part in parents:
        node = node[part]
    return node, leaf


def set_field(path: str, values: st.SearchStrategy[Any], **before: Any) -> Apply:
    """Set the field at ``path`` (after the settings in ``before``, relative to its parent) to a bad value."""

    def apply(draw: st.DrawFn, kwargs: dict[str, Any]) -> str:
        node, leaf = _node(kwargs, path)
        node.update(before)
        node[leaf] = draw(values)
        return path

    return apply


def _needs(path: str) -> dict[str, Any]:
    needs: dict[str, Any] = {}
    if path.startswith("digitalocean."):
        needs["digitalocean"] = True
    if path.startswith("digitalocean.schedule."):
        needs["do_schedule"] = True
    if path.startswith("aws.schedule."):
        needs["aws_schedule"] = True
    return needs


def field_corruption(path: str, values: st.SearchStrategy[Any], *, prefix: bool = False, **before: Any) -> Corruption:
    return Corruption(path, set_field(path, values, **before), _needs(path), prefix=prefix)


NOT_BOOL_NOR_NONE = bad.NOT_BOOL.filter(lambda value: value is not None)


def _schedule_corruptions(loc: str) -> list[Corruption]:
    p = f"{loc}.schedule"
    return [
        field_corruption(f"{p}.cron", st.one_of(_invalid_crons(), bad.WRONG_TYPES)),
        field_corruption(f"{p}.ttl", st.one_of(_invalid_durations(), bad.WRONG_TYPES)),
        field_corruption(f"{p}.name", bad.dns_labels(good.dns_label)),
        field_corruption(f"{p}.included_namespaces", bad.namespace_lists(), prefix=True),
        field_corruption(f"{p}.excluded_namespaces", bad.namespace_lists(), prefix=True),
        field_corruption(f"{p}.included_resources", bad.resource_lists(), prefix=True),
        field_corruption(f"{p}.excluded_resources", bad.resource_lists(), prefix=True),
        field_corruption(f"{p}.include_cluster_resources", NOT_BOOL_NOR_NONE),
        field_corruption(f"{p}.label_selector", bad.label_maps(), prefix=True),
        field_corruption(f"{p}.labels", bad.label_maps(), prefix=True),
        field_corruption(f"{p}.snapshot_volumes", bad.NOT_BOOL, volume_snapshot_locations=None),
        field_corruption(f"{p}.file_system_backup", bad.NOT_BOOL),
        field_corruption(f"{p}.volume_snapshot_locations", _bad_name_lists(), prefix=True, snapshot_volumes=True),
        field_corruption(f"{p}.paused", bad.NOT_BOOL),
        field_corruption(f"{p}.use_owner_references_in_backup", bad.NOT_BOOL),
        field_corruption(p, st.sampled_from(["0 7 * * *", ["0 7 * * *"], 5, True])),
    ]


def _invalid_crons() -> st.SearchStrategy[Any]:
    from .cron_oracle import INVALID_SHAPES, invalid_five_fields

    return st.one_of(invalid_five_fields().map(lambda pair: pair[0]), INVALID_SHAPES)


def _invalid_durations() -> st.SearchStrategy[Any]:
    from .cron_oracle import INVALID_DURATIONS

    return INVALID_DURATIONS


def _bad_name_lists() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(["digitalocean", 5, [""], ["Spaces"], ["a_b"], ["x" * 64], [5]]),
        st.lists(
            bad.dns_labels(good.short_label).filter(lambda v: not isinstance(v, (list, dict))), min_size=1, max_size=2
        ),
    )


def _secret(loc: str, prop: str, **before: Any) -> list[Corruption]:
    """A credential: missing, a literal (while literals are not allowed), the wrong type; or, with
    literals allowed, one that would break the INI file or the environment variable it goes into."""
    path = f"{loc}.{prop}"
    literal = st.builds(Cred, st.just(path), good.literal_secrets)
    # Text joined to a token is a literal too (only one whole token is a Terraform value).
    joined = st.builds(Tok, st.integers(0, N_TOKENS - 1), st.sampled_from(["", "key/"]), st.sampled_from(["", "x"]))
    refused = st.one_of(literal, joined.filter(lambda tok: bool(tok.prefix or tok.suffix)), bad.WRONG_TYPES, st.none())

    def strict(draw: st.DrawFn, kwargs: dict[str, Any]) -> str:
        kwargs.pop("allow_plaintext_secrets", None)
        kwargs.pop("literal_secrets", None)
        return set_field(path, refused, **before)(draw, kwargs)

    def plaintext(draw: st.DrawFn, kwargs: dict[str, Any]) -> str:
        kwargs["allow_plaintext_secrets"] = True
        kwargs.pop("literal_secrets", None)
        # Not NFC (Terraform would rewrite it), or a line break or space that would break the INI file.
        broken = st.sampled_from(["", " ", "a b", "key\nsecret", "key\r", "\t", "x\u2028y", "tab\there", "e\u0301"])
        mixed = st.builds(Tok, st.integers(0, N_TOKENS - 1), st.just("key-"))  # a literal holding a token
        return set_field(path, st.one_of(st.builds(Cred, st.just(path), broken), mixed), **before)(draw, kwargs)

    needs = _needs(path)
    return [Corruption(path, strict, needs), Corruption(f"{path} (plaintext allowed)", plaintext, needs)]


def _top_level() -> list[Corruption]:
    return [
        field_corruption("namespace", bad.dns_labels(good.dns_label)),
        field_corruption("create_namespace", bad.NOT_BOOL),
        Corruption(
            "namespace_labels", set_field("namespace_labels", bad.label_maps(), create_namespace=True), prefix=True
        ),
        field_corruption("release_name", bad.dns_labels(good.release_names, 53)),
        field_corruption("chart_version", bad.chart_versions()),
        field_corruption("chart_repository", bad.strings()),
        field_corruption("velero_image", bad.images(good.images)),
        field_corruption("aws_plugin_image", bad.images(good.images)),
        Corruption(
            "digitalocean_plugin_image",
            set_field("digitalocean_plugin_image", bad.images(good.images)),
            {"digitalocean": True, "snapshots": True},
        ),
        field_corruption("node_agent", NOT_BOOL_NOR_NONE),
        field_corruption("metrics", bad.NOT_BOOL),
        field_corruption("monitoring", bad.WRONG_TYPES.filter(lambda value: value is not None and value is not False)),
        field_corruption("atomic", bad.NOT_BOOL),
        field_corruption("cleanup_on_fail", bad.NOT_BOOL),
        field_corruption("timeout", bad.NOT_POSITIVE_INT),
        field_corruption("max_history", bad.NOT_POSITIVE_INT),
        field_corruption("aws_credentials_secret_name", bad.dns_subdomains(good.subdomains)),
        field_corruption("digitalocean_token_secret_name", bad.dns_subdomains(good.subdomains)),
        field_corruption("allow_plaintext_secrets", bad.NOT_BOOL),
        field_corruption("outputs", bad.NOT_BOOL),
        Corruption("extra_values", _extra_values, prefix=False),
    ]


_REFUSED_EXTRA: tuple[str, ...] = (
    "credentials",
    "schedules",
    "fullnameOverride",
    "nameOverride",
    "deployRestic",
    "restic",
)
_REFUSED_EXTRA += ("defaultVolumesToRestic", "resticTimeout", "defaultResticPruneFrequency")


def _extra_values(draw: st.DrawFn, kwargs: dict[str, Any]) -> str:
    kind = draw(st.sampled_from(["top", "configuration", "key type", "nested key type"]))
    if kind == "top":
        key = draw(st.sampled_from(_REFUSED_EXTRA))
        kwargs["extra_values"] = {"tolerations": [], key: draw(st.sampled_from([True, {}, "x", {"useSecret": False}]))}
        return f"extra_values.{key}"
    if kind == "configuration":
        key = draw(st.sampled_from(["provider", "backupStorageLocation", "volumeSnapshotLocation"]))
        kwargs["extra_values"] = {
            "configuration": {"uploaderType": "kopia", key: draw(st.sampled_from(["aws", [], {}]))}
        }
        return f"extra_values.configuration.{key}"
    if kind == "key type":
        kwargs["extra_values"] = {5: "x"}
        return "extra_values"
    kwargs["extra_values"] = {"configuration": {("a", "b"): "x"}}
    return "extra_values.configuration"


def _location_corruptions() -> list[Corruption]:
    out = [
        field_corruption("aws.bucket", bad.s3_buckets(good.s3_buckets)),
        field_corruption("aws.region", bad.aws_regions(good.aws_regions)),
        field_corruption("digitalocean.bucket", bad.spaces_buckets(good.spaces_buckets)),
        field_corruption("digitalocean.region", bad.spaces_regions(good.spaces_regions)),
        field_corruption("digitalocean.credentials_secret_name", bad.dns_subdomains(good.subdomains)),
        field_corruption("digitalocean.default", NOT_BOOL_NOR_NONE),
        field_corruption("aws.default", NOT_BOOL_NOR_NONE),
        # The modes and the booleans standing for them are valid; a bad mode is named before the token's use.
        field_corruption(
            "digitalocean.volume_snapshots",
            st.one_of(NOT_BOOL_NOR_NONE, st.sampled_from(["CSI", "plugin", "digitalocean"])),
            api_token=None,
        ),
        field_corruption("aws.validation_frequency", st.one_of(_invalid_durations(), bad.WRONG_TYPES)),
        field_corruption("aws.backup_sync_period", st.one_of(_invalid_durations(), bad.WRONG_TYPES)),
        field_corruption("aws.create_bucket", bad.NOT_BOOL),
        field_corruption("aws.create_iam_user", bad.NOT_BOOL),
        field_corruption("digitalocean.create_bucket", bad.NOT_BOOL),
        field_corruption("digitalocean.create_spaces_key", bad.NOT_BOOL),
        field_corruption(
            "aws.iam_user_name",
            st.one_of(st.sampled_from(["", "a b", "x" * 65, "v\u00e9lero", "velero/x", "a:b"]), bad.WRONG_TYPES),
            create_iam_user=True,
            access_key_id=None,
            secret_access_key=None,
        ),
        *_secret("aws", "access_key_id", create_iam_user=False, secret_access_key=Cred("aws_secret_access_key")),
        *_secret("aws", "secret_access_key", create_iam_user=False, access_key_id=Cred("aws_access_key_id")),
        *_secret(
            "digitalocean",
            "spaces_access_key_id",
            create_spaces_key=False,
            spaces_secret_access_key=Cred("spaces_secret_access_key"),
        ),
        *_secret(
            "digitalocean",
            "spaces_secret_access_key",
            create_spaces_key=False,
            spaces_access_key_id=Cred("spaces_access_key_id"),
        ),
    ]
    for loc in ("aws", "digitalocean"):
        reserved = ("region",) if loc == "aws" else ("region", "s3Url")
        out += [
            field_corruption(f"{loc}.name", bad.dns_labels(good.short_label)),
            field_corruption(f"{loc}.prefix", bad.prefixes(good.prefixes)),
            field_corruption(f"{loc}.config", bad.string_maps(reserved), prefix=True),
            field_corruption(f"{loc}.access_mode", bad.access_modes()),
            *_schedule_corruptions(loc),
        ]
    token = _secret("digitalocean", "api_token", volume_snapshots=True)
    out += [Corruption(c.id, c.apply, {"digitalocean": True, "snapshots": True}) for c in token]
    out += _bucket_option_corruptions()
    return out


def _bucket_option_corruptions() -> list[Corruption]:
    aws_ok = {"create_bucket": True}
    s3 = "aws.bucket_options"
    spaces = "digitalocean.bucket_options"

    def options(path: str, leaf: str, values: st.SearchStrategy[Any], **create: Any) -> Corruption:
        def apply(draw: st.DrawFn, kwargs: dict[str, Any]) -> str:
            node, _ = _node(kwargs, path)
            node.update(create)
            opts = node.get("bucket_options")
            node["bucket_options"] = {**(opts if isinstance(opts, dict) else {}), leaf: draw(values)}
            return f"{path}.{leaf}"

        return Corruption(f"{path}.{leaf}", apply, _needs(path), prefix=leaf == "tags")

    kms = st.sampled_from(["arn:aws:kms:us-east-1:123:key/x", "alias/velero", "arn:aws:s3:::acme", "", 5])
    return [
        field_corruption(s3, st.sampled_from([["versioning"], "x", 5, True]), **aws_ok),
        options(s3, "kms_key_arn", kms, **aws_ok),
        options(s3, "object_ownership", st.sampled_from(["ObjectWriter", "bucketownerenforced", "", None]), **aws_ok),
        options(s3, "versioning", bad.NOT_BOOL, **aws_ok),
        options(s3, "enforce_tls", bad.NOT_BOOL, **aws_ok),
        options(s3, "prevent_destroy", bad.NOT_BOOL, **aws_ok),
        options(
            s3, "abort_incomplete_multipart_upload_days", bad.NOT_POSITIVE_INT.filter(lambda v: v is not None), **aws_ok
        ),
        options(s3, "access_log_bucket", bad.s3_buckets(good.s3_buckets), **aws_ok),
        options(s3, "access_log_prefix", st.sampled_from(["logs/", "x"]), **aws_ok),
        options(s3, "tags", st.sampled_from([{"team": 5}, {"": "x"}, ["x"]]), **aws_ok),
        field_corruption(spaces, st.sampled_from([["expiration"], "x", 5]), create_bucket=True),
        options(spaces, "expiration_days", bad.NOT_POSITIVE_INT, create_bucket=True),
        options(spaces, "expiration", bad.NOT_BOOL, create_bucket=True),
        options(spaces, "versioning", bad.NOT_BOOL, create_bucket=True),
        options(spaces, "force_destroy", bad.NOT_BOOL, create_bucket=True),
    ]


SINGLE_FIELD: list[Corruption] = [*_top_level(), *_location_corruptions()]
"""Corruptions of one field each; the id is the property path."""
