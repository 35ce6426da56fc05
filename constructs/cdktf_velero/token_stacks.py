"""The stacks: ``custom_resources_stack`` applied after the chart's, and each credential token reachable from
the stack of the secret it feeds without a dependency cycle.

A location's credentials secret is created beside its carrier (:data:`~cdktf_velero.locations.base.Carrier`):
beside the chart, in ``VeleroBackups``' stack, for a location the chart carries; beside the custom resources
(``custom_resources_stack`` when given) for the others. The server's environment secret (a plugin's token) is
always beside the chart. A token produced in another stack becomes a cross-stack reference, which makes the
secret's stack depend on the token's. When the token's stack already depends on the secret's (the
custom-resources stack depends on the chart's), that closes a cycle, which cdktf would only report at synth.

The token's stack is known to its producer only (a reference carries its origin stack, which cdktf does
not expose), so the check resolves the token from the secret's stack as synth will, and turns a cycle
into a :class:`VeleroConfigError` at construction. A stack that no other stack depends on cannot be part
of a cycle: then nothing is resolved, and nothing about the app changes before synth.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import cast

from constructs import Construct, IConstruct

from .engine.core import App, DefaultTokenResolver, StringConcat, TerraformStack, Tokenization
from .errors import VeleroConfigError
from .locations.base import Carrier, ResolvedLocation
from .secret_fields import secret_values
from .validation import is_single_token

__all__ = ["check_token_stack", "check_token_stacks", "custom_resources_stack"]

_WHERE: dict[Carrier, str] = {"chart": "VeleroBackups' stack", "custom_resources": "custom_resources_stack"}


def custom_resources_stack(scope: Construct, other: TerraformStack | None) -> TerraformStack | None:
    """Make ``custom_resources_stack`` (checked by :func:`~cdktf_velero.scope_checks.check_scope`) depend on the
    stack of ``scope`` (the chart's), so that it is applied after the CRDs exist; before any resource, so that the
    token check below sees the dependency."""
    if other is not None:
        other.add_dependency(TerraformStack.of(scope))
    return other


def check_token_stacks(locations: Sequence[ResolvedLocation], scopes: Mapping[Carrier, Construct]) -> None:
    """Check every credential token of ``locations`` against the construct its secret is created under
    (``scopes``: the chart's, and the custom resources')."""
    for location in locations:
        fed: list[tuple[Carrier, tuple[str, ...]]] = []
        keys = location.credentials.keys
        if keys is not None:
            fed.append((location.carrier, (keys.access_key_id, keys.secret_access_key)))
        if location.server_secret is not None:
            fed.append(("chart", tuple(location.server_secret.data.values())))
        # The property each token came from, for the error: the location's credential field holding it.
        for name, value in secret_values(location.source):
            for carrier, values in fed:
                if value in values and is_single_token(value):
                    _check(f"{location.path}.{name}", value, carrier, scopes[carrier])


def check_token_stack(path: str, token: str, scope: Construct) -> None:
    """Check one credential token (at ``path``) fed to a secret created beside the chart, under ``scope``: e.g.
    ``repository_password`` taken from another install's stack."""
    if is_single_token(token):
        _check(path, token, "chart", scope)


def _check(path: str, token: str, carrier: Carrier, scope: Construct) -> None:
    stack = TerraformStack.of(scope)
    dependents = [other for other in _stacks(App.of(scope)) if other is not stack and other.depends_on(stack)]
    if not dependents:
        return  # no stack depends on the secret's: a reference from it cannot close a cycle
    try:
        Tokenization.resolve(token, scope=scope, preparing=True, resolver=DefaultTokenResolver(StringConcat()))
        return
    except Exception as error:  # jsii reports cdktf's errors as RuntimeError
        cycle = "circular dependency" in str(error)
    names = ", ".join(repr(other.node.id) for other in dependents)
    if cycle:
        rule = (
            f"comes from a stack that depends on stack {stack.node.id!r} ({names}), where its Kubernetes secret is "
            f"created ({_WHERE[carrier]}): the reference would close a dependency cycle. Declare it (the sensitive "
            f"TerraformVariable or the resource) in stack {stack.node.id!r}, or in a stack that one may depend on"
        )
    else:
        rule = f"cannot be resolved from stack {stack.node.id!r}, where its Kubernetes secret is created"
    raise VeleroConfigError(path, None, rule, secret=True)


def _stacks(scope: IConstruct) -> Iterator[TerraformStack]:
    """The app's stacks, without walking into them (their resources are many, and hold no stack)."""
    for child in scope.node.children:
        if TerraformStack.is_stack(child):
            yield cast(TerraformStack, child)
        else:
            yield from _stacks(child)
