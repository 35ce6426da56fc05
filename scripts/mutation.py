"""Mutation testing of the validation and planning layer with mutmut; writes the report.

Usage: ``python scripts/mutation.py --files validation/core.py plan.py ... --report docs/mutation-report.md
[--minutes 4]`` (``make mutation``). mutmut expects the package under ``src/``, so the run happens in a workspace
(``build/mutation``): the package (its ``imports`` link resolved), the tests, and a pyproject.toml
that selects the fast tests (marker ``pure``: no jsii synthesis) with the ``mutation`` hypothesis
profile. Surviving mutants that cannot change behaviour are listed with a reason in
``docs/mutation-equivalent.json``; the report counts them apart and shows every other survivor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "cdktf_velero"
_PURE = "pytest.mark.pure"
_MESSAGE_LINE = r"""^\s*(?:[rRfF]{0,2}"(?:[^"\\]|\\.)*"\s*)+\)?,?\s*$"""
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout"}
STATUS.update({24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", 37: "caught by type check"})


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    function: str
    status: str
    line: int
    diff: str

    @property
    def change(self) -> str:
        """The changed lines only, stripped: what an equivalence entry matches."""
        lines = [ln for ln in self.diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
        return "\n".join(ln[0] + " " + ln[1:].strip() for ln in lines)


def prepare(work: Path, files: list[str]) -> None:
    """A fresh workspace: package under src/, the tests, and the mutmut and pytest settings."""
    if work.exists():
        shutil.rmtree(work)
    copy_sources(work)
    write_config(work, files)


def copy_sources(work: Path) -> None:
    """The package and the tests as they are now, into the workspace (its mutants and results stay)."""
    for source, target in ((ROOT / "constructs" / PACKAGE, work / "src" / PACKAGE), (ROOT / "tests", work / "tests")):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=False, ignore=shutil.ignore_patterns("__pycache__", "__snapshots__"))


def write_config(work: Path, files: list[str]) -> None:
    """The workspace's pyproject.toml: pytest's markers, and what mutmut mutates and runs."""
    only = ", ".join(json.dumps(f"src/{PACKAGE}/{name}") for name in files)
    # Only the modules with tests marked pure (the whole module or single tests) are collected, and of
    # them only the pure tests run: the others synthesize through jsii.
    pure = sorted(f"tests/{p.name}" for p in (ROOT / "tests").glob("test_*.py") if _PURE in p.read_text())
    selection = json.dumps([*pure, "-m", "pure"])
    (work / "pyproject.toml").write_text(
        "[tool.pytest.ini_options]\n"
        'testpaths = ["tests"]\n'
        'markers = ["pure: no jsii synthesis", "slow: an external program"]\n'
        "[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = [{only}]\n"
        'also_copy = ["tests", "pyproject.toml"]\n'
        f"pytest_add_cli_args_test_selection = {selection}\n"
        # pytest's unraisable-exception plugin runs gc.collect() several times per session: seconds per
        # mutant with jsii's heap. Without it a mutant costs about one second.
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "no:unraisableexception", "-p", "no:syrupy"]\n'
        # A line holding only string literals is the wording of an error message (its own lines in a
        # multi-line raise): not mutated. Tests assert the path, the value and that the rule is shown.
        f"do_not_mutate_patterns = [{json.dumps(_MESSAGE_LINE)}]\n"
        # Generous: on a shared machine a slow run is not a hang.
        "timeout_multiplier = 10.0\n"
        "timeout_constant = 30.0\n"
    )


def run_mutmut(
    work: Path, max_children: int, minutes: float = 0, names: tuple[str, ...] = (), attempts: int = 5
) -> bool:
    """Run mutmut until every mutant has a result, or for ``minutes`` (0: no bound); returns whether it
    finished. A bounded run is stopped as Ctrl-C stops it (mutmut saves each result as it comes), and the
    mutants it did not reach count as not checked. Its workers fork from the process that holds jsii's node
    process; should mutmut take that process's exit for a worker's (a KeyError in mutmut), it stops, and
    the next attempt goes on from the results saved so far."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VELERO_UPSTREAM_DIR")}
    env["HYPOTHESIS_PROFILE"] = "mutation"
    mutmut = Path(sys.executable).with_name("mutmut")
    deadline = time.monotonic() + minutes * 60 if minutes else None
    for attempt in range(attempts):
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            return False
        command = [str(mutmut), "run", "--max-children", str(max_children), *names]
        with subprocess.Popen(command, cwd=work, env=env, start_new_session=True) as process:
            try:
                code = process.wait(timeout=left)
            except subprocess.TimeoutExpired:
                print(f"time bound of {minutes} minutes reached: stopping mutmut", flush=True)
                os.killpg(process.pid, signal.SIGINT)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                return False
        if code == 0:
            return True
        print(f"mutmut stopped (exit {code}), attempt {attempt + 1} of {attempts}: going on", flush=True)
    raise SystemExit("mutmut did not finish")


def rerun_survivors(work: Path, max_children: int, minutes: float) -> None:
    """Check the mutants that survived again with the current tests (copied afresh into the workspace):
    after tests were added for them, without running every mutant again."""
    for target in (work / "tests", work / "mutants" / "tests"):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / "tests", target, ignore=shutil.ignore_patterns("__pycache__", "__snapshots__"))
    names = [
        key
        for meta_path in (work / "mutants").rglob("*.py.meta")
        for key, code in json.loads(meta_path.read_text())["exit_code_by_key"].items()
        if code is not None and STATUS.get(code) == "survived"
    ]
    if names:
        run_mutmut(work, max_children, minutes, tuple(names))


def groups(files: list[str]) -> dict[str, list[str]]:
    """The modules run together, each group in a workspace of its own: a subpackage's modules together
    (``validation/``, ``locations/``), the package's top-level modules together (``package``). A time bound
    applies to each group."""
    out: dict[str, list[str]] = {}
    for name in files:
        out.setdefault(name.partition("/")[0] if "/" in name else "package", []).append(name)
    return out


def retry_timeouts(work: Path) -> None:
    """Forget the timeouts of an earlier run (a loaded machine, not a hang): mutmut checks them again."""
    for meta_path in (work / "mutants").rglob("*.py.meta"):
        meta = json.loads(meta_path.read_text())
        codes = meta["exit_code_by_key"]
        for key, code in codes.items():
            if STATUS.get(code) == "timeout":
                codes[key] = None
        meta_path.write_text(json.dumps(meta, indent=4))


def _function_line(source: list[str], function: str) -> int:
    pattern = re.compile(rf"^\s*def {re.escape(function)}\(")
    return next((i + 1 for i, text in enumerate(source) if pattern.match(text)), 0)


def collect(work: Path, files: list[str]) -> list[Mutant]:
    """Every mutant of ``files`` with its status; the diff and line of those not killed (``mutmut show``, a few at
    a time: each is a process of its own)."""
    found: list[tuple[str, str, str, str, list[str]]] = []
    for name in files:
        meta = json.loads((work / "mutants" / "src" / PACKAGE / f"{name}.meta").read_text())
        source = (work / "src" / PACKAGE / name).read_text().splitlines()
        for key, code in sorted(meta["exit_code_by_key"].items(), key=lambda kv: _order(kv[0])):
            status = STATUS.get(code, "suspicious") if code is not None else "not checked"
            function = key.partition("__mutmut_")[0].rpartition(".")[2]
            function = function.rpartition("\u01c1")[2] if "\u01c1" in function else function.removeprefix("x_")
            found.append((key, name, function, status, source))
    shown = [key for key, _, _, status, _ in found if status not in ("killed", "not checked")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        diffs = dict(zip(shown, pool.map(lambda key: _diff(work, key), shown), strict=True))
    mutants: list[Mutant] = []
    for key, name, function, status, source in found:
        diff, line = diffs.get(key, ""), 0
        if key in diffs:
            hunk = re.search(r"^@@ -(\d+)", diff, re.MULTILINE)
            first = next((i for i, ln in enumerate(diff.splitlines()[1:]) if ln[:1] in "+-"), 0)
            line = _function_line(source, function) + (int(hunk.group(1)) - 1 if hunk else 0) + first
        mutants.append(Mutant(key, name, function, status, line, diff))
    return mutants


def _diff(work: Path, key: str) -> str:
    mutmut = Path(sys.executable).with_name("mutmut")
    shown = subprocess.run([str(mutmut), "show", key], cwd=work, capture_output=True, text=True, check=False)
    return "\n".join(ln for ln in shown.stdout.splitlines()[1:] if not ln.startswith(("---", "+++")))


def _order(key: str) -> tuple[str, int]:
    base, _, number = key.partition("__mutmut_")
    return base, int(number) if number.isdigit() else 0


_STRING = re.compile(r"""[rRfF]{0,2}"(?:[^"\\]|\\.)*"|[rRfF]{0,2}'(?:[^'\\]|\\.)*'""")


