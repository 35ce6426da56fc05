"""VeleroBackups: Velero on a Kubernetes cluster, backing up to AWS S3 and DigitalOcean Spaces."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cdktf import TerraformProvider, TerraformStack
from cdktf_cdktf_provider_helm.release import Release
from cdktf_cdktf_provider_kubernetes.namespace import Namespace
from cdktf_cdktf_provider_kubernetes.secret import Secret
from constructs import Construct

from . import validation as v
from .config import AwsLocation, DigitalOceanLocation
from .credentials import MANAGED_BY_LABELS, aws_ini, credentials_secret
from .digitalocean import DigitalOceanBackups
from .errors import VeleroConfigError
from .helm_values import chart_values, plugin_init_container, to_yaml
from .model import LocationSpec, check_cross, decide_default, resolve_aws, resolve_digitalocean
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
        if do_spec is not None and digitalocean is not None:
            do_scope: Construct = self
            release_dependency: Release | None = self.release
            secret_dependency = in_namespace
            if custom_resources_stack is not None:
                custom_resources_stack.add_dependency(own_stack)
                # Same construct path under the other stack, so the Terraform addresses stay the same.
                do_scope = Construct(custom_resources_stack, construct_id)
                release_dependency, secret_dependency = None, []
            self.digitalocean = DigitalOceanBackups(
                do_scope,
                "digitalocean",
                location=do_spec,
                spaces_access_key_id=digitalocean.spaces_access_key_id,
                spaces_secret_access_key=digitalocean.spaces_secret_access_key,
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


def is_chart_12(version: str) -> bool:
    """True for 12.x.y versions (and tokens, which cannot be checked)."""
    if v.is_token(version):
        return True
    parts = version.split(".")
    return len(parts) == 3 and parts[0] == "12" and all(part.isdigit() for part in parts[1:])
