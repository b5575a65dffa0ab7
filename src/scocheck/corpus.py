"""The corpus: bibliographic sources and their documents, read into passages.

A passage is one sentence of a document's normalised text. Everything that is
reported about a passage goes back to the raw file through `Document.mention`,
so quotes are exact substrings and lines are the raw file's lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import InputError
from .files import read_text
from .text import Normalised, line_of, line_starts, normalise
from .yamlfile import LineDict, load_yaml

SOURCES_FILE = "sources.yaml"
MAX_SENTENCE = 1000  # characters in one passage or draft sentence; longer ones are cut
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*\Z")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    path: Path
    csl: dict = field(compare=False, hash=False)  # CSL-JSON fields as written

    @property
    def year(self) -> int | None:
        """The year the source was issued, the default "as of" for what it says."""
        issued = self.csl.get("issued")
        match = re.match(r"\s*(\d{4})", str(issued)) if issued is not None else None
        return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class Mention:
    """A passage as it stands in its source file."""

    source: str
    line: int
    quote: str
    start: int  # raw offsets
    end: int

    def as_json(self) -> dict:
        return {"source": self.source, "line": self.line, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Passage:
    source: str
    index: int
    start: int  # offsets in the document's normalised text
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    source: Source
    norm: Normalised
    passages: tuple[Passage, ...]
    lines: tuple[int, ...] = field(repr=False)

    @property
    def text(self) -> str:
        return self.norm.text

    def mention(self, start: int, end: int) -> Mention:
        """The raw passage behind normalised text[start:end]."""
        raw_start, raw_end = self.norm.raw_span(start, end)
        return Mention(
            self.source.id,
            line_of(self.lines, raw_start),
            self.norm.raw[raw_start:raw_end],
            raw_start,
            raw_end,
        )

    def quoted(self, passage: Passage, start: int, end: int) -> tuple[Mention, tuple[int, int] | None]:
        """The passage as it stands in the file, and where its text[start:end] stands in that quote."""
        mention = self.mention(passage.start, passage.end)
        if end <= start:
            return mention, None
        raw_start, raw_end = self.norm.raw_span(passage.start + start, passage.start + end)
        if mention.start <= raw_start <= raw_end <= mention.end:
            return mention, (raw_start - mention.start, raw_end - mention.start)
        return mention, None

    @cached_property
    def word_postings(self) -> dict[str, list[int]]:
        """For each lower-cased word, the passages it occurs in (for choosing fuzzy-match windows)."""
        postings: dict[str, list[int]] = {}
        for passage in self.passages:
            for word in set(_WORD.findall(passage.text.lower())):
                postings.setdefault(word, []).append(passage.index)
        return postings


def load_sources(corpus_dir: Path) -> dict[str, Source]:
    """The entries of corpus/sources.yaml, checked; documents are not read yet."""
    path = corpus_dir / SOURCES_FILE
    if not corpus_dir.is_dir():
        raise InputError(corpus_dir, "corpus folder not found")
    data = load_yaml(path)
    if data is None:
        data = []
    if not isinstance(data, list):
        raise InputError(path, "must be a list of sources, one entry per document")
    root = corpus_dir.resolve()
    sources: dict[str, Source] = {}
    folded: dict[str, str] = {}  # case-folded id: the id as written
    for entry in data:
        source = _source(entry, path, root)
        if source.id in sources:
            raise InputError(path, f"duplicate source id '{source.id}'", _line(entry))
        other = folded.setdefault(source.id.casefold(), source.id)
        if other != source.id:  # BibTeX and CSL processors fold case: the two would cite one reference
            raise InputError(path, f"source ids '{other}' and '{source.id}' differ only in case; citation keys "
                                   "must differ in more than case", _line(entry))
        sources[source.id] = source
    return sources


def _source(entry: object, path: Path, root: Path) -> Source:
    line = _line(entry)
    if not isinstance(entry, dict):
        raise InputError(path, "each source must be a mapping with id and file", line)
    source_id, file = entry.get("id"), entry.get("file")
    if not isinstance(source_id, str) or not _ID.match(source_id):
        raise InputError(path, f"source id {source_id!r} must be a word of letters, digits, '.', '_', ':' or '-'", line)
    if not isinstance(file, str) or not file.strip():
        raise InputError(path, f"source '{source_id}' has no file", line)
    try:
        resolved = (root / file).resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop, a name too long
        raise InputError(path, f"source '{source_id}': file {file!r} is not a usable path", line) from None
    if not resolved.is_relative_to(root):
        raise InputError(path, f"source '{source_id}': file {file!r} is outside the corpus folder", line)
    csl = {key: value for key, value in entry.items() if key not in ("file",)}
    return Source(source_id, file, resolved, csl)


def _line(entry: object) -> int | None:
    return entry.line if isinstance(entry, LineDict) else None


def read_document(source: Source, segment=None, normalised=normalise) -> Document:
    """Read, normalise and segment one source's document (segment and normalised: how, if not as usual)."""
    raw = read_text(source.path)
    norm = normalised(raw)
    spans = (segment or segment_sentences)(norm.text)
    passages = tuple(Passage(source.id, i, start, end, norm.text[start:end]) for i, (start, end) in enumerate(spans))
    return Document(source, norm, passages, line_starts(raw))


def read_corpus(sources: dict[str, Source]) -> dict[str, Document]:
    return {source_id: read_document(source) for source_id, source in sources.items()}


def segment_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of normalised text, by syntok (a maintained rule-based segmenter).

    syntok is fast (the whole SCO corpus in well under a second, an order of
    magnitude faster than pysbd) and gives token offsets into the text we pass,
    so spans need no re-alignment.

    A "sentence" longer than MAX_SENTENCE characters (a run-on line, a table
    flattened by extraction, or hostile text) is cut at spaces into pieces no
    longer than that, so the work done on one passage stays bounded.
    """
    from syntok import segmenter

    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            if not sentence:
                continue
            first, last = sentence[0], sentence[-1]
            spans.extend(_bounded(text, first.offset, last.offset + len(last.value)))
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut == -1:
            cut = start + MAX_SENTENCE
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            pieces.append((start, stop))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
