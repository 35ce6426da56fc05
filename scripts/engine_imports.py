#!/usr/bin/env python3
"""Rewrite a module's cdktf imports to go through ``cdktf_velero.engine`` (the rule in its docstring).

- ``from cdktf import A, B as C`` -> ``from <engine>.core import A, B as C``;
- ``from cdktf_cdktf_provider_P.sub import C`` -> ``from <engine> import P`` in the same block, and each
  use of ``C`` -> ``P.sub.C``.

``<engine>`` is ``.engine`` (with as many dots as the module's depth) inside ``constructs/cdktf_velero``,
``cdktf_velero.engine`` elsewhere. Idempotent; ``--check`` lists the files it would change. Run
``ruff check --fix --select I`` and ``ruff format`` afterwards (the Makefile's ``engine-imports`` target does).

Usage: ``python scripts/engine_imports.py [--check] FILE...``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PROVIDER_PREFIX = "cdktf_cdktf_provider_"
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
    uses: dict[str, str] = {}
    for body in _bodies(tree):
        seen: set[str] = set()
        for stmt in body:
            if not isinstance(stmt, ast.ImportFrom) or stmt.level or not stmt.module:
                continue
            end_line = stmt.end_lineno or stmt.lineno
            end_col = stmt.end_col_offset or 0
            if stmt.module == "cdktf":
                names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in stmt.names)
                edits.append((stmt.lineno, stmt.col_offset, end_line, end_col, f"from {engine}.core import {names}"))
            elif stmt.module.startswith(PROVIDER_PREFIX) and "." in stmt.module:
                package, _, sub = stmt.module.partition(".")
                provider = package.removeprefix(PROVIDER_PREFIX)
                for alias in stmt.names:
                    target = f"{provider}.{sub}.{alias.name}"
                    local = alias.asname or alias.name
                    if uses.setdefault(local, target) != target:
                        raise SystemExit(f"{local} stands for both {uses[local]} and {target}: rewrite by hand")
                text = "" if provider in seen else f"from {engine} import {provider}"
                seen.add(provider)
                edits.append((stmt.lineno, stmt.col_offset, end_line, end_col, text))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in uses and isinstance(node.ctx, ast.Load):
            line, col = node.lineno, node.col_offset
            edits.append((line, col, node.end_lineno or line, node.end_col_offset or col, uses[node.id]))
    for line, col, end_line, end_col, text in sorted(edits, reverse=True):
        head, tail = lines[line - 1][:col], lines[end_line - 1][end_col:]
        if not text and not head.strip() and not tail.strip():
            lines[line - 1 : end_line] = []  # a second import of the same provider in one block
        else:
            lines[line - 1 : end_line] = [head + text + tail]
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="list files that still import cdktf directly")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    pending = []
    for path in args.files:
        before = path.read_text(encoding="utf-8")
        after = rewrite(before, engine_module(path))
        if after != before:
            pending.append(path)
            if not args.check:
                path.write_text(after, encoding="utf-8")
    for path in pending:
        print(f"{'would rewrite' if args.check else 'rewrote'} {path}")
    return 1 if args.check and pending else 0


if __name__ == "__main__":
    sys.exit(main())
