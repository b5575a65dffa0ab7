"""`scocheck init` turns a folder of documents into a starting project: sources, and a draft
registry of what two or more documents state, every claim marked for review; it never overwrites
a file, and bad input stops it before anything is written.

The documents are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import write

LIMA = ("The Harbour League at Thirty\nBy Ana Lima\n14 May 2015\n\n"
        "The Harbour League (HL) was founded in Lisbon in 1990. The HL has twelve members.\n")
REYES = ("Notes on the Harbour League\nBy Tom Reyes\nJune 2018\n\n"
         "The Harbour League was founded in Lisbon in 1991.\n")
HISTORY = "A Short History of Harbour Trade\n\nThe Harbour League was founded in 1990 by four port cities.\n"


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    write(tmp_path / "lima.txt", LIMA)
    write(tmp_path / "reyes.md", REYES)
    write(tmp_path / "history.txt", HISTORY)
    return tmp_path


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_proposes_sources_from_bylines_and_dates_and_copies_the_documents(run, documents):
    before = files(documents)
    result = run("init", ".", cwd=documents)
    assert result.code == 0, result.err
    for name, data in before.items():
        assert (documents / name).read_bytes() == data  # the user's documents are untouched
        assert (documents / "corpus" / name).read_bytes() == data
    entries = {e["id"]: e for e in yaml.safe_load((documents / "corpus" / "sources.yaml").read_text())}
    assert entries["lima2015"]["file"] == "lima.txt"
    assert entries["lima2015"]["author"] == [{"family": "Lima", "given": "Ana"}]
    assert entries["lima2015"]["title"] == "The Harbour League at Thirty"
    assert entries["reyes2018"]["issued"] == 2018
    assert "issued" not in entries["history"]  # no date near the top: left for the user
    assert "history" in result.out  # ... and said so


def test_the_draft_registry_holds_a_fact_two_sources_state_with_the_dissent_as_a_dispute(run, documents):
    assert run("init", ".", cwd=documents).code == 0
    registry = yaml.safe_load((documents / "claims" / "draft.yaml").read_text())
    [league] = [e for e in registry["entities"] if e["name"] == "Harbour League"]
    assert "HL" in league["aliases"]  # the acronym the documents define
    [claim] = [c for c in registry["claims"] if c["subject"] == league["id"] and c["type"] == "year"]
    assert claim["value"] == 1990
    assert {q["source"] for q in claim["evidence"]} == {"lima2015", "history"}
    assert [q["source"] for q in claim["disputed_by"]] == ["reyes2018"]
    assert all(c["note"].startswith("REVIEW") for c in registry["claims"])


def test_the_proposed_project_runs_unedited(run, documents):
    assert run("init", ".", cwd=documents).code == 0
    verified = run("verify", "--format", "json", cwd=documents)
    assert verified.code == 0, verified.err
    statuses = {c["id"]: c["status"] for c in verified.json()["claims"]}
    assert set(statuses.values()) <= {"ok", "disputed"}, statuses
    assert run("claims", "--check", cwd=documents).code in (0, 1)  # findings, perhaps, but it reads


def test_init_uses_a_corpus_folder_in_place(run, tmp_path):
    write(tmp_path / "corpus" / "lima.txt", LIMA)
    write(tmp_path / "corpus" / "reyes.md", REYES)
    assert run("init", str(tmp_path)).code == 0
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["lima.txt", "reyes.md", "sources.yaml"]
    assert not (tmp_path / "lima.txt").exists()


@pytest.mark.parametrize("name, content, message", [
    ("scan.pdf", b"%PDF-1.4\x00\x01binary", "binary"),
    ("blank.txt", b"  \n\n", "empty"),
    ("huge.txt", b"word " * 500_000, "too large"),
])
def test_a_bad_document_stops_init_before_anything_is_written(run, documents, name, content, message):
    (documents / name).write_bytes(content)
    before = files(documents)
    result = run("init", ".", cwd=documents)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and name in result.err and message in result.err
    assert files(documents) == before


def test_init_never_overwrites_an_existing_project(run, documents):
    assert run("init", ".", cwd=documents).code == 0
    before = files(documents)
    result = run("init", ".", cwd=documents)
    assert result.code == 2 and "already" in result.err and len(result.err.strip().splitlines()) == 1
    assert files(documents) == before


def test_init_on_a_folder_with_no_documents_says_so(run, tmp_path):
    result = run("init", str(tmp_path))
    assert result.code == 2 and "no documents" in result.err


def test_init_reads_authors_and_dates_from_copyright_notices_and_shared_bylines(run, tmp_path):
    write(tmp_path / "manifesto.txt", "\t\tThe Kell Manifesto\n\nCopyright (C) 1985 Ana M. Lima\n\n"
                                      "The Kell League was founded in 1980.\n")
    write(tmp_path / "interview.txt", "\n\t\tTalking to Lima\n\n\tConducted by Tom Reyes and Eva Cruz\n\t(July 1986)\n\n"
                                      "Lima founded the Kell League in 1980.\n")
    write(tmp_path / "bulletin.txt", "-*- text -*-\nKell League Bulletin\n=====================\n\n"
                                     "Copyright (C) 1990, 1993, 2001-2004\n   Kell Heritage Foundation, Inc.\n\n"
                                     "The Kell League was founded in 1980.\n")
    assert run("init", ".", cwd=tmp_path).code == 0
    entries = {e["file"]: e for e in yaml.safe_load((tmp_path / "corpus" / "sources.yaml").read_text())}
    manifesto, interview, bulletin = entries["manifesto.txt"], entries["interview.txt"], entries["bulletin.txt"]
    assert (manifesto["id"], manifesto["title"], manifesto["issued"]) == ("lima1985", "The Kell Manifesto", 1985)
    assert manifesto["author"] == [{"family": "Lima", "given": "Ana M."}]  # an initial is no sentence's end
    assert interview["id"] == "reyes1986"
    assert interview["author"] == [{"family": "Reyes", "given": "Tom"}, {"family": "Cruz", "given": "Eva"}]
    assert bulletin["title"] == "Kell League Bulletin"  # the underlined line, not the editor's mode line
    assert bulletin["author"] == [{"literal": "Kell Heritage Foundation, Inc"}]  # a body is one name
    assert (bulletin["id"], bulletin["issued"]) == ("khf2004", 2004)  # its initials, the notice's latest year


def test_a_value_two_documents_state_beside_one_name_is_a_candidate_claim(run, tmp_path):
    write(tmp_path / "notes.txt", "Kell Reader notes\nBy Ana Lima\nMay 2001\n\n"
                                  "In 1984, work began on the Kell Reader, a new editor.\n\n"
                                  "One person wrote most of it.\n")
    write(tmp_path / "memoir.txt", "A memoir\nBy Tom Reyes\nJune 2003\n\n"
                                   "I began work on the Kell Reader in September 1984, and it shipped soon after.\n\n"
                                   "One person can change a field.\n")
    assert run("init", ".", cwd=tmp_path).code == 0
    registry = yaml.safe_load((tmp_path / "claims" / "draft.yaml").read_text())
    [claim] = [c for c in registry["claims"] if c["value"] == 1984]  # the year, not one source's month
    assert {q["source"] for q in claim["evidence"]} == {"lima2001", "reyes2003"}
    assert claim["note"].startswith("REVIEW") and "Kell Reader" in claim["note"]
    assert not [c for c in registry["claims"] if c["value"] in (1, "1")]  # "One person" names no one
    assert run("verify", cwd=tmp_path).code == 0  # the proposal runs unedited


def test_what_the_documents_disagree_on_beyond_the_draft_is_left_for_a_human(run, tmp_path):
    write(tmp_path / "diary.txt", "Kell notes\nBy Ana Lima\nMay 1996\n\nBy 1931, the Kell archive was nearly whole; "
                                  "the one record still missing was the harbour ledger.\n")
    write(tmp_path / "memoir.txt", "Kell letters\nBy Tom Reyes\nJune 2004\n\nBy 1934, we had traced or copied every "
                                   "major record of the archive except the harbour ledger, which we were still copying.\n")
    result = run("init", ".", "--format", "json", cwd=tmp_path)
    assert result.code == 0
    [decision] = [item for item in result.json()["review"] if "disagree" in item]
    assert "1931 in lima1996" in decision and "1934 in reyes2004" in decision


def test_a_passage_verify_reads_as_another_value_is_proposed_as_a_dispute_for_review(run, tmp_path):
    """The grammar does not link "the founding of the HL took place in 1991" to "was founded in 1990",
    but verify reads the draft's claim there: init records it as a dispute, so the draft verifies with
    nothing contradicted and the disagreement is listed for a human."""
    write(tmp_path / "lima.txt", "The Harbour League at Thirty\nBy Ana Lima\n14 May 2015\n\n"
                                 "The Harbour League (HL) was founded in Lisbon in 1990.\n")
    write(tmp_path / "park.txt", "A Short History of Harbour Trade\nBy Jo Park\n2016\n\n"
                                 "The Harbour League was founded in 1990 by four port cities.\n")
    write(tmp_path / "reyes.txt", "Notes on the Harbour League\nBy Tom Reyes\nJune 2018\n\n"
                                  "The founding of the HL took place in 1991, after long talks.\n")
    result = run("init", ".", cwd=tmp_path)
    assert result.code == 0, result.err
    [claim] = yaml.safe_load((tmp_path / "claims" / "draft.yaml").read_text())["claims"]
    [dispute] = claim["disputed_by"]
    assert dispute["source"] == "reyes2018" and "1991" in dispute["quote"] and dispute["note"].startswith("REVIEW")
    assert any("1991 in reyes2018" in line for line in result.out.splitlines())
    statuses = {c["status"] for c in run("verify", "--format", "json", cwd=tmp_path).json()["claims"]}
    assert statuses == {"disputed"}
