"""Long work shows a progress bar on a terminal, and nothing on a pipe or with --format json."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest


def stderr_on_a_terminal(args: list[str], cwd) -> str:
    """Run scocheck with stderr on a pseudo-terminal; what it drew there."""
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "scocheck", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=slave, env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed when the process ended
            break
        if not chunk:
            break
        drawn += chunk
    process.wait(timeout=120)
    os.close(master)
    return drawn.decode(errors="replace")


@pytest.mark.parametrize("command, label", [
    (["verify"], "reading the corpus"),
    (["conflicts"], "reading the corpus"),
    (["cite", "The WC was founded in 2000"], "indexing the corpus"),
])
def test_a_terminal_sees_progress_and_json_output_does_not(project, command, label):
    assert label in stderr_on_a_terminal(command, project)
    assert label not in stderr_on_a_terminal([*command, "--format", "json"], project)


def test_a_pipe_sees_no_progress(project):
    result = subprocess.run([sys.executable, "-m", "scocheck", "verify"], cwd=project, capture_output=True, text=True,
                            timeout=120)
    assert result.stderr == ""
