"""Kubernetes secrets holding credentials, built from Terraform tokens.

The values are written into ``cdk.tf.json`` as references (``${var.x}``), never as text;
the kubernetes provider marks a secret's ``data`` sensitive in plans. Literal credentials
(``allow_plaintext_secrets``) are escaped for Terraform's templates on the way, so that the
cluster receives exactly the text given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

from constructs import Construct

from .engine import kubernetes
from .engine.core import TerraformProvider
from .locations.base import CreatedStorage, CredentialsFile
from .manifests import MANAGED_BY_LABELS
from .validation import escape_terraform_template

Secret: TypeAlias = kubernetes.secret.Secret

__all__ = ["aws_ini", "credentials_data", "credentials_secret"]


def aws_ini(access_key_id: str, secret_access_key: str) -> str:
    """The shared-credentials file the AWS plugin reads (for S3 and for Spaces alike)."""
    return f"[default]\naws_access_key_id={access_key_id}\naws_secret_access_key={secret_access_key}\n"


def credentials_data(credentials: CredentialsFile, storage: CreatedStorage | None) -> dict[str, str]:
    """A location's credentials file: the key pair it was given, or the one its created storage holds."""
    keys = credentials.keys if credentials.keys is not None else storage.keys if storage is not None else None
    # The plan requires a given key pair unless the location's storage creates one.
    assert keys is not None, f"no key pair for the secret {credentials.name!r}"
    return {credentials.key: aws_ini(keys.access_key_id, keys.secret_access_key)}


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
    """An Opaque secret labelled as managed by Terraform. Every secret the library creates is made here: its
    data is escaped once, whole (literal text beside the token references), for Terraform's templates."""
    return Secret(
        scope,
        construct_id,
        metadata={"name": name, "namespace": namespace, "labels": dict(MANAGED_BY_LABELS)},
        type="Opaque",
        data={key: escape_terraform_template(value) for key, value in data.items()},
        depends_on=depends_on or None,  # type: ignore[arg-type]
        provider=provider,
    )
