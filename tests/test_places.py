"""Places nobody registered: the gazetteer knows the world's countries and cities, what lies within
what and their other names, so a draft that moves a headquarters to any real city is caught and
"held in Portugal" agrees with "held in Lisbon"; the registry's places and part_of come first.

The corpus is made up; the cities in it are real.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import write
from scocheck import gazetteer
from scocheck.registry import Entity, Registry
from scocheck.verdicts import Agreement

AGREE, DISAGREE, INCOMPARABLE = Agreement.AGREE, Agreement.DISAGREE, Agreement.INCOMPARABLE


def places(*entities: Entity):
    return Registry({e.id: e for e in entities}, {}, ()).places


@pytest.mark.parametrize("a, b, expected", [
    ("Lisbon", "Lisbon", AGREE),
    ("Lisbon", "Portugal", AGREE),  # a city and the country that holds it
    ("Portugal", "Europe", AGREE),  # a country and its continent
    ("Lisbon", "Europe", AGREE),
    ("Lisbon", "Nairobi", DISAGREE),  # cities of two countries
    ("Lisbon", "Kenya", DISAGREE),
    ("Portugal", "Kenya", DISAGREE),
    ("Lisbon", "Porto", DISAGREE),  # two regions of one country
    ("Pudong", "Shanghai", INCOMPARABLE),  # one region: a city and its district, perhaps
    ("Nairobi", "Europe", INCOMPARABLE),  # a continent is never said to disagree: countries span them
    ("Peking", "Beijing", AGREE),  # another name of one city
    ("Lisbon", "Quayside Hall", INCOMPARABLE),  # a name nobody knows
])
def test_the_gazetteer_compares_places_nobody_registered(a, b, expected):
    assert places().agreement(a, b) == expected
    assert places().agreement(b, a) == expected


def test_a_registered_region_lies_where_its_part_of_says():
    """The gazetteer knows no regions: one registered as part of a real country is not in another
    country, and whether it holds a city of its own country it cannot say."""
    known = places(Entity("portugal", "Portugal", "country", ()),
                   Entity("tagus-coast", "Tagus Coast", "region", (), part_of=("portugal",)))
    assert known.within("Tagus Coast", "Portugal")
    assert known.agreement("Tagus Coast", "Nairobi") == DISAGREE
    assert known.agreement("Tagus Coast", "Porto") == INCOMPARABLE
    assert known.agreement("Tagus Coast", "Portugal") == AGREE


def test_the_registry_says_more_than_the_gazetteer():
    """A district registered as part of a registered city lies in that city's country too; an alias
    the gazetteer does not know is the registered place's name."""
    known = places(Entity("lisbon", "Lisbon", "city", ("Olisipo",)),
                   Entity("alfama", "Alfama", "place", (), part_of=("lisbon",)))
    assert known.within("Alfama", "Lisbon") and known.within("Alfama", "Portugal")
    assert known.agreement("Olisipo", "Lisbon") == AGREE
    assert known.agreement("Alfama", "Nairobi") == DISAGREE
    assert known.canonical("Olisipo") == "Lisbon" and known.canonical("Peking") == "Beijing"


def test_a_place_is_found_only_as_a_whole_name_after_a_preposition_of_place():
    text = ("The office is in Nairobi. It met in March 2005 at Moscow State University, "
            "then in Lima's old town, and in St. Petersburg.")
    months = [(text.index("March"), text.index("March") + 10)]
    found = [(text[s:e], p.name) for s, e, p in gazetteer.find(text, frozenset({"in", "at"}), months)]
    assert found == [("Nairobi", "Nairobi"), ("St. Petersburg", "Saint Petersburg")]


SOURCES = """\
- id: annual
  file: annual.txt
  title: Harbour League Annual Report
  issued: 2019
- id: review
  file: review.txt
  title: The Harbour League Reviewed
  issued: 2020
"""

REGISTRY = """\
entities:
  - id: league
    name: Harbour League
    kind: organisation
places:
  - {id: lisbon, name: Lisbon, kind: city}
properties:
  - id: headquarters
    cues: [headquarters, headquartered, based]
claims:
  - id: league.headquarters
    statement: The Harbour League has its headquarters in Lisbon.
    subject: league
    property: headquarters
    type: place
    value: lisbon
    evidence:
      - source: annual
        quote: The Harbour League has its headquarters in Lisbon.
"""


