"""Lazy loading of cdktf's prebuilt provider packages: the fast path of cdktf-velero's import layer.

Each prebuilt package (``cdktf_cdktf_provider_aws`` and friends, final since cdktf was archived) has an
``__init__`` that imports every one of its submodules: about 2,200 for AWS (10 s and more), 109 for
kubernetes. A :class:`LazyProviderFinder` on ``sys.meta_path`` gives such a package, when it is first
imported, a root module that loads only the package's jsii assembly (``<package>._jsii``) and imports
a submodule when it is first used (PEP 562 module ``__getattr__``). Both spellings keep working::

    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
    import cdktf_cdktf_provider_aws as aws; aws.s3_bucket.S3Bucket

Objects jsii hands back (nested blocks, lists, attribute getters) may be of a class whose submodule
nobody imported yet: the finder registers, for every submodule, its jsii name (the directory name in
camelCase, ``s3_bucket`` -> ``@cdktf/provider-aws.s3Bucket``) in jsii's ``_submodule_fqn_map``, the
table jsii itself consults to import a submodule on demand (jsii >= 1.140, as cdktn's own lazy
providers do).

Rules: only the packages in :data:`PACKAGES`, only when not yet imported; any failure while building
the lazy root (a jsii without that table, a changed layout) runs the package's own ``__init__``
instead, so the result is never worse than the normal import. ``CDKTF_VELERO_FAST_IMPORTS=0`` in the
environment turns the finder off. It is installed at interpreter start by ``cdktf_velero_fast_imports.pth``
(shipped with the package), so it is active whatever the import order, and again by
``cdktf_velero.engine`` when the ``.pth`` was not processed (a source checkout on ``PYTHONPATH``).
This module imports nothing at start-up beyond ``os`` and ``sys`` (loaded already): it runs in every
interpreter of the environment.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # no typing at start-up: this module is imported by every interpreter of the environment
if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType
    from typing import Any

__all__ = ["ENV_FAST_IMPORTS", "PACKAGES", "LazyProviderFinder", "enabled", "install", "is_lazy", "jsii_submodule"]

ENV_FAST_IMPORTS = "CDKTF_VELERO_FAST_IMPORTS"
"""Set to ``0`` to turn the fast path off (every provider package then runs its own ``__init__``)."""

PACKAGES: dict[str, str] = {
    "cdktf_cdktf_provider_aws": "@cdktf/provider-aws",
    "cdktf_cdktf_provider_digitalocean": "@cdktf/provider-digitalocean",
    "cdktf_cdktf_provider_helm": "@cdktf/provider-helm",
    "cdktf_cdktf_provider_kubernetes": "@cdktf/provider-kubernetes",
    "cdktf_cdktf_provider_random": "@cdktf/provider-random",
}
"""Python package -> jsii assembly name of the prebuilt providers the fast path serves (pinned in
``cdktf_velero/versions.py``)."""

_LAZY_MARK = "__cdktf_velero_lazy__"


def enabled() -> bool:
    """Whether the environment allows the fast path (anything but ``CDKTF_VELERO_FAST_IMPORTS=0``)."""
    return os.environ.get(ENV_FAST_IMPORTS, "1").strip() != "0"


def jsii_submodule(directory_name: str) -> str:
    """The jsii name of a submodule directory: ``data_aws_iam_policy_document`` -> ``dataAwsIamPolicyDocument``."""
    head, *rest = directory_name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def is_lazy(module: ModuleType) -> bool:
    """Whether ``module`` is a provider package root built by the fast path."""
    return bool(getattr(module, _LAZY_MARK, False))


class LazyProviderFinder:
    """Meta-path finder: for a package of :data:`PACKAGES`, the normal spec with a lazy loader."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in PACKAGES or not enabled():
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None or not spec.submodule_search_locations:
            return None
        spec.loader = _LazyPackageLoader(spec.loader, PACKAGES[fullname])  # type: ignore[assignment]
        return spec


class _LazyPackageLoader:
    """Builds the lazy root; falls back to the package's own loader on any failure."""

    def __init__(self, original: Any, assembly: str) -> None:
        self._original = original
        self._assembly = assembly

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        try:
            _make_lazy(module, self._assembly)
        except Exception:  # any failure means: the normal, eager import
            for name in ("__getattr__", "__dir__", _LAZY_MARK):
                module.__dict__.pop(name, None)
            self._original.exec_module(module)

    def __getattr__(self, name: str) -> Any:
        # get_filename, get_resource_reader, is_package, ...: what the file loader answers.
        return getattr(self._original, name)


def _make_lazy(module: ModuleType, assembly: str) -> None:
    import importlib

    name = module.__name__
    directory = next(iter(module.__path__))
    with os.scandir(directory) as entries:
        submodules = sorted(e.name for e in entries if e.is_dir() and e.name.isidentifier() and e.name[0] != "_")
    if not submodules:
        raise ImportError(f"{name}: no submodules in {directory}")
    jsii_module = importlib.import_module(f"{name}._jsii")  # loads the assembly into the jsii kernel
    from jsii import _reference_map

    fqn_map = _reference_map._submodule_fqn_map  # AttributeError on a jsii without on-demand imports
    for sub in submodules:
        fqn_map.setdefault(f"{assembly}.{jsii_submodule(sub)}", f"{name}.{sub}")
    known = frozenset(submodules)

    def __getattr__(attr: str) -> ModuleType:
        if attr in known:
            return importlib.import_module(f"{name}.{attr}")  # the import system also sets it on the package
        raise AttributeError(f"module {name!r} has no attribute {attr!r}")

    def __dir__() -> list[str]:
        return sorted({*module.__dict__, *known})

    module.__dict__.update(
        {
            "__all__": submodules,
            "__jsii_assembly__": jsii_module.__jsii_assembly__,
            "__getattr__": __getattr__,
            "__dir__": __dir__,
            _LAZY_MARK: True,
        }
    )


def install() -> bool:
    """Put the finder first on ``sys.meta_path`` (once); ``False`` when the environment turned it off."""
    if not enabled():
        return False
    if not any(isinstance(finder, LazyProviderFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, LazyProviderFinder())
    return True
