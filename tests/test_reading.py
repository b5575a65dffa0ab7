"""The reading rules (reading/statements.py, reading/linking.py, compare.py), one behaviour each.

Every sentence here is made up for the rule it shows; nothing comes from an evaluation set.
"""

from __future__ import annotations

import json

import pytest

from conftest import write
from scocheck.compare import agreement, same_fact
from scocheck.corpus import Passage
from scocheck.reading.lexicon import english
from scocheck.reading.linking import Linker, acronyms, key, title_key
from scocheck.reading.statements import read_passages


def read(*sentences: str, title: str | None = None, source: str = "doc"):
    passages = [Passage(source, i, 0, len(s), s) for i, s in enumerate(sentences)]
    return read_passages(source, passages, title)


def stated(statements, text: str, sentences) -> list:
    """The statements whose value is written `text`."""
    return [s for s in statements if sentences[s.passage][s.value.start:s.value.end].endswith(text)]


def one(statements, text, sentences):
    found = stated(statements, text, sentences)
    assert len(found) == 1, (text, statements)
    return found[0]


def test_a_year_in_a_participial_clause_belongs_to_the_noun_it_modifies():
    sentences = ["Norland joined the Harbour Compact, founded in 1990, in 1995."]
    found = read(*sentences)
    founded, joined = one(found, "1990", sentences), one(found, "1995", sentences)
    assert founded.predicate == "found" and "harbour compact" in founded.keys
    assert joined.predicate == "join" and "norland" in joined.keys


def test_the_date_of_an_occasion_is_when_what_was_done_at_it_happened():
    sentences = ["The mayor of Varn gave a speech at a meeting of the harbour council in May 1990.",
                 "Ilse Marr gave a lecture at a dinner marking the guild's centenary in March 1988."]
    found = read(*sentences)
    speech, lecture = one(found, "May 1990", sentences), one(found, "March 1988", sentences)
    assert speech.predicate == "give" and "mayor" in " ".join(speech.keys)
    assert lecture.predicate == "give" and "ilse marr" in lecture.keys


def test_the_date_of_a_named_bodys_occasion_stays_the_occasions():
    sentences = ["The mayor spoke at a summit of the Marsh League held in June 1992."]
    found = one(read(*sentences), "June 1992", sentences)
    assert found.predicate == "hold"


def test_a_passive_subject_takes_the_name_in_apposition():
    sentences = ["In 1984, a third album was released, Quiet Harbours, which the band later disowned."]
    found = one(read(*sentences), "1984", sentences)
    assert found.predicate == "release" and "quiet harbours" in found.keys


def test_a_life_span_after_a_name_gives_birth_and_death():
    sentences = ["Orla Venn (3 May 1901 – 9 June 1960) was a cartographer."]
    found = read(*sentences)
    born, died = one(found, "3 May 1901", sentences), one(found, "9 June 1960", sentences)
    assert (born.predicate, died.predicate) == tuple(english().life_span)
    assert "orla venn" in born.keys and born.role == died.role == "life-span"


def test_a_life_span_of_bare_years_is_split_at_the_dash():
    sentences = ["Tomas Redd (1801–1867) was a printer."]
    found = read(*sentences)
    assert sorted((s.predicate, s.value.canonical) for s in found) == [("bear", "1801"), ("die", "1867")]


def test_a_number_that_counts_a_noun_states_a_count_of_that_noun():
    sentences = ["The Glass Choir recorded five studio albums and two live albums."]
    found = read(*sentences)
    assert {(s.predicate, s.value.canonical) for s in found} == {("album", "5"), ("album", "2")}
    assert all(s.role == "count" and "glass choir" in s.keys for s in found)


def test_a_table_line_states_its_label_about_the_title_subject():
    sentences = ["Live albums\t3"]
    found = one(read(*sentences, title="The Glass Choir discography"), "3", sentences)
    assert found.role == "label" and found.predicate == "album"
    assert found.keys == (title_key("The Glass Choir discography"),)


