"""`claims --check`: lint the registry against itself and the corpus.

The registry's loader (registry.py) refuses what cannot be read; this finds what reads but is
likely wrong: names that are descriptions or that stand inside other names, cue words that stand
in headings or in fixed phrases, quotes that state a plan or a bound where the claim states a
fact or a point, claims that contradict one another, disputes recorded as evidence, and sources
the notes name as disagreeing that no entry records. Every finding carries the registry file and
line it is about (for an alias or a cue, the line it is written on) and a rule id, as `check`'s
findings do, so `render.check_text` prints both.

Nothing here knows any subject: the names and cue words are the registry's, the English words
(fixed phrases, prepositions, dispute words, inclusive hedges, the kinds of entity that are
people) are data in reading/data/english.yaml.
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import combinations
from pathlib import Path

from . import values
from .cite import quoted_value
from .corpus import Document
from .errors import InputError
from .files import files_in
from .lint import Rule
from .match import Hit, PhraseMatcher, find_quote
from .mentions import NUMERIC_FAMILIES, Vocabulary, compare, referencing_spans, values_of_type, vocabulary
from .reading.lexicon import Lexicon, english
from .registry import Claim, Entity, Quote, alias_key, is_acronym
from .text import line_starts, normalise
from .verdicts import Agreement, Severity
from .yamlfile import LineDict, load_yaml

RULES = {
    rule.id: rule
    for rule in (
        Rule("generic-alias", Severity.WARNING, "an alias that is a description, not a name",
             "An alias with no capital letter and no digit ('river authority', 'customs') is a\n"
             "description: it also names things the entity is not. Names are capitalised; use the\n"
             "name the documents write, or a longer phrase only this entity answers to."),
        Rule("ambiguous-alias", Severity.WARNING, "an alias that also stands inside other names",
             "In the corpus the alias ends a longer proper name ('the Kell Secretariat'), or, a one-word\n"
             "alias, is another body's possession ('Orm's Council'); or in the registry it is the last\n"
             "words of another entity's name. Statements read there are not about this entity. Places\n"
             "are not asked: a place naming or qualifying something is what place names do."),
        Rule("heading-hit", Severity.WARNING, "a cue word stands in a heading of a document",
             "A heading (a Markdown '#' line, or a short line alone between blank lines with no final\n"
             "punctuation) names a topic; it states nothing. Its cue words are reported when it is\n"
             "read as part of a statement (it runs into the text after it, or holds a value), and a\n"
             "cue that is a whole heading ('Conclusion') wherever it stands."),
        Rule("common-phrase", Severity.WARNING, "a cue word that is a function word or stands in a fixed phrase",
             "The cue is only a function word or a preposition, or the corpus uses it inside a fixed\n"
             "English phrase ('in total', 'at first', 'since then') in which it does not carry its\n"
             "meaning. Use a longer cue."),
        Rule("plan-as-fact", Severity.WARNING, "evidence that states the value only as a plan",
             "The evidence quote states the claim's value as a plan, expectation or proposal, while the\n"
             "claim records what happened. Quote a statement of what happened, or say plan: true."),
        Rule("exact-bound", Severity.ERROR, "a point value whose evidence states a bound",
             "The claim's value is one number but its evidence says 'more than', 'over', 'up to' or\n"
             "'under' it. Write the value as the bound the source states ('>100', '<=80')."),
        Rule("contradicting-claims", Severity.ERROR, "two claims state different values for one fact",
             "Two claims of one subject and property, at the same time (neither has as_of, or their\n"
             "years overlap), state values that disagree, and neither records a plan. Keep one and\n"
             "record the other source in its disputed_by."),
        Rule("dispute-is-evidence", Severity.ERROR, "a passage both disputes a claim and is evidence of the same fact",
             "A disputed_by quote lies in the passage an evidence quote of another claim about the same\n"
             "fact comes from (same subject and property, or a claim whose entities include the\n"
             "subject). The registry disagrees with itself; decide what the passage says."),
        Rule("undocumented-dispute", Severity.WARNING, "a note names a disagreeing source no entry records",
             "A note names a source that is neither evidence nor disputed_by of its claim, or a Markdown\n"
             "note in the claims folder says a claim is disputed while the claim has no disputed_by.\n"
             "Record the passage in disputed_by (or in evidence)."),
    )
}

_WORD = re.compile(r"[^\W_]+")
_ITEM_START = re.compile(r"^[ \t]*+-[ \t]*+\{?[ \t]*+id[ \t]*+:", re.M)
# at a line's start, and possessive: linear on any line
_KEY_LINE = re.compile(r"^[ \t]*+(?:-[ \t]*+)?\{?[ \t]*+([\w-]++)[ \t]*+:", re.M)
_FINAL_PUNCTUATION = re.compile(r"[.,;:!?][\"'”’)\]*_]*\Z")
_MARKDOWN_HEADING = re.compile(r"\s{0,3}#{1,6}\s")
_HEADING_WORDS = 12  # a short line standing alone has at most this many words
# A passage with at least _TITLE_WORDS words besides function words, _TITLE_CASE of them capitalised, is
# a title, a table row or a reference-list entry, not prose.
_TITLE_CASE = 0.7
_TITLE_WORDS = 6
# A section number before a heading's words: "(2)", "2.", "iii.", "A)".
_ENUMERATOR = re.compile(r"\A\s*(?:\(\s*(?:\d{1,3}|[ivxlc]{1,6}|[a-z])\s*\)"
                         r"|(?:\d{1,3}(?:\.\d{1,3})*|[ivxlc]{1,6}|[a-z])[.)])\s+", re.IGNORECASE)
_NOT_HEADING = ("@", "://", "www.", "|", "\t")  # an address, a table row
_OPENING = re.compile(r"[.!?:;\"“(\[]")
_SENTENCE_BREAK = re.compile(r"[.!?][)\"'”’]*\s+")
_BACKTICKED = re.compile(r"`([^`\n]{1,200})`")


@dataclass(frozen=True)
class Finding:
    path: str  # the registry file (or note) the finding is about
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    claim: str | None = None


def check_registry(project, relative_to: Path | None = None) -> tuple[Finding, ...]:
    """Every finding about the project's registry, ordered by path and line; paths are shown
    relative to `relative_to` when they lie under it."""
    ctx = _Context(project)
    found = [
        *_generic_aliases(ctx), *_ambiguous_aliases(ctx), *_heading_hits(ctx), *_common_phrases(ctx),
        *_plans_as_facts(ctx), *_exact_bounds(ctx), *_contradicting_claims(ctx), *_disputes_as_evidence(ctx),
        *_undocumented_disputes(ctx),
    ]
    if relative_to is not None:
        found = [replace(f, path=_shown(f.path, relative_to)) for f in found]
    return tuple(sorted(found, key=lambda f: (f.path, f.line, f.column, f.rule, f.message)))


def _shown(path: str, base: Path) -> str:
    try:
        relative = os.path.relpath(path, base)
    except ValueError:  # another drive
        return path
    return path if relative.startswith("..") else relative


# --- what a run computes once --------------------------------------------------------------


@dataclass(frozen=True)
class _Scan:
    """One passage of the corpus, its words and the registry phrases found in them."""

    document: Document
    start: int  # the passage's offset in the document's normalised text
    text: str
    tokens: list  # (word, start, end), offsets in text
    names: list[Hit]  # keys: (entity id, name as registered)
    cues: list[Hit]  # keys: (property id, cue as registered)

    def place(self, start: int) -> str:
        mention = self.document.mention(self.start + start, self.start + start + 1)
        return f"{self.document.source.id}:{mention.line}"


@dataclass(frozen=True)
class _Heading:
    document: Document
    line: int
    text: str  # the line with its Markdown markers taken off
    merged: bool  # the heading is read as part of a sentence with the text around it


class _Context:
    def __init__(self, project) -> None:
        self.project = project
        self.registry = project.registry
        self.words: Lexicon = english()
        self._spans: dict[str, list[tuple[int, int]]] = {}

    @cached_property
    def vocab(self) -> Vocabulary:
        return vocabulary(self.registry)

    @cached_property
    def documents(self) -> dict[str, Document]:
        return self.project.documents

    @cached_property
    def name_matcher(self) -> PhraseMatcher:
        return PhraseMatcher([(name, (e.id, name)) for e in self.registry.entities.values() for name in e.names])

    @cached_property
    def cue_matcher(self) -> PhraseMatcher:
        return PhraseMatcher([(cue, (p.id, cue)) for p in self.registry.properties.values() for cue in p.cues])

    @cached_property
    def phrase_matcher(self) -> PhraseMatcher:
        return PhraseMatcher([(phrase, phrase) for phrase in self.words.fixed_phrases])

    @cached_property
    def scans(self) -> list[_Scan]:
        found = []
        for document in self.documents.values():
            for passage in document.passages:
                tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(passage.text)]
                found.append(_Scan(document, passage.start, passage.text, tokens,
                                   self.name_matcher.find_tokens(tokens), self.cue_matcher.find_tokens(tokens)))
        return found

    @cached_property
    def small_words(self) -> frozenset[str]:
        return self.words.function_words | self.words.prepositions | frozenset(self.words.leading_articles)

    @cached_property
    def lines(self) -> _Lines:
        return _Lines(self.project.config.claims)

    @cached_property
    def headings(self) -> list[_Heading]:
        return [h for source, document in self.documents.items() for h in _headings(document, self.spans(source))]

    def spans(self, source: str) -> list[tuple[int, int]]:
        """The raw spans of a document's passages, in order."""
        if source not in self._spans:
            self._spans[source] = _passage_spans(self.documents[source])
        return self._spans[source]

    def entity_of(self, keys) -> set[str]:
        return {key[0] for key in keys}

    def related(self, entity: Entity, other_id: str) -> bool:
        """Is the entity other_id this one, one it is part of, or one its own names contain ("Kell"
        in "Kell Energy Club")?"""
        if other_id == entity.id:
            return True
        other = self.registry.entities[other_id]
        if self.registry.within(entity.name, other.name):
            return True
        own = [_key_words(n) for n in entity.names]
        return any(_contains(words, _key_words(name)) for words in own for name in other.names)


