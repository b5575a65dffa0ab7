"""`scocheck claims --check`: each rule of the registry linter fires on a planted problem and not on
the right form of it, with the registry file and line it is about.

The projects are made up (a lighthouse on a made-up coast); nothing here is about the shipped corpus
except the last test, which runs the linter on it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, write
from scocheck.project import open_project
from scocheck.registry_check import RULES, Finding, check_registry
from scocheck.verdicts import Severity

SOURCES = """\
- id: alpha
  file: alpha.txt
  type: report
  title: A History of the Marrow Point Light
  author: [{family: Arden, given: Ann}]
  issued: 1930
- id: beta
  file: beta.txt
  type: report
  title: Lights of the Tarn Coast
  author: [{family: Bell, given: Bo}]
  issued: 1935
"""

ALPHA = """\
The Marrow Point Lighthouse was lit in 1871, and ships passed it every night.
The Marrow Keepers Guild looked after it from 1880.
"""

BETA = """\
Bell writes that the Marrow Point Lighthouse was lit in 1871.
"""

ENTITIES = """\
entities:
  - id: marrow-light
    name: Marrow Point Lighthouse
    kind: lighthouse
    aliases:
      - Marrow Light
  - id: keepers-guild
    name: Marrow Keepers Guild
    kind: guild
    aliases:
      - Keepers Guild
  - id: tarn-light
    name: Tarn Light
    kind: lighthouse
  - id: lamp-network
    name: Coastal Lamp Network
    kind: network
"""

PLACES = """\
places:
  - id: dunmore
    name: Dunmore
    kind: town
"""

PROPERTIES = """\
properties:
  - id: lit
    cues: [lit, kindled]
  - id: ships
    cues: [ships passed]
    type: number
  - id: joined
    cues: [joined]
  - id: lights
    cues: [lights were]
    time_varying: true
modality: [expected, planned]
"""

LIT = """\
  - id: marrow-light.lit
    statement: The Marrow Point Lighthouse was first lit in 1871.
    subject: marrow-light
    property: lit
    type: year
    value: 1871
    evidence:
      - source: alpha
        quote: The Marrow Point Lighthouse was lit in 1871
      - source: beta
        quote: the Marrow Point Lighthouse was lit in 1871