def test_a_table_cell_after_a_tab_states_its_label_about_the_name_before_it(run, empty_registry):
    write(empty_registry / "corpus" / "one.txt", "Orla Venn Born\t3 May 1901\n")
    write(empty_registry / "corpus" / "two.txt", "Orla Venn (born 4 May 1901) was a cartographer.\n")
    write(empty_registry / "corpus" / "three.txt", "Tomas Redd was born on 5 May 1901.\n")
    found = conflicts(run, empty_registry)
    assert [sorted(p["value"] for p in c["positions"]) for c in found] == [["1901-05-03", "1901-05-04"]]


def test_a_parenthesis_split_off_after_a_name_is_about_that_name():
    sentences = ["Orla Venn", "(born 3 May 1901"]
    found = one(read(*sentences), "3 May 1901", sentences)
    assert found.predicate == "bear" and "orla venn" in found.keys


def test_a_pronoun_stands_for_the_previous_sentences_subject():
    sentences = ["Orla Venn mapped the northern coast.", "She died in 1960."]
    found = one(read(*sentences), "1960", sentences)
    assert found.by == "pronoun" and "orla venn" in found.keys


def test_a_plan_is_marked_modal():
    sentences = ["The Harbour Compact is expected to admit Norland in 2031."]
    assert one(read(*sentences), "2031", sentences).modal


def test_a_subject_that_is_only_a_common_noun_needs_a_title_to_stand_for():
    sentences = ["The bridge was opened in 1950."]
    assert read(*sentences) == []
    assert one(read(*sentences, title="Kell Bridge"), "1950", sentences).keys == (title_key("Kell Bridge"),)


def test_a_negated_statement_is_marked():
    sentences = ["The bridge was not opened in 1950."]
    assert one(read(*sentences, title="Kell Bridge"), "1950", sentences).negated


def test_a_measure_carries_its_unit_and_agrees_across_units():
    sentences = ["Kell lies about 12 km east of Dunmore.", "Kell lies roughly 12,000 metres east of Dunmore."]
    found = read(*sentences)
    km, metres = one(found, "12", sentences), one(found, "12,000", sentences)
    assert (km.unit, metres.unit, km.dimension) == ("km", "m", "length")
    assert agreement(km, metres, english()) == "agree"


def test_an_explicit_year_is_the_time_of_a_count():
    sentences = ["As of 2015, the dialect had four speakers."]
    found = one(read(*sentences, title="Kell dialect"), "four", sentences)
    assert found.predicate == "speaker" and found.time == "2015"


def test_an_acronym_the_corpus_defines_links_to_its_name():
    linker = Linker(acronyms(["The Northern Fisheries Council (NFC) met in Kell."]))
    assert linker.link((key("NFC"),), (key("the Northern Fisheries Council"),)) == 1.0


def test_a_parenthesis_that_is_not_an_acronym_defines_nothing():
    assert acronyms(["The Northern Fisheries Council (Kell) met."]) == {}


def test_spelling_variants_of_a_name_link_less_surely_than_the_same_name():
    linker = Linker({})
    assert 0 < linker.link((key("Lake Corrabin"),), (key("Lake Corabin"),)) < 1
    assert linker.link((key("Lake Corrabin"),), (key("Port Selby"),)) == 0


def test_inside_one_document_the_title_links_no_two_sentences():
    linker = Linker({})
    title = (title_key("Kell"),)
    assert linker.link(title, title, same_document=True) == 0
    assert linker.link(title, title) > 0


def test_statements_of_different_subjects_are_not_the_same_fact():
    sentences = ["Orla Venn was born in 1901.", "Tomas Redd was born in 1905."]
    a, b = read(*sentences)
    assert same_fact(a, b, Linker({}), english()) == 0


def test_counts_as_of_different_years_are_not_the_same_fact():
    def count(sentence, source):
        return next(s for s in read(sentence, title="The Glass Choir", source=source) if s.predicate == "member")

    in_2010, in_2020 = count("In 2010 the choir had 40 members.", "a"), count("In 2020 the choir had 55 members.", "b")
    undated = count("The choir had 55 members.", "c")
    assert same_fact(in_2010, in_2020, Linker({}), english()) == 0
    assert same_fact(in_2010, undated, Linker({}), english()) > 0  # no time on one side: comparable


# --- through the CLI: registry-free conflicts ---------------------------------------------------