class _Lines:
    """Where the registry writes each entity, property, alias and cue (file, line, column)."""

    def __init__(self, claims_dir: Path) -> None:
        self.folder = str(claims_dir)
        self.entities: dict[str, tuple[str, int]] = {}
        self.properties: dict[str, tuple[str, int]] = {}
        self.text: dict[str, list[str]] = {}
        for path in files_in(Path(claims_dir), ".yaml"):
            try:
                data = load_yaml(path)
            except InputError:  # the registry loaded, so this cannot happen; a line is not worth a crash
                continue
            self.text[str(path)] = path.read_text(encoding="utf-8").splitlines()
            if not isinstance(data, dict):
                continue
            for section, table in (("entities", self.entities), ("places", self.entities),
                                   ("properties", self.properties)):
                for item in data.get(section) or ():
                    if isinstance(item, LineDict) and isinstance(item.get("id"), str):
                        table.setdefault(item["id"], (str(path), item.line))

    def of_entity(self, entity: Entity, name: str | None = None) -> tuple[str, int, int]:
        """Where the entity is written, or its canonical name or one of its aliases."""
        return self._find(self.entities.get(entity.id), name, "name" if name == entity.name else "aliases")

    def of_property(self, prop_id: str, cue: str | None = None) -> tuple[str, int, int]:
        return self._find(self.properties.get(prop_id), cue, "cues")

    def _find(self, where, word: str | None, key: str) -> tuple[str, int, int]:
        """The line and column of `word` as the value of `key` (or an item of its list) in the item
        starting at line `where`; the item's own line when it cannot be found."""
        if where is None:
            return self.folder, 1, 1
        path, first = where
        lines = self.text.get(path, [])
        column = _column(lines[first - 1]) if 0 < first <= len(lines) else 1
        if word is None:
            return path, first, column
        quoted = rf"(?P<q>[\"']?)(?P<word>{re.escape(word)})(?P=q)\s*(?:[,\]}}#]|\Z)"
        as_value = re.compile(rf"{key}\s*:\s*\[?\s*(?:[^\]]*?,\s*)?{quoted}")
        as_item = re.compile(rf"(?:\A\s*-\s*|[\[,]\s*){quoted}")
        in_list = False  # inside the block list of `key`
        for number in range(first, len(lines) + 1):
            line = lines[number - 1]
            if number > first and _ITEM_START.match(line):
                break
            found = as_value.search(line)
            starts = _KEY_LINE.match(line)
            if found is None and in_list and starts is None:
                found = as_item.search(line)
            if found:
                return path, number, found.start("word") + 1
            if starts is not None:
                in_list = starts.group(1) == key
        return path, first, column


