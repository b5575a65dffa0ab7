"""What `cite` compares, fact by fact: places by the registry's places, what a subject did to another
thing, parts against wholes, changing facts with no time, the value a cue stands beside, and
`--explain`, which shows each statement that was compared.

A made-up corpus about a river town's museum and rowing club.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import registry_free_project, write

SOURCES = """\
- id: guide
  file: guide.txt
  title: A Guide to Varnmouth
  issued: 2015
- id: history
  file: history.txt
  title: Varnmouth Past and Present
  issued: 2016
"""

GUIDE = (
    "The Varn Museum was founded in Oldbury in 1902.\n\n"
    "The Varn Rowing Club had forty members in 2015.\n"
)
HISTORY = (
    "Founded in 1902, the Varn Museum was established in Oldbury by the town council.\n\n"
    "The museum moved its printing press to a new hall in 1950.\n"
)

VOCABULARY = """\
entities:
  - id: museum
    name: Varn Museum
    kind: museum
  - id: club
    name: Varn Rowing Club
    kind: club
places:
  - {id: eastshire, name: Eastshire, kind: region}
  - {id: oldbury, name: Oldbury, kind: town, part_of: [eastshire]}
  - {id: kelby, name: Kelby, kind: town, part_of: [eastshire]}
properties:
  - id: founded
    cues: [found*, establish*, opened]
  - id: member-count
    cues: [members]
    time_varying: true
"""

CLAIMS = """\
claims:
  - id: museum.founded
    statement: The Varn Museum was founded in 1902.
    subject: museum
    property: founded
    type: year
    value: 1902
    evidence:
      - source: guide
        quote: The Varn Museum was founded in Oldbury in 1902.
  - id: club.member-count.2015
    statement: The Varn Rowing Club had forty members in 2015.
    subject: club
    property: member-count
    type: number
    value: 40
    as_of: 2015
    evidence:
      - source: guide
        quote: The Varn Rowing Club had forty members in 2015.
"""


@pytest.fixture
def town(tmp_path: Path) -> Path:
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    write(tmp_path / "corpus" / "guide.txt", GUIDE)
    write(tmp_path / "corpus" / "history.txt", HISTORY)
    write(tmp_path / "claims" / "vocabulary.yaml", VOCABULARY)
    write(tmp_path / "claims" / "claims.yaml", CLAIMS)
    return tmp_path


def cite(run, folder: Path, sentence: str) -> dict:
    result = run("cite", sentence, "--format", "json", cwd=folder)
    assert result.code == 0, result.err
    return result.json()


def fact(answer: dict, text: str) -> dict:
    return next(f for f in answer["statements"] if f["text"] == text)


def test_a_place_agrees_with_itself_and_what_holds_it_and_disagrees_with_another_town(run, town):
    assert fact(cite(run, town, "The Varn Museum was founded in Oldbury in 1902."), "Oldbury")["verdict"] == "supported"
    assert fact(cite(run, town, "The Varn Museum was founded in Eastshire in 1902."),
                "Eastshire")["verdict"] == "supported"
    answer = cite(run, town, "The Varn Museum was founded in Kelby in 1902.")
    assert fact(answer, "Kelby")["verdict"] == "contradicted"
    assert answer["verdict"] == "contradicted"


def test_a_place_the_registry_does_not_know_is_compared_only_by_its_name(run, town):
    answer = cite(run, town, "The Varn Museum was founded in Zennor in 1902.")
    assert fact(answer, "Zennor")["verdict"] == "not_found"
    assert answer["verdict"] == "supported"  # the year is right; of the place nothing is known


def test_what_a_subject_did_to_another_thing_is_not_its_own_founding(run, town):
    """"opened" is a cue of the museum's founding, but here the museum opened something else."""
    answer = cite(run, town, "The Varn Museum opened a reading room in 1950.")
    assert answer["verdict"] == "not_found"
    assert cite(run, town, "The Varn Museum opened in 1902.")["verdict"] == "supported"


def test_a_part_is_not_contradicted_by_its_whole(run, town):
    answer = cite(run, town, "The Varn Rowing Club had six junior members in 2015.")
    assert answer["verdict"] != "contradicted"
    assert cite(run, town, "The Varn Rowing Club had thirty members in 2015.")["verdict"] == "contradicted"