SOURCES = """\
- id: one
  file: one.txt
  title: Orla Venn
- id: two
  file: two.txt
  title: Orla Venn
- id: three
  file: three.txt
  title: Tomas Redd
"""


@pytest.fixture
def empty_registry(tmp_path):
    write(tmp_path / "claims" / "registry.yaml", "claims: []\n")
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    return tmp_path


def conflicts(run, folder):
    result = run("conflicts", "--format", "json", cwd=folder)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["conflicts"]


def test_conflicts_finds_two_sources_disagreeing_about_a_named_subject(run, empty_registry):
    write(empty_registry / "corpus" / "one.txt", "Orla Venn (3 May 1901 – 9 June 1960) was a cartographer.\n")
    write(empty_registry / "corpus" / "two.txt", "Orla Venn died on 19 June 1960 in Kell.\n")
    write(empty_registry / "corpus" / "three.txt", "Tomas Redd died on 2 June 1960.\n")
    found = conflicts(run, empty_registry)
    assert len(found) == 1, found
    positions = {p["value"]: {m["source"] for m in p["mentions"]} for p in found[0]["positions"]}
    assert positions == {"1960-06-09": {"one"}, "1960-06-19": {"two"}}


def test_conflicts_stays_silent_when_sources_agree_at_different_precision(run, empty_registry):
    write(empty_registry / "corpus" / "one.txt", "Orla Venn (3 May 1901 – 9 June 1960) was a cartographer.\n")
    write(empty_registry / "corpus" / "two.txt", "Orla Venn died in 1960.\n")
    write(empty_registry / "corpus" / "three.txt", "Tomas Redd died in 1961.\n")
    assert conflicts(run, empty_registry) == []


def test_statements_are_read_once_and_replayed_from_the_cache(run, empty_registry):
    write(empty_registry / "corpus" / "one.txt", "Orla Venn was born in 1901.\n")
    write(empty_registry / "corpus" / "two.txt", "Orla Venn was born in 1903.\n")
    write(empty_registry / "corpus" / "three.txt", "Tomas Redd was born in 1905.\n")
    first = conflicts(run, empty_registry)
    cached = list((empty_registry / ".scocheck" / "statements").glob("*.json"))
    assert len(cached) == 3
    assert conflicts(run, empty_registry) == first and len(first) == 1
    write(empty_registry / "corpus" / "two.txt", "Orla Venn was born in 1901.\n")
    assert conflicts(run, empty_registry) == []  # an edited document is read afresh
    assert len(list((empty_registry / ".scocheck" / "statements").glob("*.json"))) == 3  # its old file is gone


def test_a_definite_noun_with_the_previous_subjects_head_refers_back():
    sentences = ["The Widget Council met in Strelsau.", "The council was dissolved in 1931."]
    found = one(read(*sentences), "1931", sentences)
    assert found.by == "description" and "widget council" in found.keys


def test_a_definite_noun_of_another_head_does_not_refer_back():
    sentences = ["The Widget Council met in Strelsau.", "The harbour was dredged in 1931."]
    found = read(*sentences, title="Strelsau")
    assert "widget council" not in one(found, "1931", sentences).keys


def test_a_share_is_a_share_of_what_follows_it():
    sentences = ["Its members hold a third of the world's coal reserves."]
    found = one(read(*sentences, title="Coal League"), "a third", sentences)
    assert (found.predicate, found.role, found.value.canonical) == ("reserve", "share", "33.3")


def test_a_whole_number_after_a_preposition_of_time_is_a_year_however_early():
    sentences = ["Edric of Marn was born in 1190.", "The fleet carried 1190 sailors."]
    found = read(*sentences, title="Edric of Marn")
    assert [s.value.type for s in found if s.passage == 0] == ["year"]
    assert [s.value.type for s in found if s.passage == 1] == ["number"]


# --- through the CLI: statements linked to the registry -----------------------------------------

