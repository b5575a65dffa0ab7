"""CI runs the benchmark once at 1x, so a missed budget is seen (the figures themselves are in benchmarks/)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_the_1x_benchmark_runs_and_meets_its_budgets():
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "1", "--repeat", "1"],
                            capture_output=True, text=True, timeout=900)
    assert "budgets:" in result.stdout, result.stdout + result.stderr
    assert "MISS" not in result.stdout and result.returncode == 0, result.stdout
