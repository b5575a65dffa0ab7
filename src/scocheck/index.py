"""The passage index: an SQLite FTS5 table of every passage, cached on disk.

It lives in `.scocheck/index.sqlite` beside the project (the folder ignores
itself in git). The index records a hash of the corpus (sources.yaml and every
document) and of scocheck's own version; when they differ it is rebuilt.
A build writes a new file and moves it into place atomically, so processes
that start at once each see a whole index (the last one to finish wins, and
they are identical). The file is untrusted on read: it must pass SQLite's
quick check, have the expected tables, and every passage's quote and line
must be what the corpus holds at that place; otherwise it is rebuilt (so is
an index whose full-text part fails during a search). Nothing but SQLite data
is read back from it. scocheck writes nowhere else: when `.scocheck` is not a
plain folder (a symlink, a file) or cannot be written (a read-only checkout),
the index is built in memory for the run instead.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path

from .build import fingerprint
from .cache import CACHE_DIR, cache_folder
from .corpus import Document, Mention, Passage, Source, read_document, segment_sentences
from .files import read_bytes, read_text
from .text import Normalised, OffsetMap, line_of, line_starts, normalise

INDEX_FILE = "index.sqlite"
SCHEMA = 2  # 2: each document's normalisation is kept (table normalised)


@dataclass(frozen=True)
class Row:
    """An indexed passage: its normalised text, and the raw passage it stands for."""

    passage: Passage
    mention: Mention
    year: int | None  # the source's issued year
    score: float = 0.0  # BM25, higher is better


def corpus_hash(sources: dict[str, Source], sources_file: Path) -> str:
    digest = hashlib.sha256(f"scocheck {fingerprint()} schema {SCHEMA}\n".encode())
    digest.update(read_bytes(sources_file))
    for source in sources.values():
        digest.update(source.id.encode() + b"\0")
        digest.update(read_bytes(source.path))
    return digest.hexdigest()


class Index:
    def __init__(self, connection: sqlite3.Connection, sources: dict[str, Source], rebuild=None) -> None:
        self._db = connection
        self._sources = sources
        self._rebuild = rebuild  # gives a fresh in-memory connection when the file fails in use
        self._found: dict[tuple[str, str], Row | None] = {}
        self.memo: dict = {}  # for callers: results derived from the index, kept as long as it is open

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError:
            if self._rebuild is None:
                raise
            self._db.close()
            self._db, self._rebuild = self._rebuild(), None
            return self._db.execute(sql, parameters).fetchall()

    def search(self, query: str, limit: int = 50) -> list[Row]:
        """Passages matching an FTS5 query, best first."""
        if not query:
            return []
        rows = self._query(
            "SELECT p.source, p.idx, p.start, p.end, p.text, p.line, p.raw_start, p.raw_end, p.quote, -bm25(passages_fts)"
            " FROM passages_fts JOIN passages p ON p.rowid = passages_fts.rowid"
            " WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts) LIMIT ?",
            (query, limit),
        )
        return [self._row(r) for r in rows]

    def find_passage(self, source: str, quote: str) -> Row | None:
        """The indexed passage of `source` in which a quote stands, found by its words."""
        key = (source, quote)
        if key not in self._found:
            words = phrase(quote)
            rows = [r for r in self.search(words, 20) if r.passage.source == source] if words else []
            self._found[key] = rows[0] if rows else None
        return self._found[key]

    def passages(self) -> list[Row]:
        rows = self._query(
            "SELECT source, idx, start, end, text, line, raw_start, raw_end, quote, 0.0 FROM passages ORDER BY rowid"
        )
        return [self._row(r) for r in rows]

    def documents(self) -> dict[str, Document]:
        """The corpus's documents, cut into the passages the index holds (no sentence segmenting again).

        A document whose text no longer matches its indexed passages (its file changed since the
        index was checked) is segmented afresh, so what is read is always the file as it is now."""
        spans: dict[str, list[tuple[int, int, str]]] = {}
        for source, start, end, text in self._query("SELECT source, start, end, text FROM passages ORDER BY source, idx"):
            spans.setdefault(source, []).append((start, end, text))
        kept = {row[0]: row[1:] for row in self._query(
            "SELECT source, raw_sha, text, starts, src_starts, src_ends, copied, length FROM normalised")}
        documents = {}
        for source_id, source in self._sources.items():
            indexed = spans.get(source_id, [])
            documents[source_id] = read_document(source, lambda text, indexed=indexed: _indexed_spans(text, indexed),
                                                 lambda raw, kept=kept.get(source_id): _normalised(raw, kept))
        return documents

    def _row(self, r: tuple) -> Row:
        source, idx, start, end, text, line, raw_start, raw_end, quote, score = r
        issued = self._sources[source].year if source in self._sources else None
        return Row(Passage(source, idx, start, end, text), Mention(source, line, quote, raw_start, raw_end), issued, score)

    def close(self) -> None:
        self._db.close()


def open_index(root: Path, sources: dict[str, Source], sources_file: Path, progress=None) -> Index:
    """The project's index, rebuilt first when the corpus changed or the file is damaged."""
    folder = root / CACHE_DIR
    path = folder / INDEX_FILE
    wanted = corpus_hash(sources, sources_file)

    def in_memory() -> sqlite3.Connection:
        connection = sqlite3.connect(":memory:")
        _fill(connection, sources, wanted, progress)
        return connection

    def rebuilt() -> sqlite3.Connection:
        try:
            _build(folder, path, sources, wanted, progress)
        except (OSError, sqlite3.OperationalError):  # read-only checkout, full disk: no cache this time
            return in_memory()
        # None when another process replaced it with a different corpus in between
        return _open_checked(path, wanted, sources) or in_memory()

    if not _usable(folder):
        return Index(in_memory(), sources)
    connection = _open_checked(path, wanted, sources)
    if connection is None:
        return Index(rebuilt(), sources)
    return Index(connection, sources, rebuilt)  # rebuilt again if its full-text part fails in a search


