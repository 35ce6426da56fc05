"""Packaging for cdktf-velero; the build system and tool settings live in pyproject.toml."""

from __future__ import annotations

import re
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
VERSION = re.search(
    r'^__version__ = "([^"]+)"', (HERE / "constructs" / "cdktf_velero" / "__init__.py").read_text(), re.M
)
if VERSION is None:
    raise RuntimeError("cannot find __version__ in constructs/cdktf_velero/__init__.py")

setup(
    name="cdktf-velero",
    version=VERSION.group(1),
    description="Velero backups for Kubernetes (S3 + DigitalOcean Spaces) as CDK for Terraform constructs",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.10",
    package_dir={"": "constructs"},
    packages=find_packages("constructs"),
    package_data={"cdktf_velero": ["py.typed"]},
    install_requires=[
        "cdktf>=0.21,<0.22",
        "constructs>=10.3,<11",
        "cdktf-cdktf-provider-helm>=12,<13",
        "cdktf-cdktf-provider-kubernetes>=12,<13",
        # Only imported when the library creates buckets or keys (lazy imports keep synthesis fast).
        "cdktf-cdktf-provider-aws>=21,<22",
        "cdktf-cdktf-provider-digitalocean>=13,<14",
        "PyYAML>=6,<7",
        "croniter>=2,<8",
    ],
    extras_require={
        "test": [
            "pytest>=8",
            "syrupy>=4",
            "jsonschema>=4.18",
            "hypothesis>=6",
        ],
        "dev": ["mypy>=1.10", "ruff>=0.6", "types-PyYAML", "build", "twine", "pdoc"],
    },
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Intended Audience :: Developers",
        "Intended Audience :: System Administrators",
        "License :: OSI Approved :: Apache Software License",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Topic :: System :: Archiving :: Backup",
        "Typing :: Typed",
    ],
    zip_safe=False,
)
