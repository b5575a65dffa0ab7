"""Normalised text with an exact way back to the raw text.

Source documents are raw extractions from PDF and web pages: words hyphenated
across line breaks, sentences wrapped over many lines, footnote markers,
escaped HTML, Markdown escapes and links, curly quotes and odd spaces.
(Emphasis markers are left alone: matching ignores punctuation anyway.)
Matching, segmentation and value extraction all run on a normalised copy;
every span found there is mapped back to the raw text, so what scocheck
reports is always an exact substring of the file with its real line number.

The map is a list of *pieces*: each piece of normalised text either copies a
raw span character for character, or replaces a raw span (possibly with
nothing). Every edit is local, so a slice of the raw text normalises to text
that contains the corresponding slice of the normalised text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass

PARAGRAPH = "\n\n"

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SPACES = " \t\r\n\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\u3000"
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+•▶►▪●]|\d{1,3}[.)])[ \t]")

# What a reader does not see: zero-width spaces and joiners, word joiners, byte-order marks, soft
# hyphens ("Tash\u200bkent" is Tashkent).
_INVISIBLE = "[\u00ad\u200b-\u200d\u2060\ufeff]{1,100}"
# Letters, digits and signs in compatibility forms, read as NFKC reads them: full-width ("２００４"),
# ligatures ("ﬁ"), mathematical letters ("𝐒𝐂𝐎").
_COMPAT = "[\uff01-\uff5e\ufb00-\ufb06\U0001d400-\U0001d7ff]{1,100}"
_UNSEEN = re.compile(f"(?P<invisible>{_INVISIBLE})|(?P<compat>{_COMPAT})")


def visible(text: str) -> str:
    """text as a reader sees it: invisible characters dropped, compatibility forms as NFKC reads them
    (for a draft's sentence or a `cite` question; documents get this from `normalise`)."""
    return _UNSEEN.sub(lambda m: "" if m.lastgroup == "invisible" else unicodedata.normalize("NFKC", m.group()), text)


# One pass over the raw text; each alternative is a kind of defect to repair.
# Every quantifier is bounded or runs over a class that cannot overlap its
# neighbour, so no input can make this backtrack catastrophically.
_DEFECTS = re.compile(
    "|".join(
        [
            # a hyphen at a line end, possibly with a blank line (column break) after it
            r"(?P<hyphen>(?<=[^\W\d_])-[ \t]{0,8}\r?\n(?:[ \t]{0,8}\r?\n)?[ \t]{0,8}(?=[^\W\d_]))",
            # escaped markers, also half-escaped by a broken extraction: `<sup>&</sup>lt;sup>39</sup>`
            r"(?P<esup>(?:&lt;|<sup>&</sup>lt;)sup(?:&gt;|>)(?P<esup_body>[^&<>\n]{0,20})(?:&lt;|<)/sup(?:&gt;|>))",
            r"(?P<sup><sup>(?P<sup_body>[^<>\n]{0,20})</sup>)",
            rf"(?P<supchars>[{_SUPERSCRIPT_DIGITS}]+)",
            r"(?P<entity>&(?:[a-zA-Z]{2,8}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)",
            r"(?P<escape>\\{1,4}(?=[!-/:-@\[-`{-~]))",
            # Markdown link brackets, dropped wherever they stand so the repair never
            # depends on text far away: `US\$[130 billion](#)` reads "US$130 billion"
            r"(?P<link>\]\([^()\s]{0,500}\)|[\[\]])",
            # a plain-digit footnote marker glued to the end of a sentence: `alliances."3 Further`
            r"(?P<marker>(?:(?<=[^\W\d_][.,;:])|(?<=[\"”’)]))\d{1,3}(?=[ \t]{1,8}[A-Z]|\r?\n))",
            rf"(?P<invisible>{_INVISIBLE})",
            rf"(?P<compat>{_COMPAT})",
            r"(?P<dquote>[“”„‟″])",
            r"(?P<squote>[‘’‚‛′])",
            rf"(?P<space>[{_SPACES}]+)",
        ]
    )
)

_SENTENCE_END = frozenset(".!?:\"')")


@dataclass(frozen=True)
class OffsetMap:
    """Pieces of a derived text, each pointing at the span of the original it came from."""

    # Arrays of machine integers, not tuples of int objects: a large corpus has millions of pieces.
    starts: array  # start of each piece in the derived text
    src_starts: array
    src_ends: array
    copied: bytearray  # 1 where the piece copies its source character for character
    length: int  # length of the derived text

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span that produced derived[start:end] (end exclusive)."""
        if not self.starts:
            return 0, 0
        if end <= start:
            point = self._point(start)
            return point, point
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, end - 1) - 1
        if self.copied[first]:
            src_start = self.src_starts[first] + (start - self.starts[first])
        else:
            src_start = self.src_starts[first]
        if self.copied[last]:
            src_end = self.src_starts[last] + (end - self.starts[last])
        else:
            src_end = self.src_ends[last]
        return src_start, src_end

    def _point(self, position: int) -> int:
        if position >= self.length:
            return self.src_ends[-1]
        index = bisect_right(self.starts, position) - 1
        if self.copied[index]:
            return self.src_starts[index] + (position - self.starts[index])
        return self.src_starts[index]


@dataclass(frozen=True)
class Normalised:
    raw: str
    text: str
    map: OffsetMap

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span behind text[start:end], trimmed of surrounding white space."""
        raw_start, raw_end = self.map.to_source(start, end)
        while raw_start < raw_end and self.raw[raw_start] in _SPACES:
            raw_start += 1
        while raw_end > raw_start and self.raw[raw_end - 1] in _SPACES:
            raw_end -= 1
        return raw_start, raw_end


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts = array("q")
        self.src_starts = array("q")
        self.src_ends = array("q")
        self.copied = bytearray()
        self.length = 0

    def copy(self, raw: str, start: int, end: int) -> None:
        if end <= start:
            return
        if self.copied and self.copied[-1] and self.src_ends[-1] == start:
            self.src_ends[-1] = end  # extend the previous copied piece
        else:
            self._piece(start, end, True)
        self.parts.append(raw[start:end])
        self.length += end - start

    def replace(self, start: int, end: int, text: str) -> None:
        if text:
            self._piece(start, end, False)
            self.parts.append(text)
            self.length += len(text)
        elif self.copied:
            # a deletion: the raw span belongs to the piece before it
            self.src_ends[-1] = max(self.src_ends[-1], end) if not self.copied[-1] else self.src_ends[-1]

    def _piece(self, start: int, end: int, copied: bool) -> None:
        self.starts.append(self.length)
        self.src_starts.append(start)
        self.src_ends.append(end)
        self.copied.append(1 if copied else 0)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), OffsetMap(
            self.starts, self.src_starts, self.src_ends, self.copied, self.length
        )


