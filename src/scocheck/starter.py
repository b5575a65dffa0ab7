"""A starting project proposed from a folder of documents (`scocheck init`).

`propose(folder)` reads every document as `conflicts` does (reading.statements) and proposes:

- `corpus/sources.yaml`: one entry per document, its id from the author and year the text shows
  near its top (a byline, a year), else from the file name; its title from the first line;
- a draft registry (`claims/draft.yaml`): an entity for every named subject that two sources state
  one fact of, and for every acronym the documents define, with the other names the documents
  give it as aliases; a property for every predicate that carries such a fact, its lemma as cue;
  a claim for every fact two or more sources state, with every quote, and `disputed_by` where
  sources disagree; and a claim for a value two or more sources state beside one name, where the
  grammar could not link their statements (agreements only); then, read as `verify` reads the
  draft, every passage stating another value for a claim becomes a `disputed_by` candidate.
  Everything proposed is marked for review: it is what the texts seem to say, not what a careful
  reader has decided;
- what needs a human decision: authors and dates not found, the disputes proposed, and what else
  the documents disagree on as `conflicts` finds it with no registry.

`write(proposal, folder)` writes it, never over an existing file. The library prints nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import gazetteer, values
from .compare import agreement, as_of, pairs
from .corpus import Document, Source, read_document
from .errors import InputError
from .files import read_text, write_text
from .mentions import NOTICE_YEARS, referencing_spans
from .reading.lexicon import english
from .reading.linking import NOT_NAMES, Linker, acronym_definitions, acronyms, key
from .reading.statements import Statement
from .reading.store import corpus_statements
from .scoring import LOW_CONFIDENCE
from .values.lexicon import MONTHS
from .verdicts import Agreement

SOURCES_FILE = Path("corpus") / "sources.yaml"
DRAFT_FILE = Path("claims") / "draft.yaml"
_REVIEW = "REVIEW"  # every proposed claim's note starts so: a human has not decided it yet
_HEAD_LINES = 20  # a byline or a year this near the top belongs to the document itself
_QUOTE_WIDTH = 160  # characters of a passage kept around a value in a quote
_SLUG = re.compile(r"[^a-z0-9]+")
_CHANGING = frozenset({"number", "money", "percent"})  # values that hold as of a time
_TYPES = frozenset({"year", "date", "number", "money", "percent", "place"})  # value types a claim can take
_BESIDE = 60  # characters either side of a value within which a name says what the value is about
_PROPER_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*)*")


@dataclass
class Proposal:
    folder: Path
    copies: list[tuple[Path, str]]  # documents to copy into corpus/: (from, file name)
    sources: list[dict]
    registry: dict
    review: list[str] = field(default_factory=list)  # what needs a human decision

    @property
    def files(self) -> list[Path]:
        """Every file `write` creates."""
        return [self.folder / "corpus" / name for _, name in self.copies] + \
            [self.folder / SOURCES_FILE, self.folder / DRAFT_FILE]

    def counts(self) -> dict[str, int]:
        claims = self.registry.get("claims", [])
        return {"documents": len(self.sources), "entities": len(self.registry.get("entities", [])),
                "places": len(self.registry.get("places", [])), "properties": len(self.registry.get("properties", [])),
                "claims": len(claims), "disputed": sum(1 for c in claims if c.get("disputed_by"))}


def documents_in(folder: Path) -> tuple[list[Path], bool]:
    """The documents to start from and whether they must be copied into corpus/: the files of
    folder/corpus/ if it exists, else the folder's own files (hidden files aside). Refuses an
    existing project, a folder with no documents, and a binary, empty or oversized file."""
    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    for existing in (folder / SOURCES_FILE, folder / "scocheck.toml"):
        if existing.exists():
            raise InputError(existing, "already a scocheck project here; init writes only into a folder of documents")
    claims = folder / "claims"
    if claims.is_dir() and any(claims.glob("*.yaml")):
        raise InputError(claims, "already holds a registry; init never overwrites one")
    inside = folder / "corpus"
    where = inside if inside.is_dir() else folder
    files = sorted(p for p in where.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError(where, "no documents to start from (put the texts in this folder)")
    for path in files:
        if not read_text(path).strip():
            raise InputError(path, "empty file: nothing to read")
    return files, where == folder


def propose(folder: Path, progress=None) -> Proposal:
    """Read the documents of `folder` and propose sources and a draft registry (module text).
    progress(done, total) is called as documents are read."""
    files, copy = documents_in(folder)
    sources = _sources(files)
    documents: dict[str, Document] = {}
    for entry, path in zip(sources, files):
        csl = {k: v for k, v in entry.items() if k != "file"}
        documents[entry["id"]] = read_document(Source(entry["id"], entry["file"], path, csl))
    read = corpus_statements(documents, None, referencing_spans, progress=progress)  # as conflicts reads them
    texts = [d.text for d in documents.values()]
    registry, review, disputes = _registry(documents, read, texts)
    if registry.get("claims"):
        review, disputes = _dissent(registry, documents, read, review, disputes)
    review += _disagreements(documents, read, disputes)
    review[:0] = [f"{e['id']}: {' and '.join(f for f in ('author', 'issued') if f not in e)} not found "
                  "near the top of the document; fill in" for e in sources if "issued" not in e or "author" not in e]
    copies = [(path, entry["file"]) for entry, path in zip(sources, files)] if copy else []
    return Proposal(folder, copies, sources, registry, review)


def write(proposal: Proposal) -> list[Path]:
    """Write the proposal's files, creating folders as needed; nothing when any of them exists."""
    targets = proposal.files
    for path in targets:
        if path.exists():
            raise InputError(path, "already exists; init never overwrites a file")
    (proposal.folder / "corpus").mkdir(exist_ok=True)
    (proposal.folder / "claims").mkdir(exist_ok=True)
    for origin, name in proposal.copies:  # byte for byte (UTF-8, newlines as they are), whole or not at all
        write_text(proposal.folder / "corpus" / name, read_text(origin))
    write_text(proposal.folder / SOURCES_FILE, _SOURCES_HEADER + _dump(proposal.sources))
    write_text(proposal.folder / DRAFT_FILE, _DRAFT_HEADER + _dump(proposal.registry))
    return targets


