"""Publishing checks: the distributions ``python -m build`` makes, a clean install of the wheel that
synthesizes ``main.py``, and the API reference pdoc renders from the docstrings.

The install test is what a user does: a fresh virtual environment (no system site-packages), the
wheel and its declared dependencies from the package index, ``main.py`` copied to a folder outside
the repository and run there with that environment's interpreter. It takes about 30 to 60 seconds,
most of it Python compiling the kubernetes provider's bindings on their first import.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib.metadata
import importlib.util
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from packaging.requirements import Requirement

import cdktf_velero
from cdktf_velero import (
    AlertOptions,
    AlertRule,
    BackupSchedule,
    DataMover,
    DigitalOceanBackups,
    Monitoring,
    RepositoryMaintenance,
    Resources,
    ScheduleAlerts,
    VeleroBackups,
    VeleroConfigError,
)
from cdktf_velero.locations.base import Location
from cdktf_velero.versions import CDKTF_REQUIRES, CDKTN_REQUIRES, CHART_VERSION

REPO = Path(__file__).resolve().parent.parent
VERSION = cdktf_velero.__version__
CUSTOM_RESOURCE_KINDS = {"BackupStorageLocation", "VolumeSnapshotLocation", "Schedule"}
LOCATION_KINDS: tuple[type[Location], ...] = tuple(sorted(Location.__subclasses__(), key=lambda kind: kind.__name__))
"""Every kind of location the package defines."""
PUBLIC_CLASSES: tuple[type, ...] = (
    VeleroBackups,
    DigitalOceanBackups,
    *LOCATION_KINDS,
    BackupSchedule,
    VeleroConfigError,
    Monitoring,
    AlertOptions,
    ScheduleAlerts,
    AlertRule,
    Resources,
    RepositoryMaintenance,
    DataMover,
)
CONFIG_CLASSES: tuple[type, ...] = (
    *LOCATION_KINDS,
    BackupSchedule,
    Monitoring,
    AlertOptions,
    ScheduleAlerts,
    AlertRule,
    Resources,
    RepositoryMaintenance,
    DataMover,
)
# Generous limits: a first install on a cold cache and a loaded CI machine are slow, never stuck.
TIMEOUT = 900


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path
    log: str


def run(args: list[str], *, cwd: Path, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure, fail the test with its output."""
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if proc.returncode != 0:
        pytest.fail(
            f"{' '.join(args)} exited {proc.returncode}\n"
            f"--- stdout\n{proc.stdout[-6000:]}\n--- stderr\n{proc.stderr[-6000:]}"
        )
    return proc


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """The sdist and, built from it (as pip and PyPI do), the wheel."""
    out = tmp_path_factory.mktemp("dist")
    proc = run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)], cwd=REPO)
    wheels = sorted(out.glob("*.whl"))
    sdists = sorted(out.glob("*.tar.gz"))
    assert len(wheels) == 1, f"expected one wheel in {out}: {sorted(p.name for p in out.iterdir())}"
    assert len(sdists) == 1, f"expected one sdist in {out}: {sorted(p.name for p in out.iterdir())}"
    return Dists(wheel=wheels[0], sdist=sdists[0], log=proc.stdout + proc.stderr)


