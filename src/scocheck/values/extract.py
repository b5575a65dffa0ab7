"""Values in English prose: :func:`extract` finds them in text.

A sentence states a value as "in November 2003", "some 1 000", "US$8-10 billion" or "a third
of". The reader knows English (month names, number words, hedges, currencies, fractions; the
word lists are in data/english.yaml, loaded by lexicon.py) and nothing about any subject. It
compiles its patterns once at import and never raises on a ``str`` passed to :func:`extract`.
No pattern nests quantifiers over overlapping characters, and every repetition that could run
over a long stretch of text is bounded, so extraction is linear in the length of the text.

Rules worth knowing
-------------------
*Bare years.* A four-digit integer from 1800 to 2100, written without
separators, is a year ("in 2004", "Peace Mission 2014", "the 2004 elections"),
except that it is a number when

1. a hedge precedes it ("some 2000", "over 1900"); "circa" and "c." are the
   exception: "circa 1996" is an approximate year;
2. a currency, a percent sign or word, or a scale word goes with it
   ("$2000", "2000%", "2000 million");
3. a count noun follows it -- the next word is a unit abbreviation ("km"), an
   irregular plural ("people") or a lower-case word ending in "s" that is not
   one of a few common non-plurals ("was", "always", ...) -- and the word before
   it is not a time cue ("in", "since", "the", ...): "2000 soldiers" and
   "with 1850 troops" are numbers, "in 2004 elections were held" is a year.

*Ranges.* "8-10", "8 to 10", "between 8 and 10", "US$8-10 billion" (the scale
and currency of one end apply to the other) are ranges; "from 2001 to 2005" is a
range of years, but "from 8 to 10" states a change, so it gives two numbers.

*Fractions* ("a third", "two-thirds", "half") are percentages only before "of"
("half" also before "the"/"its"/"their"/"all"); "a third member" is an ordinal
and gives nothing.

*Hedges* (``hedges`` in data/english.yaml) make a value approximate and are
part of its span. "more than X" is [X, inf), "up to X" is [0, X], "nearly X"
is [X*0.9, X]; the others leave a point. Before a date only the "about" kind
counts ("around June 2001").

*Days without a year* ("5 July", "August 1") are not values, and they do not
yield the day as a number either; nor do ordinals ("3rd", "twenty-first"),
labels ("p. 18", "Table 2", "No. 66"), footnote markers ("<sup>1</sup>") or
slashed pairs ("9/11", "50/50"); "2014/15" is a range of years.

*Number words* ("six", "twenty-six", "one hundred and five", "a dozen",
"two million") are numbers; a capitalised one counts only at the start of a
sentence, so "the Shanghai Five" is a name. "one" used as a pronoun ("no one",
"one another", "one of them") is not a number. A minus sign after a space
(a table cell "-4.7") makes a number negative.

Speed (CPython 3.11): the scan costs about 0.15 us a character (about 20 us
for a 30-word sentence without values) plus 10-20 us for each value found.
The time is linear in the length of the text: 1 MB of random junk on one line
takes about half a second; text made of nothing but values costs the
per-value price for each of them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Iterable

from .lexicon import (
    CURRENCY_CODE_ALIASES, CURRENCY_CODES, CURRENCY_NAMES, CURRENCY_SYMBOLS, DOZEN_WORD, FRACTION_DENOMINATORS,
    FRACTION_NUMERATORS, HALF_FOLLOWERS, HALF_NOT_AFTER, HEDGES, HUNDRED_WORD, IRREGULAR_COUNT_NOUNS,
    LABEL_ABBREVIATIONS, LABEL_WORDS, MONEY_SCALE_LETTERS, MONTH_ABBREVIATIONS, MONTHS, NON_PLURAL_S_WORDS,
    ORDINAL_WORDS, PERCENT_WORDS, PRONOUN_ONE_AFTER, PRONOUN_ONE_BEFORE, SCALE_SUFFIXES, SCALE_WORDS,
    TENS_WORDS, TIME_PERIOD_PHRASES, TIME_QUALIFIERS, UNIT_ABBREVIATIONS, UNIT_WORDS, YEAR_CUES, YEAR_HEDGES,
    _words,
)
from .model import _FAMILY, _TEMPORAL, TYPES, Value, _make, _month_bounds, _numeric_value, _year_value

# Bare years (above): four-digit integers from BARE_YEAR_MIN to BARE_YEAR_MAX.
BARE_YEAR_MIN, BARE_YEAR_MAX = 1800, 2100


# =============================================================================
# Regular expressions (built from the word lists in lexicon.py, compiled once)
# =============================================================================

_NB = r"(?<![\w.,/])"                       # nothing number-like or word-like just before
_THOUSANDS_SPACE = "[ \u00a0\u2009\u202f]"  # space, NBSP, thin space, narrow NBSP
_NUM_END = r"(?![0-9]|[.,][0-9])"

# A number in digits: "7,000", "1 000", "650", "12.1". Bounded repetitions keep it linear.
_DIGITS = (
    _NB + r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,6}(?![0-9])"
    r"|[0-9]{1,3}(?:" + _THOUSANDS_SPACE + r"[0-9]{3}){1,6}(?![0-9])"
    r"|[0-9]{1,21})(?:\.[0-9]{1,12})?" + _NUM_END
)

_W_FIRST = _words(list(UNIT_WORDS) + list(TENS_WORDS))
_W_ANY = _words(list(UNIT_WORDS) + list(TENS_WORDS) + [HUNDRED_WORD] + list(SCALE_WORDS) + [DOZEN_WORD])
_W_BIG = _words([HUNDRED_WORD] + list(SCALE_WORDS) + [DOZEN_WORD])
_AND_AFTER_SCALE = "(?:" + "|".join(f"(?<={w})" for w in [HUNDRED_WORD, *SCALE_WORDS]) + ")"
# A number in words: "six", "twenty-six", "one hundred and five", "a thousand", "half a million".
_WORDNUM = (
    r"(?<![\w-])(?i:(?:(?:half\s++)?an?(?=\s++" + _W_BIG + r"\b)|" + _W_FIRST + r"\b)"
    r"(?:(?:\s++|-)" + _W_ANY + r"\b|" + _AND_AFTER_SCALE + r"\s++and\s++" + _W_ANY + r"\b){0,12})"
)
_AMOUNT = "(?:(?=[0-9])" + _DIGITS + "|(?=[A-Za-z])" + _WORDNUM + ")"

_SCALE = (
    r"(?:(?:\s*+-\s*+|\s++)?(?i:" + _words(k for k in SCALE_SUFFIXES if len(k) > 3) + r")s?\b"
    r"|\s?(?i:" + _words(k for k in SCALE_SUFFIXES if len(k) <= 3) + r")\b"
    r"|[" + "".join(k + k.upper() for k in MONEY_SCALE_LETTERS) + r"]\b)"
)
_PERCENT = r"(?:\s*+\\{0,3}%|\s*+(?i:" + _words(PERCENT_WORDS) + r")\b)"


def _currency_prefix() -> str:
    dollar_prefixes = [s[:-1] for s in CURRENCY_SYMBOLS if s.endswith("$") and len(s) > 1]
    others = [s for s in CURRENCY_SYMBOLS if not s.endswith("$")]
    codes = list(CURRENCY_CODES) + list(CURRENCY_CODE_ALIASES)
    return (
        r"(?:(?:" + "|".join(re.escape(p) + r"\s?" for p in sorted(dollar_prefixes, key=len, reverse=True))
        + r")?\\{0,3}\$|" + _words(others) + "|" + _words(codes) + r"(?![A-Za-z]))"
    )


_CUR_PRE = _currency_prefix()
_CUR_POST = (
    r"(?:(?i:" + _words(CURRENCY_NAMES) + r")\b|"
    + _words(list(CURRENCY_CODES) + list(CURRENCY_CODE_ALIASES)) + r"(?![A-Za-z]))"
)
_DASHES = frozenset("-–—‒−")
_RANGE_SEP = r"(?:[-–—‒−]|\s++[-–—‒−]\s++|\s++(?i:to|until|till|through)\s++)"


def _qty_side(n: str) -> str:
    return (
        rf"(?:(?P<c{n}>{_CUR_PRE})\s*+\[?\s*+)?(?P<a{n}>{_AMOUNT})(?P<s{n}>{_SCALE})?"
        rf"(?P<p{n}>{_PERCENT})?(?:\s++(?P<k{n}>{_CUR_POST}))?"
    )


# Numbers, money and percentages, with an optional second end for a range.
_P_QTY = (
    r"(?:(?P<pre>(?i:between|from))\s++)?" + _qty_side("1")
    + r"(?:(?P<sep>" + _RANGE_SEP + r"|\s++(?i:and)\s++)" + _qty_side("2") + r")?"
)

_MONTH_NAMES = _words(MONTHS) + r"\b|" + _words(MONTH_ABBREVIATIONS) + r"(?:\.|\b)"
_ORD = r"(?:st|nd|rd|th|<sup>\s*+(?:st|nd|rd|th)\s*+</sup>)?"


def _month(n: str) -> str:
    return rf"(?P<m{n}>{_MONTH_NAMES})"


def _day(n: str) -> str:
    return rf"(?P<d{n}>(?<![\w,/])(?<![0-9]\.)(?:[12][0-9]|3[01]|0?[1-9])(?![0-9]){_ORD})"


_YEAR4 = r"(?P<y>" + _NB + r"[12][0-9]{3}" + _NUM_END + r")"
_DAY_SEP = r"(?:\s*+[-–—]\s*+|\s++(?:to|and|&)\s++)"
_OF = r"(?:of\s++)?"
_QUAL = r"(?P<q>(?i:" + _words(TIME_QUALIFIERS) + r"))"

_P_DATE_MD_RANGE = _month("1") + r"\s*+" + _day("1") + _DAY_SEP + _day("2") + r",?\s++" + _YEAR4
_P_DATE_MDMD_RANGE = (
    _month("1") + r"\s*+" + _day("1") + _DAY_SEP + _month("2") + r"\s*+" + _day("2") + r",?\s++" + _YEAR4
)
_P_DATE_DM_RANGE = _day("1") + _DAY_SEP + _day("2") + r"\s++" + _OF + _month("1") + r",?\s++" + _YEAR4
_P_DATE_DMDM_RANGE = (
    _day("1") + r"\s++" + _OF + _month("1") + _DAY_SEP + _day("2") + r"\s++" + _OF + _month("2")
    + r",?\s++" + _YEAR4
)
_P_DATE_DMY = _day("1") + r"\s++" + _OF + _month("1") + r",?\s++" + _YEAR4
_P_DATE_MDY = _month("1") + r"\s*+" + _day("1") + r",?\s++" + _YEAR4
_P_DATE_YMD = _YEAR4 + r",\s++" + _month("1") + r"\s*+" + _day("1")          # "(2010, July 8)"
_P_DATE_ISO = (
    r"(?P<y>" + _NB + r"[12][0-9]{3})[-/](?P<mo>0[1-9]|1[0-2])[-/]"
    r"(?P<dd>0[1-9]|[12][0-9]|3[01])" + _NUM_END
)
_P_DATE_NUMERIC = (
    r"(?P<a>" + _NB + r"[0-9]{1,2})(?P<sep>[/.])(?P<b>[0-9]{1,2})[/.](?P<y>[12][0-9]{3})" + _NUM_END
)
_P_DATE_MY = r"(?:" + _QUAL + r"[-\s]++)?" + _month("1") + r",?\s++" + _OF + _YEAR4
_P_DAY_MONTH = _day("1") + r"(?:" + _DAY_SEP + _day("2") + r")?\s++" + _OF + _month("1")
_P_MONTH_DAY = _month("1") + r"\s*+" + _day("1") + r"(?:" + _DAY_SEP + _day("2") + r")?"
_P_DECADE = r"(?:" + _QUAL + r"[-\s]++)?(?P<y>" + _NB + r"[12][0-9]{2}0)'?s\b"
_P_YEAR_QUAL = (
    r"(?:" + _QUAL + r"[-\s]++|(?P<q2>(?i:(?:the\s++)?" + _words(TIME_PERIOD_PHRASES) + r"))\s++)"
    r"(?P<y>[12][0-9]{3})" + _NUM_END
)
_P_CIRCA = r"(?P<h>(?i:circa|ca\.|c\.))\s*+(?P<y>[12][0-9]{3})" + _NUM_END
_P_FRACTION = (
    r"(?<![\w-])(?i:(?:(?P<n>" + _words(FRACTION_NUMERATORS) + r")(?:\s++|-))?"
    r"(?P<d>" + _words(FRACTION_DENOMINATORS) + r")\b(?=\s++(?P<f>" + _words(HALF_FOLLOWERS) + r")\b))"
)

_HEDGE_WINDOW = max(len(h) for h in HEDGES) + 8       # characters looked at before a value
_HEDGE_BY_LAST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _hedge in sorted(HEDGES, key=len, reverse=True):
    _HEDGE_BY_LAST_WORD.setdefault(_hedge.split()[-1], []).append(tuple(_hedge.split()))
_OPENING_PUNCTUATION = "([{\"'“‘*_"
_NEXT_WORD = re.compile(r"\s++([A-Za-z][A-Za-z0-9]{0,29})\b")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b|<sup>\s*+(?:st|nd|rd|th)\s*+</sup>")
_WORD_ORDINAL_AFTER = re.compile(
    r"(?i:-" + _words(ORDINAL_WORDS + tuple(FRACTION_DENOMINATORS)) + r"|\s++"
    + _words(FRACTION_DENOMINATORS) + r")\b"
)
_WORD_TOKEN = re.compile(r"[A-Za-z]+")
_SUP_CLOSE = re.compile(r"\s*+</sup>")
_SLASH_NUMBER = re.compile(r"/[0-9]{1,4}(?![0-9/])")
_DASH_DIGIT = re.compile(r"[-–—‒−][0-9]")
_BEFORE_MINUS = frozenset(" \t\n\r\u00a0([")
_SENTENCE_OPENER = re.compile(r"(?:\A|[.!?:;\"'“‘(\[\n*_-])\s*+\Z")


# =============================================================================
# Small helpers
# =============================================================================

def _month_number(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.get(name) or MONTH_ABBREVIATIONS[name]


def _day_number(text: str) -> int:
    return int(re.match(r"[0-9]+", text).group())


def _parse_word_number(phrase: str) -> tuple[Decimal, int] | None:
    """Value of the longest valid prefix of a number-word phrase, and that prefix's length."""
    total = group = 0
    last = ""
    biggest = 0
    half = False
    best: tuple[int, int] | None = None
    for token in _WORD_TOKEN.finditer(phrase):
        word = token.group().lower()
        if word == "and":
            if last not in ("hundred", "scale"):
                break
            continue
        if word == "half" and not last:
            half, last = True, "half"
            continue
        if word in ("a", "an") and last in ("", "half"):
            group, last = 1, "a"
            continue
        if word in UNIT_WORDS:
            if last in ("", "hundred", "scale") or (last == "tens" and 0 < UNIT_WORDS[word] < 10):
                group += UNIT_WORDS[word]
                last = "unit"
            else:
                break
        elif word in TENS_WORDS:
            if last not in ("", "hundred", "scale"):
                break
            group += TENS_WORDS[word]
            last = "tens"
        elif word == HUNDRED_WORD:
            if last not in ("unit", "tens", "a") or not 0 < group < 100:
                break
            group *= 100
            last = "hundred"
        elif word in SCALE_WORDS:
            scale = SCALE_WORDS[word]
            if last not in ("unit", "tens", "hundred", "a") or group <= 0 or (biggest and scale >= biggest):
                break
            total += group * scale
            group, biggest, last = 0, scale, "scale"
        elif word == DOZEN_WORD:
            if last not in ("unit", "a") or group >= 100:
                break
            group *= 12
            last = "dozen"
        else:
            break
        best = (total + group, token.end())
        if last == "dozen":
            break
    if best is None:
        return None
    value = Decimal(best[0]) / 2 if half else Decimal(best[0])
    return value, best[1]


