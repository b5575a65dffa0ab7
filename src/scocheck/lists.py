"""Restated lists whose members differ.

Two sentences that open with the same words and go on to list things ("So far we have an editor,
a linker, a debugger and 35 utilities") restate one list. When most members are in both but each
sentence has a member the other lacks, the two say different things about what the list holds:
one text was revised, or one is wrong. There is no typed value to compare; the members are the
values. Pure functions over two texts: conflicts.py pairs the passages and reports what differs.
"""

from __future__ import annotations

import re

OPENING_WORDS = 3  # words two sentences must open with alike to restate one list ("so far we have")
MIN_MEMBERS = 3  # a list has three members or more; two are a pair, not a list
MEMBER_SIMILARITY = 75.0  # token-set similarity (0-100) at which two members are one, written a little otherwise

_WORD = re.compile(r"[^\W_]+")
_LEADING = re.compile(r"^(?:and|or|as well as)\s+", re.IGNORECASE)


def opening(text: str) -> tuple[str, ...]:
    """The sentence's first OPENING_WORDS words, lower case: the key two restatements share."""
    return tuple(w.lower() for w in _WORD.findall(text)[:OPENING_WORDS])


def members(text: str, opened: int) -> list[tuple[int, int]]:
    """The spans of a list's members: the text split at commas and semicolons outside brackets, the
    first member starting after the opening (text[:opened]), a leading "and"/"or" dropped. An opening
    that runs into a later member ("owns a rowing eight, a" ...) leaves that member whole. Fewer
    than MIN_MEMBERS: no list ([])."""
    spans, depth, begin = [], 0, 0
    for i in range(len(text)):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch in ",;" and depth == 0:
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, len(text.rstrip(" .!?\n"))))
    spans[0] = (min(opened, spans[0][1]), spans[0][1])
    trimmed = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        skip = _LEADING.match(piece)
        s = s + lead + (skip.end() if skip else 0)
        if _WORD.search(text[s:e]):
            trimmed.append((s, s + len(text[s:e].rstrip())))
    return trimmed if len(trimmed) >= MIN_MEMBERS else []


def differing_members(first: str, second: str, modal: frozenset[str] = frozenset()
                      ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]] | None:
    """The members only the first lists and those only the second lists, as spans of each text, when the
    two open alike and list mostly the same members, each with one or more of its own; else None. A
    list the shared opening states as a plan ("we will add", a word of `modal`) states no fact to
    compare, as a planned value does not."""
    from rapidfuzz import fuzz

    words_a, words_b = list(_WORD.finditer(first)), list(_WORD.finditer(second))
    shared = 0
    while shared < min(len(words_a), len(words_b)) and words_a[shared].group().lower() == words_b[shared].group().lower():
        shared += 1
    if shared < OPENING_WORDS or shared >= min(len(words_a), len(words_b)):
        return None
    if any(w.group().lower() in modal for w in words_a[:shared]):
        return None
    list_a, list_b = members(first, words_a[shared - 1].end()), members(second, words_b[shared - 1].end())
    if not list_a or not list_b:
        return None
    scored = sorted(((fuzz.token_set_ratio(first[a[0]:a[1]].lower(), second[b[0]:b[1]].lower()), i, j)
                     for i, a in enumerate(list_a) for j, b in enumerate(list_b)), reverse=True)
    paired_a, paired_b = set(), set()
    for score, i, j in scored:
        if score >= MEMBER_SIMILARITY and i not in paired_a and j not in paired_b:
            paired_a.add(i)
            paired_b.add(j)
    only_a = [span for i, span in enumerate(list_a) if i not in paired_a]
    only_b = [span for j, span in enumerate(list_b) if j not in paired_b]
    if len(paired_a) < 2 or not only_a or not only_b or len(only_a) > len(paired_a) or len(only_b) > len(paired_b):
        return None
    return only_a, only_b
