"""Linking: do two statements speak of the same subject?

A subject is known by its *keys*: normalised forms of the names it goes by in the sentence (the
name itself, an apposition, what an acronym defined in the corpus stands for) and, when the
sentence names no one (a common noun, a table line), its document's title. Two subjects link when
they share a key (a name, or a description a name anchors: "the lighthouse on Gull Point"), when one name is a longer form of the other ("Fraisse", "Paul Fraisse"), or when
two names differ only in spelling ("Maracaibo", "Maracibo"); each way has a strength, and a
conflict is only as sure as its weakest link.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .lexicon import english
from ..scoring import LONGER_FORM, NAME_IN_LOWER_CASE, SAME_DESCRIPTION, SAME_NAME, SAME_TITLE, SPELLING, SPELLING_SIMILARITY

TITLE = "title:"  # prefix of a key that stands for a document's title subject
PHRASE = "np:"  # prefix of a common noun phrase's key: it links to a registry name, or to a name written in
#                its words ("SCO heads of state"), never to another phrase
DESCRIPTION = "desc:"  # prefix of a noun phrase a name anchors ("the lighthouse on Gull Point"): it links
# to the same description only, never to the name inside it (Gull Point is not its lighthouse)
NOT_NAMES = (TITLE, PHRASE, DESCRIPTION)


@cache
def _words() -> tuple[tuple[str, ...], frozenset[str], re.Pattern]:
    """The lexicon's leading articles and name joiners, and the acronym-definition pattern built on them."""
    lexicon = english()
    joiners = "|".join(re.escape(w) for w in sorted(lexicon.name_joiners))
    acronym = re.compile(rf"\b((?:[A-Z][\w'’-]*\s+(?:(?:{joiners})\s+)*){{1,9}}[A-Z][\w'’-]*)\s*\(([A-Z][A-Za-z&]{{1,9}})\)")
    return lexicon.leading_articles, lexicon.name_joiners, acronym


def key(name: str) -> str:
    """A name as compared: no accents, case or punctuation, no leading article or trailing possessive."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) not in ("Lm", "Sk"))
    text = text.casefold()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    articles = _words()[0]
    while words and words[0] in articles:
        words = words[1:]
    return " ".join(words)


def title_key(title: str) -> str:
    return TITLE + key(title)


def acronyms(texts) -> dict[str, str]:
    """Acronyms the texts define, "Eurasian Development Bank (EDB)": key of the acronym -> key of the name."""
    found: dict[str, str] = {}
    for name, short in acronym_definitions(texts):
        found.setdefault(key(short), key(name))
    return found


def acronym_definitions(texts) -> list[tuple[str, str]]:
    """Each acronym definition in the texts as written: ("Eurasian Development Bank", "EDB").

    A definition counts only when the acronym's letters are the initials of the name's words
    (small words like "of" may be skipped), so a parenthesis that is not a definition is ignored.
    """
    found = []
    _, small, pattern = _words()
    for text in texts:
        for match in pattern.finditer(text):
            name, short = match.group(1), match.group(2)
            words = name.split()
            for start in range(len(words)):
                tail = words[start:]
                if tail[0].lower() in small:
                    continue
                initials = "".join(w[0] for w in tail if w.lower() not in small).upper()
                every = "".join(w[0] for w in tail).upper()
                if short.upper().replace("&", "") in (initials, every):
                    found.append((" ".join(tail), short))
                    break
    return found


@dataclass(frozen=True)
class Linker:
    """Links subjects, knowing the corpus's acronym definitions."""

    expansions: dict[str, str]

    def expand(self, keys) -> set[str]:
        out = set(keys)
        out.update(self.expansions[k] for k in keys if k in self.expansions)
        return out

    def link(self, first: tuple[str, ...], second: tuple[str, ...], same_document: bool = False) -> float:
        """How surely two subjects (their keys) are one: 0 when they are not linked.

        Inside one document the title links nothing: every sentence of it shares the title.
        """
        from rapidfuzz import fuzz

        a, b = self.expand(first), self.expand(second)
        names_a = {k for k in a if not k.startswith(NOT_NAMES)}
        names_b = {k for k in b if not k.startswith(NOT_NAMES)}
        if names_a & names_b:
            return SAME_NAME
        best = 0.0
        for x in names_a:
            for y in names_b:
                if _digits(x) != _digits(y):
                    continue  # "Peace Mission 2014" and "Peace Mission 2021" are two things, however alike
                if _longer_form(x, y) or _longer_form(y, x):
                    best = max(best, LONGER_FORM)
                elif min(len(x), len(y)) >= 6 and fuzz.ratio(x, y) >= SPELLING_SIMILARITY:
                    best = max(best, SPELLING)
        if best:
            return best
        if _as_written(a, PHRASE) & _as_written(names_b) or _as_written(b, PHRASE) & _as_written(names_a):
            return NAME_IN_LOWER_CASE
        if {k for k in a if k.startswith(DESCRIPTION)} & {k for k in b if k.startswith(DESCRIPTION)}:
            return SAME_DESCRIPTION
        if not same_document and {k for k in a if k.startswith(TITLE)} & {k for k in b if k.startswith(TITLE)}:
            return SAME_TITLE
        return 0.0


def _as_written(keys, prefix: str = "") -> set[str]:
    """The keys with `prefix` (all keys when ""), prefix dropped, each word without a plural's "s": a
    phrase key has its head as a lemma ("np:harbour trustee") where a name has it as written."""
    return {" ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in k[len(prefix):].split())
            for k in keys if k.startswith(prefix)}


def _digits(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", name))


def _longer_form(short: str, long: str) -> bool:
    """`short` is `long` with words left off at the start or end ("fraisse" / "paul fraisse")."""
    if short == long or len(short) < 4:
        return False
    s, l = short.split(), long.split()
    if len(s) >= len(l):
        return False
    return l[-len(s):] == s or (len(s) >= 2 and l[: len(s)] == s)
