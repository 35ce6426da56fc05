"""The ``add_*`` objects in the pure layer: valid ones are emitted as given (namespace and labels
filled in), every corrupted field is refused naming it, and a value of the wrong type in *any*
field of the typed classes is refused naming it.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from cdktf_velero import AwsLocation, DigitalOceanLocation, VeleroConfigError
from cdktf_velero.imports.velero import (
    Backup,
    BackupStorageLocation,
    ObjectMeta,
    Restore,
    Schedule,
    VolumeSnapshotLocation,
)

from . import bad_values as bad
from . import expected
from .corruptions_cross import CORRUPTIONS
from .cron_oracle import INVALID_DURATIONS, VALID_CRONS, invalid_five_fields, valid_durations
from .internal import BackupsPlan, check_object, plan_backups
from .objects import ALL_FIELDS, METHOD, minimal, root, with_value, wrong_value
from .strategies import FAKE_SECRETS, budget
from .valid_values import label_keys, label_values, short_label

pytestmark = pytest.mark.pure


def _plan(*, digitalocean: bool = True, namespace: str = "velero") -> BackupsPlan:
    do = None
    if digitalocean:
        do = DigitalOceanLocation(
            bucket="acme-spaces",
            region="fra1",
            spaces_access_key_id=FAKE_SECRETS["spaces_access_key_id"],
            spaces_secret_access_key=FAKE_SECRETS["spaces_secret_access_key"],
            api_token=FAKE_SECRETS["digitalocean_token"],
        )
    aws = AwsLocation(
        bucket="acme",
        region="us-east-1",
        access_key_id=FAKE_SECRETS["aws_access_key_id"],
        secret_access_key=FAKE_SECRETS["aws_secret_access_key"],
    )
    return plan_backups(aws=aws, digitalocean=do, namespace=namespace)


# ---- every field, the wrong type -----------------------------------------------------------

_METADATA = ("metadata", "metadata.name", "metadata.namespace", "metadata.labels")
CHECKED: dict[type[Any], tuple[str, ...]] = dict.fromkeys(METHOD, _METADATA)
CHECKED[Schedule] += (
    "spec.schedule",
    "spec.skip_immediately",
    *(f"spec.template.{name}" for name in ("default_volumes_to_restic", "storage_location", "ttl")),
    *(f"spec.template.{name}" for name in ("volume_snapshot_locations", "included_namespaces")),
    *(f"spec.template.{name}" for name in ("excluded_namespaces", "included_resources", "excluded_resources")),
)
CHECKED[Backup] += tuple(
    f"spec.{name}"
    for name in (
        "default_volumes_to_restic",
        "storage_location",
        "ttl",
        "volume_snapshot_locations",
        "included_namespaces",
        "excluded_namespaces",
        "included_resources",
        "excluded_resources",
    )
)
CHECKED[BackupStorageLocation] += tuple(
    f"spec.{name}"
    for name in (
        "provider",
        "access_mode",
        "object_storage.bucket",
        "object_storage.prefix",
        "config",
        "default",
        "validation_frequency",
        "backup_sync_period",
    )
)
CHECKED[VolumeSnapshotLocation] += ("spec.provider", "spec.config")
"""The fields whose known-invalid values (not only wrong types) are drawn below."""


def _refused_and_named(kind: type[Any], path: str, hint: Any, plan: BackupsPlan) -> bool:
    obj = with_value(minimal(kind), path, wrong_value(hint))
    expected_path = f"{root(kind)}.{path}"
    try:
        check_object(plan, METHOD[kind], "extra", obj)
    except VeleroConfigError as error:
        return error.path == expected_path or error.path.startswith((f"{expected_path}.", f"{expected_path}["))
    except Exception:
        return False
    return False


def test_wrong_type_in_any_field_is_refused_and_named() -> None:
    """Every field of every kind gets a value of the wrong type and must be refused naming the field (the
    ``add_*`` objects are as strict as props since the inputs work: no field is a gap any more)."""
    plan = _plan()
    missed = [f"{k.__name__}.{p}" for k, p, hint in ALL_FIELDS if not _refused_and_named(k, p, hint, plan)]
    assert missed == [], "not refused, or refused under another path"


def _from_manifest(kind: type[Any], manifest: dict[str, Any]) -> Any:
    """The typed object of ``kind`` read back from its manifest (every velero.io class has ``from_manifest``)."""
    return kind.from_manifest(manifest)


def test_every_kind_and_its_fields_are_enumerated() -> None:
    """The enumeration reaches nested objects and list items (not only the top level)."""
    paths = {f"{kind.__name__}.{path}" for kind, path, _ in ALL_FIELDS}
    assert len(paths) == len(ALL_FIELDS) > 200
    assert "Schedule.spec.template.hooks.resources[0].pre[0].exec.timeout" in paths
    assert "Restore.spec.resource_modifier.name" in paths
    assert all(path in paths for kind, names in CHECKED.items() for path in (f"{kind.__name__}.{n}" for n in names))


# ---- known-invalid values in the checked fields ---------------------------------------------


def _not_none(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return strategy.filter(lambda value: value is not None)


_CRONS = st.one_of(invalid_five_fields().map(lambda pair: pair[0]), bad.WRONG_TYPES)
_DURATIONS = st.one_of(INVALID_DURATIONS, bad.WRONG_TYPES)
_NAMES = bad.dns_labels(short_label)
OBJECT_CORRUPTIONS: list[tuple[str, type[Any], str, st.SearchStrategy[Any]]] = [
    ("Schedule.metadata.name", Schedule, "metadata.name", st.one_of(_NAMES, st.just("velero-daily-aws-backups"))),
    ("Schedule.metadata.name (taken)", Schedule, "metadata.name", st.just("daily-digitalocean-backups")),
    ("Schedule.metadata.namespace", Schedule, "metadata.namespace", st.sampled_from(["default", "kube-system", ""])),
    ("Schedule.metadata.labels", Schedule, "metadata.labels", _not_none(bad.label_maps())),
    ("Schedule.spec.schedule", Schedule, "spec.schedule", _CRONS),
    ("Schedule.spec.skip_immediately", Schedule, "spec.skip_immediately", st.booleans()),
    ("Schedule.spec.template.ttl", Schedule, "spec.template.ttl", _DURATIONS),
    (
        "Schedule.spec.template.storage_location",
        Schedule,
        "spec.template.storage_location",
        st.sampled_from(["elsewhere", "AWS", ""]),
    ),
    (
        "Schedule.spec.template.volume_snapshot_locations",
        Schedule,
        "spec.template.volume_snapshot_locations",
        st.sampled_from([["nope"], ["aws"], ["digitalocean", "x"]]),
    ),
    (
        "Schedule.spec.template.default_volumes_to_restic",
        Schedule,
        "spec.template.default_volumes_to_restic",
        st.booleans(),
    ),
    (
        "Schedule.spec.template.included_namespaces",
        Schedule,
        "spec.template.included_namespaces",
        _not_none(bad.namespace_lists()),
    ),
    (
        "Schedule.spec.template.excluded_resources",
        Schedule,
        "spec.template.excluded_resources",
        _not_none(bad.resource_lists()),
    ),
    (
        "BackupStorageLocation.metadata.name",
        BackupStorageLocation,
        "metadata.name",
        st.one_of(_NAMES, st.sampled_from(["aws", "digitalocean"])),
    ),
    ("BackupStorageLocation.spec.provider", BackupStorageLocation, "spec.provider", bad.strings()),
    (
        "BackupStorageLocation.spec.object_storage.bucket",
        BackupStorageLocation,
        "spec.object_storage.bucket",
        bad.strings(),
    ),
    (
        "BackupStorageLocation.spec.object_storage.prefix",
        BackupStorageLocation,
        "spec.object_storage.prefix",
        bad.prefixes(st.just("velero")),
    ),
    ("BackupStorageLocation.spec.config", BackupStorageLocation, "spec.config", _not_none(bad.string_maps(()))),
    ("BackupStorageLocation.spec.default", BackupStorageLocation, "spec.default", st.just(True)),
    ("BackupStorageLocation.spec.validation_frequency", BackupStorageLocation, "spec.validation_frequency", _DURATIONS),
    ("BackupStorageLocation.spec.backup_sync_period", BackupStorageLocation, "spec.backup_sync_period", _DURATIONS),
    (
        "VolumeSnapshotLocation.metadata.name",
        VolumeSnapshotLocation,
        "metadata.name",
        st.one_of(_NAMES, st.just("digitalocean")),
    ),
    ("VolumeSnapshotLocation.spec.provider", VolumeSnapshotLocation, "spec.provider", bad.strings()),
    ("VolumeSnapshotLocation.spec.config", VolumeSnapshotLocation, "spec.config", _not_none(bad.string_maps(()))),
    ("Backup.metadata.name", Backup, "metadata.name", bad.dns_subdomains(st.just("before-upgrade"))),
    ("Backup.spec.ttl", Backup, "spec.ttl", _DURATIONS),
    ("Backup.spec.storage_location", Backup, "spec.storage_location", st.sampled_from(["elsewhere", ""])),
    (
        "Backup.spec.volume_snapshot_locations",
        Backup,
        "spec.volume_snapshot_locations",
        st.sampled_from([["nope"], ["aws"]]),
    ),
    ("Backup.spec.excluded_namespaces", Backup, "spec.excluded_namespaces", _not_none(bad.namespace_lists())),
    ("Backup.spec.included_resources", Backup, "spec.included_resources", _not_none(bad.resource_lists())),
    ("Restore.metadata.name", Restore, "metadata.name", bad.dns_subdomains(st.just("restore-apps"))),
    ("Restore.spec.backup_name", Restore, "spec.backup_name", st.sampled_from([None, ""])),
]
"""Known-invalid values for the fields the library checks; the error must name the field (or an item of it)."""
N_CORRUPTIONS = len(CORRUPTIONS) + len(OBJECT_CORRUPTIONS)
"""All corruptions of the pure layer: they share ``budget(2.0)`` evenly (``tests/test_adversarial.py`` too)."""


@pytest.mark.parametrize(
    ("kind", "path", "values"), [pytest.param(k, p, v, id=cid) for cid, k, p, v in OBJECT_CORRUPTIONS]
)
@budget(2.0 / N_CORRUPTIONS)
@given(data=st.data())
def test_added_object_with_a_bad_field_is_refused(kind: type[Any], path: str, values: Any, data: Any) -> None:
    value = data.draw(values, label=path)
    event(f"corrupted: {kind.__name__}.{path}")
    obj = with_value(minimal(kind), path, value)
    expected_path = f"{root(kind)}.{path}"
    with pytest.raises(VeleroConfigError) as raised:
        check_object(_plan(), METHOD[kind], "extra", obj)
    error = raised.value
    assert error.path == expected_path or error.path.startswith((f"{expected_path}.", f"{expected_path}["))
    assert str(error).startswith(f"{error.path}: ")


@pytest.mark.parametrize("obj", [ObjectMeta(name="x"), {"kind": "Schedule"}, "Schedule", None])
def test_an_object_of_no_velero_kind_is_refused(obj: Any) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        check_object(_plan(), "add_manifest", "extra", obj)
    assert raised.value.path == "add_manifest('extra')"


# ---- valid objects -------------------------------------------------------------------------


@st.composite
def _valid_objects(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A BackupStorageLocation, a VolumeSnapshotLocation, a Schedule and a Backup naming them, and a Restore,
    as manifests (wire form)."""
    names = draw(
        st.lists(short_label.filter(lambda n: n not in ("aws", "digitalocean")), min_size=4, max_size=4, unique=True)
    )
    bsl, vsl, sched, backup = names
    labels = draw(st.dictionaries(label_keys, label_values, max_size=2))

    def meta(name: str) -> dict[str, Any]:
        out: dict[str, Any] = {"name": name}
        if labels:
            out["labels"] = labels
        if draw(st.booleans()):
            out["namespace"] = "velero"
        return out

    storage: dict[str, Any] = {"bucket": draw(st.sampled_from(["acme-archive", "b-2"]))}
    if draw(st.booleans()):
        storage["prefix"] = "archive/velero"
    bsl_spec: dict[str, Any] = {"provider": "aws", "objectStorage": storage, "config": {"region": "us-west-2"}}
    read_only = draw(st.booleans())
    if read_only:
        bsl_spec.update(accessMode="ReadOnly", validationFrequency=draw(valid_durations()), default=False)
    template: dict[str, Any] = {
        "ttl": draw(valid_durations()),
        # Velero refuses to back up to a ReadOnly location.
        "storageLocation": draw(
            st.sampled_from(["aws", "digitalocean"] if read_only else ["aws", "digitalocean", bsl])
        ),
        "includedNamespaces": ["apps", "db-*"],
        "snapshotVolumes": True,
        "volumeSnapshotLocations": draw(st.sampled_from([["digitalocean"], [vsl], ["digitalocean", vsl]])),
    }
    manifests = [
        {"kind": "BackupStorageLocation", "metadata": meta(bsl), "spec": bsl_spec},
        {
            "kind": "VolumeSnapshotLocation",
            "metadata": meta(vsl),
            "spec": {"provider": "aws", "config": {"region": "x"}},
        },
        {"kind": "Schedule", "metadata": meta(sched), "spec": {"schedule": draw(VALID_CRONS), "template": template}},
        {"kind": "Backup", "metadata": meta(f"{backup}.once"), "spec": {**template, "ttl": "720h"}},
        {"kind": "Restore", "metadata": meta(f"restore-{backup}"), "spec": {"backupName": f"{backup}.once"}},
    ]
    return [{"apiVersion": "velero.io/v1", **m} for m in manifests]


_KINDS = {kind.__name__: kind for kind in METHOD}


@budget(0.25)  # with the 300 valid configurations: 400 valid examples in ci, a third of the pure layer
@given(_valid_objects())
def test_valid_added_objects_are_emitted_as_given(manifests: list[dict[str, Any]]) -> None:
    event("valid: added objects")
    plan = _plan()
    registry = None
    for manifest in manifests:
        kind = _KINDS[manifest["kind"]]
        checked, registry = check_object(plan, METHOD[kind], "extra", _from_manifest(kind, manifest), registry)
        meta = {**manifest["metadata"], "namespace": "velero"}
        meta["labels"] = {**expected.MANAGED_BY, **manifest["metadata"].get("labels", {})}
        assert checked.to_manifest() == {**manifest, "metadata": meta}
    # Names are taken once: the same objects again are refused, naming metadata.name.
    for manifest in manifests:
        kind = _KINDS[manifest["kind"]]
        with pytest.raises(VeleroConfigError) as raised:
            check_object(plan, METHOD[kind], "again", _from_manifest(kind, manifest), registry)
        assert raised.value.path == f"{METHOD[kind]}('again').metadata.name"
