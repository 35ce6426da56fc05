"""The one exception the library raises for bad input."""

from __future__ import annotations

from typing import Any

__all__ = ["VeleroConfigError"]

_REDACTED = "<redacted>"


class VeleroConfigError(ValueError):
    """A property of the configuration breaks a rule; raised at construction (synth) time.

    ``path`` is the property path as the user wrote it (``digitalocean.schedule.cron``),
    ``value`` the rejected value (``None`` for a secret, whose value is never repeated),
    ``rule`` what the value must satisfy.
    """

    def __init__(self, path: str, value: Any, rule: str, *, secret: bool = False) -> None:
        self.path = path
        self.value = None if secret else value
        self.rule = rule
        shown = _REDACTED if secret else repr(value)
        super().__init__(f"{path}: {rule} (got {shown})")
