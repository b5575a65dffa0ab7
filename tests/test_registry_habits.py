"""The habits docs/registry.md teaches, each working as it says: a bound is a bound, a plan is a plan, a
misnaming is a dispute, a place agrees with what it lies within; and the shipped registry, which users
copy, judges the sentences its audit found judged wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, write

SOURCES = """\
- id: north
  file: north.txt
  title: The Harbour Authority
  issued: 2011
- id: south
  file: south.txt
  title: Ports of the Coast
  issued: 2014
"""

NORTH = (
    "The Tidewater Harbour Authority was founded in 1987. Its dredging plan of 2005 listed more than 40 berths.\n\n"
    "The 2012 regatta is set to take place in Port Vell.\n\n"
    "The Authority held its first regatta in Brindle Quay.\n"
)
SOUTH = "The Tidewater Harbour Authority held its first regatta in Brindle Island.\n"

VOCABULARY = """\
entities:
  - id: tha
    name: Tidewater Harbour Authority
    kind: organisation
  - id: dredging-plan
    name: Tidewater dredging plan (2005)
    kind: programme
  - id: regatta-2012
    name: Tidewater regatta (2012)
    kind: event
  - id: first-regatta
    name: first Tidewater regatta
    kind: event
places:
  - {id: marlland, name: Marlland, kind: country}
  - {id: port-vell, name: Port Vell, kind: city, part_of: [marlland]}
  - {id: brindle-quay, name: Brindle Quay, kind: city, part_of: [marlland]}
  - {id: brindle-island, name: Brindle Island, kind: region}
properties:
  - id: established
    cues: [founded]
  - id: berth-count
    cues: [berths]
  - id: venue
    cues: [held, take place]
modality: [set to]
"""

CLAIMS = """\
claims:
  - id: dredging-plan.berths
    statement: The 2005 dredging plan listed more than 40 berths.
    subject: dredging-plan
    property: berth-count
    type: number
    value: ">40"
    evidence:
      - source: north
        quote: Its dredging plan of 2005 listed more than 40 berths
  - id: regatta-2012.venue
    plan: true
    statement: In 2011 the 2012 regatta was to take place in Port Vell.
    subject: regatta-2012
    property: venue
    type: place
    value: port-vell
    evidence:
      - source: north
        quote: The 2012 regatta is set to take place in Port Vell
  - id: first-regatta.venue
    statement: The first regatta was held in Brindle Quay.
    subject: first-regatta
    property: venue
    type: place
    value: brindle-quay
    evidence:
      - source: north
        quote: The Authority held its first regatta in Brindle Quay
    disputed_by:
      - source: south
        quote: held its first regatta in Brindle Island
        note: A misnaming of Brindle Quay, not a second venue.
