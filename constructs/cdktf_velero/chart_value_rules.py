"""What Kubernetes and Velero require of the chart values the chart passes on unchecked (its schema types most
of them as any object), as a JSON schema checked beside the chart's own (:data:`KUBERNETES_RULES`)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from . import validation as v
from .errors import VeleroConfigError

if TYPE_CHECKING:
    import jsonschema

__all__ = ["KUBERNETES_RULES", "kubernetes_validator"]

_STRING_MAP = {
    "type": "object",
    "propertyNames": {"format": "qualified-name"},
    "additionalProperties": {"type": "string"},
}
_LABELS = {
    "type": "object",
    "propertyNames": {"format": "qualified-name"},
    "additionalProperties": {"format": "label-value", "type": "string"},
}
_TOLERATIONS = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "key": {"type": "string"},
            "operator": {"enum": ["Exists", "Equal"]},
            "value": {"type": "string"},
            "effect": {"enum": ["", "NoSchedule", "PreferNoSchedule", "NoExecute"]},
            "tolerationSeconds": {"type": "integer"},
        },
    },
}
_DNS_POLICY = {"enum": ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]}
_VOLUMES = {"type": "array", "items": {"type": "object", "required": ["name"]}}
_MOUNTS = {"type": "array", "items": {"type": "object", "required": ["name", "mountPath"]}}
_ENV = {"type": "array", "items": {"type": "object", "required": ["name"]}}
_ARGS = {"type": "array", "items": {"type": "string"}}
_DURATION = {"type": ["string", "null"], "format": "go-duration"}
_NAME = {"type": "string", "format": "k8s-name"}
_NAMES = {"type": "array", "items": _NAME}
_FLAG = {"type": ["string", "number", "boolean", "null"], "format": "flag-value"}
_CONFIGURATION_FLAGS = (
    "uploaderType",
    "clientBurst",
    "clientPageSize",
    "clientQPS",
    "disableControllers",
    "disableInformerCache",
    "features",
    "itemBlockWorkerCount",
    "metricsAddress",
    "pluginDir",
    "profilerAddress",
    "restoreOnlyMode",
    "restoreResourcePriorities",
)
"""Server settings the chart writes into a ``--flag=value`` argument, unquoted."""
_POD = {
    "annotations": _STRING_MAP,
    "runtimeClassName": _NAME,
    "labels": _LABELS,
    "podLabels": _LABELS,
    "podAnnotations": _STRING_MAP,
    "nodeSelector": _LABELS,
    "tolerations": _TOLERATIONS,
    "dnsPolicy": _DNS_POLICY,
    "priorityClassName": _NAME,
    "extraVolumes": _VOLUMES,
    "extraVolumeMounts": _MOUNTS,
    "extraEnvVars": _ENV,
    "extraArgs": _ARGS,
}
KUBERNETES_RULES: dict[str, Any] = {
    "type": "object",
    "properties": {
        **_POD,
        "secretAnnotations": _STRING_MAP,
        "terminationGracePeriodSeconds": {"type": "integer", "minimum": 0},
        "image": {
            "properties": {"pullPolicy": {"enum": ["Always", "IfNotPresent", "Never"]}, "imagePullSecrets": _NAMES}
        },
        "revisionHistoryLimit": {"type": "integer", "minimum": 0},
        "serviceAccount": {
            "properties": {
                "server": {
                    "properties": {
                        "name": {"type": ["string", "null"], "format": "k8s-name"},
                        "imagePullSecrets": _NAMES,
                        "automountServiceAccountToken": {"type": "boolean"},
                    }
                }
            }
        },
        "rbac": {"properties": {"clusterAdministratorName": _NAME}},
        "metrics": {
            "properties": {
                "service": {
                    "properties": {
                        "type": {"enum": ["ClusterIP", "NodePort", "LoadBalancer"]},
                        "externalTrafficPolicy": {"enum": [None, "", "Cluster", "Local"]},
                        "internalTrafficPolicy": {"enum": [None, "", "Cluster", "Local"]},
                        "ipFamilyPolicy": {"enum": [None, "", "SingleStack", "PreferDualStack", "RequireDualStack"]},
                        "nodePort": {"type": ["integer", "null"], "minimum": 1, "maximum": 65535},
                    }
                },
                **{
                    monitor: {"properties": {"namespace": {"type": ["string", "null"], "format": "k8s-name"}}}
                    for monitor in ("serviceMonitor", "nodeAgentPodMonitor", "prometheusRule")
                },
            }
        },
        "extraObjects": {
            "type": "array",
            "items": {
                "if": {"type": "object"},
                "then": {"required": ["apiVersion", "kind"]},
                "else": {"type": "string"},
            },
        },
        "nodeAgent": {
            "type": "object",
            "properties": {
                **_POD,
                "podVolumePath": {"type": "string", "format": "absolute-path"},
                "pluginVolumePath": {"type": ["string", "null"], "format": "absolute-path"},
            },
        },
        "configuration": {
            "type": "object",
            "properties": {
                **dict.fromkeys(
                    (
                        "backupSyncPeriod",
                        "fsBackupTimeout",
                        "defaultItemOperationTimeout",
                        "defaultBackupTTL",
                        "garbageCollectionFrequency",
                        "storeValidationFrequency",
                        "terminatingResourceTimeout",
                        "dataMoverPrepareTimeout",
                        "defaultRepoMaintainFrequency",
                    ),
                    _DURATION,
                ),
                "logLevel": {"enum": [None, "panic", "fatal", "error", "warn", "warning", "info", "debug", "trace"]},
                "logFormat": {"enum": [None, "text", "json"]},
                "defaultVolumesToFsBackup": {"type": ["boolean", "null"]},
                "defaultSnapshotMoveData": {"type": ["boolean", "null"]},
                "extraEnvVars": _ENV,
                "extraArgs": _ARGS,
                **dict.fromkeys(_CONFIGURATION_FLAGS, _FLAG),
            },
        },
    },
}
"""What Kubernetes and Velero require of values the chart passes on unchecked (its schema types most of
them as any object): string label and annotation maps with valid keys, tolerations, DNS policy, volumes
with names, Go durations for Velero's periods, its log levels."""


