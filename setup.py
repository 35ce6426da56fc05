"""Packaging for cdktf-velero.

The metadata lives here; ``pyproject.toml`` names the build backend (setuptools >= 77, for the
PEP 639 ``license_expression``) and holds the tool settings. Build with ``python -m build``
(``make dist``); ``tests/test_packaging.py`` installs the wheel into a fresh virtual environment
and synthesizes ``main.py`` with it.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py
from setuptools.command.editable_wheel import editable_wheel

HERE = Path(__file__).parent

# The version has one home: ``__version__`` in the package (read as text: importing it needs cdktf).
_VERSION_MATCH = re.search(
    r'^__version__ = "([^"]+)"$',
    (HERE / "constructs" / "cdktf_velero" / "__init__.py").read_text(encoding="utf-8"),
    re.MULTILINE,
)
if _VERSION_MATCH is None:
    raise RuntimeError("cannot find __version__ in constructs/cdktf_velero/__init__.py")
VERSION = _VERSION_MATCH.group(1)

# Where each import path's sources live. ``constructs/`` is a source root, not a package; every package lives
# under it, the generated bindings too (``cdktf_velero/imports/velero``), so find_packages finds them all.
PACKAGE_DIR: dict[str, str] = {"": "constructs"}
PACKAGES: list[str] = find_packages("constructs", include=["cdktf_velero", "cdktf_velero.*"])
# Non-Python files shipped inside packages (py.typed marks the package as typed, PEP 561).
PACKAGE_DATA: dict[str, list[str]] = {
    # chart_data: the Velero chart's values.yaml, values.schema.json and CRDs, validated against at synth.
    "cdktf_velero": [
        "py.typed",
        "chart_data/SOURCE.md",
        "chart_data/*.yaml",
        "chart_data/*.json",
        "chart_data/crds/*.yaml",
    ]
}
# The fast-imports hook: a stdlib-only module beside the package, and the .pth that installs it at start-up.
PY_MODULES: list[str] = ["cdktf_velero_fast_imports"]
STARTUP_HOOK = "cdktf_velero_fast_imports.pth"


class BuildWithStartupHook(build_py):
    """``build_py`` that also puts ``cdktf_velero_fast_imports.pth`` at the root of the build, so that it
    lands in site-packages (a wheel's purelib root), where Python runs it at start-up. Editable installs
    build through the same command."""

    def run(self) -> None:
        super().run()
        self.copy_file(str(HERE / "constructs" / STARTUP_HOOK), str(Path(self.build_lib) / STARTUP_HOOK))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), str(Path(self.build_lib) / STARTUP_HOOK)]


class EditableWithStartupHook(editable_wheel):
    """``pip install -e .``: the editable wheel gets the same ``.pth`` beside setuptools' own, so the fast
    imports work in a development checkout as in a release."""

    def _select_strategy(self, name: str, tag: str, build_lib: Any) -> Any:
        return _AlsoWriteHook(super()._select_strategy(name, tag, build_lib))  # type: ignore[misc]


class _AlsoWriteHook:
    """Wraps setuptools' editable strategy: does what it does, then adds the startup hook to the wheel."""

    def __init__(self, strategy: Any) -> None:
        self._strategy = strategy

    def __call__(self, wheel: Any, files: list[str], mapping: Any) -> object:
        result = self._strategy(wheel, files, mapping)
        wheel.writestr(STARTUP_HOOK, (HERE / "constructs" / STARTUP_HOOK).read_bytes())
        return result

    def __enter__(self) -> _AlsoWriteHook:
        self._strategy.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._strategy.__exit__(*exc)


REPOSITORY = "https://github.com/cdktf-velero/cdktf-velero"

# Every package pin has one home, versions.py (run by path: importing the package needs cdktf).
_PINS = runpy.run_path(str(HERE / "constructs" / "cdktf_velero" / "versions.py"))

INSTALL_REQUIRES = [
    *_PINS["CDKTF_REQUIRES"],
    "PyYAML>=6,<7",
    # Validates the chart values against the chart's values.schema.json, and added objects against their CRDs.
    "jsonschema>=4.18,<5",
]

# CDK Terrain, the community fork of cdktf: installed beside cdktf (the base requirement stays, so that
# `pip install cdktf-velero` is unchanged); the engine is picked at run time (cdktf_velero.engine).
CDKTN_REQUIRES: list[str] = list(_PINS["CDKTN_REQUIRES"])

# What the test suite needs, including tests/test_packaging.py (build, twine) and the API docs test (pdoc).
TEST_REQUIRES = [
    "pytest>=8",
    "syrupy>=4",
    "jsonschema>=4.18",
    # Helm's own engine (libhelm over ctypes, no helm binary): the tests render the Velero chart for real.
    "helm-python-sdk>=0.2.2,<0.3",
    # CommonMark parser: the tests extract and run the README's Python blocks.
    "markdown-it-py>=3",
    "hypothesis>=6",
    "build>=1.2",
    "twine>=6.1",
    "pdoc>=14.5",
    # Alert rules: every PromQL expression is parsed; the chart is rendered by Helm's own engine.
    "promql-parser>=0.12",
    "helm-python-sdk>=0.2.2",
]

DEV_REQUIRES = [
    *TEST_REQUIRES,
    "mypy>=1.10",
    "mutmut>=3.8,<4",  # make mutation
    "ruff>=0.6",
    "types-PyYAML",
    "types-jsonschema",
    "types-setuptools",  # mypy --strict on setup.py
]

setup(
    name="cdktf-velero",
    version=VERSION,
    description="Velero backups for Kubernetes (AWS S3 and DigitalOcean Spaces) as CDK for Terraform constructs",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license_expression="Apache-2.0",
    license_files=["LICENSE"],
    url=REPOSITORY,
    project_urls={
        "Homepage": REPOSITORY,
        "Source": REPOSITORY,
        "Issues": f"{REPOSITORY}/issues",
        "Changelog": f"{REPOSITORY}/blob/main/CHANGELOG.md",
    },
    keywords=["cdktf", "terraform", "velero", "kubernetes", "backup", "digitalocean", "aws", "s3", "helm"],
    python_requires=">=3.10",
    package_dir=PACKAGE_DIR,
    packages=PACKAGES,
    package_data=PACKAGE_DATA,
    py_modules=PY_MODULES,
    cmdclass={"build_py": BuildWithStartupHook, "editable_wheel": EditableWithStartupHook},
    include_package_data=False,
    install_requires=INSTALL_REQUIRES,
    extras_require={"test": TEST_REQUIRES, "dev": DEV_REQUIRES, "cdktn": CDKTN_REQUIRES},
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Intended Audience :: Developers",
        "Intended Audience :: System Administrators",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Topic :: System :: Archiving :: Backup",
        "Topic :: System :: Systems Administration",
        "Typing :: Typed",
    ],
    zip_safe=False,
)
