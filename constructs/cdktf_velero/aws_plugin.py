"""What the AWS plugin (``velero/velero-plugin-for-aws``, serving S3 and S3-compatible stores such as Spaces)
accepts in a location's ``config``, as its ``Init`` checks it: known keys only, booleans Go can parse, a
known checksum algorithm, URLs, one server-side encryption method, tags as ``k=v&k=v``.

Read in the plugin's sources (``object_store.go``, ``volume_snapshotter.go``, ``helpers.go``); a config it
refuses would leave the location Unavailable on the cluster.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import validation as v
from .errors import VeleroConfigError

__all__ = ["AWS_PROVIDERS", "BSL_CONFIG_KEYS", "VSL_CONFIG_KEYS", "check_bsl_config", "check_vsl_config"]

AWS_PROVIDERS = ("aws", "velero.io/aws")
"""The provider names that select the AWS plugin."""

BSL_CONFIG_KEYS = frozenset(
    {
        "region",
        "s3Url",
        "publicUrl",
        "kmsKeyId",
        "customerKeyEncryptionFile",
        "customerKeyEncryptionSecret",
        "s3ForcePathStyle",
        "signatureVersion",
        "credentialsFile",
        "profile",
        "serverSideEncryption",
        "insecureSkipTLSVerify",
        "enableSharedConfig",
        "tagging",
        "checksumAlgorithm",
        # Velero adds these from the location itself; the plugin accepts them.
        "bucket",
        "prefix",
        "caCert",
    }
)
VSL_CONFIG_KEYS = frozenset({"region", "profile", "credentialsFile", "enableSharedConfig", "ebsKmsKeyId"})
_BOOLEANS = ("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False")
_CHECKSUMS = ("", "CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME")
_ENCRYPTION_KEYS = ("kmsKeyId", "customerKeyEncryptionFile", "customerKeyEncryptionSecret")


def check_bsl_config(path: str, config: Mapping[str, str]) -> None:
    """A BackupStorageLocation's ``config`` for the AWS plugin (already a map of strings)."""
    _known_keys(path, config, BSL_CONFIG_KEYS)
    for key in ("s3ForcePathStyle", "insecureSkipTLSVerify"):
        value = config.get(key)
        if value and not v.is_token(value) and value not in _BOOLEANS:
            raise VeleroConfigError(f"{path}.{key}", value, "must be 'true' or 'false' (the plugin parses a Go bool)")
    checksum = config.get("checksumAlgorithm")
    if checksum is not None and not v.is_token(checksum) and checksum not in _CHECKSUMS:
        raise VeleroConfigError(
            f"{path}.checksumAlgorithm", checksum, f"must be one of {', '.join(repr(c) for c in _CHECKSUMS)}"
        )
    for key in ("s3Url", "publicUrl"):
        if config.get(key):
            v.check_url(f"{path}.{key}", config[key], schemes=("https", "http"))
    encryption = [key for key in _ENCRYPTION_KEYS if config.get(key)]
    if len(encryption) > 1:
        raise VeleroConfigError(
            f"{path}.{encryption[1]}", config[encryption[1]], f"cannot be combined with {encryption[0]}: use one"
        )
    secret = config.get("customerKeyEncryptionSecret")
    if secret and not v.is_token(secret):
        name, slash, key = secret.partition("/")
        if not slash or "/" in key or not key:
            raise VeleroConfigError(f"{path}.customerKeyEncryptionSecret", secret, "must be '<secret name>/<key>'")
        v.check_dns_subdomain(f"{path}.customerKeyEncryptionSecret", name)
    tagging = config.get("tagging")
    if tagging and not v.is_token(tagging):
        _check_tagging(f"{path}.tagging", tagging)


def check_vsl_config(path: str, config: Mapping[str, str]) -> None:
    """A VolumeSnapshotLocation's ``config`` for the AWS plugin's volume snapshotter."""
    _known_keys(path, config, VSL_CONFIG_KEYS)


def _known_keys(path: str, config: Mapping[str, str], known: frozenset[str]) -> None:
    for key in config:
        if key not in known:
            raise VeleroConfigError(
                path, key, f"is not a config key of the AWS plugin (known: {', '.join(sorted(known))})"
            )


def _check_tagging(path: str, tagging: str) -> None:
    """The plugin's tag check: two to ten ``key=value`` pairs joined by ``&``, keys up to 128 characters,
    values up to 248."""
    tags = tagging.split("&")
    rule = "must be two to ten tags 'key=value' joined by '&' (the plugin refuses a single tag)"
    if not 2 <= len(tags) <= 10:
        raise VeleroConfigError(path, tagging, rule)
    for tag in tags:
        parts = tag.split("=")
        if len(parts) != 2 or len(parts[0]) > 128 or len(parts[1]) > 248:
            raise VeleroConfigError(path, tagging, f"{rule}; keys up to 128 characters, values up to 248")
