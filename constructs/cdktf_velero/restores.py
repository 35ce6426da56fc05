"""Restores as code: ``VeleroBackups.add_restore`` builds a typed ``Restore`` from keywords. It is then checked like
every added object (:mod:`cdktf_velero.custom_resources`: field types, the CRD, and Velero's restore rules in
:func:`cdktf_velero.velero_rules.check_restore_spec`), so ``add_restore`` and ``add_manifest`` share one set of rules.

A Restore runs once: Velero acts on a new Restore and never again on the same object. Restoring again takes a new
Restore, with a new name (and construct id).
"""

from __future__ import annotations

from typing import Any

from . import validation as v
from .imports.velero import ObjectMeta, Restore, RestoreSpec

__all__ = ["RESTORE_COMPUTED", "build_restore"]

RESTORE_COMPUTED = [
    "metadata.labels",
    "metadata.annotations",
    "metadata.finalizers",
    "spec.backupName",
    "spec.scheduleName",
    "spec.excludedResources",
    "status",
]
"""Fields Velero writes into a Restore (the backup it picked for a schedule, the schedule of a named backup, the
resources it never restores, its finalizer, the status): without them in ``computed_fields`` every plan shows drift."""


def build_restore(construct_id: str, *, name: str | None, **spec: Any) -> Restore:
    """The typed Restore of ``add_restore(construct_id, ...)``, named ``name`` (default: the construct id); its
    spec is checked when it is added, under ``add_restore('<id>').spec.<keyword>``."""
    prefix = f"add_restore({construct_id!r})"
    object_name = v.check_dns_subdomain(f"{prefix}.name", construct_id if name is None else name)
    lists: dict[str, Any] = {key: list(value) if isinstance(value, tuple) else value for key, value in spec.items()}
    return Restore(metadata=ObjectMeta(name=object_name), spec=RestoreSpec(**lists))
