"""Chart values the library and ``extra_values`` share: the server's environment (``configuration.extraEnvVars``),
Velero's feature flags (``configuration.features``) and the node agent's flags (``nodeAgent.extraArgs``).

The user's entries are added to the library's (:func:`~cdktf_velero.extra_values.merge_extra_values` extends the
lists, :func:`merged_features` joins the flags), so that none of the library's is lost (e.g. the checksum opt-out
an S3-compatible store needs); an entry the library sets itself may not be set again there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import VeleroConfigError

__all__ = ["check_shared", "env_vars", "merged_features"]

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


def check_shared(library: Mapping[str, Any], extra: Mapping[str, Any]) -> None:
    """Refuse, in ``extra`` (checked plain data), a server variable the library sets and the node agent's
    ConfigMap flag, which the prop ``data_mover`` sets."""
    ours = {entry["name"] for entry in _get(library, ("configuration", "extraEnvVars")) or ()}
    user_env = _get(extra, ("configuration", "extraEnvVars"))
    for index, entry in enumerate(user_env if isinstance(user_env, list) else ()):
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if name in ours:
            raise VeleroConfigError(
                f"extra_values.configuration.extraEnvVars[{index}].name",
                name,
                "is set by the library for the S3-compatible store (the AWS SDK's checksum opt-out); to keep the "
                "SDK's checksums, set checksumAlgorithm in the location's config instead",
            )
    args = _get(extra, ("nodeAgent", "extraArgs"))
    for index, arg in enumerate(args if isinstance(args, list) else ()):
        if isinstance(arg, str) and arg.startswith(_NODE_AGENT_CONFIGMAP_FLAG):
            raise VeleroConfigError(
                f"extra_values.nodeAgent.extraArgs[{index}]", arg, "is set by the library from the prop data_mover"
            )


def merged_features(library: Mapping[str, Any], extra: Mapping[str, Any]) -> str | None:
    """The library's feature flags, then the user's (a comma-separated string each); ``None`` when either has
    none (the plain merge is then right)."""
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
