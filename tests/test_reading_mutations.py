"""Mutation evaluation of the reading layer (issue 14), run in CI; prints its figures.

Every registered year, date, number and place claim is restated twice, each inserted as a paragraph into
the body of a copy of the corpus (in the middle of its first evidence source):

- in the claim's own words: its `statement`, with the value changed;
- in new words: the same fact rephrased by the rules below (the time moved to the front, the verb
  replaced by another of the same sense, the subject by another of its names).

With the value changed, the inserted line must be found as an unacknowledged conflict of that
claim at error level (the target is 90% of claims in each wording; FLOOR below says what is
reached); with the value unchanged, nothing at error level may be reported on it (a hint, below
LOW_CONFIDENCE, is not a finding).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO
from scocheck import values
from scocheck.conflicts import LOW_CONFIDENCE, all_disagreements
from scocheck.mentions import analyse_corpus, referencing_spans, vocabulary
from scocheck.project import open_project
from scocheck.reading.store import corpus_statements
from scocheck.registry import Claim

TYPES = ("year", "date", "number", "place")
# Issue 14 asks for 0.9 in each wording; with place claims the reading layer reaches 0.77 (own words)
# and 0.75 (new words) today (0.58 and 0.55 on years, dates and numbers alone before events, nominal
# events, places and measures were read). Until the target is met, these floors keep what is reached.
FLOOR = {"wording_own": 0.72, "new_words": 0.72}
# Rephrasings written for this test: a verb phrase and another of the same sense.
SYNONYMS = [
    (r"\bwas established\b", "was set up"), (r"\bwere established\b", "were set up"),
    (r"\bwas founded\b", "was established"), (r"\bwas created\b", "was founded"),
    (r"\bwas held\b", "took place"), (r"\bwere held\b", "took place"), (r"\btook place\b", "was held"),
    (r"\bsigned\b", "concluded"), (r"\bwas signed\b", "was concluded"), (r"\bwas adopted\b", "was signed"),
    (r"\bjoined\b", "was admitted to"), (r"\bwas granted\b", "received"), (r"\bgranted\b", "gave"),
    (r"\bproposed\b", "suggested"), (r"\bbegan\b", "started"), (r"\bwas launched\b", "was set up"),
]


def changed_text(claim: Claim) -> str:
    value = claim.value
    if claim.type == "year":
        return str(int(value.canonical[:4]) + 3)
    if claim.type == "date":
        year, rest = value.canonical[:4], value.canonical[4:]
        month = int(rest[1:3]) if len(rest) >= 3 else None
        months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
        day = int(rest[4:6]) if len(rest) >= 6 else None
        shifted = str(int(year) + 3)
        if month is None:
            return shifted
        return f"{months[month - 1]} {day}, {shifted}" if day else f"{months[month - 1]} {shifted}"
    number = float(value.canonical.split("-")[0])
    number = number * 2 + 3
    return f"{number:,.0f}" if number == int(number) else f"{number:,}"


def stated_value(claim: Claim) -> values.Value | None:
    """Where the claim's statement writes its value (the value agreeing with the claim)."""
    kind = "year" if claim.type == "year" else claim.type
    for value in reversed(values.extract(claim.statement)):  # the last: a year in a name comes first
        candidate = values.as_type(value, "year") if kind == "year" and value.type in ("year", "date") else value
        if values.compare(claim.value, candidate) == "agree" and value.type in (("year", "date") if kind in ("year", "date") else (kind,)):
            return value
    return None


def _place(claim: Claim, registry):
    return registry.entities.get(claim.value.canonical) or registry.by_name.get(claim.value.canonical)


def other_place(claim: Claim, registry):
    """Another registered place of the same kind, not named in the statement and neither within the
    claim's place nor holding it; one in the same larger place first ("Astana" for "Almaty")."""
    place = _place(claim, registry)
    places = [e for e in registry.entities.values() if e.kind == place.kind]
    order = places[places.index(place) + 1 :] + places[: places.index(place)]
    fits = [o for o in order if o.name not in claim.statement and not registry.within(o.name, place.name)
            and not registry.within(place.name, o.name)]
    return next((o for o in fits if set(o.part_of) & set(place.part_of)), fits[0] if fits else None)


def placed_elsewhere(claim: Claim, registry) -> str | None:
    """The statement with every name of its place replaced by another place's ("Almaty (Alma-Ata),
    Kazakhstan" -> "Astana, Kazakhstan"); a larger place it names that the other is not in goes."""
    place, other = _place(claim, registry), other_place(claim, registry)
    if place is None or other is None:
        return None
    names = "|".join(re.escape(n) for n in sorted(place.names, key=len, reverse=True))
    longer = [n for e in registry.entities.values() if e.id != place.id for n in e.names
              if re.search(rf"(?<!\w)(?:{names})(?!\w)", n)]  # "Shanghai Five" holds "Shanghai"
    def swap(match):
        inside = any(m.start() <= match.start() and match.end() <= m.end()
                     for n in longer for m in re.finditer(re.escape(n), claim.statement))
        return match.group(0) if inside else other.name
    places = "|".join(re.escape(n) for e in registry.entities.values() if e.is_place for n in e.names)
    pattern = rf"(?<!\w)(?:{names})(?!\w)(?: \((?:{names})\))?(?:, (?:{places})(?!\w))?"
    sentence = re.sub(pattern, swap, claim.statement)  # the larger place after it goes too ("Almaty, Kazakhstan")
    return sentence if sentence != claim.statement else None


