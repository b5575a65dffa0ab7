"""`scocheck cite`: verdicts, evidence, citations, and the cached index behind them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import HANG_SECONDS, REPO, write
from scocheck.cite import cite
from scocheck.judge import corpus_judge, read_sentences
from scocheck.index import CACHE_DIR, INDEX_FILE, open_index
from scocheck.mentions import vocabulary
from scocheck.project import open_project


def verdicts_accuracy() -> tuple[float, list]:
    project = open_project(start=REPO)
    index = open_index(project.config.root, project.sources, project.config.corpus / "sources.yaml")
    vocab = vocabulary(project.registry)
    judge = corpus_judge(project)
    cases = yaml.safe_load((REPO / "tests" / "data" / "cite_claims.yaml").read_text(encoding="utf-8"))
    misses = []
    for case in cases:  # each sentence on its own: a pronoun in one does not refer to the one before
        (statements,) = read_sentences([case["claim"]], None)
        got = cite(case["claim"], vocab, index, judge, statements).verdict
        if got != case["verdict"]:
            misses.append((case["claim"], case["verdict"], got))
    return 1 - len(misses) / len(cases), misses


def test_verdicts_on_sentences_written_for_the_test_set_are_at_least_90_percent_right():
    cases = yaml.safe_load((REPO / "tests" / "data" / "cite_claims.yaml").read_text(encoding="utf-8"))
    assert len(cases) >= 40
    assert {c["verdict"] for c in cases} == {"supported", "contradicted", "disputed", "not_found"}
    accuracy, misses = verdicts_accuracy()
    print(f"\ncite verdict accuracy: {accuracy:.1%} of {len(cases)}; misses: {misses}")
    assert accuracy >= 0.9, misses


def test_json_has_the_verdict_ranked_evidence_and_citations(project, run):
    result = run("cite", "The Widget Council was founded in 2000", "--format", "json", cwd=project)
    assert result.code == 0
    data = result.json()
    assert data["version"] == 1
    assert data["verdict"] == "disputed"
    assert data["value"] == "2000" and data["claims"] == ["wc.established"]
    stances = {(e["source"], e["stance"], e["value"]) for e in data["evidence"]}
    assert stances == {("beta", "supports", "2000"), ("alpha", "contradicts", "1999")}
    scores = [e["score"] for e in data["evidence"]]
    assert scores == sorted(scores, reverse=True)
    beta = next(e for e in data["evidence"] if e["source"] == "beta")
    assert beta["citation"] == "[@beta]" and beta["quote"] in (project / "corpus" / "beta.txt").read_text()
    assert data["citation"] == "[@beta]"


def test_verdicts_follow_what_the_sources_state(project, run):
    def verdict(sentence: str) -> str:
        return run("cite", sentence, "--format", "json", cwd=project).json()["verdict"]

    assert verdict("The secretariat of the Widget Council is in Zenda.") == "supported"
    assert verdict("The Widget Council secretariat is located in Strelsau.") == "contradicted"
    assert verdict("The Widget Council was established in 1999.") == "disputed"
    assert verdict("The Widget Council was established in 1970.") == "contradicted"
    assert verdict("Widgets are popular in Ruritania.") == "not_found"
    assert verdict("The Widget Council has a friendly logo.") == "not_found"


@pytest.mark.parametrize("sentence, expected", [
    ("The Widget Council's archive was established in 2005.", "not_found"),  # the archive's founding
    ("The Widget Council's budget was US$13 billion in 2009.", "contradicted"),  # the noun is the property
])
def test_a_thing_a_subject_owns_is_not_the_subject_unless_its_noun_is_the_property(project, run, sentence, expected):
    result = run("cite", sentence, "--format", "json", cwd=project).json()
    assert result["verdict"] == expected


def test_citation_styles(project, run):
    sentence = "The WC secretariat is in Zenda."
    author_date = run("cite", sentence, "--style", "author-date", "--format", "json", cwd=project).json()
    assert author_date["citation"] == "(Arden 2010; Bell and Cole 2012)"
    full = run("cite", sentence, "--style", "full", "--format", "json", cwd=project).json()
    assert "Arden, A. (2010)" in full["citation"] and "The Widget Council at Twenty" in full["citation"]
    text = run("cite", sentence, cwd=project).out
    assert "SUPPORTED" in text and "cite: [@alpha; @beta]" in text


def test_user_text_cannot_break_the_index_query(project, run):
    for sentence in ['"WC" OR NEAR(x y) AND *', "WC AND) founded ( in 2000 NOT", "^*-:"]:
        result = run("cite", sentence, "--format", "json", cwd=project)
        assert result.code == 0, result.err
        json.loads(result.out)


# --- the index --------------------------------------------------------------------------


def test_the_index_lives_in_a_cache_folder_that_ignores_itself(project, run):
    run("cite", "The WC was founded in 2000", cwd=project)
    assert (project / CACHE_DIR / INDEX_FILE).is_file()
    assert (project / CACHE_DIR / ".gitignore").read_text().strip().endswith("*")


def test_the_index_is_rebuilt_when_a_document_changes(project, run):
    assert run("cite", "The WC was founded in 2000", "--format", "json", cwd=project).json()["verdict"] == "disputed"
    write(project / "corpus" / "alpha.txt", "The Widget Council (WC) was established in 2000 in Strelsau.\n")
    assert run("cite", "The WC was founded in 2000", "--format", "json", cwd=project).json()["verdict"] == "supported"


def test_the_index_gives_the_documents_cut_as_a_fresh_reading_cuts_them(project):
    opened = open_project(start=project)
    index = open_index(opened.config.root, opened.sources, opened.config.corpus / "sources.yaml")
    assert {k: d.passages for k, d in index.documents().items()} == {k: d.passages for k, d in opened.documents.items()}
    # a file changed after the index was opened is cut afresh, never along the old passages
    write(project / "corpus" / "alpha.txt", "The Widget Council moved to Zenda. It grew in 2011.\n")
    texts = [p.text for p in index.documents()["alpha"].passages]
    assert texts == ["The Widget Council moved to Zenda.", "It grew in 2011."]


def test_the_documents_from_the_index_are_normalised_as_a_fresh_reading_normalises_them(project):
    opened = open_project(start=project)
    index = open_index(opened.config.root, opened.sources, opened.config.corpus / "sources.yaml")
    fresh = {k: (d.norm.text, d.mention(0, len(d.norm.text))) for k, d in opened.documents.items()}
    assert {k: (d.norm.text, d.mention(0, len(d.norm.text))) for k, d in index.documents().items()} == fresh
    # a kept normalisation that is not whole (a damaged offset table) is made afresh, never used
    index.close()
    with sqlite3.connect(project / CACHE_DIR / INDEX_FILE) as db:
        db.execute("UPDATE normalised SET starts = x'0102', text = 'forged'")
    index = open_index(opened.config.root, opened.sources, opened.config.corpus / "sources.yaml")
    assert {k: (d.norm.text, d.mention(0, len(d.norm.text))) for k, d in index.documents().items()} == fresh


def test_a_damaged_index_is_rebuilt_not_trusted(project, run):
    run("cite", "The WC was founded in 2000", cwd=project)
    path = project / CACHE_DIR / INDEX_FILE
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    result = run("cite", "The WC was founded in 2000", "--format", "json", cwd=project)
    assert result.code == 0 and result.json()["verdict"] == "disputed"
    path.write_bytes(b"")
    assert run("cite", "The WC was founded in 2000", "--format", "json", cwd=project).json()["verdict"] == "disputed"


def test_processes_started_at_once_agree_and_leave_a_sound_index(project):
    command = [sys.executable, "-m", "scocheck", "cite", "The WC was founded in 2000", "--format", "json"]
    runs = [subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(6)]
    outputs = [p.communicate(timeout=HANG_SECONDS) for p in runs]
    assert all(p.returncode == 0 for p in runs), [o[1] for o in outputs]
    assert len({json.loads(out)["verdict"] for out, _ in outputs}) == 1
    cache = project / CACHE_DIR
    folders = ("runs", "statements", "sentences")  # stored runs, the corpus's and the sentence's statements
    leftovers = [p.name for p in cache.iterdir() if p.name not in (INDEX_FILE, ".gitignore", *folders)]
    leftovers += [p.name for folder in folders for p in (cache / folder).iterdir() if not p.name.endswith(".json")]
    assert leftovers == []
    rerun = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=HANG_SECONDS)
    assert json.loads(rerun.stdout)["verdict"] == "disputed"