"""


def make(folder: Path, *, entities: str = ENTITIES, places: str = PLACES, properties: str = PROPERTIES,
         claims: str = LIT, alpha: str = ALPHA, beta: str = BETA) -> Path:
    write(folder / "corpus" / "sources.yaml", SOURCES)
    write(folder / "corpus" / "alpha.txt", alpha)
    write(folder / "corpus" / "beta.txt", beta)
    write(folder / "claims" / "vocabulary.yaml", entities + places + properties)
    write(folder / "claims" / "facts.yaml", "claims:\n" + claims)
    return folder


def lint(run, folder: Path):
    """The findings of `claims --check --format json`, and its exit status."""
    result = run("claims", "--check", "--format", "json", cwd=folder)
    assert result.code in (0, 1), result.err
    return result.json()["findings"], result.code


def only(findings: list[dict], rule: str) -> list[dict]:
    return [f for f in findings if f["rule"] == rule]


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """The 1-based line of the first line of path containing needle (after the line containing `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def test_the_base_project_is_clean_and_says_so_on_stderr(run, tmp_path):
    make(tmp_path)
    result = run("claims", "--check", cwd=tmp_path)
    assert (result.code, result.out) == (0, "")
    assert result.err == "registry clean: 1 claim checked\n"
    assert lint(run, tmp_path) == ([], 0)


def test_every_rule_has_a_severity_and_an_explanation():
    assert set(RULES) == {"generic-alias", "ambiguous-alias", "heading-hit", "common-phrase", "plan-as-fact",
                          "exact-bound", "contradicting-claims", "dispute-is-evidence", "undocumented-dispute"}
    errors = {rule.id for rule in RULES.values() if rule.severity == Severity.ERROR}
    assert errors == {"exact-bound", "contradicting-claims", "dispute-is-evidence"}
    assert all(rule.summary and rule.explanation for rule in RULES.values())


# --- 1. generic-alias ----------------------------------------------------------------------


def test_an_alias_with_no_capital_and_no_digit_is_generic(run, tmp_path):
    make(tmp_path, entities=ENTITIES.replace("      - Marrow Light\n", "      - Marrow Light\n      - old light\n"))
    result = run("claims", "--check", cwd=tmp_path)
    line = line_of(tmp_path / "claims" / "vocabulary.yaml", "- old light")
    assert re.fullmatch(rf"claims/vocabulary\.yaml:{line}:9: warning: alias 'old light' of marrow-light has no "
                        r"capital letter and no digit: .* \[generic-alias\]\n", result.out), result.out
    assert result.code == 0  # a warning does not fail the run


def test_a_capitalised_alias_or_one_with_a_digit_is_a_name(run, tmp_path):
    extra = "      - Marrow Light\n      - Old Light\n      - light 7\n"
    make(tmp_path, entities=ENTITIES.replace("      - Marrow Light\n", extra))
    assert only(lint(run, tmp_path)[0], "generic-alias") == []


# --- 2. ambiguous-alias --------------------------------------------------------------------


def test_an_alias_inside_a_longer_proper_name_in_the_corpus_is_ambiguous(run, tmp_path):
    alpha = ALPHA + "In 1901 the Tarn Keepers Guild met at Dunmore.\nEvery summer the Keepers Guild met.\n"
    make(tmp_path, alpha=alpha)
    [finding] = only(lint(run, tmp_path)[0], "ambiguous-alias")
    assert (finding["severity"], finding["path"]) == ("warning", "claims/vocabulary.yaml")
    assert finding["line"] == line_of(tmp_path / "claims" / "vocabulary.yaml", "- Keepers Guild")
    assert "'Tarn Keepers Guild'" in finding["message"]
    assert "first at alpha:3" in finding["message"] and "at 1 of its 2 places" in finding["message"]


def test_a_one_word_alias_owned_by_another_body_is_ambiguous_but_not_when_owned_by_what_it_is_part_of(
        run, tmp_path):
    entities = ENTITIES + """\
  - id: lifeboat
    name: Marrow Lifeboat
    kind: boat
    aliases: [Lifeboat]
    part_of: [marrow-light]
"""
    alpha = ALPHA + "The Marrow Light's Lifeboat saved nine sailors.\nIn 1920 Dunmore's Lifeboat was launched.\n" \
        "In 1925 Dunmore's Keepers Guild met.\n"  # a longer name is owned by its author, not another's
    make(tmp_path, entities=entities, alpha=alpha)
    [finding] = only(lint(run, tmp_path)[0], "ambiguous-alias")
    assert finding["line"] == line_of(tmp_path / "claims" / "vocabulary.yaml", "aliases: [Lifeboat]")
    assert "'Dunmore's Lifeboat'" in finding["message"] and "first at alpha:4" in finding["message"]
    assert "at 1 of its 2 places" in finding["message"]


def test_sentence_initial_following_and_lower_case_neighbours_and_places_do_not_make_an_alias_ambiguous(
        run, tmp_path):
    alpha = ALPHA + "Keepers Guild members met at the Marrow Light each May.\n\"Tarn\" Keepers Guild is no name.\n" \
        "The Marrow Light Company sold the lamp oil.\nNorth Dunmore got its own lamp.\n"
    make(tmp_path, alpha=alpha)
    assert only(lint(run, tmp_path)[0], "ambiguous-alias") == []


def test_a_name_that_ends_another_entitys_name_is_ambiguous_but_not_after_a_function_word(run, tmp_path):
    entities = ENTITIES + """\
  - id: harbour-office
    name: Harbour Office
    kind: office
  - id: tarn-harbour-office
    name: Tarn Harbour Office
    kind: office
  - id: harbour-charter
    name: Charter of the Marrow Point Lighthouse
    kind: document
"""
    make(tmp_path, entities=entities)
    [finding] = only(lint(run, tmp_path)[0], "ambiguous-alias")
    assert finding["line"] == line_of(tmp_path / "claims" / "vocabulary.yaml", "name: Harbour Office")
    assert "'Harbour Office' (harbour-office) is the last words of 'Tarn Harbour Office'" in finding["message"]


# --- 3. heading-hit ------------------------------------------------------------------------


def test_a_cue_that_is_a_whole_heading_is_a_heading_hit_and_a_name_in_a_heading_is_not(run, tmp_path):
    beta = "## Marrow Point Lighthouse, 1871\n\nBell writes that the Marrow Point Lighthouse was lit in 1871.\n\n" \
           "### Kindled\n\nThe lamp burned oil.\n"
    make(tmp_path, beta=beta)
    [finding] = only(lint(run, tmp_path)[0], "heading-hit")  # a heading naming its topic is no fault of the name
    assert (finding["line"], finding["severity"]) == \
        (line_of(tmp_path / "claims" / "vocabulary.yaml", "cues: [lit, kindled]"), "warning")
    assert "'Kindled' at beta:5" in finding["message"] and "cue 'kindled'" in finding["message"]


def test_a_heading_that_runs_into_the_text_after_it_is_a_heading_hit(run, tmp_path):
    beta = "Lit by Hand\n\nin 1871, Bell writes, and the Marrow Point Lighthouse was lit in 1871.\n"
    make(tmp_path, beta=beta)
    [finding] = only(lint(run, tmp_path)[0], "heading-hit")
    assert finding["line"] == line_of(tmp_path / "claims" / "vocabulary.yaml", "cues: [lit, kindled]")
    assert "runs into" in finding["message"] and "beta:1" in finding["message"]


def test_a_heading_that_only_names_its_topic_is_no_heading_hit(run, tmp_path):
    beta = "## The Marrow Point Lighthouse\n\nBell writes that the Marrow Point Lighthouse was lit in 1871.\n"
    make(tmp_path, beta=beta)
    assert only(lint(run, tmp_path)[0], "heading-hit") == []


# --- 4. common-phrase ----------------------------------------------------------------------


def test_a_cue_that_is_a_function_word_or_stands_in_a_fixed_phrase_is_common(run, tmp_path):
    properties = PROPERTIES.replace("cues: [ships passed]", "cues: [ships passed, first, total]")
    alpha = ALPHA + "In total, forty keepers served there.\n"
    make(tmp_path, properties=properties, alpha=alpha)
    found = only(lint(run, tmp_path)[0], "common-phrase")
    cue_line = line_of(tmp_path / "claims" / "vocabulary.yaml", "cues: [ships passed, first, total]")
    assert [(f["line"], f["column"]) for f in found] == [(cue_line, 26), (cue_line, 33)]
    assert "cue 'first' of ships is a function word" in found[0]["message"]
    assert "cue 'total' of ships stands in the fixed phrase 'In total' at alpha:3" in found[1]["message"]


def test_a_cue_outside_fixed_phrases_is_not_common(run, tmp_path):
    alpha = ALPHA + "In total, forty keepers served there.\n"  # 'total' is no cue here
    make(tmp_path, alpha=alpha)
    assert only(lint(run, tmp_path)[0], "common-phrase") == []


# --- 5. plan-as-fact -----------------------------------------------------------------------

PLANNED = """\
  - id: tarn-light.lit
    statement: The Tarn Light was lit in 1875.
    subject: tarn-light
    property: lit
    type: year
    value: 1875
    evidence:
      - source: beta
        quote: the new lamp of the Tarn Light is expected to be lit in 1875
"""


def test_evidence_that_states_the_value_as_a_plan_is_plan_as_fact(run, tmp_path):
    beta = BETA + "In 1870 the new lamp of the Tarn Light is expected to be lit in 1875.\n"
    make(tmp_path, claims=LIT + PLANNED, beta=beta)
    found, code = lint(run, tmp_path)
    [finding] = only(found, "plan-as-fact")
    facts = tmp_path / "claims" / "facts.yaml"
    assert finding["path"] == "claims/facts.yaml"
    assert finding["line"] == line_of(facts, "- source: beta", "tarn-light.lit")
    assert (finding["severity"], finding["claim"], code) == ("warning", "tarn-light.lit", 0)
    assert "@beta states tarn-light.lit's value only as a plan" in finding["message"]


def test_a_claim_that_says_plan_true_is_no_plan_as_fact(run, tmp_path):
    beta = BETA + "In 1870 the new lamp of the Tarn Light is expected to be lit in 1875.\n"
    make(tmp_path, claims=LIT + PLANNED.replace("    value: 1875\n", "    value: 1875\n    plan: true\n"), beta=beta)
    assert only(lint(run, tmp_path)[0], "plan-as-fact") == []


# --- 6. exact-bound ------------------------------------------------------------------------

SHIPS = """\
  - id: marrow-light.ships
    statement: More than 100 ships passed the Marrow Light in 1900.
    subject: marrow-light
    property: ships
    type: number
    value: {value}
    evidence:
      - source: alpha
        quote: {quote}
"""


@pytest.mark.parametrize("quote, bound", [("more than 100 ships passed the Marrow Light", ">100"),
                                          ("at least 100 ships passed the Marrow Light", ">=100"),
                                          ("up to 100 ships passed the Marrow Light", "<=100")])
def test_a_point_value_whose_evidence_states_a_bound_is_an_error(run, tmp_path, quote, bound):
    alpha = ALPHA + f"In 1900 {quote}.\n"
    make(tmp_path, claims=LIT + SHIPS.format(value=100, quote=quote), alpha=alpha)
    found, code = lint(run, tmp_path)
    [finding] = only(found, "exact-bound")
    facts = tmp_path / "claims" / "facts.yaml"
    assert finding["line"] == line_of(facts, "- source: alpha", "marrow-light.ships")
    assert (finding["severity"], finding["claim"], code) == ("error", "marrow-light.ships", 1)
    assert f"@alpha says '{quote.split(' ships')[0]}': write the value as '{bound}'" in finding["message"]


def test_a_bound_written_as_a_bound_is_no_exact_bound(run, tmp_path):
    quote = "more than 100 ships passed the Marrow Light"
    make(tmp_path, claims=LIT + SHIPS.format(value='">100"', quote=quote), alpha=ALPHA + f"In 1900 {quote}.\n")
    assert lint(run, tmp_path) == ([], 0)


# --- 7. contradicting-claims, dispute-is-evidence ------------------------------------------

LIT_LATER = """\
  - id: marrow-light.lit-again
    statement: The Marrow Point Lighthouse was lit in 1875.
    subject: marrow-light
    property: lit
    type: year
    value: 1875
    evidence:
      - source: beta
        quote: the Marrow Point Lighthouse was lit in 1875
"""


def test_two_claims_of_one_fact_with_different_values_contradict(run, tmp_path):
    beta = BETA + "Some say the Marrow Point Lighthouse was lit in 1875.\n"
    make(tmp_path, claims=LIT + LIT_LATER, beta=beta)
    found, code = lint(run, tmp_path)
    [finding] = only(found, "contradicting-claims")
    assert finding["line"] == line_of(tmp_path / "claims" / "facts.yaml", "id: marrow-light.lit-again")
    assert (finding["severity"], finding["claim"], code) == ("error", "marrow-light.lit-again", 1)
    assert "marrow-light.lit-again (1875) contradicts marrow-light.lit (1871)" in finding["message"]


def test_claims_at_different_times_or_recording_a_plan_do_not_contradict(run, tmp_path):
    beta = BETA + "Some say the Marrow Point Lighthouse was lit in 1875.\n"
    make(tmp_path, claims=LIT + LIT_LATER.replace("    value: 1875\n", "    value: 1875\n    plan: true\n"), beta=beta)
    assert only(lint(run, tmp_path)[0], "contradicting-claims") == []
    members = """\
  - id: lamp-network.lights.{year}
    statement: In {year} the network's lights were {names}.
    subject: lamp-network
    property: lights
    type: entity-set
    value: [{ids}]
    as_of: {year}
    evidence:
      - source: alpha
        quote: In {year} the lights were {names}
"""
    claims = members.format(year=1901, names="the Marrow Light", ids="marrow-light") + \
        members.format(year=1911, names="the Marrow Light and the Tarn Light", ids="marrow-light, tarn-light")
    alpha = ALPHA + "In 1901 the lights were the Marrow Light.\nIn 1911 the lights were the Marrow Light and the " \
                    "Tarn Light.\n"
    make(tmp_path, claims=claims, alpha=alpha)
    assert lint(run, tmp_path) == ([], 0)


def test_a_dispute_that_is_the_evidence_of_the_same_fact_is_an_error(run, tmp_path):
    claims = """\
  - id: tarn-light.joined
    statement: The Tarn Light joined the Coastal Lamp Network in 1910.
    subject: tarn-light
    property: joined
    type: year
    value: 1910
    evidence:
      - source: beta
        quote: the Tarn Light joined the network in 1910
    disputed_by:
      - source: alpha
        quote: In 1905 the lights were the Marrow Light and the Tarn Light
        note: Arden has the Tarn Light in the network by 1905.
  - id: lamp-network.lights.1905
    statement: In 1905 the network's lights were the Marrow Light and the Tarn Light.
    subject: lamp-network
    property: lights
    type: entity-set
    value: [marrow-light, {other}]
    as_of: 1905
    evidence:
      - source: alpha
        quote: In 1905 the lights were the Marrow Light and the Tarn Light
"""
    alpha = ALPHA + "In 1905 the lights were the Marrow Light and the Tarn Light.\n"
    beta = BETA + "Bell says the Tarn Light joined the network in 1910.\n"
    make(tmp_path, claims=claims.format(other="tarn-light"), alpha=alpha, beta=beta)
    found, code = lint(run, tmp_path)
    [finding] = only(found, "dispute-is-evidence")
    facts = tmp_path / "claims" / "facts.yaml"
    assert finding["line"] == line_of(facts, "- source: alpha", "tarn-light.joined")
    assert (finding["severity"], finding["claim"], code) == ("error", "tarn-light.joined", 1)
    assert "tarn-light.joined" in finding["message"] and "lamp-network.lights.1905" in finding["message"]

    entities = ENTITIES + "  - id: dunmore-light\n    name: Dunmore Light\n    kind: lighthouse\n"
    make(tmp_path, entities=entities, claims=claims.format(other="dunmore-light"), alpha=alpha, beta=beta)
    assert only(lint(run, tmp_path)[0], "dispute-is-evidence") == []  # that passage is not about the Tarn Light

    both_sides = claims.format(other="tarn-light") + """\
    disputed_by:
      - source: beta
        quote: the Tarn Light joined the network in 1910
        note: Bell has the Tarn Light join only in 1910.
"""
    make(tmp_path, claims=both_sides, alpha=alpha, beta=beta)
    assert only(lint(run, tmp_path)[0], "dispute-is-evidence") == []  # one disagreement, recorded on both sides


# --- 8. undocumented-dispute ---------------------------------------------------------------


def test_a_note_naming_a_source_no_entry_records_is_an_undocumented_dispute(run, tmp_path):
    claims = LIT.replace("      - source: beta\n        quote: the Marrow Point Lighthouse was lit in 1871\n", "") + \
        "    note: beta has the light lit in 1875.\n"
    make(tmp_path, claims=claims)
    [finding] = only(lint(run, tmp_path)[0], "undocumented-dispute")
    assert finding["line"] == line_of(tmp_path / "claims" / "facts.yaml", "id: marrow-light.lit")
    assert (finding["severity"], finding["claim"]) == ("warning", "marrow-light.lit")
    assert "@beta" in finding["message"]


def test_a_note_naming_its_own_evidence_is_fine(run, tmp_path):
    make(tmp_path, claims=LIT + "    note: alpha and beta agree; alphabet soup is no source id.\n")
    assert lint(run, tmp_path) == ([], 0)


def test_a_markdown_note_that_calls_a_claim_disputed_needs_disputed_by(run, tmp_path):
    make(tmp_path)
    notes = "# Notes\n\n- `marrow-light.lit`: the sources disagree about the year.\n- `marrow-light.lit` is sound.\n"
    write(tmp_path / "claims" / "notes.md", notes)
    [finding] = only(lint(run, tmp_path)[0], "undocumented-dispute")
    assert (finding["path"], finding["line"], finding["column"]) == ("claims/notes.md", 3, 3)
    assert finding["claim"] == "marrow-light.lit"

    disputed = LIT + "    disputed_by:\n      - source: beta\n        quote: Bell writes\n"
    make(tmp_path, claims=disputed)
    assert only(lint(run, tmp_path)[0], "undocumented-dispute") == []


# --- output --------------------------------------------------------------------------------


def test_text_output_is_one_line_per_finding_in_path_and_line_order(run, tmp_path):
    beta = BETA + "Some say the Marrow Point Lighthouse was lit in 1875.\n"
    entities = ENTITIES.replace("      - Marrow Light\n", "      - Marrow Light\n      - old light\n")
    make(tmp_path, entities=entities, claims=LIT + LIT_LATER, beta=beta)
    result = run("claims", "--check", cwd=tmp_path)
    lines = result.out.splitlines()
    assert [re.match(r"(claims/\w+\.yaml):(\d+):\d+: (\w+): .* \[([\w-]+)\]$", line).groups() for line in lines] == [
        ("claims/facts.yaml", str(line_of(tmp_path / "claims" / "facts.yaml", "marrow-light.lit-again")), "error",
         "contradicting-claims"),
        ("claims/vocabulary.yaml", str(line_of(tmp_path / "claims" / "vocabulary.yaml", "old light")), "warning",
         "generic-alias"),
    ]
    assert result.code == 1 and result.err == ""
    only_one = run("claims", "marrow-light.lit", "--check", cwd=tmp_path)
    assert (only_one.code, only_one.out) == (0, "")  # that claim has no findings of its own


def test_json_output_has_every_field(run, tmp_path):
    make(tmp_path, entities=ENTITIES.replace("      - Marrow Light\n", "      - Marrow Light\n      - old light\n"))
    result = run("claims", "--check", "--format", "json", cwd=tmp_path)
    data = result.json()
    assert data["version"] == 1
    [finding] = data["findings"]
    assert set(finding) == {"path", "line", "column", "severity", "rule", "message", "claim"}
    assert finding["claim"] is None


def test_the_library_returns_frozen_findings_in_order(tmp_path):
    beta = BETA + "Some say the Marrow Point Lighthouse was lit in 1875.\n"
    make(tmp_path, claims=LIT + LIT_LATER, beta=beta)
    findings = check_registry(open_project(start=tmp_path), tmp_path)
    assert [type(f) for f in findings] == [Finding]
    assert findings[0].severity is Severity.ERROR and findings[0].path == "claims/facts.yaml"
    with pytest.raises(AttributeError):
        findings[0].line = 1  # type: ignore[misc]


# --- the shipped registry ------------------------------------------------------------------


def test_the_shipped_registry_is_clean(run):
    result = run("claims", "--check", cwd=REPO)
    assert (result.code, result.out) == (0, ""), result.out
