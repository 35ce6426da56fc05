"""scripts/engine_imports.py: the import-layer rewrite, and that the library's modules all follow it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_engine_imports", ROOT / "scripts" / "engine_imports.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_engine_imports"] = module
    spec.loader.exec_module(module)
    return module


BEFORE = """from __future__ import annotations

from typing import TYPE_CHECKING

from cdktf import TerraformStack
from cdktf_cdktf_provider_kubernetes.secret import Secret
from constructs import Construct

if TYPE_CHECKING:
    from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy


def make(scope: Construct) -> Secret:
    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket as Bucket
    from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy

    policy: S3BucketPolicy | None = None
    Bucket(scope, "b")
    return Secret(scope, "s", metadata={})
"""

AFTER = """from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from .engine.core import TerraformStack
from .engine import kubernetes
from constructs import Construct

Secret: TypeAlias = kubernetes.secret.Secret

if TYPE_CHECKING:
    from .engine import aws
    S3BucketPolicy: TypeAlias = aws.s3_bucket_policy.S3BucketPolicy


def make(scope: Construct) -> Secret:
    from .engine import aws
    Bucket: TypeAlias = aws.s3_bucket.S3Bucket
    S3BucketPolicy: TypeAlias = aws.s3_bucket_policy.S3BucketPolicy

    policy: S3BucketPolicy | None = None
    Bucket(scope, "b")
    return Secret(scope, "s", metadata={})
"""


def test_rewrite_keeps_names_and_is_idempotent() -> None:
    """The raw rewrite (``make engine-imports`` then sorts imports and formats)."""
    script = _script()
    after = script.rewrite(BEFORE, ".engine")
    assert after == AFTER
    assert script.rewrite(after, ".engine") == after


def test_engine_module_depends_on_where_the_file_is() -> None:
    script = _script()
    assert script.engine_module(ROOT / "constructs" / "cdktf_velero" / "chart.py") == ".engine"
    assert script.engine_module(ROOT / "constructs" / "cdktf_velero" / "locations" / "aws.py") == "..engine"
    assert script.engine_module(ROOT / "main.py") == "cdktf_velero.engine"


def test_other_direct_imports_are_reported_not_rewritten(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    script = _script()
    source = (
        "import cdktf\nfrom cdktf_cdktf_provider_aws import s3_bucket\nfrom cdktn import App\nfrom os import path\n"
    )
    assert script.leftovers(source) == [(1, "cdktf"), (2, "cdktf_cdktf_provider_aws"), (3, "cdktn")]
    module = tmp_path / "module.py"
    module.write_text(source, encoding="utf-8")
    assert script.main(["--check", str(module)]) == 1
    assert script.main([str(module)]) == 1  # nothing it can rewrite, but the imports are still there
    assert module.read_text(encoding="utf-8") == source
    assert f"{module}:2: imports cdktf_cdktf_provider_aws" in capsys.readouterr().out


DELIBERATE = {"test_fast_imports.py", "test_digitalocean_bindings.py"}
"""Tests of the import layer itself: they import cdktf's prebuilt packages on purpose."""


def checked_files() -> list[Path]:
    """Every module that must reach cdktf through ``cdktf_velero.engine``: the library (but the engine),
    ``main.py``, the examples and the tests. Modules added by a merge are in it: ``make engine-imports``."""
    files = [p for p in (ROOT / "constructs" / "cdktf_velero").rglob("*.py") if "engine" not in p.parts]
    files += [ROOT / "main.py", *(ROOT / "examples").glob("*.py")]
    files += [p for p in (ROOT / "tests").rglob("*.py") if p.name not in DELIBERATE and "upstream" not in p.parts]
    return files


def test_the_library_imports_cdktf_only_through_the_engine(capsys: pytest.CaptureFixture[str]) -> None:
    files = checked_files()
    assert ROOT / "constructs" / "cdktf_velero" / "monitoring" / "plan.py" in files
    assert ROOT / "tests" / "helpers.py" in files
    status = _script().main(["--check", *map(str, files)])
    assert status == 0, f"run `make engine-imports`:\n{capsys.readouterr().out}"
