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

from . import lists, values
from .corpus import Mention
from .match import Found
from .mentions import CorpusAnalysis, Statement, compare, same_time, values_of_type
from .reading.lexicon import english, stems
from .reading.statements import Statement as ReadStatement
from .registry import Claim, Quote
from .scoring import (  # LOW_CONFIDENCE and the similarities stay importable from here
    CONTEXT_SIMILARITY, FLOOR, LIST_MEMBERS, LOW_CONFIDENCE, PARAPHRASE_FLOOR, PARAPHRASE_SPAN, PASSAGE_SIMILARITY, SPAN,
)
from .values import Value
from .verdicts import Agreement


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
    suggestion: dict | None = None  # a registry entry to paste, for registry-free findings

    @property
    def dissent(self) -> list[Stated]:
        """The passages against the first position (the claim's value, for a registered fact)."""
        return [s for _, stated in self.positions[1:] for s in stated]

    @property
    def acknowledged(self) -> bool:
        """Every dissenting passage is acknowledged in the registry."""
        return all(s.acknowledged for s in self.dissent)

    @property
    def is_error(self) -> bool:
        """An unacknowledged contradiction read surely enough to stop a build."""
        return any(not s.acknowledged and s.confidence >= LOW_CONFIDENCE for s in self.dissent)


# --- registry-driven ---------------------------------------------------------------


@dataclass(frozen=True)
class ReadQuote:
    """A registered quote located in its source, and the value it states (None when it states none)."""

    quote: Quote
    found: Found | None
    stated: Stated | None
    verdict: Agreement  # against the claim's value


def read_quote(claim: Claim, quote: Quote, analysis: CorpusAnalysis, want: Agreement) -> ReadQuote:
    """Find a quote and read the value it states, preferring one that `want`s (AGREE or DISAGREE)."""
    found = analysis.locate(quote.source, quote.quote)
    if found is None:
        return ReadQuote(quote, None, None, Agreement.INCOMPARABLE)
    registry = analysis.vocab.registry
    if claim.type == "text":
        candidates = [Value("text", found.text, 0, 0)]
    else:
        candidates = values_of_type(found.text, claim, analysis.vocab)
    verdicts = [(v, compare(claim, v, registry)) for v in candidates]
    chosen = next(((v, d) for v, d in verdicts if d == want), None)
    chosen = chosen or next(((v, d) for v, d in verdicts if d != Agreement.INCOMPARABLE), None)
    if chosen is None:
        return ReadQuote(quote, found, None, Agreement.INCOMPARABLE)
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
    evidence = [read_quote(claim, q, analysis, want=Agreement.AGREE) for q in claim.evidence]
    disputes = [read_quote(claim, q, analysis, want=Agreement.DISAGREE) for q in claim.disputed_by]
    agreeing = [r.stated for r in evidence if r.stated is not None and r.verdict == Agreement.AGREE]
    disagreeing = [replace(r.stated, acknowledged=True) for r in disputes
                   if r.stated is not None and r.verdict == Agreement.DISAGREE]
    registered = [r.found.mention for r in (*evidence, *disputes) if r.found is not None]
    for statement in analysis.statements(claim):
        if not same_time(claim, statement) or analysis.misread(statement) or analysis.measured(statement, claim):
            continue
        verdict = compare(claim, statement.value, registry)
        if verdict == Agreement.INCOMPARABLE:
            continue
        stated = _stated_statement(statement, analysis)
        if any(_overlaps(stated.mention, other) for other in registered):
            continue
        (agreeing if verdict == Agreement.AGREE else disagreeing).append(stated)
    counted = registered + [s.mention for s in (*agreeing, *disagreeing)]
    for read, strength, time_varying in analysis.read_statements(claim):
        stated = _stated_read(analysis, read, round(FLOOR + SPAN * strength, 2))
        if any(_overlaps(stated.mention, other) for other in counted):
            continue
        if time_varying and not _read_same_time(claim, read, analysis):
            continue
        value = analysis.links.claim_value(read, claim)
        verdict = compare(claim, value, registry)
        if verdict == Agreement.INCOMPARABLE:
            continue
        counted.append(stated.mention)
        (agreeing if verdict == Agreement.AGREE else disagreeing).append(stated)
    return evidence + disputes, agreeing, disagreeing