@cache
def kubernetes_validator() -> jsonschema.Draft7Validator:
    """:data:`KUBERNETES_RULES` with the formats they use (Go durations, label keys and values, names, paths)."""
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("go-duration")(_is_duration)
    checker.checks("qualified-name")(_is_qualified_name)
    checker.checks("label-value")(_is_label_value)
    checker.checks("k8s-name")(_is_name)
    checker.checks("absolute-path")(_is_absolute_path)
    checker.checks("flag-value")(_is_flag_value)
    return jsonschema.Draft7Validator(KUBERNETES_RULES, format_checker=checker)


def _is_duration(value: object) -> bool:
    return not isinstance(value, str) or _passes(v.check_duration, value, allow_zero=True)


def _is_qualified_name(value: object) -> bool:
    return not isinstance(value, str) or _passes(v.check_label_key, value)


def _is_label_value(value: object) -> bool:
    return not isinstance(value, str) or _passes(v.check_labels, {"k": value})


def _is_name(value: object) -> bool:
    """An object name the chart writes unquoted: a DNS-1123 subdomain YAML reads back as a string."""
    if not isinstance(value, str) or value == "" or v.is_token(value):
        return True
    return _passes(v.check_dns_subdomain, value) and v.is_yaml_plain(value)


def _is_absolute_path(value: object) -> bool:
    return not isinstance(value, str) or v.is_token(value) or _ABSOLUTE_PATH.fullmatch(value) is not None


def _is_flag_value(value: object) -> bool:
    """Text after ``--flag=`` in a YAML list item: one line, nothing YAML would read as a mapping or comment."""
    if not isinstance(value, str):
        return True
    return value.isprintable() and ": " not in value and " #" not in value and not value.endswith(":")


_ABSOLUTE_PATH = re.compile(r"/[-\w./]*")


def _passes(check: Any, value: object, **kwargs: Any) -> bool:
    try:
        check("value", value, **kwargs)
    except VeleroConfigError:
        return False
    return True
