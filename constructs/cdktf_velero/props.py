"""The properties of ``VeleroBackups``, typed and documented once (:class:`VeleroBackupsProps`).

``VeleroBackups(scope, id, **props)`` and the pure entry point ``plan_backups(**props)`` both take exactly
these keywords: :func:`construct_props` and :func:`keyword_entry` give them the dataclass's signature (for
mypy, ``inspect`` and the API reference) and build the props object from the keywords, and the ``:param:``
lines of the constructor's docstring are the fields' own docstrings.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from .data_mover import DataMover
from .locations.aws import AwsLocation
from .locations.digitalocean import DigitalOceanLocation
from .sizing import (
    DEFAULT_NODE_AGENT_RESOURCES,
    DEFAULT_REPOSITORY_MAINTENANCE,
    DEFAULT_SERVER_RESOURCES,
    RepositoryMaintenance,
    Resources,
)
from .versions import AWS_PLUGIN_IMAGE, CHART_REPOSITORY, CHART_VERSION, DIGITALOCEAN_PLUGIN_IMAGE, VELERO_IMAGE

if TYPE_CHECKING:
    from cdktf import TerraformProvider, TerraformStack
    from constructs import Construct

    # Annotation only: the monitoring package imports the plan, which imports these props.
    from .monitoring.config import Monitoring

__all__ = ["VeleroBackupsProps", "construct_props", "keyword_entry"]


@dataclass(frozen=True, kw_only=True)
class VeleroBackupsProps:
    """Everything ``VeleroBackups`` can be told; each default is the safe one for a first install."""

    aws: AwsLocation
    """The primary location (S3), configured in the chart's values. Required."""
    digitalocean: DigitalOceanLocation | None = None
    """The secondary location (Spaces + volume snapshots). Default: none."""
    namespace: str = "velero"
    """Namespace of Velero and its objects. Default ``velero``."""
    create_namespace: bool = True
    """Create the namespace with Terraform. Default ``True``; with ``False`` it must exist before apply."""
    namespace_labels: Mapping[str, str] | None = None
    """Labels for the created namespace (e.g. pod security). Default: none."""
    release_name: str = "velero"
    """Helm release name; the chart prefixes its schedules with it. Default ``velero``."""
    chart_version: str = CHART_VERSION
    """Velero chart version. Default: the pinned :data:`~cdktf_velero.versions.CHART_VERSION`; any version of its
    major is accepted, the values being built for that major."""
    chart_repository: str = CHART_REPOSITORY
    """Chart repository URL. Default the vmware-tanzu repository."""
    velero_image: str = VELERO_IMAGE
    """Server image. Default the pinned :data:`~cdktf_velero.versions.VELERO_IMAGE`."""
    aws_plugin_image: str = AWS_PLUGIN_IMAGE
    """AWS plugin image (S3 and Spaces). Default the pinned :data:`~cdktf_velero.versions.AWS_PLUGIN_IMAGE`."""
    digitalocean_plugin_image: str = DIGITALOCEAN_PLUGIN_IMAGE
    """DigitalOcean plugin image, installed with ``volume_snapshots="digitalocean-plugin"``. Default the pinned
    :data:`~cdktf_velero.versions.DIGITALOCEAN_PLUGIN_IMAGE`."""
    node_agent: bool | None = None
    """Deploy the node agent (file-system backup, data mover). Default ``None``: when a schedule has
    ``file_system_backup=True`` or moves snapshot data."""
    server_resources: Resources | None = DEFAULT_SERVER_RESOURCES
    """Requests and limits of the Velero server (chart ``resources``). Default
    :data:`~cdktf_velero.sizing.DEFAULT_SERVER_RESOURCES` (100m and 256Mi requested, 1Gi memory limit, no CPU
    limit); ``None``: the chart's, none."""
    node_agent_resources: Resources | None = DEFAULT_NODE_AGENT_RESOURCES
    """Requests and limits of the node agent (chart ``nodeAgent.resources``). Default
    :data:`~cdktf_velero.sizing.DEFAULT_NODE_AGENT_RESOURCES` (100m and 128Mi requested, 1Gi memory limit, no CPU
    limit); ``None``: the chart's, none."""
    repository_maintenance: RepositoryMaintenance | None = DEFAULT_REPOSITORY_MAINTENANCE
    """The repository maintenance jobs: requests and limits, jobs kept, priority class. Default
    :data:`~cdktf_velero.sizing.DEFAULT_REPOSITORY_MAINTENANCE` (100m and 512Mi requested, 2Gi memory limit, 3
    jobs kept); ``None``: the chart's (3 jobs kept, no request or limit)."""
    data_mover: DataMover | None = None
    """The data mover's pace (volumes copied at once per node, volumes waiting prepared), capped for DOKS's
    attachment limit; only with a schedule that moves snapshot data. Default ``None``: ``DataMover()`` when
    one does (1 per node, 2 waiting)."""
    metrics: bool = True
    """Expose Prometheus metrics (the chart's default). Default ``True``."""
    monitoring: Monitoring | bool = False
    """The chart's ServiceMonitor, node-agent PodMonitor and a PrometheusRule alerting on every schedule
    (:class:`~cdktf_velero.Monitoring`; ``True`` for its defaults). Needs ``metrics`` and, unless
    ``Monitoring(autodetect=True)``, the prometheus-operator CRDs. Default ``False``."""
    atomic: bool = True
    """Roll the release back when an install or upgrade fails. Default ``True``."""
    cleanup_on_fail: bool = True
    """Delete new resources of a failed upgrade. Default ``True``."""
    timeout: int = 600
    """Seconds helm waits for the release (CRD job, image pulls). Default ``600``."""
    max_history: int = 10
    """Helm revisions kept. Default ``10``."""
    aws_credentials_secret_name: str = "velero-aws-credentials"
    """Secret holding the AWS ``cloud`` file. Default ``velero-aws-credentials``."""
    digitalocean_token_secret_name: str = "velero-digitalocean-token"
    """Secret holding ``DIGITALOCEAN_TOKEN``. Default ``velero-digitalocean-token``."""
    extra_values: Mapping[str, Any] | None = None
    """Further chart values, deep-merged over the library's (tolerations, ...); server environment variables,
    feature flags and node-agent flags are added to the library's. ``credentials``, the keys the chart refuses
    and those a prop sets (resources, maintenance jobs, the node agent's ConfigMap) are rejected. Default:
    none."""
    allow_plaintext_secrets: bool = False
    """Accept literal strings as credentials. Default ``False``: only Terraform tokens. Even when allowed, no
    credential enters the chart's values."""
    custom_resources_stack: TerraformStack | None = None
    """Put the DigitalOcean sub-construct (Spaces secret and custom resources) in this stack instead, which is
    made to depend on this construct's stack. ``kubernetes_manifest`` needs the Velero CRDs at plan time, so on
    a cluster without Velero only this layout lets ``cdktf deploy '*'`` go from nothing to working backups: the
    chart's stack applies first. The other stack must configure its own kubernetes provider. Default: the same
    stack (needs the CRDs to exist, e.g. on a second apply)."""
    helm_provider: TerraformProvider | None = None
    """Helm provider for the release (for aliased providers). Default: the stack's."""
    kubernetes_provider: TerraformProvider | None = None
    """Kubernetes provider for secrets and manifests. Default: the stack's."""
    aws_provider: TerraformProvider | None = None
    """AWS provider for a created bucket and IAM user. Default: the stack's."""
    digitalocean_provider: TerraformProvider | None = None
    """DigitalOcean provider for a created Spaces bucket and key (in the stack that holds them). Default: that
    stack's."""
    outputs: bool = False
    """Declare ``TerraformOutput``s for bucket names and ARNs, BSL names and the IAM user name. Default ``False``
    (no outputs, as before)."""


