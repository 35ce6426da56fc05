"""The import layer: the engine the library runs on (cdktf or CDK Terrain's cdktn) and its provider packages.

The engine is chosen once, when this module is first imported, in this order:

1. the engine the app has already imported (``cdktf`` or ``cdktn`` in ``sys.modules``; both: the variable
   below decides, else cdktf);
2. the environment variable ``CDKTF_VELERO_ENGINE`` (``cdktf`` or ``cdktn``);
3. whichever is installed, cdktf first.

The library reaches the engine only through here: ``engine.core`` re-exports the core module (``App``,
``TerraformStack``, ``Lazy``, ...), and ``engine.helm``, ``engine.kubernetes``, ``engine.aws``,
``engine.random`` and ``engine.digitalocean`` are the engine's provider packages, imported on first use.
DigitalOcean has no cdktn package: there, ``engine.digitalocean`` is :mod:`cdktf_velero.engine._digitalocean`,
the provider, Spaces bucket and Spaces key written on the core, with the same classes and JSON as cdktf's.
A construct of the other engine passed to the library raises :class:`VeleroConfigError`
(:func:`check_engine`). cdktf's prebuilt providers load lazily through :mod:`cdktf_velero_fast_imports`.

Rewrite rule for library modules (``scripts/engine_imports.py`` applies it; re-run it on moved files):

- ``from cdktf import A, B`` -> ``from .engine.core import A, B`` (names and uses unchanged);
- ``from cdktf_cdktf_provider_P.sub import C as D`` -> ``from .engine import P`` in the same place (module
  top, function or ``TYPE_CHECKING`` block) and ``D: TypeAlias = P.sub.C`` after that block's imports,
  so the code below keeps its names and mypy still sees a type.

``constructs`` is imported directly: both engines use the same package. After a merge or a move,
``make engine-imports`` applies the rule to every module that still imports cdktf directly, and
``tests/test_engine_imports.py`` fails until it has.

Type checking: mypy runs once per engine, reading ``CDKTN`` as a constant: ``always_false`` in
``pyproject.toml`` (cdktf), ``always_true`` for ``make typecheck-cdktn``; each run checks that engine's
provider classes.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Final, Literal

import cdktf_velero_fast_imports

from ..errors import VeleroConfigError

__all__ = [  # the provider packages are listed for mypy's re-export rule; they load on first use
    "CDKTN",
    "ENGINE",
    "ENGINES",
    "ENV_ENGINE",
    "PROVIDER_PACKAGES",
    "Engine",
    "aws",
    "check_engine",
    "choose_engine",
    "core",
    "digitalocean",
    "engine_of",
    "helm",
    "kubernetes",
    "random",
]

Engine = Literal["cdktf", "cdktn"]
ENGINES: Final[tuple[Engine, ...]] = ("cdktf", "cdktn")
ENV_ENGINE: Final = "CDKTF_VELERO_ENGINE"
_INSTALL: Final[Mapping[Engine, str]] = {
    "cdktf": "pip install cdktf-velero",
    "cdktn": "pip install 'cdktf-velero[cdktn]'",
}

PROVIDER_PACKAGES: Final[Mapping[Engine, Mapping[str, str]]] = {
    "cdktf": {
        "aws": "cdktf_cdktf_provider_aws",
        "digitalocean": "cdktf_cdktf_provider_digitalocean",
        "helm": "cdktf_cdktf_provider_helm",
        "kubernetes": "cdktf_cdktf_provider_kubernetes",
        "random": "cdktf_cdktf_provider_random",
    },
    "cdktn": {
        "aws": "cdktn_provider_aws",
        "digitalocean": "cdktf_velero.engine._digitalocean",
        "helm": "cdktn_provider_helm",
        "kubernetes": "cdktn_provider_kubernetes",
        "random": "cdktn_provider_random",
    },
}
"""Attribute of this module -> the Python package it stands for, per engine."""


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def choose_engine(
    modules: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
    installed: Callable[[str], bool] = _installed,
) -> Engine:
    """The engine by the rules of this module's docstring (arguments default to the running process)."""
    modules = sys.modules if modules is None else modules
    environ = os.environ if environ is None else environ
    wanted = environ.get(ENV_ENGINE, "").strip()
    if wanted and wanted not in ENGINES:
        raise VeleroConfigError(ENV_ENGINE, wanted, "must be 'cdktf' or 'cdktn'")
    imported = [name for name in ENGINES if name in modules]
    if len(imported) == 1:
        return imported[0]
    if imported:
        return "cdktn" if wanted == "cdktn" else "cdktf"
    if wanted == "cdktf" or wanted == "cdktn":
        if not installed(wanted):
            raise VeleroConfigError(ENV_ENGINE, wanted, f"is not installed ({_INSTALL[wanted]})")
        return wanted
    for name in ENGINES:
        if installed(name):
            return name
    raise VeleroConfigError(ENV_ENGINE, wanted or None, f"names no installed engine ({_INSTALL['cdktf']})")


