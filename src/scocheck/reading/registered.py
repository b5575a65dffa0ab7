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

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from .. import values
from ..registry import Registry
from ..scoring import DESCRIBED, LONGER_FORM, OWNED_FORM, SAME_NAME, TITLE_NAMES
from ..verdicts import Agreement
from .lexicon import Lexicon, Unit, english
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
    def named_kinds(self) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
        """Each entity's names as (head noun, words): the head is the last word before the name's first
        comma, bracket or small word, digits aside ("summit" of "SCO Ufa summit (2015)", "withdrawal"
        of "withdrawal of ISAF forces")."""
        spell, small = self.lexicon.spelling, self.lexicon.function_words
        found = {}
        for entity in self.registry.entities.values():
            kinds = []
            for name in entity.names:
                words = key(re.split(r"[,(]", name)[0]).split()
                cut = next((i for i, w in enumerate(words) if i and w in small), len(words))
                head = next((w for w in reversed(words[:cut]) if not w.isdigit()), "")
                if head:
                    kinds.append((spell(head), frozenset(spell(w) for w in key(name).split())))
            found[entity.id] = tuple(kinds)
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

    def _kind(self, entity_id: str) -> str:
        """The entity's kind as a noun ("exercise")."""
        return self.registry.entities[entity_id].kind.lower()

    def _candidates(self, texts) -> list[str]:
        found: set[str] = set()
        for text in texts:
            for word in text.split():
                found |= self._by_stem.get(word[:4], set())
        return sorted(found)

    def entities_of(self, statement: Statement) -> dict[str, float]:
        """Every entity the statement's subject or its verb's object links to, with the strength of the link."""
        subject, thing = self._links(statement)
        return {e: max(subject.get(e, 0.0), thing.get(e, 0.0)) for e in {**subject, **thing}}

    def _links(self, statement: Statement) -> tuple[dict[str, float], dict[str, float]]:
        """The entities the subject links to, and those the verb's object links to ("the member states
        created RATS in 2004" is RATS's creation too; "the SCO held its Ufa summit in 2015", the summit's)."""
        subjectless = self.subjectless(statement)
        memo_key = (statement.keys, statement.objects, subjectless, statement.description, statement.object_description)
        if memo_key in self._memo:
            return self._memo[memo_key]
        names = tuple(k for k in statement.keys if not k.startswith(NOT_NAMES))
        phrases = {k[len(PHRASE):] for k in statement.keys if k.startswith(PHRASE)}
        titles = [f" {k[len(TITLE):]} " for k in statement.keys if k.startswith(TITLE)] if subjectless else []
        subject = self._linked(names, phrases, titles)
        if not subject or statement.by == "owner":  # "the 2011 summit of the League" is the summit, if registered
            subject = self._described(statement.description, names) or subject
        for entity_id, strength in self._nominal(statement, names, phrases).items():
            subject[entity_id] = max(strength, subject.get(entity_id, 0.0))
        object_names = tuple(k for k in statement.objects if not k.startswith(NOT_NAMES))
        object_phrases = {k[len(PHRASE):] for k in statement.objects if k.startswith(PHRASE)}
        thing = self._linked(object_names, object_phrases, []) or self._described(statement.object_description, names)
        self._memo[memo_key] = (subject, thing)
        return subject, thing

    def _linked(self, names, phrases, titles) -> dict[str, float]:
        found: dict[str, float] = {}
        for entity_id in self._candidates([*self.linker.expand(names), *phrases, *titles]):
            keys = self.entity_keys[entity_id]
            strength = self.linker.link(names, keys) if names else 0.0
            if phrases and phrases.intersection(keys):  # "an SCO development bank": the registry's name, in lower case
                strength = max(strength, SAME_NAME)
            elif phrases and any(_ends_with(phrase, k, self.lexicon.function_words)
                                 or _kind_after(phrase, k, self._kind(entity_id))
                                 for phrase in phrases for k in keys):
                strength = max(strength, LONGER_FORM)  # "the China-India Doklam standoff", "the X exercise"
            elif phrases and any(self._owned_form(phrase, k) for phrase in phrases for k in keys):
                strength = max(strength, OWNED_FORM)  # "the joint military exercises" of the SCO
            if not strength and not names and any(f" {k} " in title for k in keys for title in titles):
                strength = TITLE_NAMES
            if strength:
                found[entity_id] = strength
        return found

    def _owned_form(self, phrase: str, name: str) -> bool:
        """The registered name is the phrase after the name of another registered entity, its owner:
        "sco joint military exercise" of "joint military exercise"."""
        owner = name[: len(name) - len(phrase)].strip()
        return bool(owner) and name.endswith(f" {phrase}") and owner in self._all_names

    @cached_property
    def _all_names(self) -> frozenset[str]:
        return frozenset(k for keys in self.entity_keys.values() for k in keys)

    def _described(self, description: str, agent: tuple[str, ...]) -> dict[str, float]:
        """The one entity a description fits best ("summit|ufa|": a summit in Ufa): a registered name
        whose head noun is the description's and that holds every name anchoring it. Of several, the one
        whose name holds the clause's subject ("the Marsh Union held a summit in Kell"), then the
        description's other words ("founding") wins; a tie links none: which of the town's summits
        is meant, the sentence does not say (its date cannot, being what is checked)."""
        if not description:
            return {}
        spell = self.lexicon.spelling
        head, anchors, modifiers = (set(spell(w) for w in part.split()) for part in description.split("|"))
        # Anchors that are a year or together make a registered name ("sco", "st petersburg") must be in
        # the name; the others ("council", "heads", "state" of "Council of Heads of State") only rank,
        # unless none is of the first kind.
        required = {a for a in anchors if a.isdigit()}
        for word in anchors:
            for name in self._names_by_word.get(word, ()):
                if name <= anchors:  # "st petersburg" of "a summit in St. Petersburg"
                    required |= name
        if not required:
            # no anchor is a name of its own: all of them must be in the name ("the Tiananmen Square
            # attack" for the registered "Tiananmen Square terrorist attack")
            required = anchors
        if not required:
            return {}
        agent_words = {spell(w) for k in agent for w in k.split()}
        ranked = []
        for entity_id in self._candidates(required):
            for kind, words in self.named_kinds[entity_id]:
                if not _same_noun(kind, head) or not required <= words:
                    continue
                rank = (len(anchors & words), bool(agent_words) and agent_words <= words, len(modifiers & words))
                ranked.append((rank, entity_id))
        return _unique_best(ranked)

    @cached_property
    def _names_by_word(self) -> dict[str, tuple[frozenset[str], ...]]:
        """Each word of the registered names, with the names (as sets of words) it is in."""
        found: dict[str, set[frozenset[str]]] = {}
        for keys in self.entity_keys.values():
            for name in keys:
                words = frozenset(self.lexicon.spelling(w) for w in name.split())
                for word in words:
                    found.setdefault(word, set()).add(words)
        return {word: tuple(names) for word, names in found.items()}

    def _nominal(self, statement: Statement, names, phrases) -> dict[str, float]:
        """An event registered by its noun and who did it ("withdrawal of ISAF forces") for a statement
        whose predicate is that noun's verb and whose subject is named in it ("ISAF forces withdrew")."""
        spell = self.lexicon.spelling
        verb = spell(statement.predicate)
        if statement.role != "governed" or len(verb) < 4 or " " in verb:
            return {}
        subject_words = [{spell(w) for w in k.split()} for k in (*names, *phrases)]
        ranked = []
        for entity_id in self._candidates([*names, *phrases]):
            for kind, words in self.named_kinds[entity_id]:
                if kind == verb or not _derived(kind, verb):
                    continue
                if any(ws and all(any(_same_noun(w, x) for x in words) for w in ws) for ws in subject_words):
                    ranked.append(((), entity_id))
        return _unique_best(ranked)

    def about(self, statement: Statement, entity_id: str) -> float:
        """How surely the statement is about this entity as its subject, or as its verb's object: 0 when
        another entity links more surely in that role."""
        strength = 0.0
        for found in self._links(statement):
            mine = found.get(entity_id, 0.0)
            if mine and not any(other > mine for other in found.values()):
                strength = max(strength, mine)
        return strength

    def states_claim(self, statement: Statement, claim) -> float:
        """How surely the statement states the claim's fact (0: it does not): a value of its kind, of its
        property, counting what it counts, about its subject. A plan or a negation states no fact."""
        if statement.modal or statement.negated or not self.same_kind(statement, claim):
            return 0.0
        if not self.states(statement, claim.property) or not self.counts_the_same(statement, claim.property):
            return 0.0
        if statement.role == "governed" and self.acts_on_other(statement, claim.subject, claim.property):
            return 0.0
        if claim.object is not None:
            subject, thing = self._links(statement)
            if not _best(thing, claim.object):
                return 0.0  # "Norland joined the Marsh Union" states nothing of its joining the League
            return subject.get(claim.subject, 0.0) if _best(subject, claim.subject) else 0.0
        return self.about(statement, claim.subject)

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

    def reads_otherwise(self, statement: Statement, entity_id: str, property_id: str) -> bool:
        """The grammar reads this value as a statement of something else than the entity's property:
        about another subject (a named one, or a common noun the registry does not name as it), or,
        for a count, a count of another thing ("two new acceding members" counts no dialogue partners)."""
        if statement.role == "count" and not (self.states(statement, property_id)
                                              and self.counts_the_same(statement, property_id)):
            return True  # another thing counted, or a part of it ("six junior members")
        if statement.role == "governed" and self.acts_on_other(statement, entity_id, property_id):
            return True
        if self.about(statement, entity_id) or self.subjectless(statement):
            return False
        if self.named(statement):
            return True  # the grammar names another subject
        # a common noun: another subject unless it could be a description of the entity ("the
        # declaration" of a registered declaration) or is the counted thing itself
        head = self.head_noun(statement)
        if not head or (statement.role == "count" and head in statement.word):
            return False
        if head in self.lexicon.owner_attribute_nouns and self._owned_by(statement, entity_id):
            return False  # "the Council's address", "the Hurd's first release": the owner's own
        return not self.could_describe(head, entity_id)

    def _owned_by(self, statement: Statement, entity_id: str) -> bool:
        """The subject's phrase begins with one of the entity's names ("hurd first test release")."""
        phrases = [k[len(PHRASE):] for k in statement.keys if k.startswith(PHRASE)]
        return any(f"{phrase} ".startswith(f"{name} ") for phrase in phrases for name in self.entity_keys.get(entity_id, ()))

    def acts_on_other(self, statement: Statement, entity_id: str, property_id: str) -> bool:
        """The value dates or places what was done to a thing the registry does not name: the verb's
        object is a common noun that links to no entity, could not describe this one and names no cue of
        the property ("The League opened a liaison office in Rome in 1990" is the office's opening, not
        the League's founding; "gained observer status in 1990" names the property in its object)."""
        if not statement.objects or any(not k.startswith(NOT_NAMES) for k in statement.objects) or \
                self._links(statement)[1]:
            return False
        phrases = [k[len(PHRASE):] for k in statement.objects if k.startswith(PHRASE)]
        cues = [self.lexicon.spelling(c.rstrip("*")) for c in self.cue_words.get(property_id, ())]
        if any(statement.predicate in p.split() or any(f" {c}" in f" {p}" for c in cues) for p in phrases):
            return False  # the object carries the predicate: "gained observer status", "became a member"
        heads = [self._phrase_head(p) for p in phrases]
        return bool(heads) and not any(h and self.could_describe(h, entity_id) for h in heads)

    def _phrase_head(self, phrase: str) -> str:
        """The head noun of a noun phrase as written: its last word before a function word ("meeting"
        of "meeting of ministers in 1990")."""
        words = []
        for word in phrase.split():
            if word in self.lexicon.function_words:
                break
            words.append(word)
        return self.lexicon.spelling(words[-1]) if words else ""

    def could_describe(self, head: str, entity_id: str) -> bool:
        """A common noun that one of the entity's names contains ("declaration" / "Joint declaration on ...")."""
        spell = self.lexicon.spelling
        forms = {head, head.rstrip("s"), head + "s"}
        return any(spell(word) in forms or spell(word).rstrip("s") in forms
                   for name in self.entity_keys.get(entity_id, ()) for word in name.split())

    def states(self, statement: Statement, property_id: str) -> bool:
        """The statement's predicate, or for a count or a measure its clause's verb ("arrested 650
        terrorists", "appointed for five years"), is one of the property's cue words (as written,
        inflected, spelt the other way), or of a predicate family one of them belongs to ("took place"
        for "occurred")."""
        if self._names_property(statement.predicate, statement.word or statement.predicate, property_id):
            return True
        return statement.role in ("count", "measure") and bool(statement.verb) and \
            self._names_property(statement.verb, statement.verb, property_id)

    def _names_property(self, predicate: str, written: str, property_id: str) -> bool:
        spell = self.lexicon.spelling
        lemma, word = spell(predicate), spell(written)
        families = self.lexicon.family_of(predicate)
        for cue in self.cue_words.get(property_id, ()):
            cue = spell(cue)
            stem = cue[:-1] if cue.endswith("*") else ""
            if stem and (word.startswith(stem) or lemma.startswith(stem)):
                return True
            if not stem and (cue in (word, lemma) or self._inflects(cue, lemma)):
                return True
            if families and any(self.lexicon.family_of(form) & families for form in self._lemmas_of(stem or cue)):
                return True  # "took place" for "occur*": one family
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
        return all(spell(q) in words for q in statement.qualifiers if q not in self.lexicon.descriptive_adjectives)

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

    def same_kind(self, statement: Statement, claim) -> bool:
        """A value comparable with a claim's: of its family, a measure only in the dimension of the
        unit the claim's own words give its value ("a 7,000 km border"; registry values carry none),
        a place only when the registry or the gazetteer knows it (a name the grammar reads after "in"
        may be a hall)."""
        if claim.type == "place":
            return statement.value.type == "place" and self.registry.places.known(statement.value.canonical)
        if values.family(statement.value.type) != values.family(claim.type) or values.family(claim.type) is None:
            return False
        if not statement.unit:
            return True
        unit = self.claim_unit(claim)
        return unit is not None and unit.dimension == statement.dimension

    def claim_unit(self, claim) -> Unit | None:
        """The unit written after the claim's value in its statement or an evidence quote, if any."""
        memo_key = ("unit", claim.id)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._unit_of(claim)
        return self._memo[memo_key]

    def _unit_of(self, claim) -> Unit | None:
        for text in (claim.statement, *(e.quote for e in claim.evidence)):
            for value in values.extract(text):
                words = text[value.end :].split()
                if words and values.compare(claim.value, value) == Agreement.AGREE:
                    unit = self.lexicon.units.get(words[0].strip(".,;:()").lower())
                    if unit is not None:
                        return unit
        return None

    def claim_value(self, statement: Statement, claim) -> values.Value:
        """The statement's value written as the claim's: a date as a year for a year claim, a place by
        its registered (else the gazetteer's) name, a measure in the unit of the claim's value ("14 km" against metres)."""
        value = statement.value
        if claim.type == "year":
            return values.as_type(value, "year")
        if claim.type == "place":
            return replace(value, canonical=self.registry.places.canonical(value.canonical))
        if not statement.unit:
            return value
        mine = next((u for u in self.lexicon.units.values() if u.symbol == statement.unit), None)
        theirs = self.claim_unit(claim)
        if mine is None or theirs is None or mine.factor == theirs.factor:
            return value
        ratio = mine.factor / theirs.factor
        return replace(value, low=value.low * ratio, high=value.high * ratio)


