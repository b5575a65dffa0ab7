"""Compare statements, not tokens: do two statements speak of the same fact, and do they agree?

Two statements are about the same fact when their subjects link (reading.linking), their
predicates are one lemma, of one family or of one stem, their values are of one family (two
measures: of one dimension) and their times, where both give one, are the same year. Plans, expectations and
negated statements state no fact to compare. How sure the sameness is comes from the strength of
each link (scoring.py); whether the values agree, from values.compare with their units converted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import values
from .places import Places
from .reading.lexicon import Lexicon
from .reading.linking import Linker
from .reading.statements import Statement
from .registry import Registry
from .scoring import (
    FLOOR, PREDICATE_FAMILY, SAME_PREDICATE, SAME_STEM, SAME_THING, SPAN, THING_SHARE, THING_WORDS, UNDATED,
)
from .verdicts import Agreement

_BUCKET_LIMIT = 200  # statements sharing one predicate beyond which a bucket is too common to pair


@dataclass(frozen=True)
class Pair:
    first: Statement
    second: Statement
    strength: float  # subject link x predicate link, 0 to 1
    verdict: Agreement  # AGREE or DISAGREE (incomparable pairs are not made)

    @property
    def confidence(self) -> float:
        return round(FLOOR + SPAN * self.strength, 2)


def predicate_link(a: Statement, b: Statement, lexicon: Lexicon) -> float:
    if a.predicate == b.predicate:
        return SAME_PREDICATE
    if lexicon.family_of(a.predicate) & lexicon.family_of(b.predicate):
        return PREDICATE_FAMILY
    if a.stem == b.stem:  # "contribute" and "contribution" are both "contribut"
        return SAME_STEM
    return 0.0


def predicate_buckets(statement: Statement, lexicon: Lexicon) -> set:
    """The keys under which a statement is paired: its predicate's lemma, families and stem."""
    return {("lemma", statement.predicate), ("stem", statement.stem),
            *(("family", f) for f in lexicon.family_of(statement.predicate))}


def same_fact(a: Statement, b: Statement, linker: Linker, lexicon: Lexicon, issued: dict | None = None,
              subjects=None) -> float:
    """How surely two statements are about one fact (0: they are not).

    subjects(a, b): how surely their subjects are one, when more than the linker knows (the
    registry's aliases); by default the linker's link of their keys.

    A count, amount or share is "as of" the year its clause gives, else the year its source was
    issued (`issued`: source id -> year); two of them as of different years are different facts,
    and where either year is unknown they are compared only as a hint (UNDATED).
    """
    if a.modal or b.modal or a.negated or b.negated:
        return 0.0
    if values.family(a.value.type) != values.family(b.value.type):
        return 0.0
    if (a.role == "measure") != (b.role == "measure") or a.dimension != b.dimension:
        return 0.0
    time_a, time_b = as_of(a, issued), as_of(b, issued)
    if time_a and time_b and time_a != time_b:
        return 0.0
    undated = values.family(a.value.type) != "time" and not (time_a and time_b)
    if a.qualifiers and b.qualifiers and a.qualifiers != b.qualifiers:
        return 0.0  # "six founding members" and "eight permanent members" count different things
    if a.role == b.role == "count" and _part_within(a, b, lexicon):
        return 0.0  # a part is not the whole: "two new members" are not all "ten members"
    predicate = predicate_link(a, b, lexicon)
    if not predicate:
        return 0.0
    subjects = subjects or (lambda x, y: linker.link(x.keys, y.keys, same_document=x.source == y.source))
    subject = subjects(a, b)
    if subject and (a.has_object or b.has_object):
        # "held a summit in 2006", "held a conference in 2009": a verb with an object states one fact per
        # object, so the objects must be one named thing, or one thing described in the same words
        subject = min(subject, _one_object(a.objects, a.thing_words, b, linker))
    elif not subject and bool(a.agent) != bool(b.agent):
        # "were formalised by the heads of state" and "the heads of state formalised them": the passive's
        # agent is the active's subject, and its subject what the active acts on
        passive, active = (a, b) if a.agent else (b, a)
        actor = subjects(replace(passive, keys=passive.agent), active)
        subject = min(actor, _one_object(passive.keys, passive.thing_words, active, linker)) if actor else 0.0
    return subject * predicate * (UNDATED if undated else 1.0)


