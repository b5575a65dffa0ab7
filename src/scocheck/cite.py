"""`cite`: does the corpus support a sentence, contradict it, or dispute it?

The sentence is read with the registry's vocabulary: the entity it is about
(aliases), the property (cue words) and the value it states. Candidate
passages come from the index: those naming the subject and carrying a cue of
the property, ranked by BM25 over the sentence's words. Each candidate is read
as a statement of that subject and property; a passage stating a compatible
value supports, one stating an incompatible value (same time, for facts that
change) contradicts, anything else is not evidence. Registered quotes of
matching claims count too. Topical overlap alone is never support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import values
from .corpus import Mention, Passage
from .index import Index, Row, any_of, phrase
from .judge import Judge, verdict_of, worst
from .match import Hit
from .mentions import (
    Statement, Vocabulary, analyse, compare, is_modal, read_statement, same_time, values_of_type,
)
from .reading.statements import Statement as ReadStatement
from .registry import Claim
from .scoring import BM25_CAP, LOW_CONFIDENCE, REGISTERED_SCORE
from .text import normalise
from .values import Value
from .verdicts import Agreement, CiteVerdict, Stance

_CANDIDATES = 200


@dataclass(frozen=True)
class Reading:
    """What a sentence says, in the registry's terms."""

    subject: str | None
    property: str | None
    type: str | None
    value: Value | None
    time: Value | None
    claims: tuple[Claim, ...]  # registry claims about the same subject and property


NO_READING = Reading(None, None, None, None, None, ())  # the registry cannot tell what the sentence states


@dataclass(frozen=True)
class ReadAs:
    """What was compared: a statement as read from the sentence or from a passage (`cite --explain`).

    how: "grammar" (the reading layer's subject, predicate and value), "registry" (a registered
    subject's name near a cue word of the property) or "registered quote" (a claim's own quote).
    """

    how: str
    subject: str
    predicate: str
    value: str
    time: str | None = None
    plan: bool = False
    claim: str | None = None  # the registered claim whose quote it is

    def as_json(self) -> dict:
        return {"how": self.how, "subject": self.subject, "predicate": self.predicate, "value": self.value,
                "time": self.time, "plan": self.plan, "claim": self.claim}


@dataclass(frozen=True)
class Evidence:
    mention: Mention
    stance: Stance
    value: Value
    score: float
    highlight: tuple[int, int] | None = None
    read: ReadAs | None = None  # the passage's statement that was compared


@dataclass(frozen=True)
class FactVerdict:
    """One fact of the sentence (a value it states), with its own verdict and evidence."""

    value: Value  # span in the sentence
    subject: str | None  # the registry entity it is about, else the subject as written in the sentence
    predicate: str | None  # the registry property it states, else the lemma governing the value
    verdict: CiteVerdict
    evidence: tuple[Evidence, ...]
    claims: tuple[Claim, ...] = ()  # registered claims of its subject and property (any time)
    time: Value | None = None  # the year a changing fact is stated for, when the sentence gives one
    read: tuple[ReadAs, ...] = ()  # how the sentence was read as stating it (registry, grammar, or both)


@dataclass(frozen=True)
class Verdict:
    text: str
    verdict: CiteVerdict  # the worst of the facts' verdicts
    reading: Reading
    evidence: tuple[Evidence, ...]
    facts: tuple[FactVerdict, ...] = ()

    @property
    def supporting_sources(self) -> list[str]:
        return list(dict.fromkeys(e.mention.source for e in self.evidence if e.stance == Stance.SUPPORTS))


def read_sentence(text: str, vocab: Vocabulary) -> Reading:
    """The subject, property and value a sentence states, as far as the registry can tell."""
    registry = vocab.registry
    passage = Passage("", 0, 0, len(text), text)
    analysis = analyse(passage, vocab)
    options = []
    for cue in analysis.cues:
        for prop in cue.keys:
            subject = _subject_for(analysis.names, cue, prop, vocab)
            if subject is not None:
                options.append((subject, prop, cue.token))
    if not analysis.cues:
        # No cue word at all: "RATS is in Tashkent" still says where, when a place is named.
        # Other values without a cue are too ambiguous to read ("employs 300 people").
        for hit in analysis.names:
            for claim in registry.claims:
                if claim.subject in hit.keys and claim.type == "place":
                    options.append((claim.subject, claim.property, hit.token))
    best: Reading | None = None
    for subject, prop, near in dict.fromkeys(options):
        reading = _reading(text, analysis, subject, prop, vocab, near)
        if reading.value is not None and (best is None or best.value is None or (reading.claims and not best.claims)):
            best = reading
        elif best is None:
            best = reading
    return best or NO_READING


