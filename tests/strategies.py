"""Hypothesis strategies for whole, valid ``VeleroBackups`` configurations.

A configuration is generated as plain data (:class:`Spec`): ``kwargs`` of ``VeleroBackups`` with
the locations, schedules and bucket options as dicts, Terraform tokens as :class:`Tok` and
credentials as :class:`Cred` placeholders. :func:`materialize` turns it into real keyword
arguments with token strings from the stack (or fake ones for the pure layer). Every
configuration drawn here is valid; ``tests/corruptions.py`` breaks exactly one field of one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from cdktf_velero.engine.core import TerraformStack, TerraformVariable, Testing, Tokenization
from cdktf_velero.plan import SYSTEM_NAMESPACES

from .helpers import SECRET_NAMES
from .valid_values import (
    N_TOKENS,
    RESOURCES,
    aws_configs,
    aws_regions,
    chart_versions,
    crons,
    dns_label,
    durations,
    extra_values,
    images,
    kms_arns,
    literal_secrets,
    namespace_lists,
    prefixes,
    release_names,
    resource_lists,
    s3_buckets,
    selectors,
    short_label,
    spaces_buckets,
    spaces_regions,
    token_or,
    tokens_or,
)

_TOKEN_STACK = TerraformStack(Testing.app(), "pure-layer-tokens")
FAKE_TOKENS = [TerraformVariable(_TOKEN_STACK, f"t{i}", type="string").string_value for i in range(N_TOKENS)]
"""Tokens for the pure layer: real cdktf tokens (credentials must be ones cdktf issued), made once at import."""
FAKE_SECRETS = {
    name: TerraformVariable(_TOKEN_STACK, name, type="string", sensitive=True).string_value for name in SECRET_NAMES
}
"""Credentials for the pure layer: sensitive variables' tokens."""
NO_JSII = os.environ.get("HYPOTHESIS_PROFILE") == "mutation"
"""Under ``make mutation`` every test runs in a process forked from one that holds the jsii kernel's
pipes: no example may call jsii there, so none creates keys (their tokens are ``Lazy`` values), and the
one jsii call of the pure layer, cdktf's confirmation that a credential is a token it issued, is answered
from the tokens above (:func:`_known_tokens_first`). The created-key paths and the real confirmation are
covered by the regular run and the synthesis tests."""


class _Fragments:
    """What ``Tokenization.reverse_string`` answers for one whole token: one fragment, a token."""

    length = 1
    first_token = object()


_REVERSE_STRING = Tokenization.reverse_string


def _known_tokens_first(text: str) -> Any:
    """``Tokenization.reverse_string`` without jsii for the tokens made above; cdktf's own for any other."""
    return _Fragments() if text in {*FAKE_TOKENS, *FAKE_SECRETS.values()} else _REVERSE_STRING(text)


if NO_JSII:
    Tokenization.reverse_string = _known_tokens_first  # type: ignore[method-assign,assignment]


def scaled(factor: float) -> settings:
    """Settings running ``factor`` times the active profile's ``max_examples``, at least ten."""
    base = settings.default.max_examples if settings.default is not None else 100
    return settings(max_examples=max(10, int(base * factor)))


def budget(share: float, **extra: Any) -> settings:
    """Settings running ``share`` times the active profile's ``max_examples`` (ci: 400), at least one."""
    base = settings.default.max_examples if settings.default is not None else 100
    return settings(max_examples=max(1, round(base * share)), **extra)


@dataclass(frozen=True)
class Cred:
    """A placeholder for a credential: a sensitive variable's token, or a literal when ``literal`` is set."""

    name: str
    literal: str | None = None


@dataclass
class Spec:
    """A configuration as data; ``corrupted`` names the corruption applied, if any."""

    kwargs: dict[str, Any]
    corrupted: str | None = None
    objects: list[tuple[str, str, Any]] = field(default_factory=list)
    """Objects for ``add_*``: (method, construct id, typed object)."""