def _column(line: str) -> int:
    return len(line) - len(line.lstrip(" -{")) + 1


def _key_words(name: str) -> list[str]:
    return [w.lower() for w in alias_key(name).split()]


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return 0 < n <= len(words) and any(words[i:i + n] == part for i in range(len(words) - n + 1))


def _place(ctx: _Context, item: Claim | Quote) -> tuple[str, int, int]:
    """Where a claim or a quote is written: its file, line and the column its text starts at."""
    lines = ctx.lines.text.get(item.file, [])
    line = item.line or 1
    return item.file, line, _column(lines[line - 1]) if 0 < line <= len(lines) else 1


def _finding(rule: str, where: tuple[str, int, int], message: str, claim: str | None = None) -> Finding:
    path, line, column = where
    return Finding(path, line, column, RULES[rule].severity, rule, message, claim)


# --- 1. generic-alias ----------------------------------------------------------------------


def _generic_aliases(ctx: _Context):
    for entity in ctx.registry.entities.values():
        for name in entity.names:
            if any(ch.isupper() or ch.isdigit() for ch in name):
                continue
            what = "name" if name == entity.name else "alias"
            yield _finding("generic-alias", ctx.lines.of_entity(entity, name),
                           f"{what} '{name}' of {entity.id} has no capital letter and no digit: it is a description, "
                           f"not a name, and also names what {entity.id} is not; use the name the documents write")