cdktf_velero_fast_imports.install()
ENGINE: Final[Engine] = choose_engine()
CDKTN: Final[bool] = ENGINE == "cdktn"
"""``True`` on cdktn. mypy reads it as a constant (``always_true`` / ``always_false``), one run per engine."""

if TYPE_CHECKING:  # at run time, the module __getattr__ below imports them on first use
    if CDKTN:
        import cdktn_provider_aws as aws
        import cdktn_provider_helm as helm
        import cdktn_provider_kubernetes as kubernetes
        import cdktn_provider_random as random

        from . import _digitalocean as digitalocean
    else:
        import cdktf_cdktf_provider_aws as aws
        import cdktf_cdktf_provider_digitalocean as digitalocean
        import cdktf_cdktf_provider_helm as helm
        import cdktf_cdktf_provider_kubernetes as kubernetes
        import cdktf_cdktf_provider_random as random

from . import core  # noqa: E402 - the core re-exported; needs CDKTN above

if not TYPE_CHECKING:

    def __getattr__(name: str) -> ModuleType:
        """``engine.aws`` and the other provider packages: imported on first use, then cached here."""
        package = PROVIDER_PACKAGES[ENGINE].get(name)
        if package is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        module = importlib.import_module(package)
        globals()[name] = module
        return module


def engine_of(value: object) -> Engine | None:
    """The engine a construct belongs to (its class, else its app's), or ``None`` for anything else."""
    for candidate in (value, _root(value)):
        for cls in type(candidate).__mro__:
            top = cls.__module__.partition(".")[0]
            if top in ENGINES:
                return top
            if top in _PROVIDER_ENGINES:
                return _PROVIDER_ENGINES[top]
    return None


def check_engine(path: str, value: object) -> None:
    """Raise :class:`VeleroConfigError` when ``value`` is a construct of the engine the library did not pick."""
    found = engine_of(value)
    if found is not None and found != ENGINE:
        raise VeleroConfigError(
            path,
            _describe(value),
            f"belongs to a {found} app, but cdktf-velero runs on {ENGINE}: build the whole app with one engine "
            f"(import {found} before cdktf_velero, or set {ENV_ENGINE}={found})",
        )


_PROVIDER_ENGINES: Final[Mapping[str, Engine]] = {
    package.partition(".")[0]: engine
    for engine, packages in PROVIDER_PACKAGES.items()
    for package in packages.values()
    if not package.startswith("cdktf_velero.")
}


def _root(value: object) -> object:
    node = getattr(value, "node", None)
    try:
        return getattr(node, "root", None)
    except Exception:  # not a construct (or a foreign jsii object): nothing to say
        return None


def _describe(value: object) -> str:
    path = getattr(getattr(value, "node", None), "path", None)
    return f"{type(value).__name__} {path!r}" if path is not None else type(value).__name__
