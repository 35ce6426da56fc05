"""Backup schedules: :class:`BackupSchedule` props into Velero Schedule specs, checked by the rules a Schedule
or Backup follows whether it comes from the props or from ``VeleroBackups.add_*``.

One rule, one function: cron (:func:`~cdktf_velero.validation.check_cron`), Go durations, and Velero's own
rules for the namespace and resource filters and selectors (:func:`~cdktf_velero.velero_rules.check_backup_spec`,
on the spec's wire form) run on a location's ``BackupSchedule`` here and on a user's typed ``Schedule`` or
``Backup`` in :mod:`~cdktf_velero.custom_resources` alike; only the paths in the error messages differ. Pure
Python: the plan calls it before any resource exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, NamedTuple

from . import validation as v
from .errors import VeleroConfigError
from .imports.velero import ScheduleSpec, ScheduleSpecTemplate, ScheduleSpecTemplateLabelSelector
from .velero_rules import check_backup_spec

__all__ = [
    "BackupSchedule",
    "Filters",
    "ResolvedSchedule",
    "ScheduleNeeds",
    "check_filters",
    "check_schedules",
    "resolve_schedule",
]


@dataclass(frozen=True)
class BackupSchedule:
    """A cron-driven Velero backup to one storage location.

    Every schedule backs up to the location it is attached to (one backup goes to one
    location in Velero), so backing up to both S3 and Spaces takes one schedule per location.
    """

    cron: str
    """5-field cron in UTC (``0 7 * * *``), a descriptor (``@daily``) or ``@every 6h``."""
    ttl: str = "240h"
    """How long each backup is kept (Go duration). Default ``240h`` (10 days), as the original module."""
    name: str | None = None
    """Schedule name. Default ``daily-aws-backups`` / ``daily-digitalocean-backups``. For the AWS
    location the chart names the object ``<release_name>-<name>``."""
    included_namespaces: Sequence[str] = ("*",)
    """Namespaces to back up (names, globs, or ``*``). Default: all."""
    excluded_namespaces: Sequence[str] = ()
    """Namespaces to leave out. Default: none."""
    included_resources: Sequence[str] = ()
    """Resources to back up (``deployments.apps``). Default: empty, which Velero reads as all."""
    excluded_resources: Sequence[str] = ()
    """Resources to leave out. Default: none."""
    include_cluster_resources: bool | None = None
    """Back up cluster-scoped resources. Default ``None``: Velero decides (yes when all namespaces are included)."""
    label_selector: Mapping[str, str] | None = None
    """Back up only objects carrying all these labels (``matchLabels``). Default: no selector."""
    snapshot_volumes: bool = False
    """Take volume snapshots through the location's snapshot location. Default ``False``, as the original
    module. Always written explicitly: Velero reads a missing value as *yes*."""
    file_system_backup: bool = False
    """Copy volume data with the node agent (``defaultVolumesToFsBackup``, kopia). Needs the node agent,
    which ``VeleroBackups`` deploys when any schedule asks for it. Default ``False``."""
    snapshot_move_data: bool | None = None
    """Copy the data of the CSI snapshots this schedule takes into its backup location with Velero's data mover
    (``snapshotMoveData``), out of the cluster's region and cloud; the snapshots are deleted once copied. Needs
    ``snapshot_volumes=True``, CSI snapshots (``DigitalOceanLocation(volume_snapshots="csi")``) and the node
    agent, which ``VeleroBackups`` then deploys. Default ``None``: the location's ``snapshot_move_data`` when
    the schedule takes snapshots (``False`` for the AWS location)."""
    volume_snapshot_locations: Sequence[str] | None = None
    """Snapshot locations by name. Default: the location's own snapshot location when ``snapshot_volumes``."""
    paused: bool = False
    """Create the schedule paused. Default ``False``."""
    use_owner_references_in_backup: bool = False
    """Let Kubernetes garbage-collect backups with their schedule. Default ``False``: deleting the schedule
    must never delete backups."""
    labels: Mapping[str, str] | None = None
    """Labels on the Schedule object. Default: none."""


