"""Judging a sentence fact by fact (judge.py), as `cite` and `check` show it.

A made-up corpus about a harbour town, with a registry that knows the town and the harbour
bridge but records no claim about them: every fact here is one no claim covers, so what is found
comes from reading the corpus's sentences, not from the registry's quotes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write

SOURCES = """\
- id: annals
  file: annals.txt
  type: book
  title: Annals of Port Quill
  author: [{family: Amsel, given: Ada}]
  issued: 2015
- id: gazette
  file: gazette.txt
  type: article-newspaper
  title: The Quill Gazette Yearbook
  author: [{family: Brack, given: Ben}]
  issued: 2016
"""

ANNALS = """\
Port Quill

The Tessel Bridge was completed in 1911. The lighthouse on Gull Point was built in 1874.
The harbour authority expects the new ferry terminal to open in 2031.
"""

GAZETTE = """\
The Quill Harbour Bridge, which the town calls the Tessel Bridge, was completed in 1911.
The lighthouse on Gull Point was built in 1874 by the harbour board.
"""

REGISTRY = """\
entities:
  - id: tessel-bridge
    name: Tessel Bridge
    kind: structure
    aliases: [Quill Harbour Bridge]
places: []
properties:
  - id: completed
    cues: [complet*, finish*]
"""


@pytest.fixture
def town(tmp_path: Path) -> Path:
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    write(tmp_path / "corpus" / "annals.txt", ANNALS)
    write(tmp_path / "corpus" / "gazette.txt", GAZETTE)
    write(tmp_path / "claims" / "registry.yaml", REGISTRY)
    return tmp_path


def cite(run, folder: Path, sentence: str) -> dict:
    result = run("cite", sentence, "--format", "json", cwd=folder)
    assert result.code == 0, result.err
    return result.json()


def test_a_fact_no_claim_covers_is_supported_by_the_passages_that_state_it(run, town):
    answer = cite(run, town, "The lighthouse on Gull Point was built in 1874.")
    assert answer["verdict"] == "supported"
    assert {e["source"] for e in answer["evidence"]} == {"annals", "gazette"}
    assert [f["verdict"] for f in answer["statements"]] == ["supported"]


def test_a_fact_no_claim_covers_is_contradicted_by_the_passages_that_state_another_value(run, town):
    answer = cite(run, town, "The lighthouse on Gull Point was built in 1880.")
    assert answer["verdict"] == "contradicted"
    assert {(e["source"], e["value"]) for e in answer["evidence"]} == {("annals", "1874"), ("gazette", "1874")}


def test_a_sentence_with_one_right_and_one_wrong_fact_is_contradicted_and_says_which(run, town):
    answer = cite(run, town, "The Tessel Bridge was completed in 1911, and the lighthouse on Gull Point "
                             "was built in 1880.")
    assert answer["verdict"] == "contradicted"
    by_value = {f["text"]: f["verdict"] for f in answer["statements"]}
    assert by_value == {"1911": "supported", "1880": "contradicted"}


def test_the_registry_links_two_names_of_one_thing(run, town):
    """The sentence says "Quill Harbour Bridge", the annals "Tessel Bridge": one entity's names."""
    answer = cite(run, town, "The Quill Harbour Bridge was finished in 1909.")
    assert answer["verdict"] == "contradicted"
    assert "annals" in {e["source"] for e in answer["evidence"]}


def test_a_plan_in_the_corpus_is_no_evidence_for_what_happened(run, town):
    answer = cite(run, town, "The new ferry terminal opened in 2033.")
    assert answer["verdict"] == "not_found"
    assert answer["evidence"] == []


def test_a_topic_without_a_comparable_value_is_no_support(run, town):
    answer = cite(run, town, "The lighthouse on Gull Point is painted red.")
    assert answer["verdict"] == "not_found"


def test_text_output_names_each_fact_and_the_passage_that_decided_it(run, town):
    result = run("cite", "The Tessel Bridge was completed in 1911, and the lighthouse on Gull Point "
                         "was built in 1880.", cwd=town)
    lines = result.out.splitlines()
    assert lines[0].startswith("CONTRADICTED")
    assert any(line.split()[:2] == ["supported", "1911"] for line in lines)
    assert any(line.split()[:2] == ["contradicted", "1880"] and ("annals:" in line or "gazette:" in line)
               for line in lines)


def test_check_warns_on_a_fact_the_corpus_contradicts(run, town):
    write(town / "draft.md", "The lighthouse on Gull Point was built in 1880.\n\n"
                             "The lighthouse on Gull Point was built in 1874.\n")
    result = run("check", "draft.md", "--format", "json", cwd=town)
    found = [(d["line"], d["rule"]) for d in result.json()["diagnostics"]]
    assert (1, "contradicted-by-corpus") in found
    assert not [rule for line, rule in found if line == 3 and rule != "uncited-fact"]


def test_a_pronoun_takes_the_subject_of_the_sentence_before_it_in_a_draft(run, town):
    write(town / "draft.md", "The lighthouse on Gull Point is the oldest building in town. It was built in 1880.\n")
    result = run("check", "draft.md", "--format", "json", cwd=town)
    assert "contradicted-by-corpus" in {d["rule"] for d in result.json()["diagnostics"]}


def test_a_cached_reading_of_a_sentence_gives_what_a_fresh_one_gives(run, town):
    sentence = "The lighthouse on Gull Point was built in 1880."
    fresh = cite(run, town, sentence)
    stored = sorted((town / ".scocheck" / "sentences").glob("*.json"))
    assert stored
    for path in stored:
        path.write_text('{"statements": [{"not": "a statement"}]}', encoding="utf-8")  # damaged: read afresh
    (town / ".scocheck" / "runs").exists() and [p.unlink() for p in (town / ".scocheck" / "runs").glob("*.json")]
    assert cite(run, town, sentence) == fresh