# --- 2. ambiguous-alias --------------------------------------------------------------------


def _ambiguous_aliases(ctx: _Context):
    yield from _tails_of_other_names(ctx)
    seen: dict[tuple[str, str], list] = {}  # (entity, name) -> [occurrences, embedded, first place, first words]
    for scan in ctx.scans:
        if _title_like(scan.tokens, ctx.small_words):
            continue
        covering = _covering(scan.names, len(scan.tokens))
        for hit in scan.names:
            for entity_id, name in hit.keys:
                record = seen.setdefault((entity_id, name), [0, 0, None, None])
                record[0] += 1
                shown = _embedded(ctx, scan, hit, ctx.registry.entities[entity_id], name, covering)
                if shown is not None:
                    record[1] += 1
                    if record[2] is None:
                        record[2], record[3] = scan.place(hit.start), shown
    for (entity_id, name), (total, embedded, place, shown) in seen.items():
        if embedded:
            yield _finding("ambiguous-alias", ctx.lines.of_entity(ctx.registry.entities[entity_id], name),
                           f"'{name}' ({entity_id}) stands inside a longer name or as another's possession at "
                           f"{embedded} of its {total} places in the corpus, first at {place} ('{shown}'); register "
                           f"the longer name, use a longer alias, or give part_of if it belongs to the other")


def _tails_of_other_names(ctx: _Context):
    """A name that is the last words of another entity's name or alias, after a word that is not a
    function word ("Secretariat" and "Kell Secretariat"; not "Orm" and "President of Orm", nor
    "Kell Bank" and "Charter of the Kell Bank")."""
    entities = list(ctx.registry.entities.values())
    for entity in entities:
        reported: set[str] = set()
        for other in entities:
            if other.id == entity.id or (entity.is_place and other.is_place) or \
                    ctx.registry.within(other.name, entity.name) or ctx.registry.within(entity.name, other.name):
                continue
            for longer in other.names:
                tails = [n for n in entity.names if _ends_with(longer, n)]
                if not tails:
                    continue
                widest = max(tails, key=lambda n: len(_tail_words(n)))
                if _word_before_tail(longer, widest) in ctx.small_words:
                    continue
                for name in tails:
                    if name not in reported:
                        reported.add(name)
                        yield _finding("ambiguous-alias", ctx.lines.of_entity(entity, name),
                                       f"'{name}' ({entity.id}) is the last words of '{longer}' ({other.id}): a "
                                       f"mention of {other.id} may be read as {entity.id}; use a longer alias")


