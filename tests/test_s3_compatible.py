"""``S3CompatibleLocation``: any S3-compatible store (MinIO in the cluster, Backblaze B2, R2, ...) in ``locations=``,
checked at synth, rendered beside the chart's objects, and every velero.io object passing its CRD."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from cdktf_velero import (
    AwsLocation,
    BackupSchedule,
    S3CompatibleLocation,
    VeleroBackups,
    VeleroConfigError,
)
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable, Testing
from cdktf_velero.plan import plan_backups
from tests.chart_render import crd_validator, validate_velero_objects
from tests.helpers import aws_location, chart_values, do_location, manifest_objects, resources, secrets, synth

TOKEN = "${TfToken[TOKEN.1]}"
"""A stand-in for a Terraform token in plan-only tests."""

# Two self-signed CA certificates made for these tests (EC P-256, no key kept): a private CA's bundle.
CA_ONE = """-----BEGIN CERTIFICATE-----
MIIBlTCCATugAwIBAgIUS/axDwccoPlh0DvGrDv9sE3RwyYwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUY2RrdGYtdmVsZXJvIHRlc3QgQ0EwIBcNMjYxMTI1MjAyMjMz
WhgPMjEyNjExMDEyMDIyMzNaMB8xHTAbBgNVBAMMFGNka3RmLXZlbGVybyB0ZXN0
IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEjpAPpVBirQfs7zJYFaYgMPjv
45k+8nGDtiWOBWtv/5OXxkXFTGHW+mC6ig+8U/PoGonAXcCbjEd4g3Atdv+ztaNT
MFEwHQYDVR0OBBYEFHWHyb7f1/zj3zRsTesX5URjLeouMB8GA1UdIwQYMBaAFHWH
yb7f1/zj3zRsTesX5URjLeouMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID
SAAwRQIhAL2Yo3b3wobgiauYR4HWcGDNy/i6rXYZi2IhIhHAiZPrAiAQm0e8eXBI
w9DJsdY0hIL95uZO0kyb59fIq7/TUXN+QQ==
-----END CERTIFICATE-----
"""
CA_TWO = """-----BEGIN CERTIFICATE-----
MIIBmjCCAT+gAwIBAgIUCrAacseoRSvqUz39bkpOJrkHgo0wCgYIKoZIzj0EAwIw
ITEfMB0GA1UEAwwWY2RrdGYtdmVsZXJvIHRlc3QgQ0EgMjAgFw0yNjExMjUyMDIy
MzNaGA8yMTI2MTEwMTIwMjIzM1owITEfMB0GA1UEAwwWY2RrdGYtdmVsZXJvIHRl
c3QgQ0EgMjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDjoR/sy+YrlDey0vsDU
iNeSB3McrtTBtbSlEFZ/nXkrDiRmNCrPWXnw06MYozkEblCSsZdoZZWE1/lcitUR
o3ijUzBRMB0GA1UdDgQWBBRupg0YxRH4kR5aQlL8x9pnZDi94zAfBgNVHSMEGDAW
gBRupg0YxRH4kR5aQlL8x9pnZDi94zAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
BAMCA0kAMEYCIQD2Ct/GG32r83tIhCpYuTmTyGOdBKgguncGaPXBasbEeAIhAKHc
KtbheYs+Ii/wifuE9jTqV3FFVEUiwN3EJZe54Jma
-----END CERTIFICATE-----
"""
FAKE_KEY = (
    "-----BEGIN PRIVATE KEY-----\nTUlJRXZnSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2t3Z2dTbEFnRUFBb0lCQVFD\n"
    "-----END PRIVATE KEY-----\n"
)
"""Not a key: a block a bundle must never carry, and whose text an error must never repeat."""

B2_ENDPOINT = "https://s3.us-west-004.backblazeb2.com"
MINIO_ENDPOINT = "http://minio.storage.svc.cluster.local:9000"


def s3c(name: str = "onprem", endpoint: str = "https://minio.example.com", **kwargs: Any) -> S3CompatibleLocation:
    """A location with token credentials, for plan-only tests."""
    return S3CompatibleLocation(name, "velero", "us-east-1", endpoint, TOKEN, TOKEN, **kwargs)


def plan(*locations: Any, **kwargs: Any) -> Any:
    aws = AwsLocation(bucket="acme", region="us-east-1", access_key_id=TOKEN, secret_access_key=TOKEN)
    return plan_backups(aws=aws, locations=list(locations), **kwargs)


def resolved(location: S3CompatibleLocation, **kwargs: Any) -> Any:
    found = plan(location, **kwargs).location("locations[0]")
    assert found is not None
    return found


def refusal(location: Any, **kwargs: Any) -> VeleroConfigError:
    with pytest.raises(VeleroConfigError) as raised:
        plan(location, **kwargs)
    return raised.value


def everything(stack: TerraformStack, s: dict[str, str], **kwargs: Any) -> VeleroBackups:
    """AWS + DigitalOcean + a second AWS region + MinIO in the cluster + Backblaze B2 (with its own schedule)."""
    return VeleroBackups(
        stack,
        "velero",
        aws=aws_location(s),
        digitalocean=do_location(s),
        locations=[
            aws_location(s, name="west", bucket="acme-velero-west", region="us-west-2", schedule=None),
            S3CompatibleLocation(
                "minio",
                "velero",
                "us-east-1",
                MINIO_ENDPOINT,
                s["aws_access_key_id"],
                s["aws_secret_access_key"],
                prefix="prod",
            ),
            S3CompatibleLocation(
                "b2",
                "acme-velero-b2",
                "us-west-004",
                B2_ENDPOINT,
                s["spaces_access_key_id"],
                s["spaces_secret_access_key"],
                ca_cert=CA_ONE + CA_TWO,
                schedule=BackupSchedule(cron="0 4 * * 0", ttl="2160h", name="weekly-b2"),
            ),
        ],
        outputs=True,
        **kwargs,
    )


def by_name(doc: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {obj["metadata"]["name"]: obj for obj in manifest_objects(doc) if obj["kind"] == kind}


def test_every_kind_of_location_renders_with_the_real_chart_and_passes_the_crds() -> None:
    stack = TerraformStack(Testing.app(), "all")
    backups = everything(stack, secrets(stack))
    doc = synth(stack)
    rendered = validate_velero_objects(doc)  # the chart's objects and every kubernetes_manifest, against the CRDs
    chart_bsls = {obj["metadata"]["name"]: obj for obj in rendered.of_kind("BackupStorageLocation")}
    manifest_bsls = by_name(doc, "BackupStorageLocation")
    assert set(chart_bsls) == {"aws"}
    assert set(manifest_bsls) == {"digitalocean", "west", "minio", "b2"}
    # Exactly one default, across what the chart renders and what the stack applies.
    defaults = [name for name, obj in {**chart_bsls, **manifest_bsls}.items() if obj["spec"].get("default")]
    assert defaults == ["aws"]
    assert backups.default_location_name == "aws"
    minio = manifest_bsls["minio"]["spec"]
    assert minio == {
        "provider": "aws",
        "objectStorage": {"bucket": "velero", "prefix": "prod"},
        "config": {
            "region": "us-east-1",
            "s3Url": MINIO_ENDPOINT,
            "s3ForcePathStyle": "true",
            "checksumAlgorithm": "",
        },
        "default": False,
        "accessMode": "ReadWrite",
        "credential": {"name": "velero-minio-credentials", "key": "cloud"},
    }
    b2 = manifest_bsls["b2"]["spec"]
    assert b2["config"]["s3Url"] == B2_ENDPOINT
    assert b2["config"]["region"] == "us-west-004"
    assert base64.b64decode(b2["objectStorage"]["caCert"]).decode() == f"{CA_ONE.strip()}\n{CA_TWO.strip()}\n"
    assert b2["credential"] == {"name": "velero-b2-credentials", "key": "cloud"}
    # Schedules: the chart's for AWS, the DigitalOcean one, and B2's own; none for west and minio.
    schedules = by_name(doc, "Schedule")
    assert set(schedules) == {"daily-digitalocean-backups", "weekly-b2"}
    assert schedules["weekly-b2"]["spec"]["template"]["storageLocation"] == "b2"
    assert schedules["weekly-b2"]["spec"]["template"]["ttl"] == "2160h"
    assert [obj["metadata"]["name"] for obj in rendered.of_kind("Schedule")] == ["velero-daily-aws-backups"]
    # Each location its own secret, holding the key pair it was given (references only).
    secret_data = {res["metadata"]["name"]: res["data"] for res in resources(doc, "kubernetes_secret").values()}
    assert secret_data["velero-b2-credentials"]["cloud"] == (
        "[default]\naws_access_key_id=${var.spaces_access_key_id}\n"
        "aws_secret_access_key=${var.spaces_secret_access_key}\n"
    )
    assert {"velero-minio-credentials", "velero-west-credentials", "digitalocean-spaces-credentials"} < set(secret_data)
    # One AWS plugin serves S3, Spaces and every S3-compatible store.
    values = chart_values(doc)
    assert [c["name"] for c in values["initContainers"]] == ["velero-plugin-for-aws", "velero-plugin-digitalocean"]
    assert {name for name in doc["output"] if name.startswith("velero_location_")} == {
        f"velero_location_{name}_{what}"
        for name, whats in {
            "west": ("bsl_name", "s3_bucket_name"),
            "minio": ("bsl_name", "bucket_name"),
            "b2": ("bsl_name", "bucket_name"),
        }.items()
        for what in whats
    }
    assert set(backups.location_resources) == {"digitalocean", "west", "minio", "b2"}


def test_every_location_goes_to_the_custom_resources_stack() -> None:
    app: App = Testing.app()
    chart, other = TerraformStack(app, "chart"), TerraformStack(app, "other")
    # Declared in the chart's stack, which the other one depends on: the primary aws key pair and the
    # DigitalOcean token feed secrets beside the chart, and a reference from "other" would close a cycle.
    s = secrets(chart)
    everything(chart, s, custom_resources_stack=other)
    chart_doc, other_doc = synth(chart), synth(other)
    assert "kubernetes_manifest" not in chart_doc["resource"]
    assert set(by_name(other_doc, "BackupStorageLocation")) == {"digitalocean", "west", "minio", "b2"}
    for obj in manifest_objects(other_doc):
        crd_validator(obj["kind"]).validate(obj)


def test_an_s3_compatible_location_may_be_the_default() -> None:
    result = plan(s3c(default=True))
    assert result.default_location_name == "onprem"
    assert result.values["configuration"]["defaultBackupStorageLocation"] == "onprem"
    assert result.values["configuration"]["backupStorageLocation"][0]["default"] is False


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://s3.us-west-004.backblazeb2.com",
        "https://0123456789abcdef.r2.cloudflarestorage.com",
        "https://fsn1.your-objectstorage.com",
        "https://minio.example.com:9443",
        "https://10.0.0.5:9000",
        "https://[fd00::5]:9000",
        "http://minio",
        "http://minio:9000",
        "http://minio.storage.svc:9000",
        "http://minio.storage.svc.cluster.local:9000",
        TOKEN,
    ],
)
def test_endpoints_accepted(endpoint: str) -> None:
    assert resolved(s3c(endpoint=endpoint)).bsl_spec.config["s3Url"] == endpoint


@pytest.mark.parametrize(
    ("endpoint", "words"),
    [
        ("http://minio.example.com", "plain http to a host outside the cluster"),
        ("http://10.0.0.5:9000", "plain http to a host outside the cluster"),
        ("http://minio.storage:9000", "plain http to a host outside the cluster"),
        ("minio.example.com", "must be a URL"),
        ("ftp://minio.example.com", "must be a URL"),
        ("https://minio.example.com/", "must be a URL"),
        ("https://minio.example.com/velero", "must be a URL"),
        ("https://minio.example.com?x=1", "must be a URL"),
        ("https://minio.example.com:0", "must be a URL"),
        ("https://minio.example.com:70000", "must be a URL"),
        ("https://minio example.com", "must be a URL"),
        ("https://", "must name a host"),
        ("https://-minio.example.com", "must name a host"),
        ("https://minio_1.example.com", "must name a host"),
        ("", "must not be empty"),
    ],
)
def test_endpoints_refused(endpoint: str, words: str) -> None:
    error = refusal(s3c(endpoint=endpoint))
    assert error.path == "locations[0].endpoint"
    assert words in str(error)
    assert error.value == endpoint


def test_an_endpoint_with_credentials_is_refused_without_repeating_them() -> None:
    error = refusal(s3c(endpoint="https://velero:hunter2secret@minio.example.com"))
    assert error.path == "locations[0].endpoint"
    assert "hunter2secret" not in str(error)
    assert error.value is None


def test_plain_http_outside_the_cluster_needs_the_opt_in() -> None:
    location = resolved(s3c(endpoint="http://192.168.1.20:9000", allow_insecure_http=True))
    assert location.bsl_spec.config["s3Url"] == "http://192.168.1.20:9000"
    error = refusal(s3c(endpoint="https://minio.example.com", allow_insecure_http=True))
    assert (error.path, error.value) == ("locations[0].allow_insecure_http", True)


@pytest.mark.parametrize(
    "region", ["auto", "us-west-004", "fsn1", "us-east-1", "eu-central-1", "gra", "de_1", "RegionOne"]
)
def test_free_form_regions_are_accepted(region: str) -> None:
    location = S3CompatibleLocation("onprem", "velero", region, "https://s3.example.com", TOKEN, TOKEN)
    assert resolved(location).bsl_spec.config["region"] == region


@pytest.mark.parametrize("region", ["", "us east", "us-east-1/", "a:b", "-auto", "x" * 65, "r\u00e9gion"])
def test_unsafe_regions_are_refused(region: str) -> None:
    error = refusal(S3CompatibleLocation("onprem", "velero", region, "https://s3.example.com", TOKEN, TOKEN))
    assert error.path == "locations[0].region"


@pytest.mark.parametrize("bucket", ["ab", "a/b", "-velero", "velero-", "a..b", "x" * 64, "velero bucket"])
def test_bad_buckets_are_refused(bucket: str) -> None:
    error = refusal(S3CompatibleLocation("onprem", bucket, "auto", "https://s3.example.com", TOKEN, TOKEN))
    assert error.path == "locations[0].bucket"


def test_the_config_defaults_and_what_the_user_may_override() -> None:
    assert resolved(s3c()).bsl_spec.config == {
        "region": "us-east-1",
        "s3Url": "https://minio.example.com",
        "s3ForcePathStyle": "true",
        "checksumAlgorithm": "",
    }
    config = resolved(s3c(force_path_style=False, config={"checksumAlgorithm": "CRC32", "publicUrl": "https://x"}))
    assert config.bsl_spec.config == {
        "region": "us-east-1",
        "s3Url": "https://minio.example.com",
        "s3ForcePathStyle": "false",
        "checksumAlgorithm": "CRC32",
        "publicUrl": "https://x",
    }
    for key in ("s3Url", "region", "s3ForcePathStyle"):
        error = refusal(s3c(config={key: "x"}))
        assert error.path == f"locations[0].config.{key}"
    assert refusal(s3c(force_path_style="yes")).path == "locations[0].force_path_style"


def test_the_ca_bundle_is_checked_and_base64_encoded() -> None:
    # Text around the blocks (a bundle's comments) is left out of what the cluster receives.
    spec = resolved(s3c(ca_cert=f"# private CA\n{CA_ONE}")).bsl_spec
    assert spec.object_storage.ca_cert == base64.b64encode(CA_ONE.strip().encode() + b"\n").decode()
    assert resolved(s3c()).bsl_spec.object_storage.ca_cert is None


@pytest.mark.parametrize(
    ("ca_cert", "words"),
    [
        ("not a certificate", "must hold PEM certificates"),
        (CA_ONE.replace("-----END CERTIFICATE-----", ""), "must hold PEM certificates"),
        (CA_ONE + FAKE_KEY, "block 2 is a PRIVATE KEY"),
        (CA_ONE.replace("CERTIFICATE", "PUBLIC KEY"), "block 1 is a PUBLIC KEY"),
        (CA_ONE.replace("MIIB", "MIIC", 1), "certificate 1 is not a valid X.509 certificate"),
        (CA_ONE.replace("MIIB", "MI!B", 1), "certificate 1 is not a valid X.509 certificate"),
        (TOKEN, "a literal"),
    ],
)
def test_bad_ca_bundles_are_refused_without_repeating_them(ca_cert: str, words: str) -> None:
    error = refusal(s3c(ca_cert=ca_cert))
    assert error.path == "locations[0].ca_cert"
    assert words in str(error)
    assert error.value is None
    assert "TUlJRXZn" not in str(error)


def test_a_ca_bundle_needs_an_https_endpoint() -> None:
    error = refusal(s3c(endpoint="http://minio:9000", ca_cert=CA_ONE))
    assert error.path == "locations[0].ca_cert"
    assert "https" in str(error)


def test_names_and_secrets_derive_from_the_name() -> None:
    location = resolved(s3c(name="wasabi", schedule=BackupSchedule(cron="@daily")))
    assert (location.construct_id, location.credentials.name) == ("location-wasabi", "velero-wasabi-credentials")
    assert location.schedule.name == "daily-wasabi-backups"
    assert resolved(s3c(credentials_secret_name="wasabi-keys")).credentials.name == "wasabi-keys"
    assert refusal(s3c(credentials_secret_name="Wasabi")).path == "locations[0].credentials_secret_name"
    assert refusal(s3c(name=TOKEN)).path == "locations[0].name"
    two = [s3c(name="a", credentials_secret_name="keys"), s3c(name="b", credentials_secret_name="keys")]
    with pytest.raises(VeleroConfigError) as raised:
        plan(*two)
    assert raised.value.path == "locations[1].credentials_secret_name"


def test_credentials_are_tokens_unless_plaintext_is_allowed_and_never_shown() -> None:
    literal = S3CompatibleLocation(
        "onprem", "velero", "auto", "https://s3.example.com", "KEYIDLITERAL1", "SECRETLITERAL2"
    )
    assert "LITERAL" not in repr(literal)
    error = refusal(literal)
    assert error.path == "locations[0].access_key_id"
    assert "LITERAL" not in str(error)
    assert resolved(literal, allow_plaintext_secrets=True).credentials.keys is not None
    missing = S3CompatibleLocation("onprem", "velero", "auto", "https://s3.example.com", None, TOKEN)  # type: ignore[arg-type]
    assert refusal(missing).path == "locations[0].access_key_id"


def test_literal_credentials_reach_only_the_secret() -> None:
    stack = TerraformStack(Testing.app(), "plain")
    VeleroBackups(
        stack,
        "velero",
        allow_plaintext_secrets=True,
        aws=AwsLocation(bucket="acme", region="us-east-1", access_key_id="AKIDPRIMARY", secret_access_key="SKPRIMARY"),
        locations=[
            S3CompatibleLocation(
                "onprem", "velero", "auto", "https://s3.example.com", "KEYIDLITERAL1", "SECRETLITERAL2"
            )
        ],
    )
    doc = synth(stack)
    secret = next(
        res
        for res in resources(doc, "kubernetes_secret").values()
        if res["metadata"]["name"] == "velero-onprem-credentials"
    )
    assert "SECRETLITERAL2" in secret["data"]["cloud"]
    rest = {kind: by for kind, by in doc["resource"].items() if kind != "kubernetes_secret"}
    assert "LITERAL" not in json.dumps(rest)
    assert "LITERAL" not in json.dumps(doc.get("output", {}))


def test_positional_props_and_keyword_options() -> None:
    with pytest.raises(TypeError):
        S3CompatibleLocation("onprem", "velero", "auto", "https://s3.example.com", TOKEN, TOKEN, None)  # type: ignore[call-arg]


def test_a_literal_key_is_escaped_for_terraform_in_its_secret() -> None:
    """Literal text that looks like a Terraform template reaches the cluster as given: escaped once, whole."""
    stack = TerraformStack(Testing.app(), "escaped")
    store = S3CompatibleLocation("onprem", "velero", "auto", "https://s3.example.com", "KEY${x}", "SECRET%{y}")
    VeleroBackups(stack, "velero", allow_plaintext_secrets=True, aws=aws_location(secrets(stack)), locations=[store])
    by_name = {res["metadata"]["name"]: res for res in resources(synth(stack), "kubernetes_secret").values()}
    assert by_name["velero-onprem-credentials"]["data"]["cloud"] == (
        "[default]\naws_access_key_id=KEY$${x}\naws_secret_access_key=SECRET%%{y}\n"
    )


@pytest.mark.parametrize("declared_in", ["chart", "resources", "downstream"])
def test_a_store_key_must_not_close_a_stack_cycle(tmp_path: Path, declared_in: str) -> None:
    """The store's secret is created beside the custom resources: a key declared in a stack that depends on that
    one is refused at construction, naming the property; from the chart's or the same stack, the app synthesizes."""
    app = App(outdir=str(tmp_path), skip_validation=True)
    stacks = {name: TerraformStack(app, name) for name in ("chart", "resources", "downstream")}
    stacks["downstream"].add_dependency(stacks["resources"])
    s = secrets(stacks["chart"])
    key = TerraformVariable(stacks[declared_in], "store_key", type="string", sensitive=True).string_value
    store = S3CompatibleLocation("onprem", "velero", "auto", "https://s3.example.com", s["aws_access_key_id"], key)

    def build() -> VeleroBackups:
        return VeleroBackups(
            stacks["chart"],
            "velero",
            aws=aws_location(s),
            locations=[store],
            custom_resources_stack=stacks["resources"],
        )

    if declared_in == "downstream":
        with pytest.raises(VeleroConfigError) as raised:
            build()
        assert raised.value.path == "locations[0].secret_access_key"
        assert "stack 'resources'" in str(raised.value)
        assert "${TfToken" not in str(raised.value)
        return
    build()
    app.synth()
    assert (tmp_path / "stacks" / "resources" / "cdk.tf.json").is_file()


@pytest.mark.parametrize("prop", ["endpoint", "bucket", "region", "prefix"])
def test_a_sensitive_value_in_a_prop_that_is_no_credential_is_refused(prop: str) -> None:
    """Only the key pair may carry a sensitive variable: the other props reach the BSL, a custom resource."""
    stack = TerraformStack(Testing.app(), "sensitive")
    s = secrets(stack)
    hidden = TerraformVariable(stack, "hidden", type="string", sensitive=True).string_value
    props: dict[str, Any] = {"name": "onprem", "bucket": "velero", "region": "auto", "endpoint": "https://s3.x.io"}
    keys: dict[str, Any] = {"access_key_id": s["aws_access_key_id"], "secret_access_key": s["aws_secret_access_key"]}
    store = S3CompatibleLocation(**{**props, prop: hidden}, **keys)
    with pytest.raises(VeleroConfigError) as raised:
        VeleroBackups(stack, "velero", aws=aws_location(s), locations=[store])
    assert raised.value.path == f"locations[0].{prop}"
    assert "${TfToken" not in str(raised.value)