def _usable(folder: Path) -> bool:
    """The cache folder is ours to use: absent (to be made) or a real folder, never a symlink."""
    return not folder.is_symlink() and (folder.is_dir() or not folder.exists())


_COLUMNS = ["rowid", "source", "idx", "start", "end", "text", "line", "raw_start", "raw_end", "quote"]


def _open_checked(path: Path, wanted: str, sources: dict[str, Source]) -> sqlite3.Connection | None:
    if path.is_symlink() or not path.is_file():
        return None
    connection = None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        if connection.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise ValueError("damaged")
        if [r[1] for r in connection.execute("PRAGMA table_info(passages)")] != _COLUMNS:
            raise ValueError("not our schema")
        row = connection.execute("SELECT value FROM meta WHERE key = 'hash'").fetchone()
        count = connection.execute("SELECT value FROM meta WHERE key = 'passages'").fetchone()
        if row is None or row[0] != wanted or count is None:
            raise ValueError("another corpus")
        rows = connection.execute(
            "SELECT source, idx, start, end, text, line, raw_start, raw_end, quote FROM passages ORDER BY rowid"
        ).fetchall()
        if len(rows) != int(count[0]) or not _rows_agree(rows, sources):
            raise ValueError("rows differ from the corpus")
        return connection
    except (sqlite3.DatabaseError, ValueError, TypeError, OSError):
        if connection is not None:
            connection.close()
        return None


def _rows_agree(rows: list[tuple], sources: dict[str, Source]) -> bool:
    """Every row is well typed, and its quote and line are exactly the corpus's at its offsets."""
    documents: dict[str, tuple[str, tuple[int, ...]]] = {}
    for source, idx, start, end, text, line, raw_start, raw_end, quote in rows:
        if not (isinstance(source, str) and isinstance(text, str) and isinstance(quote, str)
                and all(type(n) is int for n in (idx, start, end, line, raw_start, raw_end))):
            return False
        if source not in sources or not 0 <= raw_start <= raw_end or not 0 <= start <= end:
            return False
        if source not in documents:
            raw = read_text(sources[source].path)
            documents[source] = (raw, line_starts(raw))
        raw, starts = documents[source]
        if raw[raw_start:raw_end] != quote or line != line_of(starts, raw_start):
            return False
    return True


