"""The whole configuration of a ``VeleroBackups``, validated into one plan before any resource exists.

:func:`build_plan` takes the :class:`~cdktf_velero.props.VeleroBackupsProps` and returns a :class:`BackupsPlan`:
the release settings, each location resolved (:mod:`cdktf_velero.locations`), the chart values and every name
the construct needs. ``VeleroBackups`` emits resources from it and never changes it; the property tests call
:func:`plan_backups` (the same function, with the construct's keywords), so they exercise the code the
construct runs. Pure Python: this layer imports no construct module and starts no jsii runtime.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import chart
from . import validation as v
from .errors import VeleroConfigError
from .locations.aws import AwsLocation
from .locations.base import Location, ResolveContext, ResolvedLocation
from .locations.digitalocean import DigitalOceanLocation
from .props import VeleroBackupsProps, keyword_entry
from .schedules import check_schedules
from .sizing import check_resources

__all__ = ["LOCATION_PROPS", "SYSTEM_NAMESPACES", "BackupsPlan", "build_plan", "plan_backups"]

SYSTEM_NAMESPACES = frozenset({"default", "kube-system", "kube-public", "kube-node-lease"})
"""Namespaces every cluster has: Terraform cannot create them (``create_namespace=True`` would fail)."""

LOCATION_PROPS: tuple[tuple[str, type[Location], bool], ...] = (
    ("aws", AwsLocation, True),
    ("digitalocean", DigitalOceanLocation, False),
)
"""The props holding a primary location: name, kind, required. Any number of further locations, of any kind,
come in ``locations=`` (paths ``locations[<index>]``)."""

_SERVER_SECRETS_RULE = "must differ from the AWS credentials and token secret names"


@dataclass(frozen=True)
class BackupsPlan:
    """Everything ``VeleroBackups`` emits, decided and validated; never changed afterwards."""

    props: VeleroBackupsProps = field(repr=False)
    """The props as given (the construct reads its providers and stacks from them). Not in ``repr()``: the
    objects given for providers and stacks are the construct's to check, and hold anything until then."""
    namespace: str
    create_namespace: bool
    namespace_labels: dict[str, str]
    release: chart.ReleaseSpec
    locations: tuple[ResolvedLocation, ...]
    """Every location: those of :data:`LOCATION_PROPS` in that order, then those of ``locations=``."""
    values: dict[str, Any]
    """The chart values (no credential in them)."""
    outputs: bool

    @property
    def release_name(self) -> str:
        return self.release.name

    @property
    def chart_fullname(self) -> str:
        return self.release.fullname

    @property
    def default_location_name(self) -> str:
        return next(loc.name for loc in self.locations if loc.default)

    def location(self, path: str) -> ResolvedLocation | None:
        """The location configured by the prop ``path`` (``aws``, ``locations[0]``), if any."""
        return next((loc for loc in self.locations if loc.path == path), None)

    @property
    def aws_schedule_name(self) -> str | None:
        """The Schedule object the chart creates for AWS: ``<chart fullname>-<schedule name>``."""
        aws = self.location("aws")
        return aws.schedule.object_name if aws is not None and aws.schedule is not None else None


