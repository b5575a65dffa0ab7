"""The value itself: :class:`Value`, its fast constructor, and how two values compare.

Every value is an interval: ``low``/``high`` are day ordinals (``date.toordinal()``) for years
and dates, plain numbers for the rest. A point has ``low == high``; "more than X" has
``high == math.inf``. :func:`as_type` converts between the two temporal types and
:func:`compare` decides whether two values agree; the constructors here (``_make``,
``_year_value``, ``_numeric_value``) are shared by the readers in parse.py and extract.py.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ..verdicts import Agreement

DEFAULT_TOLERANCE = 0.1   # relative, when either side of a comparison is approximate
FLOAT_NOISE = 1e-9        # relative, always allowed
NEARLY_MARGIN = 0.1       # "nearly X" is [X * (1 - NEARLY_MARGIN), X]

TYPES = ("year", "date", "number", "money", "percent")
_TEMPORAL = frozenset({"year", "date"})
_FAMILY = {"year": "time", "date": "time", "number": "number", "money": "money", "percent": "percent"}


# =============================================================================
# The value
# =============================================================================

@dataclass(frozen=True)
class Value:
    type: str          # "year" | "date" | "number" | "money" | "percent"
    canonical: str     # canonical string ("2004", "2001-06", "7000", "8-10", "130000000000 USD", "33.3")
    low: float         # interval lower bound; for year/date: date.toordinal() of the first day covered
    high: float        # interval upper bound (== low for a point; math.inf for "more than X")
    unit: str = ""     # ISO 4217 code for money ("USD"), else ""
    approximate: bool = False
    start: int = 0     # character span of the value's text in the input (hedge word included)
    end: int = 0


_object_new = object.__new__


def _make(type: str, canonical: str, low: float, high: float, unit: str, approximate: bool,
          start: int, end: int) -> Value:
    """Value(...) without the frozen dataclass's field-by-field __setattr__: the hot path.

    Equal to the Value built the ordinary way (a test checks it).
    """
    value = _object_new(Value)
    value.__dict__.update(type=type, canonical=canonical, low=low, high=high, unit=unit,
                          approximate=approximate, start=start, end=end)
    return value


# =============================================================================
# Constructors the readers share
# =============================================================================

def _fmt(number: Decimal) -> str:
    """A decimal without separators, exponent or trailing zeros: "7000", "12.1"."""
    text = format(number.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@functools.lru_cache(maxsize=4096)
def _year_bounds(first: int, last: int) -> tuple[int, int]:
    return date(first, 1, 1).toordinal(), date(last, 12, 31).toordinal()


@functools.lru_cache(maxsize=4096)
def _month_bounds(year: int, month: int) -> tuple[int, int]:
    first = date(year, month, 1)
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first.toordinal(), nxt.toordinal() - 1


def _year_value(first: int, last: int, start: int, end: int, approximate: bool = False) -> Value:
    low, high = _year_bounds(first, last)
    canonical = str(first) if first == last else f"{first}/{last}"
    return _make("year", canonical, low, high, "", approximate, start, end)


def _numeric_value(
    kind: str, low: Decimal, high: Decimal | None, unit: str, hedge: tuple[str, str, int] | None,
    start: int, end: int,
) -> Value:
    """A number, money or percent value (a range when high is given), hedged or not."""
    canonical = _fmt(low) if high is None else f"{_fmt(low)}-{_fmt(high)}"
    if unit:
        canonical = f"{canonical} {unit}"
    lo = float(low)
    hi = float(high if high is not None else low)
    approximate = False
    if hedge is not None:
        approximate = True
        start = hedge[2]
        if hedge[1] == "over":
            hi = math.inf
        elif hedge[1] == "under":
            lo = 0.0 if hi >= 0 else hi
        elif hedge[1] == "nearly":
            lo = lo * (1 - NEARLY_MARGIN)
    return _make(kind, canonical, lo, hi, unit, approximate, start, end)


# =============================================================================
# Conversion and comparison
# =============================================================================

def family(type: str) -> str | None:
    """The family a value type belongs to, the values that can be compared with it: year and date
    are both "time"; None for a type that is no value (a place, a text)."""
    return _FAMILY.get(type)


def as_type(value: Value, type: str) -> Value:
    """The value expressed as another temporal type: a date as a year ("2003-11" -> "2003").

    A year is also a (partial) date, so year -> date only changes the type.
    Asking for the value's own type returns it unchanged.
    """
    if type == value.type:
        return value
    if value.type in _TEMPORAL and type == "year":
        first = date.fromordinal(int(value.low)).year
        last = date.fromordinal(int(value.high)).year
        return _year_value(first, last, value.start, value.end, value.approximate)
    if value.type in _TEMPORAL and type == "date":
        return replace(value, type="date")
    raise ValueError(f"a {value.type} cannot be expressed as a {type}")


def _widen(low: float, high: float, tolerance: float) -> tuple[float, float]:
    return low - abs(low) * tolerance, high + abs(high) * tolerance


def compare(a: Value, b: Value, tolerance: float | None = None) -> Agreement:
    """Whether two values agree: Agreement.AGREE, DISAGREE or INCOMPARABLE.

    Years and dates agree when their day intervals overlap. Numbers, money and
    percentages agree when their intervals overlap after each approximate side
    is widened by tolerance (relative; default 0.1). A tolerance given when
    neither side is approximate is the largest relative difference accepted
    (as math.isclose's rel_tol). Money in different currencies and values of
    different kinds are incomparable.
    """
    family = _FAMILY.get(a.type)
    if family is None or family != _FAMILY.get(b.type):
        return Agreement.INCOMPARABLE
    if family == "money" and a.unit != b.unit:
        return Agreement.INCOMPARABLE
    if family == "time":
        return Agreement.AGREE if a.low <= b.high and b.low <= a.high else Agreement.DISAGREE
    a_low, a_high, b_low, b_high = a.low, a.high, b.low, b.high
    if a.approximate or b.approximate:
        tol = DEFAULT_TOLERANCE if tolerance is None else tolerance
        if a.approximate:
            a_low, a_high = _widen(a_low, a_high, tol)
        if b.approximate:
            b_low, b_high = _widen(b_low, b_high, tol)
        gap_tol = 0.0
    else:
        gap_tol = tolerance or 0.0
    gap = max(a_low, b_low) - min(a_high, b_high)
    if gap <= 0:
        return Agreement.AGREE
    scale = max(abs(min(a_high, b_high)), abs(max(a_low, b_low)))
    return Agreement.AGREE if gap <= scale * (gap_tol + FLOAT_NOISE) else Agreement.DISAGREE
