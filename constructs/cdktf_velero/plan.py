"""The whole configuration of a ``VeleroBackups``, validated into one plan before any resource exists.

:func:`build_plan` takes the :class:`~cdktf_velero.props.VeleroBackupsProps` and returns a :class:`BackupsPlan`:
the release settings, each location resolved (:mod:`cdktf_velero.locations`), the chart values and every name
the construct needs. ``VeleroBackups`` emits resources from it and never changes it; the property tests call
:func:`plan_backups` (the same function, with the construct's keywords), so they exercise the code the
construct runs. Pure Python: this layer imports no construct module and starts no jsii runtime.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import chart
from . import validation as v
from .data_mover import DataMover, data_mover_values
from .errors import VeleroConfigError
from .locations.aws import AwsLocation
from .locations.base import CSI_FEATURE, Location, ResolveContext, ResolvedLocation
from .locations.common import server_env
from .locations.digitalocean import DigitalOceanLocation
from .props import VeleroBackupsProps, keyword_entry
from .schedules import check_schedules
from .sizing import sizing_values

__all__ = ["LOCATION_PROPS", "BackupsPlan", "build_plan", "plan_backups"]

LOCATION_PROPS: tuple[tuple[str, type[Location], bool], ...] = (
    ("aws", AwsLocation, True),
    ("digitalocean", DigitalOceanLocation, False),
)
"""The props holding a location: name, kind, required."""

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
    """Every location, in the order of :data:`LOCATION_PROPS`."""
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
    def csi_snapshots(self) -> bool:
        """Whether Velero's CSI support is on (a location asked for it; server-wide)."""
        return any(CSI_FEATURE in loc.features for loc in self.locations)

    @property
    def node_agent(self) -> bool:
        """Whether the node agent is deployed."""
        return bool(self.values.get("deployNodeAgent"))

    @property
    def default_location_name(self) -> str:
        return next(loc.name for loc in self.locations if loc.default)

    def location(self, path: str) -> ResolvedLocation | None:
        """The location configured by the prop ``path`` (``aws``), if any."""
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
    v.check_bool("create_namespace", props.create_namespace)
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
            )
        )
        for path, location in configured
    )
    _check_names(locations, server_secrets=(credentials_secret, env_secret))
    needs = check_schedules(
        (loc.schedule for loc in locations if loc.schedule is not None),
        snapshot_locations={loc.name for loc in locations if loc.vsl_spec is not None},
        csi_snapshots=any(CSI_FEATURE in loc.features for loc in locations),
        node_agent=props.node_agent,
    )
    owned = [
        sizing_values(
            server=props.server_resources,
            node_agent=props.node_agent_resources,
            maintenance=props.repository_maintenance,
        )
    ]
    if needs.data_mover:
        if v.is_token(release.name):
            raise VeleroConfigError(
                "release_name",
                release.name,
                "must be known at synth time with the data mover: the node agent's ConfigMap is named after it",
            )
        mover = props.data_mover if props.data_mover is not None else DataMover()
        owned.append(data_mover_values("data_mover", mover, fullname=release.fullname))
    elif props.data_mover is not None:
        raise VeleroConfigError(
            "data_mover", props.data_mover, "only applies when a schedule has snapshot_move_data=True"
        )
    values = chart.chart_values(
        velero_image=server_image,
        init_containers=_init_containers(locations, props),
        locations=locations,
        node_agent=needs.node_agent,
        metrics=v.check_bool("metrics", props.metrics),
        server_env=server_env(locations),
        owned=owned,
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


def _configured_locations(props: VeleroBackupsProps) -> list[tuple[str, Location]]:
    """The locations the props configure, each checked to be of its prop's kind."""
    configured: list[tuple[str, Location]] = []
    for path, kind, required in LOCATION_PROPS:
        location = getattr(props, path)
        if location is None and not required:
            continue
        if not isinstance(location, kind):
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            raise VeleroConfigError(path, location, f"must be {article} {kind.__name__}")
        configured.append((path, location))
    return configured


def _decide_defaults(configured: Sequence[tuple[str, Location]]) -> dict[str, bool]:
    """Exactly one default BSL: the one marked ``default=True``, else the first whose ``default`` is left out."""
    explicit = [
        (path, v.check_bool(f"{path}.default", location.default))
        for path, location in configured
        if location.default is not None
    ]
    chosen = [path for path, wants in explicit if wants]
    if len(chosen) > 1:
        raise VeleroConfigError(
            f"{chosen[1]}.default", True, f"only one location can be the default, and {chosen[0]}.default is True"
        )
    if not chosen:
        fallback = [path for path, location in configured if location.default is None]
        if not fallback:
            path = explicit[0][0]
            others = " or ".join(f"{other}.default=True" for other, _, _ in LOCATION_PROPS if other != path)
            raise VeleroConfigError(
                f"{path}.default", False, f"one location must be the default: set {others} or leave {path}.default"
            )
        chosen = fallback[:1]
    return {path: path in chosen for path, _ in configured}


def _check_names(locations: Sequence[ResolvedLocation], *, server_secrets: tuple[str, str]) -> None:
    """Location names are unique, and no location's own secret takes the name of a server secret."""
    names: dict[str, str] = {}
    for loc in locations:
        if loc.name in names:
            raise VeleroConfigError(
                f"{loc.path}.name", loc.name, f"duplicates the name of the {names[loc.name]} location"
            )
        names[loc.name] = loc.path
        credentials = loc.credentials
        if not credentials.chart_default and credentials.name in server_secrets:
            raise VeleroConfigError(credentials.name_path, credentials.name, _SERVER_SECRETS_RULE)


def _init_containers(locations: Sequence[ResolvedLocation], props: VeleroBackupsProps) -> list[dict[str, Any]]:
    """One init container per plugin the locations need, in the order they first need it."""
    containers: dict[str, dict[str, Any]] = {}
    for plugin in (plugin for loc in locations for plugin in loc.plugins):
        if plugin.container not in containers:
            image = chart.literal_image(plugin.image_prop, getattr(props, plugin.image_prop))
            containers[plugin.container] = chart.plugin_init_container(plugin.container, image)
    return list(containers.values())
