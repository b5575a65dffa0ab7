"""Shared fixtures: a small made-up project (nothing about the SCO), and a CLI runner."""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from scocheck.cli import main

# Property-based tests run the same examples every time (derandomised, no example database), so a
# fresh clone passes or fails the same way on every machine; SCOCHECK_HYPOTHESIS=explore searches
# with fresh random examples, for a developer hunting bugs (what it finds becomes an @example).
settings.register_profile("reproducible", derandomize=True, database=None)
settings.register_profile("explore", max_examples=1000)
settings.load_profile("explore" if os.environ.get("SCOCHECK_HYPOTHESIS") == "explore" else "reproducible")

REPO = Path(__file__).resolve().parent.parent

# A hang guard, never a speed limit: a subprocess whose work takes a few seconds at most gets this
# long before its test fails, so a hang (a FIFO read, exponential backtracking) fails the test
# instead of stalling the suite, and a busy machine never does. Speed is measured in benchmarks/.
HANG_SECONDS = 600

SOURCES = """\
- id: alpha
  file: alpha.txt
  type: report
  title: The Widget Council at Twenty
  author: [{family: Arden, given: Ann}]
  issued: 2010
- id: beta
  file: beta.txt
  type: article-journal
  title: Widgets in Ruritania
  author: [{family: Bell, given: Bo}, {family: Cole, given: Cy}]
  issued: 2012
"""

ALPHA = """\
The Widget Council

The Widget Council (WC) was established in 1999 in Strelsau. Its secre-
tariat opened in Zenda in 2003. By 2009 the Council had some 1 000
member firms and a budget of US\\$12 billion.¹
"""

BETA = """\
The WC, founded in 2000 according to its own charter, has its secretariat in Zenda.
The Council's budget reached US$12 billion in 2009.
"""

VOCABULARY = """\
entities:
  - id: wc
    name: Widget Council
    kind: organisation
    aliases: [WC]
  - id: wc-secretariat
    name: Widget Council Secretariat
    kind: body
    aliases: [secretariat]
places:
  - id: zenda
    name: Zenda
    kind: city
  - id: strelsau
    name: Strelsau
    kind: city
properties:
  - id: established
    cues: [establish*, found*, creat*, open*]
  - id: location
    cues: [in, located, seat]
  - id: budget
    cues: [budget]
    time_varying: true
modality: [expected, plan*]
"""

FACTS = """\
- id: wc.established
  statement: The Widget Council was established in 1999.
  subject: wc
  property: established
  type: year
  value: 1999
  evidence:
    - source: alpha
      quote: The Widget Council (WC) was established in 1999
  disputed_by:
    - source: beta
      quote: The WC, founded in 2000 according to its own charter
      note: Beta dates the Council from its charter.
- id: wc-secretariat.location
  statement: The Widget Council's secretariat is in Zenda.
  subject: wc-secretariat
  property: location
  type: place
  value: zenda
  evidence:
    - source: alpha
      quote: Its secretariat opened in Zenda in 2003
    - source: beta
      quote: has its secretariat in Zenda
- id: wc.budget
  statement: The Widget Council's budget was US$12 billion in 2009.
  subject: wc
  property: budget
  type: money
  value: 12000000000 USD
  as_of: 2009
  evidence:
    - source: alpha
      quote: a budget of US$12 billion
    - source: beta
      quote: The Council's budget reached US$12 billion in 2009
"""


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small, valid project: two sources, a vocabulary and three claims."""
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    write(tmp_path / "corpus" / "alpha.txt", ALPHA)
    write(tmp_path / "corpus" / "beta.txt", BETA)
    write(tmp_path / "claims" / "vocabulary.yaml", VOCABULARY)
    write(tmp_path / "claims" / "facts.yaml", FACTS)
    return tmp_path


@pytest.fixture
def sco(tmp_path: Path) -> Path:
    """A copy of the shipped project (corpus and registry) that a test may change."""
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    shutil.copytree(REPO / "claims", tmp_path / "claims")
    return tmp_path


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the CLI in-process in a folder; returns exit code, stdout and stderr."""

    def runner(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return runner


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return path


# --- evaluations: figures a test measures, printed at the end of every run (CI's log shows them) ---
_EVALUATIONS: list[str] = []


def registry_free_project(tmp: Path, documents: dict[str, tuple[int, str]]) -> Path:
    """A project with no claims: each document (id -> (year issued, text)) stands on its own."""
    entries = "".join(f"- id: {name}\n  file: {name}.txt\n  title: {name}\n  issued: {year}\n"
                      for name, (year, _) in documents.items())
    write(tmp / "corpus" / "sources.yaml", entries)
    for name, (_, text) in documents.items():
        write(tmp / "corpus" / f"{name}.txt", text)
    (tmp / "claims").mkdir()
    return tmp


@pytest.fixture
def evaluation():
    """Record one line of figures (an accuracy, a recall) for the run's closing summary."""
    return _EVALUATIONS.append


def pytest_terminal_summary(terminalreporter):
    if _EVALUATIONS:
        terminalreporter.section("evaluations")
        for line in _EVALUATIONS:
            terminalreporter.write_line(line)
