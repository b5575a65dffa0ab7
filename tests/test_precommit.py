"""The real pre-commit framework runs this repository's hook in a writer's repository.

`pre-commit try-repo` installs scocheck from this repository (uncommitted
changes included) into its own environment, as a writer's
`.pre-commit-config.yaml` would, and runs hook `scocheck` on the writer's files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def try_repo(folder: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "scocheck", "--all-files",
                           "--color", "never"], cwd=folder, env=env, capture_output=True, text=True, timeout=600)


def test_pre_commit_stops_a_wrong_draft_and_passes_a_correct_one(project, tmp_path):
    writer = project
    git(writer, "init", "-q")
    write(writer / "notes" / "draft.md", "# Notes\n\nThe Widget Council's secretariat is in Strelsau.\n")
    git(writer, "add", "-A")
    home = tmp_path / "pre-commit-home"

    wrong = try_repo(writer, home)
    assert wrong.returncode == 1, wrong.stdout + wrong.stderr
    assert re.search(r"^notes/draft\.md:3:1: error: says Strelsau, .* \[contradicts-registry\]$", wrong.stdout,
                     re.MULTILINE), wrong.stdout

    write(writer / "notes" / "draft.md", "# Notes\n\nThe Widget Council's secretariat is in Zenda [@alpha].\n")
    git(writer, "add", "-A")
    right = try_repo(writer, home)
    assert right.returncode == 0, right.stdout + right.stderr
    assert "scocheck" in right.stdout and "Passed" in right.stdout