_SEPARATORS = str.maketrans("", "", ", \u00a0\u2009\u202f")


def _digits_value(text: str) -> Decimal:
    return Decimal(text.translate(_SEPARATORS))


_CURRENCY_STRIP = str.maketrans("", "", "\\[ \t\n\r\u00a0")


def _currency_code(raw: str | None) -> str | None:
    if not raw:
        return None
    symbol = raw.translate(_CURRENCY_STRIP)
    code = CURRENCY_SYMBOLS.get(symbol) or CURRENCY_CODE_ALIASES.get(symbol)
    if code:
        return code
    if symbol in CURRENCY_CODES:
        return symbol
    return CURRENCY_NAMES.get(" ".join(raw.split()).lower())


def _scale_value(raw: str | None) -> tuple[int, bool] | None:
    """(multiplier, money only) of a scale suffix, or None."""
    if not raw:
        return None
    word = raw.strip(" \t\n\r\f\v\u00a0-").lower()
    if word in MONEY_SCALE_LETTERS:
        return MONEY_SCALE_LETTERS[word], True
    if word.endswith("s") and word[:-1] in SCALE_SUFFIXES:
        word = word[:-1]
    return SCALE_SUFFIXES[word], False


def _hedge_before(text: str, start: int, floor: int) -> tuple[str, str, int] | None:
    """(hedge, kind, start of the hedge) just before start, not reaching back past floor.

    Between the hedge and the value only whitespace and a Markdown "[" may stand.
    """
    if start == 0 or text[start - 1].isdigit():
        return None
    lo = max(floor, start - _HEDGE_WINDOW)
    before = text[lo:start].rstrip()
    if before.endswith("["):
        before = before[:-1].rstrip()
    if not before:
        return None
    if before[-1] in "~≈":
        return before[-1], "about", lo + len(before) - 1
    words = before.rsplit(None, 3)
    last = words[-1].lower()
    if len(last) > 1 and last[0] in _OPENING_PUNCTUATION:
        last = last.lstrip(_OPENING_PUNCTUATION)
    for hedge in _HEDGE_BY_LAST_WORD.get(last, ()):
        n = len(hedge)
        if n > len(words) or (n > 1 and [w.lower() for w in words[-n:-1]] != list(hedge[:-1])):
            continue
        first = words[-n]
        if n > 1 and first[0] in _OPENING_PUNCTUATION:
            continue
        # where the hedge begins: walk back over its words
        pos = len(before)
        for word in reversed(words[-n:]):
            pos = before.rfind(word, 0, pos)
        if n == 1:
            pos += len(first) - len(first.lstrip(_OPENING_PUNCTUATION))
        begin = lo + pos
        if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "._"):
            continue                                   # the window began inside a word
        return " ".join(hedge), HEDGES[" ".join(hedge)], begin
    return None


