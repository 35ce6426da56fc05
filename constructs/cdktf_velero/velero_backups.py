"""VeleroBackups: Velero on a Kubernetes cluster, backing up to AWS S3 and DigitalOcean Spaces."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cdktf import ITerraformDependable, TerraformOutput, TerraformProvider, TerraformStack
from cdktf_cdktf_provider_helm.release import Release
from cdktf_cdktf_provider_kubernetes.manifest import Manifest
from cdktf_cdktf_provider_kubernetes.namespace import Namespace
from cdktf_cdktf_provider_kubernetes.secret import Secret
from constructs import Construct

from .aws_storage import S3BackupBucket, VeleroIamUser
from .config import AwsLocation, DigitalOceanLocation
from .credentials import MANAGED_BY_LABELS, aws_ini, credentials_secret
from .custom_resources import Registry, check_custom_resource
from .digitalocean import SCHEDULE_COMPUTED, DigitalOceanBackups
from .errors import VeleroConfigError
from .helm_values import to_yaml
from .imports.velero import BackupStorageLocation, Schedule, VolumeSnapshotLocation
from .manifests import VeleroObject, velero_manifest
from .monitoring import Monitoring, MonitoringPlan, ScheduleAlerts, plan_monitoring, watch_added
from .plan import BackupsPlan, plan_backups
from .spaces_storage import SpacesBucket
from .versions import (
    AWS_PLUGIN_IMAGE,
    CHART_NAME,
    CHART_REPOSITORY,
    CHART_VERSION,
    DIGITALOCEAN_PLUGIN_IMAGE,
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
    - resources added with :meth:`add_schedule`, :meth:`add_backup_storage_location`,
      :meth:`add_volume_snapshot_location` and :meth:`add_manifest`, under the id the caller gives.

    Every property is validated here (see :func:`~cdktf_velero.plan.plan_backups`), before any resource
    exists; a bad value raises :class:`VeleroConfigError`.
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
        monitoring: Monitoring | bool = False,
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
        :param monitoring: the chart's ServiceMonitor, node-agent PodMonitor and a PrometheusRule alerting on every
            schedule (:class:`~cdktf_velero.monitoring.Monitoring`; ``True`` for its defaults). Needs ``metrics``
            and, unless ``Monitoring(autodetect=True)``, the prometheus-operator CRDs. Default ``False``.
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
        plan = plan_backups(
            aws=aws,
            digitalocean=digitalocean,
            namespace=namespace,
            create_namespace=create_namespace,
            namespace_labels=namespace_labels,
            release_name=release_name,
            chart_version=chart_version,
            chart_repository=chart_repository,
            velero_image=velero_image,
            aws_plugin_image=aws_plugin_image,
            digitalocean_plugin_image=digitalocean_plugin_image,
            node_agent=node_agent,
            metrics=metrics,
            atomic=atomic,
            cleanup_on_fail=cleanup_on_fail,
            timeout=timeout,
            max_history=max_history,
            aws_credentials_secret_name=aws_credentials_secret_name,
            digitalocean_token_secret_name=digitalocean_token_secret_name,
            extra_values=extra_values,
            allow_plaintext_secrets=allow_plaintext_secrets,
            outputs=outputs,
        )
        # Monitoring: validated here, its chart values produced at synth so that added schedules are covered.
        self.monitoring: MonitoringPlan | None = plan_monitoring(monitoring, plan=plan, extra_values=extra_values)
        """The monitoring plan (``None`` when off): ``.rules()``, ``.values()`` as the release gets them."""
        own_stack = TerraformStack.of(self)
        if custom_resources_stack is not None and (
            not isinstance(custom_resources_stack, TerraformStack) or custom_resources_stack is own_stack
        ):
            raise VeleroConfigError(
                "custom_resources_stack", str(custom_resources_stack), "must be another TerraformStack of the app"
            )
        self.plan: BackupsPlan = plan
        """The validated plan the resources were emitted from."""
        self.namespace_name = plan.namespace
        """The Velero namespace."""
        self.release_name = plan.release_name
        """The helm release name."""
        self.values: dict[str, Any] = plan.values
        """The chart values the release receives (no credentials in them), as data."""
        self.aws_location_name = plan.aws_location.name
        """Name of the AWS BackupStorageLocation."""
        self.default_location_name = plan.default_location_name
        """Name of the default BackupStorageLocation."""
        self.aws_schedule_name = plan.aws_schedule_name
        """Name of the Schedule object the chart creates for AWS (``<chart fullname>-<schedule name>``, e.g.
        ``velero-daily-aws-backups``), or ``None``."""
        aws, digitalocean = plan.aws, plan.digitalocean

        # Resources. Everything is validated; from here on nothing raises for user input.
        k8s_provider = kubernetes_provider
        self.namespace: Namespace | None = None
        """``kubernetes_namespace`` (``None`` when ``create_namespace=False``)."""
        before_release: list[Construct] = []
        if plan.create_namespace:
            self.namespace = Namespace(
                self,
                "namespace",
                metadata={"name": plan.namespace, "labels": {**MANAGED_BY_LABELS, **plan.namespace_labels}},
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
            plan.aws_keys[0].value = self.iam_user.access_key_id
            plan.aws_keys[1].value = self.iam_user.secret_access_key
            before_release.append(self.iam_user.policy)
        self.aws_credentials: Secret = credentials_secret(
            self,
            "aws-credentials",
            name=plan.aws_credentials_secret_name,
            namespace=plan.namespace,
            data={"cloud": aws_ini(str(aws.access_key_id), str(aws.secret_access_key))},
            depends_on=in_namespace,
            provider=k8s_provider,
        )
        """``kubernetes_secret``: the AWS key pair as the chart's ``cloud`` file (``credentials.existingSecret``)."""
        before_release.append(self.aws_credentials)
        self.digitalocean_token: Secret | None = None
        """``kubernetes_secret``: ``DIGITALOCEAN_TOKEN`` for the snapshot plugin (``credentials.extraSecretRef``)."""
        if plan.digitalocean_token_secret_name is not None and digitalocean is not None:
            self.digitalocean_token = credentials_secret(
                self,
                "digitalocean-token",
                name=plan.digitalocean_token_secret_name,
                namespace=plan.namespace,
                data={"DIGITALOCEAN_TOKEN": str(digitalocean.api_token)},
                depends_on=in_namespace,
                provider=k8s_provider,
            )
            before_release.append(self.digitalocean_token)

        self.release: Release = Release(
            self,
            "release",
            name=plan.release_name,
            namespace=plan.namespace,
            repository=plan.chart_repository,
            chart=CHART_NAME,
            version=plan.chart_version,
            values=[to_yaml(plan.values), *([self.monitoring.values_token()] if self.monitoring else [])],
            wait=True,
            atomic=plan.atomic,
            cleanup_on_fail=plan.cleanup_on_fail,
            timeout=plan.timeout,
            max_history=plan.max_history,
            depends_on=before_release,  # type: ignore[arg-type]
            provider=helm_provider,
        )
        """``helm_release``: the Velero chart with the AWS location and schedule."""

        # Custom resources (the DigitalOcean ones, and those added later) go here: this construct, or the
        # same construct path in custom_resources_stack, so that their Terraform addresses stay the same.
        self._custom_scope: Construct = self
        self._custom_depends_on: list[ITerraformDependable] = [self.release]
        self._secret_depends_on: list[Construct] = in_namespace
        if custom_resources_stack is not None:
            custom_resources_stack.add_dependency(own_stack)
            self._custom_scope = Construct(custom_resources_stack, construct_id)
            self._custom_depends_on, self._secret_depends_on = [], []
        self._kubernetes_provider = k8s_provider
        self._registry = Registry.from_plan(plan)

        self.digitalocean: DigitalOceanBackups | None = None
        """The DigitalOcean sub-construct (``None`` without a DigitalOcean location)."""
        self.spaces_bucket: SpacesBucket | None = None
        """The created Spaces bucket and key (``None`` unless ``digitalocean.create_bucket``)."""
        if plan.digitalocean_resources is not None and digitalocean is not None:
            after_bucket: list[ITerraformDependable] = []
            if digitalocean.create_bucket:
                self.spaces_bucket = SpacesBucket(
                    self._custom_scope,
                    "spaces",
                    bucket_name=digitalocean.bucket,
                    region=digitalocean.region,
                    options=digitalocean.bucket_options,
                    create_key=digitalocean.create_spaces_key,
                    provider=digitalocean_provider,
                    property_path="digitalocean.",
                )
                after_bucket.append(self.spaces_bucket.bucket)
                if plan.spaces_keys:
                    plan.spaces_keys[0].value = self.spaces_bucket.access_key_id
                    plan.spaces_keys[1].value = self.spaces_bucket.secret_access_key
            self.digitalocean = DigitalOceanBackups(
                self._custom_scope,
                "digitalocean",
                resources=plan.digitalocean_resources,
                # Both set (given, or the created key's): checked by the plan.
                spaces_access_key_id=str(digitalocean.spaces_access_key_id),
                spaces_secret_access_key=str(digitalocean.spaces_secret_access_key),
                depends_on=[*self._custom_depends_on, *after_bucket],
                secret_depends_on=self._secret_depends_on,
                provider=k8s_provider,
            )

        if plan.outputs:
            self._outputs(construct_id, aws.bucket, digitalocean)

    def add_schedule(self, construct_id: str, schedule: Schedule, *, alerts: ScheduleAlerts | None = None) -> Manifest:
        """Add a Schedule (typed, from ``cdktf_velero.imports.velero``) as a ``kubernetes_manifest``.

        Checked like the built-in ones: cron, ttl, storage and snapshot locations that exist, a unique name,
        no ``skip_immediately``. Placed beside the DigitalOcean resources (``custom_resources_stack`` when given).
        With ``monitoring``, the alerts cover it; ``alerts`` changes its threshold or turns them off (required
        when the cron is a Terraform token).
        """
        if alerts is not None and self.monitoring is None:
            raise VeleroConfigError("add_schedule.alerts", alerts, "only applies with monitoring on")
        return self._add("add_schedule", construct_id, schedule, Schedule, alerts)

    def add_backup_storage_location(self, construct_id: str, location: BackupStorageLocation) -> Manifest:
        """Add a BackupStorageLocation (another bucket, another cloud) as a ``kubernetes_manifest``.

        It must not be marked default (the library already marks one) and its name must be unique; later
        ``add_schedule`` calls may name it. Its credential secret is the caller's to provide.
        """
        return self._add("add_backup_storage_location", construct_id, location, BackupStorageLocation)

    def add_volume_snapshot_location(self, construct_id: str, location: VolumeSnapshotLocation) -> Manifest:
        """Add a VolumeSnapshotLocation as a ``kubernetes_manifest``; its plugin must be installed
        (``extra_values`` ``initContainers``)."""
        return self._add("add_volume_snapshot_location", construct_id, location, VolumeSnapshotLocation)

    def add_manifest(self, construct_id: str, obj: VeleroObject) -> Manifest:
        """Add any velero.io/v1 object the library types (BackupStorageLocation, VolumeSnapshotLocation,
        Schedule, Backup, Restore), with the checks of its kind: e.g. a one-off Backup or a Restore."""
        return self._add("add_manifest", construct_id, obj, None)

    def _add(
        self, method: str, construct_id: str, obj: object, expected: type[Any] | None, alerts: object = None
    ) -> Manifest:
        path = f"{method}({construct_id!r})"
        if not isinstance(construct_id, str) or not construct_id or "/" in construct_id:
            raise VeleroConfigError(f"{method}.construct_id", construct_id, "must be a non-empty id without '/'")
        if self._custom_scope.node.try_find_child(construct_id) is not None:
            raise VeleroConfigError(
                f"{method}.construct_id", construct_id, "is already used by another resource of this construct"
            )
        if expected is not None and not isinstance(obj, expected):
            raise VeleroConfigError(path, type(obj).__name__, f"must be a {expected.__name__}")
        checked = check_custom_resource(path, obj, namespace=self.namespace_name, registry=self._registry)
        if self.monitoring is not None and isinstance(checked, Schedule):
            watch_added(self.monitoring, path, checked, alerts)
        after: list[ITerraformDependable] = list(self._custom_depends_on)
        if self.digitalocean is not None:
            # A user's Schedule or Backup may name the DigitalOcean locations: apply after them.
            after.append(self.digitalocean.backup_storage_location)
            if self.digitalocean.volume_snapshot_location is not None:
                after.append(self.digitalocean.volume_snapshot_location)
        return Manifest(
            self._custom_scope,
            construct_id,
            manifest=velero_manifest(checked),
            depends_on=after or None,
            provider=self._kubernetes_provider,
            computed_fields=SCHEDULE_COMPUTED if isinstance(checked, Schedule) else None,
        )

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
