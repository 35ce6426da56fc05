"""The package's shape holds: a pure plan layer, one home for every pin, a plan the construct never changes."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cdktf_velero import AwsLocation, DigitalOceanLocation, VeleroBackups
from cdktf_velero.engine.core import TerraformStack, Testing
from cdktf_velero.plan import plan_backups
from cdktf_velero.versions import CDKTF_REQUIRES, CDKTN_REQUIRES, PINS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "constructs" / "cdktf_velero"
VERSIONS = PACKAGE / "versions.py"
GENERATED = PACKAGE / "imports" / "velero"
JSII = ("cdktf", "constructs", "jsii")
"""Top-level modules whose import starts the jsii runtime or defines constructs."""


def _module_path(name: str) -> Path:
    parts = name.split(".")[1:]
    folder = PACKAGE.joinpath(*parts)
    return folder / "__init__.py" if folder.is_dir() else folder.with_suffix(".py")


def _runtime_imports(name: str) -> set[str]:
    """Modules ``name`` imports when it is imported: its top-level statements, not ``if TYPE_CHECKING:`` blocks
    nor function bodies. Relative imports are made absolute."""
    path = _module_path(name)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            # ``from . import validation`` names a module, not an attribute.
            found.update(
                f"{base}.{alias.name}" for alias in node.names if _module_path(f"{base}.{alias.name}").exists()
            )
    return found


def _closure(name: str) -> dict[str, set[str]]:
    """Every package module ``name`` loads (with its parent packages), and what each imports."""
    seen: dict[str, set[str]] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen[current] = _runtime_imports(current)
        parents = [current.rsplit(".", depth)[0] for depth in range(1, current.count("."))]
        todo += [m for m in (*seen[current], *parents) if m.startswith("cdktf_velero.") and _module_path(m).exists()]
    return seen


def _jsii_users(name: str) -> list[str]:
    return sorted(
        module
        for module, imports in _closure(name).items()
        if module != "cdktf_velero" and any(i.split(".")[0] in JSII or i.startswith("cdktf_cdktf_") for i in imports)
    )


def test_the_plan_layer_imports_no_construct_module() -> None:
    """``plan_backups`` and what it loads are pure Python: no construct, no provider, no jsii runtime."""
    assert _jsii_users("cdktf_velero.plan") == []
    assert "cdktf_velero.locations.digitalocean" in _closure("cdktf_velero.plan")


def test_the_import_check_sees_construct_modules() -> None:
    """The check above is not blind: from the composite it finds the construct modules."""
    users = _jsii_users("cdktf_velero.velero_backups")
    assert {"cdktf_velero.velero_backups", "cdktf_velero.location_resources", "cdktf_velero.storage.s3"} <= set(users)


def _source_files() -> list[Path]:
    """Hand-written files that could hold a pin: code, build and CI files (not docs, snapshots or bindings)."""
    files = [ROOT / "Makefile", ROOT / ".ci" / "run", ROOT / "pyproject.toml", ROOT / "cdktf.json"]
    for folder in ("constructs", "scripts", "tests", "examples", "benchmarks"):
        files += [path for path in (ROOT / folder).rglob("*.py") if not path.is_relative_to(GENERATED)]
    return [*files, ROOT / "main.py", ROOT / "setup.py"]


@pytest.mark.parametrize("pin", ["CHART_VERSION", "VELERO_IMAGE", "AWS_PLUGIN_IMAGE", "DIGITALOCEAN_PLUGIN_IMAGE"])
def test_each_pin_is_written_once(pin: str) -> None:
    """Bumping a pin is one edit: only ``versions.py`` writes it; the rest read it."""
    holders = [path.relative_to(ROOT) for path in _source_files() if PINS[pin] in path.read_text(encoding="utf-8")]
    assert holders == [VERSIONS.relative_to(ROOT)]


@pytest.mark.parametrize("requirement", [r for r in (*CDKTF_REQUIRES, *CDKTN_REQUIRES) if "==" in r])
def test_each_package_pin_is_written_once(requirement: str) -> None:
    """The engines' exact package versions too: ``setup.py`` and the tests read ``versions.py``."""
    version = requirement.partition("==")[2]
    pinned = re.compile(rf"{re.escape(requirement.partition('==')[0])}\W*==\W*{re.escape(version)}")
    holders = [path.relative_to(ROOT) for path in _source_files() if pinned.search(path.read_text(encoding="utf-8"))]
    assert holders == [VERSIONS.relative_to(ROOT)]


def test_the_makefile_reads_the_pins() -> None:
    printed = subprocess.run(
        [sys.executable, str(VERSIONS)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    assert printed == [f"{name}={value}" for name, value in PINS.items()]
    one = subprocess.run(
        [sys.executable, str(VERSIONS), "CHART_VERSION"], capture_output=True, text=True, check=True, timeout=60
    )
    assert one.stdout == f"{PINS['CHART_VERSION']}\n"
    assert "constructs/cdktf_velero/versions.py" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_construct_emits_the_pure_plan_unchanged() -> None:
    """Created keys reach the secrets as the storage constructs' attributes: the plan the construct keeps is the
    one ``plan_backups`` returns for the same props, with no key in it."""
    props: dict[str, Any] = {
        "aws": AwsLocation(bucket="acme-velero", region="ca-central-1", create_bucket=True, create_iam_user=True),
        "digitalocean": DigitalOceanLocation(
            bucket="acme-velero",
            region="nyc3",
            create_bucket=True,
            create_spaces_key=True,
            volume_snapshots=False,
        ),
        "outputs": True,
    }
    pure = plan_backups(**props)
    stack = TerraformStack(Testing.app(), "plan")
    backups = VeleroBackups(stack, "velero", **props)
    assert backups.plan == pure
    assert [location.credentials.keys for location in backups.plan.locations] == [None, None]
    assert backups.iam_user is not None
    assert backups.spaces_bucket is not None
    doc = Testing.synth(stack)
    assert "${aws_iam_access_key.velero_iam-user_access-key_" in doc
    assert "${digitalocean_spaces_key.velero_spaces_key_" in doc