def _prev_word(text: str, start: int) -> str:
    """The word just before start (lower case), if only whitespace separates them."""
    before = text[max(0, start - 24):start]
    if not before[-1:].isspace() and before:
        return ""
    words = before.split()
    return words[-1].lower() if words and words[-1].isalpha() else ""


def _year_after(first: int, written: str) -> int | None:
    """The end of a range of years written after first: "2005", "05" or "5" (after 2001)."""
    if not written.isdigit() or len(written) not in (1, 2, 4):
        return None
    if len(written) == 4:
        last = int(written)
    else:
        unit = 10 ** len(written)
        last = first // unit * unit + int(written)
        if last <= first and unit == 100:
            last += 100                                  # "1999-00"
    return last if first < last <= BARE_YEAR_MAX else None


def _is_label(text: str, start: int) -> bool:
    """Is the number at start a label ("p. 18", "Table 2", "No. 66") rather than a quantity?"""
    before = text[max(0, start - 14):start]
    if not before[-1:].isspace():
        return False
    words = before.split()
    if not words:
        return False
    word = words[-1].lstrip(_OPENING_PUNCTUATION).lower()
    return word in LABEL_ABBREVIATIONS or word in LABEL_WORDS


def _count_noun_follows(text: str, end: int) -> bool:
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    if word in UNIT_ABBREVIATIONS or word in IRREGULAR_COUNT_NOUNS:
        return True
    return (
        word.islower() and word.isalpha() and len(word) > 3 and word.endswith("s")
        and not word.endswith(("ss", "us", "is")) and word not in NON_PLURAL_S_WORDS
    )