def _read_same_time(claim: Claim, read, analysis: CorpusAnalysis) -> bool:
    """A statement from grammar of a changing fact is as of its clause's year, else its source's."""
    if claim.as_of is None:
        return True
    year = read.time or analysis.documents[read.source].source.year
    if year is None:
        return False
    return values.compare(values.as_type(claim.as_of, "year"), values.parse("year", int(year))) == Agreement.AGREE


def _stated_read(analysis: CorpusAnalysis, read, confidence: float = 1.0) -> Stated:
    """A statement from grammar as a passage stating its value (a measure's value with its unit: "80 km")."""
    shown = replace(read.value, canonical=f"{read.value.canonical} {read.unit}") if read.unit else read.value
    passage = analysis.documents[read.source].passages[read.passage]
    return _stated_at(analysis, passage, read.value, confidence, read.modal, shown)


def _stated_at(analysis: CorpusAnalysis, passage, value: Value, confidence: float = 1.0, modal: bool = False,
               shown: Value | None = None) -> Stated:
    """The passage as it stands in its file, stating `value` (reported as `shown`), highlighted."""
    mention, highlight = analysis.documents[passage.source].quoted(passage, value.start, value.end)
    return Stated(mention, shown or value, highlight, confidence, modal=modal)


def registry_disagreements(analysis: CorpusAnalysis) -> list[Disagreement]:
    found = []
    for claim in analysis.vocab.registry.claims:
        _, agreeing, disagreeing = claim_statements(claim, analysis)
        if disagreeing:
            found.append(_disagreement(claim, agreeing, disagreeing))
    return found


def _disagreement(claim: Claim, agreeing: list[Stated], disagreeing: list[Stated]) -> Disagreement:
    positions: dict[str, list[Stated]] = {claim.value.canonical: list(agreeing)}
    for stated in disagreeing:
        positions.setdefault(stated.value.canonical, []).append(stated)
    ordered = tuple((value, tuple(sorted(items, key=_order))) for value, items in positions.items())
    confidence = max(s.confidence for s in disagreeing)
    return Disagreement(claim.id, claim.subject, claim.property, claim.type, round(confidence, 2), ordered)


def _stated_statement(statement: Statement, analysis: CorpusAnalysis) -> Stated:
    return _stated_at(analysis, statement.passage, statement.value, statement.confidence, statement.modal)


def _highlight_in(raw_quote: str, normalised: str, value: Value) -> tuple[int, int] | None:
    """Where a value read from normalised text stands in the raw quote, found by its surface text."""
    surface = normalised[value.start : value.end]
    position = raw_quote.find(surface) if surface else -1
    return (position, position + len(surface)) if position >= 0 else None


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


def _order(stated: Stated) -> tuple:
    return (stated.mention.source, stated.mention.line, stated.mention.start)


# --- registry-free -----------------------------------------------------------------

_KEYS_PER_PASSAGE = 8
_KEY_CEILING = 12  # a word in more passages than this blocks nothing; fixed, so pairs per key stay bounded
_PARTNERS = 6  # each passage is compared with at most this many others, those sharing most rare words
_NAME_REACH = 8  # words from a value within which a registry name says what the value is about
_NEIGHBOURS = 3  # passages this close in one source are siblings (list items, table rows), not restatements
_HEAD_PASSAGES = 10  # passages this near the top of a document may hold its dateline (title, date, byline)
_CONTEXT_WORDS = 4
_KEY_WORD = re.compile(r"[^\W\d_]{4,}")
_WORD = re.compile(r"[^\W_]+")
_NAME = re.compile(r"\b[A-Z][^\W_]*(?:\s+[A-Z][^\W_]*)*")


@dataclass(frozen=True)
class _Item:
    index: int  # into analysis.analyses
    masked: str
    values: tuple[Value, ...]
    contexts: tuple[str, ...]
    scopes: tuple[str | None, ...]  # the clause each value dates, where it opens its sentence (_scope)
    names: tuple[frozenset[str], ...]  # registry entities named near each value


