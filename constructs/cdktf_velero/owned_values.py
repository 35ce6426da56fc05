"""Chart values the library and ``extra_values`` share, and those the library's typed props own.

Shared: the server's environment (``configuration.extraEnvVars``), Velero's feature flags
(``configuration.features``) and the node agent's flags (``nodeAgent.extraArgs``). A plain deep merge would let
the user's list replace the library's (and drop, e.g., the checksum opt-out an S3-compatible store needs), so the
user's entries are added to the library's instead; a user's variable of the same name replaces the library's.
Owned: the sized components and the node agent's ConfigMap, set through ``server_resources``,
``node_agent_resources``, ``repository_maintenance`` and ``data_mover``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .data_mover import CONFIG_MAP_KEY
from .errors import VeleroConfigError

__all__ = ["check_owned", "env_vars", "merge_shared"]

_OWNED: tuple[tuple[tuple[str, ...], str], ...] = (
    (("resources",), "server_resources"),
    (("nodeAgent", "resources"), "node_agent_resources"),
    (("configuration", "repositoryMaintenanceJob", "repositoryConfigData", "global"), "repository_maintenance"),
    (("configMaps", CONFIG_MAP_KEY), "data_mover"),
)

_NODE_AGENT_CONFIGMAP_FLAG = "--node-agent-configmap"


def env_vars(env: Mapping[str, str]) -> list[dict[str, str]]:
    """Environment variables in the container form the chart writes into the server's ``env``."""
    return [{"name": name, "value": value} for name, value in env.items()]


def _get(values: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    node: Any = values
    for key in keys:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def check_owned(extra_values: Mapping[str, Any]) -> None:
    """Refuse the values a typed prop sets: one place for each setting."""
    for keys, prop in _OWNED:
        found = _get(extra_values, keys)
        if found is not None:
            raise VeleroConfigError(f"extra_values.{'.'.join(keys)}", found, f"is set by the prop {prop}: use it")


def merge_shared(merged: dict[str, Any], library: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``merged`` (the library's values with ``extra`` deep-merged over them) with the shared lists and flags
    put back together: the library's entries, then the user's."""
    configuration = merged.get("configuration")
    if isinstance(configuration, dict):
        env = _merged_env(library, extra)
        if env is not None:
            configuration["extraEnvVars"] = env
        features = _merged_features(library, extra)
        if features is not None:
            configuration["features"] = features
    node_agent = merged.get("nodeAgent")
    args = _merged_args(library, extra)
    if isinstance(node_agent, dict) and args is not None:
        node_agent["extraArgs"] = args
    return merged


def _user_list(extra: Mapping[str, Any], keys: tuple[str, ...]) -> list[Any] | None:
    found = _get(extra, keys)
    if found is None:
        return None
    if not isinstance(found, list):
        raise VeleroConfigError(f"extra_values.{'.'.join(keys)}", found, "must be a list")
    return found


def _merged_env(library: Mapping[str, Any], extra: Mapping[str, Any]) -> list[Any] | None:
    keys = ("configuration", "extraEnvVars")
    user = _user_list(extra, keys)
    ours = _get(library, keys) or []
    if user is None or not ours:
        return None
    names = {entry.get("name") for entry in user if isinstance(entry, Mapping)}
    return [entry for entry in ours if entry["name"] not in names] + user


def _merged_features(library: Mapping[str, Any], extra: Mapping[str, Any]) -> str | None:
    keys = ("configuration", "features")
    user = _get(extra, keys)
    ours = _get(library, keys)
    if user is None or not ours:
        return None
    if not isinstance(user, str):
        raise VeleroConfigError(f"extra_values.{'.'.join(keys)}", user, "must be a comma-separated string of flags")
    flags = [flag for flag in ours.split(",") if flag]
    flags += [flag.strip() for flag in user.split(",") if flag.strip() and flag.strip() not in flags]
    return ",".join(flags)


def _merged_args(library: Mapping[str, Any], extra: Mapping[str, Any]) -> list[Any] | None:
    keys = ("nodeAgent", "extraArgs")
    user = _user_list(extra, keys)
    ours = _get(library, keys) or []
    if user is None or not ours:
        return None
    for index, arg in enumerate(user):
        if isinstance(arg, str) and arg.startswith(_NODE_AGENT_CONFIGMAP_FLAG):
            raise VeleroConfigError(
                f"extra_values.nodeAgent.extraArgs[{index}]", arg, "is set by the library from the prop data_mover"
            )
    return [*ours, *user]