def is_wording(mutant: Mutant) -> bool:
    """Whether the mutant only rewords an error's rule: the last string of a ``VeleroConfigError(...)`` line
    (or a rule returned as a string), the path and the value untouched. Tests assert that an error names
    the path and the value and shows a rule, not the rule's words."""
    lines = mutant.change.splitlines()
    minus = [ln[2:] for ln in lines if ln.startswith("- ")]
    plus = [ln[2:] for ln in lines if ln.startswith("+ ")]
    if len(minus) != 1 or len(plus) != 1:
        return False
    old, new = minus[0], plus[0]
    # The error's call on one line, a rule returned as text, or the arguments of a multi-line call
    # (``"node_agent", False, "a schedule has ..."``).
    arguments = re.match(r"""(?:[fF]?"[^"]*"|\w+), [^,]+, [fF]?["(]""", old)
    if "VeleroConfigError(" not in old and not re.match(r"return [fF]?[\"']", old) and not arguments:
        return False
    before, after = _STRING.findall(old), _STRING.findall(new)
    if len(before) != len(after) or _STRING.sub('""', old) != _STRING.sub('""', new):
        return False
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    return changed == [len(before) - 1] and "path" not in before[-1]


def load_equivalents(path: Path) -> list[dict[str, str]]:
    """``[{"file", "function", "change", "reason"}]``; ``change`` as in the report (``- old`` / ``+ new``)."""
    if not path.exists():
        return []
    entries: list[dict[str, str]] = json.loads(path.read_text())
    return entries


