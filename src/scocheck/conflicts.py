"""Where the sources disagree.

Two ways in, one result shape (a `Disagreement`: one fact, each value with
every passage that states it):

- registry-driven: for each claim, every statement of its subject and
  property in the corpus (through aliases and cue words) compared with the
  claim's value, at the same time for time-varying properties;
- registry-free: passages that say the same thing in closely similar words
  (compared with their values masked) but with different values: a
  paraphrase that drifted. Candidate pairs come from shared rare words, so
  the cost grows with the corpus, not with its square.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import values
from .corpus import Document, Mention
from .match import Found, find_quote
from .mentions import CorpusAnalysis, Statement, compare, referencing_spans, same_time, values_of_type
from .registry import Claim, Quote
from .values import Value

LOW_CONFIDENCE = 0.5  # below this a disagreement is a hint, not an error


@dataclass(frozen=True)
class Stated:
    """A passage stating a value, with the value's span inside the quote (for highlighting)."""

    mention: Mention
    value: Value
    highlight: tuple[int, int] | None
    confidence: float = 1.0
    acknowledged: bool = False
    note: str | None = None
    modal: bool = False


@dataclass(frozen=True)
class Disagreement:
    claim: str | None
    subject: str | None
    property: str | None
    type: str
    confidence: float
    positions: tuple[tuple[str, tuple[Stated, ...]], ...]  # (canonical value, its passages)
    acknowledged: bool  # every dissenting passage is acknowledged in the registry
    suggestion: dict | None = None  # a registry entry to paste, for registry-free findings


# --- registry-driven ---------------------------------------------------------------


@dataclass(frozen=True)
class ReadQuote:
    """A registered quote located in its source, and the value it states (None when it states none)."""

    quote: Quote
    found: Found | None
    stated: Stated | None
    verdict: str  # agree | disagree | incomparable, against the claim's value


def read_quote(claim: Claim, quote: Quote, analysis: CorpusAnalysis, want: str) -> ReadQuote:
    """Find a quote and read the value it states, preferring one that `want`s ("agree"/"disagree")."""
    document = analysis.documents.get(quote.source)
    found = find_quote(document, quote.quote) if document is not None else None
    if found is None:
        return ReadQuote(quote, None, None, "incomparable")
    registry = analysis.vocab.registry
    if claim.type == "text":
        candidates = [Value("text", found.text, 0, 0)]
    else:
        candidates = values_of_type(found.text, claim, analysis.vocab)
    verdicts = [(v, compare(claim, v, registry)) for v in candidates]
    chosen = next(((v, d) for v, d in verdicts if d == want), None)
    chosen = chosen or next(((v, d) for v, d in verdicts if d != "incomparable"), None)
    if chosen is None:
        return ReadQuote(quote, found, None, "incomparable")
    value, verdict = chosen
    stated = Stated(found.mention, value, _highlight_in(found.mention.quote, found.text, value), note=quote.note)
    return ReadQuote(quote, found, stated, verdict)


def claim_statements(claim: Claim, analysis: CorpusAnalysis) -> tuple[list[ReadQuote], list[Stated], list[Stated]]:
    """What the corpus says about a claim's fact: (registered evidence, agreeing, disagreeing).

    Registered quotes count first (evidence agrees, disputed_by disagrees and is
    acknowledged); then every other statement in the corpus, compared with the
    claim's value. A statement overlapping a registered quote is not counted twice.
    """
    registry = analysis.vocab.registry
    evidence = [read_quote(claim, q, analysis, want="agree") for q in claim.evidence]
    disputes = [read_quote(claim, q, analysis, want="disagree") for q in claim.disputed_by]
    agreeing = [r.stated for r in evidence if r.stated is not None and r.verdict == "agree"]
    disagreeing = [replace(r.stated, acknowledged=True) for r in disputes if r.stated is not None and r.verdict == "disagree"]
    registered = [r.found.mention for r in (*evidence, *disputes) if r.found is not None]
    for statement in analysis.statements(claim):
        if not same_time(claim, statement):
            continue
        verdict = compare(claim, statement.value, registry)
        if verdict == "incomparable":
            continue
        stated = _stated_statement(statement, analysis)
        if any(_overlaps(stated.mention, other) for other in registered):
            continue
        (agreeing if verdict == "agree" else disagreeing).append(stated)
    return evidence + disputes, agreeing, disagreeing


def registry_disagreements(analysis: CorpusAnalysis, min_confidence: float = 0.0) -> list[Disagreement]:
    found = []
    for claim in analysis.vocab.registry.claims:
        _, agreeing, disagreeing = claim_statements(claim, analysis)
        disagreeing = [s for s in disagreeing if s.confidence >= min_confidence]
        if disagreeing:
            found.append(_disagreement(claim, agreeing, disagreeing))
    return found


def _disagreement(claim: Claim, agreeing: list[Stated], disagreeing: list[Stated]) -> Disagreement:
    positions: dict[str, list[Stated]] = {claim.value.canonical: list(agreeing)}
    for stated in disagreeing:
        positions.setdefault(stated.value.canonical, []).append(stated)
    ordered = tuple((value, tuple(sorted(items, key=_order))) for value, items in positions.items())
    confidence = max(s.confidence for s in disagreeing)
    return Disagreement(claim.id, claim.subject, claim.property, claim.type, round(confidence, 2), ordered,
                        all(s.acknowledged for s in disagreeing))


def _stated_statement(statement: Statement, analysis: CorpusAnalysis) -> Stated:
    passage = statement.passage
    document = analysis.documents[passage.source]
    mention = document.mention(passage.start, passage.end)
    return Stated(mention, statement.value, _highlight(document, mention, passage.start, statement.value),
                  statement.confidence, modal=statement.modal)


def _highlight(document: Document, mention: Mention, passage_start: int, value: Value) -> tuple[int, int] | None:
    if value.end <= value.start:
        return None
    raw_start, raw_end = document.norm.raw_span(passage_start + value.start, passage_start + value.end)
    if mention.start <= raw_start <= raw_end <= mention.end:
        return raw_start - mention.start, raw_end - mention.start
    return None


def _highlight_in(raw_quote: str, normalised: str, value: Value) -> tuple[int, int] | None:
    """Where a value read from normalised text stands in the raw quote, found by its surface text."""
    surface = normalised[value.start : value.end]
    position = raw_quote.find(surface) if surface else -1
    return (position, position + len(surface)) if position >= 0 else None


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


def _order(stated: Stated) -> tuple:
    return (stated.mention.source, stated.mention.line, stated.mention.start)
