"""Attribute tables for hand-written bindings: JSON and HCL in the shape cdktf's generated bindings give.

A binding lists its Terraform attributes in the order its generated counterpart synthesizes them;
:func:`to_terraform` and :func:`to_hcl` turn the values given into ``synthesizeAttributes`` and
``synthesizeHclAttributes`` results. Unset (``None``) values are left out, as the core does for
``undefined``; tokens (``IResolvable``, token strings) pass through untouched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from ...versions import DIGITALOCEAN_PROVIDER_CONSTRAINT, DIGITALOCEAN_PROVIDER_VERSION
from .. import core

__all__ = ["Attr", "Block", "block_of", "blocks_of", "generator_metadata", "to_hcl", "to_terraform"]

_SIMPLE = {"string": "string", "number": "number", "boolean": "boolean"}


@dataclass(frozen=True)
class Attr:
    """One Terraform attribute: its name, its kind, and for blocks the block class and HCL storage type."""

    name: str
    kind: str
    """``string``, ``number``, ``boolean``, ``string_list``, ``block`` or ``block_list``."""
    block: type[Block] | None = None
    hcl_type: str = "list"
    """HCL collection type of a block (``list`` or ``set``)."""
    storage: str = ""
    """HCL ``storageClassType`` of a block (``SpacesBucketLifecycleRuleList``)."""


class Block(Protocol):
    """A block's value class: a frozen dataclass with its attribute table."""

    ATTRS: ClassVar[tuple[Attr, ...]]


def block_of(cls: type[Any], value: Any) -> Any:
    """A block given as its class or as a dict of its keyword arguments (as generated bindings accept)."""
    return cls(**value) if isinstance(value, Mapping) else value


def blocks_of(cls: type[Any], value: Any) -> Any:
    """A list of blocks (each a class instance or a dict), or a token standing for the list."""
    return [block_of(cls, item) for item in value] if isinstance(value, (list, tuple)) else value


def _values(block: Any) -> dict[str, Any]:
    return {field.name: getattr(block, field.name) for field in dataclasses.fields(block)}


def _is_token(value: Any) -> bool:
    return not isinstance(value, (str, int, float, bool, list, tuple)) and not dataclasses.is_dataclass(value)


def to_terraform(attrs: tuple[Attr, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON attributes, in table order, without unset values."""
    out: dict[str, Any] = {}
    for attr in attrs:
        value = values.get(attr.name)
        if value is None:
            continue
        if attr.kind == "block" and attr.block is not None and not _is_token(value):
            out[attr.name] = to_terraform(attr.block.ATTRS, _values(value))
        elif attr.kind == "block_list" and attr.block is not None and isinstance(value, (list, tuple)):
            out[attr.name] = [
                item if _is_token(item) else to_terraform(attr.block.ATTRS, _values(item)) for item in value
            ]
        else:
            out[attr.name] = list(value) if isinstance(value, tuple) else value
    return out


def to_hcl(attrs: tuple[Attr, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    """The HCL attributes: each value with its ``isBlock``, ``type`` and ``storageClassType``."""
    out: dict[str, Any] = {}
    for attr in attrs:
        value = values.get(attr.name)
        if value is None:
            continue
        if attr.kind in _SIMPLE:
            out[attr.name] = _hcl(value, False, "simple", _SIMPLE[attr.kind])
        elif attr.kind == "string_list":
            out[attr.name] = _hcl(list(value), False, "list", "stringList")
        elif attr.block is not None and attr.kind == "block":
            inner = value if _is_token(value) else to_hcl(attr.block.ATTRS, _values(value))
            out[attr.name] = _hcl(inner, True, attr.hcl_type, attr.storage)
        elif attr.block is not None:
            items = value
            if isinstance(value, (list, tuple)):
                items = [item if _is_token(item) else to_hcl(attr.block.ATTRS, _values(item)) for item in value]
            out[attr.name] = _hcl(items, True, attr.hcl_type, attr.storage)
    return out


def _hcl(value: Any, is_block: bool, kind: str, storage: str) -> dict[str, Any]:
    return {"value": value, "isBlock": is_block, "type": kind, "storageClassType": storage}


def generator_metadata() -> core.TerraformProviderGeneratorMetadata:
    """The generator metadata every DigitalOcean binding passes to the core (provider name and version)."""
    return core.TerraformProviderGeneratorMetadata(
        provider_name="digitalocean",
        provider_version=DIGITALOCEAN_PROVIDER_VERSION,
        provider_version_constraint=DIGITALOCEAN_PROVIDER_CONSTRAINT,
    )
