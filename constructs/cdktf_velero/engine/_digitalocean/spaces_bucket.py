"""``SpacesBucket`` (``digitalocean_spaces_bucket``) and its blocks, as cdktf's prebuilt binding has them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from constructs import Construct

from .. import core
from ._resource import SchemaResource
from ._schema import Attr, block_of, blocks_of

__all__ = [
    "SpacesBucket",
    "SpacesBucketCorsRule",
    "SpacesBucketLifecycleRule",
    "SpacesBucketLifecycleRuleExpiration",
    "SpacesBucketLifecycleRuleNoncurrentVersionExpiration",
    "SpacesBucketVersioning",
]


@dataclass(frozen=True)
class SpacesBucketCorsRule:
    """A ``cors_rule`` block."""

    allowed_methods: Sequence[str]
    allowed_origins: Sequence[str]
    allowed_headers: Sequence[str] | None = None
    max_age_seconds: float | None = None
    ATTRS: ClassVar[tuple[Attr, ...]] = (
        Attr("allowed_headers", "string_list"),
        Attr("allowed_methods", "string_list"),
        Attr("allowed_origins", "string_list"),
        Attr("max_age_seconds", "number"),
    )


@dataclass(frozen=True)
class SpacesBucketLifecycleRuleExpiration:
    """The ``expiration`` block of a lifecycle rule."""

    date: str | None = None
    days: float | None = None
    expired_object_delete_marker: bool | core.IResolvable | None = None
    ATTRS: ClassVar[tuple[Attr, ...]] = (
        Attr("date", "string"),
        Attr("days", "number"),
        Attr("expired_object_delete_marker", "boolean"),
    )


@dataclass(frozen=True)
class SpacesBucketLifecycleRuleNoncurrentVersionExpiration:
    """The ``noncurrent_version_expiration`` block of a lifecycle rule."""

    days: float | None = None
    ATTRS: ClassVar[tuple[Attr, ...]] = (Attr("days", "number"),)


@dataclass(frozen=True)
class SpacesBucketLifecycleRule:
    """A ``lifecycle_rule`` block; nested blocks may be given as dicts of their arguments."""

    enabled: bool | core.IResolvable
    abort_incomplete_multipart_upload_days: float | None = None
    expiration: SpacesBucketLifecycleRuleExpiration | Mapping[str, Any] | None = None
    id: str | None = None
    noncurrent_version_expiration: SpacesBucketLifecycleRuleNoncurrentVersionExpiration | Mapping[str, Any] | None = (
        None
    )
    prefix: str | None = None
    ATTRS: ClassVar[tuple[Attr, ...]] = (
        Attr("abort_incomplete_multipart_upload_days", "number"),
        Attr("enabled", "boolean"),
        Attr("id", "string"),
        Attr("prefix", "string"),
        Attr(
            "expiration", "block", SpacesBucketLifecycleRuleExpiration, "set", "SpacesBucketLifecycleRuleExpirationList"
        ),
        Attr(
            "noncurrent_version_expiration",
            "block",
            SpacesBucketLifecycleRuleNoncurrentVersionExpiration,
            "set",
            "SpacesBucketLifecycleRuleNoncurrentVersionExpirationList",
        ),
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "expiration", block_of(SpacesBucketLifecycleRuleExpiration, self.expiration))
        object.__setattr__(
            self,
            "noncurrent_version_expiration",
            block_of(SpacesBucketLifecycleRuleNoncurrentVersionExpiration, self.noncurrent_version_expiration),
        )


@dataclass(frozen=True)
class SpacesBucketVersioning:
    """The ``versioning`` block."""

    enabled: bool | core.IResolvable | None = None
    ATTRS: ClassVar[tuple[Attr, ...]] = (Attr("enabled", "boolean"),)


_ATTRS = (
    Attr("acl", "string"),
    Attr("force_destroy", "boolean"),
    Attr("id", "string"),
    Attr("name", "string"),
    Attr("region", "string"),
    Attr("cors_rule", "block_list", SpacesBucketCorsRule, "list", "SpacesBucketCorsRuleList"),
    Attr("lifecycle_rule", "block_list", SpacesBucketLifecycleRule, "list", "SpacesBucketLifecycleRuleList"),
    Attr("versioning", "block", SpacesBucketVersioning, "list", "SpacesBucketVersioningList"),
)


class SpacesBucket(SchemaResource):
    """A DigitalOcean Spaces bucket (``digitalocean_spaces_bucket``)."""

    ATTRS = _ATTRS
    TF_RESOURCE_TYPE = "digitalocean_spaces_bucket"

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        name: str,
        acl: str | None = None,
        cors_rule: core.IResolvable | Sequence[SpacesBucketCorsRule | Mapping[str, Any]] | None = None,
        force_destroy: bool | core.IResolvable | None = None,
        id: str | None = None,
        lifecycle_rule: core.IResolvable | Sequence[SpacesBucketLifecycleRule | Mapping[str, Any]] | None = None,
        region: str | None = None,
        versioning: SpacesBucketVersioning | Mapping[str, Any] | None = None,
        **meta: Any,
    ) -> None:
        attrs: dict[str, Any] = {
            "acl": acl,
            "force_destroy": force_destroy,
            "id": id,
            "name": name,
            "region": region,
            "cors_rule": blocks_of(SpacesBucketCorsRule, cors_rule),
            "lifecycle_rule": blocks_of(SpacesBucketLifecycleRule, lifecycle_rule),
            "versioning": block_of(SpacesBucketVersioning, versioning),
        }
        super().__init__(scope, id_, attrs, **meta)

    @property
    def name(self) -> str:
        """The bucket's name (a token)."""
        return self.get_string_attribute("name")

    @property
    def region(self) -> str:
        """The bucket's region (a token)."""
        return self.get_string_attribute("region")

    @property
    def urn(self) -> str:
        """The bucket's URN (a token), DigitalOcean's counterpart of an ARN."""
        return self.get_string_attribute("urn")

    @property
    def bucket_domain_name(self) -> str:
        """The bucket's domain name (a token)."""
        return self.get_string_attribute("bucket_domain_name")

    @property
    def endpoint(self) -> str:
        """The bucket's endpoint (a token)."""
        return self.get_string_attribute("endpoint")
