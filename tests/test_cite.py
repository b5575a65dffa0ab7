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

from conftest import HANG_SECONDS, REPO, registry_free_project, write
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


def test_verdicts_on_sentences_written_for_the_test_set_are_at_least_90_percent_right(evaluation):
    cases = yaml.safe_load((REPO / "tests" / "data" / "cite_claims.yaml").read_text(encoding="utf-8"))
    assert len(cases) >= 40
    assert {c["verdict"] for c in cases} == {"supported", "contradicted", "disputed", "not_found"}
    accuracy, misses = verdicts_accuracy()
    evaluation(f"cite registered-claim set ({len(cases)} sentences): verdicts {accuracy:.1%}; misses: {misses}")
    assert accuracy >= 0.9, misses


# Issue 15's target for the question set: nine verdicts in ten right.
QUESTION_FLOOR = 0.9


def question_set_scores() -> tuple[float, float, list, list]:
    """Verdict accuracy over tests/data/cite_questions.yaml, and of the items judged right, the share
    that list every source the question set names on its side."""
    project = open_project(start=REPO)
    index = open_index(project.config.root, project.sources, project.config.corpus / "sources.yaml")
    vocab = vocabulary(project.registry)
    judge = corpus_judge(project)
    cases = yaml.safe_load((REPO / "tests" / "data" / "cite_questions.yaml").read_text(encoding="utf-8"))
    wrong, unlisted, right = [], [], 0
    for case in cases:
        (statements,) = read_sentences([case["claim"]], None)
        result = cite(case["claim"], vocab, index, judge, statements)
        if result.verdict != case["verdict"]:
            wrong.append((case["claim"], case["verdict"], str(result.verdict)))
            continue
        right += 1
        listed = {(e.mention.source, str(e.stance)) for e in result.evidence}
        missing = [(s, side) for side in ("supports", "contradicts") for s in case.get(side, ()) if (s, side) not in listed]
        if missing:
            unlisted.append((case["claim"], missing))
    return 1 - len(wrong) / len(cases), 1 - len(unlisted) / max(right, 1), wrong, unlisted


def test_the_question_set_is_judged_right_with_its_sources(evaluation):
    cases = yaml.safe_load((REPO / "tests" / "data" / "cite_questions.yaml").read_text(encoding="utf-8"))
    assert len(cases) >= 60
    assert sum(not c["registered"] for c in cases) * 2 >= len(cases)  # half about facts no claim covers
    assert {"two-fact", "plan", "part", "paraphrase"} <= {t for c in cases for t in c.get("tags", ())}
    verdicts, sources, wrong, unlisted = question_set_scores()
    evaluation(f"cite question set ({len(cases)} sentences): verdicts {verdicts:.1%}, "
               f"sources listed {sources:.1%} of the right ones; wrong: {wrong}; sources missing: {unlisted}")
    assert verdicts >= QUESTION_FLOOR, wrong
    assert not unlisted, unlisted  # every source that states the fact, for every verdict judged right


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


MUSEUM_VOCABULARY = """\
entities:
  - id: museum
    name: Widget Museum
    kind: museum
  - id: ostmark
    name: Ostmark
    kind: country
  - id: expo
    name: Widget Expo 2010
    kind: exhibition
properties:
  - id: opened
    cues: [open*]
  - id: exhibitors
    cues: [exhibitors]
modality: [expected]
"""

MUSEUM_FACTS = """\
- id: museum.opened
  statement: The Widget Museum opened in 2008.
  subject: museum
  property: opened
  type: year
  value: 2008
  evidence:
    - source: alpha
      quote: The Widget Museum opened in 2008
  disputed_by:
    - source: beta
      quote: The Widget Museum is expected to open in 2006
- id: expo.exhibitors
  statement: Widget Expo 2010 had 400 exhibitors.
  subject: expo
  property: exhibitors
  type: number
  value: 400
  evidence:
    - source: alpha
      quote: Widget Expo 2010 had 400 exhibitors
"""


@pytest.fixture
def museum(project):
    """The small project with a registered plan (beta expects the museum in 2006; alpha says it opened in
    2008) and an exhibition's total."""
    write(project / "corpus" / "alpha.txt", ALPHA_MUSEUM)
    write(project / "corpus" / "beta.txt", BETA_MUSEUM)
    write(project / "claims" / "museum.yaml", MUSEUM_FACTS)
    write(project / "claims" / "vocabulary.yaml", MUSEUM_VOCABULARY)
    (project / "claims" / "facts.yaml").unlink()
    return project


ALPHA_MUSEUM = "The Widget Museum opened in 2008. Widget Expo 2010 had 400 exhibitors.\n"
BETA_MUSEUM = "The Widget Museum is expected to open in 2006. Ostmark joined the Widget League in 2004.\n"


def test_a_plan_is_evidence_of_its_own_kind_and_never_disputes_what_happened(museum, run):
    data = run("cite", "The Widget Museum opened in 2008.", "--format", "json", cwd=museum).json()
    assert data["verdict"] == "supported"
    assert {(e["source"], e["stance"]) for e in data["evidence"]} == {("alpha", "supports"), ("beta", "plan")}
    assert run("cite", "The Widget Museum opened in 2006.", "--format", "json", cwd=museum).json()["verdict"] \
        == "contradicted"  # the plan does not make the wrong year disputed