@pytest.fixture
def league(tmp_path: Path) -> Path:
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    write(tmp_path / "corpus" / "annual.txt", "The Harbour League has its headquarters in Lisbon.\n")
    write(tmp_path / "corpus" / "review.txt", "The Harbour League, headquartered in Lisbon, has twelve members.\n")
    write(tmp_path / "claims" / "league.yaml", REGISTRY)
    return tmp_path


def test_a_draft_moving_the_headquarters_to_a_city_no_document_names_is_an_error(run, league):
    write(league / "draft.md", "The Harbour League is headquartered in Nairobi.\n")
    result = run("check", "draft.md", "--format", "json", cwd=league)
    assert result.code == 1, result.out
    [finding] = [d for d in result.json()["diagnostics"] if d["rule"] == "contradicts-registry"]
    assert finding["severity"] == "error" and "Lisbon" in finding["message"], finding


@pytest.mark.parametrize("sentence, expected", [
    ("The Harbour League is headquartered in Nairobi.", "contradicted"),
    ("The Harbour League is headquartered in Portugal.", "supported"),
    ("The Harbour League is headquartered in Lisbon.", "supported"),
])
def test_cite_judges_a_headquarters_by_where_the_city_lies(run, league, sentence, expected):
    result = run("cite", sentence, "--format", "json", cwd=league)
    assert result.code == 0, result.err
    assert result.json()["verdict"] == expected


def test_conflicts_with_no_registry_finds_two_sources_placing_a_founding_in_two_countries(run, tmp_path):
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    write(tmp_path / "corpus" / "annual.txt", "The Harbour League was founded in Lisbon in 1990.\n")
    write(tmp_path / "corpus" / "review.txt", "The Harbour League was founded in Nairobi in 1990.\n")
    write(tmp_path / "claims" / "empty.yaml", "{}\n")
    [conflict] = run("conflicts", "--format", "json", cwd=tmp_path).json()["conflicts"]
    assert {p["value"] for p in conflict["positions"]} == {"Lisbon", "Nairobi"}
    write(tmp_path / "corpus" / "review.txt", "The Harbour League was founded in Portugal in 1990.\n")
    assert run("conflicts", "--format", "json", cwd=tmp_path).json()["conflicts"] == []


def test_the_gazetteer_is_built_once_into_the_cache_folder_and_read_from_it(tmp_path, monkeypatch):
    def fresh():
        gazetteer._connections.clear()
        gazetteer.lookup.cache_clear()
        gazetteer._country.cache_clear()

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh()
    try:
        built = gazetteer.lookup("Peking")
        [stored] = (tmp_path / "scocheck").glob("gazetteer-*.sqlite")
        fresh()
        assert gazetteer.lookup("Peking") == built and built.name == "Beijing"
        assert list((tmp_path / "scocheck").glob("*")) == [stored]  # read, not built again
        stored.write_bytes(b"")  # a damaged file is built again
        fresh()
        assert gazetteer.lookup("Peking") == built and stored.stat().st_size > 0
    finally:
        fresh()  # later tests open the user's own cache again


@pytest.mark.parametrize("city", ["Nairobi", "Montevideo", "Osaka"])
def test_the_shipped_project_catches_a_headquarters_moved_to_a_city_it_never_names(run, sco, city):
    """No document of the SCO corpus names these cities and the registry lists none of them."""
    assert not any(re.search(rf"\b{city}\b", p.read_text(), re.I) for p in [*sco.glob("claims/*.yaml"), *sco.glob("corpus/*")])
    write(sco / "draft.md", f"The SCO Secretariat is headquartered in {city}.\n")
    result = run("check", "draft.md", "--format", "json", cwd=sco)
    assert result.code == 1, result.out
    [finding] = [d for d in result.json()["diagnostics"] if d["rule"] == "contradicts-registry"]
    assert "Beijing" in finding["message"], finding
