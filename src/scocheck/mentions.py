"""Statements in passages: which sentence says what value about which subject and property.

Every passage of the corpus is analysed once: the registry names it contains
(entities by their aliases), the cue words of properties, the typed values and
the words of modality (plans, expectations). A *statement* of a subject and
property is then read off a passage that has all three: the subject's nearest
cue word, and the value of the wanted type nearest that cue, provided no other
subject of the same property stands nearer the cue. The registry is the only
source of names and cue words; nothing here knows what the corpus is about.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property

from . import values
from .corpus import Document, Mention, Passage
from .match import Hit, PhraseMatcher
from .reading.lexicon import english
from .registry import Claim, Registry, entity_set
from .scoring import (  # MAX_GAP stays importable from here
    BEFORE_CUE, COMMA_BREAK, COST_STEP, FREE_COST, MAX_GAP, MODAL, SEMICOLON_BREAK, STATEMENT_FLOOR, UNDATED_STATEMENT,
)
from .values import Value
from .verdicts import Agreement

NUMERIC_FAMILIES = {"year": ("year", "date"), "date": ("year", "date"), "number": ("number",),
                    "money": ("money",), "percent": ("percent",)}
_WORD = re.compile(r"[^\W_]+")
# Numbers that refer to a place in a document rather than state a quantity or date: a
# parenthetical citation "(Chung, 2006, p. 55)", or a number after a locator word ("Article 10",
# "pp. 12-15"); the English words are data (reading/data/english.yaml).
_CITATION = re.compile(
    r"\(\s*[A-Z][^()\d]{0,80}?\b(?:1[5-9]|20)\d\d[a-z]?\b[^()]{0,120}\)"
)


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


NOTICE_YEARS = r"(?:1[5-9]|20)\d\d(?:\s*[-–,]\s*(?:(?:1[5-9]|20)\d\d|\d\d)\b)*"  # "1985, 1993, 2001-2014"


def _reference_pattern(words) -> re.Pattern:
    after_author = "|".join(rf"(?<=\b{re.escape(w)}\.)" for w in words.author_list_abbreviations)
    return re.compile(
        rf"\b(?:{_alternatives(words.reference_locators)})\.?,?\s*\d+(?:\s*[-–,]\s*\d+){{0,4}}"
        r"|\b\d{1,4}\s?\(\d{1,4}\)(?:\s?[:,]\s?\d{1,5}(?:\s?[-–]\s?\d{1,5})?)?"  # volume (issue): pages
        r"|(?:https?://|www\.)\S{1,500}"
        rf"|\b(?:{_alternatives(words.access_words)})(?:\s+on)?\s+[\w ,.]{{1,40}}"
        rf"|\b(?:{_alternatives(words.publisher_words)})\s?[,:]\s?\d{{1,5}}(?:\s?[-–]\s?\d{{1,5}})?"  # pages after a publisher
        r"|[=/_#]\d+"  # ids in addresses: `show.asp?id=64`
        rf"|(?:(?<=\b[A-Z]\.)|{after_author})\s?\((?:1[5-9]|20)\d\d[a-z]?\)"  # a reference list's "Chung, C.-P. (2012)"
        r"|(?<=[,*])\s?\((?:1[5-9]|20)\d\d[a-z]?\)"  # and its "Summit,' *Xinhua*, (2004)": a year in brackets after a comma
        # a copyright notice to the end of its line: the notice word and a year, or "©" and what follows
        rf"|\b(?:{_alternatives(words.notice_words)})\b\.?\s*(?:\(c\)|©)?\s*{NOTICE_YEARS}[^\n]{{0,60}}"
        rf"|(?:©|\(c\)(?=\s*{NOTICE_YEARS}))[^\n]{{0,60}}",
        re.IGNORECASE,
    )


def _list_glue(words) -> re.Pattern:
    """What may stand between the names of a list: punctuation and the lexicon's list_glue words."""
    glue = "|".join(rf"\b{re.escape(w)}\b" for w in sorted(words.list_glue, key=len, reverse=True))
    return re.compile(rf"(?:[\s,;&()]|{glue})*\Z", re.IGNORECASE)


_REFERENCE = _reference_pattern(english())
_LIST_GLUE = _list_glue(english())


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a key for caches
class Vocabulary:
    """The registry's names and cue words, compiled for fast matching."""

    registry: Registry
    names: PhraseMatcher
    cues: PhraseMatcher
    modality: PhraseMatcher
    subjects_of: dict[str, frozenset[str]]  # property id -> entities that are subjects of claims with it


