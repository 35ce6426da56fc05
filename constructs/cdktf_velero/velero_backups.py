"""VeleroBackups: Velero on a Kubernetes cluster, backing up to AWS S3, DigitalOcean Spaces and further locations.

The composite is a short sequence of steps over the plan's locations (:mod:`cdktf_velero.plan`): the namespace;
for each location the chart carries, its storage and credentials secret; the server's environment secrets; the
release; for each location carried as custom resources, its storage and sub-construct; the outputs. Every
decision was made by the plan, which it never changes: created keys reach the secrets as the storage constructs'
attributes (tokens).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

from constructs import Construct

from .added_objects import AddedObjectMethods
from .chart import to_yaml
from .credentials import credentials_data, credentials_secret
from .custom_resources import Registry
from .engine import check_engine, helm, kubernetes
from .engine.core import ITerraformDependable, TerraformOutput
from .location_resources import DigitalOceanBackups, LocationResources
from .locations.base import CreatedStorage, Output
from .manifests import MANAGED_BY_LABELS
from .monitoring import MonitoringPlan, plan_monitoring
from .plan import BackupsPlan, build_plan
from .props import VeleroBackupsProps, construct_props
from .recovery_api import RecoveryMethods
from .repository_secret import RepositoryResources, repository_resources
from .rotation import rotation_values
from .scope_checks import check_output_names, check_scope
from .sensitive_tokens import refuse_sensitive_tokens
from .storage.iam import VeleroIamUser
from .storage.s3 import S3BackupBucket
from .storage.spaces import SpacesBucket
from .token_stacks import check_token_stack, check_token_stacks, custom_resources_stack

Release: TypeAlias = helm.release.Release
Manifest: TypeAlias = kubernetes.manifest.Manifest
Namespace: TypeAlias = kubernetes.namespace.Namespace
Secret: TypeAlias = kubernetes.secret.Secret

__all__ = ["VeleroBackups"]

_T = TypeVar("_T")


@dataclass
class _Emitted:
    """What one location emitted."""

    credentials: Secret | None = None
    server_secret: Secret | None = None
    storage: CreatedStorage | None = None
    resources: LocationResources | None = None


class VeleroBackups(AddedObjectMethods, RecoveryMethods, Construct):
    """Velero installed by its helm chart, backing up to S3 (primary), optionally to Spaces, and to any number of
    further locations (``locations=``).

    Resources and their construct ids (stable: each becomes part of a Terraform address):

    - ``namespace``: ``kubernetes_namespace`` (when ``create_namespace``)
    - ``aws-credentials``: ``kubernetes_secret`` with the AWS key pair as the ``cloud`` file
    - ``digitalocean-token``: ``kubernetes_secret`` with ``DIGITALOCEAN_TOKEN`` (with the DigitalOcean plugin's
      snapshots; ``digitalocean/volume-snapshot-class`` instead with CSI snapshots)
    - ``repository-password``: ``kubernetes_secret`` ``velero-repo-credentials``, the repository password; with
      ``generated-repository-password`` (``random_password``) unless ``repository_password`` is given
    - ``release``: ``helm_release`` of the pinned ``velero`` chart, with the AWS location and schedule
    - ``digitalocean``: the :class:`DigitalOceanBackups` sub-construct (with a DigitalOcean location)
    - ``location-<name>``: the sub-construct of each location in ``locations=`` (a
      :class:`~cdktf_velero.location_resources.LocationResources`): its ``credentials`` secret,
      ``backup-storage-location``, ``volume-snapshot-location`` and ``schedule``, beside ``digitalocean``
    - ``s3-bucket``: :class:`S3BackupBucket` (with ``aws.create_bucket``), ``backups.s3_bucket``
    - ``iam-user``: :class:`VeleroIamUser` (with ``aws.create_iam_user``), ``backups.iam_user``
    - ``spaces``: :class:`SpacesBucket` (with ``digitalocean.create_bucket``), ``backups.spaces_bucket``,
      beside ``digitalocean`` (in ``custom_resources_stack`` when given)
    - outputs (with ``outputs=True``): ``<id>_aws_bsl_name``, ``<id>_default_bsl_name``, ``<id>_s3_bucket_name``,
      ``<id>_s3_bucket_arn``, ``<id>_iam_user_name``, ``<id>_digitalocean_bsl_name``, ``<id>_spaces_bucket_name``,
      ``<id>_spaces_bucket_urn`` (those that apply), and for each location in ``locations=``
      ``<id>_location_<name>_bsl_name`` and its bucket's name. No key is ever output; a generated repository
      password is, as the sensitive output ``<id>_repository_password`` (always declared: a recovery install
      needs it).
    - resources added with :meth:`add_schedule`, :meth:`add_backup_storage_location`,
      :meth:`add_volume_snapshot_location`, :meth:`add_restore` and :meth:`add_manifest`, under the id the caller gives.

    Every property is validated here (see :func:`~cdktf_velero.plan.plan_backups`), before the construct or any
    resource exists; a bad value raises :class:`VeleroConfigError`, and the same id can be used again.
    """

    @construct_props(VeleroBackupsProps)
    def __init__(self, scope: Construct, construct_id: str, props: VeleroBackupsProps) -> None:
        """Validate the whole configuration, then emit the resources. The keywords are the fields of
        :class:`~cdktf_velero.VeleroBackupsProps`:"""
        check_engine("scope", scope)  # one engine per app: say so before the engine's own errors
        for name in (
            "custom_resources_stack",
            "helm_provider",
            "kubernetes_provider",
            "aws_provider",
            "digitalocean_provider",
        ):
            check_engine(name, getattr(props, name))
        own_stack = check_scope(scope, construct_id, props.custom_resources_stack)
        plan = build_plan(props)
        # Monitoring: validated here, its chart values produced at synth so that added schedules are covered.
        monitoring = plan_monitoring(props.monitoring, plan=plan, extra_values=props.extra_values)
        other_stack = custom_resources_stack(scope, props.custom_resources_stack)
        check_token_stacks(plan.locations, {"chart": scope, "custom_resources": other_stack or scope})
        if plan.repository.password is not None:
            check_token_stack("repository_password", plan.repository.password, scope)
        refuse_sensitive_tokens(scope, props)
        if plan.outputs or plan.repository.generated:
            check_output_names(construct_id, plan, [own_stack] if other_stack is None else [own_stack, other_stack])
        # Everything is validated: from here on nothing raises for user input, so a refused configuration
        # leaves no construct behind (the same id can be used again).
        super().__init__(scope, construct_id)
        self.plan: BackupsPlan = plan
        """The validated plan the resources were emitted from."""
        self.monitoring: MonitoringPlan | None = monitoring
        """The monitoring plan (``None`` when off): ``.rules()``, ``.values()`` as the release gets them."""
        self.namespace_name = plan.namespace
        """The Velero namespace."""
        self.release_name = plan.release_name
        """The helm release name."""
        self.values: dict[str, Any] = plan.values
        """The chart values the release receives (no credentials in them), as data."""
        self.aws_location_name = plan.locations[0].name  # aws: the first location, and a required one
        """Name of the AWS BackupStorageLocation."""
        self.default_location_name = plan.default_location_name
        """Name of the default BackupStorageLocation."""
        self.aws_schedule_name = plan.aws_schedule_name
        """Name of the Schedule object the chart creates for AWS (``<chart fullname>-<schedule name>``, e.g.
        ``velero-daily-aws-backups``), or ``None``."""

        # Resources.
        self._kubernetes_provider = props.kubernetes_provider
        self._emitted = {location.path: _Emitted() for location in plan.locations}
        self.namespace: Namespace | None = None
        """``kubernetes_namespace`` (``None`` when ``create_namespace=False``)."""
        if plan.create_namespace:
            self.namespace = Namespace(
                self,
                "namespace",
                metadata={"name": plan.namespace, "labels": {**MANAGED_BY_LABELS, **plan.namespace_labels}},
                provider=self._kubernetes_provider,
            )
        in_namespace: list[Construct] = [self.namespace] if self.namespace is not None else []
        self.release: Release = self._release([*in_namespace, *self._before_release()])
        """``helm_release``: the Velero chart with the AWS location and schedule."""

        # Custom resources (the DigitalOcean ones, and those added later) go here: this construct, or the
        # same construct path in custom_resources_stack, so that their Terraform addresses stay the same.
        self._custom_scope: Construct = self
        self._custom_depends_on: list[ITerraformDependable] = [self.release]
        secret_depends_on = in_namespace
        if other_stack is not None:
            self._custom_scope = Construct(other_stack, construct_id)
            self._custom_depends_on, secret_depends_on = [], []
        self._custom_resource_locations(secret_depends_on)
        self._registry = Registry.from_plan(plan)
        if plan.outputs:
            self._outputs(construct_id)

    def _before_release(self) -> list[Any]:
        """Beside the release, what it waits for: the storage and credentials secret of each location the chart
        carries, and the secrets loaded into the server's environment (plugin tokens)."""
        before: list[Any] = []
        for location in self.plan.locations:
            emitted = self._emitted[location.path]
            if location.carrier == "chart":
                emitted.storage = location.source.create_storage(self, location, self.plan.props)
                before += emitted.storage.ready if emitted.storage is not None else ()
                data = credentials_data(location.credentials, emitted.storage)
                emitted.credentials = self._secret(location.credentials.construct_id, location.credentials.name, data)
                before.append(emitted.credentials)
            if location.server_secret is not None:
                secret = location.server_secret
                emitted.server_secret = self._secret(secret.construct_id, secret.name, secret.data)
                before.append(emitted.server_secret)
        self._repository: RepositoryResources = repository_resources(
            self,
            self.plan.repository,
            namespace=self.plan.namespace,
            output_prefix=self.node.id,
            depends_on=[self.namespace] if self.namespace is not None else [],
            provider=self._kubernetes_provider,
        )
        return [*before, self._repository.secret]

    def _secret(self, construct_id: str, name: str, data: Mapping[str, str]) -> Secret:
        """A secret beside the release, in the namespace."""
        return credentials_secret(
            self,
            construct_id,
            name=name,
            namespace=self.plan.namespace,
            data=data,
            depends_on=[self.namespace] if self.namespace is not None else [],
            provider=self._kubernetes_provider,
        )

    def _release(self, depends_on: list[Any]) -> Release:
        release = self.plan.release
        # The pods restart when a credential beside the release changes (cdktf_velero.rotation).
        watched = [s for e in self._emitted.values() for s in (e.credentials, e.server_secret) if s is not None]
        rotation = rotation_values(watched)
        return Release(
            self,
            "release",
            name=release.name,
            namespace=self.plan.namespace,
            repository=release.repository,
            chart=release.chart,
            version=release.version,
            values=[
                to_yaml(self.plan.values),
                *([self.monitoring.values_token()] if self.monitoring else []),
                *([to_yaml(rotation)] if rotation is not None else []),
            ],
            wait=True,
            atomic=release.atomic,
            cleanup_on_fail=release.cleanup_on_fail,
            timeout=release.timeout,
            max_history=release.max_history,
            depends_on=depends_on,
            provider=self.plan.props.helm_provider,
        )

    def _custom_resource_locations(self, secret_depends_on: list[Construct]) -> None:
        """Storage and sub-construct of each location carried as custom resources, beside the release."""
        for location in self.plan.locations:
            if location.carrier != "custom_resources":
                continue
            emitted = self._emitted[location.path]
            emitted.storage = location.source.create_storage(self._custom_scope, location, self.plan.props)
            emitted.resources = location.source.resources_class()(
                self._custom_scope,
                location.construct_id,
                location=location,
                credentials_data=credentials_data(location.credentials, emitted.storage),
                depends_on=[*self._custom_depends_on, *(emitted.storage.ready if emitted.storage else ())],
                secret_depends_on=secret_depends_on,
                provider=self._kubernetes_provider,
            )

    def _outputs(self, prefix: str) -> None:
        """Outputs with stable names ``<construct id>_<what>``, beside each location's resources; never a key."""

        def output(scope: Construct, out: Output) -> None:
            declared = TerraformOutput(scope, f"output-{out.name}", value=out.value, description=out.description)
            declared.override_logical_id(f"{prefix}_{out.name}")

        output(self, Output("default_bsl_name", self.default_location_name, "Velero's default BackupStorageLocation"))
        for location in self.plan.locations:
            storage = self._emitted[location.path].storage
            outs = {out.name: out for out in (*location.outputs, *(storage.outputs if storage else ()))}
            for out in outs.values():
                output(self if location.carrier == "chart" else self._custom_scope, out)

    # The children of the built-in locations, as attributes.

    @property
    def aws_credentials(self) -> Secret:
        """``kubernetes_secret``: the AWS key pair as the chart's ``cloud`` file (``credentials.existingSecret``)."""
        secret = self._emitted["aws"].credentials
        assert secret is not None, "the chart carries the AWS location"
        return secret

    @property
    def digitalocean_token(self) -> Secret | None:
        """``kubernetes_secret``: ``DIGITALOCEAN_TOKEN`` for the snapshot plugin (``credentials.extraSecretRef``),
        whichever DigitalOcean location takes the snapshots."""
        return next((e.server_secret for e in self._emitted.values() if e.server_secret is not None), None)

    @property
    def location_resources(self) -> dict[str, LocationResources]:
        """The sub-construct of each location emitted as custom resources (``digitalocean`` and those of
        ``locations=``), by BackupStorageLocation name."""
        return {
            location.name: emitted.resources
            for location in self.plan.locations
            if (emitted := self._emitted[location.path]).resources is not None
        }

    @property
    def digitalocean(self) -> DigitalOceanBackups | None:
        """The DigitalOcean sub-construct (``None`` without a DigitalOcean location)."""
        emitted = self._emitted.get("digitalocean")
        resources = emitted.resources if emitted is not None else None
        return resources if isinstance(resources, DigitalOceanBackups) else None

    @property
    def s3_bucket(self) -> S3BackupBucket | None:
        """The created S3 bucket (``None`` unless ``aws.create_bucket``)."""
        return self._storage_part("aws", "s3_bucket", S3BackupBucket)

    @property
    def iam_user(self) -> VeleroIamUser | None:
        """The created IAM user and its access key (``None`` unless ``aws.create_iam_user``)."""
        return self._storage_part("aws", "iam_user", VeleroIamUser)

    @property
    def spaces_bucket(self) -> SpacesBucket | None:
        """The created Spaces bucket and key (``None`` unless ``digitalocean.create_bucket``)."""
        return self._storage_part("digitalocean", "spaces_bucket", SpacesBucket)

    def _storage_part(self, path: str, name: str, cls: type[_T]) -> _T | None:
        emitted = self._emitted.get(path)
        storage = emitted.storage if emitted is not None else None
        return storage.part(name, cls) if storage is not None else None

    def _location_manifests(self) -> list[Any]:
        """The manifests of every location emitted as custom resources (what a user's Schedule may name)."""
        return [m for e in self._emitted.values() if e.resources is not None for m in e.resources.location_manifests]