def _is_quantity_not_year(text: str, start: int, end: int) -> bool:
    """Rule 3 of the bare-year rules: a count noun follows and no time cue precedes."""
    return _count_noun_follows(text, end) and _prev_word(text, start) not in YEAR_CUES


def _date_value(y: int, m: int, d: int | None, start: int, end: int, approximate: bool = False) -> Value | None:
    """A day (d given) or a month; None when it is not a real date."""
    try:
        if d is None:
            low, high = _month_bounds(y, m)
            return _make("date", f"{y:04d}-{m:02d}", low, high, "", approximate, start, end)
        day = date(y, m, d)
    except ValueError:
        return None
    return _make("date", day.isoformat(), day.toordinal(), day.toordinal(), "", approximate, start, end)


def _date_interval(first: date, last: date, start: int, end: int, approximate: bool) -> Value | None:
    if last <= first:
        return None
    return _make(
        "date", f"{first.isoformat()}/{last.isoformat()}", first.toordinal(), last.toordinal(),
        "", approximate, start, end,
    )


def _temporal_hedge(text: str, start: int, floor: int) -> tuple[bool, int]:
    """An "about"-kind hedge before a date: (approximate, new start)."""
    hedge = _hedge_before(text, start, floor)
    if hedge and hedge[1] == "about":
        return True, hedge[2]
    return False, start


