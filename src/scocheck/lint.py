"""`check`: lint a draft's sentences against the registry and the corpus.

Each sentence is read like a `cite` question (subject, property, value) and
its citations are checked against what the cited sources state. Rules have a
stable id, a default severity (overridable in configuration) and an
explanation (`scocheck explain RULE`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import values
from .cite import FactVerdict, Verdict, cite, dissents
from .corpus import Mention, Source
from .drafts import MAX_NESTING, Draft, Sentence
from .index import Index
from .judge import Judge
from .mentions import Vocabulary, compare
from .reading.lexicon import english
from .verdicts import Agreement, CiteVerdict, Severity, Stance

SEVERITIES = (Severity.INFO, Severity.WARNING, Severity.ERROR)  # least to most serious
OFF = "off"  # a rule's setting in [rules] that silences it: not a severity


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    explanation: str


RULES = {
    rule.id: rule
    for rule in (
        Rule("contradicts-registry", Severity.ERROR, "a sentence states a value the registry contradicts",
             "The sentence names a registered subject and property (through the registry's aliases and cue\n"
             "words) and states a value that disagrees with the registered claim's value at the same time.\n"
             "The message names the claim, its value and the sources that state it. Fix the value, or, if\n"
             "the registry is wrong, fix the registry."),
        Rule("contradicted-by-corpus", Severity.WARNING, "the corpus contradicts a sentence no claim covers",
             "No registered claim covers the sentence's fact, but passages of the corpus state a different\n"
             "value for the same subject and property, and none states the sentence's value. Check the\n"
             "sources named, and consider registering the fact."),
        Rule("citation-unsupported", Severity.ERROR, "a citation to a source that does not state the sentence's fact",
             "The sentence cites a source (Pandoc [@key]) that does not state its fact, while the corpus\n"
             "speaks to it. The message names the sources that do state it."),
        Rule("unknown-citation", Severity.ERROR, "a citation key that is not in sources.yaml",
             "A Pandoc citation key does not match any source id in corpus/sources.yaml. Fix the key or\n"
             "add the source."),
        Rule("disputed-unacknowledged", Severity.WARNING, "a fact the sources dispute, stated without saying so",
             "The sources disagree about this fact and the sentence states one side without acknowledging\n"
             "the other (words such as 'disputed', 'according to', 'sources differ'). The message names\n"
             "both sides; say that sources differ, or silence this line with\n"
             "<!-- scocheck: ignore disputed-unacknowledged --> on the line before."),
        Rule("unread-text", Severity.WARNING, "text nested too deeply to read, so not checked",
             "Block quotes or lists nest more deeply here than scocheck reads (see drafts.MAX_NESTING),\n"
             "so what they hold is not checked at all. Flatten the nesting."),
        Rule("uncited-fact", Severity.INFO, "a checkable fact with no citation",
             "The sentence states a fact the corpus speaks to, but cites no source. With\n"
             "--require-citations this is a warning."),
    )
}

@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    claim: str | None = None
    evidence: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Settings:
    severities: dict  # rule id -> severity (its word) or OFF
    require_citations: bool = False
    # words that say a sentence knows the sources differ (reading/data/english.yaml: acknowledging_words)
    acknowledging: tuple[str, ...] = field(default_factory=lambda: english().acknowledging_words)


def check_draft(draft: Draft, vocab: Vocabulary, index: Index, sources: dict[str, Source],
                settings: Settings, judge: Judge | None = None, read: list | None = None) -> list[Diagnostic]:
    """The draft's findings. With a judge (judge.Judge) and each sentence's statements (`read`, in the
    order of draft.sentences: judge.read_sentences), every fact of a sentence is judged, not only
    the registered one."""
    found = []
    unread = settings.severities.get("unread-text", RULES["unread-text"].severity)
    if unread != OFF:
        found += [Diagnostic(draft.path, line, 1, Severity(unread), "unread-text",
                             f"block quotes or lists nest more than {MAX_NESTING} levels deep here: "
                             "what they hold is not read or checked") for line in draft.unread]
    for i, sentence in enumerate(draft.sentences):
        result = cite(sentence.text, vocab, index, judge, read[i] if read is not None else ())
        for rule, message, claim, evidence in _findings(sentence, result, vocab, sources, settings):
            severity = settings.severities.get(rule, RULES[rule].severity)
            if rule == "uncited-fact" and settings.require_citations and severity == Severity.INFO:
                severity = Severity.WARNING
            if severity == OFF or rule in sentence.ignored:
                continue
            severity = Severity(severity)  # a configured severity is a word of the settings file
            found.append(Diagnostic(draft.path, sentence.line, sentence.column, severity, rule, message, claim,
                                    tuple(evidence)))
    return found


def _findings(sentence: Sentence, result: Verdict, vocab: Vocabulary, sources: dict[str, Source],
              settings: Settings):
    for citation in sentence.citations:
        if citation.key not in sources:
            yield "unknown-citation", f"unknown citation key '@{citation.key}' (not in sources.yaml)", None, []
    says_so = _acknowledges(sentence.text, settings.acknowledging)
    for fact in result.facts:
        yield from _fact_findings(fact, vocab, says_so)
    # a sentence that says the sources differ about a disputed fact may cite either side
    acknowledged = says_so and any(f.verdict == CiteVerdict.DISPUTED or _registered_dispute(f, vocab)
                                   for f in result.facts)
    every = [f for f in result.facts if f.verdict != CiteVerdict.NOT_FOUND]
    if not every:
        return
    for citation in [c for c in sentence.citations if c.key in sources]:
        spoken = [f for f in _cited_by(citation, sentence.citations, result.facts) if f.verdict != CiteVerdict.NOT_FOUND]
        if not spoken:
            continue  # the corpus speaks to none of the facts this citation stands for
        supporting = [e for f in spoken for e in f.evidence if e.stance == Stance.SUPPORTS]
        against = [e for f in spoken for e in f.evidence if e.stance == Stance.CONTRADICTS]
        claim = next((f.claims[0].id for f in spoken if f.claims), None)
        stating = sorted({e.mention.source for e in supporting})
        fine = set(stating) | ({e.mention.source for e in against} if acknowledged else set())
        if citation.key not in fine:
            its_own = [e for e in against if e.mention.source == citation.key]
            planned = [e for f in spoken for e in f.evidence if e.stance == Stance.PLAN and e.mention.source == citation.key]
            fact = next((f for f in spoken if any(e in f.evidence for e in its_own + planned)), spoken[0])
            yield ("citation-unsupported", _unsupported(citation.key, fact.value, its_own, planned, stating), claim,
                   [e.mention for e in supporting] + [e.mention for e in its_own + planned])
    supporting = [e for f in every for e in f.evidence if e.stance == Stance.SUPPORTS]
    if not sentence.citations and supporting:
        stating = sorted({e.mention.source for e in supporting})
        claim = next((f.claims[0].id for f in every if f.claims), None)
        yield ("uncited-fact", f"cites no source; sources that state it: {', '.join('@' + s for s in stating)}",
               claim, [e.mention for e in supporting])


def _cited_by(citation, citations, facts: list) -> list:
    """The facts a citation stands for: those the sentence states after the citation before it and
    before this one ("X in 1991 [@a], and Y in 1996 [@b]"); every fact, when none lies there (a
    citation that opens the sentence)."""
    if citation.at is None:
        return facts
    before = max((c.at for c in citations if c.at is not None and c.at < citation.at), default=-1)
    mine = [f for f in facts if before < f.value.start < citation.at]
    return mine or facts


def _fact_findings(fact: FactVerdict, vocab: Vocabulary, says_so: bool):
    """One fact's findings: a registered claim it contradicts, else a corpus that contradicts it; a
    dispute, unless the sentence says the sources differ (says_so)."""
    supporting = [e for e in fact.evidence if e.stance == Stance.SUPPORTS]
    against = [e for e in fact.evidence if e.stance == Stance.CONTRADICTS]
    contradicted_claim = _contradicted_claim(fact, vocab)
    if contradicted_claim is not None:
        claim = contradicted_claim
        named = ", ".join(sorted({q.source for q in claim.evidence}))
        yield ("contradicts-registry", f"says {fact.value.canonical}, but {claim.id} is {claim.value.canonical} ({named})",
               claim.id, [e.mention for e in against])
    elif fact.verdict == CiteVerdict.CONTRADICTED:  # no claim covers it (or none at the sentence's time)
        yield ("contradicted-by-corpus", f"says {fact.value.canonical}; the corpus says {_sides(against)}", None,
               [e.mention for e in against])
    registered = None if fact.verdict == CiteVerdict.DISPUTED else _registered_dispute(fact, vocab)
    if says_so or (fact.verdict != CiteVerdict.DISPUTED and registered is None):
        return
    if registered is None:
        yield ("disputed-unacknowledged", f"sources disagree: {_sides(supporting)} against {_sides(against)}; say so",
               fact.claims[0].id if fact.claims else None, [e.mention for e in fact.evidence])
    else:
        dissent = ", ".join(sorted({q.source for q in registered.disputed_by}))
        yield ("disputed-unacknowledged",
               f"sources disagree ({registered.id}): {_sides(supporting)} against {dissent}; say so",
               registered.id, [e.mention for e in supporting])


def _contradicted_claim(fact: FactVerdict, vocab: Vocabulary):
    """The registered claim the fact's value disagrees with, at the fact's time, if any."""
    timely = [c for c in fact.claims if c.type == fact.value.type and _same_time(c, fact.time)]
    if not timely or any(compare(c, fact.value, vocab.registry) == Agreement.AGREE for c in timely):
        return None
    return next((c for c in timely if compare(c, fact.value, vocab.registry) == Agreement.DISAGREE), None)


def _registered_dispute(fact: FactVerdict, vocab: Vocabulary):
    """A claim the fact agrees with whose registry entry records sources that dispute it.

    The registry is the authority on disputes: a dissenting passage may say
    "the only permanent body" without a value the reader can compare. A dissent that states only a
    plan ("set to join in 2015") disputes nothing that happened.
    """
    return next((c for c in fact.claims if c.type == fact.value.type and _same_time(c, fact.time)
                 and compare(c, fact.value, vocab.registry) == Agreement.AGREE and dissents(c, vocab)), None)


def _same_time(claim, time) -> bool:
    if claim.as_of is None or time is None:
        return True
    return values.compare(values.as_type(claim.as_of, "year"), values.as_type(time, "year")) == Agreement.AGREE


def _unsupported(key: str, value, against, planned, stating: list[str]) -> str:
    said = sorted({e.value.canonical for e in against})
    plans = sorted({e.value.canonical for e in planned})
    message = f"@{key} says {', '.join(said)}, not {value.canonical}" if said else \
        f"@{key} states {', '.join(plans)} only as a plan" if plans else f"@{key} does not state this"
    return message + (f"; sources that state it: {', '.join('@' + s for s in stating)}" if stating else "")


def _sides(evidence) -> str:
    by_value: dict[str, list[str]] = {}
    for item in evidence:
        by_value.setdefault(item.value.canonical, []).append(item.mention.source)
    return "; ".join(f"{value} ({', '.join(sorted(set(s)))})" for value, s in by_value.items()) or "nothing"


def _acknowledges(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)