def registry_links(registry: Registry, texts) -> RegistryLinks:
    """Links to the registry for a corpus: its texts' acronym definitions, and each property's id and
    cue words as one more predicate family."""
    lexicon = english().with_families([[p.id, *p.cues] for p in registry.properties.values()])
    return RegistryLinks(registry, Linker(acronyms(texts)), lexicon)


def _ends_with(phrase: str, name: str, small: frozenset[str]) -> bool:
    """A registered name of two or more words ends the phrase, after words that modify it: "china india
    doklam standoff" / "doklam standoff". After a small word the name is not the phrase's head: "russia
    contingent in peace mission 2014" is a contingent."""
    if len(name.split()) < 2 or not f" {phrase}".endswith(f" {name}"):
        return False
    return not small.intersection(phrase[: len(phrase) - len(name)].split())


def _kind_after(phrase: str, name: str, kind: str) -> bool:
    """The phrase holds a registered name of two or more words and, after it, up to three words that end
    in the entity's kind: "peace mission 2014 exercise", "sco peace mission 2012 anti terrorist
    exercise" for an exercise (but "shanghai five summit" is no group)."""
    if len(name.split()) < 2:
        return False
    at = f" {phrase} ".find(f" {name} ")
    after = phrase[at + len(name):].split() if at != -1 else []
    return 1 <= len(after) <= 3 and _same_noun(after[-1], kind)


def _same_noun(a: str, b) -> bool:
    """One noun, singular or plural ("force", "forces"); b may be a set of nouns."""
    forms = b if isinstance(b, (set, frozenset)) else {b}
    return any(a == x or a == x + "s" or x == a + "s" for x in forms)


def _derived(noun: str, verb: str) -> bool:
    """A noun made from the verb by a suffix: "withdrawal" / "withdraw", "closure" / "close"."""
    stem = verb[:-1] if verb.endswith("e") else verb
    return noun.startswith(stem) and 0 < len(noun) - len(stem) <= 5


def _best(found: dict[str, float], entity_id: str) -> bool:
    """The entity links, and none links more surely."""
    mine = found.get(entity_id, 0.0)
    return bool(mine) and not any(other > mine for other in found.values())


def _unique_best(ranked) -> dict[str, float]:
    """The entity of the best rank when no other entity shares it, linked as DESCRIBED."""
    if not ranked:
        return {}
    best = max(rank for rank, _ in ranked)
    winners = {entity_id for rank, entity_id in ranked if rank == best}
    return {winners.pop(): DESCRIBED} if len(winners) == 1 else {}
