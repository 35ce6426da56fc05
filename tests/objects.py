"""The ``add_*`` objects (typed velero.io classes): valid ones as wire data, every field of each kind
enumerated from the generated classes, and a value of the wrong type for each.

Paths are the library's: ``add_schedule('extra').spec.template.ttl``, list items as ``[0]``.
"""

from __future__ import annotations

import dataclasses
import sys
import typing
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from cdktf_velero.imports.velero import (
    Backup,
    BackupSpec,
    BackupStorageLocation,
    BackupStorageLocationSpec,
    BackupStorageLocationSpecObjectStorage,
    ObjectMeta,
    Restore,
    RestoreSpec,
    Schedule,
    ScheduleSpec,
    ScheduleSpecTemplate,
    VolumeSnapshotLocation,
    VolumeSnapshotLocationSpec,
)

METHOD = {
    Schedule: "add_schedule",
    BackupStorageLocation: "add_backup_storage_location",
    VolumeSnapshotLocation: "add_volume_snapshot_location",
    Backup: "add_manifest",
    Restore: "add_manifest",
}
ID = "extra"


def minimal(kind: type[Any], name: str = "extra") -> Any:
    """The smallest valid object of a kind (its references name the AWS location ``aws``)."""
    meta = ObjectMeta(name=name)
    if kind is Schedule:
        return Schedule(metadata=meta, spec=ScheduleSpec(schedule="@daily", template=ScheduleSpecTemplate()))
    if kind is BackupStorageLocation:
        storage = BackupStorageLocationSpecObjectStorage(bucket="acme-archive")
        return BackupStorageLocation(
            metadata=meta, spec=BackupStorageLocationSpec(provider="aws", object_storage=storage)
        )
    if kind is VolumeSnapshotLocation:
        return VolumeSnapshotLocation(metadata=meta, spec=VolumeSnapshotLocationSpec(provider="aws"))
    if kind is Backup:
        return Backup(metadata=meta, spec=BackupSpec())
    return Restore(metadata=meta, spec=RestoreSpec(backup_name="nightly"))


def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))


def _unwrap(hint: Any) -> Any:
    """``X | None`` -> ``X``."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if typing.get_origin(hint) in (typing.Union, __import__("types").UnionType) else hint


def _item(hint: Any) -> Any | None:
    """The element type of a ``Sequence[...]`` hint."""
    origin = typing.get_origin(hint)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Sequence):
        return typing.get_args(hint)[0]
    return None


def fields(kind: type[Any]) -> Iterator[tuple[str, Any]]:
    """(dotted path, type hint) of every field of ``kind``, nested objects and list items included."""

    def walk(cls: type[Any], prefix: str, seen: frozenset[type[Any]]) -> Iterator[tuple[str, Any]]:
        for f in dataclasses.fields(cls):
            hint = _unwrap(_hints(cls)[f.name])
            path = f"{prefix}{f.name}"
            yield path, hint
            item = _item(hint)
            target, suffix = (item, "[0]") if item is not None else (hint, "")
            if dataclasses.is_dataclass(target) and target not in seen:
                nested = typing.cast(type, target)
                yield from walk(nested, f"{path}{suffix}.", seen | {nested})

    yield from walk(kind, "", frozenset({kind}))


def wrong_value(hint: Any) -> Any:
    """A value of the wrong type for ``hint``."""
    if hint is str:
        return 5
    if hint is bool:
        return "yes"
    if hint is int:
        return "1"
    if typing.get_origin(hint) is typing.Literal:
        return "Bogus"
    if _item(hint) is not None:
        return "just-a-string" if _item(hint) is str else ["just-a-string"]
    origin = typing.get_origin(hint)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        return ["not", "a", "map"]
    if dataclasses.is_dataclass(hint):
        return "not-an-object"
    return object()


def _default(hint: Any) -> Any:
    """A filler for a required field on the way to the corrupted one."""
    hint = _unwrap(hint)
    if hint is str:
        return "x"
    if hint is bool:
        return False
    if hint is int:
        return 1
    if typing.get_origin(hint) is typing.Literal:
        return typing.get_args(hint)[0]
    if _item(hint) is not None:
        return ["x"] if _item(hint) is str else []
    if dataclasses.is_dataclass(hint):
        cls = typing.cast(type, hint)
        hints = _hints(cls)
        required = {
            f.name: _default(hints[f.name])
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
        return cls(**required)
    return {}


def with_value(obj: Any, path: str, value: Any) -> Any:
    """``obj`` with the field at dotted ``path`` set to ``value``, building missing parents."""
    head, _, rest = path.partition(".")
    name, index = (head[:-3], True) if head.endswith("[0]") else (head, False)
    hint = _unwrap(_hints(type(obj))[name])
    if not rest:
        return dataclasses.replace(obj, **{name: value})
    current = getattr(obj, name)
    if index:
        element = current[0] if current else _default(_item(hint))
        return dataclasses.replace(obj, **{name: [with_value(element, rest, value)]})
    child = current if current is not None else _default(hint)
    return dataclasses.replace(obj, **{name: with_value(child, rest, value)})


def root(kind: type[Any]) -> str:
    return f"{METHOD[kind]}({ID!r})"


ALL_FIELDS: list[tuple[type[Any], str, Any]] = [
    (kind, path, hint) for kind in METHOD for path, hint in fields(kind) if wrong_value(hint) is not None
]
"""Every field of every kind ``add_*`` takes."""
