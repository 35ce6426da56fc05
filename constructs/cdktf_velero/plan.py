"""The whole configuration of a ``VeleroBackups``, validated into a plan before any resource exists.

``plan_backups`` takes the construct's properties (all but the scope, the providers and the
other stack) and returns a :class:`BackupsPlan`: the chart values, the typed custom resources
and every name the construct needs. ``VeleroBackups`` emits resources from it; the property
tests call it directly, so they exercise the same code the construct runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import jsii
from cdktf import IResolveContext, IStringProducer, Lazy

from . import validation as v
from .aws_storage import check_iam_user_name, check_s3_bucket_options
from .config import AwsLocation, DigitalOceanLocation
from .credentials import MANAGED_BY_LABELS
from .errors import VeleroConfigError
from .helm_values import chart_fullname, chart_values, plugin_init_container
from .imports.velero import BackupStorageLocation, ObjectMeta, Schedule, VolumeSnapshotLocation
from .model import LocationSpec, check_cross, decide_default, resolve_aws, resolve_digitalocean
from .spaces_storage import check_spaces_bucket_options
from .versions import (
    AWS_PLUGIN_IMAGE,
    CHART_REPOSITORY,
    CHART_VERSION,
    DIGITALOCEAN_PLUGIN_IMAGE,
    DIGITALOCEAN_SNAPSHOT_PROVIDER,
    VELERO_IMAGE,
)

__all__ = ["BackupsPlan", "DigitalOceanResources", "LaterString", "plan_backups"]


@jsii.implements(IStringProducer)
class LaterString:
    """A string token whose value is set once the resource it names exists (a created access key).

    Lets the whole configuration be validated before any resource is created.
    """

    def __init__(self) -> None:
        self.value: str | None = None

    def produce(self, context: IResolveContext) -> str | None:
        return self.value

    def token(self) -> str:
        return Lazy.string_value(self)


@dataclass(frozen=True)
class DigitalOceanResources:
    """The typed custom resources of the DigitalOcean location, and its credentials secret's name and key."""

    location: LocationSpec
    credentials_secret_name: str
    credentials_key: str
    backup_storage_location: BackupStorageLocation
    volume_snapshot_location: VolumeSnapshotLocation | None
    schedule: Schedule | None


@dataclass(frozen=True)
class BackupsPlan:
    """Everything ``VeleroBackups`` emits, decided and validated."""

    namespace: str
    create_namespace: bool
    namespace_labels: dict[str, str]
    release_name: str
    chart_fullname: str
    chart_version: str
    chart_repository: str
    atomic: bool
    cleanup_on_fail: bool
    timeout: int
    max_history: int
    aws: AwsLocation
    """The AWS location, with the created IAM user's key (lazy tokens) when it creates one."""
    digitalocean: DigitalOceanLocation | None
    """The DigitalOcean location, with the created Spaces key (lazy tokens) when it creates one."""
    aws_location: LocationSpec
    digitalocean_resources: DigitalOceanResources | None
    aws_credentials_secret_name: str
    digitalocean_token_secret_name: str | None
    """Set when the DigitalOcean snapshot plugin needs the token (volume snapshots on)."""
    values: dict[str, Any]
    outputs: bool
    aws_keys: list[LaterString] = field(default_factory=list)
    spaces_keys: list[LaterString] = field(default_factory=list)

    @property
    def locations(self) -> list[LocationSpec]:
        do = self.digitalocean_resources
        return [self.aws_location] if do is None else [self.aws_location, do.location]

    @property
    def default_location_name(self) -> str:
        return next(loc.name for loc in self.locations if loc.default)

    @property
    def aws_schedule_name(self) -> str | None:
        """The Schedule object the chart creates for AWS: ``<chart fullname>-<schedule name>``."""
        schedule = self.aws_location.schedule
        return f"{self.chart_fullname}-{schedule.name}" if schedule is not None else None


