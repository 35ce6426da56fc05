"""Any S3-compatible store (MinIO, Backblaze B2, Cloudflare R2, Wasabi, Hetzner, OVH, Ceph, ...), served by the
AWS plugin with the store's endpoint, emitted as custom resources; only in ``VeleroBackups(locations=[...])``.

Such stores differ from S3 in what the plugin must be told: the endpoint (``s3Url``), path-style addressing, a
free-form region (``auto``, ``us-west-004``, ``fsn1``), a private CA, and no request checksums (since the plugin
moved to the AWS SDK v2, stores that do not implement them reject or corrupt objects unless ``checksumAlgorithm``
is empty; see the README).
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import ssl
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import ClassVar
from urllib.parse import urlsplit

from .. import validation as v
from ..errors import VeleroConfigError
from ..schedules import BackupSchedule
from ..secret_fields import secret_field
from .base import S3_PLUGIN, AccessMode, CredentialsFile, Location, Output, ResolveContext, ResolvedLocation
from .common import check_key_pair, location_config, location_ids, resolved_location

__all__ = ["S3CompatibleLocation"]

_REGION = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,62}[A-Za-z0-9])?")
_BUCKET = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]")
_HOST_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
_IN_CLUSTER_SUFFIXES = (".svc", ".svc.cluster.local")
_PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----", re.S)


@dataclass(frozen=True, repr=False)
class S3CompatibleLocation(Location):
    """A bucket of an S3-compatible store, reached at ``endpoint`` with its own key pair; in ``locations=`` only.
    Its ids derive from its name: sub-construct ``location-<name>``, secret ``velero-<name>-credentials``."""

    stored_in: ClassVar[str] = "the S3-compatible store"

    name: str
    """Name of the BackupStorageLocation, from which its ids derive. Required."""
    bucket: str
    """Bucket name (3-63 letters, digits, ``.``, ``-``, ``_``). Required."""
    region: str
    """The store's region as it names it (``auto`` for R2, ``us-west-004`` for B2, ``fsn1`` for Hetzner,
    ``us-east-1`` for most MinIO). Required."""
    endpoint: str
    """The store's URL, ``https://host[:port]`` (BSL ``s3Url``); ``http://`` only for an in-cluster service
    (``minio``, ``minio.storage.svc``, ``*.svc.cluster.local``) or with :attr:`allow_insecure_http`. Required."""
    access_key_id: str = secret_field()
    """Access key id: a Terraform token (sensitive variable or resource attribute). Required."""
    secret_access_key: str = secret_field()
    """Secret access key: a Terraform token. Required."""
    _: KW_ONLY
    prefix: str | None = None
    """Key prefix inside the bucket. Default: the bucket root."""
    schedule: BackupSchedule | None = None
    """Its backup schedule (default name ``daily-<name>-backups``). Default ``None``: none."""
    default: bool = False
    """Make this the default BSL. Default ``False``."""
    access_mode: AccessMode = "ReadWrite"
    """``ReadWrite`` or ``ReadOnly``. Default ``ReadWrite``."""
    credentials_secret_name: str | None = None
    """Name of the Kubernetes secret holding the key pair. Default ``None``: ``velero-<name>-credentials``."""
    ca_cert: str | None = None
    """PEM bundle of the CA certificates that sign the endpoint's certificate (a private CA), as text: checked
    and base64-encoded into ``objectStorage.caCert``. Default ``None``: the system's CAs."""
    force_path_style: bool = True
    """Address buckets as ``endpoint/bucket`` (``s3ForcePathStyle``), which most self-hosted stores need.
    Default ``True``."""
    allow_insecure_http: bool = False
    """Accept an ``http://`` endpoint outside the cluster: every backup, with every Secret of the cluster in it,
    then crosses the network in clear (requests are signed: the secret key itself is not sent). Default
    ``False``."""
    config: Mapping[str, str] = field(default_factory=dict)
    """Extra BSL config for the AWS plugin, strings only; ``checksumAlgorithm`` may override the default ``""``.
    ``region``, ``s3Url`` and ``s3ForcePathStyle`` come from the props above. Default ``{}``."""
    validation_frequency: str | None = None
    """How often Velero checks the bucket (Go duration). Default: Velero's (1m)."""
    backup_sync_period: str | None = None
    """How often Velero syncs backups from the bucket (Go duration). Default: Velero's (1m)."""

    def resolve(self, ctx: ResolveContext) -> ResolvedLocation:
        """Validate the props; the location is emitted as custom resources, with its own credentials secret."""
        path = ctx.path
        ids = location_ids(ctx, self.name, primary=None)
        bucket = _check_bucket(f"{path}.bucket", self.bucket)
        region = _check_region(f"{path}.region", self.region)
        insecure = v.check_bool(f"{path}.allow_insecure_http", self.allow_insecure_http)
        endpoint, scheme = _check_endpoint(f"{path}.endpoint", self.endpoint, allow_insecure_http=insecure)
        if insecure and scheme == "https":
            raise VeleroConfigError(f"{path}.allow_insecure_http", True, "only applies to an http:// endpoint")
        ca_cert = None
        if self.ca_cert is not None:
            if scheme == "http":
                raise VeleroConfigError(f"{path}.ca_cert", None, "only applies to an https:// endpoint", secret=True)
            ca_cert = _check_ca_bundle(f"{path}.ca_cert", self.ca_cert)
        path_style = "true" if v.check_bool(f"{path}.force_path_style", self.force_path_style) else "false"
        config = location_config(
            f"{path}.config", self.config, {"region": region, "s3Url": endpoint, "s3ForcePathStyle": path_style}
        )
        secret_name = ids.secret_name(f"{path}.credentials_secret_name", self.credentials_secret_name)
        keys = check_key_pair(
            ctx,
            ("access_key_id", "secret_access_key"),
            (self.access_key_id, self.secret_access_key),
            created=False,
            missing="is required: pass a sensitive TerraformVariable's value",
            missing_is_secret=False,
            created_rule="",
        )
        return resolved_location(
            ctx,
            self,
            carrier="custom_resources",
            construct_id=ids.construct_id,
            bucket=bucket,
            config=config,
            # Stores other than S3 reject or corrupt the AWS SDK's default checksums: the BSL's and the server's.
            s3_compatible_store=True,
            ca_cert=ca_cert,
            credentials=CredentialsFile(
                construct_id=ids.credentials_construct_id,
                name=secret_name,
                name_path=f"{path}.credentials_secret_name",
                keys=keys,
            ),
            validation_frequency=self.validation_frequency,
            backup_sync_period=self.backup_sync_period,
            default_schedule_name=ids.schedule_name,
            plugins=(S3_PLUGIN,),
            outputs=(Output("bucket_name", bucket, "Bucket of the S3-compatible store"),),
        )


