"""Kubernetes resource quantities (``100m``, ``512Mi``, ``1.5``, ``2e3``), checked and compared at synth time.

The grammar is the API server's (``k8s.io/apimachinery`` ``resource.Quantity``): a non-negative decimal number
and an optional suffix, binary (``Ki`` .. ``Ei``), decimal (``m``, ``k``, ``M`` .. ``E``) or an exponent.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..errors import VeleroConfigError
from .core import check_str, is_token

__all__ = ["check_quantity", "quantity_value"]

_QUANTITY = re.compile(
    r"(?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?"
)
_BINARY = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
_DECIMAL = {"m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}


def quantity_value(text: str) -> Decimal:
    """The amount a well-formed quantity stands for (cores or bytes)."""
    match = _QUANTITY.fullmatch(text)
    assert match is not None, f"not a quantity: {text!r}"
    number = Decimal(match["number"])
    suffix = match["suffix"] or ""
    if suffix in _BINARY:
        return number * Decimal(1024) ** _BINARY[suffix]
    if suffix in _DECIMAL:
        return number.scaleb(_DECIMAL[suffix])
    return number.scaleb(int(suffix[1:]))


def check_quantity(path: str, value: object, *, memory: bool) -> str:
    """A quantity as Kubernetes takes it for requests and limits; a memory amount in ``m`` (thousandths of a
    byte, a common slip for ``Mi``) is refused. A Terraform token passes through."""
    text = check_str(path, value)
    if is_token(text):
        return text
    if _QUANTITY.fullmatch(text) is None:
        raise VeleroConfigError(path, text, "must be a Kubernetes quantity such as 100m, 0.5, 512Mi or 2Gi")
    if memory and text.endswith("m"):
        raise VeleroConfigError(path, text, "is in thousandths of a byte: write memory in Mi or Gi")
    return text
