"""The real cdktf CLI (0.21.0, pinned in package.json): `cdktf synth` and `cdktf synth --hcl`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CDKTF = ROOT / "node_modules" / ".bin" / "cdktf"

pytestmark = pytest.mark.slow


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    # python3 on PATH must be the project's environment, as `make` arranges it.
    venv_bin = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"
    env["PATH"] = os.pathsep.join([str(ROOT / "node_modules" / ".bin"), str(venv_bin), env.get("PATH", "")])
    env["CHECKPOINT_DISABLE"] = "1"
    env["CI"] = "true"
    return env


def run_cdktf(*args: str, out: Path) -> subprocess.CompletedProcess[str]:
    if not CDKTF.exists():
        pytest.fail(f"{CDKTF} is missing: run `npm ci` (make test does)")
    result = subprocess.run(
        [str(CDKTF), "synth", "--output", str(out), *args],
        cwd=ROOT,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def python_synth(out: Path) -> dict[str, dict[str, object]]:
    import main
    from cdktf_velero.engine.core import App

    app = App(outdir=str(out))
    main.build(app)
    app.synth()
    manifest = json.loads((out / "manifest.json").read_text())
    return {
        name: json.loads((out / entry["synthesizedStackPath"]).read_text())
        for name, entry in manifest["stacks"].items()
    }


def test_cdktf_synth_matches_python_main(tmp_path: Path) -> None:
    run_cdktf(out=tmp_path / "cli")
    manifest = json.loads((tmp_path / "cli" / "manifest.json").read_text())
    expected = python_synth(tmp_path / "python")
    assert set(manifest["stacks"]) == set(expected) == {"velero", "velero-digitalocean"}
    for name, entry in manifest["stacks"].items():
        doc = json.loads((tmp_path / "cli" / entry["synthesizedStackPath"]).read_text())
        assert doc["resource"] == expected[name]["resource"]


@pytest.fixture(scope="module")
def hcl_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``cdktf synth --hcl`` of main.py, once for the tests below."""
    out = tmp_path_factory.mktemp("hcl")
    run_cdktf("--hcl", out=out)
    return out


def test_cdktf_synth_hcl_has_the_same_resources(hcl_out: Path, tmp_path: Path) -> None:
    out = hcl_out
    expected = python_synth(tmp_path / "python")
    for name, doc in expected.items():
        hcl_files = list((out / "stacks" / name).glob("*.tf"))
        assert hcl_files, f"no HCL written for stack {name}"
        hcl = "\n".join(path.read_text() for path in hcl_files)
        for resource_type, by_name in doc["resource"].items():  # type: ignore[attr-defined]
            for logical_id in by_name:
                assert f'resource "{resource_type}" "{logical_id}"' in hcl
    # Secrets stay references in HCL too.
    chart_hcl = "\n".join(path.read_text() for path in (out / "stacks" / "velero").glob("*.tf"))
    assert "var.digitalocean_token" in chart_hcl
    assert "aws_iam_access_key." in chart_hcl
    variable = re.search(r'variable "digitalocean_token" \{[^}]*\}', chart_hcl)
    assert variable is not None
    assert re.search(r"sensitive\s*=\s*true", variable.group(0))


# The README's workaround, verbatim: cdktf 0.21 writes helm provider 3.x's `kubernetes` attribute as a block.
HCL_WORKAROUND = (
    """sed -i '/^provider "helm" {$/,/^}$/ s/^  kubernetes {$/  kubernetes = {/' cdktf.out/stacks/velero/cdk.tf"""
)


def helm_provider_block(hcl: str) -> str:
    found = re.search(r'^provider "helm" \{\n.*?^\}$', hcl, re.S | re.M)
    assert found is not None, 'no provider "helm" block in the HCL'
    return found.group(0)


def test_hcl_helm_provider_needs_the_documented_workaround(hcl_out: Path, tmp_path: Path) -> None:
    """Pins cdktf's conversion (block form, which helm provider 3.x rejects) and proves the README's fix.
    When cdktf writes `kubernetes = {` itself, this test fails: drop the workaround from the README."""
    assert HCL_WORKAROUND in (ROOT / "README.md").read_text(encoding="utf-8")
    original = (hcl_out / "stacks" / "velero" / "cdk.tf").read_text()
    block = helm_provider_block(original)
    assert re.search(r"^  kubernetes \{$", block, re.M), block
    assert "kubernetes = {" not in block

    stack_dir = tmp_path / "cdktf.out" / "stacks" / "velero"
    stack_dir.mkdir(parents=True)
    (stack_dir / "cdk.tf").write_text(original)
    subprocess.run(["bash", "-c", HCL_WORKAROUND], cwd=tmp_path, check=True, timeout=60)
    fixed = (stack_dir / "cdk.tf").read_text()
    assert re.search(r"^  kubernetes = \{$", helm_provider_block(fixed), re.M), helm_provider_block(fixed)
    # Nothing else changes: the same lines but that one.
    changed = [(a, b) for a, b in zip(original.splitlines(), fixed.splitlines(), strict=True) if a != b]
    assert changed == [("  kubernetes {", "  kubernetes = {")]


def test_node_is_the_pinned_runtime() -> None:
    node = shutil.which("node", path=cli_env()["PATH"])
    assert node is not None
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v22."), version