def discover(analysis: CorpusAnalysis, known: list[Disagreement] = ()) -> list[Disagreement]:
    """Disagreements no claim registers: close paraphrases whose values differ.

    Candidate pairs share at least two of each other's rarest words (an
    inverted index, so the cost grows with the corpus, not its square); a pair
    is compared only when its masked texts are similar, and only values in
    similar surroundings are compared with each other. A year that opens its
    sentence ("By 1990, ...") dates the whole clause after it: two such years
    are compared when their clauses are alike as stems, whatever the rest.
    """
    from rapidfuzz import fuzz

    items = [item for item in (_item(i, a) for i, a in enumerate(analysis.analyses)) if item is not None]
    known_mentions = _mentions_by_source(known)
    found: list[Disagreement] = []
    for a, b in _candidate_pairs(items, analysis):
        first_passage, second_passage = analysis.analyses[a.index].passage, analysis.analyses[b.index].passage
        if first_passage.source == second_passage.source and abs(first_passage.index - second_passage.index) <= _NEIGHBOURS:
            continue
        similarity = fuzz.token_set_ratio(a.masked, b.masked)
        dated_only = similarity < PASSAGE_SIMILARITY  # still a restatement where two opening years date like clauses
        if dated_only and not (any(a.scopes) and any(b.scopes)):
            continue
        aligned = [(x, y, context, clauses) for x, y, context, clauses in _aligned_values(a, b)
                   if clauses or not dated_only]
        if _numbered_apart(first_passage, second_passage, aligned) or _named_apart(first_passage, second_passage):
            continue
        for x, y, context, clauses in aligned:
            if values.compare(x, y) != Agreement.DISAGREE or _different_times(a, b, x):
                continue
            if _dateline(analysis, first_passage, x) or _dateline(analysis, second_passage, y):
                continue
            if _read_apart(analysis, first_passage, x, second_passage, y, clauses):
                continue
            first = _stated_value(analysis, a, x)
            second = _stated_value(analysis, b, y)
            if _already_known(first, second, known_mentions, analysis):
                continue
            subject, prop = _suggest_fact(analysis.analyses[a.index], analysis.analyses[b.index], x)
            likeness = max(similarity, context) if clauses else similarity  # dated clauses: as alike as they are
            closeness = max(likeness - PASSAGE_SIMILARITY, 0) / (100 - PASSAGE_SIMILARITY)
            surroundings = (context - CONTEXT_SIMILARITY) / (100 - CONTEXT_SIMILARITY)
            confidence = round(PARAPHRASE_FLOOR + PARAPHRASE_SPAN * (closeness + surroundings) / 2, 2)
            first, second = replace(first, confidence=confidence), replace(second, confidence=confidence)
            found.append(_free_disagreement(first, second, confidence, subject, prop))
    return found


def _numbered_apart(first_passage, second_passage, pairs) -> bool:
    """The passages are about two things one name numbers apart ("Emacs 16.56 (1985-07-15)" and
    "Emacs 17.36 (1985-12-20)"): rows of a list, not a paraphrase that drifted. A number right after
    a capitalised word is part of a name."""
    def namer(passage, value: Value) -> str | None:
        before = re.search(r"\b([A-Z][\w-]*)\s*$", passage.text[: value.start])
        return before.group(1) if before else None

    return any(x.type == y.type == "number" and values.compare(x, y) == Agreement.DISAGREE
               and (name := namer(first_passage, x)) is not None and name == namer(second_passage, y)
               for x, y, *_ in pairs)


def _named_apart(first_passage, second_passage) -> bool:
    """Two passages of one document that name different things ("$15 GNU Emacs manual (~300 pages)" and
    "$10 GDB Manual (~55 pages)"): entries of a list, not a restatement, for a document names one
    thing one way. A name is a run of capitalised words after the passage's first word."""
    if first_passage.source != second_passage.source:
        return False
    first, second = (_names(p.text) for p in (first_passage, second_passage))
    return bool(first and second) and not first & second


