#!/usr/bin/env python3
"""Disaster recovery: a production cluster and a recovery cluster in one app, sharing the buckets and the
repository password, with a restore declared as code. The runbook is ``docs/disaster-recovery.md``.

Stacks (each with its own state):

- ``production``: Velero on the production cluster (chart, secrets, the generated repository password and its
  sensitive output), backing up to S3 daily with file-system backup;
- ``production-resources``: its Spaces location, DigitalOcean snapshot location and Spaces schedule;
- ``recovery``: Velero on the recovery cluster (``recovery=True``): the S3 location ReadOnly, no schedules, the
  production repository password (read from the production stack's state: the production cluster need not exist);
- ``recovery-resources``: the Spaces location ReadOnly, the snapshot location, and the Restore as code, applied
  once ``velero backup get`` on the recovery cluster lists the production backups.

Run from the repository root: ``python examples/disaster_recovery.py`` writes ``cdktf.out/stacks/<stack>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from cdktf_velero import (
    AwsLocation,
    BackupSchedule,
    DigitalOceanLocation,
    VeleroBackups,
    recovery_location,
)
from cdktf_velero.engine import helm, kubernetes
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable

HelmProvider: TypeAlias = helm.provider.HelmProvider
KubernetesProvider: TypeAlias = kubernetes.provider.KubernetesProvider

S3_BUCKET = "acme-velero-backups"
SPACES_BUCKET = "acme-velero-spaces"
PREFIX = "prod"
"""Where production writes in both buckets; the recovery cluster reads the same place."""

RESTORED_NAMESPACES = ["payments", "orders"]


@dataclass(frozen=True)
class Cluster:
    """The installs of one cluster: its Velero, its locations and the stacks it spans."""

    velero: VeleroBackups
    aws: AwsLocation
    digitalocean: DigitalOceanLocation
    chart_stack: TerraformStack
    resources_stack: TerraformStack


def secret(stack: TerraformStack, name: str, description: str) -> str:
    """A sensitive string variable of the stack (``TF_VAR_<name>`` at plan time), as its token."""
    return TerraformVariable(stack, name, type="string", sensitive=True, description=description).string_value


def stacks(app: App, name: str, kube_context: str) -> tuple[TerraformStack, TerraformStack]:
    """The chart's stack and the custom resources' stack of a cluster, each with its providers."""
    chart_stack = TerraformStack(app, name)
    resources_stack = TerraformStack(app, f"{name}-resources")
    kubeconfig = "~/.kube/config"
    KubernetesProvider(chart_stack, "kubernetes", config_path=kubeconfig, config_context=kube_context)
    KubernetesProvider(resources_stack, "kubernetes", config_path=kubeconfig, config_context=kube_context)
    HelmProvider(chart_stack, "helm", kubernetes={"config_path": kubeconfig, "config_context": kube_context})
    return chart_stack, resources_stack


def production(app: App) -> Cluster:
    """The production cluster: both buckets read-write, one schedule each, a generated repository password."""
    chart_stack, resources_stack = stacks(app, "production", "do-nyc3-prod")
    aws = AwsLocation(
        bucket=S3_BUCKET,
        region="ca-central-1",
        prefix=PREFIX,
        access_key_id=secret(chart_stack, "aws_access_key_id", "AWS key id of production's Velero"),
        secret_access_key=secret(chart_stack, "aws_secret_access_key", "Its secret key"),
        schedule=BackupSchedule(cron="0 7 * * *", ttl="720h", file_system_backup=True),
    )
    digitalocean = DigitalOceanLocation(
        bucket=SPACES_BUCKET,
        region="nyc3",
        prefix=PREFIX,
        spaces_access_key_id=secret(resources_stack, "spaces_access_key_id", "Spaces key id of production"),
        spaces_secret_access_key=secret(resources_stack, "spaces_secret_access_key", "Its secret key"),
        api_token=secret(chart_stack, "digitalocean_token", "DigitalOcean token for volume snapshots"),
        schedule=BackupSchedule(cron="0 19 * * *", snapshot_volumes=True),
    )
    velero = VeleroBackups(
        chart_stack,
        "velero",
        aws=aws,
        digitalocean=digitalocean,
        custom_resources_stack=resources_stack,
        outputs=True,
    )
    return Cluster(velero, aws, digitalocean, chart_stack, resources_stack)


def recovery(app: App, source: Cluster) -> Cluster:
    """The recovery cluster: production's locations ReadOnly, production's repository password, one restore."""
    chart_stack, resources_stack = stacks(app, "recovery", "do-tor1-recovery")
    aws = recovery_location(
        source.aws,
        # The recovery cluster's own key pair: reading the bucket is enough (see the read-only IAM user).
        access_key_id=secret(chart_stack, "aws_access_key_id", "AWS key id of the recovery cluster's Velero"),
        secret_access_key=secret(chart_stack, "aws_secret_access_key", "Its secret key"),
    )
    digitalocean = recovery_location(
        source.digitalocean,
        spaces_access_key_id=secret(resources_stack, "spaces_access_key_id", "Spaces key id of the recovery"),
        spaces_secret_access_key=secret(resources_stack, "spaces_secret_access_key", "Its secret key"),
        api_token=secret(chart_stack, "digitalocean_token", "DigitalOcean token to restore volume snapshots"),
    )
    velero = VeleroBackups(
        chart_stack,
        "velero",
        recovery=True,
        # From production's state (cdktf passes it as a sensitive output): the only key to its file-system backups.
        repository_password=source.velero.repository_password,
        aws=aws,
        digitalocean=digitalocean,
        custom_resources_stack=resources_stack,
        outputs=True,
    )
    # The latest completed backup of production's S3 schedule, once per name: a later restore takes a new one.
    velero.add_restore(
        "restore-production-apps",
        schedule_name=source.velero.aws_schedule_name,
        included_namespaces=RESTORED_NAMESPACES,
        existing_resource_policy="none",
    )
    return Cluster(velero, aws, digitalocean, chart_stack, resources_stack)


def build(app: App) -> tuple[Cluster, Cluster]:
    """Both clusters of the app."""
    prod = production(app)
    return prod, recovery(app, prod)


if __name__ == "__main__":
    application = App()
    build(application)
    application.synth()
