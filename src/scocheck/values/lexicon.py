"""The English word lists of the value reader (data/english.yaml), loaded once, at import.

Month names, number words, hedges, currencies, fractions and the like: English, and nothing
about any subject. They are read into the Python structures the readers use (dicts keep the
file's order, sets are frozensets, sequences are tuples), and :func:`_words` turns a list into
the alternation the patterns of extract.py and parse.py are built from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import yaml

DATA = Path(__file__).resolve().parent / "data" / "english.yaml"

# The safe loader (plain data only, no Python tags), in C when PyYAML has it: as yamlfile.py does.
_DATA = yaml.load(DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _table(name: str) -> dict:
    table = _DATA[name]
    if not isinstance(table, dict):
        raise TypeError(f"{DATA}: {name} must be a mapping")
    return dict(table)


def _list(name: str) -> tuple[str, ...]:
    items = _DATA[name]
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise TypeError(f"{DATA}: {name} must be a list of strings")
    return tuple(items)


def _word(name: str) -> str:
    word = _DATA[name]
    if not isinstance(word, str):
        raise TypeError(f"{DATA}: {name} must be a string")
    return word


# --- months ------------------------------------------------------------------
MONTHS: dict[str, int] = _table("months")
# Abbreviations; a full stop after them is part of the month ("Sept.").
MONTH_ABBREVIATIONS: dict[str, int] = _table("month_abbreviations")
# Words that make a year or month approximate: "mid-2005", "early July 2005".
TIME_QUALIFIERS = _list("time_qualifiers")
# "the end of 2005", "the beginning of 2005": an approximate year.
TIME_PERIOD_PHRASES = _list("time_period_phrases")

# --- number words --------------------------------------------------------------
UNIT_WORDS: dict[str, int] = _table("unit_words")
TENS_WORDS: dict[str, int] = _table("tens_words")
HUNDRED_WORD = _word("hundred_word")
SCALE_WORDS: dict[str, int] = _table("scale_words")
DOZEN_WORD = _word("dozen_word")
# Ordinal words: "twenty-first" is not the number 20.
ORDINAL_WORDS = _list("ordinal_words")
# "one" is a pronoun, not a number, after these words or before "another".
PRONOUN_ONE_BEFORE = frozenset(_list("pronoun_one_before"))
PRONOUN_ONE_AFTER = frozenset(_list("pronoun_one_after"))

# --- scale words after digits --------------------------------------------------
# "1.5 million", "$400-billion", "EUR 3bn", "10 lakh".
SCALE_SUFFIXES: dict[str, int] = _table("scale_suffixes")
# Single letters attached to an amount of money only ("£2m", "$5bn" is above).
MONEY_SCALE_LETTERS: dict[str, int] = _table("money_scale_letters")

# --- fractions -----------------------------------------------------------------
FRACTION_NUMERATORS: dict[str, int] = _table("fraction_numerators")
FRACTION_DENOMINATORS: dict[str, int] = _table("fraction_denominators")
# "half" with no numerator is a fraction before these words ("half the members").
HALF_FOLLOWERS = _list("half_followers")
# ... but not after these ("the second half of 2005").
HALF_NOT_AFTER = frozenset(_list("half_not_after"))

# --- percent -------------------------------------------------------------------
PERCENT_WORDS = _list("percent_words")

# --- hedges --------------------------------------------------------------------
# hedge -> kind: "about", "nearly", "over" or "under" (what each kind means: model.NEARLY_MARGIN
# and the extract module's docstring)
HEDGES: dict[str, str] = _table("hedges")
# Hedges that keep a four-digit number a year ("circa 1996"); the others make it a number.
YEAR_HEDGES = frozenset(_list("year_hedges"))

# --- currencies ----------------------------------------------------------------
# Symbols as written before an amount; backslashes (Markdown escapes) and spaces
# are ignored when reading them ("US\$ 8", "US $8").
CURRENCY_SYMBOLS: dict[str, str] = _table("currency_symbols")
# ISO 4217 codes recognised before or after an amount ("USD 5 million", "5 million EUR").
CURRENCY_CODES = _list("currency_codes")
# Other written forms of currencies that are not ISO codes.
CURRENCY_CODE_ALIASES: dict[str, str] = _table("currency_code_aliases")
# Currency names after an amount ("5 million US dollars", "10 billion yuan"),
# matched ignoring case; singular and plural.
CURRENCY_NAMES: dict[str, str] = _table("currency_names")

# --- bare years ------------------------------------------------------------------
# The word before a four-digit number that makes it a year even before a count noun.
YEAR_CUES = frozenset(_list("year_cues"))
# Lower-case words ending in "s" that are not plural nouns.
NON_PLURAL_S_WORDS = frozenset(_list("non_plural_s_words"))
# Count nouns that do not end in "s".
IRREGULAR_COUNT_NOUNS = frozenset(_list("irregular_count_nouns"))
# Unit abbreviations after a number ("1800 km"), matched with case.
UNIT_ABBREVIATIONS = frozenset(_list("unit_abbreviations"))

# --- labels ----------------------------------------------------------------------
# A number right after these is a label, not a quantity ("p. 18", "Table 2", "No. 66").
LABEL_ABBREVIATIONS = frozenset(_list("label_abbreviations"))
LABEL_WORDS = frozenset(_list("label_words"))

del _DATA


def _words(words: Iterable[str]) -> str:
    """An alternation of literal words/phrases, longest first; spaces match any whitespace run."""
    parts = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s++") for w in parts) + ")"
