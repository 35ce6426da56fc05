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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from .data_mover import DataMover
from .locations.aws import AwsLocation
from .locations.base import Location
from .locations.digitalocean import DigitalOceanLocation
from .repository import ExistingSecret
from .secret_fields import secret_field
from .sizing import (
    DEFAULT_NODE_AGENT_RESOURCES,
    DEFAULT_REPOSITORY_MAINTENANCE,
    DEFAULT_SERVER_RESOURCES,
    RepositoryMaintenance,
    Resources,
)
from .versions import AWS_PLUGIN_IMAGE, CHART_REPOSITORY, CHART_VERSION, DIGITALOCEAN_PLUGIN_IMAGE, VELERO_IMAGE

if TYPE_CHECKING:
    from constructs import Construct

    from .engine.core import TerraformProvider, TerraformStack

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
    locations: Sequence[Location] = ()
    """Further locations of any kind (``AwsLocation`` in another region, ``DigitalOceanLocation``,
    ``S3CompatibleLocation``), each emitted as custom resources beside the DigitalOcean ones with its own
    credentials secret and optional schedule; their ids derive from their names (sub-construct
    ``location-<name>``). Default: none."""
    namespace: str = "velero"
    """Namespace of Velero and its objects. Default ``velero``."""
    create_namespace: bool = True
    """Create the namespace with Terraform. Default ``True``; with ``False`` it must exist before apply (as
    ``default``, ``kube-system``, ``kube-public`` and ``kube-node-lease`` always do: they cannot be created)."""
    namespace_labels: Mapping[str, str] | None = None
    """Labels for the created namespace (e.g. pod security). Default: none."""
    release_name: str = "velero"
    """Helm release name; the chart prefixes its schedules with it. Default ``velero``."""
    chart_version: str = CHART_VERSION
    """Velero chart version. Default: the pinned :data:`~cdktf_velero.versions.CHART_VERSION`; any version of its
    major is accepted, the values being built for that major."""
    chart_repository: str = CHART_REPOSITORY
    """Chart repository: an ``https://`` or ``oci://`` URL. Default the vmware-tanzu repository."""
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
    resources: Resources | None = DEFAULT_SERVER_RESOURCES
    """CPU and memory of the Velero server (``Resources(requests=..., limits=...)``, chart ``resources``). Default
    :data:`~cdktf_velero.sizing.DEFAULT_SERVER_RESOURCES` (100m and 256Mi requested, 1Gi memory limit, no CPU
    limit); ``None``: the chart's, none."""
    node_agent_resources: Resources | None = DEFAULT_NODE_AGENT_RESOURCES
    """CPU and memory of the node agent (chart ``nodeAgent.resources``), written when it is deployed. Default
    :data:`~cdktf_velero.sizing.DEFAULT_NODE_AGENT_RESOURCES` (100m and 128Mi requested, 1Gi memory limit, no CPU
    limit); ``None``: the chart's, none. Any other value without the node agent is refused."""
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
    """Further chart values (tolerations, pod annotations, ...), merged over the library's: mappings key by key,
    lists it fills (``initContainers``, the server's ``configuration.extraEnvVars``) extended. Values the library
    owns are refused with the prop to use instead (``chart.OWNED_KEYS``), and so are keys the chart does not know
    and anything its values schema rejects. Default: none."""
    extra_plugins: Sequence[str] = ()
    """More Velero plugin images (pinned), each installed as an init container named after its image, e.g.
    ``["velero/velero-plugin-for-gcp:v1.13.0"]``. Default: none."""
    allow_plaintext_secrets: bool = False
    """Accept literal strings as credentials. Default ``False``: only Terraform tokens. Even when allowed, no
    credential enters the chart's values."""
    custom_resources_stack: TerraformStack | None = None
    """Put the DigitalOcean sub-construct and those of ``locations=`` (secrets and custom resources) in this stack
    instead, which is made to depend on this construct's stack. ``kubernetes_manifest`` needs the Velero CRDs at
    plan time, so on a cluster without Velero only this layout lets ``cdktf deploy '*'`` go from nothing to working
    backups: the chart's stack applies first. The other stack must configure its own kubernetes provider. Default:
    the same stack (needs the CRDs to exist, e.g. on a second apply)."""
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
    """Declare ``TerraformOutput``s for bucket names and ARNs, BSL names and the IAM user name, named
    ``<construct id>_<what>``: the id must then be a Terraform identifier, and the names unique in the stack.
    Default ``False`` (no outputs, as before). The generated repository password's sensitive output is declared
    in any case."""
    # Disaster recovery (cdktf_velero.repository, cdktf_velero.recovery).
    repository_password: str | None = secret_field(default=None)
    """Password of Velero's file-system backup and data-mover repositories (kopia), written to the secret
    ``velero-repo-credentials``: a Terraform token, never a literal (even with ``allow_plaintext_secrets``).
    Default: a password Terraform generates (``random_password``), declared as the sensitive output
    ``<id>_repository_password``. It must never change after the first backup; a recovery cluster needs it."""
    repository_migration: ExistingSecret | None = None
    """What to do with a ``velero-repo-credentials`` secret Velero already created (every install made before this
    library managed it): ``"keep"`` imports it and keeps its value (pass that value as ``repository_password``),
    ``"replace"`` imports it and writes the new password (only with new repository prefixes). Default ``None``:
    there is none, and an existing one fails the apply with ``secrets "velero-repo-credentials" already exists``."""
    recovery: bool = False
    """Install Velero on a recovery cluster: every location ``ReadOnly`` on an existing bucket, no schedules,
    ``repository_password`` required (the production install's), the node agent on for file-system restores.
    Not the chart's ``restoreOnlyMode`` (a deprecated server flag the library leaves off). Default ``False``."""


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