@pytest.mark.slow
def test_distributions_are_named_typed_and_licensed(dists: Dists) -> None:
    assert dists.wheel.name == f"cdktf_velero-{VERSION}-py3-none-any.whl"
    assert dists.sdist.name == f"cdktf_velero-{VERSION}.tar.gz"

    with zipfile.ZipFile(dists.wheel) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"cdktf_velero-{VERSION}.dist-info/METADATA").decode()
    assert "cdktf_velero/py.typed" in names
    # The chart's data the library validates against at synth (values.yaml, values.schema.json, CRDs).
    assert {
        "cdktf_velero/chart_data/SOURCE.md",
        "cdktf_velero/chart_data/values.yaml",
        "cdktf_velero/chart_data/values.schema.json",
        "cdktf_velero/chart_data/crds/schedules.yaml",
    } <= names
    assert "cdktf_velero/__init__.py" in names
    # The fast-imports hook sits at the root of site-packages, where Python runs .pth files at start-up.
    assert {"cdktf_velero_fast_imports.py", "cdktf_velero_fast_imports.pth"} <= names
    assert f"cdktf_velero-{VERSION}.dist-info/licenses/LICENSE" in names
    assert not [name for name in names if name.startswith(("tests/", "constructs/", "imports/"))]

    fields = _metadata_fields(metadata)
    assert fields["Name"] == ["cdktf-velero"]
    assert fields["Version"] == [VERSION]
    assert fields["License-Expression"] == ["Apache-2.0"]
    assert fields["Requires-Python"] == [">=3.10"]
    assert fields["Description-Content-Type"] == ["text/markdown"]
    assert not [c for c in fields["Classifier"] if c.startswith("License ::")], "PEP 639: the expression replaces them"
    assert "Typing :: Typed" in fields["Classifier"]
    assert {url.split(",")[0] for url in fields["Project-URL"]} >= {"Homepage", "Source", "Issues", "Changelog"}
    requires = {
        re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0].lower() for req in fields["Requires-Dist"] if "extra ==" not in req
    }
    assert requires >= {
        "cdktf",
        "constructs",
        "cdktf-cdktf-provider-helm",
        "cdktf-cdktf-provider-kubernetes",
        "cdktf-cdktf-provider-aws",
        "cdktf-cdktf-provider-digitalocean",
        "pyyaml",
        "jsonschema",
    }
    # Every distribution the sources import is declared, and nothing declared goes unused (jsii, the
    # runtime under cdktf, may be used directly or not).
    cdktn_extra = {
        re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0].lower()
        for req in fields["Requires-Dist"]
        if 'extra == "cdktn"' in req
    }
    assert cdktn_extra >= {"cdktn", "cdktn-provider-helm", "cdktn-provider-kubernetes", "cdktn-provider-aws"}
    imported = _imported_distributions(REPO / "constructs" / "cdktf_velero")
    declared = requires | cdktn_extra
    assert imported <= declared, f"imported but not declared: {sorted(imported - declared)}"
    assert declared - imported <= {"jsii"}, f"declared but never imported: {sorted(declared - imported)}"
    assert set(fields["Provides-Extra"]) >= {"test", "dev", "cdktn"}
    assert "cdktf<0.22,>=0.21" in fields["Requires-Dist"]
    # The prebuilt providers are final: pinned exactly (in versions.py only), the versions the fast imports
    # are tested with; the cdktn extra is versions.py's list too.
    providers = [req for req in fields["Requires-Dist"] if req.startswith("cdktf-cdktf-provider-")]
    assert providers == [req for req in CDKTF_REQUIRES if req.startswith("cdktf-cdktf-provider-")]
    assert all(re.fullmatch(r"[a-z-]+==\d+\.\d+\.\d+", req) for req in providers), providers
    extra = {str(Requirement(req.partition(";")[0])) for req in fields["Requires-Dist"] if 'extra == "cdktn"' in req}
    assert extra == {str(Requirement(req)) for req in CDKTN_REQUIRES}

    with tarfile.open(dists.sdist) as sdist:
        members = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "PKG-INFO", "setup.py", "pyproject.toml"} <= members
    assert "constructs/cdktf_velero/py.typed" in members
    assert "constructs/cdktf_velero_fast_imports.pth" in members
    assert not [name for name in members if name.startswith("docs/api/")]
    # The tests and their upstream data (tests/upstream: the chart, CRDs) stay in the repository.
    assert not [name for name in members if name.startswith("tests/")]

    license_warnings = [
        line for line in dists.log.splitlines() if re.search("deprecat|warning", line, re.I) and "licen" in line.lower()
    ]
    assert not license_warnings, "setuptools warns about the license metadata:\n" + "\n".join(license_warnings)


