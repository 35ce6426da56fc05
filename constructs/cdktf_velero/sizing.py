"""Container sizing: :class:`Resources` (requests and limits), checked as Kubernetes checks them and written
as the chart's ``resources`` values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from . import validation as v
from .errors import VeleroConfigError

__all__ = ["RESOURCE_NAMES", "Resources", "check_quantity", "check_resources"]


@dataclass(frozen=True)
class Resources:
    """CPU, memory and ephemeral-storage requests and limits of a container, as Kubernetes quantities
    (``"500m"``, ``"128Mi"``, ``"1Gi"``). Each request must not exceed its limit."""

    requests: Mapping[str, str] | None = None
    """What the scheduler reserves, e.g. ``{"cpu": "500m", "memory": "128Mi"}``. Default: none."""
    limits: Mapping[str, str] | None = None
    """The most the container may use, e.g. ``{"memory": "1Gi"}``. Default: none."""


RESOURCE_NAMES = ("cpu", "memory", "ephemeral-storage")
"""The resources a Velero container is sized by."""

_QUANTITY = re.compile(
    r"(?P<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][-+]?[0-9]+)?"
)
_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {"n": Decimal("1e-9"), "u": Decimal("1e-6"), "m": Decimal("1e-3"), "": Decimal(1), "k": Decimal(10**3)}
_DECIMAL.update({"M": Decimal(10**6), "G": Decimal(10**9), "T": Decimal(10**12), "P": Decimal(10**15)})
_DECIMAL["E"] = Decimal(10**18)
_MAX = Decimal(2**63 - 1)


def check_quantity(path: str, value: object) -> Decimal | None:
    """A non-negative Kubernetes quantity (``500m``, ``1.5Gi``, ``2e3``); returns its value, ``None`` for a token."""
    text = v.check_str(path, value)
    if v.is_token(text):
        return None
    match = _QUANTITY.fullmatch(text)
    rule = "must be a Kubernetes quantity such as '500m', '2', '128Mi' or '1Gi' (not negative)"
    if match is None or len(text) > 64:
        raise VeleroConfigError(path, value, rule)
    suffix = match.group("suffix") or ""
    try:
        number = Decimal(match.group("number"))
        if suffix in _BINARY:
            amount = number * _BINARY[suffix]
        elif suffix in _DECIMAL:
            amount = number * _DECIMAL[suffix]
        else:
            exponent = int(suffix[1:])
            if abs(exponent) > 30:
                raise VeleroConfigError(path, value, f"{rule}; the exponent is out of range")
            amount = number.scaleb(exponent)
    except InvalidOperation:
        raise VeleroConfigError(path, value, rule) from None
    if amount > _MAX:
        raise VeleroConfigError(path, value, "is larger than Kubernetes can represent")
    return amount


def check_resources(path: str, value: object) -> dict[str, Any]:
    """A :class:`~cdktf_velero.Resources` as the chart's ``resources`` value (``requests`` / ``limits``)."""
    if not isinstance(value, Resources):
        raise VeleroConfigError(path, value, "must be a Resources(requests=..., limits=...)")
    result: dict[str, Any] = {}
    amounts: dict[str, dict[str, Decimal | None]] = {}
    for part in ("requests", "limits"):
        given = getattr(value, part)
        if given is None:
            continue
        if not isinstance(given, Mapping):
            raise VeleroConfigError(f"{path}.{part}", given, "must be a mapping such as {'cpu': '500m'}")
        quantities: dict[str, str] = {}
        amounts[part] = {}
        for name, quantity in given.items():
            if name not in RESOURCE_NAMES:
                raise VeleroConfigError(f"{path}.{part}", name, f"keys must be among {', '.join(RESOURCE_NAMES)}")
            amounts[part][name] = check_quantity(f"{path}.{part}.{name}", quantity)
            quantities[name] = quantity
        if quantities:
            result[part] = quantities
    for name, request in amounts.get("requests", {}).items():
        limit = amounts.get("limits", {}).get(name)
        if request is not None and limit is not None and request > limit:
            raise VeleroConfigError(
                f"{path}.requests.{name}",
                value.requests[name] if value.requests else None,
                f"must not exceed the limit ({value.limits[name] if value.limits else None!r}): Kubernetes refuses it",
            )
    return result