_SOURCES_HEADER = """\
# One entry per document, proposed by `scocheck init`. Check every id, title, author and issued
# date against the document, and add what is missing (publisher, URL, type: see docs/registry.md).
"""

_DRAFT_HEADER = """\
# A draft registry proposed by `scocheck init` from what two or more sources state. Nothing here
# is decided: every claim's note starts with REVIEW. Keep what the texts support, correct or
# delete the rest, rename ids as you like, and run `scocheck claims --check` and `scocheck verify`.
"""


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


# --- sources --------------------------------------------------------------------------------------


def _sources(files: list[Path]) -> list[dict]:
    entries, taken = [], set()
    for path in files:
        head = [line.strip() for line in read_text(path).splitlines() if line.strip()][:_HEAD_LINES]
        title = _title(head) or path.stem
        notice = _notice(head)
        authors = _byline(head) or ([notice[1]] if notice and notice[1] else [])
        year = _issued(head) or (notice[0] if notice else None)
        base = _slug(_id_word(authors[0]) if authors else path.stem) or "source"
        source_id = f"{base}{year}" if authors and year else base
        unique, n = source_id, 2
        while unique in taken:
            unique, n = f"{source_id}-{n}", n + 1
        taken.add(unique)
        entry: dict = {"id": unique, "file": path.name, "title": title}
        if authors:
            entry["author"] = [_csl_name(author) for author in authors]
        if year:
            entry["issued"] = int(year)
        entries.append(entry)
    return entries


_NAME = r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+"


def _byline(head: list[str]) -> list[str]:
    """The names after a byline word at the start of a line near the top ("By Ana Lima", "Conducted
    by Ana Lima and Tom Reyes"), if any."""
    for word in sorted(english().byline_words, key=len, reverse=True):
        pattern = re.compile(rf"{re.escape(word)}\s*:?\s+({_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*)\s*$", re.IGNORECASE)
        for line in head:
            match = pattern.match(line)
            if match:
                names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", match.group(1)) if n.strip()]
                if all(w[0].isupper() for n in names for w in n.split()):
                    return names
    return []


