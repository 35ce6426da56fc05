"""The ``add_*`` part of ``VeleroBackups``' API: Velero objects the user adds, checked like the built-in ones.

A mixin, as :mod:`.recovery_api` is, so that the composite stays a short sequence of steps
(:mod:`cdktf_velero.velero_backups`); it relies on the composite's scope for custom resources, its registry of
names and its monitoring plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from .custom_resources import check_addition
from .engine import kubernetes
from .errors import VeleroConfigError
from .imports.velero import BackupStorageLocation, Restore, Schedule, VolumeSnapshotLocation
from .manifests import SCHEDULE_COMPUTED, VeleroObject, velero_manifest
from .monitoring import ScheduleAlerts, watch_added
from .restores import RESTORE_COMPUTED

if TYPE_CHECKING:
    from constructs import Construct

    from .custom_resources import Registry
    from .engine.core import ITerraformDependable
    from .monitoring import MonitoringPlan

__all__ = ["AddedObjectMethods"]

Manifest: TypeAlias = kubernetes.manifest.Manifest

_COMPUTED: dict[type[Any], list[str]] = {Schedule: SCHEDULE_COMPUTED, Restore: RESTORE_COMPUTED}
"""The fields Velero writes, per kind of added object (``computed_fields``)."""


class AddedObjectMethods:
    """``add_schedule``, ``add_backup_storage_location``, ``add_volume_snapshot_location`` and ``add_manifest`` of
    ``VeleroBackups`` (``add_restore`` is in :mod:`.recovery_api`)."""

    monitoring: MonitoringPlan | None
    namespace_name: str
    _custom_scope: Construct
    _custom_depends_on: list[ITerraformDependable]
    _registry: Registry
    _kubernetes_provider: Any

    if TYPE_CHECKING:  # the composite's

        def _location_manifests(self) -> list[Any]: ...

    def add_schedule(self, construct_id: str, schedule: Schedule, *, alerts: ScheduleAlerts | None = None) -> Manifest:
        """Add a Schedule (typed, from ``cdktf_velero.imports.velero``) as a ``kubernetes_manifest``.

        Checked as strictly as the props: field types, the CRD's schema, Velero's own rules (filters, selectors),
        cron, durations, storage and snapshot locations that exist and take backups, a unique name, no
        ``skip_immediately``. Placed beside the DigitalOcean resources (``custom_resources_stack`` when given).
        With ``monitoring``, the alerts cover it; ``alerts`` changes its threshold or turns them off (required
        when the cron is a Terraform token).
        """
        if alerts is not None and self.monitoring is None:
            raise VeleroConfigError("add_schedule.alerts", type(alerts).__name__, "only applies with monitoring on")
        return self._add("add_schedule", construct_id, schedule, Schedule, alerts)

    def add_backup_storage_location(self, construct_id: str, location: BackupStorageLocation) -> Manifest:
        """Add a BackupStorageLocation (another bucket, another cloud) as a ``kubernetes_manifest``.

        It must not be marked default (the library already marks one) and its name must be unique; later
        ``add_schedule`` calls may name it. Its credential secret is the caller's to provide.
        """
        return self._add("add_backup_storage_location", construct_id, location, BackupStorageLocation)

    def add_volume_snapshot_location(self, construct_id: str, location: VolumeSnapshotLocation) -> Manifest:
        """Add a VolumeSnapshotLocation as a ``kubernetes_manifest``; its plugin must be installed
        (``extra_plugins``)."""
        return self._add("add_volume_snapshot_location", construct_id, location, VolumeSnapshotLocation)

    def add_manifest(self, construct_id: str, obj: VeleroObject) -> Manifest:
        """Add any velero.io/v1 object the library types (BackupStorageLocation, VolumeSnapshotLocation,
        Schedule, Backup, Restore), with the checks of its kind: e.g. a one-off Backup or a Restore."""
        return self._add("add_manifest", construct_id, obj, None)

    def _add(
        self, method: str, construct_id: str, obj: object, expected: type[Any] | None, alerts: object = None
    ) -> Manifest:
        checked = check_addition(
            method,
            construct_id,
            obj,
            expected,
            scope=self._custom_scope,
            namespace=self.namespace_name,
            registry=self._registry,
        )
        if self.monitoring is not None and isinstance(checked, Schedule):
            watch_added(self.monitoring, f"{method}({construct_id!r})", checked, alerts)
        # A user's Schedule or Backup may name the locations emitted as custom resources: apply after them.
        after = [*self._custom_depends_on, *self._location_manifests()]
        return Manifest(
            self._custom_scope,
            construct_id,
            manifest=velero_manifest(checked),
            depends_on=after or None,
            provider=self._kubernetes_provider,
            computed_fields=_COMPUTED.get(type(checked)),
        )
