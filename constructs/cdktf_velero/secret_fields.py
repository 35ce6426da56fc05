"""Credential fields of the dataclasses: declared once, masked in ``repr()``.

A dataclass field declared with :func:`secret_field` is left out of the generated ``repr()``;
classes that hold one inherit :class:`RedactedRepr`, which lists such a field as ``<redacted>``
(or ``None``). :func:`secret_values` finds them, for the checks that treat credentials apart
(:mod:`cdktf_velero.sensitive_tokens`, :mod:`cdktf_velero.token_stacks`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["RedactedRepr", "secret_field", "secret_values"]

_SECRET = "cdktf_velero.secret"
_REDACTED = "<redacted>"


def secret_field(**options: Any) -> Any:
    """A credential field, never in ``repr()``; ``options`` as for ``dataclasses.field`` (``default=None``)."""
    return dataclasses.field(repr=False, metadata={_SECRET: True}, **options)


def secret_values(obj: object) -> list[tuple[str, Any]]:
    """``(field name, value)`` of each credential field of a dataclass instance (none for other objects)."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return []
    return [(f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj) if _SECRET in f.metadata]


class RedactedRepr:
    """``repr()`` of a dataclass with every field, credentials shown as ``<redacted>``.

    Use with ``@dataclass(repr=False)`` so that this ``__repr__`` is the one in force.
    """

    def __repr__(self) -> str:
        if not dataclasses.is_dataclass(self):
            return object.__repr__(self)
        parts = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if _SECRET in f.metadata:
                parts.append(f"{f.name}={'None' if value is None else _REDACTED}")
            elif f.repr:
                parts.append(f"{f.name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"
