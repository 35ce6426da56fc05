"""Location rules the other pure tests left open: a withheld value shows as ``<redacted>`` (never as ``None``,
which would read as "left out"), a token inside a CA bundle, and a CA bundle checked without a deprecated call."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from cdktf_velero import VeleroConfigError

from .internal import planned_output
from .strategies import FAKE_TOKENS
from .test_pure_locations import aws, do
from .test_pure_s3_compatible import spec, store
from .test_s3_compatible import CA_ONE, FAKE_KEY

pytestmark = pytest.mark.pure

REDACTED = "(got <redacted>)"


def refusal(kwargs: dict[str, Any]) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        planned_output(kwargs)
    return raised.value


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"aws": aws(), "locations": [store(ca_cert=FAKE_KEY)]}, "locations[0].ca_cert"),
        ({"aws": aws(), "locations": [store(ca_cert=42)]}, "locations[0].ca_cert"),
        ({"aws": aws(), "locations": [store(endpoint="http://minio", ca_cert=CA_ONE)]}, "locations[0].ca_cert"),
        ({"aws": aws(), "locations": [store(endpoint="https://user:pw@minio.example.com")]}, "locations[0].endpoint"),
        ({"aws": aws(create_iam_user=True)}, "aws.access_key_id"),
        ({"aws": aws(), "digitalocean": do(volume_snapshots=None)}, "digitalocean.api_token"),
    ],
)
def test_a_withheld_value_is_shown_redacted(kwargs: dict[str, Any], path: str) -> None:
    error = refusal(kwargs)
    assert (error.path, error.value) == (path, None)
    assert str(error).endswith(REDACTED)


def test_a_ca_bundle_is_checked_without_a_deprecation_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert spec(store(ca_cert=CA_ONE))["objectStorage"]["caCert"]


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_ca_bundle_holding_a_token_beside_its_certificate_is_refused(where: str) -> None:
    """The bundle is read at synth: a token in it (even outside the PEM blocks, which alone are kept) is refused."""
    bundle = f"{FAKE_TOKENS[0]}\n{CA_ONE}" if where == "before" else f"{CA_ONE}{FAKE_TOKENS[0]}\n"
    error = refusal({"aws": aws(), "locations": [store(ca_cert=bundle)]})
    assert (error.path, error.value) == ("locations[0].ca_cert", None)