def _notice(head: list[str]) -> tuple[str, str] | None:
    """A copyright notice near the top ("Copyright (C) 1985, 1993 Ana Lima", the holder perhaps on the
    next line): its latest year, and the holder as written ("" when none is given)."""
    words = "|".join(re.escape(w) for w in english().notice_words)
    pattern = re.compile(rf"(?:(?:{words})\.?\s*(?:\(c\)|©)?|©)\s*({NOTICE_YEARS})\s*(.*)$", re.IGNORECASE)
    for i, line in enumerate(head):
        match = pattern.match(line)
        if match:
            years = re.findall(r"\d{4}", match.group(1))
            holder = match.group(2).strip(" .") or (head[i + 1].strip(" .") if i + 1 < len(head) else "")
            holder = re.split(r"\.\s+(?=[A-Z][a-z]+\s+[a-z])|\s+all rights reserved", holder, flags=re.IGNORECASE)[0]
            return max(years), holder if re.fullmatch(rf"{_NAME}(?:,\s*[A-Z][\w.]*)?", holder) else ""
    return None


def _organisation(name: str) -> bool:
    """"Free Software Foundation, Inc.": a name whose last word is an organisation's, not a person's."""
    words = key(name.split(",")[-1]).split()
    return bool(words) and words[-1] in english().organisation_words


def _csl_name(name: str) -> dict:
    if _organisation(name) or len(name.split()) == 1:
        return {"literal": name}
    *given, family = name.split()
    return {"family": family, "given": " ".join(given)}


def _id_word(name: str) -> str:
    """What a source id starts with: a person's family name; an organisation's initials ("fsf")."""
    if _organisation(name):
        return "".join(w[0] for w in name.split(",")[0].split() if w[0].isupper())
    return name.split()[-1]


def _title(head: list[str]) -> str:
    """The first line that reads as a title: an underlined line ("Title" then "=====") if there is one,
    else the first line that is mostly letters and no copyright notice, with a word hyphenated across
    the line break joined ("ORGANISA-" "TION")."""
    for line, below in zip(head, head[1:]):
        if len(below) >= 3 and set(below) <= set("=*-~#"):
            return line.strip("#* ")[:200]
    lines = [line for line in head if sum(c.isalpha() for c in line) * 2 >= len(line.replace(" ", ""))
             and _notice([line]) is None]
    title = lines[0].strip("#* ") if lines else ""
    if re.search(r"[^\W\d_]-$", title) and len(lines) > 1:
        title = title[:-1] + lines[1].strip("#* ")
    return title[:200]


def _issued(head: list[str]) -> str | None:
    """The year of the first date near the top ("March 2009", "14 May 2015"): when the document is
    dated, not a year it speaks of."""
    for line in head:
        for value in values.extract(line):
            if value.type == "date":
                return value.canonical[:4]
    return None


def _slug(text: str) -> str:
    return _SLUG.sub("-", key(text)).strip("-")


# --- the draft registry ---------------------------------------------------------------------------


def _registry(documents: dict[str, Document], read: dict[str, list[Statement]], texts
              ) -> tuple[dict, list[str], list[frozenset]]:
    """The draft registry, what needs a human decision, and the passages ((source, index)) of each
    proposed dispute."""
    lexicon = english()
    linker = Linker(acronyms(texts))
    statements = [s for source in documents for s in read.get(source, ())]
    issued = {source: document.source.year for source, document in documents.items()}
    facts = _facts(pairs(statements, linker, lexicon, 0, issued))
    names = _Names(linker, acronym_definitions(texts))
    entities, places, properties, claims, review, disputes = {}, {}, {}, [], [], []
    for fact in facts:
        named = [s for s in fact if any(not k.startswith(NOT_NAMES) for k in s.keys)]
        if not named or not names.nameable(named):
            continue  # "the organisation" or the title: which entity is meant, a human must say
        entity = names.entity(named)
        prop = _property(fact[0])
        positions = _positions(fact, lexicon)
        claim = _claim(entity, prop, positions, documents, issued, places)
        if claim is None:
            continue
        _section(entity, entities, places).setdefault(entity["id"], entity)
        known = properties.setdefault(prop["id"], prop)
        known["time_varying"] = known.get("time_varying", False) or "as_of" in claim
        claims.append(claim)
        if claim.get("disputed_by"):
            review.append(f"{claim['id']}: the sources disagree ({', '.join(_stated(positions))}); "
                          "keep the dispute or correct the claim")
            disputes.append(frozenset((s.source, s.passage) for members in positions for s in members))
    for name, group in _beside_one_name(statements, documents, {(c["subject"], str(c["value"])) for c in claims}):
        entity = names.entity_named(name)
        prop = _property(group[0], {s.predicate for s in group})
        claim = _claim(entity, prop, [group], documents, issued, places)
        if claim is None:
            continue
        claim["note"] = (f"{_REVIEW}: {len({s.source for s in group})} sources state this value beside the name "
                         f"\"{name}\"; check that each quote states this fact")
        _section(entity, entities, places).setdefault(entity["id"], entity)
        known = properties.setdefault(prop["id"], prop)
        known["cues"] = sorted(set(known["cues"]) | set(prop["cues"]))
        known["time_varying"] = known.get("time_varying", False) or "as_of" in claim
        claims.append(claim)
    by_name: dict[str, list[Statement]] = {}
    for statement in statements:  # a name two sources give a value of is worth registering too
        for k in statement.keys:
            if not k.startswith(NOT_NAMES) and statement.subject:
                by_name.setdefault(k, []).append(statement)
    for k, stated in by_name.items():
        if len({s.source for s in stated}) >= 2 and k not in names and names.nameable(stated):
            entity = names.entity(stated)
            _section(entity, entities, places).setdefault(entity["id"], entity)
    for name, short in names.definitions():
        entities.setdefault(_slug(short), {"id": _slug(short), "name": name, "kind": "thing", "aliases": [short]})
    _unique_ids(claims)
    for prop in properties.values():
        if not prop["time_varying"]:
            del prop["time_varying"]
    registry = {"entities": list(entities.values()), "places": list(places.values()),
                "properties": list(properties.values()), "claims": claims}
    return {k: v for k, v in registry.items() if v}, review, disputes


