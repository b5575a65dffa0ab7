"""Evaluation of conflict discovery (issue 4), run in CI.

(a) For every claim with a year, number or place, a restatement of the fact
    built from the registry's own vocabulary (subject name, cue word, value) is
    inserted into a copy of the corpus: with the value changed it must be found
    as an unacknowledged conflict (>= 90% of claims); with the value unchanged
    it must produce no conflict at all.
(b) A sixth source written for this test, with facts that agree and facts
    that disagree with the corpus, gives exactly the planted disagreements.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from scocheck.conflicts import all_disagreements, registry_disagreements
from scocheck.project import open_project
from scocheck.registry import Claim, Registry

TYPES = ("year", "number", "place")


def cue_phrase(registry: Registry, claim: Claim) -> str:
    cues = registry.properties[claim.property].cues
    plain = [c for c in cues if not c.endswith("*")]
    return plain[0] if plain else cues[0].rstrip("*")


def value_text(registry: Registry, claim: Claim, changed: bool) -> str:
    if claim.type == "year":
        return str(int(claim.value.canonical) + (3 if changed else 0))
    if claim.type == "number":
        low, high = claim.value.low, claim.value.high
        if high == math.inf:  # a lower bound ("more than 100"): 203 lies inside it, 50 outside
            number = round(low) / 2 if changed else round(low) * 2 + 3
        elif claim.value.canonical.startswith("<"):  # an upper bound: half of it inside, twice it outside
            number = round(high) * 2 + 3 if changed else round(high) / 2
        else:
            number = low * 2 + 3 if changed else low
        return f"{number:,.0f}" if number == int(number) else f"{number:,}"
    if not changed:
        return claim.value.canonical
    others = [e for e in registry.entities.values() if e.is_place and e.name != claim.value.canonical
              and not registry.within(e.name, claim.value.canonical)
              and not registry.within(claim.value.canonical, e.name)]
    return sorted(others, key=lambda e: e.name)[len(claim.id) % len(others)].name


def restatement(registry: Registry, claim: Claim, changed: bool) -> str:
    subject = registry.entities[claim.subject].name
    sentence = f"The {subject} {cue_phrase(registry, claim)} {value_text(registry, claim, changed)}."
    if claim.as_of is not None:
        sentence = f"In {claim.as_of.canonical[:4]}, t" + sentence[1:]
    return sentence


def perturbed_copy(tmp: Path, changed: bool) -> tuple[Path, dict[str, str]]:
    """A copy of the project with one restatement per claim appended to its first source."""
    shutil.copytree(REPO / "corpus", tmp / "corpus")
    shutil.copytree(REPO / "claims", tmp / "claims")
    registry = open_project(start=tmp).registry
    inserted: dict[str, str] = {}
    additions: dict[str, list[str]] = {}
    for claim in registry.claims:
        if claim.type in TYPES and not claim.plan:  # a plan restated as what happened is no conflict
            sentence = restatement(registry, claim, changed)
            inserted[claim.id] = sentence
            additions.setdefault(claim.evidence[0].source, []).append(sentence)
    for source, sentences in additions.items():
        path = tmp / "corpus" / open_project(start=tmp).sources[source].file
        path.write_text(path.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    return tmp, inserted


@pytest.fixture(scope="module")
def baseline():
    analysis = open_project(start=REPO).analysis
    return {(d.claim, v) for d in registry_disagreements(analysis) for v, _ in d.positions[1:]}


def test_changed_restatements_are_found(tmp_path_factory):
    root, inserted = perturbed_copy(tmp_path_factory.mktemp("changed"), changed=True)
    analysis = open_project(start=root).analysis
    found = {}
    for d in registry_disagreements(analysis):
        for value, stated in d.positions[1:]:
            for s in stated:
                found.setdefault(d.claim, []).append(s.mention.quote)
    detected = [cid for cid, sentence in inserted.items()
                if any(sentence[:-1] in quote for quote in found.get(cid, []))]
    missed = sorted(set(inserted) - set(detected))
    rate = len(detected) / len(inserted)
    print(f"\nchanged restatements detected: {len(detected)}/{len(inserted)} = {rate:.1%}; missed: {missed}")
    assert len(inserted) >= 60
    assert rate >= 0.9, missed


def test_unchanged_restatements_raise_no_conflict(tmp_path_factory, baseline):
    root, inserted = perturbed_copy(tmp_path_factory.mktemp("unchanged"), changed=False)
    analysis = open_project(start=root).analysis
    new = []
    for d in registry_disagreements(analysis):
        for value, stated in d.positions[1:]:
            for s in stated:
                if any(sentence[:-1] in s.mention.quote for sentence in inserted.values()):
                    new.append((d.claim, value, s.mention.quote))
    print(f"\nunchanged restatements: {len(inserted)}, conflicts raised: {len(new)}")
    assert new == []


# --- (b) a sixth source ------------------------------------------------------------------

SIXTH = """\
A short history of the Shanghai Cooperation Organisation

The Shanghai Cooperation Organisation was established in 2001, replacing the Shanghai Five.
Its Regional Anti-Terrorist Structure was established in 2006 and has its headquarters in Almaty.
The Peace Mission 2014 exercise brought together some 7,000 troops.
The SCO Secretariat is located in Beijing.
By 2015 RATS was said to have prevented some 3,000 terrorist attacks.
"""
PLANTED = {("rats.established", "2006"), ("rats.location", "Almaty"), ("rats.attacks-prevented", "3000")}


def test_a_sixth_source_gives_exactly_the_planted_disagreements(tmp_path):
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    shutil.copytree(REPO / "claims", tmp_path / "claims")
    (tmp_path / "corpus" / "sixth.txt").write_text(SIXTH, encoding="utf-8")
    with open(tmp_path / "corpus" / "sources.yaml", "a", encoding="utf-8") as sources:
        sources.write("\n- id: sixth\n  file: sixth.txt\n  type: report\n  title: A short history\n  issued: 2016\n")
    found = set()
    for d in all_disagreements(open_project(start=tmp_path).analysis):
        for value, stated in d.positions:
            if any(s.mention.source == "sixth" for s in stated) and d.is_error:
                found.add((d.claim, value))
    print(f"\nsixth source: planted {sorted(PLANTED)}, found {sorted(found, key=str)}")
    assert found == PLANTED
