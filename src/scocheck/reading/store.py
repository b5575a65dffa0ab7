"""Statements read from the corpus, kept in `.scocheck/statements/` so a document is parsed once.

One JSON file per document, named by a digest of everything its statements depend on: the
document's text and title, the reading code and word lists, and the parser's version. A file that
is missing, unreadable or not what it should be is read afresh (the cache is untrusted on read:
it is parsed as JSON into plain fields only, and a bad file is simply replaced). Files no document
of the run needs (an edited document's old statements) are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from functools import cache
from pathlib import Path

from .. import __version__
from ..cache import cache_folder, write_atomically
from .statements import Statement, read_passages, spoken_by

FOLDER = "statements"
SENTENCES = "sentences"  # a draft's sentences, read one at a time (cite, check)
SENTENCES_KEPT = 5000  # sentence readings kept; beyond that the oldest go (a draft's old wordings)
_CODE = Path(__file__).resolve().parent


@cache
def code_fingerprint() -> str:
    """The reading layer's own code and data, and the value reader it uses, as one digest."""
    from .parser import fingerprint

    digest = hashlib.sha256(f"scocheck {__version__}\n{fingerprint()}\n".encode())
    values = _CODE.parent / "values"  # the value reader: its modules and its word lists
    files = sorted([*_CODE.glob("*.py"), *_CODE.glob("data/*.yaml"),
                    *values.glob("*.py"), *values.glob("data/*.yaml")])
    for file in files:
        name = file.relative_to(_CODE.parent).as_posix()  # "values/data/english.yaml", not "english.yaml" twice
        digest.update(name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _reported(document) -> int | None:
    """The year a news report was issued (lexicon.news_types): its days are that year's."""
    from .lexicon import english

    return document.source.year if document.source.csl.get("type") in english().news_types else None


def document_key(document, title: str | None) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(document.source.id.encode() + b"\0" + (title or "").encode() + b"\0")
    digest.update(f"{_reported(document)}\0".encode())
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def corpus_statements(documents: dict, root: Path | None, references=None, progress=None
                      ) -> dict[str, list[Statement]]:
    """Every document's statements, from the cache where it holds them, else read (and stored)."""
    folder = _folder(root)
    found: dict[str, list[Statement]] = {}
    used: set[str] = set()
    for done, (source_id, document) in enumerate(documents.items(), start=1):
        title = document.source.csl.get("title")
        title = title if isinstance(title, str) else None
        name = document_key(document, title) + ".json"
        statements = _load(folder, name, len(document.passages))
        if statements is None:
            statements = read_passages(source_id, document.passages, title, references, raw_gap=_raw_gap(document),
                                       reported=_reported(document))
            _save(folder, name, statements)
        found[source_id] = spoken_by(statements, document.source.csl.get("author"))
        used.add(name)
        if progress is not None:
            progress(done, len(documents))
    _prune(folder, used)
    return found


def sentence_statements(texts: list[str], root: Path | None, references=None, start_reader: bool = False
                        ) -> list[list[Statement]]:
    """Each sentence's statements (source "", passage 0), from the cache where it holds them.

    A sentence is read with the one before it, which is where a pronoun finds its subject ("It
    was founded in 2001."): the key is a digest of both texts and the reading code. Only sentences
    not read before are read, so an edited draft costs the reading of its edited sentences (and
    none at all when every sentence was read before: the parser is then never loaded). They are
    read by the running reader (reading.server) if there is one, else here.
    references(text): spans to skip (citations), as for the corpus. start_reader: when no reader
    answers, start one in the background for the next run (this one reads in-process).
    """
    folder = _folder(root, SENTENCES)
    found: list[list[Statement] | None] = []
    names: list[str] = []
    for i, text in enumerate(texts):
        digest = hashlib.sha256(code_fingerprint().encode())
        digest.update(_before(texts, i).encode("utf-8", "surrogatepass") + b"\0"
                      + text.encode("utf-8", "surrogatepass"))
        names.append(digest.hexdigest() + ".json")
        found.append(_load(folder, names[-1], 1))
        if found[-1] is not None and folder is not None:
            _touch(os.path.join(folder, names[-1]))
    unread = [i for i, statements in enumerate(found) if statements is None]
    pairs = [(_before(texts, i), texts[i]) for i in unread]
    for i, statements in zip(unread, _read_sentences(pairs, references, start_reader)):
        found[i] = statements
        _save(folder, names[i], statements)
    if unread:
        _keep_newest(folder, SENTENCES_KEPT)
    return found


def read_sentence(before: str, text: str, references=None) -> list[Statement]:
    """One sentence's statements, read in-process with the sentence before it (the reader's job)."""
    from ..corpus import Passage

    passages = [Passage("", 0, 0, len(before), before)] if before else []
    passages.append(Passage("", len(passages), 0, len(text), text))
    read = read_passages("", passages, None, references)
    return [replace(s, passage=0) for s in read if s.passage == len(passages) - 1]


def _before(texts: list[str], i: int) -> str:
    return texts[i - 1] if i else ""


def _read_sentences(pairs: list[tuple[str, str]], references, start_reader: bool = False) -> list[list[Statement]]:
    """read_sentence for each (before, text): by the running reader if one answers, else here."""
    from . import server

    if not pairs:
        return []
    spans = references or (lambda text: [])
    items = [{"before": before, "text": text,
              "skip": {part: [list(span) for span in spans(part)] for part in (before, text) if part}}
             for before, text in pairs]
    answered = server.read(items, code_fingerprint())
    if answered is not None:
        try:
            return [[Statement.from_json(s) for s in statements] for statements in answered]
        except (ValueError, KeyError, TypeError):
            pass  # not what a reader of this code sends: read here
    elif start_reader:
        server.spawn(code_fingerprint())
    return [read_sentence(before, text, references) for before, text in pairs]


def _touch(path: str) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _keep_newest(folder: str | None, count: int) -> None:
    """Remove all but the `count` most recently used files of the folder."""
    if folder is None:
        return
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith(".json") and e.is_file(follow_symlinks=False)]
        entries.sort(key=lambda e: e.stat().st_mtime, reverse=True)
        for entry in entries[count:]:
            os.unlink(entry.path)
    except OSError:
        pass


