"""Statements linked to the registry: which entity a statement is about, which property it states.

The registry names and links what the reading layer reads; it is not the gate of what can be read.
A statement's subject keys (and its verb's direct object: "the states created RATS in 2004" is
RATS's creation) are linked to every entity's name and aliases (reading.linking: the same name, an
acronym the corpus defines, a longer form, a spelling variant); a sentence with no subject at all
(a table line) links to an entity the document's title names, less surely. The entity that
links most surely wins: a statement whose subject links better to another entity ("the Customs
Union, established in 2010") is not about the claim's subject. A property is stated when the
statement's predicate, as written or as its lemma, is a content word of one of the property's cue
phrases, inflected or not ("established" of "establish", "launch*" of "launched").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .. import values
from ..registry import Registry
from ..scoring import LONGER_FORM, SAME_NAME, TITLE_NAMES
from .lexicon import Lexicon, english
from .linking import NOT_NAMES, PHRASE, TITLE, Linker, acronyms, key
from .statements import Statement


@dataclass(frozen=True)
class RegistryLinks:
    registry: Registry
    linker: Linker
    lexicon: Lexicon
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def entity_keys(self) -> dict[str, tuple[str, ...]]:
        """Each entity's names as keys, and a plural name also in the singular (a noun phrase's head is
        its lemma: "joint military exercises" is read as "joint military exercise")."""
        found = {}
        for entity in self.registry.entities.values():
            keys = [k for k in (key(n) for n in entity.names) if k]
            keys += [k[:-1] for k in keys if len(k.split()) >= 2 and k.endswith("s") and not k.endswith("ss")]
            found[entity.id] = tuple(dict.fromkeys(keys))
        return found

    @cached_property
    def cue_words(self) -> dict[str, tuple[str, ...]]:
        """For each property, the content words of its cue phrases (a trailing * kept: a prefix)."""
        found = {}
        for prop in self.registry.properties.values():
            words = []
            for cue in prop.cues:
                words.extend(w for w in cue.lower().split() if w.rstrip("*") not in self.lexicon.function_words)
            found[prop.id] = tuple(dict.fromkeys(words))
        return found

    @cached_property
    def _by_stem(self) -> dict[str, set[str]]:
        """Entities by the first four letters of each word of their names: every way of linking needs
        one such word in common (a spelling variant keeps its start), so only those are compared."""
        index: dict[str, set[str]] = {}
        for entity_id, keys in self.entity_keys.items():
            for name in keys:
                for word in name.split():
                    index.setdefault(word[:4], set()).add(entity_id)
        return index

    def _candidates(self, texts) -> list[str]:
        found: set[str] = set()
        for text in texts:
            for word in text.split():
                found |= self._by_stem.get(word[:4], set())
        return sorted(found)

    def entities_of(self, statement: Statement) -> dict[str, float]:
        """Every entity the statement's subject links to, with the strength of the link."""
        subjectless = self.subjectless(statement)
        memo_key = (statement.keys, statement.objects, subjectless)
        if memo_key in self._memo:
            return self._memo[memo_key]
        names = tuple(k for k in statement.keys if not k.startswith(NOT_NAMES))
        phrases = {k[len(PHRASE):] for k in (*statement.keys, *statement.objects) if k.startswith(PHRASE)}
        titles = [f" {k[len(TITLE):]} " for k in statement.keys if k.startswith(TITLE)] if subjectless else []
        found: dict[str, float] = {}
        words = [*self.linker.expand(names), *(k.removeprefix(PHRASE) for k in statement.objects), *phrases, *titles]
        for entity_id in self._candidates(words):
            keys = self.entity_keys[entity_id]
            strength = self.linker.link(names, keys) if names else 0.0
            if statement.objects:  # "the member states created RATS in 2004" is RATS's creation too
                strength = max(strength, self.linker.link(statement.objects, keys))
            if phrases and phrases.intersection(keys):  # "an SCO development bank": the registry's name, in lower case
                strength = max(strength, SAME_NAME)
            elif phrases and any(_ends_with(phrase, k) or _kind_after(phrase, k) for phrase in phrases for k in keys):
                strength = max(strength, LONGER_FORM)  # "the China-India Doklam standoff", "the X exercise"
            if not strength and not names and any(f" {k} " in title for k in keys for title in titles):
                strength = TITLE_NAMES
            if strength:
                found[entity_id] = strength
        self._memo[memo_key] = found
        return found

    @staticmethod
    def subjectless(statement: Statement) -> bool:
        """The grammar found no subject: only the document's title stands for one."""
        return statement.by in ("title", "label") and not statement.subject and \
            not any(k.startswith(PHRASE) for k in statement.keys)

    @staticmethod
    def named(statement: Statement) -> bool:
        """The grammar found a name for the subject (not only a common noun or the title)."""
        return any(not k.startswith(NOT_NAMES) for k in statement.keys)

    def head_noun(self, statement: Statement) -> str:
        """The head noun of a subject that is a common noun phrase ("declaration", "country")."""
        phrase = next((k[len(PHRASE):] for k in statement.keys if k.startswith(PHRASE)), "")
        words = (phrase or key(statement.subject)).split()
        return self.lexicon.spelling(words[-1]) if words else ""

    def could_describe(self, head: str, entity_id: str) -> bool:
        """A common noun that one of the entity's names contains ("declaration" / "Joint declaration on ...")."""
        spell = self.lexicon.spelling
        forms = {head, head.rstrip("s"), head + "s"}
        return any(spell(word) in forms or spell(word).rstrip("s") in forms
                   for name in self.entity_keys.get(entity_id, ()) for word in name.split())

    def about(self, statement: Statement, entity_id: str) -> float:
        """How surely the statement is about this entity: 0 when another entity links more surely."""
        found = self.entities_of(statement)
        strength = found.get(entity_id, 0.0)
        if not strength or any(other > strength for other in found.values()):
            return 0.0
        return strength

    def states(self, statement: Statement, property_id: str) -> bool:
        """The statement's predicate, or for a count its clause's verb ("arrested 650 terrorists"), is one
        of the property's cue words (as written, inflected, spelt the other way), or of a predicate
        family one of them belongs to ("took place" for "occurred")."""
        if self._names_property(statement.predicate, statement.word or statement.predicate, property_id):
            return True
        return statement.role == "count" and bool(statement.verb) and \
            self._names_property(statement.verb, statement.verb, property_id)

    def _names_property(self, predicate: str, written: str, property_id: str) -> bool:
        spell = self.lexicon.spelling
        lemma, word = spell(predicate), spell(written)
        families = self.lexicon.family_of(predicate)
        for cue in self.cue_words.get(property_id, ()):
            cue = spell(cue)
            if cue.endswith("*"):
                stem = cue[:-1]
                if stem and (word.startswith(stem) or lemma.startswith(stem)):
                    return True
            elif cue in (word, lemma) or self._inflects(cue, lemma):
                return True
            elif families and any(self.lexicon.family_of(form) & families for form in self._lemmas_of(cue)):
                return True
        return False

    def counts_the_same(self, statement: Statement, property_id: str) -> bool:
        """A count's modifiers are words of the property's cues: "international non-governmental
        organisations" are not the "international organizations" a property counts, nor "Chinese troops"
        all the troops."""
        if not statement.qualifiers:
            return True
        if not self._names_property(statement.predicate, statement.word or statement.predicate, property_id):
            return True  # the verb names the property ("killed 121 Chinese soldiers"): modifiers say whom
        spell = self.lexicon.spelling
        words = {spell(w.rstrip("*")) for w in self.cue_words.get(property_id, ())}
        return all(spell(q) in words for q in statement.qualifiers)

    def _lemmas_of(self, cue: str) -> set[str]:
        """What a cue word may be an inflection of: itself, and itself less each inflection suffix."""
        forms = {cue.rstrip("*")}
        if cue in self.lexicon.irregular_past:
            forms.add(self.lexicon.irregular_past[cue])
        for suffix in self.lexicon.inflection_suffixes:
            if cue.endswith(suffix) and len(cue) - len(suffix) >= 3:
                forms.update({cue[: -len(suffix)], cue[: -len(suffix)] + "e"})
        return forms

    def _inflects(self, word: str, lemma: str) -> bool:
        if len(lemma) < 3:
            return False
        stems = (lemma, lemma[:-1]) if lemma.endswith("e") or lemma.endswith("y") else (lemma, lemma + lemma[-1])
        return any(word == stem + suffix for stem in stems for suffix in self.lexicon.inflection_suffixes)

    def same_kind(self, statement: Statement, claim_type: str) -> bool:
        """A value comparable with a claim's: of its family, and no measure (registry values carry no unit)."""
        return not statement.unit and values.family(statement.value.type) == values.family(claim_type) is not None


def registry_links(registry: Registry, texts) -> RegistryLinks:
    """Links to the registry for a corpus: its texts' acronym definitions, and each property's id and
    cue words as one more predicate family."""
    lexicon = english().with_families([[p.id, *p.cues] for p in registry.properties.values()])
    return RegistryLinks(registry, Linker(acronyms(texts)), lexicon)


def _ends_with(phrase: str, name: str) -> bool:
    """A registered name of two or more words ends the phrase: "china india doklam standoff" / "doklam standoff"."""
    return len(name.split()) >= 2 and f" {phrase}".endswith(f" {name}")


def _kind_after(phrase: str, name: str) -> bool:
    """The phrase is a registered name and one word for its kind: "peace mission 2014 exercise"."""
    return len(name.split()) >= 2 and phrase.startswith(name + " ") and len(phrase.split()) == len(name.split()) + 1
