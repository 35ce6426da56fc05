"""Packaging for cdktf-velero.

The metadata lives here; ``pyproject.toml`` names the build backend (setuptools >= 77, for the
PEP 639 ``license_expression``) and holds the tool settings. Build with ``python -m build``
(``make dist``); ``tests/test_packaging.py`` installs the wheel into a fresh virtual environment
and synthesizes ``main.py`` with it.
"""

from __future__ import annotations

import re
from pathlib import Path

from setuptools import find_packages, setup

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
PACKAGE_DATA: dict[str, list[str]] = {"cdktf_velero": ["py.typed"]}

REPOSITORY = "https://github.com/cdktf-velero/cdktf-velero"

INSTALL_REQUIRES = [
    "cdktf>=0.21,<0.22",
    "constructs>=10.4.2,<11",
    # The jsii runtime behind cdktf; the library uses it directly (``jsii.implements``). Same range as cdktf's.
    "jsii>=1.112,<2",
    # Prebuilt providers: each major below is built against cdktf 0.21.
    "cdktf-cdktf-provider-helm>=12,<13",
    "cdktf-cdktf-provider-kubernetes>=12,<13",
    # Imported only when the library creates buckets or keys: synthesis without them stays fast.
    "cdktf-cdktf-provider-aws>=21,<22",
    "cdktf-cdktf-provider-digitalocean>=13,<14",
    "PyYAML>=6,<7",
]

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
    include_package_data=False,
    install_requires=INSTALL_REQUIRES,
    extras_require={"test": TEST_REQUIRES, "dev": DEV_REQUIRES},
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
