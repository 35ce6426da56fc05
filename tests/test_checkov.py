"""checkov scans the Terraform JSON the library synthesizes: no failed check on the resources it creates.

checkov pins many dependencies, so it lives in its own virtual environment; ``CHECKOV_BIN`` names
its executable (``make test`` sets it). Unset: the scan is skipped; set but missing: the test fails.
Checks the library fails on purpose are listed in ``.checkov.yaml`` with a reason beside each.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cdktf_velero import (
    AwsLocation,
    DigitalOceanLocation,
    S3BackupBucket,
    S3BucketOptions,
    S3LifecycleRule,
    SpacesBucket,
    SpacesBucketOptions,
    VeleroBackups,
)
from cdktf_velero.engine.core import App, TerraformStack, TerraformVariable, Testing

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".checkov.yaml"
OPT_IN_CHECKS = {"CKV_AWS_21", "CKV_DIO_1", "CKV_AWS_18", "CKV_AWS_145"}
"""Skipped in .checkov.yaml because their feature is opt-in: turned on, they must pass."""


@pytest.fixture(scope="module")
def checkov_bin() -> Path:
    value = os.environ.get("CHECKOV_BIN")
    if not value:
        pytest.skip("CHECKOV_BIN is not set: point it at checkov in its own venv (make test does)")
    path = Path(value)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"CHECKOV_BIN={value} is not an executable checkov")
    return path


def scan(checkov: Path, tmp_path: Path, doc: str, *, config: Path | None, quiet: bool = True) -> dict[str, Any]:
    """Run checkov on one synthesized document copied to ``main.tf.json`` in an empty folder."""
    folder = tmp_path / "scan"
    folder.mkdir()
    (folder / "main.tf.json").write_text(doc)
    args = [str(checkov), "-d", str(folder), "--framework", "terraform_json", "--skip-download"]
    args += ["--quiet", "--compact", "-o", "json"] if quiet else ["--compact", "-o", "json"]
    if config is not None:
        args += ["--config-file", str(config)]
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE"}
    # cwd=tmp_path: checkov reads a .checkov.yaml from its working directory; only --config-file counts here.
    result = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    reports = report if isinstance(report, list) else [report]
    (terraform,) = [r for r in reports if r.get("check_type") == "terraform_json"]
    return terraform  # type: ignore[no-any-return]


def failed(report: dict[str, Any]) -> list[str]:
    return [f"{c['check_id']} {c['resource']}: {c['check_name']}" for c in report["results"]["failed_checks"]]


def passed_ids(report: dict[str, Any]) -> set[str]:
    """Ids of passed checks (``--quiet`` leaves them out of the report)."""
    return {c["check_id"] for c in report["results"]["passed_checks"]}


def everything_created() -> str:
    app: App = Testing.app()
    stack = TerraformStack(app, "checkov")
    token = TerraformVariable(stack, "digitalocean_token", type="string", sensitive=True).string_value
    VeleroBackups(
        stack,
        "velero",
        outputs=True,
        aws=AwsLocation(bucket="acme-velero", region="ca-central-1", create_bucket=True, create_iam_user=True),
        digitalocean=DigitalOceanLocation(
            bucket="acme-velero", region="nyc3", create_bucket=True, create_spaces_key=True, api_token=token
        ),
    )
    return str(Testing.synth(stack))


def hardened() -> str:
    app: App = Testing.app()
    stack = TerraformStack(app, "hardened")
    S3BackupBucket(
        stack,
        "s3",
        bucket_name="acme-velero",
        options=S3BucketOptions(
            kms_key_arn="arn:aws:kms:ca-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            versioning=True,
            access_log_bucket="acme-access-logs",
            lifecycle_rules=[S3LifecycleRule("old-versions", noncurrent_version_expiration_days=30)],
        ),
    )
    SpacesBucket(
        stack, "spaces", bucket_name="acme-velero", region="nyc3", options=SpacesBucketOptions(versioning=True)
    )
    return str(Testing.synth(stack))


def test_library_defaults_pass_checkov(checkov_bin: Path, tmp_path: Path) -> None:
    report = scan(checkov_bin, tmp_path, everything_created(), config=CONFIG)
    assert failed(report) == []
    assert report["summary"]["parsing_errors"] == 0
    # It did scan the resources: at least the storage checks that apply (public access, encryption, ...) ran.
    assert report["summary"]["passed"] >= 15


def test_opt_in_features_satisfy_their_skipped_checks(checkov_bin: Path, tmp_path: Path) -> None:
    report = scan(checkov_bin, tmp_path, hardened(), config=None, quiet=False)
    assert passed_ids(report) >= OPT_IN_CHECKS, failed(report)
    assert not {line.split()[0] for line in failed(report)} & OPT_IN_CHECKS


def test_every_skipped_check_has_a_reason() -> None:
    lines = CONFIG.read_text().splitlines()
    start = lines.index("skip-check:")
    entries = [line for line in lines[start + 1 :] if line.startswith("  - ")]
    assert entries, "skip-check lists nothing"
    for line in entries:
        match = re.fullmatch(r"  - (CKV2?_[A-Z0-9]+_\d+) +# (.{20,})", line)
        assert match, f"needs a check id and a one-line reason: {line!r}"
    ids = {line.split()[1] for line in entries}
    assert ids >= OPT_IN_CHECKS