REGISTRY = """\
entities:
  - {id: norland, name: Norland, kind: country}
  - {id: compact, name: Harbour Compact, kind: organisation}
properties:
  - {id: joined, cues: [joined]}
  - {id: established, cues: [established]}
claims:
  - id: norland.joined
    statement: Norland joined the Harbour Compact in 1995.
    subject: norland
    property: joined
    type: year
    value: 1995
    evidence: [{source: one, quote: Norland became a member of the Harbour Compact in 1995}]
  - id: compact.established
    statement: The Harbour Compact was established in 1990.
    subject: compact
    property: established
    type: year
    value: 1990
    evidence: [{source: one, quote: The Harbour Compact was established in 1990}]
"""
ONE = "The Harbour Compact was established in 1990. Norland became a member of the Harbour Compact in 1995.\n"


def two_sources(folder, registry: str, one: str):
    """A project of a registry and two sources: one.txt holding `one`, two.txt for a test to write."""
    write(folder / "claims" / "registry.yaml", registry)
    write(folder / "corpus" / "sources.yaml", "- {id: one, file: one.txt}\n- {id: two, file: two.txt}\n")
    write(folder / "corpus" / "one.txt", one)
    return folder


@pytest.fixture
def registered(tmp_path):
    return two_sources(tmp_path, REGISTRY, ONE)


def statuses(run, folder):
    result = run("verify", "--format", "json", cwd=folder)
    assert result.code in (0, 1), result.err
    return {c["id"]: (c["status"], [x["value"] for x in c["conflicts"]]) for c in result.json()["claims"]}


def test_a_value_in_a_clause_about_another_body_is_not_the_subjects(run, registered):
    write(registered / "corpus" / "two.txt", "Norland joined the Harbour Compact, established in 1990, in 1995.\n")
    assert statuses(run, registered) == {"norland.joined": ("ok", []), "compact.established": ("ok", [])}


def test_a_restatement_in_other_words_is_compared_with_the_claim(run, registered):
    write(registered / "corpus" / "two.txt", "The Harbour Compact was set up in 1992.\n")
    assert statuses(run, registered)["compact.established"] == ("contradicted", ["1992"])


def test_a_plural_name_read_in_the_singular_and_a_cue_in_the_past_still_link(run, tmp_path):
    two_sources(tmp_path, """\
entities:
  - {id: patrols, name: joint harbour patrols, kind: activity}
properties:
  - {id: began, cues: [began]}
claims:
  - id: patrols.began
    statement: Joint harbour patrols began in 2002.
    subject: patrols
    property: began
    type: year
    value: 2002
    evidence: [{source: one, quote: Joint harbour patrols began in 2002}]
""", "Joint harbour patrols began in 2002.\n")
    write(tmp_path / "corpus" / "two.txt", "Joint harbour patrols were initiated in Kell in 2007.\n")
    assert statuses(run, tmp_path)["patrols.began"] == ("contradicted", ["2007"])


