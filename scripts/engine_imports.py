#!/usr/bin/env python3
"""Rewrite a module's cdktf imports to go through ``cdktf_velero.engine`` (the rule in its docstring).

- ``from cdktf import A, B as C`` -> ``from <engine>.core import A, B as C``;
- ``from cdktf_cdktf_provider_P.sub import C as D`` -> ``from <engine> import P`` in the same block (module
  top, function or ``TYPE_CHECKING`` block), and ``D: TypeAlias = P.sub.C`` after that block's imports: the
  code below keeps its names, and mypy sees each as a type alias.

``<engine>`` is ``.engine`` (with as many dots as the module's depth) inside ``constructs/cdktf_velero``,
``cdktf_velero.engine`` elsewhere. Idempotent: a rewritten file is left as it is. Any other direct import of
an engine package (``import cdktf``, ``from cdktf_cdktf_provider_aws import s3_bucket``, anything from
``cdktn``) is not rewritten but reported, with its line, to be changed by hand. ``--check`` changes nothing and
exits 1 when a file would be rewritten or has such an import (``tests/test_engine_imports.py`` runs it over the
library, ``main.py``, the examples and the tests).

After merging a branch that adds or moves modules: ``make engine-imports`` (this script over every file that
still imports cdktf directly, then ``ruff check --fix --select I`` and ``ruff format``), then ``make lint``.

Usage: ``python scripts/engine_imports.py [--check] FILE...``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PROVIDER_PREFIX = "cdktf_cdktf_provider_"
ENGINE_PACKAGES = ("cdktf", "cdktn")
"""Top-level packages that only ``cdktf_velero.engine`` may import (besides the provider packages)."""
PACKAGE_ROOT = Path("constructs") / "cdktf_velero"


def engine_module(path: Path) -> str:
    """How ``path`` names the engine package: relative inside the library, absolute elsewhere."""
    parts = path.resolve().parts
    root = PACKAGE_ROOT.parts
    for i in range(len(parts) - len(root)):
        if parts[i : i + len(root)] == root:
            depth = len(parts) - (i + len(root))  # 1 for cdktf_velero/x.py, 2 for cdktf_velero/sub/x.py
            return "." * depth + "engine"
    return "cdktf_velero.engine"


def _bodies(tree: ast.AST) -> Iterator[list[ast.stmt]]:
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            body = getattr(node, name, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                yield body


def rewrite(source: str, engine: str) -> str:
    """The rewritten source (unchanged when it imports nothing from cdktf directly)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, int, int, str]] = []  # (line, col, end_line, end_col, text), 1-based lines
    for body in _bodies(tree):
        providers: list[str] = []
        aliases: list[str] = []
        first: ast.ImportFrom | None = None
        for stmt in body:
            if not isinstance(stmt, ast.ImportFrom) or stmt.level or not stmt.module:
                continue
            span = (stmt.lineno, stmt.col_offset, stmt.end_lineno or stmt.lineno, stmt.end_col_offset or 0)
            if stmt.module == "cdktf":
                names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in stmt.names)
                edits.append((*span, f"from {engine}.core import {names}"))
            elif stmt.module.startswith(PROVIDER_PREFIX) and "." in stmt.module:
                package, _, sub = stmt.module.partition(".")
                provider = package.removeprefix(PROVIDER_PREFIX)
                if provider not in providers:
                    providers.append(provider)
                aliases += [f"{a.asname or a.name}: TypeAlias = {provider}.{sub}.{a.name}" for a in stmt.names]
                if first is None:
                    first = stmt
                else:
                    edits.append((*span, ""))
        if first is None:
            continue
        last = max(s.end_lineno or s.lineno for s in body if isinstance(s, (ast.Import, ast.ImportFrom)))
        indent = " " * first.col_offset
        span = (first.lineno, first.col_offset, first.end_lineno or first.lineno, first.end_col_offset or 0)
        edits.append((*span, f"from {engine} import {', '.join(sorted(providers))}"))
        # The names keep working: each becomes an alias after the block's imports (ruff's E402 holds).
        block = "".join(f"{indent}{alias}{_noqa(indent, alias)}\n" for alias in aliases)
        edits.append((last + 1, 0, last + 1, 0, ("\n" if indent == "" else "") + block))
    if any(text.endswith("\n") and ": TypeAlias = " in text for *_, text in edits):
        edits.append(_typing_import(tree))
    for line, col, end_line, end_col, text in sorted(edits, reverse=True):
        if line > len(lines):
            lines.append(text)
            continue
        head, tail = lines[line - 1][:col], lines[end_line - 1][end_col:]
        if not text and not head.strip() and not tail.strip():
            lines[line - 1 : end_line] = []  # a further import from the same provider package in this block
        else:
            lines[line - 1 : end_line] = [head + text + tail]
    return "".join(lines)


def is_engine_package(module: str) -> bool:
    """Whether ``module`` belongs to an engine: its core or one of its provider packages."""
    top = module.partition(".")[0]
    return top in ENGINE_PACKAGES or top.startswith((PROVIDER_PREFIX, "cdktn_provider_"))


def leftovers(source: str) -> list[tuple[int, str]]:
    """Direct imports of an engine package that :func:`rewrite` leaves alone: ``(line, module)``, by hand."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if is_engine_package(alias.name)]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module and is_engine_package(node.module):
            found.append((node.lineno, node.module))
    return sorted(found)


def _noqa(indent: str, alias: str) -> str:
    """An alias whose value alone overflows 120 columns once ``ruff format`` wraps it is allowed to."""
    return "  # noqa: E501" if len(indent) + 4 + len(alias.partition(" = ")[2]) > 120 else ""


def _typing_import(tree: ast.Module) -> tuple[int, int, int, int, str]:
    """An edit importing ``TypeAlias``: into the module's ``from typing import``, else after ``__future__``."""
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "typing" and not stmt.level:
            names = sorted({a.name for a in stmt.names} | {"TypeAlias"})
            span = (stmt.lineno, stmt.col_offset, stmt.end_lineno or stmt.lineno, stmt.end_col_offset or 0)
            return (*span, f"from typing import {', '.join(names)}")
    after = max(
        (s.end_lineno or s.lineno for s in tree.body if isinstance(s, ast.ImportFrom) and s.module == "__future__"),
        default=0,
    )
    return (after + 1, 0, after + 1, 0, "from typing import TypeAlias\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="list files that still import cdktf directly")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    pending = []
    by_hand: list[str] = []
    for path in args.files:
        before = path.read_text(encoding="utf-8")
        after = rewrite(before, engine_module(path))
        if after != before:
            pending.append(path)
            if not args.check:
                path.write_text(after, encoding="utf-8")
        by_hand += [f"{path}:{line}: imports {module}" for line, module in leftovers(after)]
    for path in pending:
        print(f"{'would rewrite' if args.check else 'rewrote'} {path}")
    for line in by_hand:
        print(f"{line}: import it through cdktf_velero.engine by hand (see its docstring)")
    return 1 if by_hand or (args.check and pending) else 0


if __name__ == "__main__":
    sys.exit(main())
