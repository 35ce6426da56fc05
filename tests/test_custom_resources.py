"""Escape hatches: users' own velero.io objects, typed, with the library's checks and dependencies."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from cdktf_velero import VeleroBackups, VeleroConfigError
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
    Schedule,
    ScheduleSpec,
    ScheduleSpecTemplate,
    VolumeSnapshotLocation,
    VolumeSnapshotLocationSpec,
)
from tests.helpers import aws_location, crd_schema, do_location, resources, secrets, synth, upstream_dir


def backups(
    *, digitalocean: bool = True, other_stack: bool = False
) -> tuple[TerraformStack, TerraformStack, VeleroBackups]:
    app: App = Testing.app()
    stack = TerraformStack(app, "chart")
    other = TerraformStack(app, "other") if other_stack else stack
    s = secrets(stack)
    built = VeleroBackups(
        stack,
        "velero",
        aws=aws_location(s),
        digitalocean=do_location(s) if digitalocean else None,
        custom_resources_stack=other if other_stack else None,
    )
    return stack, other, built


def hourly(**template: Any) -> Schedule:
    return Schedule(
        metadata=ObjectMeta(name="hourly-apps", labels={"team": "apps"}),
        spec=ScheduleSpec(
            schedule="0 * * * *",
            template=ScheduleSpecTemplate(
                **{"ttl": "48h", "storage_location": "aws", "included_namespaces": ["apps"], **template}
            ),
        ),
    )


def manifest_of(doc: dict[str, Any], kind: str, name: str) -> dict[str, Any]:
    for res in resources(doc, "kubernetes_manifest").values():
        if res["manifest"]["kind"] == kind and res["manifest"]["metadata"]["name"] == name:
            return res
    raise AssertionError(f"no {kind} {name}")


def test_add_schedule_emits_a_checked_manifest() -> None:
    stack, _, built = backups()
    manifest = built.add_schedule("hourly", hourly(volume_snapshot_locations=["digitalocean"], snapshot_volumes=True))
    doc = synth(stack)
    res = manifest_of(doc, "Schedule", "hourly-apps")
    assert res["manifest"]["metadata"]["namespace"] == "velero"
    assert res["manifest"]["metadata"]["labels"] == {
        "app.kubernetes.io/managed-by": "terraform",
        "app.kubernetes.io/part-of": "velero",
        "team": "apps",
    }
    assert res["manifest"]["spec"] == {
        "schedule": "0 * * * *",
        "template": {
            "includedNamespaces": ["apps"],
            "snapshotVolumes": True,
            "storageLocation": "aws",
            "ttl": "48h",
            "volumeSnapshotLocations": ["digitalocean"],
        },
    }
    assert f"helm_release.{built.release.friendly_unique_id}" in res["depends_on"]
    assert built.digitalocean is not None
    assert f"kubernetes_manifest.{built.digitalocean.backup_storage_location.friendly_unique_id}" in res["depends_on"]
    assert "spec.skipImmediately" in res["computed_fields"]
    assert manifest.friendly_unique_id in resources(doc, "kubernetes_manifest")


def test_added_objects_pass_their_crds() -> None:
    stack, _, built = backups()
    built.add_backup_storage_location(
        "archive",
        BackupStorageLocation(
            metadata=ObjectMeta(name="archive"),
            spec=BackupStorageLocationSpec(
                provider="aws",
                object_storage=BackupStorageLocationSpecObjectStorage(bucket="acme-archive", prefix="velero"),
                config={"region": "us-west-2"},
                credential=BackupStorageLocationSpecCredential(name="archive-credentials", key="cloud"),
                access_mode="ReadWrite",  # a Schedule into a ReadOnly location is refused (tests/test_recovery.py)
            ),
        ),
    )
    built.add_schedule("weekly-archive", hourly(storage_location="archive"))
    built.add_manifest(
        "before-upgrade",
        Backup(metadata=ObjectMeta(name="before-upgrade"), spec=BackupSpec(storage_location="aws", ttl="720h")),
    )
    built.add_manifest(
        "restore-apps",
        Restore(metadata=ObjectMeta(name="restore-apps"), spec=RestoreSpec(backup_name="before-upgrade")),
    )
    doc = synth(stack)
    upstream = upstream_dir()
    kinds = []
    for res in resources(doc, "kubernetes_manifest").values():
        obj = res["manifest"]
        kinds.append(obj["kind"])
        jsonschema.Draft7Validator(crd_schema(upstream, obj["kind"])).validate(obj)
    assert sorted(kinds) == [
        "Backup",
        "BackupStorageLocation",
        "BackupStorageLocation",
        "Restore",
        "Schedule",
        "Schedule",
        "VolumeSnapshotLocation",
    ]


def test_added_resources_follow_the_custom_resources_stack() -> None:
    chart, other, built = backups(digitalocean=False, other_stack=True)
    built.add_schedule("hourly", hourly())
    assert "kubernetes_manifest" not in synth(chart).get("resource", {})
    res = manifest_of(synth(other), "Schedule", "hourly-apps")
    # Ordered by the stack dependency instead: no cross-stack depends_on.
    assert "depends_on" not in res


BAD: list[tuple[str, Any, str, Any]] = [
    (
        "bad cron",
        lambda b: b.add_schedule("x", replace_spec(hourly(), schedule="0 7 * *")),
        "add_schedule('x').spec.schedule",
        "0 7 * *",
    ),
    ("bad ttl", lambda b: b.add_schedule("x", hourly(ttl="2d")), "add_schedule('x').spec.template.ttl", "2d"),
    (
        "unknown location",
        lambda b: b.add_schedule("x", hourly(storage_location="gcs")),
        "add_schedule('x').spec.template.storage_location",
        "gcs",
    ),
    (
        "unknown snapshot location",
        lambda b: b.add_schedule("x", hourly(volume_snapshot_locations=["ebs"], snapshot_volumes=True)),
        "add_schedule('x').spec.template.volume_snapshot_locations[0]",
        "ebs",
    ),
    (
        "skipImmediately",
        lambda b: b.add_schedule("x", replace_spec(hourly(), skip_immediately=True)),
        "add_schedule('x').spec.skip_immediately",
        True,
    ),
    (
        "restic",
        lambda b: b.add_schedule("x", hourly(default_volumes_to_restic=True)),
        "add_schedule('x').spec.template.default_volumes_to_restic",
        True,
    ),
    (
        "duplicate schedule name",
        lambda b: b.add_schedule("x", replace_meta(hourly(), name="daily-digitalocean-backups")),
        "add_schedule('x').metadata.name",
        "daily-digitalocean-backups",
    ),
    (
        "chart schedule name",
        lambda b: b.add_schedule("x", replace_meta(hourly(), name="velero-daily-aws-backups")),
        "add_schedule('x').metadata.name",
        "velero-daily-aws-backups",
    ),
    (
        "other namespace",
        lambda b: b.add_schedule("x", replace_meta(hourly(), namespace="default")),
        "add_schedule('x').metadata.namespace",
        "default",
    ),
    (
        "bad name",
        lambda b: b.add_schedule("x", replace_meta(hourly(), name="Hourly")),
        "add_schedule('x').metadata.name",
        "Hourly",
    ),
    (
        "second default",
        lambda b: b.add_backup_storage_location(
            "x",
            BackupStorageLocation(
                metadata=ObjectMeta(name="other"),
                spec=BackupStorageLocationSpec(
                    provider="aws",
                    object_storage=BackupStorageLocationSpecObjectStorage(bucket="acme-other"),
                    default=True,
                ),
            ),
        ),
        "add_backup_storage_location('x').spec.default",
        True,
    ),
    (
        "bad access mode",
        lambda b: b.add_backup_storage_location(
            "x",
            BackupStorageLocation(
                metadata=ObjectMeta(name="other"),
                spec=BackupStorageLocationSpec(
                    provider="aws",
                    object_storage=BackupStorageLocationSpecObjectStorage(bucket="b"),
                    access_mode="readonly",  # type: ignore[arg-type]
                ),
            ),
        ),
        "add_backup_storage_location('x').spec.access_mode",
        "readonly",
    ),
    (
        "duplicate location",
        lambda b: b.add_volume_snapshot_location(
            "x",
            VolumeSnapshotLocation(
                metadata=ObjectMeta(name="digitalocean"), spec=VolumeSnapshotLocationSpec(provider="aws")
            ),
        ),
        "add_volume_snapshot_location('x').metadata.name",
        "digitalocean",
    ),
    (
        "wrong kind",
        lambda b: b.add_schedule("x", Backup(metadata=ObjectMeta(name="b"), spec=BackupSpec())),
        "add_schedule('x')",
        "Backup",
    ),
    ("not typed", lambda b: b.add_manifest("x", {"kind": "Schedule"}), "add_manifest('x')", "dict"),
    (
        "restore from nothing",
        lambda b: b.add_manifest("x", Restore(metadata=ObjectMeta(name="r"), spec=RestoreSpec())),
        "add_manifest('x').spec.backup_name",
        None,
    ),
    ("id taken", lambda b: b.add_schedule("release", hourly()), "add_schedule.construct_id", "release"),
]


def replace_spec(obj: Schedule, **changes: Any) -> Schedule:
    from dataclasses import replace

    return replace(obj, spec=replace(obj.spec, **changes))


def replace_meta(obj: Schedule, **changes: Any) -> Schedule:
    from dataclasses import replace

    return replace(obj, metadata=replace(obj.metadata, **changes))


@pytest.mark.parametrize(("label", "call", "path", "value"), BAD, ids=[case[0] for case in BAD])
def test_bad_custom_resources_are_refused(label: str, call: Any, path: str, value: Any) -> None:
    stack, _, built = backups()
    before = set(resources(synth(stack), "kubernetes_manifest"))
    with pytest.raises(VeleroConfigError) as raised:
        call(built)
    assert raised.value.path == path, str(raised.value)
    if value is not None:
        assert raised.value.value == value
    # Nothing was added.
    assert set(resources(synth(stack), "kubernetes_manifest")) == before


def test_a_refused_name_stays_free() -> None:
    """A refusal does not reserve the name: the corrected object is accepted."""
    stack, _, built = backups()
    with pytest.raises(VeleroConfigError):
        built.add_schedule("x", hourly(ttl="2d"))
    built.add_schedule("x", hourly())
    assert manifest_of(synth(stack), "Schedule", "hourly-apps")