def own_words(claim: Claim, changed: bool, registry=None) -> str | None:
    if claim.type == "place":
        moved = placed_elsewhere(claim, registry)
        return None if moved is None else moved if changed else claim.statement
    value = stated_value(claim)
    if value is None:
        return None
    text = changed_text(claim) if changed else claim.statement[value.start:value.end]
    return claim.statement[: value.start] + text + claim.statement[value.end :]


def new_words(claim: Claim, registry, changed: bool) -> str | None:
    """The fact rephrased: another name of the subject, a synonym of the verb, the time in front."""
    sentence = own_words(claim, changed, registry)
    if sentence is None:
        return None
    entity = registry.entities[claim.subject]
    others = [n for n in entity.aliases if n != entity.name and len(n) > 2]
    if others and entity.name in sentence:
        sentence = sentence.replace(entity.name, others[0], 1)
    for pattern, synonym in SYNONYMS:
        rewritten = re.sub(pattern, synonym, sentence, count=1)
        if rewritten != sentence:
            sentence = rewritten
            break
    moved = re.match(r"(?P<body>.+?),? in (?P<time>(?:[A-Z][a-z]+ )?(?:\d{1,2}, )?\d{4})\.$", sentence)
    if moved:
        body = moved["body"]
        body = "the" + body[3:] if body.startswith("The ") else body
        sentence = f"In {moved['time']}, {body}."
    return sentence


def perturbed_copy(tmp: Path, wording, changed: bool) -> tuple[Path, dict[str, tuple[str, str]]]:
    """A copy of the project with one restatement per claim inserted mid-way into its first source."""
    shutil.copytree(REPO / "corpus", tmp / "corpus")
    shutil.copytree(REPO / "claims", tmp / "claims")
    project = open_project(start=tmp)
    inserted: dict[str, tuple[str, str]] = {}
    by_source: dict[str, list[str]] = {}
    for claim in project.registry.claims:
        if claim.type not in TYPES or claim.plan or claim.value.canonical[:1] in "<>":
            continue  # a plan restated is no outcome; "more than 50" agrees with more than 100 whatever 50 becomes
        sentence = wording(claim, project.registry, changed)
        if sentence is None:
            continue
        source = claim.evidence[0].source
        inserted[claim.id] = (source, sentence)
        by_source.setdefault(source, []).append(sentence)
    for source, sentences in by_source.items():
        path = tmp / "corpus" / project.sources[source].file
        paragraphs = path.read_text(encoding="utf-8").split("\n\n")
        middle = len(paragraphs) // 2
        paragraphs[middle:middle] = sentences
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return tmp, inserted


def found_on_inserted_lines(folder: Path, inserted) -> tuple[set[str], set[str]]:
    """(claims whose inserted line is an unacknowledged conflict of theirs, claims with anything on it)."""
    project = open_project(start=folder)
    read = corpus_statements(project.documents, None, referencing_spans)
    analysis = analyse_corpus(project.documents, vocabulary(project.registry), read=read)
    found = all_disagreements(analysis)
    contradicted, touched = set(), set()
    for claim_id, (source, sentence) in inserted.items():
        for d in found:
            for _, stated in d.positions:
                for s in stated:
                    if s.mention.source != source or " ".join(sentence.split()) not in " ".join(s.mention.quote.split()):
                        continue
                    if s.confidence < LOW_CONFIDENCE:
                        continue
                    if d.claim is None or s in d.dissent:  # agreeing beside a claim's value is no report
                        touched.add(claim_id)
                    if d.claim == claim_id and not s.acknowledged and s in d.dissent:
                        contradicted.add(claim_id)
    return contradicted, touched


def wording_own(claim, registry, changed):
    return own_words(claim, changed, registry)


@pytest.mark.parametrize("wording", [wording_own, new_words], ids=["own words", "new words"])
def test_changed_restatements_are_found_on_the_inserted_line(tmp_path, wording):
    folder, inserted = perturbed_copy(tmp_path, wording, changed=True)
    contradicted, _ = found_on_inserted_lines(folder, inserted)
    missed = sorted(set(inserted) - contradicted)
    rate = len(contradicted) / len(inserted)
    print(f"\nreading mutations ({wording.__name__}): {len(contradicted)}/{len(inserted)} found ({rate:.2f}); "
          f"missed: {', '.join(missed)}")
    assert rate >= FLOOR[wording.__name__]


@pytest.mark.parametrize("wording", [wording_own, new_words], ids=["own words", "new words"])
def test_unchanged_restatements_raise_nothing(tmp_path, wording):
    folder, inserted = perturbed_copy(tmp_path, wording, changed=False)
    _, touched = found_on_inserted_lines(folder, inserted)
    print(f"\nreading mutations unchanged ({wording.__name__}): {len(touched)}/{len(inserted)} reported")
    assert not touched, sorted(touched)
