"""Verify the registry against the corpus.

For every claim: each registered quote must be found in its source and state
the claim's value; every other statement of the claim's subject and property
in the corpus is compared with the value (the machinery of `conflicts`), and a
disagreeing one is a conflict, acknowledged when it overlaps a `disputed_by`
passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from .conflicts import ReadQuote, Stated, claim_statements
from .mentions import CorpusAnalysis
from .registry import Claim
from .scoring import LOW_CONFIDENCE
from .verdicts import Agreement, Status

STATUSES = (Status.OK, Status.DISPUTED, Status.BROKEN, Status.CONTRADICTED)  # the summary's order


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    status: Status
    evidence: tuple[ReadQuote, ...]
    conflicts: tuple[Stated, ...]
    problems: tuple[str, ...]  # broken disputed_by entries


def evidence_problem(read: ReadQuote) -> str | None:
    if read.found is None:
        return "quote not found in its source"
    if read.stated is None:
        return "quote states no value of the claim's type"
    if read.verdict != Agreement.AGREE:
        return f"quote states {read.stated.value.canonical}, not the claim's value"
    return None


def verify(analysis: CorpusAnalysis, min_confidence: float = LOW_CONFIDENCE) -> list[ClaimResult]:
    return [verify_claim(claim, analysis, min_confidence) for claim in analysis.vocab.registry.claims]


def verify_claim(claim: Claim, analysis: CorpusAnalysis, min_confidence: float = LOW_CONFIDENCE) -> ClaimResult:
    """Status of one claim; conflicts read less surely than min_confidence are left to `conflicts`."""
    registered, _, disagreeing = claim_statements(claim, analysis)
    evidence = tuple(registered[: len(claim.evidence)])
    problems = tuple(
        f"disputed_by {read.quote.source}: quote not found in its source"
        for read in registered[len(claim.evidence) :]
        if read.found is None
    )
    conflicts = tuple(s for s in disagreeing if s.acknowledged or s.confidence >= min_confidence)
    if problems or any(evidence_problem(read) for read in evidence):
        status = Status.BROKEN
    elif any(not c.acknowledged for c in conflicts):
        status = Status.CONTRADICTED
    elif conflicts:
        status = Status.DISPUTED
    else:
        status = Status.OK
    conflicts = tuple(sorted(conflicts, key=lambda c: (c.mention.source, c.mention.line, c.mention.start)))
    return ClaimResult(claim, status, evidence, conflicts, problems)


def summary(results: list[ClaimResult]) -> dict[str, int]:
    """{"claims": n} and the count of each status (keyed by the Status members, which are their words)."""
    counts = {"claims": len(results)} | {status: 0 for status in STATUSES}
    for result in results:
        counts[result.status] += 1
    return counts