def _subject_for(names: tuple[Hit, ...], cue: Hit, prop: str, vocab: Vocabulary) -> str | None:
    """The named thing the cue is about: the nearest known subject of the property, else the nearest non-place."""
    entities = vocab.registry.entities
    known = vocab.subjects_of.get(prop, frozenset())

    def distance(hit: Hit) -> int:
        return abs(hit.token - cue.token)

    subjects = [h for h in names if known.intersection(h.keys)]
    if subjects:
        nearest = min(subjects, key=distance)
        return next(k for k in nearest.keys if k in known)
    if known:
        # The registry records this property for other things, none named here: the sentence is
        # about something the registry does not know ("Turkey became a dialogue partner").
        return None
    others = [h for h in names if not entities[h.keys[0]].is_place]
    return min(others, key=distance).keys[0] if others else None


def _reading(text: str, analysis, subject: str, prop: str, vocab: Vocabulary, near: int) -> Reading:
    """The value of the kind the property's claims record that stands nearest the cue (token `near`):
    "Founded in 2001 ... (reported October 2015)" states 2001."""
    registry = vocab.registry
    claims = tuple(c for c in registry.claims if c.subject == subject and c.property == prop)
    if claims and all(c.object is not None for c in claims):
        # what the subject acted on decides which fact it is: joining the Marsh Union is not
        # joining the Harbour League
        named = {k for hit in analysis.names for k in hit.keys}
        claims = tuple(c for c in claims if c.object in named)
        if not claims:
            return Reading(subject, prop, None, None, None, ())
    types = [c.type for c in claims] or _likely_types(registry.properties[prop])
    for kind in dict.fromkeys(types):
        probe = _probe(subject, prop, kind, claims)
        stated = values_of_type(text, probe, vocab, analysis)
        if stated:
            nearest = min(stated, key=lambda v: abs(analysis.token_of(v.start) - near))
            value = nearest if kind != "year" else values.as_type(nearest, "year")
            time = _time_in(analysis, value) if registry.properties[prop].time_varying else None
            return Reading(subject, prop, kind, value, time, claims)
    return Reading(subject, prop, None, None, None, claims)


def _likely_types(prop) -> list[str]:
    """The value types to try for a property no claim of this subject records, most likely first."""
    if prop.type is not None:
        return [prop.type]
    if prop.time_varying:  # a year beside a changing fact is its time, not its value ("by 2009, 1 000 firms")
        return ["number", "money", "percent", "place", "entity-set", "date", "year"]
    return ["year", "date", "number", "money", "percent", "place", "entity-set"]


def _probe(subject: str, prop: str, kind: str, claims: tuple[Claim, ...]) -> Claim:
    """A claim-shaped question for the machinery that reads statements (about the object the
    claims name, where they name one)."""
    model = next((c for c in claims if c.type == kind), None)
    value = model.value if model is not None else Value(kind, "", 0, 0)
    objects = {c.object for c in claims}
    return Claim("query", "", subject, prop, kind, value, (), object=objects.pop() if len(objects) == 1 else None)


def _time_in(analysis, value: Value) -> Value | None:
    years = [v for v in analysis.values if v.type in ("year", "date") and (v.start, v.end) != (value.start, value.end)]
    return values.as_type(years[0], "year") if years else None


