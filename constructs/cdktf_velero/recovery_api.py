"""The disaster-recovery part of ``VeleroBackups``' API: its repository password and restores as code.

A mixin, so that the composite stays a short sequence of steps (:mod:`cdktf_velero.velero_backups`); it relies on
the composite's ``_repository`` (:mod:`.repository_secret`) and ``_add`` (the checks of ``add_*``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from .imports.velero import Restore
from .restores import build_restore

if TYPE_CHECKING:
    from .engine import kubernetes
    from .repository_secret import RepositoryResources

    Manifest: TypeAlias = kubernetes.manifest.Manifest
    Secret: TypeAlias = kubernetes.secret.Secret

__all__ = ["RecoveryMethods"]


class RecoveryMethods:
    """``repository_secret``, ``repository_password`` and ``add_restore`` of ``VeleroBackups``."""

    _repository: RepositoryResources

    if TYPE_CHECKING:  # the composite's

        def _add(self, method: str, construct_id: str, obj: object, expected: type[Any] | None) -> Manifest: ...

    @property
    def repository_secret(self) -> Secret:
        """``kubernetes_secret`` ``velero-repo-credentials``: the repository password, written before the release."""
        return self._repository.secret

    @property
    def repository_password(self) -> str:
        """The repository password (a token): the given one, or the generated one. A recovery install takes it as
        its ``repository_password`` (from another stack of the app, cdktf passes it through the state)."""
        return self._repository.password

    def add_restore(
        self,
        construct_id: str,
        *,
        backup_name: str | None = None,
        schedule_name: str | None = None,
        name: str | None = None,
        namespace_mapping: Mapping[str, str] | None = None,
        included_namespaces: Sequence[str] | None = None,
        excluded_namespaces: Sequence[str] | None = None,
        included_resources: Sequence[str] | None = None,
        excluded_resources: Sequence[str] | None = None,
        restore_pvs: bool | None = None,
        existing_resource_policy: str | None = None,
    ) -> Manifest:
        """Add a Restore (``kubernetes_manifest``) of the backup ``backup_name``, or of the latest completed backup of
        the Schedule object ``schedule_name`` (Velero then fills ``spec.backupName``); named ``name`` (default: the
        construct id). It runs once, when created: restoring again takes a new Restore with a new name. Add it once
        ``velero backup get`` lists the backup: Velero fails, for good, a Restore whose backup it has not synced yet.

        :param namespace_mapping: source namespace -> target namespace.
        :param included_namespaces: namespaces to restore (names, globs, ``*``); default all.
        :param excluded_namespaces: namespaces to leave out.
        :param included_resources: resources to restore (``deployments.apps``); default all.
        :param excluded_resources: resources to leave out.
        :param restore_pvs: restore volumes from snapshots; default Velero's (yes).
        :param existing_resource_policy: ``none`` (leave existing objects, Velero's default) or ``update``.
        """
        restore = build_restore(
            construct_id,
            name=name,
            backup_name=backup_name,
            schedule_name=schedule_name,
            namespace_mapping=namespace_mapping,
            included_namespaces=included_namespaces,
            excluded_namespaces=excluded_namespaces,
            included_resources=included_resources,
            excluded_resources=excluded_resources,
            restore_pvs=restore_pvs,
            existing_resource_policy=existing_resource_policy,
        )
        return self._add("add_restore", construct_id, restore, Restore)
