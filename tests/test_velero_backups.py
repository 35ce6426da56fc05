"""Resources and key properties of VeleroBackups, checked with cdktf.Testing matchers and on the JSON."""

from __future__ import annotations

from typing import Any

import pytest

from cdktf_velero import BackupSchedule, VeleroBackups
from cdktf_velero.engine.core import Testing as CdktfTesting
from cdktf_velero.versions import AWS_PLUGIN_IMAGE, CHART_VERSION, DIGITALOCEAN_PLUGIN_IMAGE, VELERO_IMAGE
from tests.helpers import (
    SCENARIOS,
    aws_location,
    build,
    chart_values,
    do_location,
    only,
    resources,
    scenario_aws_do,
    scenario_aws_only,
    scenario_everything,
    secrets,
    synth,
    synth_text,
)

REFUSED = ("deployRestic", "restic", "defaultVolumesToRestic", "resticTimeout", "defaultResticPruneFrequency")


def has(text: str, resource_type: str, props: dict[str, Any]) -> bool:
    return bool(CdktfTesting.to_have_resource_with_properties(text, resource_type, props))


def test_release_is_the_pinned_chart() -> None:
    stack, backups = build(scenario_aws_only)
    text = synth_text(stack)
    assert has(
        text,
        "helm_release",
        {
            "name": "velero",
            "chart": "velero",
            "repository": "https://vmware-tanzu.github.io/helm-charts",
            "version": CHART_VERSION,
            "namespace": "velero",
            "wait": True,
            "atomic": True,
            "cleanup_on_fail": True,
            "max_history": 10,
            "timeout": 600,
        },
    )
    assert backups.release.chart_input == "velero"
    assert backups.digitalocean is None


def test_aws_location_in_chart_list_form() -> None:
    stack, _ = build(scenario_aws_only)
    values = chart_values(synth(stack))
    assert values["configuration"]["backupStorageLocation"] == [
        {
            "name": "aws",
            "provider": "aws",
            "bucket": "acme-velero",
            "default": True,
            "accessMode": "ReadWrite",
            "config": {"region": "ca-central-1"},
        }
    ]
    assert values["configuration"]["defaultBackupStorageLocation"] == "aws"
    # No placeholder snapshot location: only configured ones, and none without DigitalOcean.
    assert values["configuration"]["volumeSnapshotLocation"] == []
    assert values["snapshotsEnabled"] is False
    assert "provider" not in values["configuration"]
    for key in REFUSED:
        assert key not in values


def test_aws_schedule_matches_the_original_defaults() -> None:
    stack, backups = build(scenario_aws_only)
    values = chart_values(synth(stack))
    assert values["schedules"] == {
        "daily-aws-backups": {
            "disabled": False,
            "schedule": "0 7 * * *",
            "useOwnerReferencesInBackup": False,
            "template": {
                "ttl": "240h",
                "storageLocation": "aws",
                "includedNamespaces": ["*"],
                "snapshotVolumes": False,
                "defaultVolumesToFsBackup": True,
            },
        }
    }
    assert values["deployNodeAgent"] is True
    assert backups.aws_schedule_name == "velero-daily-aws-backups"


def test_plugins_aws_only_has_no_digitalocean_plugin() -> None:
    stack, _ = build(scenario_aws_only)
    images = [c["image"] for c in chart_values(synth(stack))["initContainers"]]
    assert images == [AWS_PLUGIN_IMAGE]


def test_plugins_with_digitalocean() -> None:
    stack, _ = build(scenario_aws_do)
    values = chart_values(synth(stack))
    containers = values["initContainers"]
    assert [c["image"] for c in containers] == [AWS_PLUGIN_IMAGE, DIGITALOCEAN_PLUGIN_IMAGE]
    for container in containers:
        assert container["volumeMounts"] == [{"mountPath": "/target", "name": "plugins"}]
    repository, _, tag = VELERO_IMAGE.partition(":")
    assert values["image"] == {"repository": repository, "tag": tag}


