"""The repository password: what encrypts Velero's file-system backups and data-mover data, decided in the plan.

Velero keeps kopia repositories in the bucket (``<prefix>/kopia/<namespace>/``), encrypted with the password in the
secret ``velero-repo-credentials`` (key ``repository-password``) of its namespace. When that secret is missing at
server start, Velero creates it with a password published in its sources (``pkg/repository/keys``): anyone who can
read the bucket could then read and forge that data. So the library always writes the secret itself, before the
release, from a Terraform token: the user's, or a password Terraform generates. Pure Python: the resources are
emitted by :mod:`cdktf_velero.repository_secret`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, get_args

from .errors import VeleroConfigError

if TYPE_CHECKING:
    from .props import VeleroBackupsProps

__all__ = [
    "REPOSITORY_SECRET_KEY",
    "REPOSITORY_SECRET_NAME",
    "ExistingSecret",
    "RepositoryPlan",
    "check_repository",
]

REPOSITORY_SECRET_NAME = "velero-repo-credentials"
"""The secret Velero reads the repository password from; the name is fixed in Velero."""
REPOSITORY_SECRET_KEY = "repository-password"
"""The key holding the password in that secret."""

ExistingSecret = Literal["keep", "replace"]
"""What to do with a secret Velero made before the library managed it: keep its value, or replace it."""

_VELERO_DEFAULT = "static-passw0rd"
"""The password Velero writes when the secret is missing (published in its sources): refused by name."""

_WHOLE_TOKEN = re.compile(r"\$\{TfToken\[[A-Za-z0-9_.]+\]\}")

_RULE = (
    "must be a Terraform token (a sensitive TerraformVariable's value, or a resource attribute such as another "
    "install's repository_password), never a literal, even with allow_plaintext_secrets=True: the password can "
    "never change after the first backup, so a literal that leaks (source, cdk.tf.json, CI logs) exposes every "
    "file-system backup for good; leave it out to have Terraform generate one"
)


@dataclass(frozen=True)
class RepositoryPlan:
    """The validated repository password: the given token, or ``None`` for one Terraform generates."""

    password: str | None = field(repr=False)
    existing_secret: ExistingSecret | None
    """Import Velero's existing secret and keep (``keep``) or replace (``replace``) its value; ``None``: none exists."""

    @property
    def generated(self) -> bool:
        return self.password is None


def check_repository(props: VeleroBackupsProps, *, recovery: bool) -> RepositoryPlan:
    """Validate ``repository_password`` and ``repository_migration`` (a recovery install needs the password
    of the install whose backups it restores, and must keep it)."""
    password = props.repository_password
    existing = props.repository_migration
    if existing is not None and existing not in get_args(ExistingSecret):
        raise VeleroConfigError(
            "repository_migration", existing, "must be 'keep', 'replace' or None (no secret exists yet)"
        )
    if password is not None:
        if password == _VELERO_DEFAULT:
            raise VeleroConfigError(
                "repository_password", None, "is Velero's published default password; " + _RULE, secret=True
            )
        if not isinstance(password, str) or not _WHOLE_TOKEN.fullmatch(password):
            raise VeleroConfigError("repository_password", None, _RULE, secret=True)
    elif recovery:
        raise VeleroConfigError(
            "repository_password",
            None,
            "is required with recovery=True: pass the password of the install whose backups are restored (its "
            "<id>_repository_password output, or that install's repository_password); a new one cannot open them",
        )
    elif existing == "keep":
        raise VeleroConfigError(
            "repository_migration",
            existing,
            "'keep' needs the existing secret's value as repository_password (a sensitive variable): a generated "
            "password would replace it and lock Velero out of every existing repository",
        )
    if recovery and existing == "replace":
        raise VeleroConfigError(
            "repository_migration",
            existing,
            "cannot be 'replace' with recovery=True: a recovery install reads repositories made with the old password",
        )
    return RepositoryPlan(password=password, existing_secret=existing)