@dataclass(frozen=True)
class ResolvedSchedule:
    """A validated schedule: its name, the name of the object in the cluster, and the spec Velero receives."""

    name: str
    object_name: str
    """The Schedule object's name: ``name``, or the chart's ``<fullname>-<name>`` when the chart carries it."""
    spec: ScheduleSpec
    labels: dict[str, str]
    storage_location: str
    snapshot_locations: tuple[str, ...]
    file_system_backup: bool
    path: str
    snapshot_move_data: bool = False


class Filters(NamedTuple):
    """What a backup keeps and for how long: ttl, namespaces and resources, checked."""

    ttl: str | None
    included_namespaces: list[str] | None
    excluded_namespaces: list[str] | None
    included_resources: list[str] | None
    excluded_resources: list[str] | None


def check_filters(path: str, source: Any, *, optional: bool) -> Filters:
    """Check ``ttl`` and the namespace and resource filters of ``source``: a :class:`BackupSchedule` (every field
    required) or a typed Schedule template or Backup spec (``optional``: unset fields are left out)."""

    def check(prop: str, rule: Any) -> Any:
        value = getattr(source, prop)
        return None if value is None and optional else rule(f"{path}.{prop}", value)

    return Filters(
        ttl=check("ttl", v.check_duration),
        included_namespaces=check("included_namespaces", v.check_namespace_list),
        excluded_namespaces=check("excluded_namespaces", v.check_namespace_list),
        included_resources=check("included_resources", v.check_resource_list),
        excluded_resources=check("excluded_resources", v.check_resource_list),
    )


def resolve_schedule(
    path: str,
    schedule: object,
    *,
    default_name: str,
    storage_location: str,
    own_snapshot_location: str | None,
    object_prefix: str | None,
    snapshot_move_data: bool = False,
) -> ResolvedSchedule:
    """Validate one schedule and build its Schedule spec (no ``skipImmediately``: the controller owns it).

    ``object_prefix`` is the chart's fullname when the chart renders the Schedule (it names it ``<prefix>-<name>``);
    ``snapshot_move_data`` is the location's default, for a schedule that takes snapshots and does not say.
    """
    if not isinstance(schedule, BackupSchedule):
        raise VeleroConfigError(path, schedule, "must be a BackupSchedule or None")
    name = v.check_dns_label(f"{path}.name", schedule.name if schedule.name is not None else default_name)
    filters = check_filters(path, schedule, optional=False)
    cluster_resources = schedule.include_cluster_resources
    if cluster_resources is not None:
        v.check_bool(f"{path}.include_cluster_resources", cluster_resources)
    selector = None
    if schedule.label_selector is not None:
        selector = v.check_label_selector(f"{path}.label_selector", schedule.label_selector) or None
    snapshot_volumes = v.check_bool(f"{path}.snapshot_volumes", schedule.snapshot_volumes)
    fs_backup = v.check_bool(f"{path}.file_system_backup", schedule.file_system_backup)
    if schedule.volume_snapshot_locations is not None:
        vsls = tuple(v.check_name_list(f"{path}.volume_snapshot_locations", schedule.volume_snapshot_locations))
        if vsls and not snapshot_volumes:
            raise VeleroConfigError(
                f"{path}.volume_snapshot_locations", list(vsls), "needs snapshot_volumes=True to have any effect"
            )
    elif snapshot_volumes and own_snapshot_location is not None:
        vsls = (own_snapshot_location,)
    else:
        vsls = ()
    if schedule.snapshot_move_data is None:
        move_data = snapshot_move_data and snapshot_volumes
    else:
        move_data = v.check_bool(f"{path}.snapshot_move_data", schedule.snapshot_move_data)
        if move_data and not snapshot_volumes:
            raise VeleroConfigError(
                f"{path}.snapshot_move_data", True, "needs snapshot_volumes=True: the data mover copies snapshots"
            )
    template = ScheduleSpecTemplate(
        ttl=filters.ttl,
        storage_location=storage_location,
        included_namespaces=filters.included_namespaces,
        excluded_namespaces=filters.excluded_namespaces or None,
        included_resources=filters.included_resources or None,
        excluded_resources=filters.excluded_resources or None,
        include_cluster_resources=cluster_resources,
        label_selector=ScheduleSpecTemplateLabelSelector(match_labels=selector) if selector else None,
        # Always written: Velero reads a missing snapshotVolumes as "take snapshots".
        snapshot_volumes=snapshot_volumes,
        default_volumes_to_fs_backup=True if fs_backup else None,
        volume_snapshot_locations=list(vsls) or None,
        snapshot_move_data=True if move_data else None,
    )
    check_backup_spec(path, template.to_dict())
    spec = ScheduleSpec(
        schedule=v.check_cron(f"{path}.cron", schedule.cron),
        template=template,
        use_owner_references_in_backup=v.check_bool(
            f"{path}.use_owner_references_in_backup", schedule.use_owner_references_in_backup
        ),
        paused=True if v.check_bool(f"{path}.paused", schedule.paused) else None,
    )
    labels = v.check_labels(f"{path}.labels", schedule.labels) if schedule.labels is not None else {}
    return ResolvedSchedule(
        name=name,
        object_name=f"{object_prefix}-{name}" if object_prefix is not None else name,
        spec=spec,
        labels=labels,
        storage_location=storage_location,
        snapshot_locations=vsls,
        file_system_backup=fs_backup,
        path=path,
        snapshot_move_data=move_data,
    )


