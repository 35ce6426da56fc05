"""The data mover's pace: how many volumes the node agent copies at once and how many wait prepared, written to
the node agent's ConfigMap (a chart-rendered ConfigMap passed with ``--node-agent-configmap``).

Each volume the data mover copies is a new DigitalOcean volume, created from the CSI snapshot and attached to
the node that runs its data mover pod, from the moment it is prepared until it is copied. DOKS attaches at most
:data:`DOKS_VOLUMES_PER_NODE` volumes to a node, the workloads' own included: a pace above that leaves data
mover pods, or the workloads' pods, unable to start during the backup. Velero's own defaults are one copy per
node and no limit on the volumes prepared ahead, which a backup of many volumes turns into many attachments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .errors import VeleroConfigError
from .validation import is_token

__all__ = [
    "CONFIG_MAP_KEY",
    "DOKS_VOLUMES_PER_NODE",
    "MAX_VOLUMES_IN_FLIGHT",
    "DataMover",
    "data_mover_fragment",
    "data_mover_values",
]

DOKS_VOLUMES_PER_NODE = 7
"""Volumes DigitalOcean attaches to one Droplet (a DOKS node) at most."""

MAX_VOLUMES_IN_FLIGHT = DOKS_VOLUMES_PER_NODE - 1
"""The most volumes the data mover may hold attached to one node: one slot always stays for the workloads."""

CONFIG_MAP_KEY = "node-agent"
"""Key under the chart's ``configMaps``: the chart names the ConfigMap ``<fullname>-node-agent``."""


@dataclass(frozen=True)
class DataMover:
    """The pace of the data mover (``snapshot_move_data``). In the worst case every prepared volume waits on the
    node already copying ``concurrency`` others, so ``concurrency + prepare_queue_length`` is capped at
    :data:`MAX_VOLUMES_IN_FLIGHT` (6)."""

    concurrency: int = 1
    """Volumes each node copies at once (node agent ``loadConcurrency.globalConfig``). Default ``1``, Velero's."""
    prepare_queue_length: int = 2
    """Volumes created from their snapshots and attached, waiting for a node to copy them, across the cluster
    (``loadConcurrency.prepareQueueLength``). Default ``2``; Velero's default is no limit."""


def _check_count(path: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise VeleroConfigError(path, value, "must be a whole number, 1 or more")
    return value


def data_mover_values(path: str, value: object, *, fullname: str) -> dict[str, Any]:
    """The chart values of the data mover's pace: the ConfigMap the chart renders and the node agent's flag
    naming it (``<fullname>-node-agent``)."""
    if not isinstance(value, DataMover):
        raise VeleroConfigError(path, value, "must be a DataMover or None")
    concurrency = _check_count(f"{path}.concurrency", value.concurrency)
    queue = _check_count(f"{path}.prepare_queue_length", value.prepare_queue_length)
    if concurrency + queue > MAX_VOLUMES_IN_FLIGHT:
        raise VeleroConfigError(
            f"{path}.prepare_queue_length",
            queue,
            f"plus concurrency ({concurrency}) must be at most {MAX_VOLUMES_IN_FLIGHT}: DOKS attaches at most "
            f"{DOKS_VOLUMES_PER_NODE} volumes to a node, the workloads' own included",
        )
    config = {"loadConcurrency": {"globalConfig": concurrency, "prepareQueueLength": queue}}
    return {
        # Velero reads the one key of the ConfigMap's data, whatever its name, as JSON.
        "configMaps": {CONFIG_MAP_KEY: {"data": {"node-agent-config.json": json.dumps(config, sort_keys=True)}}},
        "nodeAgent": {"extraArgs": [f"--node-agent-configmap={fullname}-{CONFIG_MAP_KEY}"]},
    }


def data_mover_fragment(mover: object, *, moves_data: bool, release: str, fullname: str) -> dict[str, Any]:
    """The data mover's chart values when a schedule moves snapshot data (``DataMover()`` by default); none
    otherwise, where a ``data_mover`` prop is refused."""
    if not moves_data:
        if mover is not None:
            raise VeleroConfigError("data_mover", mover, "only applies when a schedule has snapshot_move_data=True")
        return {}
    if is_token(release):
        raise VeleroConfigError(
            "release_name",
            release,
            "must be known at synth time with the data mover: the node agent's ConfigMap is named after it",
        )
    return data_mover_values("data_mover", DataMover() if mover is None else mover, fullname=fullname)
