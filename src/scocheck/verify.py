"""Verify the registry against the corpus.

For every claim: each registered quote must be found in its source and state
the claim's value; every other statement of the claim's subject and property
in the corpus is compared with the value, and a disagreeing one is a conflict,
acknowledged when it overlaps a `disputed_by` passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Mention
from .match import Found, find_quote
from .mentions import CorpusAnalysis, compare, same_time, values_of_type
from .registry import Claim, Quote
from .values import Value

STATUSES = ("ok", "disputed", "broken", "contradicted")
MIN_CONFIDENCE = 0.5  # conflicts read less surely than this are left to `scocheck conflicts`


@dataclass(frozen=True)
class QuoteCheck:
    quote: Quote
    found: Found | None
    value: Value | None  # the value the passage states (the agreeing one, when there is one)
    agrees: bool

    @property
    def problem(self) -> str | None:
        if self.found is None:
            return "quote not found in its source"
        if self.value is None:
            return "quote states no value of the claim's type"
        if not self.agrees:
            return f"quote states {self.value.canonical}, not the claim's value"
        return None


@dataclass(frozen=True)
class Conflict:
    mention: Mention
    value: Value
    acknowledged: bool
    confidence: float
    note: str | None = None


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    status: str
    evidence: tuple[QuoteCheck, ...]
    conflicts: tuple[Conflict, ...]
    problems: tuple[str, ...]  # broken disputed_by entries and the like


def verify(analysis: CorpusAnalysis, min_confidence: float = MIN_CONFIDENCE) -> list[ClaimResult]:
    return [verify_claim(claim, analysis, min_confidence) for claim in analysis.vocab.registry.claims]


def verify_claim(claim: Claim, analysis: CorpusAnalysis, min_confidence: float = MIN_CONFIDENCE) -> ClaimResult:
    evidence = tuple(_check_quote(claim, quote, analysis, want_agreement=True) for quote in claim.evidence)
    disputes = [_check_quote(claim, quote, analysis, want_agreement=False) for quote in claim.disputed_by]
    problems = [f"disputed_by {d.quote.source}: quote not found in its source" for d in disputes if d.found is None]

    conflicts = [
        Conflict(d.found.mention, d.value, True, 1.0, d.quote.note)
        for d in disputes
        if d.found is not None and d.value is not None and not d.agrees
    ]
    registered = [c.found.mention for c in (*evidence, *disputes) if c.found is not None]
    for statement in analysis.statements(claim):
        if not same_time(claim, statement) or compare(claim, statement.value, analysis.vocab.registry) != "disagree":
            continue
        if statement.confidence < min_confidence:
            continue
        mention = analysis.mention(statement.passage)
        if any(_overlaps(mention, other) for other in registered):
            continue  # the registry already says what this passage states
        conflicts.append(Conflict(mention, statement.value, False, statement.confidence))

    if any(check.problem for check in evidence) or problems:
        status = "broken"
    elif any(not c.acknowledged for c in conflicts):
        status = "contradicted"
    elif conflicts:
        status = "disputed"
    else:
        status = "ok"
    conflicts.sort(key=lambda c: (c.mention.source, c.mention.line))
    return ClaimResult(claim, status, evidence, tuple(conflicts), tuple(problems))


def _check_quote(claim: Claim, quote: Quote, analysis: CorpusAnalysis, want_agreement: bool) -> QuoteCheck:
    document = analysis.documents.get(quote.source)
    found = find_quote(document, quote.quote) if document is not None else None
    if found is None:
        return QuoteCheck(quote, None, None, False)
    if claim.type == "text":
        stated = [Value("text", found.text, 0, 0)]
    else:
        stated = values_of_type(found.text, claim, analysis.vocab)
    registry = analysis.vocab.registry
    verdicts = [(value, compare(claim, value, registry)) for value in stated]
    wanted = "agree" if want_agreement else "disagree"
    chosen = next((v for v, verdict in verdicts if verdict == wanted), None)
    if chosen is None:
        chosen = next((v for v, verdict in verdicts if verdict != "incomparable"), None)
    agrees = chosen is not None and compare(claim, chosen, registry) == "agree"
    return QuoteCheck(quote, found, chosen, agrees)


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


def summary(results: list[ClaimResult]) -> dict[str, int]:
    counts = {"claims": len(results)} | {status: 0 for status in STATUSES}
    for result in results:
        counts[result.status] += 1
    return counts
