"""Synth-time checks for literal values; Terraform tokens pass through unchecked.

Each ``check_*`` function returns the value it was given (so it can be used inline) or raises
:class:`~cdktf_velero.VeleroConfigError` naming the property path, the value and the rule. Split by
subject: :mod:`.core` (strings, names, labels, lists, maps, images), :mod:`.secrets` (credentials: whole tokens,
token encodings), :mod:`.cron` (cron expressions and Go durations), :mod:`.cloud` (regions, bucket names, KMS
keys, IAM names and tags, URLs) and :mod:`.terraform` (tokens, template sequences and their escaping, Terraform
identifiers).
"""

from __future__ import annotations

from .cloud import (
    SPACES_REGIONS,
    check_aws_region,
    check_aws_tags,
    check_iam_user_name,
    check_kms_key_arn,
    check_s3_bucket,
    check_spaces_bucket,
    check_spaces_region,
    check_url,
)
from .core import (
    check_bool,
    check_dns_label,
    check_dns_subdomain,
    check_image,
    check_label_key,
    check_label_selector,
    check_labels,
    check_name_list,
    check_namespace_list,
    check_namespace_pattern,
    check_positive_int,
    check_prefix,
    check_resource_list,
    check_str,
    check_string_map,
    check_yaml_plain,
    is_dns_subdomain,
    is_yaml_plain,
)
from .cron import check_cron, check_duration, cron_fields, duration_seconds, unrestricted
from .secrets import check_secret, holds_token_encoding, is_single_token
from .terraform import (
    check_terraform_identifier,
    check_text,
    check_token_keys,
    escape_terraform_template,
    has_template,
    is_token,
)

__all__ = [
    "SPACES_REGIONS",
    "check_aws_region",
    "check_aws_tags",
    "check_bool",
    "check_cron",
    "check_dns_label",
    "check_dns_subdomain",
    "check_duration",
    "check_iam_user_name",
    "check_image",
    "check_kms_key_arn",
    "check_label_key",
    "check_label_selector",
    "check_labels",
    "check_name_list",
    "check_namespace_list",
    "check_namespace_pattern",
    "check_positive_int",
    "check_prefix",
    "check_resource_list",
    "check_s3_bucket",
    "check_secret",
    "check_spaces_bucket",
    "check_spaces_region",
    "check_str",
    "check_string_map",
    "check_terraform_identifier",
    "check_text",
    "check_token_keys",
    "check_url",
    "check_yaml_plain",
    "cron_fields",
    "duration_seconds",
    "escape_terraform_template",
    "has_template",
    "holds_token_encoding",
    "is_single_token",
    "is_dns_subdomain",
    "is_token",
    "is_yaml_plain",
    "unrestricted",
]
