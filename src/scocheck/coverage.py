"""How much of the corpus the registry covers.

A passage is *checkable* when a cue word of a registry property stands near
a registry name and a value of a type that property takes (a date, number,
amount, percent, or a place) stands near both, outside citations and
references. It is *covered* when a registered quote (evidence or
disputed_by) lies in it. The rest is what a maintainer still has to register
or dismiss.
"""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Mention
from .mentions import Analysis, CorpusAnalysis, word_gap


@dataclass(frozen=True)
class Coverage:
    checkable: int
    covered: int
    uncovered: tuple[Mention, ...]

    @property
    def percent(self) -> float:
        return 100.0 if self.checkable == 0 else round(100.0 * self.covered / self.checkable, 1)


def coverage(analysis: CorpusAnalysis) -> Coverage:
    registered = analysis.registered_spans
    checkable = covered = 0
    uncovered = []
    for item in analysis.analyses:
        if not is_checkable(item, analysis):
            continue
        checkable += 1
        mention = analysis.mention(item.passage)
        if any(start < mention.end and mention.start < end for start, end in registered.get(mention.source, ())):
            covered += 1
        else:
            uncovered.append(mention)
    return Coverage(checkable, covered, tuple(uncovered))


NEAR = 8  # words between a value and its cue-and-name frame for the sentence to state it


def is_checkable(item: Analysis, analysis: CorpusAnalysis) -> bool:
    """Does the passage state a value, of a type its property takes, next to a cue word and a name?"""
    types_of = analysis.types_of
    entities = analysis.vocab.registry.entities
    ignored = [(h.start, h.end) for h in item.names] + list(item.references)
    numbers = [
        (item.token_of(v.start), v)
        for v in item.values
        if not any(start <= v.start and v.end <= end for start, end in ignored)
    ]
    for cue in item.cues:
        types = set().union(*(types_of.get(key, set()) for key in cue.keys))
        for name in item.names:
            if word_gap(cue.token, cue.tokens, name.token, name.tokens) > NEAR:
                continue
            first = min(cue.token, name.token)
            last = max(cue.token + cue.tokens, name.token + name.tokens)
            for token, value in numbers:
                family = {"date": "year"}.get(value.type, value.type)
                if family in types or (family == "year" and "date" in types):
                    if word_gap(first, last - first, token, 1) <= NEAR:
                        return True
            if "place" in types:
                for other in item.names:
                    if other is not name and entities[other.keys[0]].is_place and \
                            word_gap(first, last - first, other.token, other.tokens) <= NEAR:
                        return True
    return False