def plan_backups(
    *,
    aws: AwsLocation,
    digitalocean: DigitalOceanLocation | None = None,
    namespace: str = "velero",
    create_namespace: bool = True,
    namespace_labels: Mapping[str, str] | None = None,
    release_name: str = "velero",
    chart_version: str = CHART_VERSION,
    chart_repository: str = CHART_REPOSITORY,
    velero_image: str = VELERO_IMAGE,
    aws_plugin_image: str = AWS_PLUGIN_IMAGE,
    digitalocean_plugin_image: str = DIGITALOCEAN_PLUGIN_IMAGE,
    node_agent: bool | None = None,
    metrics: bool = True,
    atomic: bool = True,
    cleanup_on_fail: bool = True,
    timeout: int = 600,
    max_history: int = 10,
    aws_credentials_secret_name: str = "velero-aws-credentials",
    digitalocean_token_secret_name: str = "velero-digitalocean-token",
    extra_values: Mapping[str, Any] | None = None,
    allow_plaintext_secrets: bool = False,
    outputs: bool = False,
) -> BackupsPlan:
    """Validate every property (raising :class:`VeleroConfigError`) and decide what to emit."""
    allow_plaintext = v.check_bool("allow_plaintext_secrets", allow_plaintext_secrets)
    # The chart writes both unquoted into every object's metadata.
    namespace_name = v.check_yaml_plain("namespace", v.check_dns_label("namespace", namespace))
    release = v.check_yaml_plain("release_name", v.check_dns_label("release_name", release_name, max_length=53))
    fullname = release if v.is_token(release) else chart_fullname(release)
    v.check_bool("create_namespace", create_namespace)
    labels = v.check_labels("namespace_labels", namespace_labels) if namespace_labels is not None else {}
    if labels and not create_namespace:
        raise VeleroConfigError("namespace_labels", labels, "only apply when create_namespace=True")
    version = v.check_str("chart_version", chart_version)
    if not is_chart_12(version):
        raise VeleroConfigError(
            "chart_version", version, "must be a 12.x version: the values are built for Velero chart 12"
        )
    repository = v.check_str("chart_repository", chart_repository)
    server_image = _literal_image("velero_image", velero_image)
    aws_plugin = _literal_image("aws_plugin_image", aws_plugin_image)
    # Both reach the chart's pod specs unquoted (secretName, envFrom).
    secret_name = v.check_yaml_plain(
        "aws_credentials_secret_name", v.check_dns_subdomain("aws_credentials_secret_name", aws_credentials_secret_name)
    )
    token_secret_name = v.check_yaml_plain(
        "digitalocean_token_secret_name",
        v.check_dns_subdomain("digitalocean_token_secret_name", digitalocean_token_secret_name),
    )
    if secret_name == token_secret_name:
        raise VeleroConfigError(
            "digitalocean_token_secret_name", token_secret_name, "must differ from aws_credentials_secret_name"
        )

    aws, aws_keys = _aws_storage(aws)
    digitalocean, spaces_keys = _spaces_storage(digitalocean)
    aws_default, do_default = decide_default(aws, digitalocean)
    aws_spec = resolve_aws(aws, allow_plaintext_secrets=allow_plaintext, default=aws_default)
    locations: list[LocationSpec] = [aws_spec]
    do_spec: LocationSpec | None = None
    if digitalocean is not None:
        do_spec = resolve_digitalocean(digitalocean, allow_plaintext_secrets=allow_plaintext, default=do_default)
        locations.append(do_spec)
        do_secret = do_spec.bsl_spec.credential.name if do_spec.bsl_spec.credential else None
        if do_secret in (secret_name, token_secret_name):
            raise VeleroConfigError(
                "digitalocean.credentials_secret_name",
                do_secret,
                "must differ from the AWS credentials and token secret names",
            )
    deploy_node_agent = check_cross(locations, node_agent=node_agent, chart_fullname=fullname)
    snapshots = do_spec is not None and do_spec.vsl_spec is not None

    init_containers = [plugin_init_container("velero-plugin-for-aws", aws_plugin)]
    if snapshots:
        do_plugin = _literal_image("digitalocean_plugin_image", digitalocean_plugin_image)
        init_containers.append(plugin_init_container("velero-plugin-digitalocean", do_plugin))
    default_location = next(loc.name for loc in locations if loc.default)
    values = chart_values(
        velero_image=server_image,
        init_containers=init_containers,
        chart_locations=[aws_spec],
        default_location=default_location,
        snapshot_locations=[f"{DIGITALOCEAN_SNAPSHOT_PROVIDER}:{do_spec.name}"] if snapshots and do_spec else [],
        chart_schedules=[aws_spec.schedule] if aws_spec.schedule else [],
        credentials_secret=secret_name,
        extra_secret_ref=token_secret_name if snapshots else None,
        node_agent=deploy_node_agent,
        metrics=v.check_bool("metrics", metrics),
        extra_values=extra_values,
    )
    return BackupsPlan(
        namespace=namespace_name,
        create_namespace=create_namespace,
        namespace_labels=labels,
        release_name=release,
        chart_fullname=fullname,
        chart_version=version,
        chart_repository=repository,
        atomic=v.check_bool("atomic", atomic),
        cleanup_on_fail=v.check_bool("cleanup_on_fail", cleanup_on_fail),
        timeout=v.check_positive_int("timeout", timeout),
        max_history=v.check_positive_int("max_history", max_history),
        aws=aws,
        digitalocean=digitalocean,
        aws_location=aws_spec,
        digitalocean_resources=_digitalocean_resources(do_spec, namespace_name) if do_spec else None,
        aws_credentials_secret_name=secret_name,
        digitalocean_token_secret_name=token_secret_name if snapshots else None,
        values=values,
        outputs=v.check_bool("outputs", outputs),
        aws_keys=aws_keys,
        spaces_keys=spaces_keys,
    )