# =============================================================================
# Handlers: each reads one form's match. It returns a Value, an int (the end of
# text that is not a value but must not be read again, such as "3rd"), or None
# (not this form after all: try the next form at the same place).
# =============================================================================

def _h_date_range(text: str, m: re.Match, floor: int) -> Value | int | None:
    y = int(m.group("y"))
    g = m.groupdict()
    m1 = _month_number(g["m1"])
    m2 = _month_number(g["m2"]) if g.get("m2") else m1
    try:
        first = date(y, m1, _day_number(g["d1"]))
        last = date(y, m2, _day_number(g["d2"]))
    except ValueError:
        return None
    approximate, start = _temporal_hedge(text, m.start(), floor)
    return _date_interval(first, last, start, m.end(), approximate)


def _h_date_day(text: str, m: re.Match, floor: int) -> Value | int | None:
    approximate, start = _temporal_hedge(text, m.start(), floor)
    return _date_value(
        int(m.group("y")), _month_number(m.group("m1")), _day_number(m.group("d1")),
        start, m.end(), approximate,
    )


def _h_date_iso(text: str, m: re.Match, floor: int) -> Value | int | None:
    approximate, start = _temporal_hedge(text, m.start(), floor)
    return _date_value(int(m.group("y")), int(m.group("mo")), int(m.group("dd")), start, m.end(), approximate)


def _h_date_numeric(text: str, m: re.Match, floor: int) -> Value | int | None:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    approximate, start = _temporal_hedge(text, m.start(), floor)
    if m.group("sep") == "." or a > 12 or a == b:     # day.month.year, or day/month when unambiguous
        day, month = a, b
    elif b > 12:                                       # month/day/year
        day, month = b, a
    else:                                              # 03/04/2001: the day and month are unknown
        return _year_value(y, y, start, m.end(), approximate)
    return _date_value(y, month, day, start, m.end(), approximate)


def _h_date_month(text: str, m: re.Match, floor: int) -> Value | int | None:
    approximate, start = _temporal_hedge(text, m.start(), floor)
    return _date_value(
        int(m.group("y")), _month_number(m.group("m1")), None, start, m.end(),
        approximate or bool(m.group("q")),
    )


def _h_skip(text: str, m: re.Match, floor: int) -> Value | int | None:
    return m.end()


def _h_decade(text: str, m: re.Match, floor: int) -> Value | int | None:
    y = int(m.group("y"))
    approximate, start = _temporal_hedge(text, m.start(), floor)
    return _year_value(y, y + 9, start, m.end(), approximate or bool(m.group("q")))


def _h_year_qual(text: str, m: re.Match, floor: int) -> Value | int | None:
    y = int(m.group("y"))
    if not BARE_YEAR_MIN <= y <= BARE_YEAR_MAX or _is_quantity_not_year(text, m.start("y"), m.end()):
        return None
    return _year_value(y, y, m.start(), m.end(), True)


def _h_circa(text: str, m: re.Match, floor: int) -> Value | int | None:
    return _year_value(int(m.group("y")), int(m.group("y")), m.start(), m.end(), True)


