"""The few package internals the tests reach into, in one place.

Everything else in the tests goes through the public API (``cdktf_velero``) and
``VeleroConfigError``. When modules move, re-point the imports here and nowhere else.
"""

from __future__ import annotations

from typing import Any

from cdktf_velero import chart_schema, extra_values, validation
from cdktf_velero.chart import OWNED_KEYS, chart_values, to_yaml
from cdktf_velero.chart import _bsl_item as chart_bsl_item
from cdktf_velero.chart_value_rules import kubernetes_validator
from cdktf_velero.custom_resources import Registry, check_custom_resource
from cdktf_velero.locations.base import Location, ResolveContext, ResolvedLocation
from cdktf_velero.monitoring import plan_monitoring
from cdktf_velero.plan import BackupsPlan, plan_backups
from cdktf_velero.schedules import check_schedules
from cdktf_velero.validation import SPACES_REGIONS, terraform
from cdktf_velero.versions import AWS_PLUGIN_IMAGE, DIGITALOCEAN_PLUGIN_IMAGE, VELERO_IMAGE

__all__ = [
    "AWS_PLUGIN_IMAGE",
    "OWNED_KEYS",
    "DIGITALOCEAN_PLUGIN_IMAGE",
    "SPACES_REGIONS",
    "VELERO_IMAGE",
    "BackupsPlan",
    "check_cron",
    "check_duration",
    "check_object",
    "chart_bsl_item",
    "chart_schema",
    "chart_values",
    "check_schedules",
    "extra_values",
    "holds_token_encoding",
    "is_token",
    "is_yaml_plain",
    "kubernetes_validator",
    "plan_backups",
    "planned_output",
    "resolve",
    "terraform",
    "to_yaml",
    "validation",
]

check_cron = validation.check_cron
check_duration = validation.check_duration
is_token = validation.is_token
is_yaml_plain = validation.is_yaml_plain
holds_token_encoding = validation.holds_token_encoding


def resolve(location: Location, path: str, *, default: bool) -> ResolvedLocation:
    """One location resolved as ``plan_backups`` resolves it with the construct's defaults (release ``velero``)."""
    return location.resolve(
        ResolveContext(
            path=path,
            default=default,
            allow_plaintext_secrets=False,
            namespace="velero",
            chart_fullname="velero",
            chart_credentials_secret="velero-aws-credentials",
            server_env_secret="velero-digitalocean-token",
        )
    )


def check_object(plan: BackupsPlan, method: str, construct_id: str, obj: object, registry: Any = None) -> Any:
    """What ``VeleroBackups.add_*`` checks for one object, without jsii: returns the object as it would be
    emitted (namespace and labels filled in) and the registry of names, for further objects."""
    registry = Registry.from_plan(plan) if registry is None else registry
    checked = check_custom_resource(f"{method}({construct_id!r})", obj, namespace=plan.namespace, registry=registry)
    return checked, registry


def planned_output(kwargs: dict[str, Any]) -> tuple[BackupsPlan, dict[str, Any], list[dict[str, Any]]]:
    """What ``VeleroBackups`` would emit for these props, without jsii (monitoring checked too): the plan, the
    chart values and the
    manifests of every location the construct writes itself (BackupStorageLocation, VolumeSnapshotLocation,
    Schedule, those that exist)."""
    plan = plan_backups(**kwargs)
    # As VeleroBackups does next: the monitoring checked against the plan (its rules are a resource of their own).
    plan_monitoring(kwargs.get("monitoring", False), plan=plan, extra_values=kwargs.get("extra_values"))
    manifests: list[dict[str, Any]] = []
    for location in plan.locations:
        objects = location.objects
        if objects is not None:
            for obj in (objects.backup_storage_location, objects.volume_snapshot_location, objects.schedule):
                if obj is not None:
                    manifests.append(obj.to_manifest())
    return plan, plan.values, manifests