def _digitalocean_resources(location: LocationSpec, namespace: str) -> DigitalOceanResources:
    """The BackupStorageLocation, VolumeSnapshotLocation and Schedule of the DigitalOcean location."""

    def meta(name: str, extra_labels: Mapping[str, str] | None = None) -> ObjectMeta:
        return ObjectMeta(name=name, namespace=namespace, labels={**MANAGED_BY_LABELS, **(extra_labels or {})})

    credential = location.bsl_spec.credential
    # resolve_digitalocean always sets the credential.
    assert credential is not None
    assert credential.name is not None
    vsl = None
    if location.vsl_spec is not None:
        vsl = VolumeSnapshotLocation(metadata=meta(location.name), spec=location.vsl_spec)
    schedule = None
    if location.schedule is not None:
        schedule = Schedule(
            metadata=meta(location.schedule.name, location.schedule.labels), spec=location.schedule.spec
        )
    return DigitalOceanResources(
        location=location,
        credentials_secret_name=credential.name,
        credentials_key=credential.key,
        backup_storage_location=BackupStorageLocation(metadata=meta(location.name), spec=location.bsl_spec),
        volume_snapshot_location=vsl,
        schedule=schedule,
    )


def is_chart_12(version: str) -> bool:
    """True for 12.x.y versions (and tokens, which cannot be checked)."""
    if v.is_token(version):
        return True
    parts = version.split(".")
    return len(parts) == 3 and parts[0] == "12" and all(part.isascii() and part.isdigit() for part in parts[1:])


def _literal_image(path: str, value: object) -> str:
    """An image reference, literal: the chart takes the server image as repository and tag."""
    image = v.check_image(path, value)
    if v.is_token(image):
        raise VeleroConfigError(path, image, "must be a literal image reference: it is split into repository and tag")
    return image


def _aws_storage(aws: AwsLocation) -> tuple[AwsLocation, list[LaterString]]:
    """Check the AWS storage props; with ``create_iam_user``, the location with the user's (lazy) key."""
    if not isinstance(aws, AwsLocation):
        return aws, []  # resolve_aws reports it
    create_bucket = v.check_bool("aws.create_bucket", aws.create_bucket)
    if aws.bucket_options is not None:
        if not create_bucket:
            raise VeleroConfigError("aws.bucket_options", aws.bucket_options, "only applies with create_bucket=True")
        options = check_s3_bucket_options("aws.bucket_options", aws.bucket_options)
        if options.kms_key_arn is not None:
            # Velero must ask for the same key on every put.
            given = aws.config.get("kmsKeyId") if isinstance(aws.config, Mapping) else None
            if given is not None and given != options.kms_key_arn:
                raise VeleroConfigError(
                    "aws.config.kmsKeyId", given, "must equal bucket_options.kms_key_arn or be left out"
                )
            aws = replace(aws, config={**aws.config, "kmsKeyId": options.kms_key_arn})
    if not v.check_bool("aws.create_iam_user", aws.create_iam_user):
        return aws, []
    check_iam_user_name("aws.iam_user_name", aws.iam_user_name)
    for prop in ("access_key_id", "secret_access_key"):
        if getattr(aws, prop) is not None:
            raise VeleroConfigError(
                f"aws.{prop}",
                None,
                "must be left out with create_iam_user=True: the user's key feeds Velero",
                secret=True,
            )
    keys = [LaterString(), LaterString()]
    return replace(aws, access_key_id=keys[0].token(), secret_access_key=keys[1].token()), keys


def _spaces_storage(do: DigitalOceanLocation | None) -> tuple[DigitalOceanLocation | None, list[LaterString]]:
    """Check the Spaces storage props; with ``create_spaces_key``, the location with the key's (lazy) pair."""
    if not isinstance(do, DigitalOceanLocation):
        return do, []  # resolve_digitalocean reports it
    create_bucket = v.check_bool("digitalocean.create_bucket", do.create_bucket)
    create_key = v.check_bool("digitalocean.create_spaces_key", do.create_spaces_key)
    if do.bucket_options is not None:
        if not create_bucket:
            raise VeleroConfigError(
                "digitalocean.bucket_options", do.bucket_options, "only applies with create_bucket=True"
            )
        check_spaces_bucket_options("digitalocean.bucket_options", do.bucket_options)
    props = ("spaces_access_key_id", "spaces_secret_access_key")
    if not create_key:
        for prop in props:
            if getattr(do, prop) is None:
                raise VeleroConfigError(
                    f"digitalocean.{prop}", None, "is required unless create_spaces_key=True", secret=True
                )
        return do, []
    if not create_bucket:
        raise VeleroConfigError(
            "digitalocean.create_spaces_key", True, "needs create_bucket=True: the key is granted on the created bucket"
        )
    for prop in props:
        if getattr(do, prop) is not None:
            raise VeleroConfigError(
                f"digitalocean.{prop}", None, "must be left out with create_spaces_key=True", secret=True
            )
    keys = [LaterString(), LaterString()]
    return replace(do, spaces_access_key_id=keys[0].token(), spaces_secret_access_key=keys[1].token()), keys
