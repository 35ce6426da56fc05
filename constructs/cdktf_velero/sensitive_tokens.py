"""No sensitive variable's value in a property that is not a credential.

Every property but the credential fields ends up in the chart's values, a custom resource or an
output, none of which Terraform or Helm treats as secret. A token there that refers to a
``TerraformVariable(sensitive=True)`` (directly or through a Terraform function) is refused, naming the
property. Tokens from resource attributes cannot be judged at synth and pass, as before.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping

from constructs import Construct

from .engine.core import App, DefaultTokenResolver, StringConcat, TerraformVariable, Tokenization
from .errors import VeleroConfigError
from .props import VeleroBackupsProps
from .secret_fields import secret_values
from .validation import is_token

__all__ = ["refuse_sensitive_tokens"]

_VARIABLE_REFERENCE = re.compile(r"\bvar\.([A-Za-z0-9_-]+)")


def refuse_sensitive_tokens(scope: Construct, props: VeleroBackupsProps) -> None:
    """Raise :class:`VeleroConfigError` for the first property of ``props`` but the credential fields
    (locations and schedules walked field by field) that holds a sensitive variable's value."""
    credentials = {name for name, _ in secret_values(props)}  # repository_password: a credential, kept secret
    inputs = {f.name: getattr(props, f.name) for f in dataclasses.fields(props) if f.name not in credentials}
    tokens = [(path, text) for path, text in _strings(inputs) if is_token(text)]
    if not tokens:
        return
    sensitive = {
        variable.friendly_unique_id
        for variable in App.of(scope).node.find_all()
        if isinstance(variable, TerraformVariable) and variable.sensitive
    }
    if not sensitive:
        return
    for path, text in tokens:
        resolved = Tokenization.resolve(
            text, scope=scope, preparing=False, resolver=DefaultTokenResolver(StringConcat())
        )
        if sensitive.intersection(_VARIABLE_REFERENCE.findall(str(resolved))):
            raise VeleroConfigError(
                path,
                None,
                "refers to a sensitive variable, but this property is no credential: it is written into the "
                "chart's values, a custom resource or an output, none of them secret. Pass credentials through "
                "the credential properties only",
                secret=True,
            )


def _strings(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """``(path, text)`` of every string under ``node``, credential fields left out."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        secret = {name for name, _ in secret_values(node)}
        for field in dataclasses.fields(node):
            if field.name not in secret:
                yield from _strings(getattr(node, field.name), f"{path}.{field.name}")