def _dissent(registry: dict, documents: dict[str, Document], read: dict[str, list[Statement]], review: list[str],
             disputes: list[frozenset]) -> tuple[list[str], list[frozenset]]:
    """Every passage `verify` would read as stating another value for a proposed claim, proposed as a
    dispute of it (disputed_by, marked for review), as verify reads the draft: the draft verifies
    with no claim contradicted, and each disagreement waits for a human's decision."""
    import tempfile

    from .conflicts import claim_statements
    from .mentions import analyse_corpus, vocabulary
    from .registry import load_registry

    with tempfile.TemporaryDirectory() as folder:
        write_text(Path(folder) / "draft.yaml", _dump(registry))
        loaded = load_registry(Path(folder), set(documents))
    analysis = analyse_corpus(documents, vocabulary(loaded), read=read)
    proposed = {c["id"]: c for c in registry["claims"]}
    for claim in loaded.claims:
        _, agreeing, disagreeing = claim_statements(claim, analysis)
        # a passage that is the evidence of a claim of the same subject and property says that claim's
        # fact: which of the two claims it speaks to, a human decides (claims --check says so)
        evidence = [found.mention for other in loaded.claims if other.id != claim.id and
                    (other.subject, other.property) == (claim.subject, claim.property)
                    for q in other.evidence if (found := analysis.locate(q.source, q.quote)) is not None]
        dissent = [d for d in disagreeing if not d.acknowledged and d.confidence >= LOW_CONFIDENCE and not any(
            m.source == d.mention.source and m.start < d.mention.end and d.mention.start < m.end for m in evidence)]
        if not dissent:
            continue  # a reading less sure than a hint is no dispute to propose
        quotes = proposed[claim.id].setdefault("disputed_by", [])
        for stated in dissent:
            quote = _around(stated)
            if not any(q["source"] == stated.mention.source and q["quote"] == quote for q in quotes):
                quotes.append({"source": stated.mention.source, "quote": quote,
                               "note": f"{_REVIEW}: {stated.mention.source} gives {stated.value.canonical}"})
        if not any(r.startswith(f"{claim.id}: ") for r in review):
            others = ", ".join(sorted({f"{d.value.canonical} in {d.mention.source}" for d in dissent}))
            review.append(f"{claim.id}: {others}, against the claim's {claim.value.canonical}; "
                          "keep the dispute or correct the claim")
        disputes.append(frozenset((s.mention.source, _passage_at(documents[s.mention.source], s.mention.start))
                                  for s in (*agreeing, *dissent)))
    return review, disputes