def _names(text: str) -> set[str]:
    opening = _WORD.search(text)
    return {" ".join(name.lower().split()) for name in _NAME.findall(text, opening.end() if opening else 0)}


def _dateline(analysis: CorpusAnalysis, passage, value: Value) -> bool:
    """A date at the head of a document that is the document's own date: when it was written, not a
    fact it states (two documents' datelines never contradict each other)."""
    if passage.index >= _HEAD_PASSAGES or values.family(value.type) != "time":
        return False
    issued = analysis.documents[passage.source].source.year
    return issued is not None and value.canonical[:4] == str(issued)


def _read_apart(analysis: CorpusAnalysis, first_passage, x: Value, second_passage, y: Value, clauses: bool) -> bool:
    """The reading layer reads both values, and as statements of different facts: no paraphrase drift.

    clauses: both values date the whole clause after them (_scope). Then a reading whose subject is
    a pronoun nobody resolved ("By 1991, we had written ...") says nothing of what the clause is
    about, and the clauses' likeness decides."""
    links = analysis.links
    if links is None:
        return False
    from .compare import same_fact

    first, second = analysis.read_at(first_passage, x), analysis.read_at(second_passage, y)
    if clauses and any(read and all(_unresolved(s, links.lexicon) for s in read) for read in (first, second)):
        return False
    return bool(first and second) and not any(
        same_fact(a, b, links.linker, links.lexicon) for a in first for b in second)


def _unresolved(statement: ReadStatement, lexicon) -> bool:
    """The statement's subject is a pronoun the reader could not resolve: the title stands in for it."""
    pronouns = lexicon.pronouns | lexicon.first_person_singular | lexicon.first_person_plural
    return statement.by == "title" and statement.subject.lower() in pronouns


def _mentions_by_source(disagreements) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for d in disagreements:
        for _, stated in d.positions:
            for s in stated:
                found.setdefault(s.mention.source, []).append(s.mention)
    return found


def _item(index: int, item) -> _Item | None:
    text = item.passage.text
    ignored = [(h.start, h.end) for h in item.names] + list(item.references)
    kept = [v for v in item.values if not any(s <= v.start and v.end <= e for s, e in ignored)]
    if not kept:
        return None
    pieces, position = [], 0
    for value in kept:
        pieces.append(text[position : value.start])
        pieces.append(f" <{values.family(value.type)}> ")
        position = value.end
    pieces.append(text[position:])
    masked = " ".join("".join(pieces).lower().split())
    masked_values = {re.sub(r"\W", "", text[v.start : v.end].lower()) for v in kept}
    contexts = tuple(_context(text, v, masked_values) for v in kept)
    scopes = tuple(_scope(text, v, masked_values) for v in kept)
    near = tuple(
        frozenset(k for h in item.names if abs(item.token_of(h.start) - item.token_of(v.start)) <= _NAME_REACH for k in h.keys)
        for v in kept
    )
    return _Item(index, masked, tuple(kept), contexts, scopes, near)


def _stems(text: str) -> list[str]:
    """The words of a text as their stems, lower case, without punctuation: "components," is "compon"."""
    return stems(_WORD.findall(text))


def _scope(text: str, value: Value, masked: set[str]) -> str | None:
    """The clause a time value dates when it opens its sentence ("By 1990, the system was almost
    complete"), as stems with the passage's values masked: such a value dates the whole clause, not its
    four neighbours. None for any other value."""
    opening = re.match(r"\s*,", text[value.end :])
    if values.family(value.type) != "time" or not opening or len(_WORD.findall(text[: value.start])) > _CONTEXT_WORDS:
        return None
    return " ".join("#" if word in masked else word for word in ("_", *_stems(text[value.end + opening.end() :])))


def _context(text: str, value: Value, masked: set[str]) -> str:
    """The words around a value, with the passage's values (masked: their words) masked: what it is a value of."""
    before = re.findall(r"[^\W_]+", text[: value.start].lower())[-_CONTEXT_WORDS:]
    after = re.findall(r"[^\W_]+", text[value.end :].lower())[:_CONTEXT_WORDS]
    return " ".join(("#" if word in masked else word) for word in (*before, "_", *after))


