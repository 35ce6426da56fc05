"""VeleroBackups: Velero on a Kubernetes cluster, backing up to AWS S3 and DigitalOcean Spaces."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import jsii
from cdktf import IResolveContext, IStringProducer, Lazy, TerraformOutput, TerraformProvider, TerraformStack
from cdktf_cdktf_provider_helm.release import Release
from cdktf_cdktf_provider_kubernetes.namespace import Namespace
from cdktf_cdktf_provider_kubernetes.secret import Secret
from constructs import Construct

from . import validation as v
from .aws_storage import S3BackupBucket, VeleroIamUser, check_iam_user_name, check_s3_bucket_options
from .config import AwsLocation, DigitalOceanLocation
from .credentials import MANAGED_BY_LABELS, aws_ini, credentials_secret
from .digitalocean import DigitalOceanBackups
from .errors import VeleroConfigError
from .helm_values import chart_values, plugin_init_container, to_yaml
from .model import LocationSpec, check_cross, decide_default, resolve_aws, resolve_digitalocean
from .spaces_storage import SpacesBucket, check_spaces_bucket_options
from .versions import (
    AWS_PLUGIN_IMAGE,
    CHART_NAME,
    CHART_REPOSITORY,
    CHART_VERSION,
    DIGITALOCEAN_PLUGIN_IMAGE,
    DIGITALOCEAN_SNAPSHOT_PROVIDER,
    VELERO_IMAGE,
)

__all__ = ["VeleroBackups"]


class VeleroBackups(Construct):
    """Velero installed by its helm chart, backing up to S3 (primary) and optionally to Spaces.

    Resources and their construct ids (stable: each becomes part of a Terraform address):

    - ``namespace``: ``kubernetes_namespace`` (when ``create_namespace``)
    - ``aws-credentials``: ``kubernetes_secret`` with the AWS key pair as the ``cloud`` file
    - ``digitalocean-token``: ``kubernetes_secret`` with ``DIGITALOCEAN_TOKEN`` (with DigitalOcean snapshots)
    - ``release``: ``helm_release`` of chart ``velero`` 12.1.0, with the AWS location and schedule
    - ``digitalocean``: the :class:`DigitalOceanBackups` sub-construct (with a DigitalOcean location)
    - ``s3-bucket``: :class:`S3BackupBucket` (with ``aws.create_bucket``), ``backups.s3_bucket``
    - ``iam-user``: :class:`VeleroIamUser` (with ``aws.create_iam_user``), ``backups.iam_user``
    - ``spaces``: :class:`SpacesBucket` (with ``digitalocean.create_bucket``), ``backups.spaces_bucket``,
      beside ``digitalocean`` (in ``custom_resources_stack`` when given)
    - outputs (with ``outputs=True``): ``<id>_aws_bsl_name``, ``<id>_default_bsl_name``, ``<id>_s3_bucket_name``,
      ``<id>_s3_bucket_arn``, ``<id>_iam_user_name``, ``<id>_digitalocean_bsl_name``, ``<id>_spaces_bucket_name``,
      ``<id>_spaces_bucket_urn`` (those that apply). No key or secret is ever output.

    Every property is validated here; a bad value raises :class:`VeleroConfigError`.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
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
        custom_resources_stack: TerraformStack | None = None,
        helm_provider: TerraformProvider | None = None,
        kubernetes_provider: TerraformProvider | None = None,
        aws_provider: TerraformProvider | None = None,
        digitalocean_provider: TerraformProvider | None = None,
        outputs: bool = False,
    ) -> None:
        """Validate the whole configuration, then emit the resources.

        :param aws: the primary location (S3), configured in the chart's values.
        :param digitalocean: the secondary location (Spaces + volume snapshots). Default: none.
        :param namespace: namespace of Velero and its objects. Default ``velero``.
        :param create_namespace: create the namespace with Terraform. Default ``True``; with ``False``
            it must exist before apply.
        :param namespace_labels: labels for the created namespace (e.g. pod security). Default: none.
        :param release_name: helm release name; the chart prefixes its schedules with it. Default ``velero``.
        :param chart_version: Velero chart version. Default ``12.1.0``; values are built for 12.x.
        :param chart_repository: chart repository URL. Default the vmware-tanzu repository.
        :param velero_image: server image. Default ``velero/velero:v1.18.1``.
        :param aws_plugin_image: AWS plugin image. Default ``velero/velero-plugin-for-aws:v1.14.3``.
        :param digitalocean_plugin_image: DigitalOcean plugin image. Default ``digitalocean/velero-plugin:v1.1.0``.
        :param node_agent: deploy the node agent (file-system backup). Default ``None``: when a schedule
            has ``file_system_backup=True``.
        :param metrics: expose Prometheus metrics (the chart's default). Default ``True``.
        :param atomic: roll the release back when an install or upgrade fails. Default ``True``.
        :param cleanup_on_fail: delete new resources of a failed upgrade. Default ``True``.
        :param timeout: seconds helm waits for the release (CRD job, image pulls). Default ``600``.
        :param max_history: helm revisions kept. Default ``10``.
        :param aws_credentials_secret_name: secret holding the AWS ``cloud`` file. Default ``velero-aws-credentials``.
        :param digitalocean_token_secret_name: secret holding ``DIGITALOCEAN_TOKEN``.
            Default ``velero-digitalocean-token``.
        :param extra_values: further chart values, deep-merged over the library's (resources, tolerations, ...).
            ``credentials`` and the keys chart 12.x refuses are rejected. Default: none.
        :param allow_plaintext_secrets: accept literal strings as credentials. Default ``False``: only
            Terraform tokens. Even when allowed, no credential enters the chart's values.
        :param helm_provider: helm provider for the release (for aliased providers). Default: the stack's.
        :param custom_resources_stack: put the DigitalOcean sub-construct (Spaces secret and custom resources)
            in this stack instead, which is made to depend on this construct's stack. ``kubernetes_manifest``
            needs the Velero CRDs at plan time, so on a cluster without Velero only this layout lets
            ``cdktf deploy '*'`` go from nothing to working backups: the chart's stack applies first. The
            other stack must configure its own kubernetes provider. Default: the same stack (needs the
            CRDs to exist, e.g. on a second apply).
        :param kubernetes_provider: kubernetes provider for secrets and manifests. Default: the stack's.
        :param aws_provider: AWS provider for a created bucket and IAM user. Default: the stack's.
        :param digitalocean_provider: DigitalOcean provider for a created Spaces bucket and key (in the stack
            that holds them). Default: that stack's.
        :param outputs: declare ``TerraformOutput``s for bucket names and ARNs, BSL names and the IAM user name.
            Default ``False`` (no outputs, as before).
        """
        super().__init__(scope, construct_id)
        allow_plaintext = v.check_bool("allow_plaintext_secrets", allow_plaintext_secrets)
        self.namespace_name = v.check_dns_label("namespace", namespace)
        """The Velero namespace."""
        self.release_name = v.check_dns_label("release_name", release_name, max_length=53)
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
        server_image = v.check_image("velero_image", velero_image)
        aws_plugin = v.check_image("aws_plugin_image", aws_plugin_image)
        secret_name = v.check_dns_subdomain("aws_credentials_secret_name", aws_credentials_secret_name)
        token_secret_name = v.check_dns_subdomain("digitalocean_token_secret_name", digitalocean_token_secret_name)

        # Storage the library creates (aws_storage.py, spaces_storage.py): checked here, created below. A
        # created key feeds Velero through a lazy token, resolved to the key's attributes once it exists.
        aws, aws_keys = _aws_storage(aws)
        digitalocean, spaces_keys = _spaces_storage(digitalocean)
        want_outputs = v.check_bool("outputs", outputs)
        aws_default, do_default = decide_default(aws, digitalocean)
        aws_spec = resolve_aws(aws, allow_plaintext_secrets=allow_plaintext, default=aws_default, credential=None)
        locations: list[LocationSpec] = [aws_spec]
        do_spec: LocationSpec | None = None
        if digitalocean is not None:
            do_spec = resolve_digitalocean(digitalocean, allow_plaintext_secrets=allow_plaintext, default=do_default)
            locations.append(do_spec)
            if do_spec.bsl_spec["credential"]["name"] in (secret_name, token_secret_name):
                raise VeleroConfigError(
                    "digitalocean.credentials_secret_name",
                    do_spec.bsl_spec["credential"]["name"],
                    "must differ from the AWS credentials and token secret names",
                )
        if secret_name == token_secret_name:
            raise VeleroConfigError(
                "digitalocean_token_secret_name", token_secret_name, "must differ from aws_credentials_secret_name"
            )
        deploy_node_agent = check_cross(locations, node_agent=node_agent, release_name=self.release_name)
        own_stack = TerraformStack.of(self)
        if custom_resources_stack is not None and (
            not isinstance(custom_resources_stack, TerraformStack) or custom_resources_stack is own_stack
        ):
            raise VeleroConfigError(
                "custom_resources_stack", str(custom_resources_stack), "must be another TerraformStack of the app"
            )
        if custom_resources_stack is not None and do_spec is None:
            raise VeleroConfigError(
                "custom_resources_stack",
                custom_resources_stack.node.id,
                "only holds DigitalOcean resources: set digitalocean",
            )
        snapshots = do_spec is not None and do_spec.vsl_spec is not None

        init_containers = [plugin_init_container("velero-plugin-for-aws", aws_plugin)]
        if snapshots:
            do_plugin = v.check_image("digitalocean_plugin_image", digitalocean_plugin_image)
            init_containers.append(plugin_init_container("velero-plugin-digitalocean", do_plugin))

        self.values: dict[str, Any] = chart_values(
            velero_image=server_image,
            init_containers=init_containers,
            chart_locations=[aws_spec],
            default_location=next(loc.name for loc in locations if loc.default),
            snapshot_locations=[f"{DIGITALOCEAN_SNAPSHOT_PROVIDER}:{do_spec.name}"] if snapshots and do_spec else [],
            chart_schedules=[aws_spec.schedule] if aws_spec.schedule else [],
            credentials_secret=secret_name,
            extra_secret_ref=token_secret_name if snapshots else None,
            node_agent=deploy_node_agent,
            metrics=v.check_bool("metrics", metrics),
            extra_values=extra_values,
        )
        """The chart values the release receives (no credentials in them), as data."""

        # Resources. Everything above validated; from here on nothing raises for user input.
        k8s_provider = kubernetes_provider
        self.namespace: Namespace | None = None
        """``kubernetes_namespace`` (``None`` when ``create_namespace=False``)."""
        before_release: list[Construct] = []
        if create_namespace:
            self.namespace = Namespace(
                self,
                "namespace",
                metadata={"name": self.namespace_name, "labels": {**MANAGED_BY_LABELS, **labels}},
                provider=k8s_provider,
            )
            before_release.append(self.namespace)
        in_namespace = list(before_release)
        self.s3_bucket: S3BackupBucket | None = None
        """The created S3 bucket (``None`` unless ``aws.create_bucket``)."""
        self.iam_user: VeleroIamUser | None = None
        """The created IAM user and its access key (``None`` unless ``aws.create_iam_user``)."""
        if aws.create_bucket:
            self.s3_bucket = S3BackupBucket(
                self,
                "s3-bucket",
                bucket_name=aws.bucket,
                options=aws.bucket_options,
                provider=aws_provider,
                property_path="aws.",
            )
            before_release.append(self.s3_bucket.bucket)
        if aws.create_iam_user:
            self.iam_user = VeleroIamUser(
                self,
                "iam-user",
                bucket=aws.bucket,
                bucket_arn=self.s3_bucket.bucket_arn if self.s3_bucket is not None else None,
                prefix=aws.prefix,
                user_name=aws.iam_user_name,
                kms_key_arn=aws.bucket_options.kms_key_arn if aws.bucket_options is not None else None,
                provider=aws_provider,
                property_path="aws.",
            )
            aws_keys[0].value, aws_keys[1].value = self.iam_user.access_key_id, self.iam_user.secret_access_key
            before_release.append(self.iam_user.policy)
        self.aws_credentials: Secret = credentials_secret(
            self,
            "aws-credentials",
            name=secret_name,
            namespace=self.namespace_name,
            data={"cloud": aws_ini(str(aws.access_key_id), str(aws.secret_access_key))},
            depends_on=in_namespace,
            provider=k8s_provider,
        )
        """``kubernetes_secret``: the AWS key pair as the chart's ``cloud`` file (``credentials.existingSecret``)."""
        before_release.append(self.aws_credentials)
        self.digitalocean_token: Secret | None = None
        """``kubernetes_secret``: ``DIGITALOCEAN_TOKEN`` for the snapshot plugin (``credentials.extraSecretRef``)."""
        if snapshots and digitalocean is not None:
            self.digitalocean_token = credentials_secret(
                self,
                "digitalocean-token",
                name=token_secret_name,
                namespace=self.namespace_name,
                data={"DIGITALOCEAN_TOKEN": str(digitalocean.api_token)},
                depends_on=in_namespace,
                provider=k8s_provider,
            )
            before_release.append(self.digitalocean_token)

        self.release: Release = Release(
            self,
            "release",
            name=self.release_name,
            namespace=self.namespace_name,
            repository=repository,
            chart=CHART_NAME,
            version=version,
            values=[to_yaml(self.values)],
            wait=True,
            atomic=v.check_bool("atomic", atomic),
            cleanup_on_fail=v.check_bool("cleanup_on_fail", cleanup_on_fail),
            timeout=v.check_positive_int("timeout", timeout),
            max_history=v.check_positive_int("max_history", max_history),
            depends_on=before_release,  # type: ignore[arg-type]
            provider=helm_provider,
        )
        """``helm_release``: the Velero chart with the AWS location and schedule."""

        self.digitalocean: DigitalOceanBackups | None = None
        """The DigitalOcean sub-construct (``None`` without a DigitalOcean location)."""
        self.spaces_bucket: SpacesBucket | None = None
        """The created Spaces bucket and key (``None`` unless ``digitalocean.create_bucket``)."""
        if do_spec is not None and digitalocean is not None:
            do_scope: Construct = self
            release_dependency: Release | None = self.release
            secret_dependency = in_namespace
            if custom_resources_stack is not None:
                custom_resources_stack.add_dependency(own_stack)
                # Same construct path under the other stack, so the Terraform addresses stay the same.
                do_scope = Construct(custom_resources_stack, construct_id)
                release_dependency, secret_dependency = None, []
            if digitalocean.create_bucket:
                self.spaces_bucket = SpacesBucket(
                    do_scope,
                    "spaces",
                    bucket_name=digitalocean.bucket,
                    region=digitalocean.region,
                    options=digitalocean.bucket_options,
                    create_key=digitalocean.create_spaces_key,
                    provider=digitalocean_provider,
                    property_path="digitalocean.",
                )
                if spaces_keys:
                    spaces_keys[0].value = self.spaces_bucket.access_key_id
                    spaces_keys[1].value = self.spaces_bucket.secret_access_key
            self.digitalocean = DigitalOceanBackups(
                do_scope,
                "digitalocean",
                location=do_spec,
                # Both set (given, or the created key's): checked by _spaces_storage.
                spaces_access_key_id=str(digitalocean.spaces_access_key_id),
                spaces_secret_access_key=str(digitalocean.spaces_secret_access_key),
                namespace=self.namespace_name,
                release=release_dependency,
                secret_depends_on=secret_dependency,
                provider=k8s_provider,
            )

        self.aws_location_name = aws_spec.name
        """Name of the AWS BackupStorageLocation."""
        self.default_location_name = next(loc.name for loc in locations if loc.default)
        """Name of the default BackupStorageLocation."""
        self.aws_schedule_name: str | None = (
            f"{self.release_name}-{aws_spec.schedule.name}" if aws_spec.schedule else None
        )
        """Name of the Schedule object the chart creates for AWS (``<release>-<schedule name>``)."""
        if want_outputs:
            self._outputs(construct_id, aws.bucket, digitalocean)

    def _outputs(self, prefix: str, aws_bucket: str, digitalocean: DigitalOceanLocation | None) -> None:
        """Outputs with stable names ``<construct id>_<what>``; never a key or a secret."""

        def output(scope: Construct, name: str, value: str, description: str) -> None:
            out = TerraformOutput(scope, f"output-{name}", value=value, description=description)
            out.override_logical_id(f"{prefix}_{name}")

        output(self, "aws_bsl_name", self.aws_location_name, "Velero BackupStorageLocation of the S3 bucket")
        output(self, "default_bsl_name", self.default_location_name, "Velero's default BackupStorageLocation")
        bucket_name = self.s3_bucket.bucket.bucket if self.s3_bucket is not None else aws_bucket
        output(self, "s3_bucket_name", bucket_name, "S3 bucket of the Velero backups")
        if self.s3_bucket is not None:
            output(self, "s3_bucket_arn", self.s3_bucket.bucket_arn, "ARN of the S3 bucket")
        if self.iam_user is not None:
            output(self, "iam_user_name", self.iam_user.user.name, "IAM user whose access key Velero uses")
        if self.digitalocean is not None and digitalocean is not None:
            scope = self.digitalocean.node.scope
            assert isinstance(scope, Construct)
            output(scope, "digitalocean_bsl_name", digitalocean.name, "Velero BackupStorageLocation of Spaces")
            if self.spaces_bucket is not None:
                output(scope, "spaces_bucket_name", self.spaces_bucket.bucket.name, "Spaces bucket of the backups")
                output(scope, "spaces_bucket_urn", self.spaces_bucket.urn, "URN of the Spaces bucket")
            else:
                output(scope, "spaces_bucket_name", digitalocean.bucket, "Spaces bucket of the backups")


def is_chart_12(version: str) -> bool:
    """True for 12.x.y versions (and tokens, which cannot be checked)."""
    if v.is_token(version):
        return True
    parts = version.split(".")
    return len(parts) == 3 and parts[0] == "12" and all(part.isdigit() for part in parts[1:])


@jsii.implements(IStringProducer)
class _Later:
    """A string token whose value is set after the resource it names exists (a created access key)."""

    def __init__(self) -> None:
        self.value: str | None = None

    def produce(self, context: IResolveContext) -> str | None:
        return self.value

    def token(self) -> str:
        return Lazy.string_value(self)


def _aws_storage(aws: AwsLocation) -> tuple[AwsLocation, list[_Later]]:
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
    keys = [_Later(), _Later()]
    return replace(aws, access_key_id=keys[0].token(), secret_access_key=keys[1].token()), keys


def _spaces_storage(do: DigitalOceanLocation | None) -> tuple[DigitalOceanLocation | None, list[_Later]]:
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
    keys = [_Later(), _Later()]
    return replace(do, spaces_access_key_id=keys[0].token(), spaces_secret_access_key=keys[1].token()), keys
