"""Fuzzing (issue 8): the value parser, the normaliser, the Markdown reader and the registry loader
on generated hostile input. Each either gives a well-formed result or (for files) an InputError;
nothing else may escape. Hangs are caught by bounded work, not by timing examples (no deadlines:
the suite never compares a time). The examples are derandomised in the suite (conftest.py), so a
run is reproducible; `SCOCHECK_HYPOTHESIS=explore` searches afresh, and what it finds is added as
an @example.

test_values.py and test_text.py already fuzz short everyday text; these tests use long runs,
markup floods, control characters and broken YAML, and check the properties that matter for
safety: spans inside the text, exact quotes at their lines, bounded passages, confined paths.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FACTS, SOURCES, VOCABULARY
from scocheck import values
from scocheck.corpus import MAX_SENTENCE, Source, load_sources, read_document
from scocheck.drafts import read_draft
from scocheck.errors import InputError
from scocheck.registry import load_registry
from scocheck.text import _SPACES as SPACES
from scocheck.text import normalise

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FILES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def runs(pieces: list[str], longest: int = 3000):
    """Text made of hostile pieces, some repeated into long runs."""
    piece = st.sampled_from(pieces)
    run = st.tuples(piece, st.integers(1, longest)).map(lambda p: p[0] * p[1])
    return st.lists(st.one_of(piece, run, st.text(max_size=5)), max_size=25).map("".join)


# --- the value parser -----------------------------------------------------------------------------

NUMBERISH = ["1", "0", "9", "2001", " ", "\u00a0", "\u2009", ",", ".", "-", "–", "/", "%", "$", "US$", "€", "\\",
             "million", "billion", "one", "hundred", "and", "half", "a", "quarter", "June", "mid-", "1990s", "to",
             "between", "from", "circa", "c.", "<sup>", "</sup>", "st", "th", "per cent", "USD", "(", ")", "[", "](#)",
             "\n", "some", "more than", "Peace Mission"]

ANY_RAW = st.one_of(
    st.text(max_size=40), st.text(alphabet="0123456789,.-–/ USDEURbilonm", max_size=40),
    st.integers(min_value=-10**40, max_value=10**40), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.none(), st.dates(), st.datetimes(), st.binary(max_size=8),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(["9" * 4000, "1e999999", "-0", "0000-00-00", "9999-99-99", "2001/2000", "8-10", "10-8 USD",
                     "1" * 30 + " USD", ".inf", "NaN", "  2004  ", "2004\x00"]),
)


@FAST
@given(st.sampled_from(values.TYPES + ("place", "nonsense")), ANY_RAW)
def test_parse_accepts_a_value_or_says_why_not_and_nothing_else(kind, raw):
    try:
        value = values.parse(kind, raw)
    except ValueError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert value.type == kind and value.low <= value.high
    again = values.parse(kind, value.canonical if kind != "money" else value.canonical)
    assert again.canonical == value.canonical


@FAST
@given(runs(NUMBERISH))
def test_extract_on_long_hostile_text_is_fast_and_its_spans_stay_inside(text):
    found = values.extract(text)
    end = 0
    for value in found:
        assert end <= value.start < value.end <= len(text)
        assert text[value.start:value.end].strip()
        end = value.end
        values.parse(value.type, value.canonical)  # what extract finds, parse accepts


# --- the normaliser and the corpus reader ---------------------------------------------------------

RAWISH = ["word", "SCO", "-", "-\n", "\n", "\n\n", "\r\n", "\r", " ", "\t", ".", ". ", "!", "?", "\u2028", "\u2029",
          "\x85", "\ufeff", "\x0b", "\x0c", "\x1b[31m", "\u202e", "¹", "<sup>1</sup>", "&lt;sup&gt;2&lt;/sup&gt;",
          "&amp;", "&#x1F600;", "&#99999999;", "\\$", "[", "](#)", "“", "’", "\u00a0", "2004", "1 000", "é", "\U0001F600"]


@FILES
@given(runs(RAWISH))
def test_every_passage_of_any_document_is_exact_text_at_its_line_and_bounded(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text(raw, encoding="utf-8", newline="")
        try:
            document = read_document(Source("doc", "doc.txt", path, {}))
        except InputError as error:
            assert "\0" in raw and "binary" in error.message
            return
    for passage in document.passages:
        assert 0 < len(passage.text) <= MAX_SENTENCE
        mention = document.mention(passage.start, passage.end)
        assert raw[mention.start:mention.end] == mention.quote
        assert mention.quote and mention.quote == mention.quote.strip(SPACES), mention
        assert mention.line == raw.count("\n", 0, mention.start) + 1
        assert " ".join(passage.text.split()) in " ".join(normalise(mention.quote).text.split())


# --- the Markdown reader ----------------------------------------------------------------------------

MARKDOWN = ["The SCO was founded in 2001", ". ", "\n", "\n\n", "> ", "- ", "1. ", "* ", "# ", "## ", "    ", "\t",
            "[", "]", "](x)", "![", "(", ")", "[@", "@", "@key", "[@a, p. 4; @b]", "-@c", "<!--", "-->",
            "<!-- scocheck: ignore uncited-fact -->", "<!-- scocheck: ignore ", "`", "```\n", "<a href=x>", "</a>",
            "|", "| a | b |\n|---|---|\n", "---\n", "...\n", "*", "_", "\\", "&amp;", "\x1b[31m", "\u202e", "\r\n",
            "\u2028", "é", "\U0001F600", " "]


@FAST
@given(runs(MARKDOWN, longest=2000), st.sampled_from(["draft.md", "draft.txt"]))
@example("\r0\n\nThe SCO was founded in 2001", "draft.md")  # a lone CR: markdown-it broke the line there
def test_reading_any_draft_gives_sentences_at_real_positions(text, name):
    draft = read_draft(Path(name), text)
    lines = text.split("\n")
    for sentence in draft.sentences:
        assert 1 <= sentence.line <= len(lines)
        assert 1 <= sentence.column <= len(lines[sentence.line - 1]) + 1
        assert sentence.text and "\n" not in sentence.text and len(sentence.text) <= MAX_SENTENCE
        for citation in sentence.citations:
            assert lines[citation.line - 1][citation.column - 1] in "@-", (citation, lines[citation.line - 1])
            assert citation.key


# --- the registry and sources loaders -------------------------------------------------------------

KEYS = ["id", "statement", "subject", "property", "type", "value", "evidence", "disputed_by", "source", "quote",
        "note", "as_of", "approximate", "tolerance", "entities", "places", "properties", "claims", "modality",
        "name", "kind", "aliases", "part_of", "cues", "time_varying"]
SCALARS = st.one_of(
    st.sampled_from(["wc", "zenda", "established", "location", "year", "place", "money", "entity-set", "alpha",
                     "beta", "1999", "Zenda", "The WC", "wc.x", "", " ", "UPPER", "a b"]),
    st.integers(-5, 3000), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(), st.dates(),
    st.text(max_size=12),
)
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)), max_leaves=30)

MUTATIONS = ["", "\n", "  ", "\t", "-", ":", "- ", "&a ", "*a", "<<: *a\n", "? [x]\n: y\n", "{", "}", "[", "]", "'",
             '"', "!!python/name:os.system ", "!!binary ", "!!set ", "%YAML 1.1\n", "---\n", "...\n", "#", "|\n",
             ">\n", "~", "0x1F", "1e9999", "2001-13-45", "9" * 5000, "\x1b", "\ufeff", "\u2028"]


def _load_registry(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        claims = Path(folder) / "claims"
        claims.mkdir()
        for name, text in files.items():
            (claims / name).write_text(text, encoding="utf-8")
        try:
            registry = load_registry(claims, {"alpha", "beta"})
        except InputError as error:
            assert error.message and "\n" not in error.describe()
            assert error.path and error.path.startswith(str(claims))
            return
    for claim in registry.claims:
        assert claim.subject in registry.entities and claim.property in registry.properties
        assert all(q.source in ("alpha", "beta") for q in (*claim.evidence, *claim.disputed_by))


@FILES
@given(DATA)
def test_any_yaml_registry_loads_or_is_an_input_error(data):
    _load_registry({"vocabulary.yaml": VOCABULARY, "generated.yaml": yaml.safe_dump(data, allow_unicode=True)})


# whole-line changes that keep the YAML well formed, so the loader's own checks are reached
STRUCTURAL = [
    ("  subject: wc\n", "  ? [subject]\n  : wc\n"), ("  value: 1999\n", "  value: &v [*v]\n"),
    ("  type: year\n", "  type: year\n  type: date\n"), ("aliases: [WC]", "aliases: [[WC], 3]"),
    ("aliases: [WC]", "aliases: {WC: 1}"), ("cues: [budget]", "cues: []"), ("value: 1999", "value: [1999]"),
    ("value: zenda", "value: [zenda, zenda]"), ("as_of: 2009", "as_of: 2009-02-30"), ("as_of: 2009", "as_of: ~"),
    ("- source: alpha\n", "- source: [alpha]\n"), ("quote: a budget", "quote: !!binary YQ== #"),
    ("time_varying: true", "time_varying: 'yes'"), ("id: wc\n", "id: WC\n"), ("id: zenda\n", "id: wc\n"),
    ("modality: [expected, plan*]", "modality: [expected, [plan*], 7]"), ("kind: city", "kind: [city]"),
    ("  - id: wc-secretariat\n", "  - id: wc-secretariat\n    part_of: [nowhere]\n"),
    ("statement: The Widget Council was established in 1999.", "statement: {a: b}"),
    ("value: 12000000000 USD", "value: 1e400 USD"), ("name: Zenda", "name: 1999"),
    ("  evidence:\n", "  approximate: 2\n  tolerance: 7\n  evidence:\n"), ("type: place", "type: entity-set"),
    ("properties:\n", "properties:\n  - {id: x, cues: [y], type: nonsense}\n"),
]


@FILES
@given(st.lists(st.sampled_from(STRUCTURAL), max_size=3),
       st.lists(st.tuples(st.booleans(), st.integers(0, 10_000), st.integers(0, 3), st.sampled_from(MUTATIONS)),
                max_size=3))
def test_a_mangled_registry_loads_or_is_an_input_error(changes, edits):
    files = {"vocabulary.yaml": VOCABULARY, "facts.yaml": FACTS}
    for old, new in changes:
        files = {name: text.replace(old, new, 1) for name, text in files.items()}
    for in_facts, position, how, piece in edits:
        name = "facts.yaml" if in_facts else "vocabulary.yaml"
        text = files[name]
        at = position % (len(text) + 1)
        if how == 0:
            text = text[:at] + piece + text[at:]
        elif how == 1:
            text = text[:at] + text[at + len(piece) + 1:]
        elif how == 2:  # a line given twice
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line = text[start:end if end != -1 else len(text)]
            text = text[:start] + line + "\n" + text[start:]
        else:
            text = text[:at] + piece + text[at + 1:]
        files[name] = text
    _load_registry(files)


FILE_NAMES = st.sampled_from([
    "alpha.txt", "../alpha.txt", "../../etc/passwd", "/etc/passwd", "sub/../alpha.txt", "sub/../../outside.txt",
    "link.txt", "linkdir/secret.txt", "./alpha.txt", "alpha.txt/..", ".", "..", "", " ", "~/x", "a\x00b",
    "C:\\Windows\\x", "%2e%2e/x", "alpha.txt\n", "sub", "sub/./../sub/../alpha.txt",
])


@FILES
@given(st.lists(FILE_NAMES, min_size=1, max_size=4))
def test_every_accepted_source_file_lies_inside_the_corpus_folder(files):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        corpus, outside = base / "corpus", base / "outside"
        (corpus / "sub").mkdir(parents=True)
        outside.mkdir()
        (outside / "secret.txt").write_text("secret\n")
        (base / "outside.txt").write_text("secret\n")
        (corpus / "alpha.txt").write_text("The WC was founded in 1999.\n")
        (corpus / "link.txt").symlink_to(outside / "secret.txt")
        (corpus / "linkdir").symlink_to(outside, target_is_directory=True)
        entries = [{"id": f"s{i}", "file": file} for i, file in enumerate(files)]
        (corpus / "sources.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
        try:
            sources = load_sources(corpus)
        except InputError as error:
            assert "\n" not in error.describe()
            return
        root = corpus.resolve()
        for source in sources.values():
            assert source.path.resolve().is_relative_to(root), source
            assert os.path.realpath(source.path).startswith(str(root) + os.sep) or source.path.resolve() == root


@FILES
@given(st.dictionaries(st.sampled_from(["id", "file", "title", "issued", "author", "type", "URL"]),
                       DATA, max_size=6), st.integers(0, 2))
def test_any_sources_entry_loads_or_is_an_input_error(entry, copies):
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        (corpus / "alpha.txt").write_text("x\n")
        text = SOURCES + yaml.safe_dump([entry] * copies, allow_unicode=True) if copies else yaml.safe_dump(entry)
        (corpus / "sources.yaml").write_text(text, encoding="utf-8")
        try:
            sources = load_sources(corpus)
        except InputError as error:
            assert "\n" not in error.describe()
            return
        for source in sources.values():
            source.year  # never raises, whatever `issued` holds
            assert isinstance(source.id, str)

