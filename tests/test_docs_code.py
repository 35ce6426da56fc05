"""The Python in README.md and docs/*.md: a block is a complete program, run verbatim and synthesized, unless
the line before its fence marks it ``<!-- snippet -->``; a snippet must parse and import only what exists."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from cdktf_velero import (
    BackupSchedule,
    DataMover,
    RepositoryMaintenance,
    Resources,
    S3BucketOptions,
    S3LifecycleRule,
    SpacesBucketOptions,
    VeleroBackups,
)
from cdktf_velero.locations.base import Location
from tests.chart_render import crd_validator, validate_velero_objects
from tests.helpers import manifest_objects

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SNIPPET = "<!-- snippet -->"
LOCATION_KINDS = sorted(Location.__subclasses__(), key=lambda kind: kind.__name__)
"""Every kind of location the package defines: each needs its README table."""

# What each program synthesizes: stack -> resource types, and the providers each stack declares.
# The repository password is generated (random_password), its provider declared by the library.
_CHART_STACK = (
    {"kubernetes_namespace", "kubernetes_secret", "helm_release", "random_password"},
    {"kubernetes", "helm", "random"},
)
_RESOURCES_STACK = ({"kubernetes_secret", "kubernetes_manifest"}, {"kubernetes"})
EXPECTED: dict[tuple[str, str], dict[str, tuple[set[str], set[str]]]] = {
    ("README.md", "Example"): {"velero": _CHART_STACK, "velero-digitalocean": _RESOURCES_STACK},
    ("README.md", "Example: MinIO in the cluster"): {"velero": _CHART_STACK, "velero-locations": _RESOURCES_STACK},
    ("README.md", "Example: Backblaze B2"): {"velero": _CHART_STACK, "velero-locations": _RESOURCES_STACK},
}


@dataclass(frozen=True)
class Block:
    """One fenced Python block: where it is, under which heading, and whether it is marked a snippet."""

    document: str
    line: int
    heading: str
    code: str
    snippet: bool

    @property
    def id(self) -> str:
        return f"{self.document}:{self.line}"


def python_blocks(name: str, text: str) -> list[Block]:
    """The Python blocks of a Markdown document, parsed as CommonMark (fences inside list items included)."""
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    heading = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = tokens[index + 1].content
        elif token.type == "fence" and token.info.strip() == "python":
            before = tokens[index - 1] if index else None
            marked = before is not None and before.type == "html_block" and before.content.strip() == SNIPPET
            line = token.map[0] + 1 if token.map else 0
            blocks.append(Block(name, line, heading, token.content, marked))
    return blocks


ALL_BLOCKS = [block for path in DOCUMENTS for block in python_blocks(path.name, path.read_text(encoding="utf-8"))]
PROGRAMS = [block for block in ALL_BLOCKS if not block.snippet]


def test_the_extractor_tells_programs_from_snippets() -> None:
    text = "# A\n\n```python\nx = 1\n```\n\n- item\n\n  <!-- snippet -->\n  ```python\n  y(\n    2)\n  ```\n"
    program, snippet = python_blocks("t.md", text)
    assert (program.heading, program.line, program.code, program.snippet) == ("A", 3, "x = 1\n", False)
    assert (snippet.line, snippet.code, snippet.snippet) == (10, "y(\n  2)\n", True)


def test_the_readme_example_is_a_program() -> None:
    assert [(block.document, block.heading) for block in PROGRAMS] == list(EXPECTED)


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=[block.id for block in ALL_BLOCKS])
def test_every_block_parses_and_imports_what_exists(block: Block) -> None:
    tree = ast.parse(block.code, filename=block.id)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            module = importlib.import_module(node.module)
            missing = [alias.name for alias in node.names if not hasattr(module, alias.name)]
            assert not missing, f"{block.id} imports {missing} from {node.module}, which has no such names"


def run_program(block: Block, workdir: Path) -> dict[str, dict[str, Any]]:
    """Run the block as a user would (``python example.py`` in an empty folder) and read what it synthesized."""
    (workdir / "example.py").write_text(block.code, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "constructs")
    # Node 22 from package.json first, as `make` arranges it.
    env["PATH"] = os.pathsep.join([str(ROOT / "node_modules" / ".bin"), str(Path(sys.executable).parent), env["PATH"]])
    env["CHECKPOINT_DISABLE"] = "1"
    result = subprocess.run(
        [sys.executable, "example.py"], cwd=workdir, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{block.id} fails as written:\n{result.stdout}{result.stderr}"
    out = workdir / "cdktf.out"
    manifest = json.loads((out / "manifest.json").read_text())
    return {
        name: json.loads((out / entry["synthesizedStackPath"]).read_text())
        for name, entry in manifest["stacks"].items()
    }


@pytest.mark.slow
@pytest.mark.parametrize("block", PROGRAMS, ids=[block.id for block in PROGRAMS])
def test_every_program_runs_verbatim_and_synthesizes(block: Block, tmp_path: Path) -> None:
    expected = EXPECTED.get((block.document, block.heading))
    assert expected is not None, f"{block.id} is a program: add what it synthesizes to EXPECTED, or mark it a snippet"
    stacks = run_program(block, tmp_path)
    assert set(stacks) == set(expected)
    for name, (resource_types, providers) in expected.items():
        doc = stacks[name]
        assert set(doc["resource"]) == resource_types, name
        assert set(doc["provider"]) == providers, name
        if "helm_release" in doc["resource"]:
            # helm provider 3.x takes `kubernetes` as an object attribute.
            assert isinstance(doc["provider"]["helm"][0]["kubernetes"], dict)
            validate_velero_objects(doc)  # the release renders with the real chart; its objects pass the CRDs
        for obj in manifest_objects(doc):
            crd_validator(obj["kind"]).validate(obj)


def readme_table_props(heading: str) -> set[str]:
    """The backticked names in the first column of the table under the README heading ``### `heading```."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"### `{heading}`")
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append(line.split("|")[1])
    return {name for cell in rows for name in re.findall(r"`([a-z_0-9]+)`", cell)}


@pytest.mark.parametrize(
    "cls",
    [
        *LOCATION_KINDS,
        BackupSchedule,
        S3BucketOptions,
        S3LifecycleRule,
        SpacesBucketOptions,
        Resources,
        RepositoryMaintenance,
        DataMover,
    ],
    ids=lambda cls: cls.__name__,
)
def test_every_options_field_has_a_readme_row(cls: type) -> None:
    fields = {field.name for field in dataclasses.fields(cls)}
    missing = fields - readme_table_props(cls.__name__)
    assert not missing, f"README table of {cls.__name__} lacks {sorted(missing)}"


def test_every_construct_prop_has_a_readme_row() -> None:
    params = inspect.signature(VeleroBackups.__init__).parameters.values()
    props = {param.name for param in params if param.kind is inspect.Parameter.KEYWORD_ONLY}
    missing = props - readme_table_props("VeleroBackups(scope, id, *, ...)")
    assert not missing, f"README table of VeleroBackups lacks {sorted(missing)}"
