"""The one exception the library raises for bad input."""

from __future__ import annotations

from typing import Any

__all__ = ["VeleroConfigError"]

_REDACTED = "<redacted>"
_SCALARS = (str, int, float, bool, type(None))


class VeleroConfigError(ValueError):
    """A property of the configuration breaks a rule; raised at construction (synth) time.

    ``path`` is the property path as the user wrote it (``digitalocean.schedule.cron``),
    ``value`` the rejected value, ``rule`` what the value must satisfy.

    Only scalars (strings, numbers, booleans, ``None``) are repeated. Anything else (an object of the
    wrong type, a dict, a list) may hold credentials, so ``value`` is its type name and the message
    says ``got a <type>``. A secret (``secret=True``) is never repeated: ``value`` is ``None`` and
    the message shows ``<redacted>``.
    """

    def __init__(self, path: str, value: Any, rule: str, *, secret: bool = False) -> None:
        self.path = path
        self.rule = rule
        if secret:
            self.value: Any = None
            shown = _REDACTED
        elif type(value) in _SCALARS:  # exact types: a subclass may carry its own repr
            self.value = value
            shown = repr(value)
        else:
            self.value = type(value).__name__
            shown = f"a {self.value}"
        super().__init__(f"{path}: {rule} (got {shown})")