def test_check_reports_no_dispute_for_an_outcome_a_plan_disagrees_with(museum, run):
    write(museum / "draft.md", "The Widget Museum opened in 2008 [@alpha].\n\nThe Widget Museum opened in 2006 [@beta].\n")
    result = run("check", "draft.md", cwd=museum)
    lines = result.out.splitlines()
    assert not any(line.startswith("draft.md:1:") for line in lines), lines
    assert any("draft.md:3:" in line and "[contradicts-registry]" in line for line in lines)
    assert any("draft.md:3:" in line and "@beta states 2006 only as a plan" in line for line in lines)


def test_a_part_is_not_checked_against_its_whole(museum, run):
    def verdict(sentence):
        return run("cite", sentence, "--format", "json", cwd=museum).json()["verdict"]

    assert verdict("Widget Expo 2010 had 300 exhibitors.") == "contradicted"
    assert verdict("Ostmark sent 300 exhibitors to Widget Expo 2010.") == "not_found"


def test_each_fact_of_a_sentence_has_its_own_entry_with_the_claim_it_states(museum, run):
    data = run("cite", "The Widget Museum opened in 2008 and Widget Expo 2010 had 300 exhibitors.", "--format", "json",
               cwd=museum).json()
    by_text = {s["text"]: s for s in data["statements"]}
    assert by_text["2008"]["verdict"] == "supported" and by_text["2008"]["claim"] == "museum.opened"
    assert by_text["300"]["verdict"] == "contradicted" and by_text["300"]["claim"] == "expo.exhibitors"
    assert data["verdict"] == "contradicted"  # the worst of its facts


def test_a_postal_address_says_where_a_body_is_with_no_place_registered(tmp_path, run):
    folder = registry_free_project(tmp_path, {
        "letter": (1990, "A letter\n\nPlease write to the Kell Institute, 12 Harbour Street, Suite 4, Leeds LS1 4AP.\n\n"
                         "Ana Lima, 3 Mill Road, York.\n"),
    })

    def verdict(sentence: str) -> str:
        return run("cite", sentence, "--format", "json", cwd=folder).json()["verdict"]

    assert verdict("The Kell Institute is based in Leeds.") == "supported"
    assert verdict("The Kell Institute is headquartered in Chicago.") == "contradicted"  # a city no document names
    assert verdict("Ana Lima is based in York.") == "supported"  # each name keeps its own address
    assert verdict("The Kell Institute is in Paris.") == "contradicted"


def test_a_heading_over_an_indented_date_is_no_table_row(tmp_path, run):
    folder = registry_free_project(tmp_path, {
        "form": (1987, "Kell Council news\n\nThe Kell Council was founded in 1980.\n\n"
                       "Kell Council Order Form\n\t\t\tFebruary 11, 1987\n\nOrders are filled upon receipt.\n"),
    })
    result = run("cite", "The Kell Council was founded in 1980.", "--format", "json", cwd=folder).json()
    assert result["verdict"] == "supported", result  # "Order Form" over its date states no founding


def test_a_price_the_verb_takes_as_its_object_is_the_subject_s_own(tmp_path, run):
    # the corpus states the price in other words than the sentence, so only the registry can answer
    folder = registry_free_project(tmp_path, {"fares": (1990, "Fares\n\nOrder form, 1990: the Kell Reader on tape, $150.\n")})
    write(folder / "claims" / "fares.yaml", """\
entities:
  - {id: tape, name: Kell Reader tape, kind: product}
properties:
  - {id: price, cues: [cost*, price*], time_varying: true}
claims:
  - id: tape.price
    statement: A Kell Reader tape cost $150 in 1990.
    subject: tape
    property: price
    type: money
    value: 150 USD
    as_of: 1990
    evidence:
      - {source: fares, quote: "Order form, 1990: the Kell Reader on tape, $150."}
""")

    def verdict(sentence: str) -> str:
        return run("cite", sentence, "--format", "json", cwd=folder).json()["verdict"]

    assert verdict("A Kell Reader tape cost $150.") == "supported"  # "$150" is no thing the tape acted on
    assert verdict("In 1990 a Kell Reader tape cost $200.") == "contradicted"


def test_a_body_s_address_or_release_is_its_own_fact_and_its_library_is_not(tmp_path, run):
    folder = registry_free_project(tmp_path, {"notes": (1990, "Notes\n\nThe Kell Institute is based in Leeds.\n\n"
                                                              "The Kell Institute was founded in 1950.\n")})
    write(folder / "claims" / "kell.yaml", """\
entities:
  - {id: kell, name: Kell Institute, kind: organisation}
places:
  - {id: leeds, name: Leeds, kind: city}
properties:
  - {id: location, cues: [based in, located, address]}
  - {id: founded, cues: [founded, founding]}
claims:
  - {id: kell.location, statement: The Kell Institute is based in Leeds., subject: kell, property: location,
     type: place, value: leeds, evidence: [{source: notes, quote: The Kell Institute is based in Leeds.}]}
  - {id: kell.founded, statement: The Kell Institute was founded in 1950., subject: kell, property: founded,
     type: year, value: 1950, evidence: [{source: notes, quote: The Kell Institute was founded in 1950.}]}
""")

    def verdict(sentence: str) -> str:
        return run("cite", sentence, "--format", "json", cwd=folder).json()["verdict"]

    assert verdict("The Kell Institute's address was in Paris.") == "contradicted"
    assert verdict("The Kell Institute's founding came in 1962.") == "contradicted"
    assert verdict("The Kell Institute's library was founded in 1962.") == "not_found"  # another thing
