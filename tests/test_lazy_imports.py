"""Providers load only when their resources are created: the AWS package alone costs ~12 s and 530 MiB.

Each case runs in a fresh interpreter, since this test process may have imported the providers already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cdktf_velero.engine import ENGINE, PROVIDER_PACKAGES

ROOT = Path(__file__).resolve().parents[1]
# The engine's packages (on cdktn, DigitalOcean is the library's own bindings module).
AWS = PROVIDER_PACKAGES[ENGINE]["aws"]
DIGITALOCEAN = PROVIDER_PACKAGES[ENGINE]["digitalocean"]

PRELUDE = """
import json, sys
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable, Testing
from cdktf_velero import AwsLocation, DigitalOceanLocation, VeleroBackups
app = Testing.app()
stack = TerraformStack(app, "lazy")
def secret(name):
    return TerraformVariable(stack, name, type="string", sensitive=True).string_value
"""

EPILOGUE = """
doc = json.loads(Testing.synth(stack))
from cdktf_velero.engine import ENGINE, PROVIDER_PACKAGES
loaded = sorted(package for package in PROVIDER_PACKAGES[ENGINE].values() if package in sys.modules)
print(json.dumps({"loaded": loaded, "types": sorted(doc["resource"])}))
"""

EXISTING = """
VeleroBackups(
    stack,
    "velero",
    aws=AwsLocation(
        bucket="acme-velero", region="ca-central-1",
        access_key_id=secret("aws_id"), secret_access_key=secret("aws_secret"),
    ),
    digitalocean=DigitalOceanLocation(
        bucket="acme-velero", region="nyc3",
        spaces_access_key_id=secret("spaces_id"), spaces_secret_access_key=secret("spaces_secret"),
        api_token=secret("token"),
    ),
)
"""

CREATED_S3 = """
VeleroBackups(
    stack,
    "velero",
    aws=AwsLocation(bucket="acme-velero", region="ca-central-1", create_bucket=True, create_iam_user=True),
    digitalocean=DigitalOceanLocation(
        bucket="acme-velero", region="nyc3",
        spaces_access_key_id=secret("spaces_id"), spaces_secret_access_key=secret("spaces_secret"),
        api_token=secret("token"),
    ),
)
"""

CREATED_SPACES = """
VeleroBackups(
    stack,
    "velero",
    aws=AwsLocation(
        bucket="acme-velero", region="ca-central-1",
        access_key_id=secret("aws_id"), secret_access_key=secret("aws_secret"),
    ),
    digitalocean=DigitalOceanLocation(
        bucket="acme-velero", region="nyc3", create_bucket=True, create_spaces_key=True, api_token=secret("token"),
    ),
)
"""


def run_fresh(body: str) -> dict[str, list[str]]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(ROOT / "node_modules" / ".bin"), str(Path(sys.executable).parent), env["PATH"]])
    code = textwrap.dedent(PRELUDE) + textwrap.dedent(body) + textwrap.dedent(EPILOGUE)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_existing_buckets_load_neither_aws_nor_digitalocean() -> None:
    out = run_fresh(EXISTING)
    assert AWS not in out["loaded"]
    assert DIGITALOCEAN not in out["loaded"]
    # The stack is the full one (chart, secrets, custom resources), not an empty run.
    assert {"helm_release", "kubernetes_manifest", "kubernetes_secret"} <= set(out["types"])


@pytest.mark.parametrize(
    ("body", "loaded", "not_loaded", "created"),
    [
        (CREATED_S3, AWS, DIGITALOCEAN, {"aws_s3_bucket", "aws_iam_user", "aws_iam_access_key"}),
        (CREATED_SPACES, DIGITALOCEAN, AWS, {"digitalocean_spaces_bucket", "digitalocean_spaces_key"}),
    ],
    ids=["s3-created", "spaces-created"],
)
def test_created_storage_loads_only_its_provider(body: str, loaded: str, not_loaded: str, created: set[str]) -> None:
    out = run_fresh(body)
    assert loaded in out["loaded"]
    assert not_loaded not in out["loaded"]
    assert created <= set(out["types"])