def cite(text: str, vocab: Vocabulary, index: Index, judge: Judge | None = None,
         statements: list[ReadStatement] = ()) -> Verdict:
    """The sentence judged fact by fact.

    The registry's reading (read_sentence) gives the registered fact and its quotes; with a judge
    (judge.Judge over the corpus's statements) and the sentence's own statements
    (reading.store.sentence_statements), every value the sentence states is judged against what the
    corpus states, by the comparison `conflicts` uses, and a statement that states a registered
    claim's fact (RegistryLinks.states_claim) is judged against the claim's quotes too. Where both
    read one value, their evidence is one fact's. The sentence's verdict is its worst fact's.
    """
    reading = read_sentence(text, vocab)
    if reading.value is not None and _read_otherwise(reading, statements, judge):
        reading = NO_READING
    facts: list[FactVerdict] = []
    if reading.subject is not None and reading.property is not None and reading.value is not None:
        facts.append(_registered_fact(text, reading.subject, reading.property, reading.type, reading.value,
                                      reading.time, reading.claims, vocab, index))
    if judge is not None:
        for fact in judge.facts(list(statements)):
            evidence = [_judged_evidence(c, judge.documents) for c in fact.evidence]
            same = next((i for i, f in enumerate(facts) if overlaps(f.value, fact.statement.value)), None)
            if same is None:
                found = _claim_reading(fact.statement, judge.links, vocab)
                facts.append(_registered_fact(text, *found, vocab, index) if found is not None else
                             FactVerdict(fact.statement.value, fact.statement.subject, fact.statement.predicate,
                                         CiteVerdict.NOT_FOUND, ()))
                same = len(facts) - 1
            facts[same] = replace(facts[same], evidence=tuple(_dedupe([*facts[same].evidence, *evidence])),
                                  read=(*facts[same].read, _grammar_read(fact.statement)))
    facts = [replace(f, evidence=tuple(sorted(f.evidence, key=lambda e: -e.score)),
                     verdict=verdict_of(e.stance for e in f.evidence)) for f in facts]
    evidence = sorted(_dedupe([e for f in facts for e in f.evidence], by_stance=True), key=lambda e: -e.score)
    return Verdict(text, worst(f.verdict for f in facts), reading, tuple(evidence), tuple(facts))


def _registered_fact(text: str, subject: str, prop: str, kind: str, value: Value, time: Value | None,
                     claims: tuple[Claim, ...], vocab: Vocabulary, index: Index) -> FactVerdict:
    """A fact of a registered subject and property: the claims' quotes and the passages read as stating it."""
    question = replace(_probe(subject, prop, kind, claims), value=value, as_of=time, statement=text)
    evidence = _dedupe(_registered(question, claims, vocab, index) + _statements(question, vocab, index))
    read = ReadAs("registry", subject, prop, value.canonical, time.canonical if time is not None else None)
    return FactVerdict(value, subject, prop, CiteVerdict.NOT_FOUND, tuple(evidence), claims, time, (read,))


def _grammar_read(statement: ReadStatement, shown: Value | None = None) -> ReadAs:
    """A statement of the reading layer, as `--explain` shows it: its subject as written (the link keys
    when the title stands in), the lemma that governs the value, the value and its time."""
    subject = statement.subject or ", ".join(statement.keys) or "?"
    return ReadAs("grammar", subject, statement.predicate, (shown or statement.value).canonical, statement.time,
                  statement.modal)


def _claim_reading(statement: ReadStatement, links, vocab: Vocabulary):
    """The registered fact a statement of the sentence states ("Mongolia became an observer in 2004":
    mongolia / observer-status-granted), as _registered_fact's arguments, or None: the subject and
    property of the claim it states most surely, every claim of that pair, the value in the claims'
    terms, and the statement's year for a changing fact."""
    registry = vocab.registry
    entities = links.entities_of(statement)
    ranked = [(links.states_claim(statement, c), c) for c in registry.claims if c.subject in entities]
    ranked = [r for r in ranked if r[0]]
    if not ranked:
        return None
    best = max(ranked, key=lambda r: r[0])[1]  # the first of the surest, in registry order
    claims = tuple(c for c in registry.claims if (c.subject, c.property) == (best.subject, best.property))
    time = values.parse("year", statement.time) if statement.time and \
        registry.properties[best.property].time_varying else None
    return best.subject, best.property, best.type, links.claim_value(statement, best), time, claims


def _read_otherwise(reading, statements, judge: Judge | None) -> bool:
    """The sentence's grammar reads the registry reading's value as what something else did ("The SCO's
    counter-terrorism centre was established in 2004" is not the SCO's establishment), as conflicts
    drops such a reading of the corpus (mentions.CorpusAnalysis.misread). Only a value a verb governs,
    or a count of another subject (a part is not the whole: "China sent 3,000 troops to the exercise",
    "Russia's contingent in the exercise numbered 1,000 troops"): a share or attribute of "the SCO's
    members" or "the Council's budget" is the owner's."""
    if judge is None:
        return False
    reads = [s for s in statements if overlaps(s.value, reading.value)]
    return bool(reads) and all(s.role in ("governed", "count") and
                               judge.links.reads_otherwise(s, reading.subject, reading.property) for s in reads)