"""


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    write(tmp_path / "corpus" / "north.txt", NORTH)
    write(tmp_path / "corpus" / "south.txt", SOUTH)
    write(tmp_path / "claims" / "vocabulary.yaml", VOCABULARY)
    write(tmp_path / "claims" / "claims.yaml", CLAIMS)
    return tmp_path


def verdict(run, cwd: Path, sentence: str) -> str:
    result = run("cite", sentence, "--format", "json", cwd=cwd)
    assert result.code == 0, result.err
    return result.json()["verdict"]


def test_a_bound_is_met_by_any_value_inside_it_and_missed_by_its_own_limit(harbour, run):
    assert verdict(run, harbour, "The 2005 dredging plan listed 45 berths.") == "supported"
    assert verdict(run, harbour, "The 2005 dredging plan listed 40 berths.") == "contradicted"
    assert verdict(run, harbour, "The 2005 dredging plan listed 30 berths.") == "contradicted"


def test_a_bound_is_printed_as_written_and_verified_against_its_quote(harbour, run):
    result = run("claims", "dredging-plan.berths", "--format", "json", cwd=harbour)
    assert result.json()["claims"][0]["value"] == ">40"
    assert run("verify", cwd=harbour).code == 0


@pytest.mark.parametrize("raw, error", [(">2004", "only a number, money or percent"), (">8-10", "not a range")])
def test_a_bound_on_what_cannot_be_bounded_is_a_one_line_input_error(harbour, run, raw, error):
    kind = "year" if raw == ">2004" else "number"
    write(harbour / "claims" / "claims.yaml", CLAIMS.replace('type: number\n    value: ">40"',
                                                               f'type: {kind}\n    value: "{raw}"'))
    result = run("verify", cwd=harbour)
    assert result.code == 2
    assert "claims.yaml" in result.err and error in result.err and len(result.err.strip().splitlines()) == 1


def test_a_claim_that_records_a_plan_neither_supports_nor_contradicts_what_happened(harbour, run):
    for sentence in ("The 2012 regatta was held in Port Vell.", "The 2012 regatta was held in Brindle Quay."):
        data = run("cite", sentence, "--format", "json", cwd=harbour).json()
        assert data["verdict"] == "not_found", sentence
        assert {e["stance"] for e in data["evidence"]} <= {"plan"}
    result = run("claims", "regatta-2012.venue", "--format", "json", cwd=harbour)
    assert result.json()["claims"][0]["plan"] is True


def test_plan_must_be_true_or_false(harbour, run):
    write(harbour / "claims" / "claims.yaml", CLAIMS.replace("plan: true", "plan: perhaps"))
    result = run("verify", cwd=harbour)
    assert result.code == 2 and "plan must be true or false" in result.err


def test_a_misnaming_recorded_as_a_dispute_never_supports_the_wrong_name(harbour, run):
    assert verdict(run, harbour, "The first Tidewater regatta was held in Brindle Island.") == "disputed"
    assert verdict(run, harbour, "The first Tidewater regatta was held in Brindle Quay.") in ("supported", "disputed")


def test_a_place_agrees_with_the_place_it_lies_within(harbour, run):
    assert verdict(run, harbour, "The first Tidewater regatta was held in Marlland.") != "contradicted"


# The sentences the registry audit (issue 16) found judged wrong, most in new words, on the shipped
# corpus and registry: what a careful reader of the five documents would say.
SHIPPED = [
    ("Operation Enduring Freedom started in 2002.", {"disputed"}),  # two sources put it in 2001
    ("Peace Mission 2014 was held in the Mongolia province.", {"disputed", "contradicted"}),  # a misnaming
    ("The 2003 programme for multilateral trade and economic cooperation set out 150 projects.", {"supported"}),
    ("The 2003 programme for multilateral trade and economic cooperation set out 100 projects.", {"contradicted"}),
    ("The ASEAN Secretariat is located in Moscow.", {"not_found"}),
    ("The ASEAN Secretariat is based in Jakarta.", {"not_found"}),
    ("The Customs Union is chaired by Kazakhstan.", {"not_found"}),
    ("Pakistan's counter terror unit was established in 2014.", {"not_found"}),
    ("In conclusion, the Shanghai Five held a summit in 1998.", {"not_found", "supported"}),
    ("In 2010 Kazakhstan became the first former Soviet state to chair the OSCE.", {"not_found"}),  # a plan
    ("The SCO's members hold a quarter of the world's population.", {"disputed"}),
    ("Membership of the SCO encompasses a third of the world's population.", {"disputed"}),  # a wrapped line
    ("The SCO Secretariat is located in Beijing.", {"supported"}),
    ("The SCO Secretariat is located in Moscow.", {"contradicted"}),
]


@pytest.fixture(scope="module")
def shipped_cite():
    from scocheck.cite import cite
    from scocheck.index import open_index
    from scocheck.judge import corpus_judge, read_sentences
    from scocheck.mentions import vocabulary
    from scocheck.project import open_project

    project = open_project(start=REPO)
    index = open_index(project.config.root, project.sources, project.config.corpus / "sources.yaml")
    vocab, judge = vocabulary(project.registry), corpus_judge(project)

    def judged(sentence: str) -> str:
        (statements,) = read_sentences([sentence], None)
        return cite(sentence, vocab, index, judge, statements).verdict.value

    return judged


@pytest.mark.parametrize("sentence, expected", SHIPPED)
def test_the_shipped_registry_judges_the_audited_sentences_as_a_careful_reader(shipped_cite, sentence, expected):
    assert shipped_cite(sentence) in expected