def _tail_words(name: str) -> list[str]:
    words = alias_key(name).split()
    return words if is_acronym(name) else [w.lower() for w in words]


def _ends_with(longer: str, name: str) -> bool:
    words = _tail_words(name)
    raw = alias_key(longer).split()
    tokens = raw if is_acronym(name) else [w.lower() for w in raw]
    return len(tokens) > len(words) and tokens[-len(words):] == words


def _word_before_tail(longer: str, name: str) -> str:
    raw = alias_key(longer).split()
    return raw[-len(_tail_words(name)) - 1].lower()


def _covering(hits: list[Hit], count: int) -> list[Hit | None]:
    at: list[Hit | None] = [None] * count
    for hit in hits:
        for i in range(hit.token, hit.token + hit.tokens):
            at[i] = hit
    return at


def _capitalised(word: str, small: frozenset[str]) -> bool:
    return word[:1].isupper() and word.lower() not in small


def _embedded(ctx: _Context, scan: _Scan, hit: Hit, entity: Entity, name: str, covering: list) -> str | None:
    """The words that make this occurrence the end of a longer name ("the Kell Secretariat") or another's
    possession ("Orm's Secretariat"), or None. A place is not asked: a place naming or qualifying
    something ("the Kell summit", "Northern Kell") is what place names do. Nor is a name followed by
    more name ("the Kell Council"): it still names its own, as the owner. The possessive counts only
    for a one-word alias, which names nothing without its owner ("Orm's Council" is not Kell's); a
    longer name is owned by its author ("Orm's New Harbour Plan")."""
    if entity.is_place:
        return None
    tokens, text, small = scan.tokens, scan.text, ctx.small_words
    one_word = hit.tokens == 1 and not is_acronym(name)
    i = hit.token
    if i >= 1:
        previous = tokens[i - 1]
        gap = text[previous[2]:hit.start]
        owner = None
        titled = entity.kind in ctx.words.person_kinds  # "President Kell" is Kell, with a title
        if gap.isspace() and not _starts_sentence(text, tokens, i - 1) and _capitalised(previous[0], small) \
                and not titled:
            owner = i - 1  # "the Kell Secretariat"
        elif one_word and gap.isspace() and previous[0].lower() == "s" and i >= 2 and \
                text[tokens[i - 2][2]:previous[1]] == "'":
            owner = i - 2  # "Orm's Council"
        elif one_word and gap.strip() == "'" and previous[0].endswith("s") and gap.startswith("'"):
            owner = i - 1  # "the Keepers' Council"
        if owner is not None:
            around = covering[owner]
            if around is not None:
                if not any(ctx.related(entity, other) for other in ctx.entity_of(around.keys)):
                    return text[around.start:hit.end]
            elif _capitalised(tokens[owner][0], small):
                return text[tokens[owner][1]:hit.end]
    return None


def _starts_sentence(text: str, tokens: list, i: int) -> bool:
    """Does token i begin the passage, a sentence, a quotation or a bracket inside it?"""
    return i == 0 or bool(_OPENING.search(text[tokens[i - 1][2]:tokens[i][1]]))


def _title_like(tokens: list, small: frozenset[str]) -> bool:
    """A title, heading or reference-list entry: most of its words (but the first) capitalised."""
    words = [t[0] for t in tokens[1:] if t[0][:1].isalpha() and t[0].lower() not in small]
    return len(words) >= _TITLE_WORDS and sum(w[:1].isupper() for w in words) >= _TITLE_CASE * len(words)


# --- 3. heading-hit ------------------------------------------------------------------------