@st.composite
def schedules(draw: st.DrawFn, loc: str, *, vsl: str | None, fs_allowed: bool) -> dict[str, Any]:
    """A valid schedule for location ``loc``; ``vsl`` is a snapshot location it may name."""
    out: dict[str, Any] = {"cron": draw(tokens_or(crons)), "ttl": draw(tokens_or(durations))}
    out["name"] = draw(
        st.sampled_from(
            (
                f"{loc}-daily",
                f"{loc}-every-6h",
                None,
            )
        )
    )
    if draw(st.booleans()):
        out["included_namespaces"] = list(dict.fromkeys(token_or(draw, x) for x in draw(namespace_lists)))
        excluded = draw(st.lists(short_label.map(lambda s: f"x{s}"), max_size=2, unique=True))
        # Velero refuses a namespace or resource both included and excluded.
        out["excluded_namespaces"] = [ns for ns in excluded if ns not in out["included_namespaces"]]
        out["included_resources"] = draw(resource_lists)
        excluded_resources = draw(st.lists(st.sampled_from(RESOURCES), max_size=3, unique=True))
        out["excluded_resources"] = [res for res in excluded_resources if res not in out["included_resources"]]
        out["label_selector"] = {k: token_or(draw, v) for k, v in draw(selectors).items()}
        out["labels"] = draw(selectors)
        out["include_cluster_resources"] = draw(
            st.sampled_from(
                (
                    None,
                    True,
                    False,
                )
            )
        )
        out["paused"] = draw(st.booleans())
        out["use_owner_references_in_backup"] = draw(st.booleans())
        out["file_system_backup"] = fs_allowed and draw(st.booleans())
    if vsl is not None and draw(st.booleans()):
        out["snapshot_volumes"] = True
        if draw(st.booleans()):
            out["volume_snapshot_locations"] = [vsl]
    elif draw(st.booleans()):
        out["snapshot_volumes"] = False
    return out


@st.composite
def configs(
    draw: st.DrawFn,
    *,
    digitalocean: bool | None = None,
    snapshots: bool | None = None,
    aws_schedule: bool | None = None,
    do_schedule: bool | None = None,
    create_storage: bool = True,
    created_keys: bool = not NO_JSII,
) -> Spec:
    """A whole valid configuration; the keyword arguments force a part on (True) or off (False)."""
    with_do = draw(st.booleans()) if digitalocean is None else digitalocean
    with_snapshots = with_do and (draw(st.booleans()) if snapshots is None else snapshots)
    node_agent = draw(
        st.sampled_from(
            (
                None,
                None,
                True,
                False,
            )
        )
    )
    fs_allowed = node_agent is not False
    aws_name = draw(
        st.sampled_from(
            (
                "aws",
                "s3",
                "primary",
            )
        )
    )
    do_name = draw(
        st.sampled_from(
            (
                "digitalocean",
                "spaces",
                "do-fra1",
            )
        )
    )
    vsl = do_name if with_snapshots else None
    want_aws_schedule = draw(st.booleans()) if aws_schedule is None else aws_schedule
    aws: dict[str, Any] = {
        "bucket": draw(tokens_or(s3_buckets)),
        "region": draw(tokens_or(aws_regions)),
        "name": aws_name,
        "prefix": draw(st.one_of(st.none(), tokens_or(prefixes))),
        "config": draw(aws_configs),
        "access_mode": draw(
            st.sampled_from(
                (
                    "ReadWrite",
                    "ReadOnly",
                )
            )
        ),
        "validation_frequency": draw(st.one_of(st.none(), durations)),
        "backup_sync_period": draw(st.one_of(st.none(), durations)),
        "schedule": draw(schedules("aws", vsl=vsl, fs_allowed=fs_allowed)) if want_aws_schedule else None,
        "access_key_id": Cred("aws_access_key_id"),
        "secret_access_key": Cred("aws_secret_access_key"),
    }
    if create_storage and draw(st.booleans()):
        aws["create_bucket"] = True
        if draw(st.booleans()):
            aws["bucket_options"] = {
                "versioning": draw(st.booleans()),
                "kms_key_arn": draw(st.one_of(st.none(), kms_arns)),
            }
            if aws["bucket_options"]["kms_key_arn"] is not None:  # the key comes from the bucket options
                aws["config"].pop("kmsKeyId", None)
    if create_storage and created_keys and draw(st.booleans()):
        aws["create_iam_user"] = True
        aws["iam_user_name"] = draw(
            st.sampled_from(
                (
                    "velero",
                    "velero-prod",
                    "backup@acme",
                )
            )
        )
        aws["access_key_id"] = aws["secret_access_key"] = None
    kwargs: dict[str, Any] = {
        "aws": aws,
        "namespace": draw(tokens_or(dns_label.filter(lambda name: name not in SYSTEM_NAMESPACES))),
        "release_name": draw(release_names),
        "metrics": draw(st.booleans()),
        "node_agent": node_agent,
    }
    _top_level(draw, kwargs)
    if with_do:
        want_do_schedule = draw(st.booleans()) if do_schedule is None else do_schedule
        do: dict[str, Any] = {
            "bucket": draw(tokens_or(spaces_buckets)),
            "region": draw(tokens_or(spaces_regions)),
            "name": do_name,
            "prefix": draw(st.one_of(st.none(), prefixes)),
            "config": draw(aws_configs),
            "default": draw(st.booleans()),
            "access_mode": draw(
                st.sampled_from(
                    (
                        "ReadWrite",
                        "ReadOnly",
                    )
                )
            ),
            "volume_snapshots": with_snapshots,
            "credentials_secret_name": draw(
                st.sampled_from(
                    (
                        "spaces-creds",
                        "digitalocean-spaces-credentials",
                    )
                )
            ),
            "schedule": draw(schedules("digitalocean", vsl=vsl, fs_allowed=fs_allowed)) if want_do_schedule else None,
            "spaces_access_key_id": Cred("spaces_access_key_id"),
            "spaces_secret_access_key": Cred("spaces_secret_access_key"),
            "api_token": Cred("digitalocean_token") if with_snapshots else None,
        }
        if create_storage and draw(st.booleans()):
            do["create_bucket"] = True
            if draw(st.booleans()):
                do["bucket_options"] = {"expiration": True, "expiration_days": draw(st.integers(30, 3650))}
            if created_keys and draw(st.booleans()):
                do["create_spaces_key"] = True
                do["spaces_access_key_id"] = do["spaces_secret_access_key"] = None
        kwargs["digitalocean"] = do
        if not do["default"] and draw(st.booleans()):
            aws["default"] = True
    if node_agent is False:
        for sched in (aws["schedule"], kwargs.get("digitalocean", {}).get("schedule")):
            if sched is not None:
                sched["file_system_backup"] = False
    _read_only_rules(kwargs)
    return Spec(kwargs)


