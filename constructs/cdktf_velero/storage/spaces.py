"""A private DigitalOcean Spaces bucket for Velero and, optionally, a Spaces key scoped to it.

The DigitalOcean provider's modules are imported inside the constructor, so a configuration that creates no
Spaces resource never loads the provider.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from constructs import Construct

from .. import validation as v
from ..engine.core import TerraformProvider
from .options import SpacesBucketOptions, check_spaces_bucket_options

if TYPE_CHECKING:
    from ..engine import digitalocean

    SpacesKey: TypeAlias = digitalocean.spaces_key.SpacesKey

__all__ = ["SpacesBucket"]


class SpacesBucket(Construct):
    """A private DigitalOcean Spaces bucket for Velero, protected from ``terraform destroy``, and
    optionally a Spaces access key that can only read and write this bucket.

    Construct ids (stable; Terraform addresses under this construct's path): ``bucket``
    (``digitalocean_spaces_bucket``), ``key`` (``digitalocean_spaces_key``, with ``create_key``).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        bucket_name: str,
        region: str,
        options: SpacesBucketOptions | None = None,
        create_key: bool = False,
        key_name: str | None = None,
        provider: TerraformProvider | None = None,
        property_path: str = "",
    ) -> None:
        """:param bucket_name: the bucket's name (Spaces naming rules; a token passes unchecked).
        :param region: Spaces region, e.g. ``nyc3``.
        :param options: how to build it. Default ``SpacesBucketOptions()``: private, no expiration, no
            versioning, protected from destroy.
        :param create_key: also create a ``digitalocean_spaces_key`` granted ``readwrite`` on this bucket
            only, whose pair feeds Velero. Default ``False`` (a key pair is passed in).
        :param key_name: the key's name in the control panel. Default ``velero-<bucket name>``.
        :param provider: an aliased DigitalOcean provider. Default: the stack's.
        :param property_path: prefix of property names in errors (``digitalocean.`` from VeleroBackups).
        """
        checked_name = v.check_spaces_bucket(f"{property_path}bucket", bucket_name)
        checked_region = v.check_spaces_region(f"{property_path}region", region)
        opts = check_spaces_bucket_options(
            f"{property_path}bucket_options", options if options is not None else SpacesBucketOptions()
        )
        v.check_bool(f"{property_path}create_spaces_key", create_key)
        name = v.check_str(f"{property_path}spaces_key_name", key_name or f"velero-{checked_name}")
        super().__init__(scope, construct_id)  # after the checks: a refusal leaves no construct behind
        self.bucket_name = checked_name
        """The bucket's name as given."""
        self.region = checked_region
        """The bucket's region."""
        self.options = opts
        """The validated options."""

        from ..engine import digitalocean

        SpacesBucketResource: TypeAlias = digitalocean.spaces_bucket.SpacesBucket
        SpacesBucketLifecycleRule: TypeAlias = digitalocean.spaces_bucket.SpacesBucketLifecycleRule
        SpacesBucketLifecycleRuleExpiration: TypeAlias = digitalocean.spaces_bucket.SpacesBucketLifecycleRuleExpiration

        rules = (
            [
                SpacesBucketLifecycleRule(
                    id="expire-backups",
                    enabled=True,
                    expiration=SpacesBucketLifecycleRuleExpiration(days=opts.expiration_days),
                )
            ]
            if opts.expiration
            else None
        )
        self.bucket = SpacesBucketResource(
            self,
            "bucket",
            name=self.bucket_name,
            region=self.region,
            acl="private",
            force_destroy=opts.force_destroy,
            versioning={"enabled": True} if opts.versioning else None,
            lifecycle_rule=rules,
            lifecycle={"prevent_destroy": opts.prevent_destroy},
            provider=provider,
        )
        """``digitalocean_spaces_bucket``."""
        self.urn: str = self.bucket.urn
        """The bucket's URN (a token), DigitalOcean's counterpart of an ARN."""

        self.key: SpacesKey | None = None
        """``digitalocean_spaces_key`` (``None`` unless ``create_key``)."""
        self.access_key_id: str | None = None
        """The created key's access key (token): Velero's ``aws_access_key_id`` for Spaces."""
        self.secret_access_key: str | None = None
        """The created key's secret (token, sensitive). Never output."""
        if create_key:
            from ..engine import digitalocean

            SpacesKey: TypeAlias = digitalocean.spaces_key.SpacesKey
            SpacesKeyGrant: TypeAlias = digitalocean.spaces_key.SpacesKeyGrant

            key = SpacesKey(
                self,
                "key",
                name=name,
                grant=[SpacesKeyGrant(bucket=self.bucket.name, permission="readwrite")],
                provider=provider,
            )
            self.key = key
            self.access_key_id = key.access_key
            self.secret_access_key = key.secret_key
