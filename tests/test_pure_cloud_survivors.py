"""The clouds' names and URLs at the points the mutation run found unguarded (docs/mutation-report.md): a value
that is no text at all is refused with its path, and a URL with a space or a control character where the host
checks would not see it is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cdktf_velero import VeleroConfigError

from .internal import validation as v

pytestmark = pytest.mark.pure


@pytest.mark.parametrize("value", [5, None, "", "  "])
@pytest.mark.parametrize(
    "check", [v.check_aws_region, v.check_spaces_region, v.check_s3_bucket, v.check_spaces_bucket, v.check_url]
)
def test_a_name_that_is_no_text_is_refused_with_its_path(check: Callable[..., Any], value: object) -> None:
    with pytest.raises(VeleroConfigError) as raised:
        check("aws.bucket", value)
    assert (raised.value.path, raised.value.value) == ("aws.bucket", value)


@pytest.mark.parametrize(
    "url", ["https://example.com/a b", "https://example.com/a\x7fb", "https://example.com/\u200b", "https://x.io/\t"]
)
def test_a_url_with_a_space_or_control_character_in_its_path_is_refused(url: str) -> None:
    assert v.check_url("p", "https://example.com/ab") == "https://example.com/ab"
    with pytest.raises(VeleroConfigError) as raised:
        v.check_url("s3_url", url)
    assert (raised.value.path, raised.value.value) == ("s3_url", url)