def _candidate_pairs(items: list[_Item], analysis: CorpusAnalysis):
    words = [set(_KEY_WORD.findall(analysis.analyses[item.index].passage.text.lower())) for item in items]
    frequency: dict[str, int] = {}
    for item_words in words:
        for word in item_words:
            frequency[word] = frequency.get(word, 0) + 1
    ceiling = _KEY_CEILING
    postings: dict[str, list[int]] = {}
    for position, item_words in enumerate(words):
        keys = sorted((w for w in item_words if 2 <= frequency[w] <= ceiling), key=lambda w: (frequency[w], w))
        for key in keys[:_KEYS_PER_PASSAGE]:
            postings.setdefault(key, []).append(position)
    shared: dict[tuple[int, int], int] = {}
    for members in postings.values():
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                shared[(first, second)] = shared.get((first, second), 0) + 1
    partners: dict[int, list[tuple[int, int]]] = {}
    for (first, second), count in shared.items():
        if count >= 2:
            partners.setdefault(first, []).append((-count, second))
            partners.setdefault(second, []).append((-count, first))
    chosen = set()
    for first, others in partners.items():
        for _, second in sorted(others)[:_PARTNERS]:
            chosen.add((min(first, second), max(first, second)))
    for first, second in sorted(chosen):
        yield items[first], items[second]