def test_a_changing_fact_given_no_time_is_not_contradicted_by_another_times_value(run, town):
    assert cite(run, town, "The Varn Rowing Club has fifty-five members.")["verdict"] == "not_found"
    assert cite(run, town, "The Varn Rowing Club has forty members.")["verdict"] == "supported"
    assert cite(run, town, "The Varn Rowing Club had fifty-five members in 2015.")["verdict"] == "contradicted"


def test_the_registry_reads_the_value_beside_its_cue(run, town):
    """A date elsewhere in the sentence (when it was reported) is not the founding year."""
    answer = cite(run, town, "As the guide reported in March 2016, the Varn Museum was founded in 1902.")
    assert answer["value"] == "1902"
    assert answer["verdict"] == "supported"


def test_json_shows_what_was_read_from_the_sentence_and_from_each_passage(run, town):
    answer = cite(run, town, "The Varn Museum was founded in Kelby in 1902.")
    place = fact(answer, "Kelby")
    assert {r["how"] for r in place["read"]} == {"grammar"}
    assert all(r["value"] == "Kelby" for r in place["read"])
    read = [e["read"] for e in place["evidence"]]
    assert read and all(r["value"] == "Oldbury" for r in read)
    year = fact(answer, "1902")
    assert "registry" in {r["how"] for r in year["read"]}
    registered = [e["read"] for e in year["evidence"] if e["read"]["how"] == "registered quote"]
    assert registered and registered[0]["claim"] == "museum.founded"


def test_explain_prints_each_fact_as_read_and_each_passages_statement(run, town):
    sentence = "The Varn Museum was founded in Kelby in 1902."
    plain = run("cite", sentence, cwd=town).out
    explained = run("cite", sentence, "--explain", cwd=town).out
    assert "explain:" not in plain
    assert explained.startswith(plain)
    shown = explained[len(plain):].splitlines()
    assert shown[0] == "explain:"
    assert any(line.split()[:2] == ["fact", '"Kelby"'] for line in shown)
    assert any(line.split()[:2] == ["sentence", "grammar:"] and line.rstrip().endswith("= Kelby  (time 1902)")
               or line.split()[:2] == ["sentence", "grammar:"] and "= Kelby" in line for line in shown)
    assert any(line.split()[0] == "contradicts" and "= Oldbury" in line for line in shown)


def _memoirs(tmp_path: Path, authors: dict[str, str]) -> Path:
    """A project of one document per author (id -> author as it appears in sources.yaml), no registry."""
    entries = "".join(f"- id: {name}\n  file: {name}.txt\n  title: {name}\n  issued: 2001\n  author:\n{author}"
                      for name, author in authors.items())
    write(tmp_path / "corpus" / "sources.yaml", entries)
    (tmp_path / "claims").mkdir()
    return tmp_path


def test_a_documents_first_person_is_its_author(tmp_path, run):
    folder = _memoirs(tmp_path, {
        "lima": "  - {family: Lima, given: Ana}\n",
        "society": "  - {literal: Kell Rowing Society}\n",
        "pair": "  - {family: Roe, given: Jane}\n  - {family: Park, given: Jo}\n",
    })
    write(folder / "corpus" / "lima.txt", "A memoir\n\nI founded the Oldbury Press in 1994.\n")
    write(folder / "corpus" / "society.txt", "Our history\n\nIn 1995 we moved to Oldbury.\n")
    write(folder / "corpus" / "pair.txt", "Two voices\n\nIn 1993 I opened a bakery in Oldbury.\n")

    def verdict(sentence: str) -> str:
        return run("cite", sentence, "--format", "json", cwd=folder).json()["verdict"]

    assert verdict("Ana Lima founded the Oldbury Press in 1994.") == "supported"
    assert verdict("Lima founded the Oldbury Press in 1996.") == "contradicted"
    assert verdict("The Kell Rowing Society moved to Oldbury in 1995.") == "supported"
    assert verdict("Jane Roe opened a bakery in Oldbury in 1994.") == "not_found"  # two authors: whose "I"?


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    """Facts no registry covers, each stated once in a way a writer would put otherwise."""
    return registry_free_project(tmp_path, {
        "minutes": (2014, "Harbour minutes\n\n"
                          "At the 2010 congress in Pellham, the Harbour Board suggested building a storm flood "
                          "warning station.\n\n"
                          "After a long debate, at the May 2011 meeting, the Pellham Harbour Trustees approved the "
                          "new rules for licensing river pilots.\n\n"
                          "At the fair held in Pellham in June 2009, Mayor Ana Lima opened a boat show and "
                          "announced three grants for boat builders.\n"),
    })


