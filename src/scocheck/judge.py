"""Judging a sentence fact by fact: each statement read from it, against what the corpus states.

A sentence is read like any passage of the corpus (reading.statements): one statement per value,
with its subject, predicate and qualifiers. Each statement is compared with the corpus's
statements of the same predicate or predicate family by the comparison `conflicts` uses
(compare.same_fact, compare.agreement), so `cite`, `check`, `verify` and `conflicts` agree on what
is one fact and what disagrees. Subjects link as they do between documents (reading.linking), or
through the registry when both name one entity (an alias: "SCO" for the full name).

A corpus statement is evidence when it is about the same fact surely enough to be reported as an
error in `conflicts` (LOW_CONFIDENCE): it supports when the values agree, else it contradicts.
A plan or a negated statement is never evidence (same_fact gives it no strength), and a passage
about the topic that states no comparable value is not evidence at all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from . import values
from .compare import Pair, agreement, as_of, predicate_buckets, same_fact
from .corpus import Document
from .mentions import referencing_spans
from .reading.registered import RegistryLinks, registry_links
from .reading.statements import Statement
from .reading.store import corpus_statements, sentence_statements
from .registry import Registry
from .scoring import LOW_CONFIDENCE, SAME_NAME
from .verdicts import Agreement, CiteVerdict, Stance


@dataclass(frozen=True)
class Compared:
    """A corpus statement about the same fact as a statement of the sentence."""

    statement: Statement
    stance: Stance
    confidence: float  # how surely it is the same fact (compare.Pair.confidence)


@dataclass(frozen=True)
class Fact:
    """One statement of the sentence, judged."""

    statement: Statement
    verdict: CiteVerdict
    evidence: tuple[Compared, ...]  # surest first


def corpus_judge(project, progress=None, documents=None) -> Judge:
    """The project's corpus read as statements (cached in .scocheck/statements/), ready to judge with.

    documents: the corpus as already read (index.Index.documents), else the project reads it."""
    documents = project.documents if documents is None else documents
    read = corpus_statements(documents, project.config.root, referencing_spans, progress)
    return Judge.of(documents, read, project.registry)


def read_sentences(texts: list[str], root, start_reader: bool = False) -> list[list[Statement]]:
    """Each sentence's statements, each read with the sentence before it (cached in .scocheck/sentences/).

    start_reader: when a sentence has to be parsed and no background reader runs, start one for the
    next run (reading.server)."""
    return sentence_statements(texts, root, referencing_spans, start_reader)


def verdict_of(stances) -> CiteVerdict:
    """Supported when all evidence supports, contradicted when all contradicts, disputed when both.
    A plan is neither (Stance.PLAN): a fact only planned is not found."""
    stances = set(stances) - {Stance.PLAN}
    if not stances:
        return CiteVerdict.NOT_FOUND
    if stances == {Stance.SUPPORTS}:
        return CiteVerdict.SUPPORTED
    if stances == {Stance.CONTRADICTS}:
        return CiteVerdict.CONTRADICTED
    return CiteVerdict.DISPUTED


_WORST_FIRST = (CiteVerdict.CONTRADICTED, CiteVerdict.DISPUTED, CiteVerdict.SUPPORTED, CiteVerdict.NOT_FOUND)


def worst(verdicts) -> CiteVerdict:
    """A sentence is as wrong as its worst fact: one contradicted fact makes it contradicted."""
    verdicts = set(verdicts)
    return next((v for v in _WORST_FIRST if v in verdicts), CiteVerdict.NOT_FOUND)


@dataclass(frozen=True)
class Judge:
    """The corpus's statements, indexed by predicate, and how to link their subjects."""

    documents: dict[str, Document]  # source id -> document (where a statement's passage stands)
    corpus: dict[str, list[Statement]]  # source id -> statements (reading.store)
    links: RegistryLinks

    @classmethod
    def of(cls, documents: dict[str, Document], corpus: dict[str, list[Statement]], registry: Registry) -> Judge:
        return cls(documents, corpus, registry_links(registry, (d.text for d in documents.values())))

    @cached_property
    def issued(self) -> dict[str, int | None]:
        """Source id -> the year it was issued: the "as of" of a count its clause gives no year."""
        return {source: document.source.year for source, document in self.documents.items()}

    @cached_property
    def _by_predicate(self) -> dict[object, list[Statement]]:
        lexicon = self.links.lexicon
        found: dict[object, list[Statement]] = {}
        for statements in self.corpus.values():
            for statement in statements:
                for bucket in predicate_buckets(statement, lexicon):
                    found.setdefault(bucket, []).append(statement)
        return found

    def candidates(self, statement: Statement) -> list[Statement]:
        """Corpus statements whose predicate is the statement's lemma or of its family, once each."""
        seen: dict[int, Statement] = {}
        for bucket in predicate_buckets(statement, self.links.lexicon):
            for other in self._by_predicate.get(bucket, ()):
                seen.setdefault(id(other), other)
        return list(seen.values())

    def judge(self, statement: Statement) -> Fact:
        """The statement against the corpus's. A plan ("would contribute US$8 billion") is compared with
        the plans the corpus states, as plans; an outcome with the outcomes, and with the plans for it
        as evidence of stance Stance.PLAN, which no verdict counts: a plan never speaks to what
        happened, nor an outcome to a plan."""
        lexicon = self.links.lexicon
        evidence = []
        for other in self.candidates(statement):
            if statement.modal and not other.modal:
                continue
            mine = replace(statement, modal=False) if statement.modal else statement
            theirs = replace(other, modal=False) if other.modal else other
            if not statement.time and values.family(statement.value.type) != "time":
                # a writer's figure with no year speaks of the time its evidence does: "the Game had
                # three phases" is checked against each passage's figure as of that passage (undated
                # passage and sentence: the one time both speak of)
                when = as_of(other, self.issued) or "undated"
                mine, theirs = replace(mine, time=when), replace(theirs, time=other.time or when)
            strength = same_fact(mine, theirs, self.links.linker, lexicon, self.issued, self._subjects)
            if not strength:
                continue
            if mine.value.type == theirs.value.type == "place":  # the registry's places, then the gazetteer's
                verdict = self.links.registry.places.agreement(mine.value.canonical, theirs.value.canonical)
            else:
                verdict = agreement(mine, theirs, lexicon)
            if verdict == Agreement.INCOMPARABLE:
                continue
            if verdict == Agreement.DISAGREE and not statement.time and other.time and \
                    values.family(statement.value.type) != "time":
                continue  # "has 55 members" may speak of another time than "had 40 members in 2015"
            confidence = Pair(statement, other, strength, verdict).confidence
            if confidence < LOW_CONFIDENCE:
                continue
            stance = Stance.PLAN if other.modal and not statement.modal else \
                Stance.SUPPORTS if verdict == Agreement.AGREE else Stance.CONTRADICTS
            evidence.append(Compared(other, stance, confidence))
        evidence.sort(key=lambda c: (-c.confidence, c.statement.source, c.statement.passage))
        return Fact(statement, verdict_of(c.stance for c in evidence), tuple(evidence))

    def facts(self, statements: list[Statement]) -> list[Fact]:
        return [self.judge(s) for s in statements]

    def _subjects(self, statement: Statement, other: Statement) -> float:
        """The corpus linker's link, or one registered entity both are about (an alias: "SCO")."""
        links = self.links
        strength = links.linker.link(statement.keys, other.keys, same_document=statement.source == other.source)
        if strength and strength < SAME_NAME and links.named(statement) and any(
                links.about(other, e) and not links.about(statement, e) for e in links.entities_of(other)):
            # "Secretariat" is a short form of "ASEAN Secretariat", but the registry reads it as the
            # "SCO Secretariat": the sentence names another thing of that name
            strength = 0.0
        for entity in links.entities_of(statement):
            mine, theirs = links.about(statement, entity), links.about(other, entity)
            if mine and theirs:
                strength = max(strength, min(mine, theirs))
        return strength