EVENTS = """\
entities:
  - {id: league, name: Harbour League, kind: organisation}
  - {id: kell-summit, name: Harbour League Kell summit (2011), kind: event}
  - {id: founding-summit, name: "Harbour League founding summit, Orm (2005)", kind: event}
  - {id: union-summit, name: Marsh Union Kell summit (2003), kind: event}
  - {id: withdrawal, name: withdrawal of Norland troops, kind: event}
  - {id: flood, name: great flood of Kell, kind: event}
  - {id: shield, name: Kell Shield 2019, kind: exercise}
places:
  - {id: kell, name: Kell, kind: city}
  - {id: orm, name: Orm, kind: city, aliases: [Ormby]}
properties:
  - {id: held, cues: [held, hold]}
  - {id: venue, cues: [held, hold]}
  - {id: occurred, cues: [occur*, withdrawal]}
  - {id: happened, cues: [occur*]}
claims:
  - id: kell-summit.held
    statement: The Harbour League held its Kell summit in 2011.
    subject: kell-summit
    property: held
    type: year
    value: 2011
    evidence: [{source: one, quote: The Harbour League held its Kell summit in 2011}]
  - id: kell-summit.venue
    statement: The Harbour League held its Kell summit in Kell.
    subject: kell-summit
    property: venue
    type: place
    value: kell
    evidence: [{source: one, quote: The Harbour League held its Kell summit in 2011}]
  - id: founding-summit.held
    statement: The Harbour League's founding summit was held in Orm in 2005.
    subject: founding-summit
    property: held
    type: year
    value: 2005
    evidence: [{source: one, quote: The Harbour League's founding summit was held in Orm in 2005}]
  - id: union-summit.held
    statement: The Marsh Union held a summit in Kell in 2003.
    subject: union-summit
    property: held
    type: year
    value: 2003
    evidence: [{source: one, quote: The Marsh Union held a summit in Kell in 2003}]
  - id: withdrawal.occurred
    statement: The withdrawal of Norland troops occurred in 2009.
    subject: withdrawal
    property: occurred
    type: year
    value: 2009
    evidence: [{source: one, quote: The withdrawal of Norland troops occurred in 2009}]
  - id: shield.venue
    statement: Kell Shield 2019 was held in Kell.
    subject: shield
    property: venue
    type: place
    value: kell
    evidence: [{source: one, quote: Kell Shield 2019 was held in Kell}]
  - id: flood.happened
    statement: The great flood of Kell occurred in 1921.
    subject: flood
    property: happened
    type: year
    value: 1921
    evidence: [{source: one, quote: The great flood of Kell occurred in 1921}]
"""
EVENTS_ONE = ("The Harbour League held its Kell summit in 2011. The Harbour League's founding summit was held in "
              "Orm in 2005. The Marsh Union held a summit in Kell in 2003. The withdrawal of Norland troops "
              "occurred in 2009. The great flood of Kell occurred in 1921. Kell Shield 2019 was held in Kell.\n")


@pytest.fixture
def events(tmp_path):
    return two_sources(tmp_path, EVENTS, EVENTS_ONE)


def test_a_common_noun_with_its_place_is_the_registered_event_of_that_kind_and_place(run, events):
    write(events / "corpus" / "two.txt", "The Harbour League held a summit in Kell in 2014.\n")
    found = statuses(run, events)
    # the League's summit in Kell: not the Marsh Union's (in Kell too), nor the League's in Orm
    assert found["kell-summit.held"] == ("contradicted", ["2014"])
    assert found["founding-summit.held"] == found["union-summit.held"] == ("ok", [])


def test_a_description_that_two_registered_events_fit_equally_is_linked_to_neither(run, events):
    write(events / "claims" / "registry.yaml", EVENTS.replace("Marsh Union Kell summit (2003)", "Harbour League Kell summit (2003)"))
    write(events / "corpus" / "two.txt", "The Harbour League held a summit in Kell in 2014.\n")
    found = statuses(run, events)
    assert found["kell-summit.held"] == found["union-summit.held"] == ("ok", [])


def test_a_year_that_names_the_object_of_an_event_verb_is_when_it_happened(run, events):
    write(events / "corpus" / "two.txt", "The Harbour League held its 2012 summit in Kell.\n")
    assert statuses(run, events)["kell-summit.held"] == ("contradicted", ["2012"])


def test_an_event_registered_by_its_noun_is_what_its_verb_says_of_whom_it_names(run, events):
    write(events / "corpus" / "two.txt", "Norland troops withdrew from the border in 2010.\n")
    assert statuses(run, events)["withdrawal.occurred"] == ("contradicted", ["2010"])


def test_a_cue_with_a_star_takes_the_words_of_its_predicate_family_too(run, events):
    write(events / "corpus" / "two.txt", "The great flood of Kell took place in 1925.\n")
    assert statuses(run, events)["flood.happened"] == ("contradicted", ["1925"])


CAUSEWAY = """\
entities:
  - {id: causeway, name: Kell causeway, kind: structure}
properties:
  - {id: length, cues: [long, length]}
claims:
  - id: causeway.length
    statement: The Kell causeway is 12 km long.
    subject: causeway
    property: length
    type: number
    value: 12
    evidence: [{source: one, quote: The Kell causeway is 12 km long}]
"""


@pytest.mark.parametrize("restated, expected", [
    ("The Kell causeway is 15 km long.", ("contradicted", ["15 km"])),
    ("The Kell causeway is 12,000 metres long.", ("ok", [])),
])
def test_a_measure_is_compared_with_a_claim_in_the_unit_the_claims_words_give(run, tmp_path, restated, expected):
    two_sources(tmp_path, CAUSEWAY, "The Kell causeway is 12 km long.\n")
    write(tmp_path / "corpus" / "two.txt", restated + "\n")
    assert statuses(run, tmp_path)["causeway.length"] == expected