def vocabulary(registry: Registry) -> Vocabulary:
    names = [(name, entity.id) for entity in registry.entities.values() for name in entity.names]
    cues = [(cue, prop.id) for prop in registry.properties.values() for cue in prop.cues]
    modality = [(cue, "modal") for cue in registry.modality]
    subjects: dict[str, set[str]] = {}
    for claim in registry.claims:
        subjects.setdefault(claim.property, set()).add(claim.subject)
    return Vocabulary(
        registry,
        PhraseMatcher(names),
        PhraseMatcher(cues),
        PhraseMatcher(modality),
        {prop: frozenset(ids) for prop, ids in subjects.items()},
    )


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one passage contains."""

    passage: Passage
    token_starts: tuple[int, ...]
    names: tuple[Hit, ...]
    cues: tuple[Hit, ...]
    modal: tuple[Hit, ...]
    values: tuple[Value, ...]
    references: tuple[tuple[int, int], ...]  # spans that cite or point into documents

    def token_of(self, offset: int) -> int:
        return max(bisect_right(self.token_starts, offset) - 1, 0)


def analyse(passage: Passage, vocab: Vocabulary) -> Analysis:
    text = passage.text
    tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    found = tuple(values.extract(text))
    # a modality word that is part of a value is none ("may" of "in May 2002"), nor is a name ("US" of
    # "US$5 million")
    modal = tuple(h for h in vocab.modality.find_tokens(tokens) if not any(v.start <= h.start < v.end for v in found))
    names = tuple(h for h in vocab.names.find_tokens(tokens) if not any(v.start <= h.start and h.end <= v.end for v in found))
    return Analysis(
        passage,
        tuple(t[1] for t in tokens),
        names,
        tuple(vocab.cues.find_tokens(tokens)),
        modal,
        found,
        tuple(referencing_spans(text)),
    )


@dataclass(frozen=True)
class Statement:
    """A passage read as stating `value` for (subject, property)."""

    subject: str
    property: str
    value: Value  # in the wanted type; span relative to the passage text
    analysis: Analysis
    time: Value | None  # the year the statement is about, for time-varying properties
    confidence: float
    modal: bool  # stated as a plan, expectation or proposal

    @property
    def passage(self) -> Passage:
        return self.analysis.passage


@dataclass(frozen=True)
class CorpusAnalysis:
    documents: dict[str, Document]
    vocab: Vocabulary
    analyses: tuple[Analysis, ...]
    read: dict | None = None  # source id -> statements from grammar (reading.store), when they were read

    @cached_property
    def links(self):
        """The reading layer's statements linked to the registry (None when the corpus was not read)."""
        if self.read is None:
            return None
        from .reading.registered import registry_links

        return registry_links(self.vocab.registry, (d.text for d in self.documents.values()))

    @cached_property
    def _read_by_passage(self) -> dict[tuple[str, int], list]:
        found: dict[tuple[str, int], list] = {}
        for source, statements in (self.read or {}).items():
            for statement in statements:
                found.setdefault((source, statement.passage), []).append(statement)
        return found

    def read_at(self, passage: Passage, value: Value) -> list:
        """Statements from grammar whose value stands where `value` does in the passage."""
        return [s for s in self._read_by_passage.get((passage.source, passage.index), ())
                if s.value.start < value.end and value.start < s.value.end]

    def misread(self, statement: Statement) -> bool:
        """The grammar reads this value as a statement of something else: about another subject (a named
        one, or a common noun the registry does not name), or, for a count, a count of another thing."""
        links = self.links
        if links is None:
            return False
        reads = self.read_at(statement.passage, statement.value)
        return bool(reads) and all(links.reads_otherwise(read, statement.subject, statement.property) for read in reads)

    def measured(self, statement: Statement, claim: Claim) -> bool:
        """The grammar reads the value as a measure with its unit ("12,000 metres") and the claim's words
        give its value a unit too: the reading layer compares them in one unit, the bare number is not
        the value."""
        links = self.links
        return links is not None and links.claim_unit(claim) is not None and \
            any(read.unit for read in self.read_at(statement.passage, statement.value))

    def read_statements(self, claim: Claim) -> list:
        """Statements from grammar about the claim's subject and property, in a value of its type."""
        links = self.links
        if links is None:
            return []
        prop = self.vocab.registry.properties[claim.property]
        found = []
        for read in self._read_by_entity.get(claim.subject, ()):
            strength = links.states_claim(read, claim)
            if strength:
                found.append((read, strength, prop.time_varying))
        return found

    @cached_property
    def _read_by_entity(self) -> dict[str, list]:
        """Statements from grammar by the registry entities their subjects link to (linked once)."""
        found: dict[str, list] = {}
        for statements in (self.read or {}).values():
            for read in statements:
                for entity in self.links.entities_of(read):
                    found.setdefault(entity, []).append(read)
        return found

    @cached_property
    def _by_entity(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, analysis in enumerate(self.analyses):
            for key in {k for hit in analysis.names for k in hit.keys}:
                index.setdefault(key, []).append(i)
        return index

    @cached_property
    def _by_property(self) -> dict[str, set[int]]:
        index: dict[str, set[int]] = {}
        for i, analysis in enumerate(self.analyses):
            for key in {k for hit in analysis.cues for k in hit.keys}:
                index.setdefault(key, set()).add(i)
        return index

    @cached_property
    def types_of(self) -> dict[str, set[str]]:
        """For each property, the value types its claims take."""
        types: dict[str, set[str]] = {}
        for claim in self.vocab.registry.claims:
            types.setdefault(claim.property, set()).add(claim.type)
        return types

    @cached_property
    def _located(self) -> dict:
        return {}

    def locate(self, source: str, quote: str):
        """Where a registered quote stands in its source (a match.Found), or None; found once."""
        key = (source, quote)
        if key not in self._located:
            from .match import find_quote

            document = self.documents.get(source)
            self._located[key] = find_quote(document, quote) if document is not None else None
        return self._located[key]

    @cached_property
    def registered_spans(self) -> dict[str, list[tuple[int, int]]]:
        """Raw spans of every registered quote (evidence and disputed_by), by source."""
        spans: dict[str, list[tuple[int, int]]] = {}
        for claim in self.vocab.registry.claims:
            for quote in (*claim.evidence, *claim.disputed_by):
                found = self.locate(quote.source, quote.quote)
                if found is not None:
                    spans.setdefault(quote.source, []).append((found.mention.start, found.mention.end))
        return spans

    def passages_about(self, subject: str, prop: str) -> list[Analysis]:
        """Passages that name the subject and carry a cue word of the property."""
        with_subject = self._by_entity.get(subject, ())
        with_cue = self._by_property.get(prop, frozenset())
        return [self.analyses[i] for i in with_subject if i in with_cue]

    def mention(self, passage: Passage) -> Mention:
        return self.documents[passage.source].mention(passage.start, passage.end)

    def statements(self, claim: Claim) -> list[Statement]:
        """Every passage that states a value of the claim's type for its subject and property."""
        found = []
        for analysis in self.passages_about(claim.subject, claim.property):
            statement = read_statement(analysis, claim, self.vocab, self.documents[analysis.passage.source].source.year)
            if statement is not None:
                found.append(statement)
        return found


def analyse_corpus(documents: dict[str, Document], vocab: Vocabulary, progress=None, read=None) -> CorpusAnalysis:
    """Every passage of the corpus analysed; progress, if given, is called with (documents done, total).

    read: the corpus's statements from grammar (reading.store.corpus_statements), if it was read.
    """
    analyses = []
    for done, document in enumerate(documents.values(), start=1):
        analyses.extend(analyse(p, vocab) for p in document.passages)
        if progress is not None:
            progress(done, len(documents))
    return CorpusAnalysis(documents, vocab, tuple(analyses), read)


def read_statement(analysis: Analysis, claim: Claim, vocab: Vocabulary, issued: int | None) -> Statement | None:
    """The statement this passage makes about the claim's subject and property, if it makes one.

    A frame is a cue word of the property with the nearest subject of that
    property; it belongs to the claim's subject only if no other subject
    stands nearer. Its value is the candidate nearest the frame, counting
    words, with a cost for standing before the cue and for each clause break.
    """
    if claim.object is not None and not any(claim.object in h.keys for h in analysis.names):
        return None  # the claim is about what the subject did to one thing, which the passage does not name
    # Any named thing other than a place can own the cue word ("the establishment of an SCO
    # free trade zone" is not the SCO's); places are usually where, not what.
    competitors = vocab.subjects_of.get(claim.property, frozenset()) | {claim.subject}
    entities = vocab.registry.entities
    subject_hits = [h for h in analysis.names if competitors.intersection(h.keys) or not entities[h.keys[0]].is_place]
    candidates = _value_candidates(analysis, claim, vocab)
    text = analysis.passage.text
    best: tuple[float, Value, Hit] | None = None
    for cue in analysis.cues:
        if claim.property not in cue.keys:
            continue
        nearest = min((_distance_hits(cue, h) for h in subject_hits), default=MAX_GAP + 1)
        ours = [h for h in subject_hits if claim.subject in h.keys and _distance_hits(cue, h) == nearest]
        if not ours or nearest > MAX_GAP:
            continue
        subject = ours[0]
        frame_first = min(cue.token, subject.token)
        frame_last = max(cue.token + cue.tokens, subject.token + subject.tokens)
        frame = (min(cue.start, subject.start), max(cue.end, subject.end))
        for value, token, tokens in candidates:
            gap = word_gap(frame_first, frame_last - frame_first, token, tokens)
            if gap > MAX_GAP or (gap > 0 and _owned_by_other_cue(analysis, claim.property, token, tokens)):
                continue
            cost = nearest + gap + _clause_breaks(text, frame, value) + (BEFORE_CUE if token < cue.token else 0)
            confidence = max(STATEMENT_FLOOR, 1.0 - COST_STEP * max(cost - FREE_COST, 0))
            if best is None or confidence > best[0]:
                best = (confidence, value, cue)
    if best is None:
        return None
    confidence, value, cue = best
    modal = is_modal(analysis, cue, value)
    time = None
    if vocab.registry.properties[claim.property].time_varying:
        time = _time_of(analysis, value, issued)
        if time is None:
            confidence = min(confidence, UNDATED_STATEMENT)  # an undated statement of a changing fact
    if modal:
        confidence *= MODAL
    return Statement(claim.subject, claim.property, value, analysis, time, round(confidence, 2), modal)


def _owned_by_other_cue(analysis, prop: str, token: int, tokens: int) -> bool:
    """A number right before another property's cue noun counts that noun ("three ... institutions")."""
    return any(prop not in c.keys and c.token == token + tokens for c in analysis.cues)


def _clause_breaks(text: str, frame: tuple[int, int], value: Value) -> float:
    """How many clause boundaries separate a value from its frame: ';' weighs SEMICOLON_BREAK (3), ',' and
    brackets COMMA_BREAK (1.5)."""
    if value.end <= frame[0]:
        between = text[value.end : frame[0]]
    elif value.start >= frame[1]:
        between = text[frame[1] : value.start]
    else:
        return 0.0
    return SEMICOLON_BREAK * between.count(";") + COMMA_BREAK * sum(between.count(ch) for ch in ",()")


def _value_candidates(analysis: Analysis, claim: Claim, vocab: Vocabulary) -> list[tuple[Value, int, int]]:
    """Values of the claim's type in the passage, each with its first token and token count."""
    found = []
    for value in values_of_type(analysis.passage.text, claim, vocab, analysis):
        first = analysis.token_of(value.start)
        last = analysis.token_of(max(value.end - 1, value.start))
        found.append((value, first, last - first + 1))
    return found


def values_of_type(text: str, claim: Claim, vocab: Vocabulary, analysis: Analysis | None = None) -> list[Value]:
    """The values of the claim's type that text states (not counting names of its subject)."""
    kind = claim.type
    if kind in NUMERIC_FAMILIES:
        extracted = analysis.values if analysis is not None else tuple(values.extract(text))
        names = analysis.names if analysis is not None else tuple(vocab.names.find(text))
        wanted = NUMERIC_FAMILIES[kind]
        references = analysis.references if analysis is not None else referencing_spans(text)
        ignored = [(h.start, h.end) for h in names] + list(references)
        found = []
        for value in extracted:
            if value.type not in wanted or any(start <= value.start and value.end <= end for start, end in ignored):
                continue  # "Peace Mission 2014" names an exercise, "(Chung, 2006)" cites a book
            found.append(values.as_type(value, kind) if kind == "year" else value)
        return found
    if kind == "text":
        return []
    hits = analysis.names if analysis is not None else tuple(vocab.names.find(text))
    entities = vocab.registry.entities
    if kind in ("place", "entity"):
        found = []
        for hit in hits:
            if claim.subject in hit.keys:
                continue
            entity = entities[hit.keys[0]]
            if kind == "place" and not entity.is_place:
                continue
            found.append(Value(kind, entity.name, 0, 0, start=hit.start, end=hit.end))
        if kind == "place":  # any real place after "in" or "at", registered or not ("moved to Nairobi")
            stated = analysis.values if analysis is not None else tuple(values.extract(text))
            taken = [(h.start, h.end) for h in hits] + [(v.start, v.end) for v in stated]
            found += [Value(kind, name, 0, 0, start=start, end=end)
                      for start, end, name in vocab.registry.places.find(text, english().place_prepositions, taken)]
            found.sort(key=lambda v: v.start)
        return found
    return _entity_lists(text, hits, claim, vocab)


def referencing_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose numbers point into documents (citations, article numbers), not at facts."""
    return [m.span() for m in _CITATION.finditer(text)] + [m.span() for m in _REFERENCE.finditer(text)]


def _entity_lists(text: str, hits, claim: Claim, vocab: Vocabulary) -> list[Value]:
    """Runs of names joined by commas and "and", read as entity sets."""
    entities = vocab.registry.entities
    by_name = vocab.registry.by_name
    kinds = {by_name[name].kind for name in claim.value.canonical.split(", ") if name in by_name}
    runs: list[list[Hit]] = []
    for hit in hits:
        if claim.subject in hit.keys:
            continue
        if runs and _LIST_GLUE.match(text[runs[-1][-1].end : hit.start]):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    # a list that mixes kinds ("Afghanistan, the United Nations and the CSTO") is not a set of members
    runs = [run for run in runs if all(entities[h.keys[0]].kind in kinds for h in run)]
    found = []
    for run in runs:
        if len(run) < 2:
            continue
        value = entity_set(entities[h.keys[0]].name for h in run)
        found.append(replace(value, start=run[0].start, end=run[-1].end))
    return found


def compare(claim: Claim, value: Value, registry: Registry | None = None) -> Agreement:
    """Does a stated value agree with the claim's? Agreement.AGREE, DISAGREE or INCOMPARABLE.

    A place agrees with a place it lies within or that lies within it ("held in Russia" and "held
    in Moscow"), by the registry's part_of or the gazetteer (places.Places.agreement); two places
    neither can place apart are not comparable.
    """
    if claim.type in NUMERIC_FAMILIES:
        expected = replace(claim.value, approximate=True) if claim.approximate else claim.value
        return values.compare(expected, value, claim.tolerance)
    if claim.type == "text":
        return Agreement.AGREE if claim.value.canonical.lower() in value.canonical.lower() else Agreement.DISAGREE
    if value.canonical == claim.value.canonical:
        return Agreement.AGREE
    if registry is not None and claim.type == "place":
        return registry.places.agreement(value.canonical, claim.value.canonical)
    if registry is not None and claim.type == "entity" and (
        registry.within(value.canonical, claim.value.canonical) or registry.within(claim.value.canonical, value.canonical)
    ):
        return Agreement.AGREE
    return Agreement.DISAGREE


def same_time(claim: Claim, statement: Statement) -> bool:
    """For a time-varying property, is the statement about the claim's time?"""
    if claim.as_of is None or statement.time is None:
        return True
    claim_year, statement_year = values.as_type(claim.as_of, "year"), values.as_type(statement.time, "year")
    return values.compare(claim_year, statement_year) == Agreement.AGREE


def is_modal(analysis: Analysis, cue: Hit, value: Value) -> bool:
    """A plan, expectation or proposal: a modality word between the cue and the value, or just before
    the first of them ("In 2010, Kazakhstan will become the first to chair"); a phrase of several
    words counts by its last ("are set to become members in 2015")."""
    value_token = analysis.token_of(value.start)
    low = min(cue.token, value_token) - 4
    high = max(cue.token, value_token)
    return any(low <= hit.token + hit.tokens - 1 and hit.token <= high for hit in analysis.modal)


def _time_of(analysis: Analysis, value: Value, issued: int | None) -> Value | None:
    """The year a statement is about: a year in its sentence, else when its source was issued."""
    years = [
        v for v in analysis.values
        if v.type in ("year", "date") and not (v.start < value.end and value.start < v.end)
    ]
    if years:
        nearest = min(years, key=lambda v: abs(v.start - value.start))
        return values.as_type(nearest, "year")
    return values.parse("year", issued) if issued is not None else None


def _distance_hits(a: Hit, b: Hit) -> int:
    return word_gap(a.token, a.tokens, b.token, b.tokens)


def word_gap(a_start: int, a_len: int, b_start: int, b_len: int) -> int:
    """Words strictly between two spans of tokens (0 when adjacent or overlapping)."""
    if a_start + a_len <= b_start:
        return b_start - (a_start + a_len)
    if b_start + b_len <= a_start:
        return a_start - (b_start + b_len)
    return 0