class ScheduleNeeds(NamedTuple):
    """What the schedules need of the server: the node agent, and the data mover's settings."""

    node_agent: bool
    data_mover: bool


def check_schedules(
    schedules: Iterable[ResolvedSchedule],
    *,
    snapshot_locations: AbstractSet[str],
    csi_snapshots: bool,
    node_agent: bool | None,
) -> ScheduleNeeds:
    """Cross-checks of the locations' schedules (unique names, also against the names the chart gives its
    objects; snapshot locations that exist; CSI snapshots for snapshots without a snapshot location and for the
    data mover); returns whether the node agent is deployed and whether the data mover runs."""
    names: dict[str, str] = {}
    wants_fs = moves_data = False
    for sched in schedules:
        if sched.name in names:
            raise VeleroConfigError(f"{sched.path}.name", sched.name, f"duplicates the schedule of {names[sched.name]}")
        names[sched.name] = sched.path
        if sched.object_name != sched.name:
            names.setdefault(sched.object_name, f"{sched.path} (the chart names it {sched.object_name!r})")
        for index, vsl in enumerate(sched.snapshot_locations):
            if vsl not in snapshot_locations:
                known = ", ".join(sorted(snapshot_locations)) or "none"
                csi = "; CSI snapshots use none: leave it out" if csi_snapshots else ""
                raise VeleroConfigError(
                    f"{sched.path}.volume_snapshot_locations[{index}]",
                    vsl,
                    f"names no configured volume snapshot location (configured: {known}){csi}",
                )
        if sched.spec.template.snapshot_volumes and not snapshot_locations and not csi_snapshots:
            raise VeleroConfigError(
                f"{sched.path}.snapshot_volumes",
                True,
                "needs a volume snapshot location or CSI snapshots: configure a DigitalOcean location with "
                "volume_snapshots='digitalocean-plugin' or 'csi'",
            )
        if sched.snapshot_move_data and not csi_snapshots:
            raise VeleroConfigError(
                f"{sched.path}.snapshot_move_data",
                True,
                "needs CSI snapshots, which the data mover copies: set digitalocean.volume_snapshots='csi'",
            )
        wants_fs = wants_fs or sched.file_system_backup
        moves_data = moves_data or sched.snapshot_move_data
    if node_agent is None:
        return ScheduleNeeds(node_agent=wants_fs or moves_data, data_mover=moves_data)
    v.check_bool("node_agent", node_agent)
    if wants_fs and not node_agent:
        raise VeleroConfigError(
            "node_agent", False, "a schedule has file_system_backup=True, which needs the node agent"
        )
    if moves_data and not node_agent:
        raise VeleroConfigError(
            "node_agent", False, "a schedule has snapshot_move_data=True: the node agent runs the data mover"
        )
    return ScheduleNeeds(node_agent=node_agent, data_mover=moves_data)