def test_a_unit_the_parser_splits_is_read_whole():
    sentences = ["The top speed of the Kell ferry is 30 km/h."]
    assert one(read(*sentences), "30", sentences).unit == "km/h"


def test_the_nouns_before_a_light_verbs_noun_say_which_kind_it_is():
    sentences = ["Norland received dialogue partner status in 2010.", "Norland received observer status in 2012."]
    partner, observer = (one(read(s), year, [s]) for s, year in zip(sentences, ("2010", "2012")))
    assert partner.qualifiers == ("dialogue", "partner") and observer.qualifiers == ("observer",)
    assert not same_fact(partner, observer, Linker({}), english())


def test_a_name_after_a_preposition_of_place_beside_a_verb_states_where_it_happened():
    sentences = ["The Harbour League held its summit in Kell in 2011."]
    (place,) = [s for s in read(*sentences) if s.value.type == "place"]
    assert (place.value.canonical, place.predicate, place.keys) == ("Kell", "hold", ("harbour league",))


@pytest.mark.parametrize("restated, expected", [
    ("The 2011 summit of the Harbour League was held in Orm.", ("contradicted", ["Orm"])),
    ("The 2011 summit of the Harbour League was held in Kell.", ("ok", [])),
    ("The 2011 summit of the Harbour League was held in the Grand Hall.", ("ok", [])),  # no registered place
])
def test_a_place_claim_is_compared_with_the_registered_place_the_grammar_reads(run, events, restated, expected):
    write(events / "corpus" / "two.txt", restated + "\n")
    assert statuses(run, events)["kell-summit.venue"] == expected



def test_a_year_told_relative_to_the_last_one_stated_is_that_year_moved():
    sentences = ["The Harbour League was founded in 2004.", "The following year, Norland joined the Harbour League.",
                 "Three years later, Orla Venn chaired the Harbour League."]
    found = {(s.predicate, s.value.canonical) for s in read(*sentences) if s.passage > 0}
    assert found == {("join", "2005"), ("chair", "2008")}


def test_a_relative_year_with_no_year_stated_before_it_states_nothing():
    assert read("The following year, Norland joined the Harbour League.") == []


@pytest.mark.parametrize("restated", ["The June 2011 League summit was held in Orm.",
                                      "The Harbour League summit (2011) was held in Orm."])
def test_a_date_before_or_a_year_in_brackets_after_a_described_noun_anchors_it_by_its_year(run, events, restated):
    write(events / "corpus" / "two.txt", restated + "\n")
    assert statuses(run, events)["kell-summit.venue"] == ("contradicted", ["Orm"])


@pytest.mark.parametrize("restated, expected", [
    ("The League's Kell Shield 2019 naval exercise was held in Orm.", ("contradicted", ["Orm"])),
    ("The Kell Shield 2019 prize ceremony was held in Orm.", ("ok", [])),  # not the exercise
])
def test_a_registered_name_before_words_for_its_kind_is_that_thing(run, events, restated, expected):
    write(events / "corpus" / "two.txt", restated + "\n")
    assert statuses(run, events)["shield.venue"] == expected



def test_a_copula_before_a_place_says_where_the_subject_is():
    sentences = ["The Kell Archive is in Orm."]
    (place,) = read(*sentences)
    assert (place.value.canonical, place.predicate, place.keys) == ("Orm", english().copula_of_place, ("kell archive",))


def test_a_year_inside_a_name_is_no_value_of_the_sentence():
    sentences = ["The Harbour League held the Kell Shield 2019 exercise in 2020."]
    assert [s.value.canonical for s in read(*sentences) if s.value.type != "place"] == ["2020"]


def test_a_title_runs_on_through_small_words_between_capitals():
    sentences = ["The Harbour League signed the Accord on Lasting Peace in the Coastal Waters in 1990."]
    signed = one(read(*sentences), "1990", sentences)
    assert signed.predicate == "sign"  # not a word inside the title
    assert "accord on lasting peace in the coastal waters" in signed.objects


