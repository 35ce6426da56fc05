"""benchmarks/bench.py --quick runs end to end and prints its table (no timing assertion)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench.py"

ROW = re.compile(r"^\| (?P<title>[^|]+?) \| (?P<floor>[^|]+) \| (?P<lib>[^|]+) \| (?P<ratio>[^|]+) \|(?P<rest>.*)\|$")


@pytest.mark.slow
def test_quick_bench_prints_the_table() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert out.startswith("# Synthesis benchmark"), out
    assert "Machine: " in out
    assert "cdktf 0.21.0" in out
    rows = {m["title"]: m for line in out.splitlines() if (m := ROW.match(line)) and not line.startswith("|---")}
    expected = [
        "(a) AWS + DigitalOcean, existing buckets",
        "(d) 1 cluster(s), 2 stacks",
        "(d) 2 cluster(s), 4 stacks",
    ]
    assert [t for t in rows if t != "scenario"] == expected, out
    for title in expected:
        row = rows[title]
        floor, lib, ratio = float(row["floor"]), float(row["lib"]), float(row["ratio"])
        assert floor > 0, row.group(0)
        assert lib > 0, row.group(0)
        assert ratio == pytest.approx(lib / floor, abs=0.002), row.group(0)
    # The marginal cluster: three numbers (library / floor / difference).
    extra = rows["(d) 2 cluster(s), 4 stacks"]["rest"].split("|")[2].strip()
    assert re.fullmatch(r"-?\d+\.\d / -?\d+\.\d / [+-]\d+\.\d", extra), extra
    # With existing buckets the AWS provider package is never imported.
    assert rows["(a) AWS + DigitalOcean, existing buckets"]["rest"].split("|")[-1].strip() == "no"
