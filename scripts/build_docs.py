#!/usr/bin/env python3
"""Write the HTML API reference with pdoc: ``python scripts/build_docs.py [OUTPUT]`` (default ``docs/api``).

``make docs`` runs it. The docstrings are reStructuredText (``:param x:``, ``:class:`...```),
so pdoc renders them as such. ``tests/test_packaging.py`` builds the same pages into a
temporary folder and checks that every public class is on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

MODULES = ("cdktf_velero",)
"""Documented always: the package page holds everything in ``cdktf_velero.__all__``."""

OPTIONAL_MODULES = ("cdktf_velero.imports.velero",)
"""Documented when installed: the generated classes for the Velero custom resources."""

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "api"


def modules() -> list[str]:
    """The module names to document, in page order."""
    present = [name for name in OPTIONAL_MODULES if _importable(name)]
    return [*MODULES, *present]


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def build(output: Path) -> list[Path]:
    """Render the API reference into ``output``; return the HTML pages written."""
    # Importing cdktf starts the jsii runtime (a node process), which pdoc blocks unless allowed.
    os.environ.setdefault("PDOC_ALLOW_EXEC", "1")
    import pdoc
    import pdoc.render

    from cdktf_velero import __version__

    pdoc.render.configure(
        docformat="restructuredtext",
        footer_text=f"cdktf-velero {__version__}",
        search=True,
        show_source=True,
    )
    output.mkdir(parents=True, exist_ok=True)
    pdoc.pdoc(*modules(), output_directory=output)
    return sorted(output.rglob("*.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT, help="folder for the HTML pages")
    args = parser.parse_args(argv)
    pages = build(args.output)
    print(f"wrote {len(pages)} pages to {args.output} (open {args.output / 'index.html'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