def _prune(folder: str | None, used: set[str]) -> None:
    """Remove the statements of documents as they no longer are (an edited document leaves its old file)."""
    if folder is None:
        return
    try:
        for entry in os.scandir(folder):
            if entry.name.endswith(".json") and entry.name not in used and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
    except OSError:
        pass


def _raw_gap(document):
    def gap(passage, start: int, end: int) -> str:
        """The raw text between the character before `start` and the one at `end` (white space folds)."""
        first, last = passage.start + start, passage.start + end
        raw_start = document.norm.raw_span(first - 1, first)[1] if first > 0 else 0
        raw_end = document.norm.raw_span(last, last + 1)[0]
        return document.norm.raw[raw_start:raw_end]

    return gap


def _folder(root: Path | None, name: str = FOLDER) -> str | None:
    if root is None:
        return None
    try:
        return cache_folder(root, name)
    except OSError:
        return None  # a read-only checkout, or .scocheck is not scocheck's: read without storing


def _load(folder: str | None, name: str, passages: int) -> list[Statement] | None:
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            data = json.load(handle)
        statements = [Statement.from_json(item) for item in data["statements"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(not 0 <= s.passage < passages for s in statements):
        return None
    return statements


def _save(folder: str | None, name: str, statements: list[Statement]) -> None:
    if folder is None:
        return
    try:
        write_atomically(os.path.join(folder, name),
                         json.dumps({"statements": [s.as_json() for s in statements]}, ensure_ascii=False))
    except OSError:
        pass
