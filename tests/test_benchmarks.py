"""The benchmark works: at 1x, one run, it prints every figure. No time is compared here.

Speed is judged only by `benchmarks/run.py` itself (its budgets, run by hand:
benchmarks/README.md), never by the test suite, which runs on busy machines.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

COMMANDS = ("index build", "verify cold", "verify warm", "conflicts cold", "conflicts warm", "cite cold", "cite warm", "cite new",
            "cite replay", "check cold", "check warm", "check edited", "check replay")


def test_the_benchmark_runs_at_1x_and_prints_every_figure():
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "1", "--repeat", "1",
                             "--no-budgets"], capture_output=True, text=True, timeout=1800)  # a hang guard only
    assert result.returncode == 0, result.stdout + result.stderr
    for command in COMMANDS:
        assert re.search(rf"^{command}\s+\d+\.\d{{3}}\s*$", result.stdout, re.MULTILINE), (command, result.stdout)
    assert "baselines (same session" in result.stdout and "ratios:" in result.stdout, result.stdout
    assert "budgets:" not in result.stdout, "the suite must not judge times"
