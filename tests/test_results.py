"""Stored `check` runs: replayed only while every input is unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write
from scocheck import results

WRONG = "The Widget Council's secretariat is in Strelsau.\n"
ARGV = ["check", "draft.md"]


@pytest.fixture
def checked(run, project: Path) -> Path:
    """A project whose draft has been checked once (so a run is stored)."""
    write(project / "draft.md", WRONG)
    first = run(*ARGV, cwd=project)
    assert first.code == 1 and "contradicts-registry" in first.out
    return project


def test_an_unchanged_check_is_replayed_with_its_output_and_exit_status(run, checked):
    fresh = run(*ARGV, cwd=checked)
    assert results.replay(ARGV, str(checked)) == (fresh.out, 1)


def test_the_command_replays_through_the_entry_point(checked):
    command = [sys.executable, "-m", "scocheck", *ARGV]
    env = {**os.environ, "SCOCHECK_DEBUG": ""}
    first = subprocess.run(command, cwd=checked, capture_output=True, text=True, env=env, timeout=120)
    again = subprocess.run(command, cwd=checked, capture_output=True, text=True, env=env, timeout=120)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout) == (1, first.stdout)
    assert "contradicts-registry" in again.stdout


def _config_further_up(folder: Path, request) -> None:
    config = folder.parent / "pyproject.toml"  # shared by the session's other tests: removed afterwards
    request.addfinalizer(lambda: config.unlink(missing_ok=True))
    write(config, '[tool.scocheck]\nfail-level = "warning"\n')


CHANGES = {
    "draft": lambda p, _: write(p / "draft.md", "The Widget Council's secretariat is in Zenda [@alpha].\n"),
    "corpus file": lambda p, _: write(p / "corpus" / "beta.txt", (p / "corpus" / "beta.txt").read_text() + "More.\n"),
    "new registry file": lambda p, _: write(p / "claims" / "more.yaml", "claims: []\n"),
    "registry file": lambda p, _: write(p / "claims" / "facts.yaml", (p / "claims" / "facts.yaml").read_text() + "\n"),
    "new config": lambda p, _: write(p / "scocheck.toml", 'fail-level = "warning"\n'),
    "config further up": _config_further_up,
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_changed_input_means_a_fresh_run(checked, change, request):
    CHANGES[change](checked, request)
    assert results.replay(ARGV, str(checked)) is None


def test_other_options_or_folders_are_other_runs(checked):
    assert results.replay([*ARGV, "--format", "json"], str(checked)) is None
    assert results.replay(ARGV, str(checked / "claims")) is None


@pytest.mark.parametrize("damage", ["", "{", '{"version": "0.1.0", "output": 3}', "[]"])
def test_a_damaged_record_is_ignored_and_the_check_runs_again(run, checked, damage):
    [stored] = (checked / ".scocheck" / "runs").glob("*.json")
    stored.write_text(damage)
    assert results.replay(ARGV, str(checked)) is None
    again = run(*ARGV, cwd=checked)
    assert again.code == 1 and "contradicts-registry" in again.out
    assert results.replay(ARGV, str(checked)) == (again.out, 1)


def test_old_records_are_pruned(run, checked):
    for number in range(results.KEEP + 5):
        results.record(str(checked), ["check", f"d{number}.md"], str(checked), [], "", 0)
    assert len(list((checked / ".scocheck" / "runs").glob("*.json"))) == results.KEEP


def test_cite_is_replayed_and_a_changed_sentence_is_not(run, project):
    asked = ["cite", "The WC was founded in 2000", "--format", "json"]
    first = run(*asked, cwd=project)
    assert first.json()["verdict"] == "disputed"
    assert results.replay(asked, str(project)) == (first.out, 0)
    assert results.replay(["cite", "The WC was founded in 1999", "--format", "json"], str(project)) is None


def test_a_run_stored_by_another_build_is_never_replayed(checked, monkeypatch):
    """Edited rules, word lists or another commit under the same version number: a new build."""
    assert results.replay(ARGV, str(checked)) is not None
    monkeypatch.setattr(results, "fingerprint", lambda: "another build")
    assert results.replay(ARGV, str(checked)) is None


def test_an_index_built_by_another_build_is_rebuilt(project, monkeypatch):
    from scocheck import index
    from scocheck.project import open_project

    found = open_project(start=project)
    sources_file = found.config.corpus / "sources.yaml"
    index.open_index(found.config.root, found.sources, sources_file).close()
    path = found.config.root / index.CACHE_DIR / index.INDEX_FILE
    ours = index.corpus_hash(found.sources, sources_file)
    assert index._open_checked(path, ours, found.sources) is not None
    monkeypatch.setattr(index, "fingerprint", lambda: "another build")
    assert index.corpus_hash(found.sources, sources_file) != ours
    index.open_index(found.config.root, found.sources, sources_file).close()  # rebuilt for this build
    assert index._open_checked(path, ours, found.sources) is None