def test_a_title_does_not_swallow_a_name_joined_by_and():
    sentences = ["Norland and Kell signed the accord in 1990."]
    signed = one(read(*sentences), "1990", sentences)
    assert "norland and kell" not in signed.keys and "norland" in signed.keys


def test_a_possessive_pronoun_in_an_object_stands_for_the_named_subject():
    sentences = ["The Kell Assembly adopted its charter on river trade in 1992."]
    adopted = one(read(*sentences), "1992", sentences)
    assert "np:kell assembly charter on river trade" in adopted.objects


@pytest.mark.parametrize("data", ["reading/data/english.yaml", "values/data/english.yaml"])
def test_every_word_of_the_english_word_lists_is_a_word(data):
    """YAML reads a bare on, no, yes or off as a boolean: a list that means the word "on" must quote it."""
    from pathlib import Path

    import yaml

    import scocheck

    path = Path(scocheck.__file__).parent / data

    def leaves(node):
        if isinstance(node, dict):
            for name, value in node.items():
                yield name
                yield from leaves(value)
        elif isinstance(node, list):
            for item in node:
                yield from leaves(item)
        else:
            yield node

    assert not [w for w in leaves(yaml.safe_load(path.read_text(encoding="utf-8"))) if isinstance(w, bool)]


def test_a_share_of_the_total_is_a_share_of_what_the_clause_is_about():
    sentences = ["The population of Norland amounts to 3 million, accounting for about a fifth of the region's total."]
    share = one(read(*sentences), "a fifth", sentences)
    assert (share.predicate, share.role, share.value.canonical) == ("population", "share", "20")


@pytest.mark.parametrize("restated, expected", [
    # a title inside the phrase: the parse makes "Council" the head, but the phrase is a summit
    ("The 2011 Harbour League Council of Ministers summit was held in Orm.", ("contradicted", ["Orm"])),
    ("The Harbour League held its 2011 Council of Ministers summit in Orm.", ("contradicted", ["Orm"])),
])
def test_a_summit_named_by_a_title_the_registry_does_not_hold_is_still_the_summit(run, events, restated, expected):
    write(events / "corpus" / "two.txt", restated + "\n")
    assert statuses(run, events)["kell-summit.venue"] == expected


def test_words_the_registry_does_not_hold_never_stand_in_for_the_names_that_anchor_a_description(run, events):
    # "Council of Ministers" only ranks; with no year or registered name left, nothing is anchored
    write(events / "corpus" / "two.txt", "The Council of Ministers summit was held in Orm.\n")
    assert statuses(run, events)["kell-summit.venue"] == ("ok", [])


@pytest.mark.parametrize("sentence", ["At the 2010 Orm summit, Norland proposed a river treaty.",
                                      "During the 2010 floods, Norland opened its borders."])
def test_what_is_done_at_a_dated_occasion_is_done_in_its_year(sentence):
    (done,) = read(sentence)
    assert (done.value.canonical, done.keys, done.role) == ("2010", ("norland",), "governed")


def test_a_dated_occasion_after_a_copula_states_nothing():
    assert read("Norland remained at the 2010 Orm summit.") == []  # a copula verb, not a deed


def test_a_clause_that_leaves_out_its_verb_has_its_own_subject():
    sentences = ["Norland joined the Harbour Compact in 1995 and Ostmark in 1999."]
    found = read(*sentences)
    first, second = one(found, "1995", sentences), one(found, "1999", sentences)
    assert "norland" in first.keys and first.predicate == "join"
    assert "ostmark" in second.keys and "norland" not in second.keys and second.predicate == "join"


def test_an_idiom_of_a_predicate_family_is_read_whole():
    sentences = ["The Harbour Compact came into being in 1990.", "Norland became part of the Harbour Compact in 1995."]
    found = read(*sentences)
    assert english().family_of(one(found, "1990", sentences).predicate) & english().family_of("establish")
    assert english().family_of(one(found, "1995", sentences).predicate) & english().family_of("incorporate")


# --- the time a news report speaks of ----------------------------------------------------------


