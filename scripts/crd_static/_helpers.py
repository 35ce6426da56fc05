"""Conversions between the generated classes and their wire form (plain dicts and lists)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

MANIFEST_KEYS = ("apiVersion", "kind", "metadata", "spec", "status")


class HasDict(Protocol):
    """A generated class: it has a wire form."""

    def to_dict(self) -> dict[str, Any]: ...


def omit_none(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields that are set, in order."""
    return {key: value for key, value in fields.items() if value is not None}


def dump(value: HasDict | None) -> dict[str, Any] | None:
    return None if value is None else value.to_dict()


def dump_list(values: Sequence[HasDict] | None) -> list[dict[str, Any]] | None:
    return None if values is None else [item.to_dict() for item in _not_text(values)]


def dump_values(values: Sequence[T] | None) -> list[T] | None:
    return None if values is None else list(_not_text(values))


def dump_map(values: Mapping[str, T] | None) -> dict[str, T] | None:
    return None if values is None else dict(values)


def plain(value: Any) -> Any:
    """A deep copy of free-form data made of dicts and lists."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def load(factory: Callable[[Mapping[str, Any]], T], value: Mapping[str, Any] | None) -> T | None:
    return None if value is None else factory(value)


def load_list(factory: Callable[[Mapping[str, Any]], T], values: Sequence[Mapping[str, Any]] | None) -> list[T] | None:
    return None if values is None else [factory(item) for item in values]


def load_values(values: Sequence[T] | None) -> list[T] | None:
    return None if values is None else list(values)


def load_map(values: Mapping[str, T] | None) -> dict[str, T] | None:
    return None if values is None else dict(values)


def check_keys(data: Mapping[str, Any], owner: str, *known: str, required: tuple[str, ...] = ()) -> None:
    """Fail on keys the schema does not have (a typo would otherwise vanish) and on missing required keys."""
    if not isinstance(data, Mapping):
        raise TypeError(f"{owner}: expected a mapping, got {type(data).__name__}")
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ValueError(f"{owner}: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    missing = [key for key in required if key not in data]
    if missing:
        raise ValueError(f"{owner}: missing required field(s) {', '.join(missing)}")


def check_manifest(manifest: Mapping[str, Any], api_version: str, kind: str) -> None:
    """Fail unless the manifest is this kind of object."""
    check_keys(manifest, kind, *MANIFEST_KEYS, required=MANIFEST_KEYS[:4])
    found = (manifest.get("apiVersion"), manifest.get("kind"))
    if found != (api_version, kind):
        raise ValueError(f"expected apiVersion {api_version} and kind {kind}, got {found[0]} and {found[1]}")


def _not_text(values: Sequence[T]) -> Sequence[T]:
    if isinstance(values, (str, bytes)):
        raise TypeError(f"expected a list, got the string {values!r}")
    return values
