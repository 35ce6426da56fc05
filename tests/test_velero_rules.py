"""Velero's own validation, enforced for props and ``add_*`` objects alike.

Velero 1.18 marks a backup, schedule or restore ``FailedValidation`` on the cluster for: ``*`` mixed with
other includes, ``*`` among the excludes, an item both included and excluded, namespace names it cannot
match, old and scoped resource filters together, ``label_selector`` with ``or_label_selectors``, a restore
with both or neither source, a backup to a ReadOnly location. Here each is a ``VeleroConfigError`` at
construction; the property tests compare against the rules as Velero states them and against the CRDs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdktf_velero import BackupSchedule, VeleroBackups, VeleroConfigError
from cdktf_velero.engine.core import App, TerraformStack, Testing
from cdktf_velero.imports.velero import (
    Backup,
    BackupSpec,
    BackupStorageLocation,
    BackupStorageLocationSpec,
    BackupStorageLocationSpecCredential,
    BackupStorageLocationSpecObjectStorage,
    ObjectMeta,
    Restore,
    RestoreSpec,
    RestoreSpecLabelSelector,
    RestoreSpecOrLabelSelectors,
    Schedule,
    ScheduleSpec,
    ScheduleSpecTemplate,
    ScheduleSpecTemplateLabelSelector,
    ScheduleSpecTemplateLabelSelectorMatchExpressions,
    ScheduleSpecTemplateOrLabelSelectors,
    VolumeSnapshotLocation,
    VolumeSnapshotLocationSpec,
)
from cdktf_velero.manifests import velero_manifest
from cdktf_velero.plan import plan_backups

from . import helpers
from .strategies import scaled

_S = helpers.secrets(TerraformStack(Testing.app(), "credentials"))


def _backups(**kwargs: Any) -> VeleroBackups:
    app: App = Testing.app()
    stack = TerraformStack(app, "rules")
    s = helpers.secrets(stack)
    return VeleroBackups(stack, "velero", aws=helpers.aws_location(s), digitalocean=helpers.do_location(s), **kwargs)


_BACKUPS = _backups()
"""One construct for the pure checks of added objects: a refused object leaves nothing behind, so each
example can add to it; an accepted one takes its name, so examples use fresh names."""
_COUNTER = iter(range(10**9))


def _add_schedule(template: ScheduleSpecTemplate, **spec: Any) -> None:
    name = f"s{next(_COUNTER)}"
    _BACKUPS.add_schedule(
        name, Schedule(metadata=ObjectMeta(name=name), spec=ScheduleSpec(schedule="@daily", template=template, **spec))
    )


def _props_schedule(**fields: Any) -> None:
    plan_backups(aws=helpers.aws_location(_S, schedule=BackupSchedule(cron="@daily", **fields)))


# ---- namespaces: names and globs -------------------------------------------------------------------


@pytest.mark.parametrize("ns", ["*", "app-*", "team-[ab]", "a?c", "kube-system", "x" * 63, "[a-c]*"])
def test_namespace_patterns_velero_takes(ns: str) -> None:
    _props_schedule(included_namespaces=[ns])


@pytest.mark.parametrize(
    "ns", ["-a", "a-", "A", "a b", "a**", "{a,b}", "a,b", "[a", "a]", "[]", "!a", "a|b", "x" * 64, "a_b", "a.b"]
)
def test_namespace_patterns_velero_refuses(ns: str) -> None:
    for field in ("included_namespaces", "excluded_namespaces"):
        with pytest.raises(VeleroConfigError) as raised:
            _props_schedule(**{field: [ns]})
        assert raised.value.path == f"aws.schedule.{field}[0]"


def _velero_accepts_namespace(ns: str) -> bool:
    """Velero's wildcard.ValidateNamespaceName and then Kubernetes' namespace name rule, restated."""
    if any(char in "|()!{}," for char in ns) or "**" in ns:
        return False
    depth, start = 0, 0
    for index, char in enumerate(ns):
        if char == "[":
            if depth:
                continue
            depth, start = 1, index
        elif char == "]":
            if not depth or index == start + 1:
                return False
            depth = 0
    if depth:
        return False
    name = ns.translate(str.maketrans("*?[]", "xxxx"))
    return len(name) <= 63 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name) is not None


@scaled(0.5)
@given(st.text(alphabet="ab-*?[]{},!|A .", min_size=1, max_size=8))
def test_namespace_rule_matches_velero(ns: str) -> None:
    try:
        _props_schedule(included_namespaces=[ns])
    except VeleroConfigError as error:
        refused: VeleroConfigError | None = error
    else:
        refused = None
    assert (refused is None) == _velero_accepts_namespace(ns), (ns, refused)


# ---- includes and excludes ---------------------------------------------------------------------------

_ITEMS = st.lists(st.sampled_from(["*", "a", "b", "c-*"]), max_size=3, unique=True)


def _velero_refuses(includes: list[str], excludes: list[str], *, scoped: bool = False) -> bool:
    """ValidateIncludesExcludes / ValidateScopedIncludesExcludes, restated."""
    mixed_star = "*" in includes and len(includes) > 1
    bad_excludes = "*" in excludes and (not scoped or len(excludes) > 1 or bool(includes))
    return mixed_star or bad_excludes or bool(set(includes) & set(excludes))


def _outcome(call: Any) -> str | None:
    try:
        call()
    except VeleroConfigError as error:
        return error.path
    return None


@scaled(0.5)
@given(_ITEMS, _ITEMS)
def test_namespace_includes_and_excludes_props_and_added_objects_alike(
    includes: list[str], excludes: list[str]
) -> None:
    expected = _velero_refuses(includes, excludes)
    props = _outcome(lambda: _props_schedule(included_namespaces=includes or ["*"], excluded_namespaces=excludes))
    added = _outcome(
        lambda: _add_schedule(ScheduleSpecTemplate(included_namespaces=includes or None, excluded_namespaces=excludes))
    )
    restore = _outcome(
        lambda: _BACKUPS.add_manifest(
            f"r{next(_COUNTER)}",
            Restore(
                metadata=ObjectMeta(name=f"r{next(_COUNTER)}"),
                spec=RestoreSpec(backup_name="b", included_namespaces=includes, excluded_namespaces=excludes),
            ),
        )
    )
    assert (props is not None) == (added is not None) == (restore is not None) == expected, (props, added, restore)
    if expected:
        assert props is not None
        assert props.split(".")[-1].startswith(("included_namespaces", "excluded_namespaces"))


@scaled(0.5)
@given(
    _ITEMS.map(lambda xs: [x.replace("c-*", "pods") for x in xs]),
    _ITEMS.map(lambda xs: [x.replace("c-*", "pods") for x in xs]),
)
def test_resource_filters_old_and_scoped(includes: list[str], excludes: list[str]) -> None:
    old = _outcome(
        lambda: _add_schedule(ScheduleSpecTemplate(included_resources=includes, excluded_resources=excludes))
    )
    scoped = _outcome(
        lambda: _add_schedule(
            ScheduleSpecTemplate(included_cluster_scoped_resources=includes, excluded_cluster_scoped_resources=excludes)
        )
    )
    props = _outcome(lambda: _props_schedule(included_resources=includes, excluded_resources=excludes))
    assert (old is not None) == (props is not None) == _velero_refuses(includes, excludes)
    assert (scoped is not None) == _velero_refuses(includes, excludes, scoped=True)


# ---- explicit cases for added objects --------------------------------------------------------------


def _bsl(**spec: Any) -> BackupStorageLocation:
    fields: dict[str, Any] = {
        "provider": "aws",
        "object_storage": BackupStorageLocationSpecObjectStorage(bucket="acme-other"),
    }
    return BackupStorageLocation(
        metadata=ObjectMeta(name="other"), spec=BackupStorageLocationSpec(**{**fields, **spec})
    )


def _schedule(**template: Any) -> Schedule:
    return Schedule(
        metadata=ObjectMeta(name="hourly"),
        spec=ScheduleSpec(schedule="0 * * * *", template=ScheduleSpecTemplate(**template)),
    )


_WRONG: dict[Any, Any] = {"yes": "yes", 1: 1, "apps": "apps"}
"""Values of the wrong type, typed ``Any`` so that the type checker lets them through, as a careless caller would."""
_WRONG_TEMPLATE: Any = {"ttl": "1h"}

BAD: list[tuple[str, Any, str]] = [
    (
        "paused 'yes'",
        lambda b: b.add_schedule("x", replace(_schedule(), spec=replace(_schedule().spec, paused=_WRONG["yes"]))),
        "add_schedule('x').spec.paused",
    ),
    (
        "access mode",
        lambda b: b.add_backup_storage_location("x", _bsl(access_mode="Bogus")),
        "add_backup_storage_location('x').spec.access_mode",
    ),
    (
        "credential secret name",
        lambda b: b.add_backup_storage_location(
            "x", _bsl(credential=BackupStorageLocationSpecCredential(name="Bad_Name", key="cloud"))
        ),
        "add_backup_storage_location('x').spec.credential.name",
    ),
    (
        "credential without a secret",
        lambda b: b.add_backup_storage_location("x", _bsl(credential=BackupStorageLocationSpecCredential(key="cloud"))),
        "add_backup_storage_location('x').spec.credential.name",
    ),
    (
        "bucket A_B",
        lambda b: b.add_backup_storage_location(
            "x", _bsl(object_storage=BackupStorageLocationSpecObjectStorage(bucket="A_B"))
        ),
        "add_backup_storage_location('x').spec.object_storage.bucket",
    ),
    (
        "bucket with a path",
        lambda b: b.add_backup_storage_location(
            "x",
            _bsl(provider="velero.io/gcp", object_storage=BackupStorageLocationSpecObjectStorage(bucket="b/velero")),
        ),
        "add_backup_storage_location('x').spec.object_storage.bucket",
    ),
    (
        "plugin name",
        lambda b: b.add_backup_storage_location("x", _bsl(provider="a b/c")),
        "add_backup_storage_location('x').spec.provider",
    ),
    (
        "validation frequency",
        lambda b: b.add_backup_storage_location("x", _bsl(validation_frequency="1 day")),
        "add_backup_storage_location('x').spec.validation_frequency",
    ),
    (
        "ca cert",
        lambda b: b.add_backup_storage_location(
            "x", _bsl(object_storage=BackupStorageLocationSpecObjectStorage(bucket="acme-o", ca_cert="not base64!"))
        ),
        "add_backup_storage_location('x').spec.object_storage.ca_cert",
    ),
    (
        "vsl config type",
        lambda b: b.add_volume_snapshot_location(
            "x",
            VolumeSnapshotLocation(
                metadata=ObjectMeta(name="v"), spec=VolumeSnapshotLocationSpec(provider="aws", config={"a": _WRONG[1]})
            ),
        ),
        "add_volume_snapshot_location('x').spec.config.a",
    ),
    (
        "vsl config key",
        lambda b: b.add_volume_snapshot_location(
            "x",
            VolumeSnapshotLocation(
                metadata=ObjectMeta(name="v"), spec=VolumeSnapshotLocationSpec(provider="aws", config={"zone": "a"})
            ),
        ),
        "add_volume_snapshot_location('x').spec.config",
    ),
    (
        "bsl config bool",
        lambda b: b.add_backup_storage_location("x", _bsl(config={"s3ForcePathStyle": "yes"})),
        "add_backup_storage_location('x').spec.config.s3ForcePathStyle",
    ),
    (
        "label selector and or selectors",
        lambda b: b.add_schedule(
            "x",
            _schedule(
                label_selector=ScheduleSpecTemplateLabelSelector(match_labels={"a": "b"}),
                or_label_selectors=[ScheduleSpecTemplateOrLabelSelectors(match_labels={"c": "d"})],
            ),
        ),
        "add_schedule('x').spec.template.or_label_selectors",
    ),
    (
        "selector operator",
        lambda b: b.add_schedule(
            "x",
            _schedule(
                label_selector=ScheduleSpecTemplateLabelSelector(
                    match_expressions=[ScheduleSpecTemplateLabelSelectorMatchExpressions(key="a", operator="Maybe")]
                )
            ),
        ),
        "add_schedule('x').spec.template.label_selector.match_expressions[0].operator",
    ),
    (
        "selector values for Exists",
        lambda b: b.add_schedule(
            "x",
            _schedule(
                label_selector=ScheduleSpecTemplateLabelSelector(
                    match_expressions=[
                        ScheduleSpecTemplateLabelSelectorMatchExpressions(key="a", operator="Exists", values=["x"])
                    ]
                )
            ),
        ),
        "add_schedule('x').spec.template.label_selector.match_expressions[0].values",
    ),
    (
        "old and scoped filters",
        lambda b: b.add_schedule(
            "x", _schedule(include_cluster_resources=True, included_namespace_scoped_resources=["pods"])
        ),
        "add_schedule('x').spec.template.included_namespace_scoped_resources",
    ),
    (
        "ReadOnly location",
        lambda b: b.add_schedule("x", _schedule(storage_location="readonly")),
        "add_schedule('x').spec.template.storage_location",
    ),
    (
        "two snapshot locations of one provider",
        lambda b: b.add_schedule(
            "x", _schedule(snapshot_volumes=True, volume_snapshot_locations=["digitalocean", "do-2"])
        ),
        "add_schedule('x').spec.template.volume_snapshot_locations[1]",
    ),
    ("ttl", lambda b: b.add_schedule("x", _schedule(ttl="-1h")), "add_schedule('x').spec.template.ttl"),
    (
        "csi timeout",
        lambda b: b.add_manifest(
            "x", Backup(metadata=ObjectMeta(name="b"), spec=BackupSpec(csi_snapshot_timeout="soon"))
        ),
        "add_manifest('x').spec.csi_snapshot_timeout",
    ),
    (
        "label key",
        lambda b: b.add_schedule("x", replace(_schedule(), metadata=ObjectMeta(name="h", labels={"-a": "b"}))),
        "add_schedule('x').metadata.labels.-a",
    ),
    (
        "annotation key",
        lambda b: b.add_schedule("x", replace(_schedule(), metadata=ObjectMeta(name="h", annotations={"a b": "c"}))),
        "add_schedule('x').metadata.annotations",
    ),
    (
        "annotation value type",
        lambda b: b.add_schedule(
            "x", replace(_schedule(), metadata=ObjectMeta(name="h", annotations={"a": _WRONG[1]}))
        ),
        "add_schedule('x').metadata.annotations.a",
    ),
    (
        "template as a dict",
        lambda b: b.add_schedule(
            "x", Schedule(metadata=ObjectMeta(name="h"), spec=ScheduleSpec(schedule="@daily", template=_WRONG_TEMPLATE))
        ),
        "add_schedule('x').spec.template",
    ),
    (
        "namespaces as a string",
        lambda b: b.add_schedule("x", _schedule(included_namespaces=_WRONG["apps"])),
        "add_schedule('x').spec.template.included_namespaces",
    ),
    (
        "restore from a backup and a schedule",
        lambda b: b.add_manifest(
            "x", Restore(metadata=ObjectMeta(name="r"), spec=RestoreSpec(backup_name="a", schedule_name="b"))
        ),
        "add_manifest('x').spec.schedule_name",
    ),
    (
        "restore label selectors",
        lambda b: b.add_manifest(
            "x",
            Restore(
                metadata=ObjectMeta(name="r"),
                spec=RestoreSpec(
                    backup_name="a",
                    label_selector=RestoreSpecLabelSelector(match_labels={"a": "b"}),
                    or_label_selectors=[RestoreSpecOrLabelSelectors(match_labels={"a": "b"})],
                ),
            ),
        ),
        "add_manifest('x').spec.or_label_selectors",
    ),
    (
        "restore of nodes",
        lambda b: b.add_manifest(
            "x", Restore(metadata=ObjectMeta(name="r"), spec=RestoreSpec(backup_name="a", included_resources=["nodes"]))
        ),
        "add_manifest('x').spec.included_resources[0]",
    ),
    (
        "restore policy",
        lambda b: b.add_manifest(
            "x",
            Restore(
                metadata=ObjectMeta(name="r"), spec=RestoreSpec(backup_name="a", existing_resource_policy="replace")
            ),
        ),
        "add_manifest('x').spec.existing_resource_policy",
    ),
    (
        "restore namespace mapping",
        lambda b: b.add_manifest(
            "x", Restore(metadata=ObjectMeta(name="r"), spec=RestoreSpec(backup_name="a", namespace_mapping={"a": "B"}))
        ),
        "add_manifest('x').spec.namespace_mapping.a",
    ),
]


@pytest.fixture(scope="module")
def with_locations() -> VeleroBackups:
    """A construct with a ReadOnly location and a second DigitalOcean snapshot location to refer to."""
    backups = _backups()
    backups.add_backup_storage_location(
        "readonly", replace(_bsl(access_mode="ReadOnly"), metadata=ObjectMeta(name="readonly"))
    )
    backups.add_volume_snapshot_location(
        "do-2",
        VolumeSnapshotLocation(
            metadata=ObjectMeta(name="do-2"), spec=VolumeSnapshotLocationSpec(provider="digitalocean.com/velero")
        ),
    )
    return backups


@pytest.mark.parametrize(("label", "call", "path"), BAD, ids=[case[0] for case in BAD])
def test_added_objects_are_checked_like_props(label: str, call: Any, path: str, with_locations: VeleroBackups) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        call(with_locations)
    assert raised.value.path == path, str(raised.value)
    assert str(raised.value).startswith(f"{path}: ")


_DEFAULT_DO = helpers.do_location(_S, default=True, volume_snapshots=False, api_token=None)
"""A ReadWrite default, so that the AWS location may be ReadOnly outside recovery."""


def test_readonly_location_with_a_schedule_is_refused() -> None:
    with pytest.raises(VeleroConfigError, match="ReadOnly") as raised:
        plan_backups(aws=helpers.aws_location(_S, access_mode="ReadOnly"), digitalocean=_DEFAULT_DO)
    assert raised.value.path == "aws.schedule"
    assert plan_backups(aws=helpers.aws_location(_S, access_mode="ReadOnly", schedule=None), digitalocean=_DEFAULT_DO)


# ---- property test: generated schedules against the CRD and Velero's rules -------------------------

_NAMES = st.lists(st.sampled_from(["*", "apps", "db-*", "-bad", "Kube"]), max_size=3, unique=True)
_RESOURCE_NAMES = st.lists(st.sampled_from(["*", "pods", "deployments.apps", "Pods"]), max_size=2, unique=True)
_MAYBE = st.one_of(st.none(), st.just("yes"), st.booleans())
_TEMPLATES = st.fixed_dictionaries(
    {},
    optional={
        "ttl": st.sampled_from(["1h", "72h30m", "0s", "2d", "", "1h "]),
        "storage_location": st.sampled_from(["aws", "digitalocean", "gcs", "Aws"]),
        "included_namespaces": _NAMES,
        "excluded_namespaces": _NAMES,
        "included_resources": _RESOURCE_NAMES,
        "excluded_resources": _RESOURCE_NAMES,
        "included_cluster_scoped_resources": _RESOURCE_NAMES,
        "include_cluster_resources": _MAYBE,
        "snapshot_volumes": _MAYBE,
        "volume_snapshot_locations": st.lists(st.sampled_from(["digitalocean", "ebs"]), max_size=1),
        "label_selector": st.builds(
            ScheduleSpecTemplateLabelSelector,
            match_labels=st.dictionaries(st.sampled_from(["a", "-b"]), st.sampled_from(["x", "y z"]), max_size=1),
        ),
        "or_label_selectors": st.lists(
            st.builds(ScheduleSpecTemplateOrLabelSelectors, match_labels=st.just({"a": "b"})), max_size=1
        ),
        "item_operation_timeout": st.sampled_from(["4h", "forever"]),
        "datamover": st.sampled_from(["velero", 3]),
    },
)


def _closed_crd_accepts(manifest: dict[str, Any]) -> None:
    upstream = helpers.upstream_dir()
    errors = list(jsonschema.Draft7Validator(helpers.crd_schema(upstream, manifest["kind"])).iter_errors(manifest))
    assert not errors, f"accepted, but the CRD refuses it: {errors[0].message} at {list(errors[0].path)}"


@scaled(0.5)
@given(_TEMPLATES, _MAYBE)
def test_generated_schedules_are_refused_or_valid_for_velero(template: dict[str, Any], paused: Any) -> None:
    schedule = Schedule(
        metadata=ObjectMeta(name=f"g{next(_COUNTER)}"),
        spec=ScheduleSpec(schedule="@hourly", template=ScheduleSpecTemplate(**template), paused=paused),
    )
    error = _outcome(lambda: _BACKUPS.add_schedule(schedule.metadata.name, schedule))
    if error is not None:
        assert error.startswith(f"add_schedule('{schedule.metadata.name}')"), error
        return
    manifest = velero_manifest(schedule)
    _closed_crd_accepts(manifest)
    spec = manifest["spec"]["template"]
    for inc, exc in (("includedNamespaces", "excludedNamespaces"), ("includedResources", "excludedResources")):
        assert not _velero_refuses(spec.get(inc) or [], spec.get(exc) or [])
    assert all(
        _velero_accepts_namespace(ns)
        for ns in [*spec.get("includedNamespaces", []), *spec.get("excludedNamespaces", [])]
    )
    old = any(
        spec.get(key) not in (None, []) for key in ("includedResources", "excludedResources", "includeClusterResources")
    )
    assert not (old and spec.get("includedClusterScopedResources"))
    assert not ("labelSelector" in spec and "orLabelSelectors" in spec)
    assert spec.get("storageLocation", "aws") in ("aws", "digitalocean")
    assert re.fullmatch(r"([0-9]+(\.[0-9]+)?(h|m|s|ms))+", spec.get("ttl", "1h"))