def _top_level(draw: st.DrawFn, kwargs: dict[str, Any]) -> None:
    """The construct's own props, each left at its default about half of the time."""
    create = draw(st.booleans())
    optional: dict[str, st.SearchStrategy[Any]] = {
        "create_namespace": st.just(create),
        "chart_version": chart_versions,
        "chart_repository": st.sampled_from(
            ["https://vmware-tanzu.github.io/helm-charts", "oci://ghcr.io/acme/charts"]
        ),
        "velero_image": images,
        "aws_plugin_image": images,
        "digitalocean_plugin_image": images,
        "atomic": st.booleans(),
        "cleanup_on_fail": st.booleans(),
        "timeout": st.integers(1, 3600),
        "max_history": st.integers(1, 100),
        "aws_credentials_secret_name": st.sampled_from(
            (
                "aws-creds",
                "velero.aws.credentials",
            )
        ),
        "digitalocean_token_secret_name": st.sampled_from(
            (
                "do-token",
                "velero.do.token",
            )
        ),
        "extra_values": extra_values,
        "outputs": st.booleans(),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            kwargs[key] = draw(strategy)
    if kwargs.get("create_namespace", True) and draw(st.booleans()):
        kwargs["namespace_labels"] = draw(selectors)
    if draw(st.integers(0, 3)) == 0:
        kwargs["allow_plaintext_secrets"] = True
        # Distinct by construction (a unique=True list would retry draws and show in the statistics).
        kwargs["literal_secrets"] = [
            f"{i}{secret}" for i, secret in enumerate(draw(st.lists(literal_secrets, min_size=5, max_size=5)))
        ]


def _read_only_rules(kwargs: dict[str, Any]) -> None:
    """Keep a valid configuration valid under the ReadOnly rules: no schedule on a ReadOnly location (Velero fails
    its backups), and the default location ReadWrite (outside recovery installs). A location with a schedule is
    made ReadWrite (not the other way round): a corruption of a schedule field needs the schedule it asked for."""
    do = kwargs.get("digitalocean")
    default = do if do is not None and do["default"] else kwargs["aws"]
    default["access_mode"] = "ReadWrite"
    for location in (kwargs["aws"], do):
        if location is not None and location["schedule"] is not None:
            location["access_mode"] = "ReadWrite"