def _build(folder: Path, path: Path, sources: dict[str, Source], wanted: str, progress) -> None:
    cache_folder(folder.parent)
    if not _usable(folder):  # replaced by a symlink since we looked
        raise OSError(f"{folder} is not a plain folder")
    handle, temporary = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        _fill(connection, sources, wanted, progress)
        connection.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _fill(connection: sqlite3.Connection, sources: dict[str, Source], wanted: str, progress) -> None:
    connection.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE passages (rowid INTEGER PRIMARY KEY, source TEXT, idx INTEGER, start INTEGER, end INTEGER,
                               text TEXT, line INTEGER, raw_start INTEGER, raw_end INTEGER, quote TEXT);
        CREATE TABLE normalised (source TEXT PRIMARY KEY, raw_sha TEXT, text TEXT, starts BLOB, src_starts BLOB,
                                 src_ends BLOB, copied BLOB, length INTEGER);
        CREATE VIRTUAL TABLE passages_fts USING fts5(text, content='passages', content_rowid='rowid',
                                                     tokenize='porter unicode61');
        """
    )
    count = 0
    for number, source in enumerate(sources.values()):
        document = read_document(source)
        rows = []
        for passage in document.passages:
            mention = document.mention(passage.start, passage.end)
            rows.append((source.id, passage.index, passage.start, passage.end, passage.text,
                         mention.line, mention.start, mention.end, mention.quote))
        connection.executemany(
            "INSERT INTO passages (source, idx, start, end, text, line, raw_start, raw_end, quote)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        count += len(rows)
        offsets = document.norm.map
        connection.execute("INSERT INTO normalised VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (source.id, _sha(document.norm.raw), document.norm.text, offsets.starts.tobytes(),
                            offsets.src_starts.tobytes(), offsets.src_ends.tobytes(), bytes(offsets.copied),
                            offsets.length))
        if progress is not None:
            progress(number + 1, len(sources))
    connection.execute("INSERT INTO passages_fts (rowid, text) SELECT rowid, text FROM passages")
    connection.executemany("INSERT INTO meta VALUES (?, ?)", [("hash", wanted), ("passages", str(count))])
    connection.commit()


def _normalised(raw: str, kept: tuple | None) -> Normalised:
    """The document's normalisation as the index keeps it, when it is of this very text; else made afresh.

    (Normalising the corpus is most of what a warm run would spend reading it.)"""
    if kept is not None:
        raw_sha, text, starts, src_starts, src_ends, copied, length = kept
        try:
            offsets = OffsetMap(_array(starts), _array(src_starts), _array(src_ends), bytearray(copied), length)
        except (TypeError, ValueError):
            offsets = None
        if (offsets is not None and raw_sha == _sha(raw) and isinstance(text, str) and length == len(text)
                and len(offsets.starts) == len(offsets.src_starts) == len(offsets.src_ends) == len(offsets.copied)
                and (not offsets.src_ends or max(offsets.src_ends) <= len(raw))):
            return Normalised(raw, text, offsets)
    return normalise(raw)


def _array(blob) -> array:
    found = array("q")
    found.frombytes(blob)
    return found


def _sha(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _indexed_spans(text: str, indexed: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    if all(text[start:end] == passage for start, end, passage in indexed) and (indexed or not text.strip()):
        return [(start, end) for start, end, _ in indexed]
    return segment_sentences(text)


def phrase(text: str, prefix: bool = False) -> str:
    """User or registry text as one FTS5 phrase: quoted, so operators in it mean nothing."""
    words = " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())
    if not words:
        return ""
    return f'"{words}"' + ("*" if prefix else "")


def any_of(phrases: list[str]) -> str:
    kept = sorted({p for p in phrases if p})
    return "(" + " OR ".join(kept) + ")" if kept else ""
