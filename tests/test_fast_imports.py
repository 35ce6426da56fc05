"""The fast path for cdktf's prebuilt providers (cdktf_velero_fast_imports): same output, lazy loading, fallbacks.

Each case runs in fresh interpreters, with ``CDKTF_VELERO_FAST_IMPORTS`` set either way, since this
process has imported the providers already.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cdktf_velero_fast_imports as fast
from tests.helpers import SCENARIOS

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(fast.__file__).resolve().parent

cdktf_only = pytest.mark.cdktf_only  # the fast path serves cdktf's prebuilt providers


def run(code: str, *, fast_imports: bool, cwd: Path = ROOT, args: tuple[str, ...] = ()) -> str:
    """Run ``code`` in a fresh interpreter; its stdout."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(ROOT / "node_modules" / ".bin"), str(Path(sys.executable).parent), env["PATH"]])
    env["PYTHONPATH"] = os.pathsep.join([str(SITE), str(ROOT), env.get("PYTHONPATH", "")])
    env[fast.ENV_FAST_IMPORTS] = "1" if fast_imports else "0"
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


SCENARIOS_JSON = """
import json, sys
import cdktf_velero_fast_imports
cdktf_velero_fast_imports.install()  # as the .pth does, before anything imports a provider
from tests.helpers import SCENARIOS, build, synth_text
out = {name: synth_text(build(SCENARIOS[name])[0]) for name in sorted(SCENARIOS)}
packages = cdktf_velero_fast_imports.PACKAGES
lazy = {n: cdktf_velero_fast_imports.is_lazy(m) for n, m in sys.modules.items() if n in packages}
print(json.dumps({"docs": out, "lazy": lazy}))
"""


@cdktf_only
def test_every_snapshot_scenario_synthesizes_byte_identical_both_ways() -> None:
    fast_run = json.loads(run(SCENARIOS_JSON, fast_imports=True).splitlines()[-1])
    eager_run = json.loads(run(SCENARIOS_JSON, fast_imports=False).splitlines()[-1])
    assert fast_run["docs"] == eager_run["docs"]
    assert set(fast_run["docs"]) == set(SCENARIOS)
    # The runs did differ in how the providers loaded.
    assert set(fast_run["lazy"]) == set(eager_run["lazy"]) >= {"cdktf_cdktf_provider_helm"}
    assert all(fast_run["lazy"].values()), fast_run["lazy"]
    assert not any(eager_run["lazy"].values()), eager_run["lazy"]


@cdktf_only
@pytest.mark.slow
def test_snapshot_tests_pass_with_the_fast_path_off() -> None:
    """This suite runs with the fast path on (the .pth); the snapshot tests must hold with it off too."""
    files = ["tests/test_snapshots.py", "tests/test_aws_storage.py", "tests/test_spaces_storage.py"]
    env = {**os.environ, fast.ENV_FAST_IMPORTS: "0"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "snapshot", *files],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:]
    assert re.search(r"\b(1[0-9]|[2-9][0-9]) passed", done.stdout), done.stdout[-500:]


MAIN = """
import runpy, sys
import cdktf_velero_fast_imports
cdktf_velero_fast_imports.install()
sys.argv = ["main.py"]
runpy.run_path("main.py", run_name="__main__")
import cdktf_cdktf_provider_aws as aws
print("lazy" if cdktf_velero_fast_imports.is_lazy(aws) else "eager")
"""


@cdktf_only
@pytest.mark.slow
def test_main_writes_the_same_files_both_ways(tmp_path: Path) -> None:
    outputs = {}
    app = tmp_path / "app"  # one folder for both runs: the local backend's state path names it
    app.mkdir()
    (app / "main.py").write_text((ROOT / "main.py").read_text())
    out = app / "cdktf.out"
    for mode in (True, False):
        assert run(MAIN, fast_imports=mode, cwd=app).split()[-1] == ("lazy" if mode else "eager")
        outputs[mode] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        shutil.rmtree(out)
    assert outputs[True] == outputs[False]
    assert "stacks/velero/cdk.tf.json" in outputs[True]
    assert "stacks/velero-digitalocean/cdk.tf.json" in outputs[True]