def _check_bucket(path: str, value: object) -> str:
    """A bucket name as S3-compatible stores take them (B2 and some MinIO setups allow more than S3 does)."""
    text = v.check_str(path, value)
    if not v.is_token(text) and (not _BUCKET.fullmatch(text) or ".." in text):
        raise VeleroConfigError(
            path,
            value,
            "must be a bucket name: 3-63 letters, digits, '.', '-' or '_', starting and ending with a letter or digit",
        )
    return text


def _check_region(path: str, value: object) -> str:
    """A region as the store names it: one word of letters, digits, ``.``, ``-``, ``_`` (signed into requests)."""
    text = v.check_str(path, value)
    if not v.is_token(text) and not _REGION.fullmatch(text):
        raise VeleroConfigError(
            path,
            value,
            "must be the store's region, one word of letters, digits, '.', '-' or '_' (e.g. 'auto', "
            "'us-west-004', 'fsn1'), at most 64 characters",
        )
    return text


def _check_endpoint(path: str, value: object, *, allow_insecure_http: bool) -> tuple[str, str | None]:
    """The store's URL and its scheme; a Terraform token passes unchecked (scheme ``None``: unknown at synth)."""
    text = v.check_str(path, value)
    if v.is_token(text):
        return text, None
    shape = "must be a URL https://host[:port], without a path, query, fragment or spaces"
    if any(char.isspace() or not char.isprintable() for char in text):
        raise VeleroConfigError(path, value, shape)
    parts = urlsplit(text)
    if "@" in parts.netloc:  # the user part of a URL is a credential: never repeated
        raise VeleroConfigError(
            path, None, "must not carry credentials (user:password@): use the key pair", secret=True
        )
    host = parts.hostname or ""
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("https", "http") or parts.path or parts.query or parts.fragment or not port_ok:
        raise VeleroConfigError(path, value, shape)
    if not _is_host(host):
        raise VeleroConfigError(path, value, "must name a host: a DNS name or an IP address")
    if parts.scheme == "https":
        return text, "https"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        labels = host.split(".")
        in_cluster = (len(labels) == 1 and not host.isdigit()) or host.endswith(_IN_CLUSTER_SUFFIXES)
    else:
        in_cluster = False  # an address (IPv4 or IPv6) names no service of the cluster
    if not in_cluster and not allow_insecure_http:
        raise VeleroConfigError(
            path,
            value,
            "is plain http to a host outside the cluster: every backup, with every Secret of the cluster in it, "
            "would cross the network in clear. Use https (with ca_cert for a private CA) or an in-cluster service "
            "name ('minio', 'minio.storage.svc', '*.svc.cluster.local'), or set allow_insecure_http=True",
        )
    return text, "http"


def _is_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return 0 < len(host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in host.split("."))
    return True


def _check_ca_bundle(path: str, value: object) -> str:
    """PEM CA certificates, each parsed by OpenSSL; returns the certificates (only) base64-encoded, as the
    CRD's ``caCert`` (``format: byte``) takes them. Never repeats the text: a pasted key must not reach a log."""

    def refuse(rule: str) -> VeleroConfigError:
        return VeleroConfigError(path, None, rule, secret=True)

    if not isinstance(value, str) or v.is_token(value):
        raise refuse("must be the PEM text of the CA certificates (a literal: it is checked and encoded at synth)")
    blocks = list(_PEM_BLOCK.finditer(value))
    if not blocks or value.count("-----BEGIN ") != len(blocks):
        raise refuse("must hold PEM certificates, each between -----BEGIN CERTIFICATE----- and its END line")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    for number, block in enumerate(blocks, start=1):
        if block.group(1) != "CERTIFICATE":
            raise refuse(f"block {number} is a {block.group(1)}, not a CERTIFICATE: only CA certificates belong here")
        try:
            context.load_verify_locations(cadata=base64.b64decode("".join(block.group(2).split()), validate=True))
        except (binascii.Error, ssl.SSLError):
            raise refuse(f"certificate {number} is not a valid X.509 certificate (OpenSSL cannot read it)") from None
    bundle = "\n".join(block.group(0) for block in blocks) + "\n"
    return base64.b64encode(bundle.encode("ascii")).decode("ascii")