def overlaps(a: Value, b: Value) -> bool:
    """Two values read from one sentence stand on the same words (one fact, read twice)."""
    return a.start < b.end and b.start < a.end


def _judged_evidence(compared, documents: dict) -> Evidence:
    """A corpus statement compared with a fact of the sentence, as the passage it stands in."""
    statement = compared.statement
    document = documents[statement.source]
    mention, highlight = document.quoted(document.passages[statement.passage], statement.value.start,
                                         statement.value.end)
    shown = replace(statement.value, canonical=f"{statement.value.canonical} {statement.unit}") \
        if statement.unit else statement.value
    return Evidence(mention, compared.stance, shown, compared.confidence, highlight, _grammar_read(statement, shown))


def _statements(question: Claim, vocab: Vocabulary, index: Index) -> list[Evidence]:
    """Passages naming the subject with a cue of the property, read as statements and compared."""
    registry = vocab.registry
    found = []
    for row, statement in _candidate_statements(question, vocab, index):
        if not same_time(question, statement):
            continue
        verdict = compare(question, statement.value, registry)
        if verdict == Agreement.INCOMPARABLE or _other_time(question, statement.time, verdict, vocab):
            continue
        surface = row.passage.text[statement.value.start : statement.value.end]
        score = round(statement.confidence * (1 + min(row.score, BM25_CAP) / BM25_CAP), 3)
        read = ReadAs("registry", statement.subject, statement.property, statement.value.canonical,
                      statement.time.canonical if statement.time is not None else None, statement.modal)
        found.append(Evidence(row.mention, Stance.PLAN if statement.modal else _stance(verdict), statement.value,
                              score, _highlight(row, surface), read))
    return found


def _candidate_statements(question: Claim, vocab: Vocabulary, index: Index) -> list[tuple[Row, Statement]]:
    """Indexed passages naming the subject with a cue of the property, read as its statements.

    The reading does not depend on the sentence's value (except for entity sets, whose kinds
    it uses) or time, so it is done once per question and index: a draft of many sentences
    about the same fact costs one reading of the corpus, not one per sentence.
    """
    key = ("statements", vocab, question.subject, question.property, question.type,
           question.value.canonical if question.type == "entity-set" else None)
    cached = index.memo.get(key)
    if cached is not None:
        return cached
    registry = vocab.registry
    aliases = [phrase(n) for n in registry.entities[question.subject].names]
    cues = [phrase(c.rstrip("*"), prefix=c.endswith("*")) for c in registry.properties[question.property].cues]
    found = []
    for row in index.search(f"{any_of(aliases)} AND {any_of(cues)}", _CANDIDATES):
        analysis = index.memo.get(("analysis", vocab, row.passage))
        if analysis is None:
            analysis = index.memo[("analysis", vocab, row.passage)] = analyse(row.passage, vocab)
        statement = read_statement(analysis, question, vocab, row.year)
        if statement is not None and statement.confidence >= LOW_CONFIDENCE:
            found.append((row, statement))
    index.memo[key] = found
    return found


def _registered(question: Claim, claims: tuple[Claim, ...], vocab: Vocabulary, index: Index) -> list[Evidence]:
    """Quotes the registry links to matching claims (at the question's time), with the value each states."""
    found = []
    for claim in claims:
        if claim.as_of is not None and question.as_of is not None and values.compare(
                values.as_type(claim.as_of, "year"), values.as_type(question.as_of, "year")) != Agreement.AGREE:
            continue
        for row, value, highlight, planned, dated in _registered_values(claim, vocab, index):
            verdict = compare(question, value, vocab.registry)
            if verdict == Agreement.INCOMPARABLE:
                continue
            if not claim.disputed_by and dated and _other_time(question, claim.as_of, verdict, vocab):
                continue  # a recorded dispute says its quotes speak of one fact, whatever their times
            read = ReadAs("registered quote", claim.subject, claim.property, value.canonical,
                          claim.as_of.canonical if claim.as_of is not None else None, planned, claim.id)
            found.append(Evidence(row.mention, Stance.PLAN if planned else _stance(verdict), value,
                                  round(REGISTERED_SCORE + min(row.score, BM25_CAP) / (2 * BM25_CAP), 3), highlight,
                                  read))
    return found


