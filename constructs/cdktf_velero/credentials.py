"""Kubernetes secrets holding credentials, built from Terraform tokens.

The values are written into ``cdk.tf.json`` as references (``${var.x}``), never as text;
the kubernetes provider marks a secret's ``data`` sensitive in plans.
"""

from __future__ import annotations

from collections.abc import Mapping

from cdktf import TerraformProvider
from cdktf_cdktf_provider_kubernetes.secret import Secret
from constructs import Construct

__all__ = ["aws_ini", "credentials_secret", "MANAGED_BY_LABELS"]

MANAGED_BY_LABELS = {"app.kubernetes.io/managed-by": "terraform", "app.kubernetes.io/part-of": "velero"}


def aws_ini(access_key_id: str, secret_access_key: str) -> str:
    """The shared-credentials file the AWS plugin reads (for S3 and for Spaces alike)."""
    return f"[default]\naws_access_key_id={access_key_id}\naws_secret_access_key={secret_access_key}\n"


def credentials_secret(
    scope: Construct,
    construct_id: str,
    *,
    name: str,
    namespace: str,
    data: Mapping[str, str],
    depends_on: list[Construct] | None = None,
    provider: TerraformProvider | None = None,
) -> Secret:
    """An Opaque secret labelled as managed by Terraform."""
    return Secret(
        scope,
        construct_id,
        metadata={"name": name, "namespace": namespace, "labels": dict(MANAGED_BY_LABELS)},
        type="Opaque",
        data=dict(data),
        depends_on=depends_on or None,  # type: ignore[arg-type]
        provider=provider,
    )