def _matches(entry: dict[str, str], mutant: Mutant) -> bool:
    return (
        entry["file"] == mutant.file
        and entry["function"] == mutant.function
        and entry["change"].strip() == mutant.change
    )


def report(mutants: list[Mutant], equivalents: list[dict[str, str]], files: list[str], note: str = "") -> str:
    equivalent = {m.name: e for m in mutants if m.status != "killed" for e in equivalents if _matches(e, m)}
    wording = {m.name for m in mutants if m.status != "killed" and m.name not in equivalent and is_wording(m)}
    unchecked = {m.name for m in mutants if m.status == "not checked"}
    rows = []
    total_killed = total_counted = 0
    for name in files:
        mine = [m for m in mutants if m.file == name]
        killed = sum(m.status == "killed" for m in mine)
        eq = sum(m.name in equivalent for m in mine)
        worded = sum(m.name in wording for m in mine)
        counted = len(mine) - eq - worded - sum(m.name in unchecked for m in mine)
        total_killed += killed
        total_counted += counted
        file_score = f"{100 * killed / counted:.1f}%" if counted else "-"
        rows.append(f"| `{name}` | {len(mine)} | {killed} | {eq} | {worded} | {counted - killed} | {file_score} |")
    score = 100 * total_killed / total_counted if total_counted else 100.0
    out = [
        "# Mutation report",
        "",
        "Written by `make mutation` (mutmut over the fast `pure` tests; see `scripts/mutation.py`).",
        "Score = killed / (mutants - equivalent - wording). Equivalent mutants cannot change behaviour; each is",
        "listed in `docs/mutation-equivalent.json` with the reason. Wording mutants only reword the rule of an",
        "error (its path and value untouched): the tests assert that every error names the path and the value",
        "and shows a rule, not the rule's words. Lines holding only message text are not mutated at all.",
        "",
        f"**Score: {score:.1f}%** ({total_killed} killed of {total_counted} mutants that count; "
        f"{len(equivalent)} equivalent, {len(wording)} wording, {len(unchecked)} not checked; {len(mutants)} in all)",
        "",
        *([note, ""] if note else []),
        "| file | mutants | killed | equivalent | wording | not killed | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
    ]
    others = [m for m in mutants if m.status != "killed" and m.name not in (*equivalent, *wording, *unchecked)]
    out += ["## Not killed", ""] if others else ["## Not killed", "", "None.", ""]
    for m in others:
        out += [f"### `{m.file}:{m.line}` {m.function} ({m.status})", "", "```diff", m.diff, "```", ""]
    out += ["## Equivalent", ""]
    for m in mutants:
        if m.name in equivalent:
            out += [f"- `{m.file}:{m.line}` {m.function}: {equivalent[m.name]['reason']}", "", "  ```diff"]
            out += [f"  {ln}" for ln in m.change.splitlines()] + ["  ```", ""]
    out += ["## Wording", ""]
    out += [
        f"- `{m.file}:{m.line}` {m.function}: `{m.change.splitlines()[-1][2:].strip()}`"
        for m in mutants
        if m.name in wording
    ]
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="+", required=True, help="modules of the package to mutate")
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--equivalent", type=Path, default=ROOT / "docs" / "mutation-equivalent.json")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "mutation")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--minutes", type=float, default=0, help="time bound of each group (0: none)")
    parser.add_argument("--report-only", action="store_true", help="rewrite the report from the last run")
    parser.add_argument("--resume", action="store_true", help="go on with the mutants the last run left")
    parser.add_argument(
        "--update",
        action="store_true",
        help="take the package and tests as they are now: mutmut tests again the mutants of changed functions",
    )
    parser.add_argument("--rerun-survivors", action="store_true", help="check the last run's survivors again")
    parser.add_argument("--note", default="", help="a paragraph for the report (e.g. why a run is partial)")
    args = parser.parse_args()
    mutants: list[Mutant] = []
    for group, files in groups(args.files).items():
        work = args.workdir / group
        if args.rerun_survivors:
            rerun_survivors(work, args.max_children, args.minutes)
        elif args.resume or args.update:
            if args.update:
                copy_sources(work)
            write_config(work, files)
            retry_timeouts(work)
            shutil.copy2(work / "pyproject.toml", work / "mutants" / "pyproject.toml")
        elif not args.report_only:
            prepare(work, files)
        if not args.report_only and not args.rerun_survivors:
            run_mutmut(work, args.max_children, args.minutes)
        mutants += collect(work, files)
    args.report.write_text(report(mutants, load_equivalents(args.equivalent), args.files, args.note))
    print(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
