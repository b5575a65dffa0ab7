"""Every command teaches through --help and the README; `sources` exports what sources.yaml holds."""

from __future__ import annotations

import json
import re

import pytest
import typer

from conftest import REPO
from scocheck.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)


def test_there_are_commands():
    assert {"verify", "claims", "sources"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_text(run, command):
    result = run(command, "--help")
    assert result.code == 0
    summary = typer.main.get_command(app).commands[command].help
    assert summary and len(summary.split()) >= 6, f"{command} has no real --help text"
    assert summary.split(".")[0].split("\n")[0] in " ".join(result.out.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_shown_in_the_readme(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"scocheck {command}" in readme, f"README.md does not mention `scocheck {command}`"


def test_no_arguments_shows_the_help(run):
    result = run()
    assert result.code == 0
    assert "verify" in result.out


def test_sources_json_lists_every_source_with_csl_fields(project, run):
    result = run("sources", "--format", "json", cwd=project)
    assert result.code == 0
    data = result.json()
    assert data["version"] == 1
    assert [s["id"] for s in data["sources"]] == ["alpha", "beta"]
    assert data["sources"][1]["author"][1] == {"family": "Cole", "given": "Cy"}


def test_sources_csl_json_is_a_list_of_items_with_date_parts(project, run):
    result = run("sources", "--format", "csl-json", cwd=project)
    items = json.loads(result.out)
    assert items[0]["id"] == "alpha"
    assert items[0]["issued"] == {"date-parts": [[2010]]}
    assert items[1]["type"] == "article-journal"


def test_sources_bibtex_has_one_entry_per_source(project, run):
    result = run("sources", "--format", "bibtex", cwd=project)
    assert result.code == 0
    assert "@techreport{alpha," in result.out
    assert "@article{beta," in result.out
    assert "author = {Bell, Bo and Cole, Cy}" in result.out
    assert "year = {2012}" in result.out


def test_shipped_sources_match_the_shared_corpus_ids():
    import yaml

    entries = yaml.safe_load((REPO / "corpus" / "sources.yaml").read_text(encoding="utf-8"))
    assert {e["id"] for e in entries} == {"grieger2015", "css2009", "liaqat2025", "khan-nd", "masuda2011"}
    for entry in entries:
        assert (REPO / "corpus" / entry["file"]).is_file()


def test_ci_runs_the_readme_test_command_with_pinned_versions():
    """A new contributor and CI run the same command, installing the versions the suite passed with."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quickstart", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2, commands
    ci = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci == [commands[1]]
    assert all("-c constraints.txt" in command for command in commands)
    pins = [line for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[^\s=]+", pin) for pin in pins), pins
