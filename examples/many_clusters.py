#!/usr/bin/env python3
"""Several clusters in one app: one pair of stacks per cluster, from a list of cluster settings.

Run from the repository root: ``python examples/many_clusters.py`` writes
``cdktf.out/stacks/<cluster>`` and ``cdktf.out/stacks/<cluster>-digitalocean`` for each cluster.
The core and providers come from ``cdktf_velero.engine``: cdktf, or cdktn with ``CDKTF_VELERO_ENGINE=cdktn``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation, VeleroBackups
from cdktf_velero.engine import helm, kubernetes
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable

HelmProvider: TypeAlias = helm.provider.HelmProvider
KubernetesProvider: TypeAlias = kubernetes.provider.KubernetesProvider


@dataclass(frozen=True)
class Cluster:
    """What differs between clusters: name, kube context, buckets and regions, backup times."""

    name: str
    kube_context: str
    s3_bucket: str
    s3_region: str
    spaces_bucket: str
    spaces_region: str
    aws_cron: str = "0 7 * * *"
    spaces_cron: str = "0 19 * * *"


CLUSTERS = (
    Cluster("prod-nyc", "do-nyc3-prod", "acme-velero-prod-nyc", "us-east-1", "acme-velero-prod-nyc", "nyc3"),
    Cluster("prod-fra", "do-fra1-prod", "acme-velero-prod-fra", "eu-central-1", "acme-velero-prod-fra", "fra1"),
    Cluster(
        "staging",
        "do-tor1-staging",
        "acme-velero-staging",
        "ca-central-1",
        "acme-velero-staging",
        "tor1",
        aws_cron="30 6 * * *",
        spaces_cron="30 18 * * *",
    ),
)


def secret(stack: TerraformStack, name: str) -> str:
    return TerraformVariable(stack, name, type="string", sensitive=True).string_value


def providers(stack: TerraformStack, context: str, *, helm: bool) -> None:
    KubernetesProvider(stack, "kubernetes", config_path="~/.kube/config", config_context=context)
    if helm:
        HelmProvider(stack, "helm", kubernetes={"config_path": "~/.kube/config", "config_context": context})


def declare(app: App, cluster: Cluster) -> VeleroBackups:
    """One cluster: the chart's stack and the custom resources' stack, each with its own state."""
    chart_stack = TerraformStack(app, cluster.name)
    resources_stack = TerraformStack(app, f"{cluster.name}-digitalocean")
    providers(chart_stack, cluster.kube_context, helm=True)
    providers(resources_stack, cluster.kube_context, helm=False)
    return VeleroBackups(
        chart_stack,
        "velero",
        aws=AwsLocation(
            bucket=cluster.s3_bucket,
            region=cluster.s3_region,
            access_key_id=secret(chart_stack, "aws_access_key_id"),
            secret_access_key=secret(chart_stack, "aws_secret_access_key"),
            schedule=BackupSchedule(cron=cluster.aws_cron, file_system_backup=True),
        ),
        digitalocean=DigitalOceanLocation(
            bucket=cluster.spaces_bucket,
            region=cluster.spaces_region,
            spaces_access_key_id=secret(resources_stack, "spaces_access_key_id"),
            spaces_secret_access_key=secret(resources_stack, "spaces_secret_access_key"),
            api_token=secret(chart_stack, "digitalocean_token"),
            schedule=BackupSchedule(cron=cluster.spaces_cron, snapshot_volumes=True),
        ),
        custom_resources_stack=resources_stack,
    )


def build(app: App, clusters: Sequence[Cluster] = CLUSTERS) -> list[VeleroBackups]:
    return [declare(app, cluster) for cluster in clusters]


if __name__ == "__main__":
    application = App()
    build(application)
    application.synth()
