#!/usr/bin/env python3
"""Example app: a DOKS cluster backed up to S3 (primary) and DigitalOcean Spaces (secondary).

Two stacks, so that ``cdktf deploy '*'`` works on a cluster without Velero: ``velero`` installs
the chart (and with it the Velero CRDs); ``velero-digitalocean`` holds the Spaces location, the
DigitalOcean snapshot location and their schedule as ``kubernetes_manifest`` resources, which
need those CRDs at plan time, and is applied after it.

Every credential is a sensitive Terraform variable, so synthesis needs none: supply them at
plan time (``TF_VAR_aws_access_key_id=...`` or a ``.tfvars`` file).
"""

from __future__ import annotations

from cdktf import App, TerraformStack, TerraformVariable
from cdktf_cdktf_provider_helm.provider import HelmProvider
from cdktf_cdktf_provider_kubernetes.provider import KubernetesProvider
from constructs import Construct

from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation, VeleroBackups


def variable(
    scope: Construct, name: str, description: str, *, sensitive: bool = False, default: str | None = None
) -> str:
    """A string variable of the stack, returned as its token."""
    var = TerraformVariable(scope, name, type="string", description=description, sensitive=sensitive, default=default)
    return var.string_value


def cluster_providers(stack: TerraformStack, *, helm: bool) -> None:
    """kubernetes (and helm) providers for the cluster, from a kubeconfig path and context."""
    config_path = variable(stack, "kubeconfig_path", "Path of the kubeconfig file", default="~/.kube/config")
    config_context = variable(stack, "kubeconfig_context", "kubeconfig context of the DOKS cluster")
    KubernetesProvider(stack, "kubernetes", config_path=config_path, config_context=config_context)
    if helm:
        HelmProvider(stack, "helm", kubernetes={"config_path": config_path, "config_context": config_context})


def build(app: App, name: str = "velero") -> VeleroBackups:
    """Declare one cluster's backups: the chart's stack ``name`` and the custom resources' ``name-digitalocean``."""
    chart_stack = TerraformStack(app, name)
    resources_stack = TerraformStack(app, f"{name}-digitalocean")
    cluster_providers(chart_stack, helm=True)
    cluster_providers(resources_stack, helm=False)

    return VeleroBackups(
        chart_stack,
        "velero",
        namespace="velero",
        aws=AwsLocation(
            bucket="acme-velero-backups",
            region="ca-central-1",
            access_key_id=variable(chart_stack, "aws_access_key_id", "AWS access key id for Velero", sensitive=True),
            secret_access_key=variable(chart_stack, "aws_secret_access_key", "AWS secret access key", sensitive=True),
            schedule=BackupSchedule(cron="0 7 * * *", ttl="240h", file_system_backup=True),
        ),
        digitalocean=DigitalOceanLocation(
            bucket="acme-velero-backups",
            region="nyc3",
            # Used by the Spaces secret, which lives in the custom resources' stack: declare them there.
            spaces_access_key_id=variable(resources_stack, "spaces_access_key_id", "Spaces key id", sensitive=True),
            spaces_secret_access_key=variable(
                resources_stack, "spaces_secret_access_key", "Spaces secret key", sensitive=True
            ),
            # Read by the Velero server (chart's stack).
            api_token=variable(chart_stack, "digitalocean_token", "DigitalOcean API token", sensitive=True),
            schedule=BackupSchedule(cron="0 19 * * *", ttl="240h", snapshot_volumes=True),
        ),
        custom_resources_stack=resources_stack,
    )


def main() -> None:
    app = App()
    build(app)
    app.synth()


if __name__ == "__main__":
    main()