def build_plan(props: VeleroBackupsProps) -> BackupsPlan:
    """Validate every property (raising :class:`VeleroConfigError`) and decide what to emit."""
    allow_plaintext = v.check_bool("allow_plaintext_secrets", props.allow_plaintext_secrets)
    # The chart writes the namespace unquoted into every object's metadata.
    namespace = v.check_yaml_plain("namespace", v.check_dns_label("namespace", props.namespace))
    release = chart.check_release(props)
    if v.check_bool("create_namespace", props.create_namespace) and namespace in SYSTEM_NAMESPACES:
        raise VeleroConfigError(
            "namespace", namespace, "always exists and cannot be created: set create_namespace=False"
        )
    labels = v.check_labels("namespace_labels", props.namespace_labels) if props.namespace_labels is not None else {}
    if labels and not props.create_namespace:
        raise VeleroConfigError("namespace_labels", labels, "only apply when create_namespace=True")
    server_image = chart.literal_image("velero_image", props.velero_image)
    # Both reach the chart's pod specs unquoted (secretName, envFrom).
    credentials_secret = v.check_yaml_plain(
        "aws_credentials_secret_name",
        v.check_dns_subdomain("aws_credentials_secret_name", props.aws_credentials_secret_name),
    )
    env_secret = v.check_yaml_plain(
        "digitalocean_token_secret_name",
        v.check_dns_subdomain("digitalocean_token_secret_name", props.digitalocean_token_secret_name),
    )
    if credentials_secret == env_secret:
        raise VeleroConfigError(
            "digitalocean_token_secret_name", env_secret, "must differ from aws_credentials_secret_name"
        )

    configured = _configured_locations(props)
    defaults = _decide_defaults(configured)
    locations = tuple(
        location.resolve(
            ResolveContext(
                path=path,
                default=defaults[path],
                allow_plaintext_secrets=allow_plaintext,
                namespace=namespace,
                chart_fullname=release.fullname,
                chart_credentials_secret=credentials_secret,
                server_env_secret=env_secret,
                additional=additional,
            )
        )
        for path, location, additional in configured
    )
    _check_names(locations, server_secrets=(credentials_secret, env_secret))
    _check_server_environment(locations)
    node_agent = check_schedules(
        (loc.schedule for loc in locations if loc.schedule is not None),
        snapshot_locations={loc.name for loc in locations if loc.vsl_spec is not None},
        node_agent=props.node_agent,
    )
    init_containers = _init_containers(locations, props)
    init_containers += _extra_plugins(props.extra_plugins, {item["name"] for item in init_containers})
    server_resources = check_resources("resources", props.resources) if props.resources is not None else None
    agent_resources = None
    if props.node_agent_resources is not None:
        agent_resources = check_resources("node_agent_resources", props.node_agent_resources)
        if not node_agent:
            raise VeleroConfigError(
                "node_agent_resources", props.node_agent_resources, "only applies when the node agent is deployed"
            )
    values = chart.chart_values(
        velero_image=server_image,
        init_containers=init_containers,
        locations=locations,
        node_agent=node_agent,
        metrics=v.check_bool("metrics", props.metrics),
        resources=server_resources,
        node_agent_resources=agent_resources,
        extra_values=props.extra_values,
    )
    return BackupsPlan(
        props=props,
        namespace=namespace,
        create_namespace=props.create_namespace,
        namespace_labels=labels,
        release=release,
        locations=locations,
        values=values,
        outputs=v.check_bool("outputs", props.outputs),
    )


plan_backups = keyword_entry(VeleroBackupsProps)(build_plan)
"""``plan_backups(**props)``: :func:`build_plan` with the keywords of ``VeleroBackups``."""


def _configured_locations(props: VeleroBackupsProps) -> list[tuple[str, Location, bool]]:
    """The locations the props configure (path, location, whether it is one of ``locations=``), each checked to
    be of its prop's kind."""
    configured: list[tuple[str, Location, bool]] = []
    for path, kind, required in LOCATION_PROPS:
        location = getattr(props, path)
        if location is None and not required:
            continue
        if not isinstance(location, kind):
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            raise VeleroConfigError(path, location, f"must be {article} {kind.__name__}")
        configured.append((path, location, False))
    more = props.locations
    if isinstance(more, str | bytes | Mapping) or not isinstance(more, Sequence):
        raise VeleroConfigError("locations", more, "must be a list of locations")
    kinds = ", ".join(sorted(kind.__name__ for kind in Location.__subclasses__()))
    for index, location in enumerate(more):
        if not isinstance(location, Location):
            raise VeleroConfigError(f"locations[{index}]", location, f"must be a location: {kinds}")
        configured.append((f"locations[{index}]", location, True))
    return configured


