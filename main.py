#!/usr/bin/env python3
"""Example app: a DOKS cluster backed up to S3 (primary) and DigitalOcean Spaces (secondary).

Two stacks, so that ``cdktf deploy '*'`` works on a cluster without Velero: ``velero`` installs
the chart (and with it the Velero CRDs); ``velero-digitalocean`` holds the Spaces location, the
DigitalOcean snapshot location and their schedule as ``kubernetes_manifest`` resources, which
need those CRDs at plan time, and is applied after it.

The original module's whole layout: the S3 bucket (encrypted, private, TLS only, versioned, protected
from destroy) and an IAM user with the AWS plugin's least-privilege policy, whose access key feeds
Velero; the Spaces bucket (private, objects expire after 365 days) and a Spaces key granted on that
bucket only, feeding Velero. No key Velero uses is ever typed in: Terraform creates them. Prometheus
(kube-prometheus-stack) scrapes Velero and alerts when a schedule stops producing good backups.

The remaining credentials (the providers' own and the DigitalOcean API token) are sensitive
Terraform variables, so synthesis needs none: supply them at plan time (``TF_VAR_...`` or a
``.tfvars`` file; the AWS provider reads its usual environment or profile).

It runs on cdktf or on CDK Terrain: ``CDKTF_VELERO_ENGINE=cdktn python main.py`` (with
``cdktf-velero[cdktn]`` installed) writes the same resources at the same addresses.
"""

from __future__ import annotations

from constructs import Construct

from cdktf_velero import (
    AwsLocation,
    BackupSchedule,
    DigitalOceanLocation,
    DigitaloceanProvider,
    S3BucketOptions,
    S3LifecycleRule,
    SpacesBucketOptions,
    VeleroBackups,
)

# The engine's core and providers: cdktf, or CDK Terrain with CDKTF_VELERO_ENGINE=cdktn.
from cdktf_velero.engine import helm, kubernetes
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable


def variable(
    scope: Construct, name: str, description: str, *, sensitive: bool = False, default: str | None = None
) -> str:
    """A string variable of the stack, returned as its token."""
    var = TerraformVariable(scope, name, type="string", description=description, sensitive=sensitive, default=default)
    return var.string_value


def cluster_providers(stack: TerraformStack, *, with_helm: bool) -> None:
    """kubernetes (and helm) providers for the cluster, from a kubeconfig path and context."""
    config_path = variable(stack, "kubeconfig_path", "Path of the kubeconfig file", default="~/.kube/config")
    config_context = variable(stack, "kubeconfig_context", "kubeconfig context of the DOKS cluster")
    kubernetes.provider.KubernetesProvider(stack, "kubernetes", config_path=config_path, config_context=config_context)
    if with_helm:
        helm.provider.HelmProvider(
            stack, "helm", kubernetes={"config_path": config_path, "config_context": config_context}
        )


def build(app: App, name: str = "velero") -> VeleroBackups:
    """Declare one cluster's backups: the chart's stack ``name`` and the custom resources' ``name-digitalocean``."""
    chart_stack = TerraformStack(app, name)
    resources_stack = TerraformStack(app, f"{name}-digitalocean")
    cluster_providers(chart_stack, with_helm=True)
    cluster_providers(resources_stack, with_helm=False)
    # Imported here: the AWS provider is the largest package; an app that needs no AWS resource never loads it.
    from cdktf_velero.engine import aws

    aws.provider.AwsProvider(chart_stack, "aws", region="ca-central-1")
    DigitaloceanProvider(
        resources_stack,
        "digitalocean",
        token=variable(resources_stack, "digitalocean_token", "DigitalOcean API token", sensitive=True),
        # An admin Spaces key for Terraform itself (it manages buckets); Velero gets its own, scoped key.
        spaces_access_id=variable(resources_stack, "spaces_access_id", "Spaces key id for Terraform", sensitive=True),
        spaces_secret_key=variable(resources_stack, "spaces_secret_key", "Spaces secret for Terraform", sensitive=True),
    )

    return VeleroBackups(
        chart_stack,
        "velero",
        namespace="velero",
        aws=AwsLocation(
            bucket="acme-velero-backups",
            region="ca-central-1",
            create_bucket=True,
            bucket_options=S3BucketOptions(
                versioning=True,
                lifecycle_rules=[S3LifecycleRule("expire-old-versions", noncurrent_version_expiration_days=30)],
            ),
            create_iam_user=True,
            schedule=BackupSchedule(cron="0 7 * * *", ttl="240h", file_system_backup=True),
        ),
        digitalocean=DigitalOceanLocation(
            bucket="acme-velero-backups",
            region="nyc3",
            # Created in the custom resources' stack, beside the Spaces secret the key feeds.
            create_bucket=True,
            bucket_options=SpacesBucketOptions(expiration=True, expiration_days=365),
            create_spaces_key=True,
            # Read by the Velero server (chart's stack).
            api_token=variable(chart_stack, "digitalocean_token", "DigitalOcean API token", sensitive=True),
            schedule=BackupSchedule(cron="0 19 * * *", ttl="240h", snapshot_volumes=True),
        ),
        custom_resources_stack=resources_stack,
        # ServiceMonitor, node-agent PodMonitor and alerts for both schedules, for a Prometheus run by
        # kube-prometheus-stack (its CRDs must be installed: see the README's Monitoring section).
        monitoring=True,
        outputs=True,
    )


def main() -> None:
    app = App()
    build(app)
    app.synth()


if __name__ == "__main__":
    main()