def _aligned_values(a: _Item, b: _Item):
    """Pairs of values of one family standing in similar surroundings, each value used once."""
    from rapidfuzz import fuzz

    scored = []
    for i, x in enumerate(a.values):
        for j, y in enumerate(b.values):
            if values.family(x.type) != values.family(y.type):
                continue
            if a.names[i] and b.names[j] and not a.names[i] & b.names[j]:
                continue  # about different things: "the Five Principles date back to..." / "China's diplomacy..."
            if a.scopes[i] and b.scopes[j]:  # both date a clause: the clauses are their surroundings
                score = fuzz.token_set_ratio(a.scopes[i], b.scopes[j])
            else:
                score = fuzz.ratio(a.contexts[i], b.contexts[j])
            if score >= CONTEXT_SIMILARITY:
                scored.append((score, i, j))
    used_a, used_b = set(), set()
    for score, i, j in sorted(scored, reverse=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            yield a.values[i], b.values[j], score, bool(a.scopes[i] and b.scopes[j])


def _different_times(a: _Item, b: _Item, value: Value) -> bool:
    """Two figures of the same kind given for different years are no contradiction."""
    if values.family(value.type) == "time":
        return False
    years_a = {v.canonical[:4] for v in a.values if values.family(v.type) == "time"}
    years_b = {v.canonical[:4] for v in b.values if values.family(v.type) == "time"}
    return bool(years_a and years_b and not years_a & years_b)


def _stated_value(analysis: CorpusAnalysis, item: _Item, value: Value) -> Stated:
    return _stated_at(analysis, analysis.analyses[item.index].passage, value)


def _already_known(first: Stated, second: Stated, known: dict[str, list[Mention]], analysis: CorpusAnalysis) -> bool:
    """Both passages are already part of a registered fact (so the registry speaks to them)."""
    def registered(stated: Stated) -> bool:
        nearby = known.get(stated.mention.source, ())
        return any(_overlaps(stated.mention, other) for other in nearby) or _in_registry(stated.mention, analysis)

    return registered(first) and registered(second)


def _in_registry(mention: Mention, analysis: CorpusAnalysis) -> bool:
    spans = analysis.registered_spans.get(mention.source, ())
    return any(start < mention.end and mention.start < end for start, end in spans)


def _free_disagreement(first: Stated, second: Stated, confidence: float, subject: str | None,
                       prop: str | None) -> Disagreement:
    kind = "year" if first.value.type == "year" and second.value.type == "year" else first.value.type
    positions = ((first.value.canonical, (first,)), (second.value.canonical, (second,)))
    suggestion = {
        "id": f"{subject or 'subject'}.{prop or 'property'}",
        "statement": " ".join(first.mention.quote.split()),
        "subject": subject or "SUBJECT",
        "property": prop or "PROPERTY",
        "type": kind,
        "value": first.value.canonical,
        "evidence": [{"source": first.mention.source, "quote": _clause(first)}],
        "disputed_by": [{"source": second.mention.source, "quote": _clause(second),
                         "note": f"{second.mention.source} gives {second.value.canonical}; explain the difference."}],
    }
    return Disagreement(None, subject, prop, kind, confidence, positions, suggestion)


def _suggest_fact(first, second, value: Value) -> tuple[str | None, str | None]:
    """The registry entity and property both passages mention, nearest the first passage's value."""
    common_names = {k for h in second.names for k in h.keys}
    common_cues = {k for h in second.cues for k in h.keys}
    subject = min(((abs(h.start - value.start), h.keys[0]) for h in first.names if h.keys[0] in common_names),
                  default=(0, None))[1]
    prop = min(((abs(h.start - value.start), k) for h in first.cues for k in h.keys if k in common_cues),
               default=(0, None))[1]
    return subject, prop


def _clause(stated: Stated) -> str:
    """A short quote around the value: the clause it stands in."""
    quote = stated.mention.quote
    if stated.highlight is None:
        return " ".join(quote.split())
    start, end = stated.highlight
    left = max(quote.rfind(mark, 0, start) for mark in (",", ";", ". ", "(", ":")) + 1
    rights = [i for i in (quote.find(mark, end) for mark in (",", ";", ". ", ")")) if i != -1]
    right = min(rights) if rights else len(quote)
    return " ".join(quote[left:right].split())


def all_disagreements(analysis: CorpusAnalysis, min_confidence: float = 0.0) -> list[Disagreement]:
    """Registry-driven and registry-free disagreements; passages read less surely than min_confidence are left out.

    When the corpus was read as statements from grammar (analysis.read), the conflicts between
    them, about any subject, registered or not, are added.
    """
    registered = registry_disagreements(analysis)
    found = registered + discover(analysis, registered)
    found += _new(differing_lists(analysis, found), found)
    if analysis.read is not None:
        found += _new(statement_disagreements(analysis, found), found)
    return [kept for kept in (_at_least(d, min_confidence) for d in found) if kept is not None]


def _new(candidates: list[Disagreement], found: list[Disagreement]) -> list[Disagreement]:
    """Candidates that do not restate a disagreement already found (the same passages on both sides)."""
    def passages(d: Disagreement) -> frozenset:
        return frozenset((s.mention.source, s.mention.start) for _, stated in d.positions for s in stated)

    known = [passages(d) for d in found]
    return [d for d in candidates if not any(len(passages(d) & other) >= 2 for other in known)]


def differing_lists(analysis: CorpusAnalysis, known: list[Disagreement] = ()) -> list[Disagreement]:
    """Restated lists whose members differ (lists.py): passages of two documents that open with the same
    words, candidates grouped by those words, so the cost grows with the corpus. What each lists that
    the other does not is its value; a pair the registry already speaks to is left to it."""
    by_opening: dict[tuple[str, ...], list] = {}
    for item in analysis.analyses:
        text = item.passage.text
        key = lists.opening(text)
        if len(key) == lists.OPENING_WORDS and sum(text.count(mark) for mark in ",;") >= lists.MIN_MEMBERS - 1:
            by_opening.setdefault(key, []).append(item.passage)
    known_mentions = _mentions_by_source(known)
    lexicon = english()
    modal = lexicon.modal_auxiliaries | lexicon.modal_governors
    found = []
    for passages in by_opening.values():
        if len(passages) > _KEY_CEILING:
            continue  # an opening this common ("in addition to") restates nothing
        for x, a in enumerate(passages):
            for b in passages[x + 1 :]:
                differ = None if a.source == b.source else lists.differing_members(a.text, b.text, modal)
                if differ is None:
                    continue
                first, second = (_stated_at(analysis, p, Value("text", "; ".join(p.text[s:e] for s, e in spans), 0, 0,
                                                               start=spans[0][0], end=spans[0][1]), LIST_MEMBERS)
                                 for p, spans in ((a, differ[0]), (b, differ[1])))
                if not _already_known(first, second, known_mentions, analysis):
                    found.append(_free_disagreement(first, second, LIST_MEMBERS, None, None))
    return found


# --- registry-free, from statements ----------------------------------------------------------


def statement_disagreements(analysis: CorpusAnalysis, known: list[Disagreement] = ()) -> list[Disagreement]:
    """Disagreements between statements read from grammar (reading.statements), registered or not.

    Statements about one fact (compare.same_fact) whose values disagree are joined into one
    disagreement per fact, with every agreeing statement beside its value. A pair both of whose
    passages the registry already speaks to is left to the registry.
    """
    from .compare import pairs

    lexicon, linker = analysis.links.lexicon, analysis.links.linker
    statements = [s for source in analysis.documents for s in analysis.read.get(source, ())]
    known_mentions = _mentions_by_source(known)
    issued = {source: document.source.year for source, document in analysis.documents.items()}
    found = list(pairs(statements, linker, lexicon, _NEIGHBOURS, issued))
    conflicting = [p for p in found if p.verdict == Agreement.DISAGREE
                   and not _already_known(_stated_read(analysis, p.first), _stated_read(analysis, p.second),
                                          known_mentions, analysis)]
    group: dict[int, int] = {}

    def root(i: int) -> int:
        while group.setdefault(i, i) != i:
            i = group[i]
        return i

    for pair in conflicting:
        group[root(id(pair.first))] = root(id(pair.second))
    members: dict[int, dict[int, tuple]] = {}
    for pair in conflicting:
        for statement in (pair.first, pair.second):
            members.setdefault(root(id(statement)), {})[id(statement)] = (statement, pair)
    for pair in found:  # statements that agree with a member stand beside it
        if pair.verdict != Agreement.AGREE:
            continue
        for member, other in ((pair.first, pair.second), (pair.second, pair.first)):
            if id(member) in group and id(other) not in group:
                members[root(id(member))].setdefault(id(other), (other, pair))
    confidence: dict[int, float] = {}
    for pair in conflicting:
        group_id = root(id(pair.first))
        confidence[group_id] = max(confidence.get(group_id, 0.0), pair.confidence)
    out = []
    for group_id, items in members.items():
        disagreement = _statement_disagreement([s for s, _ in items.values()], confidence[group_id], analysis, lexicon)
        if disagreement is not None:
            out.append(disagreement)
    return out


def _statement_disagreement(statements: list, confidence: float, analysis: CorpusAnalysis, lexicon
                            ) -> Disagreement | None:
    from .compare import agreement

    statements = sorted(statements, key=lambda s: (s.source, s.passage, s.value.start))
    positions: list[tuple[object, list]] = []  # a statement joins the first position all of whose members it agrees with
    for statement in statements:
        for representative, members in positions:
            if all(agreement(member, statement, lexicon) == Agreement.AGREE for member in members):
                members.append(statement)
                break
        else:
            positions.append((statement, [statement]))
    if len(positions) < 2:
        return None
    confidence = round(confidence, 2)
    stated_positions = []
    for representative, members in positions:
        stated = tuple(_stated_read(analysis, s, confidence) for s in members)
        stated_positions.append((stated[0].value.canonical, stated))
    first = positions[0][0]
    kind = first.value.type
    subject = first.subject or next((k for k in first.keys), None)
    (_, (a, *_)), (_, (b, *_)) = stated_positions[:2]
    suggestion = _free_disagreement(a, b, confidence, None, None).suggestion
    return Disagreement(None, subject, first.predicate, kind, confidence, tuple(stated_positions), suggestion)


def _at_least(disagreement: Disagreement, min_confidence: float) -> Disagreement | None:
    """The disagreement without dissenting passages read less surely than min_confidence."""
    (value, own), *others = disagreement.positions
    others = [(v, tuple(s for s in stated if s.confidence >= min_confidence)) for v, stated in others]
    others = [(v, stated) for v, stated in others if stated]
    if not others:
        return None
    dissent = [s for _, stated in others for s in stated]
    return replace(
        disagreement,
        positions=((value, own), *others),
        confidence=round(max(s.confidence for s in dissent), 2),
    )
