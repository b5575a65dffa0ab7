"""Reading a writer's draft: its sentences, where they stand, and what they cite.

Markdown is parsed with markdown-it-py to find the blocks that hold prose
(paragraphs, headings, list items, table rows, block quotes, and the text
inside HTML blocks); code, front matter, scripts, styles and comments are
skipped. Text nested too deeply to parse is not read, and the draft says where. Inside a block, markup is blanked out
character for character, so every offset in the cleaned text is the offset in
the file and lines and columns stay exact. Pandoc citations (`[@key]`,
`[@a, p. 4; @b]`, `@key` in text) are parsed and tied to their sentence.
Plain-text drafts are read the same way, one paragraph per blank-line block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .corpus import segment_sentences
from .text import visible

_BRACKETED = re.compile(r"\[(?=[^\[\]\n]{0,300}@)([^\[\]\n]{1,300})\]")
_KEY = re.compile(r"(?<![\w@.])(-?)@([A-Za-z0-9_][\w:.#$%&+?<>~/-]{0,100}?)(?=[.,;:!?)\]]?(?:\s|$)|[,;\]])")
_IN_TEXT = re.compile(r"(?<![\w@\[])@([A-Za-z0-9_][\w:.#$%&+?<>~/-]{0,100}?)(?=[.,;:!?)]?(?:\s|$))")
# A comment ends at the first "-->" and cannot contain "<!--": each search from an opening
# stops at the next one, so a draft full of unclosed "<!--" is read in linear time.
_COMMENT = re.compile(r"<!--(?:(?!<!--).){0,2000}?-->", re.DOTALL)
# The rule list starts and ends with a non-space, so no run of spaces can be split
# between it and the white space around it in more than one way.
_IGNORE = re.compile(r"<!--\s*+scocheck:\s*+ignore\s++([\w\-,](?:[\w\-, ]{0,198}?[\w\-,])??)\s*+-->")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
# HTML whose content a reader does not see as prose: scripts, styles, preformatted text, form
# fields, processing instructions, CDATA and declarations. Each search from an opening stops at the
# next opening of its kind, so unclosed elements are read in linear time (as _COMMENT).
_RAW_HTML = re.compile(r"<(script|style|pre|textarea)\b(?:(?!<\1\b).){0,20000}?</\1\s{0,20}>"
                       r"|<\?(?:(?!<\?).){0,2000}?\?>|<!\[CDATA\[(?:(?!<!\[CDATA\[).){0,20000}?\]\]>|<![A-Za-z][^<>]{0,300}>",
                       re.DOTALL | re.IGNORECASE)
_CODE = re.compile(r"(`{1,3})[^`\n]{0,500}?\1")
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\s]{0,500}\)")
_LINK_END = re.compile(r"\]\([^()\s]{0,500}\)")
_LINE_MARKUP = re.compile(r"^[ \t]{0,12}(?:>[ \t]?){0,100}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.{0,20000}?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_PROSE_BLOCKS = ("paragraph_open", "heading_open", "tr_open", "html_block")
# Block quotes and lists nest this deep at most; the parser skips what lies deeper (10,000 nested
# quotes would cost it minutes), and the draft says so (Draft.unread) rather than stay silent.
MAX_NESTING = 100


@dataclass(frozen=True)
class Citation:
    key: str
    line: int
    column: int
    locator: str = ""
    at: int | None = None  # where it stands in its sentence's text: it cites what the sentence says before it


@dataclass(frozen=True)
class Sentence:
    text: str  # the sentence with markup and citations blanked, white space folded
    line: int  # 1-based
    column: int  # 1-based
    citations: tuple[Citation, ...]
    ignored: frozenset[str]  # rules silenced by a `<!-- scocheck: ignore RULE -->` on the line before


@dataclass(frozen=True)
class Draft:
    path: str
    sentences: tuple[Sentence, ...]
    unread: tuple[int, ...] = ()  # 1-based first lines of text nested too deeply to read


def read_draft(path: Path, text: str) -> Draft:
    lines = text.split("\n")
    unread: list[int] = []
    if path.suffix.lower() in (".md", ".markdown", ".mdown", ".mkd"):
        blocks, unread = _markdown_blocks(text)
    else:
        blocks = _text_blocks(lines)
    ignores = _ignores(lines)
    starts = _line_starts(text)
    sentences = []
    for first, last in blocks:
        sentences.extend(_sentences(text, starts, first, last, ignores))
    return Draft(str(path), tuple(sentences), tuple(unread))


def _markdown_blocks(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Line ranges [first, last) of the blocks that hold prose, in order, each once; and the first
    line (1-based) of each stretch nested too deeply to read."""
    from markdown_it import MarkdownIt

    # markdown-it breaks lines at a lone carriage return too; scocheck counts lines at "\n" only
    # (as editors and `check`'s PATH:LINE do), so a lone "\r" becomes a space of the same length
    text = re.sub(r"\r(?!\n)", " ", text)
    front = _FRONT_MATTER.match(text)
    if front:  # blank the front matter, keeping its lines
        text = re.sub(r"[^\n]", " ", front.group()) + text[front.end() :]
    # Only the block structure is needed: inline parsing (links, emphasis) is skipped; it is
    # also where markdown-it slows down on hostile text (thousands of unclosed "[").
    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable("inline")
    blocks, unread = [], []
    for token in parser.parse(text):
        if token.type in _PROSE_BLOCKS and token.map and (not blocks or token.map[0] >= blocks[-1][1]):
            blocks.append((token.map[0], token.map[1]))
        # a container opened at the deepest level: the parser skips what it holds
        if token.nesting == 1 and token.level == MAX_NESTING - 1 and token.map and \
                (not unread or token.map[0] >= unread[-1]):
            unread.append(token.map[0] + 1)
    return blocks, unread