def _headings(document: Document, spans: list[tuple[int, int]]) -> list[_Heading]:
    """The document's heading lines: Markdown headings, and short lines alone between blank lines
    that end without punctuation and hold words (not addresses, rules or footnotes)."""
    raw = document.norm.raw
    lines = raw.split("\n")
    starts = line_starts(raw)
    found = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        markdown = bool(_MARKDOWN_HEADING.match(line))
        text = stripped.lstrip("#").strip().strip("*_").strip()
        if not markdown:
            before = number == 1 or not lines[number - 2].strip()
            after = number == len(lines) or not lines[number].strip()
            if not (before and after) or len(text.split()) > _HEADING_WORDS or _FINAL_PUNCTUATION.search(text):
                continue
            if not (text[:1].isalnum() or text[:1] in "\"'“‘") or any(mark in text for mark in _NOT_HEADING):
                continue
        if not _WORD.search(text):
            continue
        begin = starts[number - 1]
        end = begin + len(line)
        merged = any(s < end and begin < e and (s < begin + len(line) - len(line.lstrip()) or e > end)
                     for s, e in spans)
        found.append(_Heading(document, number, text, merged))
    return found


def _passage_spans(document: Document) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in (document.mention(p.start, p.end) for p in document.passages)]


def _heading_hits(ctx: _Context):
    """An alias or a cue in a heading that is read as part of a statement: the heading runs into the
    text around it, or holds a value of its own (its section number aside). A cue that is the whole
    heading ("Conclusion") is reported wherever it stands: the documents use it to label their parts."""
    seen: dict[tuple[str, str, str], list] = {}  # (kind, id, phrase) -> [count, heading, words, why]
    for heading in ctx.headings:
        text = _ENUMERATOR.sub("", heading.text, count=1)
        tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        why = "it is read with the text it runs into" if heading.merged else \
            "it is read with the value the heading holds" if _holds_value(text) else None
        for kind, matcher in (("cue", ctx.cue_matcher),):
            for hit in matcher.find_tokens(tokens):
                reason = why
                if reason is None and kind == "cue" and hit.token == 0 and hit.tokens == len(tokens):
                    reason = "the documents use it to label their parts"
                if reason is None:
                    continue
                for owner, phrase in hit.keys:
                    record = seen.setdefault((kind, owner, phrase), [0, None, None, None])
                    record[0] += 1
                    if record[1] is None:
                        record[1:] = [heading, text[hit.start:hit.end], reason]
    for (kind, owner, phrase), (count, heading, words, why) in seen.items():
        where = ctx.lines.of_property(owner, phrase) if kind == "cue" else \
            ctx.lines.of_entity(ctx.registry.entities[owner], phrase)
        more = f" (and {count - 1} more heading{'s' * (count > 2)})" if count > 1 else ""
        yield _finding("heading-hit", where,
                       f"{kind} '{phrase}' of {owner} matches '{words}' in the heading '{_short(heading.text)}' at "
                       f"{heading.document.source.id}:{heading.line}{more}, and {why}; a heading states nothing")


def _holds_value(text: str) -> bool:
    references = referencing_spans(text)
    return any(not any(s <= v.start and v.end <= e for s, e in references) for v in values.extract(text))


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- 4. common-phrase ----------------------------------------------------------------------


def _common_phrases(ctx: _Context):
    small = ctx.small_words
    for prop in ctx.registry.properties.values():
        for cue in prop.cues:
            words = [w.lower() for w in _WORD.findall(cue.rstrip("*"))]
            if words and all(w in small for w in words) and not cue.rstrip().endswith("*"):
                kind = "a preposition" if all(w in ctx.words.prepositions for w in words) else "a function word"
                if len(words) > 1:
                    kind = "function words only"
                yield _finding("common-phrase", ctx.lines.of_property(prop.id, cue),
                               f"cue '{cue}' of {prop.id} is {kind}: it stands in almost any sentence without "
                               f"stating {prop.id}; use a phrase that does")
    seen: dict[tuple[str, str], list] = {}  # (property, cue) -> [count, phrase, place]
    for scan in ctx.scans:
        if not scan.cues:
            continue
        phrases = ctx.phrase_matcher.find_tokens(scan.tokens)
        for cue in scan.cues:
            inside = next((p for p in phrases if p.token <= cue.token and cue.token + cue.tokens <= p.token + p.tokens),
                          None)
            if inside is None:
                continue
            for key in cue.keys:
                record = seen.setdefault(key, [0, None, None])
                record[0] += 1
                if record[1] is None:
                    record[1], record[2] = scan.text[inside.start:inside.end], scan.place(inside.start)
    for (prop_id, cue), (count, phrase, place) in seen.items():
        times = f" ({count} times in all)" if count > 1 else ""
        yield _finding("common-phrase", ctx.lines.of_property(prop_id, cue),
                       f"cue '{cue}' of {prop_id} stands in the fixed phrase '{phrase}' at {place}{times}, where it "
                       f"does not mean {prop_id}; use a longer cue")