def test_plugin_images_are_overridable() -> None:
    def scenario(stack: Any, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(
            stack,
            "velero",
            aws=aws_location(s),
            digitalocean=do_location(s),
            aws_plugin_image="registry.acme.io/velero-plugin-for-aws:v1.14.3",
            digitalocean_plugin_image="registry.acme.io/do-plugin:v1.1.0",
        )

    stack, _ = build(scenario)
    images = [c["image"] for c in chart_values(synth(stack))["initContainers"]]
    assert images == ["registry.acme.io/velero-plugin-for-aws:v1.14.3", "registry.acme.io/do-plugin:v1.1.0"]


def test_credentials_come_from_terraform_managed_secrets() -> None:
    stack, backups = build(scenario_aws_do)
    doc = synth(stack)
    values = chart_values(doc)
    assert values["credentials"] == {
        "useSecret": True,
        "existingSecret": "velero-aws-credentials",
        "extraSecretRef": "velero-digitalocean-token",
    }
    secrets_by_name = {res["metadata"]["name"]: res for res in resources(doc, "kubernetes_secret").values()}
    assert secrets_by_name["velero-aws-credentials"]["data"] == {
        "cloud": "[default]\naws_access_key_id=${var.aws_access_key_id}\n"
        "aws_secret_access_key=${var.aws_secret_access_key}\n"
    }
    assert secrets_by_name["velero-digitalocean-token"]["data"] == {"DIGITALOCEAN_TOKEN": "${var.digitalocean_token}"}
    assert secrets_by_name["digitalocean-spaces-credentials"]["data"] == {
        "cloud": "[default]\naws_access_key_id=${var.spaces_access_key_id}\n"
        "aws_secret_access_key=${var.spaces_secret_access_key}\n"
    }
    for secret in secrets_by_name.values():
        assert secret["metadata"]["namespace"] == "velero"
        assert secret["type"] == "Opaque"
    # The release waits for the namespace and the secrets it reads: both credentials and the repository password.
    release = only(doc, "helm_release")
    assert sorted(release["depends_on"]) == sorted(
        [
            f"kubernetes_namespace.{backups.namespace.friendly_unique_id}" if backups.namespace else "",
            f"kubernetes_secret.{backups.aws_credentials.friendly_unique_id}",
            f"kubernetes_secret.{backups.digitalocean_token.friendly_unique_id}" if backups.digitalocean_token else "",
            f"kubernetes_secret.{backups.repository_secret.friendly_unique_id}",
        ]
    )
    assert "set_sensitive" not in release
    assert "set" not in release


def test_no_token_secret_without_digitalocean_snapshots() -> None:
    def scenario(stack: Any, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(
            stack,
            "velero",
            aws=aws_location(s),
            digitalocean=do_location(s, api_token=None, volume_snapshots=False),
        )

    stack, backups = build(scenario)
    doc = synth(stack)
    values = chart_values(doc)
    assert backups.digitalocean_token is None
    assert "extraSecretRef" not in values["credentials"]
    assert [c["name"] for c in values["initContainers"]] == ["velero-plugin-for-aws"]
    assert resources(doc, "kubernetes_manifest")
    kinds = sorted(res["manifest"]["kind"] for res in resources(doc, "kubernetes_manifest").values())
    assert kinds == ["BackupStorageLocation", "Schedule"]
    schedule = backups.digitalocean.schedule if backups.digitalocean else None
    assert schedule is not None


def test_namespace_created_with_labels() -> None:
    stack, backups = build(scenario_everything)
    doc = synth(stack)
    namespace = only(doc, "kubernetes_namespace")
    assert namespace["metadata"]["name"] == "backup-system"
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "privileged"
    assert only(doc, "helm_release")["namespace"] == "backup-system"
    assert backups.namespace is not None


def test_existing_namespace_is_not_created() -> None:
    def scenario(stack: Any, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(stack, "velero", aws=aws_location(s), create_namespace=False, namespace="ops")

    stack, backups = build(scenario)
    doc = synth(stack)
    assert backups.namespace is None
    assert resources(doc, "kubernetes_namespace") == {}
    assert all("depends_on" not in secret for secret in resources(doc, "kubernetes_secret").values())


def test_digitalocean_custom_resources() -> None:
    stack, backups = build(scenario_aws_do)
    text = synth_text(stack)
    assert has(
        text,
        "kubernetes_manifest",
        {
            "manifest": {
                "apiVersion": "velero.io/v1",
                "kind": "BackupStorageLocation",
                "metadata": {"name": "digitalocean", "namespace": "velero"},
                "spec": {
                    "provider": "aws",
                    "objectStorage": {"bucket": "acme-velero"},
                    "config": {"region": "nyc3", "s3Url": "https://nyc3.digitaloceanspaces.com"},
                    "credential": {"name": "digitalocean-spaces-credentials", "key": "cloud"},
                    "accessMode": "ReadWrite",
                    "default": False,
                },
            }
        },
    )
    assert has(
        text,
        "kubernetes_manifest",
        {
            "manifest": {
                "kind": "VolumeSnapshotLocation",
                "metadata": {"name": "digitalocean"},
                "spec": {"provider": "digitalocean.com/velero", "config": {"region": "nyc3"}},
            }
        },
    )
    assert has(
        text,
        "kubernetes_manifest",
        {
            "manifest": {
                "kind": "Schedule",
                "metadata": {"name": "daily-digitalocean-backups"},
                "spec": {
                    "schedule": "0 19 * * *",
                    "useOwnerReferencesInBackup": False,
                    "template": {
                        "ttl": "240h",
                        "storageLocation": "digitalocean",
                        "includedNamespaces": ["*"],
                        "snapshotVolumes": False,
                    },
                },
            }
        },
    )
    do = backups.digitalocean
    assert do is not None
    assert do.volume_snapshot_location is not None
    assert do.schedule is not None
    doc = synth(stack)
    release_address = f"helm_release.{backups.release.friendly_unique_id}"
    for res in resources(doc, "kubernetes_manifest").values():
        assert release_address in res["depends_on"]
        # Never written by us: the Schedule controller owns it.
        assert "skipImmediately" not in res["manifest"]["spec"]
        for value in res["manifest"]["spec"].get("config", {}).values():
            assert isinstance(value, str)


def test_schedule_snapshot_switch_names_the_digitalocean_vsl() -> None:
    def scenario(stack: Any, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(
            stack,
            "velero",
            aws=aws_location(s),
            digitalocean=do_location(s, schedule=BackupSchedule(cron="0 19 * * *", snapshot_volumes=True)),
        )

    stack, backups = build(scenario)
    schedule = backups.digitalocean.schedule if backups.digitalocean else None
    assert schedule is not None
    doc = synth(stack)
    manifest = next(
        res["manifest"]
        for res in resources(doc, "kubernetes_manifest").values()
        if res["manifest"]["kind"] == "Schedule"
    )
    assert manifest["spec"]["template"]["snapshotVolumes"] is True
    assert manifest["spec"]["template"]["volumeSnapshotLocations"] == ["digitalocean"]
    assert manifest["metadata"]["name"] == "daily-digitalocean-backups"


def test_digitalocean_can_be_the_default_location() -> None:
    def scenario(stack: Any, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(stack, "velero", aws=aws_location(s), digitalocean=do_location(s, default=True))

    stack, backups = build(scenario)
    doc = synth(stack)
    values = chart_values(doc)
    assert values["configuration"]["backupStorageLocation"][0]["default"] is False
    assert values["configuration"]["defaultBackupStorageLocation"] == "digitalocean"
    bsl = next(
        res["manifest"]
        for res in resources(doc, "kubernetes_manifest").values()
        if res["manifest"]["kind"] == "BackupStorageLocation"
    )
    assert bsl["spec"]["default"] is True
    assert backups.default_location_name == "digitalocean"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_exactly_one_default_location(name: str) -> None:
    stack, _ = build(SCENARIOS[name])
    doc = synth(stack)
    defaults = [item["default"] for item in chart_values(doc)["configuration"]["backupStorageLocation"]]
    defaults += [
        res["manifest"]["spec"]["default"]
        for res in resources(doc, "kubernetes_manifest").values()
        if res["manifest"]["kind"] == "BackupStorageLocation"
    ]
    assert defaults.count(True) == 1


def test_locations_without_schedules() -> None:
    def scenario(stack: Any, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(
            stack,
            "velero",
            aws=aws_location(s, schedule=None),
            digitalocean=do_location(s, schedule=None),
        )

    stack, backups = build(scenario)
    doc = synth(stack)
    values = chart_values(doc)
    assert values["schedules"] == {}
    assert values["deployNodeAgent"] is False
    kinds = sorted(res["manifest"]["kind"] for res in resources(doc, "kubernetes_manifest").values())
    assert kinds == ["BackupStorageLocation", "VolumeSnapshotLocation"]
    assert backups.aws_schedule_name is None
    assert backups.digitalocean is not None
    assert backups.digitalocean.schedule is None


def test_everything_switched_on() -> None:
    stack, backups = build(scenario_everything)
    doc = synth(stack)
    values = chart_values(doc)
    aws_bsl = values["configuration"]["backupStorageLocation"][0]
    assert aws_bsl["prefix"] == "clusters/prod"
    assert aws_bsl["config"] == {
        "region": "ca-central-1",
        "serverSideEncryption": "AES256",
        "checksumAlgorithm": "CRC32",
    }
    assert aws_bsl["validationFrequency"] == "5m"
    assert aws_bsl["default"] is False
    assert values["configuration"]["defaultBackupStorageLocation"] == "spaces"
    assert values["configuration"]["defaultVolumeSnapshotLocations"] == "digitalocean.com/velero:spaces"
    assert values["metrics"] == {"enabled": False}
    assert values["resources"] == {"requests": {"cpu": "100m", "memory": "128Mi"}}
    maintenance = values["configuration"]["repositoryMaintenanceJob"]["repositoryConfigData"]["global"]
    assert maintenance["keepLatestMaintenanceJobs"] == 5
    assert maintenance["priorityClassName"] == "backup-low"
    schedule = values["schedules"]["s3-every-6h"]
    assert schedule["schedule"] == "@every 6h"
    assert schedule["labels"] == {"team": "platform"}
    assert schedule["template"] == {
        "ttl": "720h",
        "storageLocation": "aws",
        "includedNamespaces": ["app-*", "payments"],
        "excludedNamespaces": ["kube-system"],
        "excludedResources": ["events", "events.events.k8s.io"],
        "labelSelector": {"matchLabels": {"backup.acme.io/tier": "gold"}},
        "snapshotVolumes": True,
        "defaultVolumesToFsBackup": True,
        "volumeSnapshotLocations": ["spaces"],
    }
    assert backups.aws_schedule_name == "velero-prod-s3-every-6h"
    manifests = {res["manifest"]["kind"]: res["manifest"] for res in resources(doc, "kubernetes_manifest").values()}
    assert manifests["Schedule"]["spec"]["paused"] is True
    assert manifests["Schedule"]["spec"]["template"]["includeClusterResources"] is True
    assert manifests["Schedule"]["spec"]["template"]["includedResources"] == [
        "deployments.apps",
        "persistentvolumeclaims",
        "persistentvolumes",
    ]
    assert manifests["BackupStorageLocation"]["spec"]["objectStorage"] == {
        "bucket": "acme-velero-fra1",
        "prefix": "prod",
    }
    assert manifests["BackupStorageLocation"]["spec"]["credential"] == {"name": "spaces-creds", "key": "cloud"}
    assert manifests["BackupStorageLocation"]["spec"]["config"]["s3Url"] == "https://fra1.digitaloceanspaces.com"


def test_node_agent_can_be_forced_on_without_fs_schedules() -> None:
    def scenario(stack: Any, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(
            stack, "velero", aws=aws_location(s, schedule=BackupSchedule(cron="@daily")), node_agent=True
        )

    stack, _ = build(scenario)
    values = chart_values(synth(stack))
    assert values["deployNodeAgent"] is True
    assert "defaultVolumesToFsBackup" not in values["schedules"]["daily-aws-backups"]["template"]


def test_two_installations_in_one_stack_get_distinct_addresses() -> None:
    from cdktf_velero.engine.core import App, TerraformStack

    app: App = CdktfTesting.app()
    stack = TerraformStack(app, "two")
    s = secrets(stack)
    VeleroBackups(stack, "primary", aws=aws_location(s))
    VeleroBackups(stack, "secondary", aws=aws_location(s), namespace="velero-2", release_name="velero-2")
    doc = synth(stack)
    assert len(resources(doc, "helm_release")) == 2
    # Each its credentials and its repository password (in its own namespace); one random provider for both.
    assert len(resources(doc, "kubernetes_secret")) == 4
    assert len(resources(doc, "random_password")) == 2
    assert len(doc["provider"]["random"]) == 1
    assert set(doc["output"]) == {"primary_repository_password", "secondary_repository_password"}


def test_construct_ids_are_stable_addresses() -> None:
    """Construct ids are part of the public contract: these addresses must not change silently."""
    stack, _ = build(scenario_aws_do)
    doc = synth(stack)
    addresses = sorted(f"{kind}.{name}" for kind, by_type in doc["resource"].items() for name in by_type)
    assert addresses == [
        "helm_release.velero_release_A557CCA0",
        "kubernetes_manifest.velero_digitalocean_backup-storage-location_B69265DD",
        "kubernetes_manifest.velero_digitalocean_schedule_DD262A43",
        "kubernetes_manifest.velero_digitalocean_volume-snapshot-location_8BCB29EE",
        "kubernetes_namespace.velero_namespace_0618E1E4",
        "kubernetes_secret.velero_aws-credentials_4AA3E254",
        "kubernetes_secret.velero_digitalocean-token_CF8E2968",
        "kubernetes_secret.velero_digitalocean_spaces-credentials_ADFD8858",
        # Since the repository password is managed (new resources; the ones above are unchanged).
        "kubernetes_secret.velero_repository-password_02468AFA",
        "random_password.velero_generated-repository-password_ED35B106",
    ]


@pytest.mark.parametrize(
    ("release_name", "schedule_object"),
    [
        ("velero", "velero-daily-aws-backups"),
        ("velero-prod", "velero-prod-daily-aws-backups"),
        ("backups", "backups-velero-daily-aws-backups"),
    ],
)
def test_aws_schedule_object_is_named_like_the_chart_names_it(release_name: str, schedule_object: str) -> None:
    """The chart names objects after ``velero.fullname``: the release, plus ``-velero`` unless it holds it."""

    def scenario(stack: Any, s: dict[str, str]) -> VeleroBackups:
        return VeleroBackups(stack, "velero", aws=aws_location(s), release_name=release_name)

    _, backups = build(scenario)
    assert backups.aws_schedule_name == schedule_object
