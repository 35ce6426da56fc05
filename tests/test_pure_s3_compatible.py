"""``S3CompatibleLocation`` through the pure layer: each endpoint, bucket, region and CA bundle rule at its
boundaries, and the exact BackupStorageLocation, credentials and chart values an accepted store plans."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from cdktf_velero import AwsLocation, BackupSchedule, S3CompatibleLocation, VeleroConfigError

from .internal import AWS_PLUGIN_IMAGE, planned_output, resolve
from .strategies import FAKE_SECRETS, FAKE_TOKENS
from .test_s3_compatible import CA_ONE, CA_TWO, FAKE_KEY

pytestmark = pytest.mark.pure

KEY_ID, SECRET_KEY = FAKE_SECRETS["spaces_access_key_id"], FAKE_SECRETS["spaces_secret_access_key"]
AWS = AwsLocation(
    bucket="acme",
    region="us-east-1",
    access_key_id=FAKE_SECRETS["aws_access_key_id"],
    secret_access_key=FAKE_SECRETS["aws_secret_access_key"],
)
HOST = "https://minio.example.com"
LABEL = "a" * 63
SERVER_ENV = [
    {"name": "AWS_REQUEST_CHECKSUM_CALCULATION", "value": "when_required"},
    {"name": "AWS_RESPONSE_CHECKSUM_VALIDATION", "value": "when_required"},
]


def store(
    *, name: str = "onprem", bucket: Any = "velero", region: Any = "us-east-1", endpoint: Any = HOST, **kw: Any
) -> S3CompatibleLocation:
    keys = {"access_key_id": KEY_ID, "secret_access_key": SECRET_KEY}
    return S3CompatibleLocation(name, bucket, region, endpoint, **{**keys, **kw})


def output(location: S3CompatibleLocation, **kwargs: Any) -> tuple[Any, dict[str, Any], list[dict[str, Any]]]:
    return planned_output({"aws": AWS, "locations": [location], **kwargs})


def spec(location: S3CompatibleLocation, **kwargs: Any) -> dict[str, Any]:
    """The spec of the BackupStorageLocation the store plans."""
    manifests = output(location, **kwargs)[2]
    found: dict[str, Any] = next(m for m in manifests if m["kind"] == "BackupStorageLocation")["spec"]
    return found


def refused(location: Any, prop: str, **kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        output(location, **kwargs)
    assert raised.value.path == f"locations[0].{prop}"
    assert raised.value.rule
    return raised.value


def test_a_store_plans_its_exact_location_secret_and_server_settings() -> None:
    plan, values, manifests = output(store())
    assert [m["kind"] for m in manifests] == ["BackupStorageLocation"]
    assert manifests[0]["metadata"]["name"] == "onprem"
    assert manifests[0]["metadata"]["namespace"] == "velero"
    assert manifests[0]["spec"] == {
        "provider": "aws",
        "objectStorage": {"bucket": "velero"},
        "config": {"region": "us-east-1", "s3Url": HOST, "s3ForcePathStyle": "true", "checksumAlgorithm": ""},
        "default": False,
        "accessMode": "ReadWrite",
        "credential": {"name": "velero-onprem-credentials", "key": "cloud"},
    }
    assert values["configuration"]["extraEnvVars"] == SERVER_ENV
    assert [(c["name"], c["image"]) for c in values["initContainers"]] == [("velero-plugin-for-aws", AWS_PLUGIN_IMAGE)]
    location = plan.location("locations[0]")
    assert (location.carrier, location.construct_id, location.s3_compatible_store) == (
        "custom_resources",
        "location-onprem",
        True,
    )
    creds = location.credentials
    assert (creds.construct_id, creds.name, creds.name_path, creds.key, creds.chart_default) == (
        "credentials",
        "velero-onprem-credentials",
        "locations[0].credentials_secret_name",
        "cloud",
        False,
    )
    assert (creds.keys.access_key_id, creds.keys.secret_access_key) == (KEY_ID, SECRET_KEY)
    assert [(o.name, o.value, o.description) for o in location.outputs] == [
        ("location_onprem_bsl_name", "onprem", "Velero BackupStorageLocation of the S3-compatible store"),
        ("location_onprem_bucket_name", "velero", "Bucket of the S3-compatible store"),
    ]
    assert location.schedule is None
    assert location.vsl_spec is None
    assert location.server_secret is None


def test_every_optional_prop_reaches_the_location() -> None:
    location = store(
        prefix="prod",
        access_mode="ReadOnly",
        credentials_secret_name="minio-keys",
        force_path_style=False,
        config={"checksumAlgorithm": "CRC32", "publicUrl": "https://x"},
        validation_frequency="5m",
        backup_sync_period="2m",
    )
    plan, values, _ = output(location)
    assert spec(location) == {
        "provider": "aws",
        "objectStorage": {"bucket": "velero", "prefix": "prod"},
        "config": {
            "region": "us-east-1",
            "s3Url": HOST,
            "s3ForcePathStyle": "false",
            "checksumAlgorithm": "CRC32",
            "publicUrl": "https://x",
        },
        "default": False,
        "accessMode": "ReadOnly",
        "credential": {"name": "minio-keys", "key": "cloud"},
        "validationFrequency": "5m",
        "backupSyncPeriod": "2m",
    }
    assert plan.default_location_name == "aws"
    assert values["configuration"]["extraEnvVars"] == SERVER_ENV


def test_a_store_may_be_the_default() -> None:
    plan, values, manifests = output(store(default=True))
    assert manifests[0]["spec"]["default"] is True
    assert (plan.default_location_name, values["configuration"]["defaultBackupStorageLocation"]) == ("onprem",) * 2


def test_the_default_schedule_is_named_after_the_store() -> None:
    _, _, manifests = output(store(name="wasabi", schedule=BackupSchedule(cron="@daily")))
    schedule = next(m for m in manifests if m["kind"] == "Schedule")
    assert schedule["metadata"]["name"] == "daily-wasabi-backups"
    assert schedule["spec"]["template"]["storageLocation"] == "wasabi"


def test_resolved_outside_locations_its_ids_still_derive_from_its_name() -> None:
    location = resolve(store(name="b2"), "b2", default=True)
    assert (location.construct_id, location.credentials.name) == ("location-b2", "velero-b2-credentials")
    assert [o.name for o in location.outputs] == ["location-b2_bsl_name", "bucket_name"]


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://s3.us-west-004.backblazeb2.com",
        "https://minio.example.com:1",
        "https://minio.example.com:65535",
        "https://10.0.0.5",
        "https://[fd00::5]:9000",
        "https://MinIO.Example.com",
        f"https://{LABEL}.{LABEL}.{LABEL}.{'a' * 61}",  # 253 characters
        "https://a-b.c",
        "https://a",
        "http://minio",
        "http://minio:9000",
        "http://minio.storage.svc",
        "http://minio.storage.svc.cluster.local:9000",
        FAKE_TOKENS[0],
    ],
)
def test_endpoints_accepted(endpoint: str) -> None:
    assert spec(store(endpoint=endpoint))["config"]["s3Url"] == endpoint


@pytest.mark.parametrize(
    "endpoint",
    [
        " https://minio.example.com",  # a space, which the URL parser would strip
        "\x00https://minio.example.com",  # a control character, likewise
        "minio.example.com",
        "ftp://minio.example.com",
        "https://minio.example.com/",
        "https://minio.example.com?x",
        "https://minio.example.com#x",
        "https://minio.example.com:0",
        "https://minio.example.com:65536",
        "https://",
        f"https://{LABEL}.{LABEL}.{LABEL}.{'a' * 62}",  # 254 characters
        f"https://{LABEL}a.example.com",
        "https://-minio.example.com",
        "https://minio-.example.com",
        "https://minio..example.com",
        "https://minio_1.example.com",
        "http://minio.example.com",
        "http://minio.storage",
        "http://minio.svcx",
        "http://1234",
        "http://10.0.0.5:9000",
        "http://[fd00::5]:9000",
        "",
    ],
)
def test_endpoints_refused(endpoint: str) -> None:
    error = refused(store(endpoint=endpoint), "endpoint")
    assert error.value == endpoint
    assert repr(endpoint) in str(error)


def test_an_endpoint_with_credentials_is_refused_without_repeating_them() -> None:
    error = refused(store(endpoint="https://velero:hunter2@minio.example.com"), "endpoint")
    assert error.value is None
    assert "hunter2" not in str(error)


@pytest.mark.parametrize("endpoint", ["http://minio.example.com", "http://10.0.0.5:9000", "http://[fd00::5]:9000"])
def test_plain_http_outside_the_cluster_needs_the_opt_in(endpoint: str) -> None:
    assert spec(store(endpoint=endpoint, allow_insecure_http=True))["config"]["s3Url"] == endpoint


@pytest.mark.parametrize(
    ("endpoint", "ok"), [("http://minio:9000", True), (FAKE_TOKENS[0], True), ("https://minio.example.com", False)]
)
def test_the_opt_in_is_refused_only_with_an_https_endpoint(endpoint: str, ok: bool) -> None:
    location = store(endpoint=endpoint, allow_insecure_http=True)
    if ok:
        assert spec(location)["config"]["s3Url"] == endpoint
        return
    assert refused(location, "allow_insecure_http").value is True


@pytest.mark.parametrize(
    ("prop", "value"),
    [("allow_insecure_http", "yes"), ("force_path_style", 1), ("credentials_secret_name", "Keys"), ("name", "Onprem")],
)
def test_typed_props_are_checked(prop: str, value: Any) -> None:
    assert refused(store(**{prop: value}), prop).value == value


def test_a_token_cannot_name_a_store() -> None:
    assert refused(store(name=FAKE_TOKENS[0]), "name").value == FAKE_TOKENS[0]


@pytest.mark.parametrize("bucket", ["abc", "a" * 63, "A_b.c-D", "a.b", FAKE_TOKENS[1]])
def test_buckets_accepted(bucket: str) -> None:
    assert spec(store(bucket=bucket))["objectStorage"]["bucket"] == bucket


@pytest.mark.parametrize("bucket", ["ab", "a" * 64, "-abc", "abc-", "_abc", "a..b", "a/b", "a b", 3])
def test_buckets_refused(bucket: Any) -> None:
    assert refused(store(bucket=bucket), "bucket").value == bucket


@pytest.mark.parametrize("region", ["a", "a" * 64, "us-west-004", "de_1", "Region.One", FAKE_TOKENS[2]])
def test_regions_accepted(region: str) -> None:
    assert spec(store(region=region))["config"]["region"] == region


@pytest.mark.parametrize("region", ["", "a" * 65, "-auto", "auto-", ".a", "us east", "a:b", "r\u00e9gion", None])
def test_regions_refused(region: Any) -> None:
    assert refused(store(region=region), "region").value == region


@pytest.mark.parametrize("key", ["region", "s3Url", "s3ForcePathStyle"])
def test_the_store_owns_its_config_keys(key: str) -> None:
    assert refused(store(config={key: "x"}), f"config.{key}").value == "x"


@pytest.mark.parametrize("prop", ["access_key_id", "secret_access_key"])
def test_both_keys_are_required_tokens(prop: str) -> None:
    missing: dict[str, Any] = {prop: None}
    error = refused(store(**missing), prop)
    assert error.value is None
    assert "<redacted>" not in str(error)  # nothing was given: nothing to hide
    error = refused(store(**{prop: "LITERALKEY1"}), prop)
    assert "LITERALKEY1" not in str(error)
    location = output(store(**{prop: "LITERALKEY1"}), allow_plaintext_secrets=True)[0].location("locations[0]")
    assert "LITERALKEY1" in (location.credentials.keys.access_key_id, location.credentials.keys.secret_access_key)


def pem_base64(*blocks: str) -> str:
    return base64.b64encode("".join(block.strip() + "\n" for block in blocks).encode()).decode()


@pytest.mark.parametrize(
    ("bundle", "blocks"),
    [
        (CA_ONE, (CA_ONE,)),
        (f"# private CA\n{CA_ONE}\ntrailing words\n{CA_TWO}", (CA_ONE, CA_TWO)),
        (CA_ONE.replace("\n", "\r\n"), (CA_ONE.replace("\n", "\r\n"),)),
    ],
)
def test_ca_bundles_keep_only_their_certificates_base64_encoded(bundle: str, blocks: tuple[str, ...]) -> None:
    assert spec(store(ca_cert=bundle))["objectStorage"] == {"bucket": "velero", "caCert": pem_base64(*blocks)}


def test_a_ca_bundle_with_a_token_endpoint_is_checked_and_kept() -> None:
    assert spec(store(endpoint=FAKE_TOKENS[0], ca_cert=CA_ONE))["objectStorage"]["caCert"] == pem_base64(CA_ONE)


@pytest.mark.parametrize(
    ("bundle", "number"),
    [
        (b"bytes", None),
        (FAKE_TOKENS[3], None),
        ("not a certificate", None),
        (CA_ONE.replace("-----END CERTIFICATE-----", ""), None),
        (CA_ONE + "-----BEGIN CERTIFICATE-----\nTUlJRXZn\n", None),  # an unfinished second block
        (CA_ONE + FAKE_KEY, "block 2"),
        (CA_ONE.replace("CERTIFICATE", "PUBLIC KEY"), "block 1"),
        (CA_TWO + CA_ONE.replace("MIIB", "MI!B", 1), "certificate 2"),  # not base64
        (CA_ONE.replace("MIIB", "MIIC", 1), "certificate 1"),  # base64, not a certificate
        (CA_ONE.replace("MIIB", "M!IIB", 1), "certificate 1"),  # a stray character, not skipped
    ],
)
def test_bad_ca_bundles_are_refused_without_repeating_them(bundle: Any, number: str | None) -> None:
    error = refused(store(ca_cert=bundle), "ca_cert")
    assert error.value is None
    assert "TUlJRXZn" not in str(error)
    assert "MII" not in str(error)
    if number is not None:
        assert number in error.rule


def test_a_ca_bundle_needs_an_https_endpoint() -> None:
    assert refused(store(endpoint="http://minio:9000", ca_cert=CA_ONE), "ca_cert").value is None