# --- 5. plan-as-fact -----------------------------------------------------------------------


def _plans_as_facts(ctx: _Context):
    for claim in ctx.registry.claims:
        if claim.plan:
            continue
        for quote in claim.evidence:
            _, planned = quoted_value(normalise(quote.quote).text, claim, ctx.vocab, dissent=False)
            if planned:
                yield _finding("plan-as-fact", _place(ctx, quote),
                               f"evidence from @{quote.source} states {claim.id}'s value only as a plan; quote a "
                               f"statement of what happened, or mark the claim plan: true", claim.id)


# --- 6. exact-bound ------------------------------------------------------------------------


def _exact_bounds(ctx: _Context):
    for claim in ctx.registry.claims:
        if claim.type not in ("number", "money", "percent") or claim.value.low != claim.value.high:
            continue
        for quote in claim.evidence:
            text = normalise(quote.quote).text
            stated = next((v for v in values_of_type(text, claim, ctx.vocab)
                           if compare(claim, v, ctx.registry) == Agreement.AGREE), None)
            if stated is None:
                continue
            if stated.high == math.inf:
                sign = ">"
            elif stated.approximate and stated.low <= 0 < claim.value.low:
                sign = "<"
            else:
                continue
            said = " ".join(text[stated.start:stated.end].split())
            if any(said.lower().startswith(hedge) for hedge in ctx.words.inclusive_hedges):
                sign += "="
            yield _finding("exact-bound", _place(ctx, quote),
                           f"@{quote.source} says '{said}': write the value as '{sign}{claim.value.canonical}'",
                           claim.id)


# --- 7. contradicting-claims, dispute-is-evidence ------------------------------------------


def _contradicting_claims(ctx: _Context):
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in ctx.registry.claims:
        if not claim.plan:
            groups.setdefault((claim.subject, claim.property), []).append(claim)
    for claims in groups.values():
        for first, second in combinations(claims, 2):
            if _same_time(first, second) and _disagree(ctx, first, second):
                yield _finding("contradicting-claims", _place(ctx, second),
                               f"{second.id} ({second.value.canonical}) contradicts {first.id} "
                               f"({first.value.canonical}), of the same subject, property and time; keep one and "
                               f"record the other's sources in its disputed_by", second.id)


def _same_time(a: Claim, b: Claim) -> bool:
    if a.as_of is None and b.as_of is None:
        return True
    if a.as_of is None or b.as_of is None:
        return False
    years = values.as_type(a.as_of, "year"), values.as_type(b.as_of, "year")
    return values.compare(*years) == Agreement.AGREE


def _disagree(ctx: _Context, a: Claim, b: Claim) -> bool:
    if a.type in NUMERIC_FAMILIES or b.type in NUMERIC_FAMILIES:
        if values.family(a.type) != values.family(b.type):
            return False
        return compare(a, b.value) == Agreement.DISAGREE and compare(b, a.value) == Agreement.DISAGREE
    if a.type != b.type:
        return False
    if a.type == "text":
        return a.value.canonical.lower() != b.value.canonical.lower()
    if a.value.canonical == b.value.canonical:
        return False
    # a place within the other ("in Norland", "in Orm") is the same fact said less closely
    return not (a.type in ("place", "entity") and (ctx.registry.within(a.value.canonical, b.value.canonical)
                                                    or ctx.registry.within(b.value.canonical, a.value.canonical)))