def _one_object(keys: tuple[str, ...], words: tuple[str, ...], other: Statement, linker: Linker) -> float:
    """How surely a thing (its link keys and content words) is what `other`'s verb acts on."""
    named = linker.link(keys, other.objects) if keys and other.objects else 0.0
    return max(named, SAME_THING if one_thing(words, other.thing_words) else 0.0)


def one_thing(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two descriptions of what a verb acts on describe one thing: they share THING_WORDS content words
    or more, and most of the shorter one's ("a centre to respond to security threats" and "a security
    threat response centre"); "a summit" and "a summit" share too little to be one."""
    shared = len(set(a) & set(b))
    return shared >= THING_WORDS and shared >= THING_SHARE * min(len(a), len(b))


def _part_within(a: Statement, b: Statement, lexicon: Lexicon) -> bool:
    """One count counts a part of what the other counts, and fits within it: "two new members" and
    "ten members" speak of different things; "twelve new members" against "ten members" still
    disagree. A part is a count whose noun has words before it that narrow it: not a word that
    only describes ("three basic elements"), nor the other's noun ("eight member states")."""
    narrow_a = set(a.qualifiers) - lexicon.descriptive_adjectives - {b.predicate}
    narrow_b = set(b.qualifiers) - lexicon.descriptive_adjectives - {a.predicate}
    if bool(narrow_a) == bool(narrow_b):
        return False
    part, whole = (a, b) if narrow_a else (b, a)
    return part.value.high <= whole.value.low


def as_of(statement: Statement, issued: dict | None) -> str | None:
    """The year a statement's fact holds for: its clause's year, else (a count, amount or share) the
    year its source was issued; None when neither is known."""
    if statement.time or values.family(statement.value.type) in ("time", None):
        return statement.time  # a place holds as of no year but its clause's: where a body is, or an event was
    year = (issued or {}).get(statement.source)
    return str(year) if year else None


def agreement(a: Statement, b: Statement, lexicon: Lexicon) -> Agreement:
    """values.compare, with measures in one unit: Agreement.AGREE, DISAGREE or INCOMPARABLE; two
    places, by where the gazetteer puts them (places.Places.agreement, with no registry)."""
    if a.value.type == b.value.type == "place":
        return _UNREGISTERED.agreement(a.value.canonical, b.value.canonical)
    return values.compare(_in_base_unit(a, lexicon), _in_base_unit(b, lexicon))


_UNREGISTERED = Places(Registry({}, {}, ()))


def _in_base_unit(statement: Statement, lexicon: Lexicon) -> values.Value:
    if not statement.unit:
        return statement.value
    unit = next((u for u in lexicon.units.values() if u.symbol == statement.unit), None)
    if unit is None:
        return statement.value
    return replace(statement.value, low=statement.value.low * unit.factor, high=statement.value.high * unit.factor)


def pairs(statements: list[Statement], linker: Linker, lexicon: Lexicon, neighbours: int = 0, issued: dict | None = None):
    """Every pair of statements about one fact, with whether their values agree.

    Candidates share a predicate or a predicate family, so the work grows with the statements of
    each predicate, not with the square of the corpus. Statements of one passage, or of passages
    closer than `neighbours` in one source (list items, table rows), are not paired.
    """
    buckets: dict[object, list[int]] = {}
    for i, statement in enumerate(statements):
        for bucket in predicate_buckets(statement, lexicon):
            buckets.setdefault(bucket, []).append(i)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > _BUCKET_LIMIT:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                a, b = statements[i], statements[j]
                if a.source == b.source and abs(a.passage - b.passage) <= neighbours:
                    continue
                strength = same_fact(a, b, linker, lexicon, issued)
                if not strength:
                    continue
                verdict = agreement(a, b, lexicon)
                if verdict != Agreement.INCOMPARABLE:
                    yield Pair(a, b, strength, verdict)
