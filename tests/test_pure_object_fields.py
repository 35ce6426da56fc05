"""The field rules of added velero.io objects (:mod:`cdktf_velero.object_fields`) in the pure layer: each field the
rules know by name with a value refused (by path and value) and one accepted, plugin names, buckets per provider,
secret key references, labels and annotations (the 256 KiB limit), and the walk through nested specs."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import VeleroConfigError
from cdktf_velero.object_fields import check_bucket, check_fields, check_metadata, check_plugin_name

from .strategies import FAKE_TOKENS

pytestmark = pytest.mark.pure

B = "o.spec"
TOKEN = FAKE_TOKENS[0]
DURATIONS = (
    ("ttl", "ttl"),
    ("csiSnapshotTimeout", "csi_snapshot_timeout"),
    ("itemOperationTimeout", "item_operation_timeout"),
    ("timeout", "timeout"),
    ("execTimeout", "exec_timeout"),
    ("waitTimeout", "wait_timeout"),
    ("backupSyncPeriod", "backup_sync_period"),
    ("validationFrequency", "validation_frequency"),
)
CONFIG_REF = {"kind": "ConfigMap", "name": "policies"}


def refused(call: Any, *args: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        call(*args)
    assert raised.value.rule, "an explanation"
    return raised.value


# ---- each field by name ---------------------------------------------------------------------------------------

REFUSED: list[tuple[str, Any, str, Any]] = [
    *((key, "soon", name, "soon") for key, name in DURATIONS),
    *((key, "-1h", name, "-1h") for key, name in DURATIONS),
    ("schedule", "61 * * * *", "schedule", "61 * * * *"),
    ("storageLocation", "Aws", "storage_location", "Aws"),
    ("volumeSnapshotLocations", ["ok", "B"], "volume_snapshot_locations[1]", "B"),
    ("backupName", "Nightly", "backup_name", "Nightly"),
    ("scheduleName", "a_b", "schedule_name", "a_b"),
    ("volumeGroupSnapshotLabelKey", "-group", "volume_group_snapshot_label_key", "-group"),
    ("container", "a.b", "container", "a.b"),
    ("command", ["ls", 5], "command[1]", 5),
    ("resourcePolicy", {"kind": "Secret", "name": "p"}, "resource_policy.kind", "Secret"),
    ("resourcePolicy", {"name": "p"}, "resource_policy.kind", None),
    ("resourcePolicy", {"kind": 5, "name": "p"}, "resource_policy.kind", 5),
    ("resourcePolicy", {"kind": "configmap", "name": "P"}, "resource_policy.name", "P"),
    ("resourceModifier", {"kind": "configmaps", "name": "p"}, "resource_modifier.kind", "configmaps"),
    ("resourceModifier", {"kind": "ConfigMap"}, "resource_modifier.name", None),
    ("orderedResources", {"pods": "a/b", "Pods": "a/b"}, "ordered_resources", "Pods"),  # a key, not an item
    ("orderedResources", {"pods": "a/b", "${x}": "a/b"}, "ordered_resources", "${x}"),
    ("orderedResources", {"pods": "a/b", "secrets": 5}, "ordered_resources.secrets", 5),
    ("credential", {"key": "cloud"}, "credential.name", None),
    ("credential", {"name": "Bad_Name", "key": "cloud"}, "credential.name", "Bad_Name"),
    ("credential", {"name": "s"}, "credential.key", None),
    ("credential", {"name": "s", "key": ""}, "credential.key", ""),
    ("credential", {"name": "s", "key": "a/b"}, "credential.key", "a/b"),
    ("credential", {"name": "s", "key": "k" * 254}, "credential.key", "k" * 254),
    ("caCertRef", {"name": "ca", "key": "ca crt"}, "ca_cert_ref.key", "ca crt"),
    ("caCert", "not base64!", "ca_cert", "not base64!"),
    ("caCert", "LS0tLQ=", "ca_cert", "LS0tLQ="),
    ("caCert", "LS0tLQ==!", "ca_cert", "LS0tLQ==!"),  # no character outside the alphabet
    ("caCert", 5, "ca_cert", 5),
    ("provider", "a b/c", "provider", "a b/c"),
    ("prefix", "/velero", "prefix", "/velero"),
    ("config", {"region": "x", "n": 1}, "config.n", 1),
    ("config", ["a"], "config", "list"),
    ("metadata", {"labels": {"-a": "b"}}, "metadata.labels.-a", "-a"),
]


@pytest.mark.parametrize(("key", "value", "name", "shown"), REFUSED)
def test_each_known_field_refuses_a_bad_value(key: str, value: Any, name: str, shown: Any) -> None:
    error = refused(check_fields, B, {"uploaderType": "kopia", key: value})
    assert (error.path, error.value) == (f"{B}.{name}", shown)


ACCEPTED: list[tuple[str, Any]] = [
    *((key, "0s") for key, _ in DURATIONS),  # zero is Velero's "no limit" or "the default"
    *((key, "1h30m") for key, _ in DURATIONS),
    ("schedule", "@daily"),
    ("storageLocation", "a.b"),
    ("volumeSnapshotLocations", ["a.b", "c"]),
    ("backupName", "a.b"),
    ("scheduleName", "a.b"),
    ("volumeGroupSnapshotLabelKey", "example.com/group"),
    ("container", "app"),
    ("command", ["ls", "-l"]),
    ("resourcePolicy", CONFIG_REF),
    ("resourcePolicy", {"kind": "configmap", "name": "a.b"}),
    ("resourceModifier", {"kind": "CONFIGMAP", "name": "m"}),
    ("orderedResources", {"pods": "ns/a,ns/b", "deployments.apps": "ns/d"}),
    ("credential", {"name": "cloud-credentials", "key": "cloud"}),
    ("credential", {"name": "s", "key": "k" * 253}),
    ("credential", {"name": "s", "key": "A-_.9"}),
    ("credential", {"name": "s", "key": "k"}),
    ("credential", {"name": "s", "key": TOKEN}),
    ("caCertRef", {"name": "ca", "key": "ca.crt"}),
    ("caCert", "LS0tLQ=="),
    ("provider", "velero.io/aws"),
    ("prefix", "clusters/prod"),
    ("config", {"region": "us-east-1"}),
    ("metadata", {"labels": {"a": "b"}, "annotations": {"note": "text"}}),
]


@pytest.mark.parametrize(("key", "value"), ACCEPTED)
def test_each_known_field_takes_a_good_value(key: str, value: Any) -> None:
    check_fields(B, {key: value})


# ---- the walk -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [
        {"initContainers": [{"name": "Hook", "command": [5]}]},
        {"labelSelector": {"matchLabels": {"prefix": "/x"}}},
        {"orLabelSelectors": [{"matchLabels": {"provider": "a b/c"}}]},
        {"namespaceMapping": {"ttl": "staging", "schedule": "x"}},
        {"uploaderType": "kopia", "snapshotVolumes": True, "parallelFilesUpload": 3, "includedNamespaces": ["A"]},
        {"hooks": {"resources": [{"name": "a", "pre": ["text", {"exec": {"timeout": "30s"}}]}]}},
    ],
)
def test_free_form_and_other_fields_are_left_to_their_rules(spec: dict[str, Any]) -> None:
    check_fields(B, spec)


@pytest.mark.parametrize(
    ("spec", "path", "shown"),
    [
        ({"namespaceMapping": {}, "labelSelector": {}, "ttl": "soon"}, f"{B}.ttl", "soon"),
        ({"uploaderType": "e\u0301"}, f"{B}.uploader_type", "e\u0301"),
        ({"template": {"hooks": {"resources": [{}, {"pre": ["x", {"exec": {"timeout": "soon"}}]}]}}}, None, "soon"),
        ({"objectStorage": {"bucket": "b", "caCert": "!"}}, f"{B}.object_storage.ca_cert", "!"),
    ],
)
def test_nested_fields_are_reached(spec: dict[str, Any], path: str | None, shown: Any) -> None:
    error = refused(check_fields, B, spec)
    expected = f"{B}.template.hooks.resources[1].pre[1].exec.timeout" if path is None else path
    assert (error.path, error.value) == (expected, shown)


# ---- plugin names and buckets ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["aws", "velero.io/aws", "digitalocean.com/velero", "a.b.c/x-y_z", TOKEN, f"{TOKEN}/velero", f"a/{TOKEN}"]
)
def test_plugin_names(name: str) -> None:
    assert check_plugin_name("p", name) == name


@pytest.mark.parametrize("name", ["a/", "/x", "a/b/c", "a/b c", "a b", "A/b", "-a/b", "", None, 5])
def test_plugin_names_refused(name: Any) -> None:
    error = refused(check_plugin_name, "p", name)
    assert (error.path, error.value) == ("p", name)


MRAP = "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap"


@pytest.mark.parametrize(
    ("bucket", "provider"),
    [
        ("acme-velero", "aws"),
        ("acme-velero", "velero.io/aws"),
        (MRAP, "aws"),
        (MRAP, "velero.io/aws"),
        ("a_b", "velero.io/gcp"),
        ("abc", "velero.io/azure"),
        ("a" * 222, "velero.io/gcp"),
        ("a.b-c_d", None),
        (TOKEN, "aws"),
        (TOKEN, "velero.io/gcp"),
    ],
)
def test_buckets_per_provider(bucket: str, provider: Any) -> None:
    assert check_bucket("b", bucket, provider) == bucket


@pytest.mark.parametrize(
    ("bucket", "provider"),
    [
        ("A_B", "aws"),
        ("b/velero", "aws"),
        ("b/velero", "velero.io/aws"),
        ("a_b", "aws"),
        ("a_b", "velero.io/aws"),
        ("arn:aws:s3::123456789012:accesspoint", "aws"),
        ("arn:aws:s3::123456789012:accesspoint/x y", "aws"),
        (MRAP, "velero.io/gcp"),
        ("ab", "velero.io/gcp"),
        ("a" * 223, "velero.io/gcp"),
        ("b/velero", "velero.io/gcp"),
        ("-ab", "velero.io/gcp"),
        ("ab-", "velero.io/gcp"),
        ("Abc", "velero.io/gcp"),
        ("", "velero.io/gcp"),
        (5, "aws"),
    ],
)
def test_buckets_refused(bucket: Any, provider: str) -> None:
    error = refused(check_bucket, "b", bucket, provider)
    assert (error.path, error.value) == ("b", bucket)


# ---- labels and annotations -----------------------------------------------------------------------------------------

LIMIT = 256 * 1024


@pytest.mark.parametrize(
    "metadata",
    [
        {},
        {"labels": None, "annotations": None},
        {"labels": {}, "annotations": {}},
        {"annotations": {"a": "x" * (LIMIT - 1)}},
        {"annotations": {"a": "x" * (LIMIT // 2 - 1), "b": "y" * (LIMIT // 2 - 1)}},
        {"annotations": {"example.com/a": "", "b": TOKEN}},
    ],
)
def test_metadata_kubernetes_takes(metadata: dict[str, Any]) -> None:
    check_metadata("m", metadata)


@pytest.mark.parametrize(
    ("metadata", "path", "shown"),
    [
        ({"labels": {"a": "b", "c": "d e"}}, "m.labels.c", "d e"),
        ({"labels": ["a"]}, "m.labels", "list"),
        ({"annotations": {"ok": "", "a b": "c"}}, "m.annotations", "a b"),
        ({"annotations": {"ok": "", "a": 5}}, "m.annotations.a", 5),
        ({"annotations": {"a": "x" * LIMIT}}, "m.annotations", f"{LIMIT + 1} bytes"),
        (
            {"annotations": {"a": "x" * (LIMIT // 2 - 1), "b": "y" * (LIMIT // 2)}},
            "m.annotations",
            f"{LIMIT + 1} bytes",
        ),
        ({"annotations": {"a": "é" * (LIMIT // 2)}}, "m.annotations", f"{LIMIT + 1} bytes"),  # bytes, not characters
        ({"annotations": {"é" * 2: "x" * (LIMIT - 4)}}, "m.annotations", "é" * 2),  # a key is a label key
    ],
)
def test_metadata_refused(metadata: dict[str, Any], path: str, shown: Any) -> None:
    error = refused(check_metadata, "m", metadata)
    assert (error.path, error.value) == (path, shown)
