#!/usr/bin/env python3
"""Example app: one stack ``velero`` backing a DOKS cluster up to S3 and Spaces.

Every credential is a sensitive Terraform variable, so synthesis needs none:
supply them at plan time (``TF_VAR_aws_access_key_id=...`` or a ``.tfvars`` file).
"""

from __future__ import annotations

from cdktf import App, TerraformStack, TerraformVariable
from cdktf_cdktf_provider_helm.provider import HelmProvider
from cdktf_cdktf_provider_kubernetes.provider import KubernetesProvider
from constructs import Construct

from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation, VeleroBackups


class VeleroStack(TerraformStack):
    """Velero with an S3 primary location and a Spaces secondary location."""

    def __init__(self, scope: Construct, stack_id: str) -> None:
        super().__init__(scope, stack_id)

        def variable(name: str, description: str, *, sensitive: bool = False, default: str | None = None) -> str:
            var = TerraformVariable(
                self, name, type="string", description=description, sensitive=sensitive, default=default
            )
            return var.string_value

        config_path = variable("kubeconfig_path", "Path of the kubeconfig file", default="~/.kube/config")
        config_context = variable("kubeconfig_context", "kubeconfig context of the DOKS cluster")
        KubernetesProvider(self, "kubernetes", config_path=config_path, config_context=config_context)
        HelmProvider(self, "helm", kubernetes={"config_path": config_path, "config_context": config_context})

        VeleroBackups(
            self,
            "velero",
            namespace="velero",
            aws=AwsLocation(
                bucket="acme-velero-backups",
                region="ca-central-1",
                access_key_id=variable("aws_access_key_id", "AWS access key id for Velero", sensitive=True),
                secret_access_key=variable("aws_secret_access_key", "AWS secret access key", sensitive=True),
                schedule=BackupSchedule(cron="0 7 * * *", ttl="240h", file_system_backup=True),
            ),
            digitalocean=DigitalOceanLocation(
                bucket="acme-velero-backups",
                region="nyc3",
                spaces_access_key_id=variable("spaces_access_key_id", "Spaces access key id", sensitive=True),
                spaces_secret_access_key=variable("spaces_secret_access_key", "Spaces secret key", sensitive=True),
                api_token=variable("digitalocean_token", "DigitalOcean API token (volume snapshots)", sensitive=True),
                schedule=BackupSchedule(cron="0 19 * * *", ttl="240h", snapshot_volumes=True),
            ),
        )


def main() -> None:
    app = App()
    VeleroStack(app, "velero")
    app.synth()


if __name__ == "__main__":
    main()
