"""benchmarks/bench.py --quick runs end to end on this engine and prints its table (no timing assertion)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cdktf_velero.engine import ENGINE
from tests.test_engine import EXPECTED

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench.py"

ROW = re.compile(
    r"^\| (?P<title>[^|]+?) \| (?P<engine>\w+) \| (?P<floor>[^|]+) \| (?P<lib>[^|]+) \| (?P<ratio>[^|]+) \|"
)
CELLS = 11


@pytest.mark.slow
def test_quick_bench_prints_the_table() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--engine", ENGINE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert out.startswith("# Synthesis benchmark"), out
    assert "Machine: " in out
    assert re.search(r"Load average \(/proc/loadavg, 1/5/15 min\) before / after: [\d.]+ [\d.]+ [\d.]+ / ", out), out
    assert f"{ENGINE} {EXPECTED[ENGINE]['version']}" in out
    lines = [line for line in out.splitlines() if ROW.match(line) and not line.startswith("| scenario")]
    rows = {m["title"]: (m, line) for line in lines if (m := ROW.match(line))}
    expected = [
        "(m) main.py, full layout, vs bare helm + kubernetes",
        "(a) AWS + DigitalOcean, existing buckets",
        "(d) 1 cluster(s), 2 stacks",
        "(d) 2 cluster(s), 4 stacks",
    ]
    assert list(rows) == expected, out
    for title in expected:
        match, line = rows[title]
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == CELLS, line
        assert match["engine"] == ENGINE
        floor, lib, ratio = float(match["floor"]), float(match["lib"]), float(match["ratio"])
        assert floor > 0, line
        assert lib > 0, line
        assert ratio == pytest.approx(lib / floor, rel=0.005, abs=0.002), line  # both printed rounded
        # Peak memory of library / off / floor: numbers, "off" only where the fast path applies (cdktf).
        off = r"\d+" if ENGINE == "cdktf" else "-"
        assert re.fullmatch(rf"\d+ / {off} / \d+", cells[6]), line
        assert re.fullmatch(rf"\d+ / {off}", cells[7]), line
        assert re.fullmatch(rf"\d+ / {off}", cells[8]), line
    # The marginal cluster: three numbers (library / floor / difference).
    extra = [c.strip() for c in rows["(d) 2 cluster(s), 4 stacks"][1].strip("|").split("|")][9]
    assert re.fullmatch(r"-?\d+\.\d / -?\d+\.\d / [+-]\d+\.\d", extra), extra
    # With existing buckets the AWS provider package is never imported; main.py creates an S3 bucket.
    assert rows["(a) AWS + DigitalOcean, existing buckets"][1].rstrip(" |").endswith("no")
    assert rows["(m) main.py, full layout, vs bare helm + kubernetes"][1].rstrip(" |").endswith("yes")
