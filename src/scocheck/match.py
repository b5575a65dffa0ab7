"""Finding things in text: registered quotes in documents, names and cue words in sentences.

Quotes are found exactly, then after normalisation (case, punctuation, line
breaks, hyphenation and markup ignored), then fuzzily with rapidfuzz, but only
inside a few candidate passages chosen by the words they share with the quote,
and only for quotes of at most FUZZY_MAX_QUOTE characters: a fuzzy scan of a
whole document, or of a huge quote, is slow and can be pathological.

Names and cue words are found by looking token n-grams up in a dictionary,
so the cost per sentence does not grow with the size of the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .corpus import Document, Mention
from .registry import is_acronym
from .text import line_of, normalise, words

FUZZY_THRESHOLD = 90.0
_CANDIDATE_PASSAGES = 4
# Fuzzy alignment costs the product of the quote's and the window's lengths, and a window
# is about twice the quote: longer quotes are found exactly or normalised, never fuzzily.
FUZZY_MAX_QUOTE = 1000
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Found:
    """Where a quote stands: the raw passage, and its normalised text for reading values."""

    mention: Mention
    text: str
    method: str  # exact | normalised | fuzzy
    score: float
    start: int = -1  # span in the document's normalised text, when known
    end: int = -1


def find_quote(document: Document, quote: str, threshold: float = FUZZY_THRESHOLD) -> Found | None:
    """Where quote stands in document: exactly, else normalised, else fuzzily (score >= threshold)."""
    position = document.norm.raw.find(quote)
    if position != -1:
        end = position + len(quote)
        mention = Mention(document.source.id, line_of(document.lines, position), quote, position, end)
        return Found(mention, normalise(quote).text, "exact", 100.0)
    return _find_normalised(document, quote) or _find_fuzzy(document, quote, threshold)


@lru_cache(maxsize=4096)
def _quote_pattern(quote: str) -> re.Pattern[str] | None:
    text = normalise(quote).text
    tokens = _WORD.findall(text)
    if not tokens:
        return None
    body = r"[\W_]*".join(re.escape(token) for token in tokens)
    # the signs that stand against the first and last words belong to the quote: "$150", "80%"
    lead = re.search(r"([^\w\s]*)[^\W_]", text).group(1)[-3:]
    trail = re.search(r"[^\W_]([^\w\s]*)[\W_]*$", text)
    trail = trail.group(1).rstrip(".,;:")[:3] if trail else ""
    before = f"(?:{re.escape(lead)})?" if lead else ""
    after = f"(?:{re.escape(trail)})?" if trail else ""
    return re.compile(rf"(?<![^\W_]){before}{body}(?![^\W_]){after}", re.IGNORECASE)


def _find_normalised(document: Document, quote: str) -> Found | None:
    pattern = _quote_pattern(quote)
    if pattern is None:
        return None
    match = pattern.search(document.text)
    if match is None:
        return None
    start, end = match.span()
    return Found(document.mention(start, end), match.group(), "normalised", 100.0, start, end)


def _find_fuzzy(document: Document, quote: str, threshold: float) -> Found | None:
    from rapidfuzz import fuzz

    needle = normalise(quote).text.lower()
    quote_words = {w for w, _, _ in words(needle)}
    if not quote_words or len(needle) > FUZZY_MAX_QUOTE:
        return None
    best: Found | None = None
    for index in candidate_passages(document, quote_words):
        window_start = document.passages[index].start
        window_end = _window_end(document, index, window_start + 2 * len(needle) + 80)
        window = document.text[window_start:window_end].lower()
        alignment = fuzz.partial_ratio_alignment(needle, window, score_cutoff=threshold)
        if alignment is None or (best is not None and alignment.score <= best.score):
            continue
        start, end = _widen_to_words(document.text, window_start + alignment.dest_start, window_start + alignment.dest_end)
        best = Found(document.mention(start, end), document.text[start:end], "fuzzy", alignment.score, start, end)
    return best


def candidate_passages(document: Document, quote_words: set[str]) -> list[int]:
    """Indexes of the passages sharing most words with a quote, rarest words weighing most."""
    scores: dict[int, float] = {}
    postings = document.word_postings
    for word in quote_words:
        passages = postings.get(word)
        if not passages:
            continue
        weight = 1.0 / len(passages)
        for index in passages:
            scores[index] = scores.get(index, 0.0) + weight
    ranked = sorted(scores, key=lambda i: (-scores[i], i))
    return ranked[:_CANDIDATE_PASSAGES]


def _window_end(document: Document, index: int, limit: int) -> int:
    end = document.passages[index].end
    following = index + 1
    while end < limit and following < len(document.passages):
        end = document.passages[following].end
        following += 1
    return min(max(end, document.passages[index].end), limit, len(document.text))


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


# --- names and cue words -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    keys: tuple[str, ...]  # what the phrase stands for (entity or property ids)
    token: int  # index of the first token, for distances in words
    tokens: int  # number of tokens


@dataclass(frozen=True)
class _Entry:
    tokens: tuple[str, ...]
    key: str
    exact_case: tuple[str, ...] | None  # acronyms match only as written
    prefix: bool  # last token is a prefix


class PhraseMatcher:
    """Finds registered phrases (aliases, cue words) in text, longest first, without overlaps.

    A phrase is a word or words; a trailing `*` makes its last word a prefix.
    A phrase written in capitals (an acronym) matches only in capitals.
    """

    def __init__(self, phrases: list[tuple[str, str]]) -> None:
        self._by_first: dict[str, list[_Entry]] = {}
        self._prefixes: dict[str, list[_Entry]] = {}
        for phrase, key in phrases:
            raw_tokens = tuple(_WORD.findall(phrase))
            if not raw_tokens:
                continue
            prefix = phrase.rstrip().endswith("*")
            entry = _Entry(tuple(t.lower() for t in raw_tokens), key, raw_tokens if is_acronym(phrase) else None, prefix)
            if prefix and len(raw_tokens) == 1:
                self._prefixes.setdefault(entry.tokens[0], []).append(entry)
            else:
                self._by_first.setdefault(entry.tokens[0], []).append(entry)
        self._prefix_lengths = sorted({len(p) for p in self._prefixes}, reverse=True)

    def find(self, text: str) -> list[Hit]:
        tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        return self.find_tokens(tokens)

    def find_tokens(self, tokens: list[tuple[str, int, int]]) -> list[Hit]:
        lowered = [t[0].lower() for t in tokens]
        hits: list[Hit] = []
        i = 0
        while i < len(tokens):
            length, keys = self._match_at(tokens, lowered, i)
            if not keys:
                i += 1
                continue
            hits.append(Hit(tokens[i][1], tokens[i + length - 1][2], keys, i, length))
            i += length
        return hits

    def _match_at(self, tokens: list, lowered: list[str], i: int) -> tuple[int, tuple[str, ...]]:
        """The longest phrase starting at token i, with every key it stands for."""
        best, keys = 0, []
        for entry in self._by_first.get(lowered[i], ()):
            n = len(entry.tokens)
            if n >= best and self._fits(entry, tokens, lowered, i):
                if n > best:
                    best, keys = n, []
                keys.append(entry.key)
        word = lowered[i]
        if best <= 1:
            for length in self._prefix_lengths:
                if length <= len(word):
                    for entry in self._prefixes.get(word[:length], ()):
                        best = 1
                        keys.append(entry.key)
        return best, tuple(dict.fromkeys(keys))

    @staticmethod
    def _fits(entry: _Entry, tokens: list, lowered: list[str], i: int) -> bool:
        n = len(entry.tokens)
        if i + n > len(tokens):
            return False
        for k in range(n):
            word, want = lowered[i + k], entry.tokens[k]
            if entry.prefix and k == n - 1:
                if not word.startswith(want):
                    return False
            elif word != want:
                return False
        if entry.exact_case is not None:
            return all(tokens[i + k][0] == entry.exact_case[k] for k in range(n))
        return True
