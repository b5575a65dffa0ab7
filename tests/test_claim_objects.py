"""A claim may name the thing its subject acted on (`object`): "Norland joined the Harbour League
in 1995" is not contradicted, nor supported, by what Norland did to another body.

The corpus is made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write

SOURCES = """\
- id: annual
  file: annual.txt
  title: Harbour League Annual Report
  issued: 2019
"""

CORPUS = ("Norland joined the Harbour League in 1995.\n\n"
          "The Marsh Union was founded in 1998, and Norland joined it in 2001.\n")

REGISTRY = """\
entities:
  - {id: league, name: Harbour League, kind: organisation}
  - {id: union, name: Marsh Union, kind: organisation}
places:
  - {id: norland, name: Norland, kind: country}
properties:
  - id: joined
    cues: [joined]
claims:
  - id: norland.joined-league
    statement: Norland joined the Harbour League in 1995.
    subject: norland
    property: joined
    object: league
    type: year
    value: 1995
    evidence:
      - source: annual
        quote: Norland joined the Harbour League in 1995.
"""


@pytest.fixture
def league(tmp_path: Path) -> Path:
    write(tmp_path / "corpus" / "sources.yaml", SOURCES)
    write(tmp_path / "corpus" / "annual.txt", CORPUS)
    write(tmp_path / "claims" / "league.yaml", REGISTRY)
    return tmp_path


@pytest.mark.parametrize("sentence, expected", [
    ("Norland joined the Harbour League in 1995.", "supported"),
    ("Norland joined the Harbour League in 1999.", "contradicted"),
    ("Norland joined the Marsh Union in 1999.", "not_found"),  # another body: not this claim's fact
])
def test_cite_judges_a_claim_by_what_its_subject_acted_on(run, league, sentence, expected):
    result = run("cite", sentence, "--format", "json", cwd=league)
    assert result.code == 0, result.err
    assert result.json()["verdict"] == expected


def test_verify_does_not_read_what_the_subject_did_to_another_body_as_the_claims_value(run, league):
    """Without the object, "Norland joined it in 2001" (the Marsh Union) contradicts the claim."""
    result = run("verify", "--format", "json", cwd=league)
    assert result.code == 0, result.out
    assert [c["status"] for c in result.json()["claims"]] == ["ok"]


def test_an_object_the_registry_does_not_hold_is_refused(run, league):
    write(league / "claims" / "league.yaml", REGISTRY.replace("object: league", "object: customs-union"))
    result = run("verify", cwd=league)
    assert result.code == 2 and "unknown object 'customs-union'" in result.err
