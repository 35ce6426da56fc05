"""Key rotation that takes effect: a pod annotation that changes with the credentials, so helm rolls the pods.

The chart adds its own ``checksum/secret`` annotation only for a secret it creates; the library's secrets are
``existingSecret`` / ``extraSecretRef``, so a rotated key would wait for the next restart:

- ``DIGITALOCEAN_TOKEN`` reaches the server as an environment variable (``envFrom``), read once at start;
- the ``cloud`` file is a mounted secret volume, which the kubelet rewrites in place (after a minute or so), and each
  plugin process Velero starts rereads it; but kopia keeps the key pair a repository connection was made with until
  that connection fails, and a replaced IAM key is deleted at once.

So the library gives the server's and the node agent's pods (the chart's ``podAnnotations`` reach both) the
annotation :data:`CHECKSUM_ANNOTATION`: a SHA-256 of the secrets' data that Terraform computes at plan time
(``nonsensitive(sha256(jsonencode([<secret>.data, ...])))``), never the data itself. It covers the secrets beside
the release (the chart's stack): a secret in ``custom_resources_stack`` would make the stacks depend on each other
(Velero reads those secrets from the API per operation). The repository password never changes, and is left out:
a hash of a chosen password could be guessed back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from .engine import kubernetes
from .engine.core import Fn

Secret: TypeAlias = kubernetes.secret.Secret

__all__ = ["CHECKSUM_ANNOTATION", "credentials_checksum", "rotation_values"]

CHECKSUM_ANNOTATION = "checksum/velero-credentials"
"""The pod annotation holding the credentials' checksum."""


def credentials_checksum(secrets: Sequence[Secret]) -> str:
    """A Terraform expression: the SHA-256 of the secrets' data. The kubernetes provider marks ``data`` sensitive,
    and so its hash; a digest of keys discloses nothing usable, so it is shown (``nonsensitive``) and the release's
    values stay readable in plans."""
    return str(Fn.nonsensitive(Fn.sha256(Fn.jsonencode([secret.data for secret in secrets]))))


def rotation_values(secrets: Sequence[Secret]) -> dict[str, Any] | None:
    """Chart values setting the annotation, or ``None`` without secrets to watch."""
    if not secrets:
        return None
    return {"podAnnotations": {CHECKSUM_ANNOTATION: credentials_checksum(secrets)}}
