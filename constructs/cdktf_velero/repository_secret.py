"""The repository password's resources, beside the release (which depends on them).

Construct ids (stable; they become Terraform addresses under the ``VeleroBackups`` path): ``repository-password``
(``kubernetes_secret`` ``velero-repo-credentials``) and, when the password is generated,
``generated-repository-password`` (``random_password``, protected from destroy and from replacement) with the
sensitive output ``<id>_repository_password``. The random provider package is imported only then, and its provider
declared in the stack unless one is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from constructs import Construct

from .credentials import credentials_secret
from .engine import kubernetes
from .engine.core import TerraformOutput, TerraformProvider, TerraformResourceLifecycle, TerraformStack
from .repository import REPOSITORY_SECRET_KEY, REPOSITORY_SECRET_NAME, RepositoryPlan

Secret: TypeAlias = kubernetes.secret.Secret

if TYPE_CHECKING:
    from .engine import random

    Password: TypeAlias = random.password.Password

__all__ = ["GENERATED_LENGTH", "RepositoryResources", "repository_resources"]

GENERATED_LENGTH = 40
"""Characters of a generated password (letters and digits: about 238 bits)."""


@dataclass(frozen=True)
class RepositoryResources:
    """The repository secret and the password it holds (a token)."""

    secret: Secret
    password: str
    generated: Construct | None
    """The ``random_password`` resource, when Terraform generates the password."""


def repository_resources(
    scope: Construct,
    repository: RepositoryPlan,
    *,
    namespace: str,
    output_prefix: str,
    depends_on: list[Construct],
    provider: TerraformProvider | None,
) -> RepositoryResources:
    """The secret ``velero-repo-credentials`` (imported first when ``existing_secret`` says so) and, without a given
    password, the generated one and its sensitive output."""
    generated = None
    password = repository.password
    if password is None:
        generated = _generated_password(scope)
        password = generated.result
        output = TerraformOutput(
            scope,
            "output-repository_password",
            value=password,
            sensitive=True,
            description="Velero's repository password: a recovery install needs it; it must never change",
        )
        output.override_logical_id(f"{output_prefix}_repository_password")
    secret = credentials_secret(
        scope,
        "repository-password",
        name=REPOSITORY_SECRET_NAME,
        namespace=namespace,
        data={REPOSITORY_SECRET_KEY: password},
        depends_on=depends_on,
        provider=provider,
    )
    if repository.existing_secret is not None:
        # An import block: Terraform adopts the secret Velero made instead of failing to create it.
        secret.import_from(f"{namespace}/{REPOSITORY_SECRET_NAME}", provider)
    return RepositoryResources(secret=secret, password=password, generated=generated)


def _generated_password(scope: Construct) -> Password:
    """A ``random_password`` that neither a changed argument nor a destroy can take away: the repositories made
    with it would be unreadable without it."""
    from .engine import random

    Password: TypeAlias = random.password.Password

    _ensure_random_provider(TerraformStack.of(scope))
    return Password(
        scope,
        "generated-repository-password",
        length=GENERATED_LENGTH,
        special=False,
        lifecycle=TerraformResourceLifecycle(prevent_destroy=True, ignore_changes="all"),
    )


def _ensure_random_provider(stack: TerraformStack) -> None:
    """Declare the random provider in ``stack`` unless a random provider (aliased or not) is there."""
    for node in stack.node.find_all():
        if isinstance(node, TerraformProvider) and node.terraform_resource_type == "random":
            return
    from .engine import random

    RandomProvider: TypeAlias = random.provider.RandomProvider

    RandomProvider(stack, "random")