def _registered_values(claim: Claim, vocab: Vocabulary,
                       index: Index) -> list[tuple[Row, Value, tuple[int, int] | None, bool, bool]]:
    """Each of a claim's quotes found in the index, with the value it states, whether it states it as a
    plan, and whether it gives a time (a quote that gives none is as of its source's issue, as a
    passage's statement is: judge.Judge.judge) (read once per index)."""
    key = ("registered", vocab, claim.id)
    cached = index.memo.get(key)
    if cached is not None:
        return cached
    found = []
    for quote in (*claim.evidence, *claim.disputed_by):
        row = index.find_passage(quote.source, quote.quote)
        if row is None:
            continue
        text = normalise(quote.quote).text
        stated, planned = quoted_value(text, claim, vocab, dissent=quote not in claim.evidence)
        if quote in claim.evidence:
            value = claim.value  # verify proves an evidence quote states the claim's value
        elif stated is None:
            continue
        else:
            value = stated
        dated = any(values.family(v.type) == "time" for v in values.extract(text))
        found.append((row, value, _highlight(row, text[value.start:value.end]), planned, dated))
    index.memo[key] = found
    return found


def quoted_value(text: str, claim: Claim, vocab: Vocabulary, dissent: bool) -> tuple[Value | None, bool]:
    """The value a quote states for the claim (one it disagrees with, for a dissent), and whether it
    states it as a plan (every evidence quote of a claim that records a plan does)."""
    wanted = Agreement.DISAGREE if dissent else Agreement.AGREE
    stated = next((v for v in values_of_type(text, claim, vocab) if compare(claim, v, vocab.registry) == wanted), None)
    return stated, stated is not None and ((claim.plan and not dissent) or _planned(text, stated, claim, vocab))


@lru_cache(maxsize=1024)
def dissents(claim: Claim, vocab: Vocabulary) -> tuple:
    """The claim's disputed_by quotes but those that state the other value only as a plan ("set to
    become members at the July 2015 summit" disputes no joining in 2017)."""
    return tuple(q for q in claim.disputed_by if not quoted_value(normalise(q.quote).text, claim, vocab, True)[1])


def _planned(text: str, value: Value, claim: Claim, vocab: Vocabulary) -> bool:
    """The quote states the value as a plan, expectation or proposal, read as the corpus's statements
    are (mentions.is_modal): a modality word between the value and the nearest cue of the claim's
    property, or just before them ("In 2010, Kazakhstan will become the first to chair"). A quote with
    no cue of the property (verify proved it states the value) is a plan when a modality word stands
    before the value in its sentence ("are set to become members at the 2015 summit")."""
    analysis = analyse(Passage("", 0, 0, len(text), text), vocab)
    cues = [h for h in analysis.cues if claim.property in h.keys]
    if cues:
        at = analysis.token_of(value.start)
        return is_modal(analysis, min(cues, key=lambda h: abs(h.token - at)), value)
    return any(hit.end <= value.start and not _SENTENCE_END.search(text, hit.end, value.start)
               for hit in analysis.modal)


_SENTENCE_END = re.compile(r"[.;!?]\s")


def _other_time(question: Claim, time: Value | None, verdict: Agreement, vocab: Vocabulary) -> bool:
    """A sentence that gives no time for a fact that changes ("the League has twelve members") is not
    contradicted by what held at a time a passage gives: it may speak of another. What agrees
    still supports it."""
    return verdict == Agreement.DISAGREE and question.as_of is None and time is not None and \
        vocab.registry.properties[question.property].time_varying


def _stance(agreement: Agreement) -> Stance:
    """A comparable value's stance: it supports when it agrees, else it contradicts."""
    return Stance.SUPPORTS if agreement == Agreement.AGREE else Stance.CONTRADICTS


def _highlight(row: Row, surface: str) -> tuple[int, int] | None:
    """Where a value's words stand in the raw passage, when they stand there as written."""
    position = row.mention.quote.find(surface) if surface else -1
    return (position, position + len(surface)) if position >= 0 else None


def _dedupe(evidence: list[Evidence], by_stance: bool = False) -> list[Evidence]:
    """One item per passage, the first; by_stance: one per passage and stance (the sentence's list: a
    passage may support one of its facts and contradict another)."""
    kept: list[Evidence] = []
    for item in evidence:
        if not any(item.mention.source == k.mention.source and item.mention.start < k.mention.end
                   and k.mention.start < item.mention.end and (not by_stance or item.stance == k.stance)
                   for k in kept):
            kept.append(item)
    return kept