def verdict(run, folder: Path, sentence: str) -> str:
    return cite(run, folder, sentence)["verdict"]


def test_a_thing_no_name_links_is_one_thing_when_described_in_the_same_words(run, harbour):
    assert verdict(run, harbour, "In 2010 the Harbour Board proposed a station to warn of storm floods.") == "supported"
    assert verdict(run, harbour, "In 2012 the Harbour Board proposed a station to warn of storm floods.") == "contradicted"
    assert verdict(run, harbour, "The Harbour Board proposed a new ferry service in 2012.") == "not_found"


def test_an_occasion_after_the_object_dates_the_verb(run, harbour):
    assert verdict(run, harbour, "The Harbour Board proposed a storm flood warning station at the 2013 congress.") \
        == "contradicted"


def test_a_date_after_a_gerund_in_the_object_dates_the_clause_verb(run, harbour):
    assert verdict(run, harbour, "The Pellham Harbour Trustees approved new rules for licensing river pilots in "
                                 "May 2011.") == "supported"


def test_a_passive_with_its_agent_is_the_active_statement(run, harbour):
    assert verdict(run, harbour, "The rules for licensing river pilots were approved by the Pellham harbour trustees "
                                 "in 2013.") == "contradicted"
    assert verdict(run, harbour, "The rules for licensing river pilots were approved by the Pellham harbour trustees "
                                 "in 2011.") == "supported"


def test_a_count_is_as_of_the_occasion_its_clause_shares(run, harbour):
    assert verdict(run, harbour, "Ana Lima announced three grants for boat builders in 2009.") == "supported"
    assert verdict(run, harbour, "Ana Lima announced five grants for boat builders at the 2009 fair.") == "contradicted"


def test_a_changing_figure_quoted_without_a_year_is_as_of_its_source_and_contradicts_an_undated_one(tmp_path, run):
    """A quote that gives no year speaks of the time its source was issued, as a passage's statement
    does; a quote that gives its year may speak of another time than an undated sentence."""
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    write(tmp_path / "corpus" / "guide.txt", "The Varn Rowing Club had forty members in 2015.\n")
    write(tmp_path / "corpus" / "history.txt", "The Varn Rowing Club has trained some 300 coxes since 1950.\n")
    write(tmp_path / "claims" / "vocabulary.yaml", VOCABULARY + "  - id: coxes-trained\n    cues: [coxes]\n"
                                                                 "    time_varying: true\n")
    write(tmp_path / "claims" / "claims.yaml", CLAIMS + """\
  - id: club.coxes-trained
    statement: The Varn Rowing Club has trained some 300 coxes.
    subject: club
    property: coxes-trained
    type: number
    value: 300
    approximate: true
    as_of: 2016
    evidence:
      - source: history
        quote: has trained some 300 coxes
""")
    assert cite(run, tmp_path, "The Varn Rowing Club has trained 900 coxes.")["verdict"] == "contradicted"
    assert cite(run, tmp_path, "The Varn Rowing Club has fifty-five members.")["verdict"] == "not_found"


def test_a_verb_and_its_noun_state_one_act(tmp_path, run):
    folder = registry_free_project(tmp_path, {
        "report": (2012, "Harbour report\n\nIn 2009 the Harbour Board, through its contribution of 40,000 euros, "
                         "rebuilt the pier.\n"),
    })
    assert verdict(run, folder, "The Harbour Board contributed 40,000 euros in 2009.") == "supported"
    assert verdict(run, folder, "The Harbour Board contributed 90,000 euros in 2009.") == "contradicted"