def _disputes_as_evidence(ctx: _Context):
    located: dict[tuple[str, str], set[int]] = {}

    def passages(quote: Quote) -> set[int]:
        key = (quote.source, quote.quote)
        if key not in located:
            located[key] = _passages_of(ctx, quote)
        return located[key]

    claims = ctx.registry.claims
    for claim in claims:
        subject_name = ctx.registry.entities[claim.subject].name
        for dispute in claim.disputed_by:
            disputed = passages(dispute)
            if not disputed:
                continue
            for other in claims:
                if other.id == claim.id or not _same_fact(claim, other, subject_name):
                    continue
                evidence = next((q for q in other.evidence if q.source == dispute.source and passages(q) & disputed),
                                None)
                if evidence is not None and not _disputes_back(other, claim, passages):
                    yield _finding("dispute-is-evidence", _place(ctx, dispute),
                                   f"this disputed_by passage of {claim.id} (@{dispute.source}) is the evidence of "
                                   f"{other.id}, which states the same fact; decide what the passage says",
                                   claim.id)
                    break


def _disputes_back(other: Claim, claim: Claim, passages) -> bool:
    """`other` records the claim's evidence as a dispute in turn: one disagreement, recorded on both
    sides, not two facts stated against each other."""
    return any(d.source == e.source and passages(d) & passages(e) for d in other.disputed_by for e in claim.evidence)


def _same_fact(claim: Claim, other: Claim, subject_name: str) -> bool:
    """Does `other` state the claim's fact: of its subject and property, or an entity (set) that holds
    the claim's subject (a list of a body's partners, for a claim of when one became a partner)?"""
    if (other.subject, other.property) == (claim.subject, claim.property):
        return True
    return other.type in ("entity", "entity-set") and f", {subject_name}, " in f", {other.value.canonical}, "


def _passages_of(ctx: _Context, quote: Quote) -> set[int]:
    """The indexes of the passages of its source a quote stands in (none when it is not found)."""
    document = ctx.documents.get(quote.source)
    found = find_quote(document, quote.quote) if document is not None else None
    if found is None:
        return set()
    spans = ctx.spans(quote.source)
    i = max(bisect_right([s for s, _ in spans], found.mention.start) - 1, 0)
    inside = set()
    while i < len(spans) and spans[i][0] < found.mention.end:
        if found.mention.start < spans[i][1]:
            inside.add(i)
        i += 1
    return inside


# --- 8. undocumented-dispute ---------------------------------------------------------------


def _undocumented_disputes(ctx: _Context):
    sources = list(ctx.project.sources)
    for claim in ctx.registry.claims:
        recorded = {q.source for q in (*claim.evidence, *claim.disputed_by)}
        notes = [(claim.note, _place(ctx, claim))] + [(q.note, _place(ctx, q))
                                                            for q in (*claim.evidence, *claim.disputed_by)]
        for note, where in notes:
            if not note:
                continue
            for source in sources:
                if source not in recorded and re.search(rf"(?<![\w-]){re.escape(source)}(?![\w-])", note):
                    yield _finding("undocumented-dispute", where,
                                   f"the note names @{source}, which is neither evidence nor disputed_by of "
                                   f"{claim.id}; if it disagrees, add its passage to disputed_by", claim.id)
    yield from _notes_in_markdown(ctx)


def _notes_in_markdown(ctx: _Context):
    claims = {c.id: c for c in ctx.registry.claims}
    words = tuple(w.lower() for w in ctx.words.dispute_words)
    for path in files_in(Path(ctx.project.config.claims), ".md"):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for match in _BACKTICKED.finditer(line):
                claim = claims.get(match.group(1).strip())
                if claim is None or claim.disputed_by:
                    continue
                # the words of its own sentence on the line: a wrapped line may end one sentence and start another
                begin = max((m.end() for m in _SENTENCE_BREAK.finditer(line, 0, match.start())), default=0)
                stop = _SENTENCE_BREAK.search(line, match.end())
                sentence = line[begin:stop.start() if stop else len(line)].lower()
                if any(re.search(rf"\b{re.escape(w)}", sentence) for w in words):
                    yield Finding(str(path), number, match.start() + 1, RULES["undocumented-dispute"].severity,
                                  "undocumented-dispute",
                                  f"this note says {claim.id} is disputed, but the claim has no disputed_by; record "
                                  f"the disagreeing passage there", claim.id)