USER_CODE = """
import json, sys
import cdktf_velero_fast_imports
cdktf_velero_fast_imports.install()
# User code first (ruff sorts provider imports before cdktf_velero), both spellings.
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
import cdktf_cdktf_provider_aws as aws
from cdktf import TerraformStack, Testing
from cdktf_velero import AwsLocation, VeleroBackups
app = Testing.app()
stack = TerraformStack(app, "user")
aws.provider.AwsProvider(stack, "aws", region="ca-central-1")
bucket = S3Bucket(stack, "bucket", bucket="acme")
versioning = aws.s3_bucket_versioning.S3BucketVersioningA(
    stack, "versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
)
policy = aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument(
    stack, "doc", statement=[{"actions": ["s3:GetObject"], "resources": ["*"]}]
)
returned = {
    "nested block": versioning.versioning_configuration,
    "list": bucket.grant,
    "list item": bucket.grant.get(0),
    "block of a list item": policy.statement.get(0).condition,
    "computed block": bucket.server_side_encryption_configuration,
    "data source list": policy.statement,
}
doc = json.loads(Testing.synth(stack))
loaded = sorted(n.split(".", 1)[1] for n in sys.modules if n.startswith("cdktf_cdktf_provider_aws."))
print(json.dumps({
    "lazy": cdktf_velero_fast_imports.is_lazy(aws),
    "same_class": aws.s3_bucket.S3Bucket is S3Bucket,
    "classes": {k: f"{type(v).__module__}.{type(v).__name__}" for k, v in returned.items()},
    "loaded": loaded,
    "types": sorted(doc["resource"]),
    "dir": "s3_bucket" in dir(aws),
}))
"""


@cdktf_only
def test_user_code_imports_either_way_and_jsii_returns_the_right_classes() -> None:
    out = json.loads(run(USER_CODE, fast_imports=True).splitlines()[-1])
    assert out["lazy"] is True
    assert out["same_class"] is True
    assert out["dir"] is True
    prefix = "cdktf_cdktf_provider_aws."
    assert out["classes"] == {
        "nested block": prefix + "s3_bucket_versioning.S3BucketVersioningVersioningConfigurationOutputReference",
        "list": prefix + "s3_bucket.S3BucketGrantList",
        "list item": prefix + "s3_bucket.S3BucketGrantOutputReference",
        "block of a list item": prefix + "data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementConditionList",
        "computed block": prefix + "s3_bucket.S3BucketServerSideEncryptionConfigurationOutputReference",
        "data source list": prefix + "data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementList",
    }
    # Only what was used (and the provider's own block module) was imported, out of about 2,200.
    assert set(out["loaded"]) >= {"_jsii", "s3_bucket", "s3_bucket_versioning", "provider"}
    assert len(out["loaded"]) < 15, out["loaded"]
    assert out["types"] == ["aws_s3_bucket", "aws_s3_bucket_versioning"]


FALLBACK = """
import sys
import cdktf_velero_fast_imports
cdktf_velero_fast_imports.install()
{prepare}
import cdktf_cdktf_provider_helm as helm
from cdktf_cdktf_provider_helm.release import Release
root = sys.modules["cdktf_cdktf_provider_helm"]
print("lazy" if cdktf_velero_fast_imports.is_lazy(helm) else "eager", "release" in root.__dict__)
"""


@cdktf_only
@pytest.mark.parametrize(
    ("prepare", "fast_imports", "expected"),
    [
        ("", True, "lazy"),
        ("", False, "eager"),
        # A jsii without the on-demand import table: the package's own __init__ runs instead.
        ("import jsii._reference_map as r; del r._submodule_fqn_map", True, "eager"),
        # The package imported before the finder acts: left as it is.
        (
            "sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != 'LazyProviderFinder']\n"
            "import cdktf_cdktf_provider_helm\ncdktf_velero_fast_imports.install()",
            True,
            "eager",
        ),
    ],
    ids=["fast", "turned-off", "old-jsii", "already-imported"],
)
def test_fallbacks_give_the_normal_package(prepare: str, fast_imports: bool, expected: str) -> None:
    out = run(FALLBACK.format(prepare=prepare), fast_imports=fast_imports).split()
    assert out == [expected, "True"]


@cdktf_only
@pytest.mark.parametrize("package", sorted(fast.PACKAGES))
def test_jsii_submodule_names_follow_the_rule(package: str) -> None:
    """Every submodule's classes carry the jsii name the finder registers (the packages are pinned, final)."""
    spec = importlib.util.find_spec(package)
    assert spec is not None, package
    assert spec.submodule_search_locations, package
    root = Path(next(iter(spec.submodule_search_locations)))
    assembly = fast.PACKAGES[package]
    checked = 0
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")):
        with (sub / "__init__.py").open(encoding="utf-8") as f:
            found = re.search(r'jsii_type="([^"]+)"', f.read(400_000))
        assert found, sub
        assert found.group(1).rsplit(".", 1)[0] == f"{assembly}.{fast.jsii_submodule(sub.name)}"
        checked += 1
    assert checked >= 3


def test_the_startup_hook_is_installed_in_this_environment() -> None:
    """The .pth shipped with the package puts the finder on sys.meta_path before any user import."""
    code = "import sys; print(any(type(f).__name__ == 'LazyProviderFinder' for f in sys.meta_path))"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", fast.ENV_FAST_IMPORTS)}
    on = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert on.stdout.strip() == "True", "cdktf_velero_fast_imports.pth is not in site-packages: pip install -e ."
    env[fast.ENV_FAST_IMPORTS] = "0"
    off = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert off.stdout.strip() == "False"
