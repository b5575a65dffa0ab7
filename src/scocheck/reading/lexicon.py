"""The English word lists of the reading layer (data/english.yaml), loaded once, extendable by a registry."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import cache, cached_property
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "english.yaml"


@dataclass(frozen=True)
class Unit:
    symbol: str
    dimension: str
    factor: float  # to the dimension's base unit


@dataclass(frozen=True)
class Lexicon:
    modal_auxiliaries: frozenset[str]
    modal_governors: frozenset[str]
    pronouns: frozenset[str]
    first_person_singular: frozenset[str]
    first_person_plural: frozenset[str]
    anaphoric_determiners: frozenset[str]
    life_span: tuple[str, str]
    families: tuple[frozenset[str], ...]
    units: dict[str, Unit]  # spelling (lower case) -> unit
    label_delimiters: tuple[str, ...]
    empty_count_nouns: frozenset[str]
    descriptive_adjectives: frozenset[str]
    alias_verbs: frozenset[str]
    generic_count_nouns: frozenset[str]
    function_words: frozenset[str]
    inflection_suffixes: tuple[str, ...]
    light_verbs: frozenset[str]
    spelling_variants: tuple[tuple[str, str], ...]
    level_verbs: frozenset[str]
    time_prepositions: frozenset[str]
    irregular_past: dict[str, str]
    place_prepositions: frozenset[str]
    copula_of_place: str
    street_words: frozenset[str]
    building_part_words: frozenset[str]
    news_types: frozenset[str]
    report_time: tuple[str, ...]
    start_prepositions: frozenset[str]
    predicate_of_start: str
    reference_locators: tuple[str, ...]
    access_words: tuple[str, ...]
    notice_words: tuple[str, ...]
    publisher_words: tuple[str, ...]
    author_list_abbreviations: tuple[str, ...]
    list_glue: tuple[str, ...]
    relative_years: dict[str, int]
    years_after_words: dict[str, int]
    copulas: frozenset[str]
    leading_articles: tuple[str, ...]
    name_joiners: frozenset[str]
    whole_nouns: frozenset[str]
    owner_attribute_nouns: frozenset[str]
    occasion_prepositions: frozenset[str]
    occasion_nouns: frozenset[str]
    # for linting a registry (registry_check.py)
    fixed_phrases: tuple[str, ...]
    prepositions: frozenset[str]
    dispute_words: tuple[str, ...]
    inclusive_hedges: tuple[str, ...]
    person_kinds: frozenset[str]
    # for checking a draft (lint.py)
    acknowledging_words: tuple[str, ...]
    # for proposing a starting project (starter.py)
    byline_words: tuple[str, ...]
    organisation_words: frozenset[str]

    def family_of(self, lemma: str) -> frozenset[int]:
        """The predicate families a lemma belongs to (by index)."""
        return self._families_by_word.get(lemma, frozenset())

    @cached_property
    def _families_by_word(self) -> dict[str, frozenset[int]]:
        found: dict[str, set[int]] = {}
        for i, family in enumerate(self.families):
            for word in family:
                found.setdefault(word, set()).add(i)
        return {word: frozenset(ids) for word, ids in found.items()}

    @cached_property
    def relative_year_pattern(self) -> re.Pattern:
        """"the following year" (a relative_years phrase) or "two years later" (a count, "year(s)" and
        a years_after_words word)."""
        def alternatives(words):
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        return re.compile(rf"\b(?:(?P<phrase>{alternatives(self.relative_years)})|(?P<count>\w+) years? "
                          rf"(?P<way>{alternatives(self.years_after_words)}))\b", re.IGNORECASE)

    @cached_property
    def report_time_pattern(self) -> re.Pattern:
        """A phrase of report_time ("hours before", "Thursday")."""
        words = "|".join(re.escape(w) for w in sorted(self.report_time, key=len, reverse=True))
        return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)

    @cached_property
    def address_pattern(self) -> re.Pattern:
        """A postal address after a name: a capitalised name (perhaps with its legal form, ", Inc."), a
        street (a number, words, one of street_words), parts of a building ("Suite 330", of
        building_part_words), and the capitalised words that begin the town's name."""
        def alternatives(words) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        name = r"(?P<name>(?:[A-Z][\w&'’.-]*\s+){0,5}?[A-Z][\w&'’-]*)(?:,\s*[A-Z][a-z]{1,4}\.?)?"
        street = rf"\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][\w'’.-]*\s+){{0,4}}?(?i:{alternatives(self.street_words)})\b\.?"
        part = rf"(?:[\s,–-]+(?i:{alternatives(self.building_part_words)})\.?\s+[\w-]{{1,6}})*"
        return re.compile(rf"\b{name}[,\s]+{street}{part}[,\s]+(?P<town>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}})")

    def spelling(self, word: str) -> str:
        """One spelling for British and American variants of a word (the American)."""
        for british, american in self.spelling_variants:
            for plural in ("", "s"):
                if word.endswith(british + plural):
                    return word[: len(word) - len(british + plural)] + american + plural
        return word

    def with_families(self, extra: list[list[str]]) -> Lexicon:
        """The lexicon with more predicate families (a registry's properties and their cue words)."""
        return replace(self, families=self.families + tuple(frozenset(w.lower() for w in f) for f in extra if f))


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stems(words: list[str]) -> list[str]:
    """English words as their Snowball stems, lower case: "components" is "compon", "response" "respons"."""
    return _stemmer().stemWords([w.lower() for w in words])


@cache
def english() -> Lexicon:
    data = yaml.load(DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C when built
    units = {}
    for dimension, table in data["units"].items():
        for symbol, entry in table.items():
            for word in entry["words"]:
                units[word.lower()] = Unit(symbol, dimension, float(entry["factor"]))
    born, died = data["life_span"]
    built = dict(
        life_span=(born, died),
        families=tuple(frozenset(w.lower() for w in family) for family in data["predicate_families"]),
        units=units,
        spelling_variants=tuple((british, american) for british, american in data["spelling_variants"]),
        irregular_past=dict(data["irregular_past"]),
        copula_of_place=str(data["copula_of_place"]),
        predicate_of_start=str(data["predicate_of_start"]),
        relative_years={phrase.lower(): int(offset) for phrase, offset in data["relative_years"].items()},
        years_after_words={word.lower(): int(sign) for word, sign in data["years_after_words"].items()},
    )
    # every other field is a plain word list of the same name: a set or, where order matters, a tuple
    lists = {f.name: (frozenset if f.type.startswith("frozenset") else tuple)(data[f.name])
             for f in fields(Lexicon) if f.name not in built}
    return Lexicon(**built, **lists)