def _text_blocks(lines: list[str]) -> list[tuple[int, int]]:
    blocks, start = [], None
    for number, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            blocks.append((start, number))
            start = None
    return blocks


def _ignores(lines: list[str]) -> dict[int, frozenset[str]]:
    """Rules to ignore on each 1-based line: those named by a directive on the line before."""
    found = {}
    for number, line in enumerate(lines, start=1):
        for match in _IGNORE.finditer(line):
            rules = frozenset(r.strip() for r in re.split(r"[,\s]+", match.group(1)) if r.strip())
            found[number + 1] = found.get(number + 1, frozenset()) | rules
    return found


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def _sentences(text: str, starts: list[int], first: int, last: int, ignores: dict) -> list[Sentence]:
    begin = starts[first]
    end = starts[last] - 1 if last < len(starts) else len(text)
    block = list(text[begin:end])
    cells = [i for i, ch in enumerate(block) if ch == "|"]
    citations = _blank_markup(block, "".join(block), begin, starts)
    masked = "".join(block).replace("\n", " ")
    spans = _split_at(segment_sentences(masked), cells, masked) if masked.strip() else []
    result = []
    for index, (start, stop) in enumerate(spans):
        following = spans[index + 1][0] if index + 1 < len(spans) else len(masked) + 1
        cited = tuple(replace(c, at=len(" ".join(visible(masked[start:offset]).split())))
                      for offset, c in citations if start <= offset < following)
        line, column = _position(starts, begin + start)
        words = " ".join(visible(masked[start:stop]).split())
        if not any(ch.isalnum() for ch in words):
            if cited and result:  # a citation standing alone after its sentence belongs to it
                previous = result[-1]
                result[-1] = Sentence(previous.text, previous.line, previous.column, previous.citations + cited,
                                      previous.ignored)
            continue
        result.append(Sentence(words, line, column, cited, ignores.get(line, frozenset())))
    return result


def _split_at(spans: list[tuple[int, int]], cuts: list[int], text: str) -> list[tuple[int, int]]:
    """Cut sentence spans at table-cell borders: a row's cells are separate statements."""
    result = []
    for start, stop in spans:
        for cut in [c for c in cuts if start < c < stop] + [stop]:
            piece = text[start:cut]
            if piece.strip():
                left = start + len(piece) - len(piece.lstrip())
                result.append((left, start + len(piece.rstrip())))
            start = cut + 1
    return result


def _blank_markup(block: list[str], source: str, begin: int, starts: list[int]) -> list[tuple[int, Citation]]:
    """Blank non-prose characters in place; return citations with their offsets in the block."""
    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if block[i] != "\n":
                block[i] = " "

    for pattern in (_COMMENT, _RAW_HTML, _CODE, _IMAGE, _TAG):
        for match in pattern.finditer(source):
            blank(*match.span())
    citations = []
    for match in _BRACKETED.finditer(source):
        keys = [(m, m.group(2)) for m in _KEY.finditer(match.group(1))]
        if not keys:
            continue
        for key_match, key in keys:
            offset = match.start(1) + key_match.start()
            locator = match.group(1)[key_match.end():].split(";")[0].strip(" ,")
            citations.append((match.start(), _citation(key, begin + offset, starts, locator)))
        blank(*match.span())
    for match in _IN_TEXT.finditer("".join(block)):
        citations.append((match.start(), _citation(match.group(1), begin + match.start(), starts)))
        blank(*match.span())
    for match in _LINK_END.finditer(source):
        blank(*match.span())
    position = 0
    for line in source.split("\n"):
        markup = _LINE_MARKUP.match(line)
        if markup:
            blank(position, position + markup.end())
        for i, ch in enumerate(line):
            if ch in "|[":
                blank(position + i, position + i + 1)
        position += len(line) + 1
    return citations


def _citation(key: str, offset: int, starts: list[int], locator: str = "") -> Citation:
    line, column = _position(starts, offset)
    return Citation(key, line, column, locator)


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1
