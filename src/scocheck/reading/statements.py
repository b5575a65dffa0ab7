"""Statements from grammar: each value in a sentence bound to its own clause, subject and predicate.

A sentence is parsed (reading.parser); each typed value found in it (values.extract) is placed in
the dependency tree, and the tree says what the value is a value of:

- a number that counts a noun ("69 tornadoes", "two live albums") states a *count*; its predicate
  is the noun's lemma. A number of a unit ("80 km", "5 metres") is a *measure*: its predicate is
  the noun it measures ("range") or else its dimension ("length");
- a value that is the object of a preposition ("published in 1967") or of a verb, or the subject
  of a verb ("three survived"), is governed by that word: its predicate is the verb's lemma
  ("publish", "survive"), or the noun's ("the salinity of 0.13%");
- a value after a copula ("the range is 2 metres") is an *attribute* of the copula's subject noun;
- a table or infobox line, "Born<TAB>27 August 1968", "Distance: 1,342 km", states its label;
- a life span after a name, "(1838–1881)", states when the person was born and died.

The subject is the governing verb's grammatical subject; a relative or participial clause gives
the noun it modifies ("the Customs Union, established in 2010"), a coordination the first verb's
subject; appositions add their names ("a second book, A Life on Film"). A pronoun ("It", "He")
stands for the previous sentence's subject; a sentence that names no subject, and every subject
that is only a common noun, also carries its document's title. Modality (plans, expectations),
negation and an explicit time ("As of 2018", "in 1999" beside a count) are qualifiers.

Nothing here knows what a corpus is about: English words are data (reading/data/english.yaml).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from functools import cached_property

from .. import values
from ..values import Value
from .lexicon import Lexicon, english, stems
from .linking import DESCRIPTION, PHRASE, TITLE, key, title_key

_TEMPORAL = {"year", "date"}
_POSTCODE_REACH = 16  # characters after an address's town that may hold its region and postcode ("MA 02138")
_NAME_ENTITIES = {"PERSON", "ORG", "GPE", "WORK_OF_ART", "FAC", "EVENT", "PRODUCT", "NORP", "LOC", "LAW"}
_TIME_ENTITIES = {"DATE", "TIME"}
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ"}  # the parts of speech that say what a phrase is about


@dataclass(frozen=True, slots=True)
class Statement:
    """One value a sentence states, with what it is about."""

    source: str
    passage: int  # index of the passage in its document
    subject: str  # as written ("A Life on Film", "the surface water"); "" when the title stands in
    keys: tuple[str, ...]  # link keys of the subject (reading.linking): names, then the title if it applies
    by: str  # how the subject was found: grammar | apposition | pronoun | label | life-span | title | author
    predicate: str  # lemma of the word that governs the value ("publish", "tornado", "salinity")
    role: str  # count | measure | attribute | label | life-span | governed
    value: Value  # span relative to the passage text
    unit: str = ""  # a measure's unit symbol ("km"), else ""
    dimension: str = ""  # a measure's dimension ("length"), else ""
    time: str | None = None  # the year an explicit time qualifier in the clause gives
    modal: bool = False  # a plan, expectation or proposal
    negated: bool = False
    word: str = ""  # the predicate as written, lower case ("held" for "hold"): registry cue words are written so
    verb: str = ""  # the clause's verb as written, lower case ("arrested" in "arrested 650 terrorists")
    objects: tuple[str, ...] = ()  # link keys of the governing verb's direct object ("created RATS in 2004")
    has_object: bool = False  # the governing verb has a direct object, named or not ("held a summit")
    qualifiers: tuple[str, ...] = ()  # a counted noun's modifiers ("founding" members, "live" albums), or a
    #                                   light verb's noun's ("dialogue partner" status)
    # A subject or object that is a common noun, described by the names that anchor it (_Sentence._described):
    # "a summit in Ufa" -> "summit|ufa|", "the second Ufa summit" -> "summit|ufa|second"; "" when none does
    description: str = ""
    object_description: str = ""
    # What the governing verb acts on, named or not, as the sorted stems of its content words: its object
    # phrase with its clauses ("a centre to respond to threats" -> centr, respond, threat), else its clausal
    # complement ("suggested that cooperation cover terrorism"); occasions ("at the 2011 summit") left out
    thing_words: tuple[str, ...] = ()
    # a passive verb's agent, as link keys ("were formalised by the heads of state"); then the subject is what
    # the agent acted on, and thing_words describe it
    agent: tuple[str, ...] = ()
    stem: str = ""  # the predicate's words as stems ("contribut"): a verb and its noun; set when not given

    def __post_init__(self):
        if not self.stem:  # a statement read from the store brings its stem: a warm run stems nothing
            object.__setattr__(self, "stem", " ".join(stems(self.predicate.split())))

    def as_json(self) -> dict:
        data = asdict(self)
        data["value"] = asdict(self.value)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Statement:
        fields = dict(data)
        fields["value"] = Value(**fields["value"])
        fields["keys"] = tuple(fields["keys"])
        fields["objects"] = tuple(fields.get("objects", ()))
        fields["qualifiers"] = tuple(fields.get("qualifiers", ()))
        fields["thing_words"] = tuple(fields.get("thing_words", ()))
        fields["agent"] = tuple(fields.get("agent", ()))
        return cls(**fields)


def read_passages(source: str, passages, title: str | None, references=None, lexicon: Lexicon | None = None,
                  raw_gap=None, reported: int | None = None) -> list[Statement]:
    """The statements of a document's passages, in order.

    references(text) gives spans to skip (citations); raw_gap(passage, start, end) gives the raw
    text behind passage.text[start:end], so a tab that normalisation turned into a space still
    marks a table cell. reported: the year of a news report, which its "Thursday" and "hours
    before" mean (report_years).
    """
    from .parser import parse

    lexicon = lexicon or english()
    passages = list(passages)
    docs = parse([p.text for p in passages])
    found: list[Statement] = []
    previous: tuple[str, tuple[str, ...]] | None = None  # the last sentence's named subject, for pronouns
    title_keys = (title_key(title),) if title else ()
    last_year: int | None = None  # the last year the document stated, for "the following year"
    for passage, doc in zip(passages, docs):
        gap = (lambda start, end, passage=passage: raw_gap(passage, start, end)) if raw_gap else None
        reader = _Sentence(source, passage.index, passage.text, doc, lexicon, title or "", title_keys, previous, gap)
        skipped = references(passage.text) if references else []
        numbering = reader.address_numbers()  # "1000 Massachusetts Ave., Cambridge, MA 02138" counts nothing
        stated = [v for v in values.extract(passage.text)
                  if not any(s <= v.start and v.end <= e for s, e in [*skipped, *numbering])]
        relative = relative_years(passage.text, stated, last_year, lexicon) + \
            report_years(passage.text, stated, reported, lexicon)
        stated = [v for v in stated if not any(r.start <= v.start and v.end <= r.end for r in relative)]  # "two" years
        for value in sorted([*stated, *relative], key=lambda v: v.start):
            found.extend(reader.read(value))
        found.extend(reader.places(skipped))
        found.extend(reader.addresses(skipped))
        years = [v for v in [*stated, *relative] if v.type in _TEMPORAL]
        last_year = int(max(years, key=lambda v: v.start).canonical[:4]) if years else last_year
        previous = reader.main_subject() or reader.trailing_name() or previous
    return _life_spans_merged(found)


def spoken_by(statements: list[Statement], authors, lexicon: Lexicon | None = None) -> list[Statement]:
    """The statements with the document's first person read as its author: "In January 1984 I quit my
    job" in a memoir by one person is that person's act, "We ship every order" in a leaflet by one
    body is the body's. authors: the document's CSL author list; with several authors, or none,
    "I" and "we" stay unresolved (the title stands in, as for any sentence that names no one)."""
    lexicon = lexicon or english()
    if not isinstance(authors, list) or len(authors) != 1 or not isinstance(authors[0], dict):
        return statements
    author = authors[0]
    if author.get("family"):  # a person: "Ana Lima", and "Lima" as a writer names her in a phrase
        full = " ".join(str(author[part]) for part in ("given", "family") if author.get(part))
        names, speaking = [full, str(author["family"])], lexicon.first_person_singular
    elif author.get("literal"):
        names, speaking = [str(author["literal"])], lexicon.first_person_plural
    else:
        return statements
    author_keys = tuple(dict.fromkeys(k for k in map(key, names) if k))
    if not author_keys:
        return statements

    def owned(k: str) -> list[str]:  # "np:my job" -> "np:ana lima job", "np:lima job", as "her job" is read "lima job"
        prefix, _, words = k.rpartition(":")
        first, _, rest = words.partition(" ")
        return [f"{prefix}:{name} {rest}" for name in author_keys] if prefix and rest and first in speaking else [k]

    spoken = []
    for s in statements:
        if s.subject.lower() in speaking:
            s = replace(s, keys=(author_keys[0], *(k for k in s.keys if k.startswith(TITLE))), by="author")
        objects = tuple(dict.fromkeys(o for k in s.objects for o in owned(k)))
        spoken.append(replace(s, objects=objects) if objects != s.objects else s)
    return spoken


def relative_years(text: str, stated: list[Value], last_year: int | None, lexicon: Lexicon) -> list[Value]:
    """Years a passage tells relative to the last one stated before them, in it or earlier in the
    document: "The following year" after 2007 is 2008, "two years later" 2009 (lexicon.relative_years
    and years_after_words). None without a year before them."""
    found = []
    for match in lexicon.relative_year_pattern.finditer(text):
        if any(v.start < match.end() and match.start() < v.end and v.type in _TEMPORAL for v in stated):
            continue  # "in 2009, two years later" states its year
        before = [v for v in stated if v.end <= match.start() and v.type in _TEMPORAL]
        anchor = int(before[-1].canonical[:4]) if before else last_year
        if match["phrase"]:
            offset = lexicon.relative_years[match["phrase"].lower()]
        else:
            count = values.extract(match["count"])
            if len(count) != 1 or count[0].type != "number" or not count[0].canonical.isdigit():
                continue
            offset = int(count[0].canonical) * lexicon.years_after_words[match["way"].lower()]
        if anchor is not None:
            found.append(_year_at(anchor + offset, match.start(), match.end()))
    return found


def report_years(text: str, stated: list[Value], reported: int | None, lexicon: Lexicon) -> list[Value]:
    """The report's year where a news report says "Thursday" or "hours before" (lexicon.report_time),
    unless the passage states a time there itself ("on Thursday, 5 May 2005")."""
    if reported is None:
        return []
    found = []
    for match in lexicon.report_time_pattern.finditer(text):
        if not any(v.type in _TEMPORAL and v.start - 3 <= match.end() and match.start() <= v.end + 3 for v in stated):
            found.append(_year_at(reported, match.start(), match.end()))
    return found


def _life_spans_merged(statements: list[Statement]) -> list[Statement]:
    """Two dates read both as a life span and as governed values: keep the life span."""
    spans = {(s.passage, s.value.start) for s in statements if s.role == "life-span"}
    return [s for s in statements if s.role == "life-span" or (s.passage, s.value.start) not in spans]


class _Sentence:
    def __init__(self, source, index, text, doc, lexicon, title, title_keys, previous, raw_gap=None):
        self.source, self.index, self.text, self.doc = source, index, text, doc
        self.lexicon, self.title, self.title_keys, self.previous = lexicon, title, title_keys, previous
        self.raw_gap = raw_gap

    # --- a value's place in the tree -------------------------------------------------------------

    def read(self, value: Value) -> list[Statement]:
        tokens = [t for t in self.doc if t.idx < value.end and t.idx + len(t.text) > value.start]
        if not tokens:
            return []
        life = self._life_span(value, tokens)
        if life is not None:
            return life
        label = self._label(value)
        if label is not None:
            return [label]
        inside = {t.i for t in tokens}
        root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])
        value = self._early_year(value, root)
        before = self.doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if (root.dep_ == "compound" and root.head.pos_ == "PROPN") or \
                (value.type == "year" and before is not None and before.pos_ == "PROPN"):
            return []  # part of a name: "Peace Mission 2014", "Flight 90", "the Kell Shield 2019 exercise"
        return [s for s in (self._governed(value, tokens, root),) if s is not None]

    def places(self, skipped) -> list[Statement]:
        """"The summit was held in Ufa": a name after a preposition of place beside a verb states where
        what the verb says happened; its value is the name as written (type "place"). Beside a copula
        it says where the subject is ("The Secretariat is in Beijing": lexicon.copula_of_place)."""
        found = []
        for prep in self.doc:
            verb = prep.head
            if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "nsubj", "nsubjpass"):
                verb = verb.head  # "held its summit in Ufa": where the summit was is where it was held
            if prep.dep_ != "prep" or prep.lower_ not in self.lexicon.place_prepositions:
                continue
            copula = verb.lemma_ in self.lexicon.copulas
            if verb.pos_ != "VERB" and not copula:
                continue
            predicate = self.lexicon.copula_of_place if copula else self._lemma(verb)
            for name in (g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ not in _TIME_ENTITIES):
                span = self._propn_span(name)
                if span is None or self._names_a_noun(name, span[1]):
                    continue
                start, end = self.doc[span[0]].idx, self.doc[span[1]].idx + len(self.doc[span[1]].text)
                if any(s <= start and end <= e for s, e in skipped):
                    continue
                value = Value("place", self.text[start:end], 0, 0, start=start, end=end)
                statement = self._statement(value, verb, predicate, "governed", None)
                if statement is not None:
                    found.append(statement)
        return found

    @cached_property
    def _addresses(self) -> list[tuple[str, int, int, int]]:
        """Each postal address after a name: the name, where the street begins, and the town's span
        (lexicon.address_pattern), when the gazetteer knows the town."""
        from .. import gazetteer

        found = []
        for match in self.lexicon.address_pattern.finditer(self.text):
            town = match.group("town").rstrip(".").split()
            while town and gazetteer.lookup(" ".join(town)) is None:
                town = town[:-1]  # "Cambridge MA": the state's code is no part of the town's name
            if town:
                start = match.start("town")
                found.append((match.group("name"), match.end("name"), start, start + len(" ".join(town))))
        return found

    def addresses(self, skipped) -> list[Statement]:
        """"Kell Institute, 12 Harbour Street, Suite 4, Zenda": a name followed by a postal address is
        where the address's town is (lexicon.copula_of_place)."""
        return [Statement(self.source, self.index, name, (key(name),), "address", self.lexicon.copula_of_place,
                          "governed", Value("place", self.text[start:end], 0, 0, start=start, end=end),
                          word=self.lexicon.copula_of_place)
                for name, _, start, end in self._addresses if not any(s <= start and end <= e for s, e in skipped)]

    def address_numbers(self) -> list[tuple[int, int]]:
        """The spans of addresses' numbers: the street's, the building's, and the postcode after the town."""
        return [(street, end + _POSTCODE_REACH) for _, street, _, end in self._addresses]

    def _early_year(self, value: Value, root) -> Value:
        """"Born in 1213": a whole number after a preposition of time is a year, however early (the value
        reader takes bare numbers for years only from 1800, where prose about quantities is rare)."""
        if value.type != "number" or value.approximate or value.low != value.high or not value.canonical.isdigit():
            return value
        if not 100 <= int(value.canonical) <= 2100 or root.dep_ != "pobj" or \
                root.head.lower_ not in self.lexicon.time_prepositions:
            return value
        return _year_at(int(value.canonical), value.start, value.end)

    def _governed(self, value: Value, tokens, root) -> Statement | None:
        unit = None if value.type in _TEMPORAL else self._unit_after(tokens)  # "the following year" is a time
        head = root.head
        if root.dep_ in ("nummod", "quantmod", "nmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN") \
                and head.i != root.i:
            noun = head
            unit = unit or self.lexicon.units.get(noun.text.lower())
            if unit is not None:
                measured = self._measured(noun)
                predicate = measured.lemma_.lower() if measured is not None else unit.dimension
                anchor = measured if measured is not None else noun
                return self._statement(value, anchor, predicate, "measure", unit)
            lemma = noun.lemma_.lower()
            if value.type in _TEMPORAL:
                return self._event_year(value, noun)
            if lemma in self.lexicon.empty_count_nouns:
                return None  # "three times" counts nothing
            if lemma in self.lexicon.generic_count_nouns:
                verb = self._clause_verb(noun)
                if verb.pos_ == "VERB" and verb.lemma_ not in self.lexicon.copulas:
                    return self._statement(value, noun, self._lemma(verb), "count", None)
            return self._statement(value, noun, lemma, "count", None)
        share = self._share_of(value, root)
        if share is not None:
            return self._statement(value, share, share.lemma_.lower(), "share", None)
        if root.dep_ == "prep" and value.type in _TEMPORAL and head.pos_ == "VERB" and \
                head.lemma_ not in self.lexicon.copulas:
            # a time phrase headed by a preposition ("launched hours before the summit") dates the verb
            return self._statement(value, self._carrier(head), self._lemma(head), "governed", None)
        if root.dep_ == "pobj":
            governor = head.head if head.dep_ != "ROOT" or head.head.i != head.i else head
            if governor.i == head.i:
                return None
            governor = self._outside_participle(self._outside_name(governor), root)
            if value.type in _TEMPORAL:
                governor = self._finite_above(governor)
            if governor.dep_ == "pobj" and governor.head.dep_ == "prep" and governor.head.head.pos_ == "VERB" and \
                    self._lemma(governor.head.head).endswith((f" {governor.lower_}", f" {governor.lemma_.lower()}")):
                governor = governor.head.head  # "came into being in 1996": the idiom's verb governs the year
            if unit is not None:
                return self._statement(value, governor, unit.dimension, "measure", unit)
            if value.type in _TEMPORAL:
                governor = self._occasion_verb(governor)
            if value.type in _TEMPORAL and head.lower_ in self.lexicon.start_prepositions and governor.pos_ == "VERB":
                # "held since 2002": the holding began in 2002
                return self._statement(value, self._carrier(governor), self.lexicon.predicate_of_start, "governed", None)
            return self._statement(value, self._carrier(governor), self._lemma(governor), "governed", None)
        if root.dep_ in ("attr", "acomp", "oprd") or (root.dep_ == "prep" and head.lemma_ in self.lexicon.copulas):
            return self._attribute(value, root, unit)
        if root.dep_ in ("dobj", "npadvmod", "nsubj", "nsubjpass", "advmod", "conj", "appos", "dative", "ROOT",
                         "pcomp", "nummod"):
            governor = head if head.i != root.i else root
            if governor.pos_ in ("VERB", "AUX") and governor.lemma_ not in self.lexicon.copulas:
                level = self._level_of(governor)
                if level is not None and unit is None:
                    return self._statement(value, level, level.lemma_.lower(), "attribute", None)
                if unit is not None:
                    return self._statement(value, governor, unit.dimension, "measure", unit)
                return self._statement(value, self._carrier(governor), self._lemma(governor), "governed", None)
            if governor.pos_ == "NOUN" and governor.i != root.i and root.dep_ == "appos":
                return self._statement(value, governor, governor.lemma_.lower(), "governed", None)
        return None

    def _event_year(self, value: Value, noun) -> Statement | None:
        """"The SCO held its 2002 summit in Moscow": a year naming the subject or object of a verb of one
        of the predicate families (hold, sign, publish ...) is when that happened; elsewhere ("the 2004
        elections") it names an event and states nothing. What a verb does at or during a dated
        occasion ("at the 2010 summit", occasion_prepositions) it does in that year."""
        verb = noun.head
        acting = self._acting_at(verb, noun) if noun.dep_ == "pobj" else None
        if acting is not None:
            return self._statement(value, acting, self._lemma(acting), "governed", None)
        if noun.dep_ not in ("dobj", "nsubj", "nsubjpass") or verb.pos_ != "VERB":
            return None
        lemma = self._lemma(verb)
        if not self.lexicon.family_of(lemma):
            return None
        return self._statement(value, verb, lemma, "governed", None)

    def _occasion_verb(self, noun):
        """"At a meeting of the council in May 1990, the mayor gave a speech": the date of an occasion
        (occasion_prepositions) is when the verb it stands beside happened; so is the date of a
        participle that says what an unnamed occasion did ("at a meeting marking the town's jubilee
        in May 1990"). Else the word itself: "at a summit of the League held in May 1990" dates the
        League's summit."""
        current = noun
        if noun.pos_ == "VERB" and noun.dep_ in ("acl", "relcl") and noun.head.pos_ == "NOUN":
            if self._names_of(noun.head)[1] not in ("title", ""):
                return noun
            current = noun.head
        elif noun.pos_ != "NOUN":
            return noun
        if current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.pos_ == "NOUN":
            current = current.head.head  # "a meeting of the council in May 1990"
        acting = self._acting_at(current.head, current) if current.dep_ == "pobj" else None
        return acting if acting is not None else noun

    def _acting_at(self, prep, noun):
        """The verb an occasion's preposition dates ("at the 2010 summit", occasion_prepositions; "in the 2014
        summit", occasion_nouns): the verb it hangs on, or the verb of the clause whose noun it hangs on
        ("proposed a centre at the 2011 summit", "called for a periphery at a summit": a small parser
        attaches it to the nearest noun); None for any other preposition or noun, or a copula ("the
        speech at the summit was long")."""
        if prep.lower_ not in self.lexicon.occasion_prepositions and not (
                prep.lower_ == "in" and noun.lemma_.lower() in self.lexicon.occasion_nouns):
            return None
        acting = self._clause_verb(prep.head) if prep.head.pos_ == "NOUN" else prep.head
        return acting if acting.pos_ == "VERB" and acting.lemma_ not in self.lexicon.copulas else None

    def _share_of(self, value: Value, root):
        """"A third of the world's population", "25% of exports": a share's predicate is what it is a share of."""
        if value.type != "percent":
            return None
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"):
            noun = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if noun is not None and noun.lemma_.lower() in self.lexicon.whole_nouns:
                # "the population ... accounting for a quarter of the world's total": a share of the
                # total of what the clause is about
                subject = self._subject_token(self._clause_verb(root))
                return subject if subject is not None and subject.pos_ == "NOUN" else None
            if noun is not None:
                return noun
        return None

    def _outside_name(self, token):
        """A word inside a capitalised name ("the Agreement on Deepening Military Trust") governs nothing:
        the value belongs to the nearest word above it that is not part of the name."""
        def capital(t) -> bool:
            return t.i > 0 and t.text[:1].isupper()

        def in_name(t) -> bool:
            if t.pos_ not in ("ADP", "DET", "CCONJ") or t.head.i == t.i:
                return capital(t)
            # "Agreement on Deepening": a small word between two capitalised ones, or under one, joins them
            between = 0 < t.i < len(self.doc) - 1 and capital(self.doc[t.i - 1]) and capital(self.doc[t.i + 1])
            return between or capital(t.head)

        current, hops = token, 0
        while hops < 12 and in_name(current) and current.head.i != current.i:
            current, hops = current.head, hops + 1
        return current

    def _outside_participle(self, governor, value_token):
        """A participle set off by commas after a noun ("the Union, established in 2010, in 2011") ends at its
        closing comma: what follows belongs to the clause around it (a small parser often attaches it inside)."""
        if governor.tag_ != "VBN" or governor.i == 0 or self.doc[governor.i - 1].text != ",":
            return governor
        if self.doc[governor.i - 2].pos_ not in ("NOUN", "PROPN") if governor.i >= 2 else True:
            return governor
        if any(t.text == "," for t in self.doc[governor.i + 1 : value_token.i]):
            return governor.head if governor.head.i != governor.i else governor
        return governor

    def _finite_above(self, verb):
        """A gerund inside a noun phrase has no time of its own: in "formalised the requirements for
        admitting new members in 2014" the date is the formalising's (a small parser hangs it on the
        nearest verb). Else the verb itself."""
        if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.head.pos_ != "NOUN" or _subject_of(verb) is not None:
            return verb
        finite = self._clause_verb(verb.head.head)
        return finite if finite.pos_ == "VERB" and finite.lemma_ not in self.lexicon.copulas else verb

    def _participle_of(self, verb):
        """The noun a comma-set participle modifies ("the Customs Union, established in 2010"), or None."""
        if verb.tag_ == "VBN" and verb.i >= 2 and self.doc[verb.i - 1].text == "," \
                and self.doc[verb.i - 2].pos_ in ("NOUN", "PROPN") and verb.dep_ in ("advcl", "acl", "conj", "relcl"):
            return self.doc[verb.i - 2]
        return None

    def _attribute(self, value: Value, root, unit) -> Statement | None:
        """"The maximum range of the Blaster is 2 metres": an attribute of the copula's subject noun."""
        verb = root.head
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is None or subject.pos_ not in ("NOUN",):
            if unit is not None and subject is not None:
                return self._statement(value, verb, unit.dimension, "measure", unit)
            return None
        owner = _of_owner(subject)
        names, by = self._names_of(owner) if owner is not None else ((), "")
        if not names:
            names, by = self._subject_keys(verb)
        role = "measure" if unit is not None else "attribute"
        return self._make(value, subject.lemma_.lower(), role, unit, names, by, verb,
                          owner.text if owner is not None else "", subject.lower_)

    def _label(self, value: Value) -> Statement | None:
        """"Born<TAB>27 August 1968", "Distance: 1,342 km": the label before the value is the predicate."""
        line_start = self.text.rfind("\n", 0, value.start) + 1
        before = self.text[line_start:value.start]
        stripped = before.rstrip(" ")
        if stripped and stripped[-1] in self.lexicon.label_delimiters:
            label_end = len(stripped) - 1
        elif stripped and self.raw_gap is not None and \
                "\t" in self.raw_gap(line_start + len(stripped), value.start).split("\n")[0]:  # not a new line's indent
            label_end = len(stripped)
        else:
            return None
        cut = max(stripped.rfind(d, 0, label_end) for d in (*self.lexicon.label_delimiters, ";", "|", ","))
        label = stripped[cut + 1 : label_end].strip()
        words = [t for t in self.doc if line_start + cut + 1 <= t.idx < line_start + label_end and t.is_alpha]
        if not words or len(words) > 8:
            return None
        head = words[-1]
        names = [t for t in words[:-1] if t.pos_ == "PROPN" or t.text[:1].isupper()]
        unit = self._unit_after([t for t in self.doc if value.start <= t.idx < value.end])
        keys: tuple[str, ...]
        if len(names) >= 2 and names == words[: len(names)]:
            subject = " ".join(t.text for t in names)
            keys = self._with_title((key(subject),), [subject])
            by = "label"
        else:
            subject, keys, by = "", self.title_keys, "title"
        if not keys:
            return None
        return Statement(self.source, self.index, subject, keys, by, head.lemma_.lower() if label else "",
                         "label", value, unit.symbol if unit else "", unit.dimension if unit else "", word=head.lower_)

    def _life_span(self, value: Value, tokens) -> list[Statement] | None:
        """"Karl Weyprecht (8 September 1838 – 2 March 1881)", "Muhammad III (native name; 1211–1255)"."""
        open_at = self.text.rfind("(", 0, value.start)
        if open_at == -1 or ")" in self.text[open_at:value.start]:
            return None
        close_at = self.text.find(")", value.end)
        close_at = len(self.text) if close_at == -1 else close_at
        tail_start = max(open_at + 1, self.text.rfind(";", open_at, value.start) + 1)
        parts = values.extract(self.text[tail_start:close_at])
        if len(parts) == 1 and _year_range(parts[0]):
            low, high = parts[0].canonical.replace("/", "-").split("-")
            ends = [_year_at(int(low), parts[0].start, parts[0].start + 4),
                    _year_at(int(high), parts[0].end - 4, parts[0].end)]
        elif len(parts) == 2 and all(p.type in _TEMPORAL for p in parts) and \
                self.text[tail_start + parts[0].end : tail_start + parts[1].start].strip() in ("-", "–", "—"):
            ends = parts
        else:
            return None
        before = [t for t in self.doc if t.idx < open_at][-4:]
        named = [t for t in reversed(before) if t.pos_ == "PROPN"]
        if not named:
            return None  # a parenthesis of dates after anything but a name is no life span
        name = self._propn_run(named[0])
        names, _ = self._subject_keys(self._root())
        keys = tuple(dict.fromkeys((*(k for k in names), *(self._with_title((key(name),), [name]) if name else ()))))
        if not keys:
            return None
        out = []
        for part, predicate in zip(ends, self.lexicon.life_span):
            shifted = Value(part.type, part.canonical, part.low, part.high, part.unit, part.approximate,
                            tail_start + part.start, tail_start + part.end)
            if shifted.start < value.end and value.start < shifted.end:
                out.append(Statement(self.source, self.index, name, keys, "life-span", predicate, "life-span", shifted))
        return out

    # --- subjects ----------------------------------------------------------------------------------

    @staticmethod
    def _within(token, phrase) -> bool:
        """The token is the phrase's head or inside it ("two live albums" inside the object "albums")."""
        return token is not None and phrase.left_edge.i <= token.i <= phrase.right_edge.i

    def _level_of(self, verb):
        """"..., reaching 0.2-0.3%", "rising to 40": a participle of attaining a level says what the clause
        around it is about: the object of the clause's verb ("makes the salinity higher, reaching ...")."""
        if verb.lemma_.lower() not in self.lexicon.level_verbs or verb.dep_ not in ("advcl", "xcomp", "conj"):
            return None
        matrix = verb.head
        nouns = [c for c in matrix.children if c.dep_ == "dobj"]  # "raised the salinity, reaching 0.3%"
        nouns += [g for c in matrix.children if c.dep_ in ("ccomp", "oprd", "xcomp")  # "made the salinity higher"
                  for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        nouns += [c for c in matrix.children if c.dep_ in ("nsubj", "nsubjpass")]
        return next((n for n in nouns if n.pos_ == "NOUN"), None)

    def _carrier(self, verb):
        """The word that carries a light verb's meaning: "became a full member" (member), "received observer
        status" (status). Its text is the statement's `word`; the verb stays the predicate."""
        if verb.lemma_.lower() not in self.lexicon.light_verbs:
            return verb
        noun = next((c for c in verb.children if c.dep_ in ("attr", "dobj", "oprd") and c.pos_ == "NOUN"), None)
        return noun if noun is not None else verb

    def _statement(self, value: Value, anchor, predicate: str, role: str, unit) -> Statement | None:
        verb = self._clause_verb(anchor)
        gapped = self._gapped_subject(value, verb)
        if gapped is not None:  # "Norland joined in 1995 and Ostmark in 1999": 1999 is Ostmark's
            names, by = self._names_of(gapped)
            return self._make(value, predicate, role, unit, names, by, verb, gapped.text, anchor.lower_, anchor)
        names, by = self._subject_keys(verb, anchor)
        return self._make(value, predicate, role, unit, names, by, verb, self._subject_text(verb), anchor.lower_, anchor)

    def _gapped_subject(self, value: Value, verb):
        """The subject of a clause whose verb is left out ("X joined in 1995 and Y in 1999"): a name after
        an earlier value of the same verb, conjoined to it, with no verb between it and this value. The
        parser hangs the name on the earlier value and this value on the verb."""
        if verb.pos_ != "VERB":
            return None  # a table row or a list has no verb to leave out
        at = next((t.i for t in self.doc if t.idx >= value.start), len(self.doc))
        for token in reversed(self.doc[verb.i + 1 : at]):
            if token.pos_ in ("VERB", "AUX"):
                return None
            if token.dep_ == "conj" and token.pos_ == "PROPN" and token.head.i < token.i and \
                    (token.head.like_num or token.head.dep_ == "pobj") and self._clause_verb(token).i == verb.i:
                return token
        return None

    def _make(self, value, predicate, role, unit, names, by, verb, subject_text, word="", anchor=None
              ) -> Statement | None:
        if not predicate or not names or not any(ch.isalpha() for ch in predicate):
            return None
        modal, negated = self._qualifiers(verb)
        time = self._time(value, verb)
        objects, thing = (), None
        # a noun that governs the value ("through its contribution of 40,000 euros, rebuilt the pier") says
        # what the value is of; the clause verb's object is another matter
        noun_governs = role == "governed" and anchor is not None and anchor.pos_ == "NOUN" and anchor.i != verb.i \
            and not any(c.dep_ in ("dobj", "attr", "oprd") and c.i == anchor.i for c in verb.children)
        if verb.pos_ == "VERB" and not noun_governs:
            thing = next((c for c in verb.children if c.dep_ == "dobj" and not value.start <= c.idx < value.end
                          and not predicate.endswith(f" {c.lemma_.lower()}")), None)
            # "cost $150": the value is no thing; "took place", "made a call": the object is the idiom's
            if thing is not None:
                objects = tuple(k for k in self._names_of(thing)[0] if not k.startswith(TITLE))
        subject = self._subject_token(verb) if verb.pos_ in ("VERB", "AUX") else None
        description = self._described(*self._titled_noun(subject), verb, value) if subject is not None else ""
        object_description = self._described(*self._titled_noun(thing), verb, value) if thing is not None else ""
        qualifiers = ()
        if role == "count" and anchor is not None and anchor.idx >= value.end:
            # the words between the number and the noun it counts: "non-governmental", "founding", "live"
            qualifiers = tuple(sorted(w.lower() for w in self.text[value.end : anchor.idx].split()
                                      if any(ch.isalpha() for ch in w)))
        elif role == "governed" and anchor is not None and anchor.i != verb.i and anchor.pos_ == "NOUN":
            # the common nouns before the carrying noun say which kind it is: "dialogue partner" status is
            # not "observer" status (a name is an owner, "SCO observer status"; an adjective a degree, "full")
            qualifiers = tuple(sorted(t.lower_ for t in self.doc[anchor.left_edge.i : anchor.i]
                                      if t.dep_ == "compound" and t.pos_ == "NOUN"))
        # the verb has an object the fact is about: not the counted thing ("arrested 650 terrorists"), not
        # the value itself ("born 4 May 1901"), but a year may name it ("held its 2002 summit"), and a
        # place is where the object was ("held its summit in Ufa")
        has_object = thing is not None and not self._within(anchor, thing) and not value.start <= thing.idx < value.end \
            and (value.type in (*_TEMPORAL, "place") or not thing.left_edge.idx <= value.start <= thing.right_edge.idx)
        agent = self._agent(verb)
        phrases = [c for c in verb.children if c.dep_ == "nsubjpass"] if agent else \
            [] if noun_governs else self._thing_phrase(verb, thing)
        return Statement(self.source, self.index, subject_text, tuple(names), by, predicate, role, value,
                         unit.symbol if unit else "", unit.dimension if unit else "", time, modal, negated, word,
                         verb.lower_ if verb.pos_ == "VERB" else "", objects, has_object, qualifiers,
                         description, object_description, self._thing_words(phrases, value), agent)

    def _agent(self, verb) -> tuple[str, ...]:
        """The link keys of a passive verb's agent ("formalised by the SCO's heads of state"), else ()."""
        by = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if by is None or verb.pos_ != "VERB":
            return ()
        return tuple(k for k in self._names_of(by)[0] if not k.startswith(TITLE))

    @staticmethod
    def _thing_phrase(verb, thing) -> list:
        """The phrases that say what a verb acts on: its object with an infinitive right after it (a small
        parser hangs "a centre to respond to threats" as two phrases), else its clausal complement
        ("suggested establishing a centre", "agreed that members should ...")."""
        if verb.pos_ != "VERB":
            return []
        if thing is not None:
            after = [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.left_edge.i == thing.right_edge.i + 1
                     and c.left_edge.lower_ == "to"]
            return [thing, *after]
        return [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")][:1]

    def _thing_words(self, phrases: list, value: Value) -> tuple[str, ...]:
        """The content words of phrases as sorted stems, without the value, times, numbers, and the
        occasions a small parser hangs under a phrase ("proposed a centre at the 2011 summit")."""
        tokens = [t for phrase in phrases for t in phrase.subtree]
        occasions = {t.i for prep in tokens if prep.dep_ == "prep" and prep.lower_ in
                     self.lexicon.occasion_prepositions for t in prep.subtree}
        words = [self.lexicon.spelling(t.lemma_.lower()) for t in tokens
                 if t.pos_ in _CONTENT and t.i not in occasions and not t.like_num
                 and t.ent_type_ not in _TIME_ENTITIES and not value.start <= t.idx < value.end]
        return tuple(sorted(set(stems(words))))

    def _clause_verb(self, token):
        """The verb of the clause a token stands in (the token itself when it is one)."""
        current, seen = token, 0
        while seen < 40:
            if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
                return current
            if current.head.i == current.i:
                return current
            current, seen = current.head, seen + 1
        return current

    def _subject_token(self, verb):
        """A clause's subject: its grammatical subject, else the noun a relative clause modifies, else
        the subject of the clause it depends on; None when there is none."""
        current, hops = verb, 0
        while hops < 8:
            subject = _subject_of(current)
            if subject is not None:
                return subject
            modified = self._participle_of(current)
            if modified is None and current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
                modified = current.head
            if modified is not None:
                return modified
            if current.dep_ in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "prep", "pobj") and current.head.i != current.i:
                current, hops = current.head, hops + 1
                continue
            return None
        return None

    def _subject_keys(self, verb, anchor=None) -> tuple[tuple[str, ...], str]:
        """The keys of a clause's subject (_subject_token), else an owner or the document's title."""
        subject = self._subject_token(verb)
        if subject is not None:
            names, by = self._names_of(subject)
            if names:
                return names, by
        if self.text.lstrip().startswith("(") and self.previous is not None:
            return self.previous[1], "pronoun"  # a parenthesis split off from the name it follows
        if anchor is not None and anchor.pos_ == "NOUN":
            owner = _of_owner(anchor)
            if owner is not None:
                names, by = self._names_of(owner)
                if names and by == "grammar":
                    return names, by
        return self.title_keys, "title"

    def _subject_text(self, verb) -> str:
        subject = _subject_of(verb)
        if subject is None:
            return ""
        clauses = {i for c in subject.children if c.dep_ in ("relcl", "acl")
                   for i in range(c.left_edge.i, c.right_edge.i + 1)}
        words = [t for t in subject.subtree if t.i not in clauses and t.dep_ != "punct" and not t.is_space][:12]
        # as written ("The SCO's counter-terrorism centre"), a space where words were left out
        return "".join(t.text + (" " if t.whitespace_ or (n < len(words) - 1 and words[n + 1].i != t.i + 1) else "")
                       for n, t in enumerate(words)).strip()

    def _names_of(self, token) -> tuple[tuple[str, ...], str]:
        """The names a noun phrase goes by: proper nouns, named entities, appositions; a pronoun's antecedent."""
        if token.pos_ == "PRON":
            if token.lower_ in self.lexicon.pronouns and self.previous is not None:
                return self.previous[1], "pronoun"
            return (), ""
        names = []
        run = self._propn_run(token)
        if run:
            names.append(run)
            titled = self._title_run(token)
            if titled and titled != run:
                names.append(titled)
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_.lower() in self.lexicon.alias_verbs:
                for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "as"):
                    for named in (g for g in prep.children if g.dep_ == "pobj"):
                        alias = self._propn_run(named)
                        if alias:
                            names.append(alias)
            if child.dep_ == "appos":
                appos = self._propn_run(child) or self._entity_text(child)
                if appos:
                    names.append(appos)
        entity = self._entity_text(token)
        if entity and entity not in names:
            names.append(entity)
        if names:
            keys = tuple(dict.fromkeys(key(n) for n in names if key(n)))
            by = "apposition" if not run and len(names) else "grammar"
            return self._with_title(keys, names), by
        if self._refers_back(token):
            return self.previous[1], "description"
        if token.dep_ == "attr" and token.head.lemma_ in self.lexicon.copulas:  # "the Shanghai Five, which was an agreement"
            subject = _subject_of(token.head)
            if subject is not None and subject.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
                subject = token.head.head
            if subject is not None and subject.i != token.i and subject.pos_ != "PRON":
                keys, by = self._names_of(subject)
                if by not in ("title", ""):
                    return keys, "apposition"
        owner = _of_owner(token)
        if owner is not None and token.pos_ == "NOUN":  # "the mechanism of RATS", "the salinity of the lake"
            keys, by = self._names_of(owner)
            if by not in ("title", ""):  # the whole phrase may be a name too: "the great flood of Kell"
                return (*keys, *(k for k in (self._whole_phrase_key(token),) if k)), "owner"
        phrases = (self._phrase_key(token), self._whole_phrase_key(token), self._description_key(token))
        return (*dict.fromkeys(k for k in phrases if k), *self.title_keys), "title"

    def _refers_back(self, token) -> bool:
        """"The Widget Council was founded in 1999. The council ...": a definite noun whose head is the head
        of the previous sentence's subject stands for that subject."""
        if self.previous is None or token.pos_ != "NOUN":
            return False
        determiner = next((c.lower_ for c in token.children if c.dep_ == "det"), None)
        if determiner not in self.lexicon.anaphoric_determiners:
            return False
        head = self.previous[0].split()[-1].lower() if self.previous[0].split() else ""
        return bool(head) and self.lexicon.spelling(head) in (self.lexicon.spelling(token.lower_),
                                                               self.lexicon.spelling(token.lemma_.lower()))

    def _phrase_key(self, token) -> str:
        """A common noun phrase as a key only a registry name can match ("an SCO development bank", "the
        Peace Mission 2014 exercise"): the words before its head as written, the head as its lemma."""
        words = [t for t in self.doc[token.left_edge.i : token.i]
                 if t.dep_ not in ("det", "case", "punct", "predet") and not t.is_punct]
        if not words:
            return ""
        text = key(" ".join([*(self._owner_text(t) for t in words), token.lemma_]))
        return PHRASE + text if text else ""

    def _owner_text(self, token) -> str:
        """A word of a noun phrase as a name would write it: a possessive pronoun standing for its clause's
        named subject ("the Council adopted its charter": "Council charter"), any other word as written."""
        if token.dep_ != "poss" or token.pos_ != "PRON" or token.lower_ not in self.lexicon.pronouns:
            return token.text
        verb = token.head.head if token.head.dep_ in ("dobj", "attr") else None
        subject = self._subject_token(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
        return (self._propn_run(subject) if subject is not None else "") or token.text

    def _whole_phrase_key(self, token) -> str:
        """The noun phrase with what follows its head, clauses left out ("the joint declaration on
        cooperation between A and B")."""
        skipped = {i for c in token.children if c.dep_ in ("relcl", "acl", "appos", "punct") for i in
                   range(c.left_edge.i, c.right_edge.i + 1)}
        words = [t for t in self.doc[token.left_edge.i : token.right_edge.i + 1]
                 if t.i not in skipped and t.dep_ not in ("det", "case") and not t.is_punct]
        if len(words) < 3 or words[-1].i == token.i:
            return ""
        return PHRASE + key(" ".join(self._owner_text(t) for t in words))

    def _description_key(self, token) -> str:
        """A common noun a name anchors through a preposition ("the lighthouse on Gull Point", "the bridge
        over the Tessel"): specific enough to be one thing wherever it is written so."""
        anchored = any(g.pos_ == "PROPN" for c in token.children if c.dep_ == "prep" for g in c.children
                       if g.dep_ == "pobj")
        phrase = self._whole_phrase_key(token)
        return DESCRIPTION + phrase[len(PHRASE):] if anchored and phrase else ""

    def _titled_noun(self, token):
        """(noun, first word) of a phrase a small parser splits at a title inside it: in "the 2014 SCO
        Council of Heads of State summit" the phrase is a summit, though the parse hangs "summit" under
        "of" and makes "Council" its head. When the last word of a proper name's phrase is a bare common
        noun reached only through the title's own words, that noun is the head; else the token itself."""
        last = token.right_edge
        if token.pos_ != "PROPN" or last.pos_ != "NOUN" or last.i == token.i or \
                any(c.dep_ == "det" for c in last.children):
            return token, token.left_edge.i
        between = self.doc[token.i + 1 : last.i]
        if not between or not all(t.pos_ in ("PROPN", "ADP", "DET") for t in between):
            return token, token.left_edge.i
        current, hops = last, 0
        while current.i != token.i and hops < 12:  # the noun hangs under the title only by its prepositions
            if current.dep_ not in ("pobj", "prep", "compound"):
                return token, token.left_edge.i
            current, hops = current.head, hops + 1
        return (last, token.left_edge.i) if current.i == token.i else (token, token.left_edge.i)

    def _described(self, token, start: int, verb, value: Value) -> str:
        """A common noun with the names that anchor it: its proper-noun and number modifiers ("the SCO's
        Astana summit", "the 2015 summit"), the names after its prepositions ("a summit in Ufa"), and
        where its clause's verb happened ("held in Ufa"); its other modifiers ("founding", "second")
        after a second bar. The value stated is no anchor ("held its 2002 summit" may be wrong about
        2002). "" for a name, a pronoun, or a noun no name anchors."""
        if token.pos_ != "NOUN":
            return ""
        anchors, modifiers = [], []
        for t in self.doc[start : token.i]:
            if t.dep_ in ("det", "case", "punct", "predet", "cc") or t.is_punct or t.pos_ in ("PRON", "ADP") or \
                    value.start <= t.idx < value.end:
                continue
            if year := self._year_of(t):  # "the June 2006 summit" is the 2006 summit
                anchors.append(year)
                continue
            proper = t.pos_ in ("PROPN", "NUM") or (t.text[:1].isupper() and t.i > 0)  # not for standing first
            (anchors if proper else modifiers).append(key(t.text))
        after = self.doc[token.i + 1 : token.i + 6]
        if after and after[0].text == "(":  # "the third summit (1998)"
            for t in after[1:]:
                if t.text == ")":
                    break
                if (year := self._year_of(t)) and not value.start <= t.idx < value.end:
                    anchors.append(year)
        elif after and after[0].like_num and not value.start <= after[0].idx < value.end:
            anchors.append(key(after[0].text))  # "Peace mission 2012": a number written on names it, parsed so or not
        places = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        places += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in self.lexicon.place_prepositions
                   for g in c.children if g.dep_ == "pobj"]
        places = [g for g in places if g.ent_type_ not in _TIME_ENTITIES  # "in June 2009" is when, not where
                  and not value.start <= g.idx < value.end]  # "held in Ufa" may be wrong about Ufa
        anchors += [key(run) for run in (self._propn_run(g) for g in places) if run]
        anchors = [a for a in dict.fromkeys(anchors) if a]
        if not anchors:
            return ""
        return f"{self.lexicon.spelling(token.lemma_.lower())}|{' '.join(anchors)}|{' '.join(m for m in modifiers if m)}"

    @cached_property
    def _years(self) -> list[tuple[int, int, str]]:
        return [(v.start, v.end, v.canonical[:4]) for v in values.extract(self.text) if v.type in _TEMPORAL]

    def _year_of(self, token) -> str:
        """The year of the date or year the token is part of ("June" and "2006" of "June 2006"), or ""."""
        return next((year for start, end, year in self._years if start <= token.idx < end), "")

    def _with_title(self, keys: tuple[str, ...], names) -> tuple[str, ...]:
        """A name that the document's title contains, or that shares a run of two words with it
        ("Ala ad-Din Muhammad III" in a page titled "Muhammad III of Alamut"), stands for the title
        subject too."""
        if not self.title:
            return keys
        title = key(self.title).split()
        runs = {" ".join(title[i : i + 2]) for i in range(len(title) - 1)}
        for name in names:
            words = key(name).split()
            if words and (f" {' '.join(words)} " in f" {' '.join(title)} "
                          or any(" ".join(words[i : i + 2]) in runs for i in range(len(words) - 1))):
                return keys + self.title_keys
        return keys

    def _propn_run(self, token) -> str:
        """The proper name a token heads: its compound proper nouns and itself ("Karl Weyprecht")."""
        span = self._propn_span(token)
        if span is None:
            return ""
        text = self.doc[span[0] : span[1] + 1].text
        return text if any(ch.isalpha() for ch in text) else ""

    def _title_run(self, token) -> str:
        """A proper name read on as a title is written, whatever the parse: capitalised words, and a
        preposition, article or both between two of them ("the Agreement on Deepening Military Trust in Border
        Regions"). Besides _propn_run, never instead: "the SCO in Tashkent" is the SCO too."""
        span = self._propn_span(token)
        if span is None:
            return ""
        end, doc = span[1], self.doc

        def capital(i: int) -> bool:
            return i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha

        while True:
            if capital(end + 1):
                end += 1
            elif end + 2 < len(doc) and doc[end + 1].pos_ in ("ADP", "DET") and capital(end + 2):
                end += 2
            elif end + 3 < len(doc) and doc[end + 1].pos_ == "ADP" and doc[end + 2].pos_ == "DET" and capital(end + 3):
                end += 3  # "in the Border Regions"
            else:
                break
        return doc[span[0] : end + 1].text if end > span[1] else ""

    def _propn_span(self, token) -> tuple[int, int] | None:
        """The first and last token of the proper name a token heads (_propn_run), or None. A word in
        lower case heads no name, whatever a small tagger says ("at the 2010 congress in Pellham")."""
        if token.pos_ != "PROPN" or token.text.islower():
            return None
        words = [t for t in token.subtree if t.i <= token.i and (t.pos_ == "PROPN" or (
            t.dep_ in ("compound", "det", "prep", "pobj") and t.head.pos_ == "PROPN" and t.pos_ in ("PROPN", "DET", "ADP")))]
        start = token.i
        for t in reversed(words):
            if t.i == start - 1:
                start = t.i
        # "A Life on Film": a work's title runs on through "on"/"of" and the proper nouns after
        end = token.i
        for t in token.subtree:
            if t.i == end + 1 and (t.pos_ == "PROPN" or (t.pos_ == "ADP" and t.i + 1 < len(self.doc)
                                                         and self.doc[t.i + 1].pos_ == "PROPN")
                                   or (t.pos_ == "NUM" and t.head.pos_ == "PROPN")):  # "Peace Mission 2014"
                end = t.i
        while start < token.i and self.doc[start].pos_ in ("DET", "ADP"):
            start += 1
        return start, end

    def _names_a_noun(self, name, end: int) -> bool:
        """The name is a title on a common noun after it, inside its phrase ("at the 2014 SCO Council of
        Heads of State summit in Dushanbe": a summit, not a place)."""
        after = self.doc[end + 1] if end + 1 < len(self.doc) else None
        return after is not None and after.pos_ == "NOUN" and after.left_edge.i >= name.left_edge.i and \
            any(t.i == after.i for t in name.subtree)

    def _entity_text(self, token) -> str:
        for entity in self.doc.ents:
            if entity.start <= token.i < entity.end and entity.label_ in _NAME_ENTITIES:
                return entity.text
        return ""

    def main_subject(self) -> tuple[str, tuple[str, ...]] | None:
        """The named subject of the sentence's main clause, for a pronoun in the next one."""
        root = self._root()
        subject = _subject_of(root)
        if subject is None or subject.pos_ == "PRON":
            return None
        names, by = self._names_of(subject)
        described = any(k.startswith(DESCRIPTION) for k in names)  # "the lighthouse on Gull Point"
        return (subject.text, names) if names and (by != "title" or described) else None

    def trailing_name(self) -> tuple[str, tuple[str, ...]] | None:
        """A name the sentence ends on, for a parenthesis split off after it: "Orla Venn" / "(born 1901)"."""
        words = [t for t in self.doc if not t.is_punct and not t.is_space]
        if not words or words[-1].pos_ != "PROPN":
            return None
        name = self._propn_run(words[-1])
        return (name, self._with_title((key(name),), [name])) if key(name) else None

    def _root(self):
        return next((t for t in self.doc if t.dep_ == "ROOT"), self.doc[0])

    # --- predicates and qualifiers --------------------------------------------------------------------

    def _lemma(self, token) -> str:
        """A verb's lemma, with its particle ("set up") or, in an idiom of a predicate family, its object
        ("take place", "come into force")."""
        lemma = token.lemma_.lower()
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle:
            return f"{lemma} {particle}"
        for child in token.children:
            if child.dep_ in ("dobj", "attr"):  # "take place", "become part"
                tails = [child.lemma_.lower()]
            elif child.dep_ == "prep":  # "come into force"; "come into being", as written
                tails = [f"{child.lemma_.lower()} {form}" for g in child.children if g.dep_ == "pobj"
                         for form in (g.lemma_.lower(), g.lower_)]
            else:
                continue
            for tail in tails:
                if self.lexicon.family_of(f"{lemma} {tail}"):
                    return f"{lemma} {tail}"
        return lemma

    def _unit_after(self, tokens):
        if not tokens:
            return None
        last = tokens[-1]
        for candidate in (last.text.lower(), last.text.lower().lstrip("0123456789.,")):
            if candidate in self.lexicon.units:
                return self.lexicon.units[candidate]
        following = self.doc[last.i + 1] if last.i + 1 < len(self.doc) else None
        if following is not None and following.lower_ in ("square", "sq") and last.i + 2 < len(self.doc):
            return self.lexicon.units.get(f"{following.lower_} {self.doc[last.i + 2].lower_}")
        if following is not None:
            joined = self._joined(following, 3).lower().rstrip(".,;:")  # "km/h" is three tokens to the parser
            for candidate in (joined, following.text.lower(), "-" + following.text.lower()):
                if candidate in self.lexicon.units:
                    return self.lexicon.units[candidate]
            if following.text == "-" and last.i + 2 < len(self.doc):
                word = self.doc[last.i + 2].text.lower()
                if word in self.lexicon.units:
                    return self.lexicon.units[word]
        return None

    def _joined(self, token, most: int) -> str:
        """The token and up to `most` - 1 tokens written on to it with no space between."""
        end = token.i
        while end + 1 < len(self.doc) and end + 1 - token.i < most and not self.doc[end].whitespace_:
            end += 1
        return self.doc[token.i : end + 1].text

    def _measured(self, unit_noun):
        """What a measure measures: "5-metre plumes" (the noun its unit modifies), "the range of 5 km"."""
        head = unit_noun.head
        if unit_noun.dep_ in ("compound", "nmod", "amod", "nummod") and head.pos_ == "NOUN" \
                and head.text.lower() not in self.lexicon.units:
            return head
        if unit_noun.dep_ == "pobj" and head.head.pos_ == "NOUN" and head.head.text.lower() not in self.lexicon.units:
            return head.head
        return None

    def _qualifiers(self, verb) -> tuple[bool, bool]:
        """(modal, negated) for the clause of `verb` and the clauses that govern it."""
        modal = negated = False
        current, hops = verb, 0
        while hops < 6:
            for child in current.children:
                if child.dep_ == "neg":
                    negated = True
                if child.dep_ in ("aux", "auxpass") and child.lower_ in self.lexicon.modal_auxiliaries:
                    modal = True
            if current.lemma_.lower() in self.lexicon.modal_governors and current.i != verb.i:
                modal = True
            if current.dep_ in ("xcomp", "ccomp", "acomp") or (current.dep_ == "aux" and current.lower_ == "to"):
                current, hops = current.head, hops + 1
                if current.lemma_.lower() in self.lexicon.modal_governors:
                    modal = True
                continue
            break
        return modal, negated

    def _time(self, value: Value, verb) -> str | None:
        """An explicit year for a count or amount: a time value in the same clause ("As of 2018, ..."), or
        of the occasion the clause's verb acts at ("at a summit held in June 2006, proposed four
        measures"); a verb coordinated with an earlier one and given no time of its own has the earlier
        one's ("made a call at the 2006 summit and proposed four measures")."""
        if value.type in _TEMPORAL:
            return None
        shared = verb.head if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and \
            not any(c.dep_ in ("advmod", "npadvmod") for c in verb.children) else None
        times = []  # (year, the verbs it dates, the clause verbs of its words)
        for other in values.extract(self.text):
            tokens = [t for t in self.doc if other.start <= t.idx < other.end]
            if other.type in _TEMPORAL and tokens:
                clause = self._clause_verb(tokens[0])
                times.append((values.as_type(other, "year").canonical[:4], {clause.i, self._occasion_verb(clause).i},
                              {self._clause_verb(t).i for t in tokens}))
        own_clause = any(verb.i in clauses for _, _, clauses in times)
        for year, dated, _ in times:
            if verb.i in dated or (shared is not None and shared.i in dated and not own_clause):
                return year
        return None


def _of_owner(token):
    """What a noun is of: "the salinity of the lake" -> lake, or None."""
    return next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), None)


def _subject_of(verb):
    """A verb's grammatical subject (active or passive), or None."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _year_at(year: int, start: int, end: int) -> Value:
    parsed = values.parse("year", year)
    return Value(parsed.type, parsed.canonical, parsed.low, parsed.high, start=start, end=end)


def _year_range(value: Value) -> bool:
    """A range whose two ends are plausible years: "1211–1255" (read as a number range or a year range)."""
    separator = {"number": "-", "year": "/"}.get(value.type)
    if separator is None or separator not in value.canonical:
        return False
    low, _, high = value.canonical.partition(separator)
    return low.isdigit() and high.isdigit() and len(low) == 4 and len(high) == 4 and 1000 <= int(low) < int(high) <= 2100