def _around(stated) -> str:
    """A passage's words around the value it states (conflicts.Stated), at most _QUOTE_WIDTH characters."""
    quote = stated.mention.quote
    if stated.highlight is not None and len(quote) > _QUOTE_WIDTH:
        middle = sum(stated.highlight) // 2
        start = max(0, min(middle - _QUOTE_WIDTH // 2, len(quote) - _QUOTE_WIDTH))
        quote = quote[start : start + _QUOTE_WIDTH]
        words = quote.split()
        quote = " ".join(words[1 if start else 0 : -1 if start + _QUOTE_WIDTH < len(stated.mention.quote) else None])
    return " ".join(quote.split())


def _disagreements(documents: dict[str, Document], read: dict[str, list[Statement]], disputes) -> list[str]:
    """What else the documents disagree on, as `conflicts` finds it with no registry (a paraphrase
    whose year drifted, one body in two places): which side holds, or whether each held at its
    time, a human decides. disputes: the passages of each dispute the draft already proposes."""
    from .conflicts import all_disagreements
    from .mentions import analyse_corpus, vocabulary
    from .registry import Registry

    analysis = analyse_corpus(documents, vocabulary(Registry({}, {}, ())), read=read)
    found = []
    for disagreement in all_disagreements(analysis):
        stated = [s for _, members in disagreement.positions for s in members]
        passages = frozenset((s.mention.source, _passage_at(documents[s.mention.source], s.mention.start))
                             for s in stated)
        if any(passages <= proposed for proposed in disputes):
            continue
        sides = "; ".join(f"{value} in {', '.join(sorted({s.mention.source for s in members}))}"
                          for value, members in disagreement.positions)
        found.append(f"{disagreement.subject or 'a fact no claim names'}: the sources disagree ({sides}); "
                     "register one side with disputed_by, or one claim per year (as_of) if it changed")
    return found


def _passage_at(document: Document, offset: int) -> int:
    return next((p.index for p in document.passages if p.start <= offset < p.end), -1)


def _beside_one_name(statements: list[Statement], documents, taken: set) -> list[tuple[str, list[Statement]]]:
    """Facts the grammar could not link across documents ("I began work on GNU Emacs in September
    1984", "In 1984, work began on GNU Emacs"): the same value stated beside the same name in two or
    more sources. Only agreement is proposed so (two values beside one name are often two facts).
    taken: (entity id, value) pairs the registry already proposes."""
    lexicon = english()
    groups: dict[tuple[str, str], list[Statement]] = {}
    forms: dict[str, Counter] = {}
    for statement in statements:
        if statement.modal or statement.negated or statement.value.type not in _TYPES - {"place"}:
            continue
        text = documents[statement.source].passages[statement.passage].text
        window = text[max(0, statement.value.start - _BESIDE): statement.value.end + _BESIDE]
        if statement.by != "author" and any(not k.startswith(NOT_NAMES) for k in statement.keys) \
                and statement.subject[:1].isupper():
            near = {statement.subject}  # the clause names what it is about
        else:  # "I began work on GNU Emacs in 1984", "In 1984, work began on GNU Emacs"
            near = {m.group() for m in _PROPER_NAME.finditer(window)}
        value = values.as_type(statement.value, "year").canonical if statement.value.type in ("year", "date") \
            else statement.value.canonical
        if statement.value.type in ("year", "date") and not value.isdigit():
            continue  # "the 1970s", "1996-1998": a span of years is no year to agree on
        for form in near:
            form = _bare(form)
            words = key(form).split()
            if len(form) < 3 or not words or words[0] in lexicon.function_words or form.lower() in lexicon.pronouns \
                    or list(values.extract(form)) or form.split()[0] in MONTHS:
                continue  # "One person", "July": a number or a month is no name
            forms.setdefault(key(form), Counter())[form] += 1
            members = groups.setdefault((key(form), value), [])
            if all(m is not statement for m in members):
                members.append(statement)
    found = []
    for (name_key, value), group in sorted(groups.items()):
        if len({s.source for s in group}) < 2 or (_slug(name_key), value) in taken:
            continue
        coarse_first = sorted(group, key=lambda s: (s.value.type != "year", s.source, s.passage))  # "1984" over "January 1984"
        found.append((forms[name_key].most_common(1)[0][0], coarse_first))
    return found


def _section(entity: dict, entities: dict, places: dict) -> dict:
    """Where an entity is registered: a city or country the gazetteer knows is a place."""
    return places if entity["kind"] in ("city", "country") else entities


def _facts(found) -> list[list[Statement]]:
    """Statements joined into facts by the pairs between them of two sources, read surely enough."""
    parent: dict[int, int] = {}
    by_id: dict[int, Statement] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for pair in found:
        if pair.first.source == pair.second.source or pair.confidence < LOW_CONFIDENCE:
            continue
        by_id[id(pair.first)], by_id[id(pair.second)] = pair.first, pair.second
        parent[root(id(pair.first))] = root(id(pair.second))
    groups: dict[int, list[Statement]] = {}
    for i, statement in by_id.items():
        groups.setdefault(root(i), []).append(statement)
    facts = [sorted(members, key=lambda s: (s.source, s.passage, s.value.start)) for members in groups.values()]
    return sorted(facts, key=lambda f: (f[0].source, f[0].passage))


class _Names:
    """Entities for subjects, named as the documents name them, with their acronyms as aliases."""

    def __init__(self, linker: Linker, definitions: list[tuple[str, str]]):
        self.linker = linker
        self._definitions = {key(short): (name, short) for name, short in definitions}
        self._by_key: dict[str, dict] = {}

    def entity(self, statements: list[Statement]) -> dict:
        forms = Counter(_bare(s.subject) for s in statements if _Names._is_name(s))
        keys = {key(form) for form in forms} | {k for s in statements for k in s.keys if not k.startswith(NOT_NAMES)}
        for k in keys:
            if k in self._by_key:
                entity = self._by_key[k]
                break
        else:
            name = self._full_name(forms)
            place = gazetteer.lookup(name)
            kind = place.kind if place is not None and place.kind != "continent" else "thing"
            entity = {"id": _slug(name), "name": name, "kind": kind, "aliases": []}
        defined = {key(f"{name} {short}") for name, short in self._definitions.values()}
        for form in forms:  # not "Harbour League HL", the name read with the acronym it defines
            if key(form) != key(entity["name"]) and form not in entity["aliases"] and key(form) not in defined:
                entity["aliases"].append(form)
        for k in keys | {key(entity["name"])}:
            definition = self._definitions.get(k) or next(
                (d for short, d in self._definitions.items() if key(d[0]) == k), None)
            if definition and definition[1] not in entity["aliases"] and definition[1] != entity["name"]:
                entity["aliases"].append(definition[1])
            self._by_key[k] = entity
        for alias in entity["aliases"]:
            self._by_key[key(alias)] = entity
        return entity

    def entity_named(self, form: str) -> dict:
        """The entity a name found beside a value stands for: the one registered under it, else a new one."""
        known = self._by_key.get(key(form))
        if known is not None:
            return known
        name = self._definitions[key(form)][0] if key(form) in self._definitions else form
        place = gazetteer.lookup(name)
        kind = place.kind if place is not None and place.kind != "continent" else "thing"
        entity = {"id": _slug(name), "name": name, "kind": kind, "aliases": [form] if name != form else []}
        self._by_key[key(form)] = self._by_key[key(name)] = entity
        return entity

    @staticmethod
    def nameable(statements: list[Statement]) -> bool:
        return any(_Names._is_name(s) for s in statements)

    @staticmethod
    def _is_name(statement: Statement) -> bool:
        """The statement's subject is a name: not "It" or "I" (they stand for one), not "demise of the Union",
        not "Emacs 23.1 (2009-07-29)" (one release of a thing, not a name it goes by). A name may hold
        one number ("Peace Mission 2014", "Apollo 11"), not a number and a date."""
        form = _bare(statement.subject)
        return statement.by not in ("pronoun", "author") and form[:1].isupper() and len(list(values.extract(form))) <= 1

    def __contains__(self, name_key: str) -> bool:
        return name_key in self._by_key

    def _full_name(self, forms: Counter) -> str:
        """The most used form, spelled out where it is an acronym the documents define."""
        form = max(forms, key=lambda f: (forms[f], len(f)))
        definition = self._definitions.get(key(form))
        return definition[0] if definition else form

    def definitions(self):
        """Acronym definitions no entity took."""
        return [d for k, d in self._definitions.items() if k not in self._by_key]


def _bare(subject: str) -> str:
    words = subject.split()
    while words and words[0].lower() in english().leading_articles:
        words = words[1:]
    return " ".join(words).removesuffix("'s").removesuffix("’s")


def _property(statement: Statement, lemmas=()) -> dict:
    """The predicate's lemma as id and cue (with the other lemmas that state the same fact as cues
    too); a count, amount or share's id says so ("member-number"): it changes over time, so its
    claims carry a year, which a date's do not."""
    lemma, kind = statement.predicate, statement.value.type
    name = _slug(lemma) or "value"
    cues = sorted({f"{w}*" if " " not in w else w for w in (lemma, *lemmas) if w})
    return {"id": f"{name}-{kind}" if kind in _CHANGING else name, "cues": cues, "type": kind}


def _positions(statements: list[Statement], lexicon) -> list[list[Statement]]:
    """The statements by the value they give, the most widely stated value first."""
    positions: list[list[Statement]] = []
    for statement in statements:
        for members in positions:
            if all(agreement(m, statement, lexicon) == Agreement.AGREE for m in members):
                members.append(statement)
                break
        else:
            positions.append([statement])
    positions.sort(key=lambda members: -len({s.source for s in members}))
    return positions


def _claim(entity: dict, prop: dict, positions, documents, issued, places: dict) -> dict | None:
    main = positions[0]
    first = main[0]
    kind = first.value.type
    if kind not in _TYPES:
        return None
    value = _value(first, kind, places)
    if value is None:
        return None
    sources = {s.source for s in main}
    claim = {"id": f"{entity['id']}.{prop['id']}", "statement": _sentence(documents, first),
             "subject": entity["id"], "property": prop["id"], "type": kind, "value": value}
    if kind in _CHANGING:
        when = as_of(first, issued)
        if when is None:
            return None  # a count with no year: as of when, a human must say
        claim["as_of"] = int(when)
    if first.value.approximate:
        claim["approximate"] = True
    claim["evidence"] = _quotes(main, documents)
    disputed = [q for members in positions[1:] for q in _quotes(members, documents)]
    if disputed:
        for quote in disputed:
            quote["note"] = f"{_REVIEW}: {quote['source']} gives another value than {', '.join(sorted(sources))}"
        claim["disputed_by"] = disputed
    claim["note"] = f"{_REVIEW}: proposed from {len({s.source for m in positions for s in m})} sources"
    return claim


def _value(statement: Statement, kind: str, places: dict):
    value = statement.value
    if kind == "year":
        return int(values.as_type(value, "year").canonical)
    if kind == "place":
        place = gazetteer.lookup(value.canonical)
        name = place.name if place is not None else value.canonical
        place_id = _slug(name)
        if not place_id:
            return None
        places.setdefault(place_id, {"id": place_id, "name": name,
                                     "kind": place.kind if place is not None and place.kind != "continent" else "place",
                                     **({"aliases": [value.canonical]} if name != value.canonical else {})})
        return place_id
    return value.canonical


def _quotes(statements: list[Statement], documents) -> list[dict]:
    quotes, seen = [], set()
    for statement in statements:
        if (statement.source, statement.passage) in seen:
            continue
        seen.add((statement.source, statement.passage))
        quotes.append({"source": statement.source, "quote": _window(documents, statement)})
    return quotes


def _sentence(documents, statement: Statement) -> str:
    return " ".join(documents[statement.source].passages[statement.passage].text.split())[:300]


def _window(documents, statement: Statement) -> str:
    """The passage around the value, cut at word boundaries, as the document writes it (normalised)."""
    text = documents[statement.source].passages[statement.passage].text
    if len(text) <= _QUOTE_WIDTH:
        return text.strip()
    middle = (statement.value.start + statement.value.end) // 2
    start = max(0, min(middle - _QUOTE_WIDTH // 2, len(text) - _QUOTE_WIDTH))
    end = min(len(text), start + _QUOTE_WIDTH)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > statement.value.end else end
    return text[start:end].strip()


def _stated(positions) -> list[str]:
    return [f"{members[0].value.canonical} in {', '.join(sorted({s.source for s in members}))}" for members in positions]


def _unique_ids(claims: list[dict]) -> None:
    seen: Counter = Counter()
    for claim in claims:
        base = claim["id"]
        seen[base] += 1
        if seen[base] > 1:
            claim["id"] = f"{base}.{claim.get('as_of', seen[base])}" if "as_of" in claim else f"{base}.{seen[base]}"
    taken: Counter = Counter(c["id"] for c in claims)
    for claim in claims:  # two claims of one year
        if taken[claim["id"]] > 1:
            taken[claim["id"]] -= 1
            claim["id"] = f"{claim['id']}-{taken[claim['id']] + 1}"