@pytest.mark.slow
def test_twine_accepts_the_distributions(dists: Dists) -> None:
    run([sys.executable, "-m", "twine", "check", "--strict", str(dists.wheel), str(dists.sdist)], cwd=REPO)


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_synthesizes_main(dists: Dists, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = _fresh_venv_with(dists.wheel, venv)
    env = _clean_env(venv)

    app = tmp_path / "app"
    app.mkdir()
    shutil.copy2(REPO / "main.py", app / "main.py")
    run([str(python), "main.py"], cwd=app, env=env)

    stacks = app / "cdktf.out" / "stacks"
    main_stack = stacks / "velero" / "cdk.tf.json"
    assert main_stack.is_file(), f"main.py wrote no {main_stack.relative_to(app)}: {_files(stacks)}"
    doc = json.loads(main_stack.read_text())
    releases = doc.get("resource", {}).get("helm_release", {})
    assert len(releases) == 1, f"expected one helm_release, found {sorted(releases)}"
    release = next(iter(releases.values()))
    assert release["chart"] == "velero"
    assert release["version"] == CHART_VERSION
    # The custom resources sit in the chart's stack or in a stack applied after it: look in every stack.
    kinds = {
        manifest["manifest"]["kind"]
        for path in stacks.glob("*/cdk.tf.json")
        for manifest in json.loads(path.read_text()).get("resource", {}).get("kubernetes_manifest", {}).values()
    }
    assert kinds >= CUSTOM_RESOURCE_KINDS, f"kubernetes_manifest kinds: {sorted(kinds)}"

    # Where `import cdktf_velero` resolves from the app's folder (the path main.py saw): the fresh venv.
    probe = (
        "import importlib.metadata as md, importlib.util as u, json, sysconfig\n"
        "dist = md.distribution('cdktf-velero')\n"
        "print(json.dumps({'origin': u.find_spec('cdktf_velero').origin,"
        " 'purelib': sysconfig.get_paths()['purelib'], 'version': dist.version,"
        " 'direct_url': dist.read_text('direct_url.json')}))"
    )
    found = json.loads(run([str(python), "-c", probe], cwd=app, env=env).stdout)
    origin = Path(found["origin"]).resolve()
    purelib = Path(found["purelib"]).resolve()
    assert origin == purelib / "cdktf_velero" / "__init__.py", f"cdktf_velero came from {origin}"
    assert purelib.is_relative_to(venv.resolve())
    assert not origin.is_relative_to(REPO)
    assert found["version"] == VERSION
    assert "editable" not in (found["direct_url"] or "")
    assert (origin.parent / "py.typed").is_file()

    # The startup hook came with the wheel: the finder is on sys.meta_path before any import of the app.
    hook = "import sys; print([type(f).__name__ for f in sys.meta_path].count('LazyProviderFinder'))"
    assert run([str(python), "-c", hook], cwd=app, env=env).stdout.strip() == "1"
    assert run([str(python), "-c", hook], cwd=app, env={**env, "CDKTF_VELERO_FAST_IMPORTS": "0"}).stdout.strip() == "0"


def test_api_reference_covers_every_public_class(tmp_path: Path) -> None:
    build_docs = _load_script("build_docs")
    pages = build_docs.build(tmp_path)
    page = tmp_path / "cdktf_velero.html"
    assert page in pages
    html = page.read_text()
    for cls in PUBLIC_CLASSES:
        assert f'id="{cls.__name__}"' in html, f"{cls.__name__} is missing from the API reference"
    for cls in CONFIG_CLASSES:
        for field in dataclasses.fields(cls):
            assert f'id="{cls.__name__}.{field.name}"' in html, f"{cls.__name__}.{field.name} is not documented"
    assert (tmp_path / "index.html").is_file()


def _field_cases() -> Iterator[Any]:
    for cls in CONFIG_CLASSES:
        for field in dataclasses.fields(cls):
            yield pytest.param(cls, field.name, id=f"{cls.__name__}.{field.name}")


@pytest.mark.parametrize(("cls", "name"), list(_field_cases()))
def test_every_config_field_documents_its_default(cls: type, name: str) -> None:
    """Each field has a docstring (as pdoc shows it); a field with a default says what the default is, or
    when the field is required (``None`` standing for "not given")."""
    member = _pdoc_members(cls)[name]
    field = next(f for f in dataclasses.fields(cls) if f.name == name)
    assert member.docstring.strip(), f"{cls.__name__}.{name} has no docstring"
    if field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING:
        text = member.docstring.lower()
        assert "default" in text or "required" in text, f"{cls.__name__}.{name}: {member.docstring!r} names no default"


@pytest.mark.parametrize("cls", [VeleroBackups], ids=lambda cls: cls.__name__)
def test_every_construct_prop_is_documented(cls: type) -> None:
    """Each keyword-only prop has a ``:param:`` entry; one with a default says what the default is."""
    text = inspect.getdoc(cls.__init__) or ""  # type: ignore[misc]
    for name, param in inspect.signature(cls.__init__).parameters.items():  # type: ignore[misc]
        if param.kind is not inspect.Parameter.KEYWORD_ONLY:
            continue
        entry = re.search(rf"^:param {name}:(.*?)(?=^:param |\Z)", text, re.S | re.M)
        assert entry, f"{cls.__name__}({name}=...) has no :param {name}: entry"
        if param.default is not inspect.Parameter.empty:
            assert "default" in entry.group(1).lower(), f"{cls.__name__}({name}=...) names no default"


@functools.cache
def _pdoc_members(cls: type) -> Mapping[str, Any]:
    """The class's members as pdoc documents them (attribute docstrings included)."""
    from pdoc import doc

    found = doc.Module(cdktf_velero).get(cls.__name__)
    assert isinstance(found, doc.Class), f"pdoc finds no class {cls.__name__} in cdktf_velero"
    return found.members


def _fresh_venv_with(wheel: Path, venv: Path) -> Path:
    """A new virtual environment holding the wheel and its dependencies; returns its python.

    The test's own pip installs into it (``pip --python``), so the venv needs no pip of its own, and
    ``--no-compile`` skips byte-compiling the AWS provider's bindings (over a minute) that nothing imports.
    """
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv.parent)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    run([*pip, "install", "--no-compile", "--quiet", "--disable-pip-version-check", str(wheel)], cwd=venv.parent)
    return python


