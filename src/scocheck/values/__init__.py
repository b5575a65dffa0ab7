"""Typed values in English prose: extraction, normalisation and comparison.

A *value* is a year, a date, a number, an amount of money or a percentage, as a
sentence states it ("in November 2003", "some 1 000", "US$8-10 billion",
"a third of"). This package finds them in text (:func:`extract`), reads them as
a registry writes them (:func:`parse`), converts between the two temporal
types (:func:`as_type`) and decides whether two values agree (:func:`compare`).

Every value is an interval: ``low``/``high`` are day ordinals
(``date.toordinal()``) for years and dates, plain numbers for the rest. A point
has ``low == high``; "more than X" has ``high == math.inf``.

One module an idea:

- model.py: :class:`Value`, its fast constructor, :func:`as_type`, :func:`compare`
  and the tolerances;
- parse.py: :func:`parse`, values as a registry writes them;
- extract.py: :func:`extract`, values as prose states them (its docstring has the
  rules worth knowing: bare years, ranges, fractions, hedges, ...);
- lexicon.py: the English word lists (month names, number words, hedges,
  currencies, fractions), read once at import from data/english.yaml.

The package knows English and nothing about any subject. ``values.extract`` and
``values.parse`` are the functions; the modules of those names are
``scocheck.values.extract`` and ``scocheck.values.parse`` in ``sys.modules``
(``importlib.import_module`` finds them).
"""

from __future__ import annotations

from .extract import extract
from .model import DEFAULT_TOLERANCE, FLOAT_NOISE, TYPES, Value, _make, as_type, compare, family
from .parse import parse

__all__ = ["Value", "TYPES", "extract", "parse", "as_type", "compare", "family"]
