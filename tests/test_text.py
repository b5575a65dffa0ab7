"""Normalisation repairs extraction defects and never loses the way back to the raw text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from scocheck.text import PARAGRAPH, line_of, line_starts, normalise


def norm(raw: str) -> str:
    return normalise(raw).text


def test_word_hyphenated_across_a_line_break_is_joined():
    assert norm("the NATO operation in Afghani-\nstan. Then") == "the NATO operation in Afghanistan. Then"


def test_hyphen_across_a_column_break_with_a_blank_line_is_joined():
    assert norm("and issue state-\n\nments to this end") == "and issue statements to this end"


def test_real_hyphen_before_a_capital_is_kept():
    assert norm("the post-\nSoviet space") == "the post-Soviet space"


def test_footnote_markers_are_removed():
    assert norm("the main driver¹ behind it") == "the main driver behind it"
    assert norm("the Organization<sup>1</sup>. While") == "the Organization. While"
    assert norm("RATS&lt;sup&gt;12&lt;/sup&gt; in") == "RATS in"
    assert norm('military alliances."3 Further evidence') == 'military alliances." Further evidence'


def test_superscript_words_are_kept_as_text():
    assert norm("in the 21<sup>st</sup> century") == "in the 21st century"


def test_markdown_escapes_and_links_are_read_as_text():
    assert norm(r"a US\$10 billion bank") == "a US$10 billion bank"
    assert norm(r"of [US\\$ 8 billion](#) of") == "of US$ 8 billion of"
    assert norm(r"to US\$[130 billion](#) in 2013") == "to US$130 billion in 2013"


def test_html_entities_curly_quotes_and_odd_spaces():
    assert norm("R&amp;D") == "R&D"
    assert norm("“color revolutions” and China’s") == "\"color revolutions\" and China's"
    assert norm("some 1\u2009000 attacks\u00a0in") == "some 1 000 attacks in"


def test_wrapped_lines_become_one_sentence_and_blank_lines_paragraphs():
    assert norm("Although officially established \nin 2001, the SCO") == "Although officially established in 2001, the SCO"
    assert norm("Background\n\nChina was the main driver") == "Background" + PARAGRAPH + "China was the main driver"


def test_list_items_and_table_rows_are_separate_paragraphs():
    assert norm("In this briefing:\n- Background\n- Further reading") == (
        "In this briefing:" + PARAGRAPH + "- Background" + PARAGRAPH + "- Further reading"
    )
    assert norm("Country\tValue\nChina\t10") == "Country Value" + PARAGRAPH + "China 10"


def test_span_maps_back_to_the_exact_raw_passage():
    raw = "It was estab-\nlished in 2004 by the [SCO](#)¹ members.\n"
    n = normalise(raw)
    start = n.text.index("established")
    end = n.text.index("members") + len("members")
    raw_start, raw_end = n.raw_span(start, end)
    assert raw[raw_start:raw_end] == "estab-\nlished in 2004 by the [SCO](#)¹ members"


def test_line_numbers_are_one_based_raw_lines():
    raw = "one\ntwo\n\nfour"
    starts = line_starts(raw)
    assert [line_of(starts, raw.index(w)) for w in ("one", "two", "four")] == [1, 2, 4]


# --- the way back never loses anything ----------------------------------------------

WORDS = st.sampled_from(["the", "SCO", "Afghani", "stan", "RATS", "2004", "1", "000", "in", "Tashkent", "bank", "é"])
GLUE = st.sampled_from(
    [" ", " ", "\n", "-\n", "-\n\n", "\u2009", "\u00a0", "\u202f", "¹", "²³", "<sup>2</sup>", "<sup>st</sup>",
     "&lt;sup&gt;3&lt;/sup&gt;", "&amp;", "\\$", "\\\\$", "“", "”", "’", "[", "](#)", "\n\n", "  \t", ". ", ".\"4 ",
     "\n- ", "*", "\t"]
)


def _collapse(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(WORDS, GLUE), min_size=1, max_size=30), st.data())
def test_any_normalised_span_maps_to_raw_text_that_contains_it(pieces, data):
    raw = "".join(word + glue for word, glue in pieces)
    n = normalise(raw)
    if not n.text:
        return
    start = data.draw(st.integers(0, len(n.text) - 1))
    end = data.draw(st.integers(start + 1, len(n.text)))
    raw_start, raw_end = n.raw_span(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)
    assert _collapse(n.text[start:end]) in _collapse(normalise(raw[raw_start:raw_end]).text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalising_arbitrary_text_never_fails_and_maps_within_bounds(raw):
    n = normalise(raw)
    for start in range(0, len(n.text), 7):
        raw_start, raw_end = n.raw_span(start, len(n.text))
        assert 0 <= raw_start <= raw_end <= len(raw)