def _decide_defaults(configured: Sequence[tuple[str, Location, bool]]) -> dict[str, bool]:
    """Exactly one default BSL: the one marked ``default=True``, else the primary whose ``default`` is left out
    (``aws``); in ``locations=``, a ``default`` left out means no."""
    explicit = [
        (path, v.check_bool(f"{path}.default", location.default))
        for path, location, _ in configured
        if location.default is not None
    ]
    chosen = [path for path, wants in explicit if wants]
    if len(chosen) > 1:
        raise VeleroConfigError(
            f"{chosen[1]}.default", True, f"only one location can be the default, and {chosen[0]}.default is True"
        )
    if not chosen:
        fallback = [path for path, location, additional in configured if location.default is None and not additional]
        if not fallback:
            path = next(path for path, location, _ in configured if location.default is not None)
            others = [other for other, _, _ in configured if other != path]
            if not others:
                others = [other for other, _, _ in LOCATION_PROPS if other != path]
            options = " or ".join(f"{other}.default=True" for other in others)
            raise VeleroConfigError(
                f"{path}.default", False, f"one location must be the default: set {options} or leave {path}.default"
            )
        chosen = fallback[:1]
    return {path: path in chosen for path, _, _ in configured}


def _check_names(locations: Sequence[ResolvedLocation], *, server_secrets: tuple[str, str]) -> None:
    """Location names (of the BSL, and VSL) are unique, and so are the locations' own credentials secrets, none of
    which takes the name of a server secret."""
    names: dict[str, str] = {}
    secrets: dict[str, str] = {}
    for loc in locations:
        if loc.name in names:
            raise VeleroConfigError(
                f"{loc.path}.name", loc.name, f"duplicates the name of the {names[loc.name]} location"
            )
        names[loc.name] = loc.path
        credentials = loc.credentials
        if credentials.chart_default:
            continue
        if credentials.name in server_secrets:
            raise VeleroConfigError(credentials.name_path, credentials.name, _SERVER_SECRETS_RULE)
        if credentials.name in secrets:
            raise VeleroConfigError(
                credentials.name_path,
                credentials.name,
                f"names the same credentials secret as the {secrets[credentials.name]} location",
            )
        secrets[credentials.name] = loc.path


def _check_server_environment(locations: Sequence[ResolvedLocation]) -> None:
    """The server has one environment (one ``credentials.extraSecretRef``): one location at most may need it.
    The DigitalOcean snapshot plugin, for one, reads a single ``DIGITALOCEAN_TOKEN``."""
    first: str | None = None
    for secret in (loc.server_secret for loc in locations if loc.server_secret is not None):
        if first is not None:
            keys = ", ".join(sorted(secret.data))
            raise VeleroConfigError(
                secret.needed_by,
                True,
                f"needs {keys} in the Velero server's environment, which {first} already "
                "sets: the server has one environment (the DigitalOcean snapshot plugin reads a single token); "
                "set it to False here",
            )
        first = secret.needed_by


def _init_containers(locations: Sequence[ResolvedLocation], props: VeleroBackupsProps) -> list[dict[str, Any]]:
    """One init container per plugin the locations need, in the order they first need it."""
    containers: dict[str, dict[str, Any]] = {}
    for plugin in (plugin for loc in locations for plugin in loc.plugins):
        if plugin.container not in containers:
            image = chart.literal_image(plugin.image_prop, getattr(props, plugin.image_prop))
            containers[plugin.container] = chart.plugin_init_container(plugin.container, image)
    return list(containers.values())


def _extra_plugins(images: object, taken: set[str]) -> list[dict[str, Any]]:
    """Init containers for more plugins (``extra_plugins``), each named after its image (``velero-plugin-for-gcp``)."""
    if isinstance(images, str) or not isinstance(images, Sequence):
        raise VeleroConfigError("extra_plugins", images, "must be a list of plugin images")
    containers = []
    for index, image in enumerate(images):
        path = f"extra_plugins[{index}]"
        checked = chart.literal_image(path, image)
        repository = checked.partition("@")[0].rsplit("/", 1)[-1].partition(":")[0]
        name = re.sub(r"[^a-z0-9-]+", "-", repository.lower()).strip("-")[:63].rstrip("-")
        if not name:
            raise VeleroConfigError(
                path, image, "must name a plugin image such as 'velero/velero-plugin-for-gcp:v1.13.0'"
            )
        if name in taken:
            raise VeleroConfigError(
                path, image, f"installs {name!r} a second time (the library installs the plugins its locations need)"
            )
        taken.add(name)
        containers.append(chart.plugin_init_container(name, checked))
    return containers