_P = ParamSpec("_P")
_Props = TypeVar("_Props")
_R = TypeVar("_R")
_Self = TypeVar("_Self")


def keyword_entry(props_type: Callable[_P, _Props]) -> Callable[[Callable[[_Props], _R]], Callable[_P, _R]]:
    """Turn ``function(props)`` into ``function(**props)``, with the keywords (and signature) of ``props_type``."""

    def decorate(function: Callable[[_Props], _R]) -> Callable[_P, _R]:
        @functools.wraps(function)
        def entry(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            return function(props_type(*args, **kwargs))

        returns = inspect.signature(function).return_annotation
        entry.__signature__ = inspect.signature(props_type).replace(return_annotation=returns)  # type: ignore[attr-defined]
        return entry

    return decorate


def construct_props(
    props_type: Callable[_P, _Props],
) -> Callable[
    [Callable[[_Self, Construct, str, _Props], None]], Callable[Concatenate[_Self, Construct, str, _P], None]
]:
    """Turn ``__init__(self, scope, id, props)`` into ``__init__(self, scope, id, *, **props)``: the keywords,
    signature and ``:param:`` documentation of ``props_type``."""

    def decorate(
        init: Callable[[_Self, Construct, str, _Props], None],
    ) -> Callable[Concatenate[_Self, Construct, str, _P], None]:
        @functools.wraps(init)
        def wrapper(self: _Self, scope: Construct, construct_id: str, *args: _P.args, **kwargs: _P.kwargs) -> None:
            init(self, scope, construct_id, props_type(*args, **kwargs))

        own = list(inspect.signature(init).parameters.values())[:3]
        props = list(inspect.signature(props_type).parameters.values())
        wrapper.__signature__ = inspect.Signature([*own, *props], return_annotation=None)  # type: ignore[attr-defined]
        params = "\n".join(f":param {name}: {doc}" for name, doc in attribute_docs(props_type).items())
        wrapper.__doc__ = f"{inspect.cleandoc(init.__doc__ or '')}\n\n{params}"
        # Typed callers pass scope and id by position (Concatenate); the keywords of old stay accepted.
        return cast("Callable[Concatenate[_Self, Construct, str, _P], None]", wrapper)

    return decorate


def attribute_docs(cls: object) -> dict[str, str]:
    """The docstring under each annotated attribute of a class, read from its source as pdoc reads it; further
    lines indented, so that each reads as one ``:param:`` entry."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))  # type: ignore[arg-type]
    except (OSError, TypeError):
        return {}
    body = next(node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)).body
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = inspect.cleandoc(after.value.value).replace("\n", "\n    ")
    return docs
