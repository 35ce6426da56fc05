"""Terraform itself, for the tests that let it read what the library writes: offline, with no provider but its
built-in one (``terraform_data``), in a directory of the test's own."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

TERRAFORM = shutil.which("terraform") or "/usr/local/bin/terraform"

needs_terraform = pytest.mark.skipif(not Path(TERRAFORM).is_file(), reason="terraform is not installed")
"""Skips a test on a machine without the binary (``make test`` machines have it: see the README)."""


def _run(workdir: Path, args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1", "TF_CLI_CONFIG_FILE": os.devnull}
    return subprocess.run([TERRAFORM, *args], cwd=workdir, env=env, capture_output=True, text=True, **kwargs)


def _write(workdir: Path, config: dict[str, Any], tfvars: dict[str, str] | None = None) -> None:
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "main.tf.json").write_text(json.dumps(config))
    if tfvars:
        (workdir / "values.auto.tfvars.json").write_text(json.dumps(tfvars))


def apply(workdir: Path, config: dict[str, Any], tfvars: dict[str, str] | None = None) -> dict[str, Any]:
    """``config`` (a ``.tf.json`` document) initialized and applied in ``workdir``: the value of each output."""
    _write(workdir, config, tfvars)
    for args in (["init", "-input=false", "-backend=false"], ["apply", "-auto-approve", "-input=false", "-lock=false"]):
        _run(workdir, args, check=True, timeout=300)
    shown = _run(workdir, ["output", "-json"], check=True, timeout=60)
    return {name: output["value"] for name, output in json.loads(shown.stdout).items()}


def console(workdir: Path, config: dict[str, Any], expression: str) -> Any:
    """``expression`` evaluated by ``terraform console`` beside ``config``."""
    _write(workdir, config)
    proc = _run(workdir, ["console"], input=f"base64encode(jsonencode({expression}))\n", timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    # Base64: the console prints strings in its own quoting, which is not JSON's for every character.
    return json.loads(base64.b64decode(json.loads(proc.stdout.strip().splitlines()[-1])))
