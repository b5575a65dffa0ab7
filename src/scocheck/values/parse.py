"""Values as a registry writes them: :func:`parse` (2004, "2001-06", 7000, "8-10", "130000000000 USD").

The strict counterpart of extract.py: one value per call, written in a fixed form (numbers
without words, years and ISO 8601 dates, money as an amount and its ISO 4217 code), and a short
ValueError, not silence, when the raw value is not one.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .lexicon import SCALE_SUFFIXES, _words
from .model import _FAMILY, TYPES, Value, _make, _month_bounds, _numeric_value, _year_bounds, _year_value

_P_NUMBER = r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_PARSE_NUMBER = re.compile(r"\s*(" + _P_NUMBER + r")\s*\Z")
_PARSE_RANGE = re.compile(r"\s*(" + _P_NUMBER + r")\s*[-–]\s*(" + _P_NUMBER + r")\s*\Z")
_PARSE_MONEY = re.compile(
    r"\s*(" + _P_NUMBER + r")(?:\s*[-–]\s*(" + _P_NUMBER + r"))?"
    r"(?:\s+(" + _words(k for k in SCALE_SUFFIXES if len(k) > 3) + r"))?\s+([A-Z]{3})\s*\Z"
)
_PARSE_YEAR = re.compile(r"\s*([0-9]{1,4})(?:\s*[/–-]\s*([0-9]{1,4}))?\s*\Z")
_PARSE_DATE_PART = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
# The sign of a bound: ">100" (more than), ">=100" (at least), "<100" (fewer than), "<=100" (at most).
_BOUND = re.compile(r"[<>]=?|[≥≤]")
_BOUND_SIGNS = {"≥": ">=", "≤": "<="}
# How far past X a strict bound starts: "more than 100" excludes 100 itself, by more than the float
# noise that compare() always allows.
_STRICT = 1e-6


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _parse_numeric(kind: str, raw: object) -> tuple[Decimal, Decimal | None]:
    example = {"number": "7000 or a range such as 8-10", "percent": "25 or a range such as 8-10"}[kind]
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueError(f"{raw} is not a finite number")
        return Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw), None
    if not isinstance(raw, str):
        raise ValueError(f"expected a {kind} such as {example}, not a {type(raw).__name__}")
    text = raw.strip()
    if kind == "percent" and text.endswith("%"):
        text = text[:-1]
    m = _PARSE_NUMBER.match(text)
    if m:
        return _decimal(m.group(1)), None
    m = _PARSE_RANGE.match(text)
    if m:
        low, high = _decimal(m.group(1)), _decimal(m.group(2))
        if not low < high:
            raise ValueError(f"the range {raw!r} must go from low to high")
        return low, high
    raise ValueError(f"{raw!r} is not a {kind}: expected e.g. {example}")


def _parse_year(raw: object) -> Value:
    if isinstance(raw, (date, datetime)):
        raise ValueError(f"{raw.isoformat()[:10]} is a full date, not a year: write the year alone, e.g. 2004")
    if isinstance(raw, int):
        text = str(raw)
    elif isinstance(raw, str):
        text = raw
    else:
        raise ValueError(f"expected a year such as 2004, not a {type(raw).__name__}")
    m = _PARSE_YEAR.match(text)
    if m is None:
        raise ValueError(f"{raw!r} is not a year: expected e.g. 2004 or a range such as 2001/2005")
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    if not 1 <= first <= 9999 or not 1 <= last <= 9999:
        raise ValueError(f"{raw!r} is not a year between 1 and 9999")
    if last < first or (m.group(2) and last == first):
        raise ValueError(f"the range {raw!r} must go from an earlier to a later year")
    return _year_value(first, last, 0, 0)


def _date_part(text: str, raw: object) -> tuple[str, int, int]:
    m = _PARSE_DATE_PART.match(text.strip())
    if m is None:
        raise ValueError(f"{raw!r} is not a date: expected ISO 8601 such as 2001-06-15, 2001-06 or 2001")
    y = int(m.group(1))
    try:
        if m.group(3):
            day = date(y, int(m.group(2)), int(m.group(3)))
            return day.isoformat(), day.toordinal(), day.toordinal()
        if m.group(2):
            low, high = _month_bounds(y, int(m.group(2)))
            return f"{y:04d}-{int(m.group(2)):02d}", low, high
        if y < 1:
            raise ValueError
        low, high = _year_bounds(y, y)
        return f"{y:04d}", low, high
    except ValueError:
        raise ValueError(f"{raw!r} is not a real date") from None


def _parse_date(raw: object) -> Value:
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return Value("date", raw.isoformat(), raw.toordinal(), raw.toordinal())
    if isinstance(raw, int):
        raw = f"{raw:04d}" if 0 < raw <= 9999 else str(raw)
    if not isinstance(raw, str):
        raise ValueError(f"expected a date such as 2001-06-15, not a {type(raw).__name__}")
    parts = raw.split("/")
    if len(parts) > 2:
        raise ValueError(f"{raw!r} is not a date: an interval has one '/'")
    first = _date_part(parts[0], raw)
    if len(parts) == 1:
        return Value("date", first[0], first[1], first[2])
    last = _date_part(parts[1], raw)
    if last[2] <= first[1]:
        raise ValueError(f"the interval {raw!r} must go from an earlier to a later date")
    return Value("date", f"{first[0]}/{last[0]}", first[1], last[2])


def _parse_money(raw: object) -> Value:
    if isinstance(raw, bool) or isinstance(raw, (int, float)):
        raise ValueError(f"{raw!r} has no currency: write the amount and its ISO code, e.g. '130000000000 USD'")
    if not isinstance(raw, str):
        raise ValueError(f"expected an amount and currency such as '130000000000 USD', not a {type(raw).__name__}")
    m = _PARSE_MONEY.match(raw)
    if m is None:
        raise ValueError(
            f"{raw!r} is not an amount of money: write the amount and its ISO currency code, "
            "e.g. '130000000000 USD' or '8000000000-10000000000 USD'"
        )
    scale = SCALE_SUFFIXES[m.group(3).lower()] if m.group(3) else 1
    low = _decimal(m.group(1)) * scale
    high = _decimal(m.group(2)) * scale if m.group(2) else None
    if high is not None and not low < high:
        raise ValueError(f"the range {raw!r} must go from low to high")
    return _numeric_value("money", low, high, m.group(4), None, 0, 0)


def _bound(type: str, sign: str, rest: str, raw: object) -> Value:
    """A lower or upper bound on a number, amount or percentage: ">100" is (100, inf), "<=80" [0, 80]."""
    if type not in ("number", "money", "percent"):
        raise ValueError(f"{raw!r}: only a number, money or percent value can be a bound")
    point = parse(type, rest)
    if point.low != point.high:
        raise ValueError(f"{raw!r}: a bound is on one value, not a range")
    sign = _BOUND_SIGNS.get(sign, sign)
    nudge = 0.0 if sign.endswith("=") else max(abs(point.low), 1.0) * _STRICT
    if sign.startswith(">"):
        low, high = point.low + nudge, math.inf
    else:
        low, high = min(0.0, point.low), point.high - nudge
    return _make(type, sign + point.canonical, low, high, point.unit, False, 0, 0)


def parse(type: str, raw: object) -> Value:
    """A value as a registry writes it (2004, "2001-06", 7000, "8-10", "130000000000 USD", 33.3, or a
    bound: ">100", ">=100", "<100", "<=100").

    Raises ValueError with a short message when raw is not a valid value of type.
    """
    if type not in _FAMILY:
        raise ValueError(f"unknown value type {type!r} (expected one of: {', '.join(TYPES)})")
    if isinstance(raw, bool):
        raise ValueError(f"{raw} is not a {type}")
    if raw is None:
        raise ValueError(f"a {type} value is missing")
    bound = _BOUND.match(raw.strip()) if isinstance(raw, str) else None
    if bound:
        return _bound(type, bound.group(), raw.strip()[bound.end():], raw)
    if type == "year":
        return _parse_year(raw)
    if type == "date":
        return _parse_date(raw)
    if type == "money":
        return _parse_money(raw)
    try:
        low, high = _parse_numeric(type, raw)
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a {type}") from None
    return _numeric_value(type, low, high, "", None, 0, 0)