def _h_fraction(text: str, m: re.Match, floor: int) -> Value | int | None:
    numerator = m.group("n")
    denominator = FRACTION_DENOMINATORS[m.group("d").lower()]
    if numerator is None:
        if denominator != 2 or m.group("d").lower() != "half" or _prev_word(text, m.start()) in HALF_NOT_AFTER:
            return None
        n = 1
    else:
        if m.group("f").lower() != "of":
            return None
        n = FRACTION_NUMERATORS[numerator.lower()]
    percent = (Decimal(100 * n) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return _numeric_value("percent", percent, None, "", _hedge_before(text, m.start(), floor), m.start(), m.end())


_SIDE_GROUPS = {n: tuple(g + n for g in "caspk") for n in "12"}


class _Side:
    """One end of a quantity match: currency, amount, scale, percent sign."""

    __slots__ = ("raw", "amount", "amount_end", "cut", "digits", "plain", "scale", "money_scale",
                 "percent", "code", "start", "end")

    def __init__(self, m: re.Match, n: str):
        names = _SIDE_GROUPS[n]
        cn, an, sn, pn, kn = names
        c, raw, sc, pc, kc = m.group(*names)
        self.raw = raw
        a_start, a_end = m.span(an)
        self.start = m.start(cn) if c else a_start
        self.digits = raw[0].isdigit()
        self.cut = False
        if self.digits:
            self.amount = _digits_value(raw)
            self.amount_end = a_end
        else:
            parsed = _parse_word_number(raw)
            if parsed is None:
                self.amount, self.amount_end, self.cut = None, a_start, True
            else:
                self.amount, length = parsed
                self.amount_end = a_start + length
                self.cut = self.amount_end < a_end
        scale = _scale_value(sc) if sc else None
        self.scale, self.money_scale = scale if scale else (1, False)
        self.percent = bool(pc)
        code = _currency_code(c) if c else None
        if kc:
            other = _currency_code(kc)
            code = other if code is None or code == other else "?"
        self.code = code
        self.plain = self.digits and scale is None and not self.percent and not code
        self.end = m.end(kn) if kc else m.end(pn) if pc else m.end(sn) if sc else a_end

    def is_bare_year(self) -> bool:
        raw = self.raw
        return self.plain and len(raw) == 4 and raw.isdigit() and BARE_YEAR_MIN <= int(raw) <= BARE_YEAR_MAX


def _h_quantity(text: str, m: re.Match, floor: int) -> Value | int | None:
    one = _Side(m, "1")
    if one.amount is None:
        return None
    if one.start >= 5 and text.startswith("<sup>", one.start - 5):      # a footnote marker
        close = _SUP_CLOSE.match(text, one.amount_end)
        if close:
            return close.end()
    if _is_label(text, m.start("pre") if m.group("pre") else one.start):
        return m.end("a2") if m.group("a2") and not one.cut else one.amount_end   # "p. 18", "pp. 632-656"
    if one.cut:                                   # "six seven": the valid words only
        return _single(text, m, one, floor, cut=True)
    if m.group("a2") is not None:
        value = _range(text, m, one, floor)
        if value is not None:
            return value
    return _single(text, m, one, floor)


def _range(text: str, m: re.Match, one: _Side, floor: int) -> Value | None:
    two = _Side(m, "2")
    pre_raw, sep_raw = m.group("pre", "sep")
    pre = (pre_raw or "").lower()
    sep = sep_raw.strip().lower()
    if two.amount is None or two.cut or "?" in (one.code, two.code):
        return None
    if (sep == "and") != (pre == "between"):
        return None
    if one.code and two.code and one.code != two.code:
        return None
    if one.percent and not two.percent:
        return None
    if sep in _DASHES and _DASH_DIGIT.match(text, two.amount_end):
        return None                                # "4-5-6-7": a list or code, not a range
    start = m.start("pre") if pre else one.start
    end = two.end
    # A range of years: "2001-2005", "1998-99", "1992-7", "from 2001 to 2005", "between 2001 and 2005".
    if one.is_bare_year():
        y1 = int(one.raw)
        raw2 = two.raw
        y2 = None
        if two.is_bare_year():
            y2 = int(raw2)
        elif two.plain and sep in _DASHES:
            y2 = _year_after(y1, raw2)
        if y2 is not None and y1 < y2:
            hedge = _hedge_before(text, start, floor)
            if hedge is None and not _is_quantity_not_year(text, start, end):
                return _year_value(y1, y2, start, end)
    if pre == "from":                             # "from 8 to 10" is a change, not a range
        return None
    scale1 = one.scale
    if scale1 == 1 and two.scale != 1:            # "8-10 billion"
        scale1 = two.scale
    if (one.money_scale or two.money_scale) and not (one.code or two.code):
        return None
    low, high = one.amount * scale1, two.amount * two.scale
    if not low < high:
        return None
    code = one.code or two.code
    kind = "money" if code else "percent" if two.percent else "number"
    return _numeric_value(kind, low, high, code or "", _hedge_before(text, start, floor), start, end)


def _single(text: str, m: re.Match, one: _Side, floor: int, cut: bool = False) -> Value | int | None:
    start = one.start
    if cut:
        end, code, scale, percent = one.amount_end, None, 1, False
    else:
        end, code, scale, percent = one.end, one.code, one.scale, one.percent
        if code == "?":
            return None
        if one.money_scale and not code:          # "5m" is not money; read the 5 alone
            end, scale = one.amount_end, 1
    has_unit = bool(code) or percent or scale != 1
    raw = one.raw
    amount = one.amount
    if not has_unit:
        if one.digits:
            slash = _SLASH_NUMBER.match(text, one.amount_end)
            if slash and one.is_bare_year():                               # "2014/15": a fiscal or academic year
                y1 = int(raw)
                y2 = _year_after(y1, slash.group()[1:])
                if y2 is not None and not _hedge_before(text, start, floor):
                    return _year_value(y1, y2, start, slash.end())
            after = _ORDINAL_AFTER.match(text, one.amount_end) or slash
            if after:                                                       # "3rd", "9/11"
                return after.end()
        else:
            after = _WORD_ORDINAL_AFTER.match(text, one.amount_end)
            if after:                                                       # "twenty-first", "two thirds"
                return after.end()
            first_word = _WORD_TOKEN.match(raw).group()
            if first_word[0].isupper() and not _SENTENCE_OPENER.search(text, max(0, start - 4), start):
                return end                                                  # "the Shanghai Five"
            if first_word.lower() == "one" and one.amount_end == start + 3:
                nxt = _NEXT_WORD.match(text, end)
                if _prev_word(text, start) in PRONOUN_ONE_BEFORE or (
                        nxt and nxt.group(1).lower() in PRONOUN_ONE_AFTER):
                    return end                                              # "no one", "one another"
    if one.digits and not code and start and text[start - 1] in "-−" and (
            start == 1 or text[start - 2] in _BEFORE_MINUS):
        amount, start = -amount, start - 1                                  # "-4.7" in a table
    hedge = _hedge_before(text, start, floor)
    if not has_unit and amount > 0 and len(raw) == 4 and raw.isdigit() and BARE_YEAR_MIN <= int(raw) <= BARE_YEAR_MAX:
        # "circa 1996", and any hedge after a year cue ("by about 2021"), keep a year a year
        if hedge is None or hedge[0] in YEAR_HEDGES or _prev_word(text, hedge[2]) in YEAR_CUES:
            if not _is_quantity_not_year(text, start, end):
                if hedge is not None:
                    return _year_value(int(raw), int(raw), hedge[2], end, True)
                return _year_value(int(raw), int(raw), start, end)
    kind = "money" if code else "percent" if percent else "number"
    return _numeric_value(kind, amount * scale, None, code or "", hedge, start, end)


# =============================================================================
# The scanner: forms in priority order, grouped by the class of their first
# character (d: digit, w: letter, c: currency symbol or backslash).
# =============================================================================

_Handler = Callable[[str, re.Match, int], "Value | int | None"]
_FORMS: list[tuple[str, str, _Handler, str]] = [
    ("date_md_range", _P_DATE_MD_RANGE, _h_date_range, "w"),
    ("date_mdmd_range", _P_DATE_MDMD_RANGE, _h_date_range, "w"),
    ("date_dm_range", _P_DATE_DM_RANGE, _h_date_range, "d"),
    ("date_dmdm_range", _P_DATE_DMDM_RANGE, _h_date_range, "d"),
    ("date_dmy", _P_DATE_DMY, _h_date_day, "d"),
    ("date_mdy", _P_DATE_MDY, _h_date_day, "w"),
    ("date_ymd", _P_DATE_YMD, _h_date_day, "d"),
    ("date_iso", _P_DATE_ISO, _h_date_iso, "d"),
    ("date_numeric", _P_DATE_NUMERIC, _h_date_numeric, "d"),
    ("date_month", _P_DATE_MY, _h_date_month, "w"),
    ("day_month", _P_DAY_MONTH, _h_skip, "d"),
    ("month_day", _P_MONTH_DAY, _h_skip, "w"),
    ("decade", _P_DECADE, _h_decade, "dw"),
    ("year_qual", _P_YEAR_QUAL, _h_year_qual, "w"),
    ("circa", _P_CIRCA, _h_circa, "w"),
    ("fraction", _P_FRACTION, _h_fraction, "w"),
    ("quantity", _P_QTY, _h_quantity, "dwc"),
]

def _trie(words: Iterable[str], fold_first: bool = False) -> str:
    """A regex matching exactly the given words, factored by common prefixes (fast in `re`)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, depth: int) -> str:
        alternatives = []
        for ch, sub in sorted((k, v) for k, v in node.items() if k):
            if fold_first and depth == 0 and ch.isalpha():
                head = f"[{ch.upper()}{ch}]"
            else:
                head = re.escape(ch)
            alternatives.append(head + build(sub, depth + 1))
        if not alternatives:
            return ""
        if len(alternatives) == 1 and "" not in node:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + (")?" if "" in node else ")")

    return build(tree, 0)


def _word_trigger() -> str:
    """Where a value can begin at a word: a cheap superset of the word-initial forms' starts.

    Words the forms match ignoring case are recognised in lower case or with a
    capital first letter.
    """
    folded = (
        set(UNIT_WORDS) | set(TENS_WORDS) | (set(FRACTION_NUMERATORS) - {"a", "an"}) | {"half"}
        | {"between", "from", "circa"} | set(TIME_QUALIFIERS) | {p.split()[0] for p in TIME_PERIOD_PHRASES}
    )
    big = _words([HUNDRED_WORD, *SCALE_WORDS, DOZEN_WORD, *FRACTION_DENOMINATORS])
    dollar_prefixes = [s[:-1] for s in CURRENCY_SYMBOLS if s.endswith("$") and len(s) > 1]
    return (
        r"(?:" + _trie(folded, fold_first=True) + r"\b"
        r"|[Aa]n?\s++(?i:" + big + r")\b"
        r"|[Tt]he\s++(?:" + _words(p.split()[0] for p in TIME_PERIOD_PHRASES) + r")\b"
        r"|[Cc]a?\."
        r"|" + _trie(list(MONTHS) + list(MONTH_ABBREVIATIONS)) + r"\b"
        r"|" + _trie(dollar_prefixes) + r"\s?\\{0,3}\$"
        r"|" + _trie(list(CURRENCY_CODES) + list(CURRENCY_CODE_ALIASES)) + r"(?![A-Za-z]))"
    )


_GUARDS = {
    "d": r"(?<![\w.,/])(?<![A-Za-z]-)(?<![0-9][-–])(?=[0-9])",
    "w": r"(?<!\w)(?=" + _word_trigger() + ")",
    "c": r"(?=[$€£¥₹₽₩₺₸₴]|\\{1,3}\$)",
}
_FORM_RE = {name: re.compile(pattern) for name, pattern, _, _ in _FORMS}
_HANDLER = {name: handler for name, _, handler, _ in _FORMS}
_BY_CLASS = {cls: [name for name, _, _, classes in _FORMS if cls in classes] for cls in _GUARDS}


_LAST_FORM = _FORMS[-1][0]        # "quantity": in every class, tried last everywhere
assert all(_BY_CLASS[cls][-1] == _LAST_FORM for cls in _GUARDS)
_CLASS_LOOKAHEAD = {"d": "(?=[0-9])", "w": "(?=[A-Za-z])"}


def _scanner() -> re.Pattern:
    """One pattern for all forms: a guard, then the forms of the position's class in order.

    The last form keeps its named groups so that its (most frequent) matches need
    no second match; the others are matched again on their own for their groups.
    """
    strip = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")
    branches = []
    for cls, lookahead in _CLASS_LOOKAHEAD.items():
        alternatives = "|".join(
            f"(?P<{name}__{cls}>{strip.sub('(?:', _FORM_RE[name].pattern)})"
            for name in _BY_CLASS[cls] if name != _LAST_FORM
        )
        branches.append(f"{lookahead}(?:{alternatives})")
    branches.append(f"(?P<{_LAST_FORM}>{_FORM_RE[_LAST_FORM].pattern})")
    guard = "(?:" + "|".join(_GUARDS.values()) + ")"
    return re.compile(guard + "(?:" + "|".join(branches) + ")")


_SCANNER = _scanner()


# =============================================================================
# Public API
# =============================================================================

def _wanted_types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    if isinstance(types, str):
        types = (types,)
    wanted = set()
    for kind in types:
        if kind not in _FAMILY:
            raise ValueError(f"unknown value type {kind!r} (expected one of: {', '.join(TYPES)})")
        wanted |= _TEMPORAL if kind in _TEMPORAL else {kind}
    return frozenset(wanted)


def extract(text: str, types: Iterable[str] | None = None) -> list[Value]:
    """Every value stated in text, ordered by start, spans not overlapping.

    types filters the result; "year" and "date" both ask for temporal values
    (bare years and dates alike), since either can state a year.
    """
    wanted = _wanted_types(types)
    if not isinstance(text, str) or not text:
        return []
    found: list[Value] = []
    pos = 0
    floor = 0
    search = _SCANNER.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        start = m.start()
        name = m.lastgroup
        if name == _LAST_FORM:
            result = _HANDLER[name](text, m, floor)
        else:
            name, cls = name.split("__")
            names = _BY_CLASS[cls]
            result = None
            for form in names[names.index(name):]:
                match = _FORM_RE[form].match(text, start)   # again, for the form's own groups
                if match is None:
                    continue
                result = _HANDLER[form](text, match, floor)
                if result is not None:
                    break
        if isinstance(result, Value):
            found.append(result)
            pos = floor = max(result.end, start + 1)
        elif isinstance(result, int):
            pos = floor = max(result, start + 1)
        else:
            pos = start + 1
    if wanted is not None:
        found = [v for v in found if v.type in wanted]
    return found