def reported(sentence: str, year: int | None):
    return [(s.predicate, s.value.canonical) for s in
            read_passages("news", [Passage("news", 0, 0, len(sentence), sentence)], None, reported=year)]


def test_a_news_report_dates_its_own_days_to_the_year_it_was_issued():
    assert ("launch", "1998") in reported("The Harbour Board was formally launched hours before the regatta.", 1998)
    assert ("open", "1998") in reported("The Quay Museum opened its doors yesterday.", 1998)


def test_a_document_that_is_no_news_report_or_a_stated_date_keeps_its_own_time():
    assert reported("The Quay Museum opened its doors yesterday.", None) == []  # not a news report
    assert ("open", "1998") in reported("The Quay Museum opened on Monday.", 1998)
    assert ("open", "1998") not in reported("The Quay Museum opened on Monday, 3 April 1995.", 1998)


def test_since_states_when_something_began():
    assert ("begin", "1990") in reported("Regattas have been held in the bay since 1990.", None)


def test_the_year_of_a_reference_list_entry_is_no_fact():
    from scocheck.mentions import referencing_spans

    entry = "- Harbour Board Launched at Quay Summit,' *Tidewater Gazette*, (1998). http://example.org/1998"
    year = entry.index("(1998)")
    assert any(start <= year and year + 6 <= end for start, end in referencing_spans(entry))
    prose = "The Harbour Board, founded in 1998, (the first on the coast) met in 1999."
    assert referencing_spans(prose) == []


def test_a_name_that_titles_a_common_noun_is_not_a_place():
    sentences = ["At the 2010 Kell Council of Mayors summit in Ostby, the mayor proposed a harbour tax.",
                 "At the 2011 congress in Pellham, the mayor proposed a ferry tax."]
    places = [s.value.canonical for s in read(*sentences) if s.value.type == "place"]
    assert "Kell Council of Mayors" not in places and "congress in Pellham" not in places


def test_an_idiom_of_verb_and_object_is_the_verb_and_has_no_object():
    sentences = ["In 2012 the Harbour Board made a call for a new lighthouse.",
                 "The Harbour Board called for a new lighthouse in 2012."]
    made, called = (one(read(s), "2012", [s]) for s in sentences)
    assert made.predicate == "make call" and not made.has_object
    assert same_fact(made, called, Linker({}), english())


def test_what_a_verb_acts_on_is_described_by_its_content_words_without_the_occasion():
    sentences = ["The board proposed a storm flood warning station at the 2010 congress.",
                 "In 2010 the board proposed a station to warn of storm floods."]
    after, before = (one(read(s, title="Kell"), "2010", [s]) for s in sentences)
    assert after.predicate == "propose"  # the occasion dates the proposing, not the station
    assert after.thing_words == ("flood", "station", "storm", "warn")
    assert before.thing_words == ("flood", "station", "storm", "warn")


def test_a_passive_agent_is_kept_and_its_subject_is_what_the_agent_acted_on():
    sentences = ["The rules for licensing river pilots were approved by the Harbour Trustees in 2013.",
                 "In 2013 the Harbour Trustees approved new rules for licensing river pilots.",
                 "In 2013 the Harbour Trustees approved a new ferry timetable."]
    passive, active, other = (one(read(s), "2013", [s]) for s in sentences)
    assert passive.agent == ("harbour trustees",)
    assert same_fact(passive, active, Linker({}), english())
    assert not same_fact(passive, other, Linker({}), english())


def test_a_count_in_a_verb_coordinated_with_a_dated_one_shares_its_year():
    sentences = ["At the fair held in Ostby in June 2009, the mayor opened a show and announced three grants."]
    assert one(read(*sentences, title="Kell"), "three", sentences).time == "2009"


def test_in_dates_the_verb_only_before_an_occasion_noun():
    sentences = ["In the 2014 congress, the Kell Society elected Ana Lima.",
                 "The Kell Society set out its terms in the 1999 Harbour Charter."]
    congress, charter = (read(s, title="Kell") for s in sentences)
    assert one(congress, "2014", sentences[:1]).predicate == "elect"
    assert not [s for s in charter if s.value.type == "year"]  # a document named by its year, not a date
