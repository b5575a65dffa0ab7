"""Tests for scocheck.values: extraction, parsing and comparison of typed values."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scocheck import values
from scocheck.values import Value, as_type, compare, extract, parse


def one(text: str, types=None) -> Value:
    """The single value extracted from text (fails when there is not exactly one)."""
    found = extract(text, types)
    assert len(found) == 1, f"expected one value in {text!r}, got {found}"
    return found[0]


def canon(text: str, types=None) -> list[tuple[str, str]]:
    return [(v.type, v.canonical) for v in extract(text, types)]


def span(text: str, value: Value) -> str:
    return text[value.start:value.end]


def day(y: int, m: int, d: int) -> int:
    return date(y, m, d).toordinal()


# ---------------------------------------------------------------------------
# Years
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,canonical", [
    ("2004", "2004"), ("It was founded in 2001.", "2001"), ("since 1996, tensions", "1996"),
    ("the SCO [2025](#) strategy", "2025"), ("(Nasir, 2007, p.76)", "2007"),
])
def test_bare_years(text, canonical):
    v = one(text)
    assert (v.type, v.canonical) == ("year", canonical)


def test_year_interval_covers_the_whole_year():
    v = one("in 2004")
    assert (v.low, v.high) == (day(2004, 1, 1), day(2004, 12, 31))
    assert (v.start, v.end) == (3, 7)
    assert not v.approximate


def test_year_inside_a_name_is_still_a_year():
    assert canon("In August 2014, the SCO Peace Mission 2014 brought together troops.") == [
        ("date", "2014-08"), ("year", "2014")]


@pytest.mark.parametrize("text,kind,canonical", [
    ("some 2000 soldiers", "number", "2000"),         # hedge
    ("about 2004", "number", "2004"),
    ("$2000", "money", "2000 USD"),                    # currency
    ("2000%", "percent", "2000"),                      # percent
    ("2000 million", "number", "2000000000"),          # scale word
    ("It sent 2000 soldiers.", "number", "2000"),      # count noun
    ("a 1800 km border", "number", "1800"),            # unit
    ("with 1850 people", "number", "1850"),            # irregular plural
    ("In 2004 elections were held.", "year", "2004"),  # time cue before
    ("The 2004 elections", "year", "2004"),
    ("2014 brought change", "year", "2014"),           # not a plural
    ("in 2004 was", "year", "2004"),
    ("circa 1996", "year", "1996"),                    # circa keeps a year
    ("c. 1996", "year", "1996"),
    ("By about 2021 it had grown.", "year", "2021"),  # any hedge after a time cue keeps a year
    ("since roughly 1995", "year", "1995"),
    ("its about 1500 employees", "number", "1500"),   # ... unless a count noun follows
    ("1,999 people", "number", "1999"),                # separators
    ("1799", "number", "1799"),                        # out of range
    ("2101", "number", "2101"),
])
def test_bare_year_rule(text, kind, canonical):
    v = one(text)
    assert (v.type, v.canonical) == (kind, canonical)


def test_circa_year_is_approximate_and_spans_the_hedge():
    v = one("built circa 1996")
    assert v.approximate and span("built circa 1996", v) == "circa 1996"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,canonical", [
    ("26 April 1996", "1996-04-26"),
    ("April 26, 1996", "1996-04-26"),
    ("3rd July 1998", "1998-07-03"),
    ("3<sup>rd</sup> July 1998", "1998-07-03"),
    ("the 3rd of July 1998", "1998-07-03"),
    ("27 April, 1997", "1997-04-27"),
    ("March 16 1993", "1993-03-16"),
    ("Sept. 11, 2001", "2001-09-11"),
    ("Sept.11, 2001", "2001-09-11"),
    ("Jun 5, 2006", "2006-06-05"),
    ("(2010, July 8)", "2010-07-08"),
    ("2001-06-15", "2001-06-15"),
    ("2001/06/15", "2001-06-15"),
    ("15/06/2001", "2001-06-15"),
    ("06/15/2001", "2001-06-15"),
    ("15.06.2001", "2001-06-15"),
    ("July 2005", "2005-07"),
    ("November 2003", "2003-11"),
    ("Dec. 2009", "2009-12"),
    ("March, 2003", "2003-03"),
    ("September of 2005", "2005-09"),
    ("June 14-15, 2001", "2001-06-14/2001-06-15"),
    ("June 14 – 15, 2001", "2001-06-14/2001-06-15"),
    ("14-15 June 2001", "2001-06-14/2001-06-15"),
    ("14 and 15 June 2001", "2001-06-14/2001-06-15"),
    ("June 30 - July 2, 2001", "2001-06-30/2001-07-02"),
    ("30 June - 2 July 2001", "2001-06-30/2001-07-02"),
])
def test_dates(text, canonical):
    v = one(text)
    assert (v.type, v.canonical) == ("date", canonical)
    assert parse("date", v.canonical) == Value("date", canonical, v.low, v.high)


def test_day_and_month_intervals():
    assert (one("26 April 1996").low, one("26 April 1996").high) == (day(1996, 4, 26), day(1996, 4, 26))
    v = one("in November 2003")
    assert (v.low, v.high) == (day(2003, 11, 1), day(2003, 11, 30))
    v = one("June 14-15, 2001")
    assert (v.low, v.high) == (day(2001, 6, 14), day(2001, 6, 15))
    assert span("On June 14-15, 2001 in Shanghai", one("On June 14-15, 2001 in Shanghai")) == "June 14-15, 2001"


def test_ambiguous_numeric_date_gives_its_year():
    v = one("03/04/2001")
    assert (v.type, v.canonical) == ("year", "2001")


def test_impossible_dates_are_not_dates():
    assert ("date", "2001-02-30") not in canon("30 February 2001")
    assert canon("2001-02-30") != [("date", "2001-02-30")]


@pytest.mark.parametrize("text,canonical,approximate", [
    ("mid-2005", "2005", True),
    ("in early 2005", "2005", True),
    ("late 1998", "1998", True),
    ("by the end of 2005", "2005", True),
    ("the 1990s", "1990/1999", False),
    ("the mid-1990s", "1990/1999", True),
])
def test_approximate_years_and_decades(text, canonical, approximate):
    v = one(text)
    assert (v.type, v.canonical, v.approximate) == ("year", canonical, approximate)


def test_qualified_month_is_an_approximate_date():
    v = one("in mid-July 2005")
    assert (v.type, v.canonical, v.approximate) == ("date", "2005-07", True)


def test_month_names_need_a_capital():
    assert canon("they may 2005") == [("year", "2005")]


def test_days_without_a_year_are_neither_dates_nor_numbers():
    assert extract("It met on 5 July and again on August 1 in Beijing.") == []
    assert extract("the 21st summit and the 3rd session") == []


def test_hedged_date_is_approximate():
    text = "around June 2001"
    v = one(text)
    assert v.approximate and span(text, v) == text


# ---------------------------------------------------------------------------
# Year ranges
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,canonical,spanned", [
    ("2001–2005", "2001/2005", "2001–2005"),
    ("2001-2005", "2001/2005", "2001-2005"),
    ("in place from 1996 to 2001.", "1996/2001", "from 1996 to 2001"),
    ("between 2000 and 2010 trade grew", "2000/2010", "between 2000 and 2010"),
    ("1998–99", "1998/1999", "1998–99"),
    ("the 1999-00 season", "1999/2000", "1999-00"),
    ("Tajikistan 1992 – 7", "1992/1997", "1992 – 7"),
    ("the fiscal year 2014/15", "2014/2015", "2014/15"),
])
def test_year_ranges(text, canonical, spanned):
    v = one(text)
    assert (v.type, v.canonical) == ("year", canonical)
    assert span(text, v) == spanned


def test_year_range_bounds():
    v = one("2001–2005")
    assert (v.low, v.high) == (day(2001, 1, 1), day(2005, 12, 31))


def test_two_years_joined_by_and_are_two_values():
    assert canon("in 2001 and 2005") == [("year", "2001"), ("year", "2005")]


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,canonical", [
    ("7,000", "7000"),
    ("1 000", "1000"),
    ("1\u2009000", "1000"),
    ("1\u202f000", "1000"),
    ("1\u00a0000", "1000"),
    ("1 000 000", "1000000"),
    ("650", "650"),
    ("12.1", "12.1"),
    ("15.0", "15"),
    ("1.5 million", "1500000"),
    ("2 billion", "2000000000"),
    ("3bn", "3000000000"),
    ("10 lakh", "1000000"),
    ("six", "6"),
    ("twenty-six", "26"),
    ("twenty six", "26"),
    ("one hundred", "100"),
    ("one hundred and five", "105"),
    ("a thousand", "1000"),
    ("two million", "2000000"),
    ("two million five hundred thousand", "2500000"),
    ("a dozen", "12"),
    ("two dozen", "24"),
    ("half a million", "500000"),
    ("Six states signed.", "6"),
])
def test_numbers(text, canonical):
    v = one(text)
    assert (v.type, v.canonical) == ("number", canonical)
    assert v.low == v.high == float(canonical)


def test_space_separator_needs_groups_of_three():
    assert canon("12 34") == [("number", "12"), ("number", "34")]
    assert canon("1 0000") == [("number", "1"), ("number", "0")]


def test_thousands_separator_does_not_join_a_year_and_a_count():
    assert canon("In 2001 100 delegates came.") == [("year", "2001"), ("number", "100")]


def test_number_spans():
    text = "bringing together 7 000 troops"
    v = one(text)
    assert span(text, v) == "7 000"


def test_not_numbers():
    # ordinals, names, pronouns, labels, footnote markers, codes
    assert extract("the twenty-first century") == []
    assert extract("a third member joined") == []
    assert extract("a two-thirds majority") == []
    assert extract("the Shanghai Five met") == []
    assert extract("No one knew; they helped one another.") == []
    assert extract("see p. 18 and Table 2, No. 66, pp. 632-656") == []
    assert extract("Organization<sup>1</sup>. Then") == []
    assert extract("after 9/11 and COVID-19") == []


def test_capitalised_number_word_at_sentence_start_is_a_number():
    assert canon("Talks failed. Three months later they met.") == [("number", "3")]


def test_negative_number_in_a_table():
    assert canon("Kazakhstan\t25.6\t-4.7") == [("number", "25.6"), ("number", "-4.7")]


# ---------------------------------------------------------------------------
# Ranges of numbers
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["8-10", "8–10", "8 to 10", "between 8 and 10", "8 – 10"])
def test_number_ranges(text):
    v = one(text)
    assert (v.type, v.canonical, v.low, v.high) == ("number", "8-10", 8, 10)
    assert span(text, v) == text


def test_from_to_is_a_change_not_a_range():
    assert canon("rose from 8 to 10 members") == [("number", "8"), ("number", "10")]
    assert canon("developed from six to nineteen members") == [("number", "6"), ("number", "19")]


def test_backwards_or_chained_dashes_are_not_ranges():
    assert canon("a 3-2 vote") == [("number", "3")]
    assert canon("items 4-5-6-7") == [("number", "4")]
    assert canon("4.0\t-9.4") == [("number", "4"), ("number", "-9.4")]


def test_scale_of_the_upper_end_applies_to_both():
    v = one("8-10 million")
    assert (v.canonical, v.low, v.high) == ("8000000-10000000", 8e6, 1e7)


# ---------------------------------------------------------------------------
# Fractions and percentages
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,canonical", [
    ("a third of the population", "33.3"),
    ("one-fourth of the world", "25"),
    ("three fifths of the votes", "60"),
    ("half of the members", "50"),
    ("half the members", "50"),
    ("a quarter of the land", "25"),
    ("two-thirds of the states", "66.7"),
    ("one seventh of it", "14.3"),
    ("25%", "25"),
    ("25 %", "25"),
    ("25 per cent", "25"),
    ("25 percent", "25"),
    ("twenty per cent", "20"),
    ("89.4%", "89.4"),
    ("25\\%", "25"),
])
def test_percentages(text, canonical):
    v = one(text)
    assert (v.type, v.canonical) == ("percent", canonical)
    assert v.low == v.high == float(canonical)


def test_fraction_span_excludes_of():
    text = "Membership encompasses a third of the world's population"
    assert span(text, one(text)) == "a third"


@pytest.mark.parametrize("text", ["the second half of 2005", "the first half of the year"])
def test_half_after_an_ordinal_is_not_a_fraction(text):
    assert all(v.type != "percent" for v in extract(text))


def test_percent_ranges():
    assert canon("8-10%") == [("percent", "8-10")]
    assert canon("8% to 10%") == [("percent", "8-10")]
    assert canon("between 5 and 10 per cent") == [("percent", "5-10")]


def test_percentage_points_are_not_percentages():
    assert canon("rose 5 percentage points") == [("number", "5")]


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,canonical", [
    ("US$130 billion", "130000000000 USD"),
    ("US$ 8 billion", "8000000000 USD"),
    ("US\\$ 8 billion", "8000000000 USD"),
    ("US\\\\$ 8 billion", "8000000000 USD"),
    ("US\\$[40 billion](#) announced", "40000000000 USD"),
    ("$400-billion", "400000000000 USD"),
    ("\\$400-billion gas deal", "400000000000 USD"),
    ("$400 bn", "400000000000 USD"),
    ("$5", "5 USD"),
    ("USD 5 million", "5000000 USD"),
    ("5 million US dollars", "5000000 USD"),
    ("465 million dollar", "465000000 USD"),
    ("two billion dollars", "2000000000 USD"),
    ("€3 billion", "3000000000 EUR"),
    ("EUR 3bn", "3000000000 EUR"),
    ("£2m", "2000000 GBP"),
    ("10 billion yuan", "10000000000 CNY"),
    ("RMB 10 billion", "10000000000 CNY"),
    ("300 million rubles", "300000000 RUB"),
    ("300 million roubles", "300000000 RUB"),
    ("HK$5 million", "5000000 HKD"),
    ("5 billion Swiss francs", "5000000000 CHF"),
])
def test_money(text, canonical):
    v = one(text)
    assert (v.type, v.canonical) == ("money", canonical)
    assert v.unit == canonical.split()[-1]


@pytest.mark.parametrize("text", [
    "US$8-10 billion", "US$8 to 10 billion", "between $8 and $10 billion",
    "$8 billion to $10 billion", "8-10 billion dollars",
])
def test_money_ranges(text):
    v = one(text)
    assert (v.type, v.canonical, v.low, v.high, v.unit) == (
        "money", "8000000000-10000000000 USD", 8e9, 1e10, "USD")
    assert span(text, v) == text


def test_a_money_letter_scale_needs_a_currency():
    assert canon("5m") == [("number", "5")]


def test_mixed_currencies_do_not_make_a_range():
    assert [v.unit for v in extract("$5 to €10")] == ["USD", "EUR"]


# ---------------------------------------------------------------------------
# Hedges
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("hedge", [
    "some", "around", "about", "approximately", "roughly", "an estimated", "estimated",
    "circa", "c.", "~",
])
def test_point_hedges(hedge):
    text = f"it had {hedge} 500 staff"
    v = one(text)
    assert (v.canonical, v.low, v.high, v.approximate) == ("500", 500, 500, True)
    assert span(text, v) == f"{hedge} 500"


@pytest.mark.parametrize("hedge", ["more than", "over", "at least", "upwards of"])
def test_lower_bound_hedges(hedge):
    v = one(f"{hedge} 500 staff")
    assert (v.low, v.high, v.approximate) == (500, math.inf, True)


@pytest.mark.parametrize("hedge", ["less than", "under", "fewer than", "up to"])
def test_upper_bound_hedges(hedge):
    v = one(f"{hedge} 500 staff")
    assert (v.low, v.high, v.approximate) == (0, 500, True)


@pytest.mark.parametrize("hedge", ["nearly", "almost", "close to"])
def test_nearly_hedges(hedge):
    v = one(f"{hedge} 500 staff")
    assert (v.low, v.high, v.approximate) == (pytest.approx(450), 500, True)


def test_hedge_examples_from_the_corpus():
    v = one("nearly 60% of the total territory")
    assert (v.type, v.canonical, v.low, v.high) == ("percent", "60", pytest.approx(54), 60)
    text = "contributed to preventing '[some 1 000](#)' terrorist attacks"
    v = one(text)
    assert (v.canonical, v.approximate, span(text, v)) == ("1000", True, "some 1 000")
    text = "account for more than [80%](#) of the exports"
    v = one(text)
    assert (v.type, v.low, v.high, span(text, v)) == ("percent", 80, math.inf, "more than [80%")
    text = "contributing approximately US\\$8-10 billion"
    v = one(text)
    assert (v.canonical, v.approximate) == ("8000000000-10000000000 USD", True)
    assert span(text, v) == "approximately US\\$8-10 billion"


def test_hedge_is_a_whole_word():
    assert not one("handsome 50 prize").approximate
    assert not one("moreover 50 prize").approximate


def test_hedged_fraction():
    v = one("more than half of the members")
    assert (v.type, v.low, v.high) == ("percent", 50, math.inf)


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

def test_report_sentence_with_money_date_and_fraction():
    text = "The bank was capitalised with some US$ 4.5 billion in March 2010, about a fifth of the original plan."
    found = extract(text)
    assert [(v.type, v.canonical, v.approximate) for v in found] == [
        ("money", "4500000000 USD", True), ("date", "2010-03", False), ("percent", "20", True)]
    assert [span(text, v) for v in found] == ["some US$ 4.5 billion", "March 2010", "about a fifth"]


def test_trade_sentence():
    text = ("Trade between China and the other member states soared from US\\$12.1 billion in 2001 "
            "to US\\$[130 billion](#) in 2013.")
    assert canon(text) == [
        ("money", "12100000000 USD"), ("year", "2001"), ("money", "130000000000 USD"), ("year", "2013")]


def test_news_sentence_with_troops_and_dates():
    text = ("On 24 August 2014, around 7,000 troops from five countries began a week-long exercise, "
            "the largest since 2007.")
    assert [(v.type, v.canonical, v.approximate) for v in extract(text)] == [
        ("date", "2014-08-24", False), ("number", "7000", True), ("number", "5", False), ("year", "2007", False)]


def test_summit_sentence():
    text = "The subsequent summit took place in Shanghai on June 14-15, 2001, marking a historic moment."
    assert canon(text) == [("date", "2001-06-14/2001-06-15")]


def test_budget_sentence():
    text = ("Its budget rose by 12.5 per cent to EUR 3bn in 2019, up from €2.7 billion, "
            "almost two-thirds of which went to staff.")
    assert canon(text) == [("percent", "12.5"), ("money", "3000000000 EUR"), ("year", "2019"),
                           ("money", "2700000000 EUR"), ("percent", "66.7")]


def test_membership_sentence():
    text = "The organisation grew from six founding members in 2001 to eight in 2017, with four observers."
    assert canon(text) == [("number", "6"), ("year", "2001"), ("number", "8"), ("year", "2017"), ("number", "4")]


def test_types_filter():
    text = "In 2004 some 1 000 attacks (25%) cost US$2 billion on 3 May 2005."
    assert canon(text, ["year"]) == [("year", "2004"), ("date", "2005-05-03")]
    assert canon(text, ["date"]) == [("year", "2004"), ("date", "2005-05-03")]
    assert canon(text, ["money"]) == [("money", "2000000000 USD")]
    assert canon(text, ["number", "percent"]) == [("number", "1000"), ("percent", "25")]
    with pytest.raises(ValueError, match="unknown value type"):
        extract(text, ["colour"])


def test_extract_handles_empty_and_odd_input():
    assert extract("") == []
    assert extract("no values here at all") == []
    assert extract(None) == []  # type: ignore[arg-type]


def test_fast_constructor_builds_ordinary_values():
    built = values._make("year", "2004", 1.0, 2.0, "", True, 3, 7)
    assert built == Value("year", "2004", 1.0, 2.0, "", True, 3, 7)
    assert hash(built) == hash(Value("year", "2004", 1.0, 2.0, "", True, 3, 7))


# ---------------------------------------------------------------------------
# parse()
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind,raw,canonical,low,high", [
    ("year", 2004, "2004", day(2004, 1, 1), day(2004, 12, 31)),
    ("year", "2004", "2004", day(2004, 1, 1), day(2004, 12, 31)),
    ("year", "2001/2005", "2001/2005", day(2001, 1, 1), day(2005, 12, 31)),
    ("date", "2001-06", "2001-06", day(2001, 6, 1), day(2001, 6, 30)),
    ("date", "2001-06-15", "2001-06-15", day(2001, 6, 15), day(2001, 6, 15)),
    ("date", date(2001, 6, 15), "2001-06-15", day(2001, 6, 15), day(2001, 6, 15)),
    ("date", datetime(2001, 6, 15, 12, 0), "2001-06-15", day(2001, 6, 15), day(2001, 6, 15)),
    ("date", 2001, "2001", day(2001, 1, 1), day(2001, 12, 31)),
    ("date", "2001-06-14/2001-06-15", "2001-06-14/2001-06-15", day(2001, 6, 14), day(2001, 6, 15)),
    ("date", "2008-02", "2008-02", day(2008, 2, 1), day(2008, 2, 29)),
    ("number", 7000, "7000", 7000, 7000),
    ("number", "7000", "7000", 7000, 7000),
    ("number", 12.1, "12.1", 12.1, 12.1),
    ("number", "8-10", "8-10", 8, 10),
    ("number", "7,000", "7000", 7000, 7000),
    ("number", 1e3, "1000", 1000, 1000),
    ("money", "130000000000 USD", "130000000000 USD", 1.3e11, 1.3e11),
    ("money", "8000000000-10000000000 USD", "8000000000-10000000000 USD", 8e9, 1e10),
    ("percent", 25, "25", 25, 25),
    ("percent", "33.3", "33.3", 33.3, 33.3),
    ("percent", 89.4, "89.4", 89.4, 89.4),
    ("percent", "25%", "25", 25, 25),
])
def test_parse_registry_values(kind, raw, canonical, low, high):
    v = parse(kind, raw)
    assert (v.type, v.canonical, v.low, v.high) == (kind, canonical, low, high)
    assert not v.approximate
    assert v.unit == ("USD" if kind == "money" else "")


@pytest.mark.parametrize("kind,raw,message", [
    ("year", "20o4", "not a year"),
    ("year", date(2004, 6, 1), "full date"),
    ("year", "2005/2001", "earlier to a later"),
    ("year", True, "not a year"),
    ("year", None, "missing"),
    ("year", 1.5, "not a float"),
    ("date", "2001-13", "not a real date"),
    ("date", "2001-02-30", "not a real date"),
    ("date", "15 June 2001", "ISO 8601"),
    ("date", "2001-06-15/2001-06-14", "earlier to a later"),
    ("date", "2001/2002/2003", "one '/'"),
    ("number", "seven", "not a number"),
    ("number", "10-8", "low to high"),
    ("number", float("nan"), "finite"),
    ("number", [1, 2], "not a list"),
    ("money", 7000, "no currency"),
    ("money", "130 billion", "ISO currency code"),
    ("money", "10-8 USD", "low to high"),
    ("percent", "a third", "not a percent"),
    ("colour", 1, "unknown value type"),
])
def test_parse_errors(kind, raw, message):
    with pytest.raises(ValueError, match=message):
        parse(kind, raw)


@pytest.mark.parametrize("text", [
    "2004", "June 2001", "26 April 1996", "June 14-15, 2001", "2001–2005", "the 1990s",
    "7,000", "8-10", "12.1", "US$130 billion", "US$8-10 billion", "a third of them", "25%", "8-10%",
])
def test_parse_round_trips_extracted_values(text):
    v = one(text)
    back = parse(v.type, v.canonical)
    assert (back.type, back.canonical, back.low, back.high, back.unit) == (v.type, v.canonical, v.low, v.high, v.unit)


# ---------------------------------------------------------------------------
# as_type()
# ---------------------------------------------------------------------------

def test_date_as_year():
    v = as_type(parse("date", "2003-11"), "year")
    assert (v.type, v.canonical, v.low, v.high) == ("year", "2003", day(2003, 1, 1), day(2003, 12, 31))


def test_date_interval_across_years_as_year():
    assert as_type(parse("date", "2001-12-30/2002-01-02"), "year").canonical == "2001/2002"


def test_as_type_keeps_span_and_approximation():
    text = "around June 2001"
    v = as_type(one(text), "year")
    assert (v.start, v.end, v.approximate) == (0, len(text), True)


def test_year_as_date_and_identity():
    year = parse("year", 2004)
    assert as_type(year, "year") is year
    as_date = as_type(year, "date")
    assert (as_date.type, as_date.canonical, as_date.low, as_date.high) == ("date", "2004", year.low, year.high)


def test_as_type_refuses_numeric_conversions():
    with pytest.raises(ValueError):
        as_type(parse("number", 5), "year")
    with pytest.raises(ValueError):
        as_type(parse("year", 2004), "number")


# ---------------------------------------------------------------------------
# compare()
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("a,b,expected", [
    (("year", 2001), ("date", "2001-06"), "agree"),
    (("year", 2001), ("date", "2001-06-15"), "agree"),
    (("year", 2004), ("date", "2003-11"), "disagree"),
    (("year", "2001/2005"), ("year", 2003), "agree"),
    (("year", "2001/2005"), ("year", 2006), "disagree"),
    (("date", "2001-06-15"), ("date", "2001-06-14/2001-06-15"), "agree"),
    (("date", "2001-06-16"), ("date", "2001-06-14/2001-06-15"), "disagree"),
    (("number", 7000), ("number", 8000), "disagree"),
    (("number", 7000), ("number", "7000"), "agree"),
    (("number", "8-10"), ("number", 9), "agree"),
    (("number", "8-10"), ("number", 11), "disagree"),
    (("money", "130000000000 USD"), ("money", "130000000000 USD"), "agree"),
    (("money", "8000000000-10000000000 USD"), ("money", "8000000000 USD"), "agree"),
    (("money", "8000000000 USD"), ("money", "8000000000 EUR"), "incomparable"),
    (("percent", 25), ("number", 25), "incomparable"),
    (("year", 2004), ("number", 2004), "incomparable"),
    (("money", "5 USD"), ("number", 5), "incomparable"),
    (("percent", 33.3), ("percent", 33.3), "agree"),
])
def test_compare_rules(a, b, expected):
    left, right = parse(*a), parse(*b)
    assert compare(left, right) == expected
    assert compare(right, left) == expected


def test_compare_extracted_with_registry_values():
    assert compare(one("some 1 000 attacks"), one("around 1000 attacks")) == "agree"
    assert compare(parse("number", 1000), one("some 1 000 attacks")) == "agree"
    assert compare(parse("number", 1080), one("some 1 000 attacks")) == "agree"     # within 10 %
    assert compare(parse("number", 1200), one("some 1 000 attacks")) == "disagree"
    assert compare(parse("number", 7000), one("7,000 troops")) == "agree"
    assert compare(parse("number", 8000), one("7,000 troops")) == "disagree"
    assert compare(parse("year", 2004), one("established in November 2003")) == "disagree"
    assert compare(parse("year", 2003), one("established in November 2003")) == "agree"
    assert compare(parse("percent", 33.3), one("a third of the population")) == "agree"
    assert compare(parse("money", "8000000000 USD"), one("approximately US$8-10 billion")) == "agree"
    assert compare(parse("money", "12000000000 USD"), one("approximately US$8-10 billion")) == "disagree"


def test_compare_bounded_hedges():
    assert compare(parse("percent", 85), one("more than 80% of it")) == "agree"
    assert compare(parse("percent", 60), one("more than 80% of it")) == "disagree"
    assert compare(parse("number", 10), one("up to 30 people")) == "agree"
    assert compare(parse("percent", 57), one("nearly 60% of it")) == "agree"
    assert compare(parse("percent", 40), one("nearly 60% of it")) == "disagree"


def test_compare_tolerance():
    exact_a, exact_b = parse("number", 100), parse("number", 104)
    assert compare(exact_a, exact_b) == "disagree"
    assert compare(exact_a, exact_b, 0.05) == "agree"
    assert compare(exact_a, exact_b, 0.01) == "disagree"
    approx = Value("number", "100", 100, 100, approximate=True)
    assert compare(approx, parse("number", 115)) == "disagree"
    assert compare(approx, parse("number", 115), 0.2) == "agree"


def test_compare_allows_float_noise():
    assert compare(parse("number", 0.3), Value("number", "0.3", 0.1 + 0.2, 0.1 + 0.2)) == "agree"


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_PIECES = st.sampled_from([
    " ", ", ", ". ", "-", "–", "\\", "$", "US$", "€", "£", "%", "[", "](#)", "\n", "\t", "\u2009", "\u00a0",
    "0", "1", "7", "12", "2001", "1996", "2004", "1 000", "7,000", "12.1", "8-10", "3rd", "<sup>", "</sup>",
    "June", "Sept.", "May", "mid-", "the", "of", "a", "one", "twenty", "six", "hundred", "million", "billion",
    "bn", "m", "third", "half", "quarters", "some", "more than", "nearly", "up to", "circa", "c.", "from",
    "to", "between", "and", "per cent", "dollars", "yuan", "USD", "soldiers", "in", "since", "1990s", "/",
])
_TEXTS = st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=40).map("".join),
                   st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map(" ".join))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_extract_never_raises_and_returns_ordered_disjoint_spans(text):
    found = extract(text)
    previous_end = 0
    for v in found:
        assert 0 <= v.start < v.end <= len(text)
        assert v.start >= previous_end
        previous_end = v.end
        assert v.type in values.TYPES
        assert v.low <= v.high
        assert (v.unit != "") == (v.type == "money")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_parse_round_trips_every_extracted_value(text):
    for v in extract(text):
        back = parse(v.type, v.canonical)
        assert (back.type, back.canonical, back.unit) == (v.type, v.canonical, v.unit)
        if not v.approximate:
            assert (back.low, back.high) == (v.low, v.high)
        assert compare(back, v) == "agree"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", " ", "\u2009", ""]))
def test_digits_round_trip(n, separator):
    text = f"{n:,}".replace(",", separator) if separator else str(n)
    found = extract(f"there were {text} units")
    assert [(v.type, v.canonical) for v in found] == [("number", str(n))]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_number_words_round_trip(n):
    units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def below_thousand(k: int) -> str:
        words = []
        if k >= 100:
            words.append(f"{units[k // 100]} hundred")
            k %= 100
            if k:
                words.append("and")
        if k >= 20:
            words.append(tens[k // 10] + (f"-{units[k % 10]}" if k % 10 else ""))
        elif k or not words:
            words.append(units[k])
        return " ".join(words)

    spoken = below_thousand(n // 1000) + " thousand" if n >= 1000 else ""
    if n % 1000 or n < 1000:
        spoken = (spoken + " " if spoken else "") + below_thousand(n % 1000)
    assert canon(f"they counted {spoken} birds") == [("number", str(n))]


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_dates_round_trip(d):
    month = d.strftime("%B")
    for text in (f"on {d.day} {month} {d.year}.", f"on {month} {d.day}, {d.year}.", f"on {d.isoformat()}."):
        assert canon(text) == [("date", d.isoformat())], text