def normalise(raw: str) -> Normalised:
    """Repair extraction defects in raw text, keeping the way back to it."""
    out = _Builder()
    position = 0
    for match in _DEFECTS.finditer(raw):
        start, end = match.span()
        out.copy(raw, position, start)
        repaired = _repair(raw, match, start, end, out.length)
        if repaired == "-":  # a real hyphen at a line end: keep it as it stands, drop the break
            out.copy(raw, start, start + 1)
            out.replace(start + 1, end, "")
        else:
            out.replace(start, end, repaired)
        position = end
    out.copy(raw, position, len(raw))
    text, offsets = out.build()
    return Normalised(raw, text, offsets)


def _repair(raw: str, match: re.Match[str], start: int, end: int, written: int) -> str:
    kind = match.lastgroup
    if kind == "hyphen":
        before, after = raw[start - 1], raw[end]
        same_case = before.islower() == after.islower()
        return "" if same_case else "-"
    if kind in ("sup", "esup"):
        body = match.group(kind + "_body")
        return "" if _is_footnote_mark(body) else body
    if kind in ("supchars", "escape", "link", "marker", "invisible"):
        return ""
    if kind == "compat":
        return unicodedata.normalize("NFKC", match.group())
    if kind == "entity":
        return html.unescape(match.group())
    if kind == "dquote":
        return '"'
    if kind == "squote":
        return "'"
    return _space(raw, start, end, written)


def _is_footnote_mark(body: str) -> bool:
    return all(ch.isdigit() or ch in ",-–*†‡ " for ch in body)


def _space(raw: str, start: int, end: int, written: int) -> str:
    """A run of white space: a paragraph break, or one space."""
    if written == 0 or end == len(raw):
        return ""  # no leading or trailing space
    run = raw[start:end]
    newlines = run.count("\n")
    if newlines == 0:
        return " "
    before = raw[start - 1]
    after = raw[end]
    if before == "-" and after.isalpha() and newlines <= 2:
        return ""  # the rest of a word broken at a hyphen
    if newlines >= 2:
        wrapped = before not in _SENTENCE_END and (after.islower() or after.isdigit())
        return " " if wrapped else PARAGRAPH
    line_start = raw.rfind("\n", start, end) + 1
    previous_line = raw[raw.rfind("\n", 0, start) + 1 : start]
    next_line_end = raw.find("\n", end)
    next_line = raw[line_start : next_line_end if next_line_end != -1 else len(raw)]
    if _LIST_MARKER.match(next_line) or _tabular(next_line) or _tabular(previous_line):
        return PARAGRAPH
    return " "


def _tabular(line: str) -> bool:
    """A table row: a tab between its words. A tab that only indents the line is no column."""
    return "\t" in line.strip()


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of text (letters and digits), lower-cased, with their spans."""
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def line_starts(raw: str) -> tuple[int, ...]:
    starts = [0]
    index = raw.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = raw.find("\n", index + 1)
    return tuple(starts)


def line_of(starts: tuple[int, ...], offset: int) -> int:
    """1-based line number of a raw offset."""
    return bisect_right(starts, offset)
