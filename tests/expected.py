"""What a valid configuration must produce, written from the documented behaviour, not from the code.

The chart values and the DigitalOcean manifests are derived here from the properties alone:
the documented defaults, the chart's list form for locations, its ``velero.fullname`` rule,
the Schedule spec fields Velero reads. The property tests compare the library's output to
this, so a change in what the library emits fails unless this description changes too.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from cdktf_velero import CHART_VERSION, AwsLocation, BackupSchedule, DigitalOceanLocation

from .internal import AWS_PLUGIN_IMAGE, DIGITALOCEAN_PLUGIN_IMAGE, VELERO_IMAGE

MANAGED_BY = {"app.kubernetes.io/managed-by": "terraform", "app.kubernetes.io/part-of": "velero"}
DEFAULTS: dict[str, Any] = {
    "namespace": "velero",
    "create_namespace": True,
    "release_name": "velero",
    "chart_version": CHART_VERSION,
    "chart_repository": "https://vmware-tanzu.github.io/helm-charts",
    # The pins have one home (versions.py); everything else here is written out.
    "velero_image": VELERO_IMAGE,
    "aws_plugin_image": AWS_PLUGIN_IMAGE,
    "digitalocean_plugin_image": DIGITALOCEAN_PLUGIN_IMAGE,
    "node_agent": None,
    "metrics": True,
    "atomic": True,
    "cleanup_on_fail": True,
    "timeout": 600,
    "max_history": 10,
    "aws_credentials_secret_name": "velero-aws-credentials",
    "digitalocean_token_secret_name": "velero-digitalocean-token",
    "extra_values": None,
    "outputs": False,
}
"""The documented defaults of ``VeleroBackups``."""


def fullname(release: str) -> str:
    """The chart's ``velero.fullname``: the release name when it contains the chart name, else
    ``<release>-velero``; at most 63 characters, no trailing '-'."""
    name = release if "velero" in release else f"{release}-velero"
    return name[:63].rstrip("-")


def _image_values(image: str) -> dict[str, str]:
    if "@" in image:
        repository, digest = image.split("@", 1)
        return {"repository": repository, "digest": digest}
    repository, tag = image.rsplit(":", 1)
    return {"repository": repository, "tag": tag}


def _plugin(name: str, image: str) -> dict[str, Any]:
    return {
        "name": name,
        "image": image,
        "imagePullPolicy": "IfNotPresent",
        "volumeMounts": [{"mountPath": "/target", "name": "plugins"}],
    }


def schedule_spec(schedule: BackupSchedule, location: str, own_vsl: str | None) -> dict[str, Any]:
    """The Schedule ``spec`` (wire form) for a BackupSchedule backing up to ``location``."""
    template: dict[str, Any] = {
        "ttl": schedule.ttl,
        "storageLocation": location,
        "includedNamespaces": list(schedule.included_namespaces),
        "snapshotVolumes": schedule.snapshot_volumes,
    }
    for key, value in (
        ("excludedNamespaces", schedule.excluded_namespaces),
        ("includedResources", schedule.included_resources),
        ("excludedResources", schedule.excluded_resources),
    ):
        if value:
            template[key] = list(value)
    if schedule.include_cluster_resources is not None:
        template["includeClusterResources"] = schedule.include_cluster_resources
    if schedule.label_selector:
        template["labelSelector"] = {"matchLabels": dict(schedule.label_selector)}
    if schedule.file_system_backup:
        template["defaultVolumesToFsBackup"] = True
    vsls = schedule.volume_snapshot_locations
    if vsls is None:
        vsls = [own_vsl] if schedule.snapshot_volumes and own_vsl else []
    if vsls:
        template["volumeSnapshotLocations"] = list(vsls)
    spec: dict[str, Any] = {
        "schedule": schedule.cron,
        "template": template,
        "useOwnerReferencesInBackup": schedule.use_owner_references_in_backup,
    }
    if schedule.paused:
        spec["paused"] = True
    return spec


def prop(kwargs: Mapping[str, Any], name: str) -> Any:
    return kwargs.get(name, DEFAULTS[name])


def chart_values(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The values of the helm release."""
    aws: AwsLocation = kwargs["aws"]
    do: DigitalOceanLocation | None = kwargs.get("digitalocean")
    snapshots = do is not None and do.volume_snapshots
    do_default = do is not None and do.default
    config = {"region": aws.region, **aws.config}
    if aws.create_bucket and aws.bucket_options is not None and aws.bucket_options.kms_key_arn is not None:
        config["kmsKeyId"] = aws.bucket_options.kms_key_arn
    bsl: dict[str, Any] = {
        "name": aws.name,
        "provider": "aws",
        "bucket": aws.bucket,
        "default": not do_default,
        "accessMode": aws.access_mode,
        "config": config,
    }
    for key, value in (
        ("prefix", aws.prefix),
        ("validationFrequency", aws.validation_frequency),
        ("backupSyncPeriod", aws.backup_sync_period),
    ):
        if value is not None:
            bsl[key] = value
    configuration: dict[str, Any] = {
        "backupStorageLocation": [bsl],
        "volumeSnapshotLocation": [],
        "defaultBackupStorageLocation": do.name if do is not None and do_default else aws.name,
    }
    init = [_plugin("velero-plugin-for-aws", prop(kwargs, "aws_plugin_image"))]
    credentials: dict[str, Any] = {"useSecret": True, "existingSecret": prop(kwargs, "aws_credentials_secret_name")}
    if snapshots and do is not None:
        configuration["defaultVolumeSnapshotLocations"] = f"digitalocean.com/velero:{do.name}"
        init.append(_plugin("velero-plugin-digitalocean", prop(kwargs, "digitalocean_plugin_image")))
        credentials["extraSecretRef"] = prop(kwargs, "digitalocean_token_secret_name")
    schedules = [s for s in (aws.schedule, do.schedule if do is not None else None) if s is not None]
    node_agent = prop(kwargs, "node_agent")
    values: dict[str, Any] = {
        "image": _image_values(prop(kwargs, "velero_image")),
        "initContainers": init,
        "configuration": configuration,
        "credentials": credentials,
        "backupsEnabled": True,
        "snapshotsEnabled": snapshots,
        "deployNodeAgent": any(s.file_system_backup for s in schedules) if node_agent is None else node_agent,
        "upgradeCRDs": True,
        "metrics": {"enabled": prop(kwargs, "metrics")},
        "schedules": {},
    }
    if aws.schedule is not None:
        name = aws.schedule.name or "daily-aws-backups"
        item = {"disabled": False, **schedule_spec(aws.schedule, aws.name, None)}
        if aws.schedule.labels:
            item["labels"] = dict(aws.schedule.labels)
        values["schedules"][name] = item
    # The documented sizes (README, "Sizing"): server always, node agent where it runs, maintenance jobs.
    values["resources"] = {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "1Gi"}}
    if values["deployNodeAgent"]:
        values["nodeAgent"] = {
            "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "1Gi"}}
        }
    pod = {"cpuRequest": "100m", "cpuLimit": "0", "memoryRequest": "512Mi", "memoryLimit": "2Gi"}
    configuration["repositoryMaintenanceJob"] = {
        "repositoryConfigData": {"global": {"podResources": pod, "keepLatestMaintenanceJobs": 3}}
    }
    if do is not None:  # Spaces is an S3-compatible store: the AWS SDK's checksums off in the server
        configuration["extraEnvVars"] = [
            {"name": "AWS_REQUEST_CHECKSUM_CALCULATION", "value": "when_required"},
            {"name": "AWS_RESPONSE_CHECKSUM_VALIDATION", "value": "when_required"},
        ]
    return _merge(values, prop(kwargs, "extra_values") or {})


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(merged.get(key), dict) and isinstance(value, Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def manifests(kwargs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The DigitalOcean BackupStorageLocation, VolumeSnapshotLocation and Schedule, in that order."""
    do: DigitalOceanLocation | None = kwargs.get("digitalocean")
    if do is None:
        return []
    namespace = prop(kwargs, "namespace")

    def obj(kind: str, name: str, spec: dict[str, Any], labels: Mapping[str, str] | None = None) -> dict[str, Any]:
        meta = {"name": name, "namespace": namespace, "labels": {**MANAGED_BY, **(labels or {})}}
        return {"apiVersion": "velero.io/v1", "kind": kind, "metadata": meta, "spec": spec}

    storage: dict[str, Any] = {"bucket": do.bucket}
    if do.prefix is not None:
        storage["prefix"] = do.prefix
    bsl_spec = {
        "provider": "aws",
        "objectStorage": storage,
        "config": {
            "region": do.region,
            "s3Url": f"https://{do.region}.digitaloceanspaces.com",
            "checksumAlgorithm": "",
            **do.config,
        },
        "default": do.default,
        "accessMode": do.access_mode,
        "credential": {"name": do.credentials_secret_name, "key": "cloud"},
    }
    out = [obj("BackupStorageLocation", do.name, bsl_spec)]
    if do.volume_snapshots:
        out.append(
            obj(
                "VolumeSnapshotLocation",
                do.name,
                {"provider": "digitalocean.com/velero", "config": {"region": do.region}},
            )
        )
    if do.schedule is not None:
        spec = schedule_spec(do.schedule, do.name, do.name if do.volume_snapshots else None)
        out.append(obj("Schedule", do.schedule.name or "daily-digitalocean-backups", spec, do.schedule.labels))
    return out


def aws_schedule_object(kwargs: Mapping[str, Any]) -> str | None:
    """The name of the Schedule object the chart renders for the AWS schedule."""
    aws: AwsLocation = kwargs["aws"]
    if aws.schedule is None:
        return None
    return f"{fullname(prop(kwargs, 'release_name'))}-{aws.schedule.name or 'daily-aws-backups'}"