_REPO_POINTERS = {
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "PYTHONUSERBASE",
    "VIRTUAL_ENV",
    "__PYVENV_LAUNCHER__",
    "CDKTF_VELERO_ENGINE",
}
"""Variables that would let the repository's sources or venv leak into the fresh one (which, as a plain
``pip install cdktf-velero``, has cdktf only, whichever engine this suite runs on)."""


def _clean_env(venv: Path) -> dict[str, str]:
    """The environment of an activated ``venv``: nothing pointing Python at the repository or its venv."""
    env = {key: value for key, value in os.environ.items() if key not in _REPO_POINTERS}
    own_bin = Path(sys.executable).parent.resolve()
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and Path(p).resolve() != own_bin]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    env["VIRTUAL_ENV"] = str(venv)
    env["CHECKPOINT_DISABLE"] = "1"
    if shutil.which("node", path=env["PATH"]) is None:
        pytest.fail("node is not on PATH: the jsii runtime behind cdktf needs Node.js (see the Makefile)")
    return env


def _metadata_fields(metadata: str) -> dict[str, list[str]]:
    headers, _, _ = metadata.partition("\n\n")
    fields: dict[str, list[str]] = {}
    for line in headers.splitlines():
        if line[:1].isspace():
            continue
        key, _, value = line.partition(": ")
        fields.setdefault(key, []).append(value)
    for key in ("Classifier", "Project-URL", "Requires-Dist", "Provides-Extra"):
        fields.setdefault(key, [])
    return fields


def _files(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def _imported_distributions(package: Path) -> set[str]:
    """Distributions (normalized names) whose modules the package's sources import, lazily or not."""
    top_level: set[str] = set()
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                top_level.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                top_level.add(node.module.split(".")[0])
    owners = dict(importlib.metadata.packages_distributions())
    third_party = top_level - set(sys.stdlib_module_names) - {"cdktf_velero", "cdktf_velero_fast_imports", "__future__"}
    # The other engine's packages (imported for mypy's per-engine run) need not be installed here.
    for name in third_party:
        if name not in owners and (name == "cdktn" or name.startswith("cdktn_provider_")):
            owners[name] = [name.replace("_", "-")]
    unknown = sorted(name for name in third_party if name not in owners)
    assert not unknown, f"imports from no installed distribution: {unknown}"
    return {re.sub(r"[-_.]+", "-", dist).lower() for name in third_party for dist in owners[name]}


def _load_script(name: str) -> ModuleType:
    path = REPO / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_scripts_{name}", path)
    assert spec is not None, path
    assert spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
