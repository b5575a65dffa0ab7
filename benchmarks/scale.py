"""Make a project N times the size of a given one, for measuring how costs grow.

Copy k of every document gets its own id and its own vocabulary: every word
that is not part of a value, a cue word or a modality word gets a suffix
("Tashkent" -> "Tashkentqb"), and the registry's entities, aliases and
quotes are copied through the same transformation. So each copy behaves like
a new set of documents about new things with the same structure, the way a
larger real corpus would, instead of N duplicates of one text.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from scocheck import values
from scocheck.mentions import referencing_spans
from scocheck.project import open_project

# a word, or a hyphenated compound (possibly broken across lines), renamed as one
_WORD = re.compile(r"[^\W\d_]+(?:-[ \t]{0,4}(?:\r?\n[ \t]{0,4}){0,2}[^\W\d_]+)*")


def suffix(copy: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    first, second = divmod(copy, len(letters))
    return "q" + letters[first % len(letters)] + letters[second]


def transform(text: str, copy: int, keep: frozenset[str]) -> str:
    """Rename the words of text for copy `copy`, leaving values and kept words alone."""
    if copy == 0:
        return text
    protected = [(v.start, v.end) for v in values.extract(text)] + referencing_spans(text)
    tag = suffix(copy)

    def rename(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in keep or _is_function_word(word) or any(s <= match.start() < e for s, e in protected):
            return word
        return word + (tag.upper() if word.isupper() else tag)

    return _WORD.sub(rename, text)


_CONNECTIVES = frozenset({"between", "including", "among", "through", "together", "about", "around", "which", "where"})


def _is_function_word(word: str) -> bool:
    """Grammar, not content: short lower-case words ("and", "of", "the") and a few connectives stay."""
    return word.islower() and (len(word) <= 4 or word in _CONNECTIVES)


def make_project(source: Path, target: Path, copies: int) -> Path:
    """Write a project `copies` times the size of `source` into `target`; returns target."""
    project = open_project(start=source)
    registry = project.registry
    def words_of(phrases):
        return {w.lower() for phrase in phrases for w in re.findall(r"[^\W\d_]+", phrase)}

    names = words_of(n for e in registry.entities.values() for n in e.names)
    keep = frozenset(words_of([*[c for p in registry.properties.values() for c in p.cues], *registry.modality]) - names)
    if target.exists():
        shutil.rmtree(target)
    (target / "corpus").mkdir(parents=True)
    (target / "claims").mkdir()

    sources, entities, claims = [], [], []
    raw_claims = _raw_claims(project.config.claims)
    raw_entities = _raw_entities(project.config.claims)
    for copy in range(copies):
        tag = "" if copy == 0 else "-" + suffix(copy)
        for source in project.sources.values():
            text = source.path.read_text(encoding="utf-8")
            name = f"{Path(source.file).stem}{tag}.txt"
            (target / "corpus" / name).write_text(transform(text, copy, keep), encoding="utf-8")
            entry = json.loads(json.dumps(source.csl, default=str)) | {"id": source.id + tag, "file": name}
            sources.append(entry)
        for entity in raw_entities:
            name = entity.get("name", entity["id"])
            copied_name = transform(name, copy, keep)
            aliases = [transform(a, copy, keep) for a in entity.get("aliases") or []]
            entities.append(entity | {
                "id": entity["id"] + tag,
                # names made only of grammar words ("gas deal") stay as they were: the original keeps them
                "name": copied_name if copied_name != name or copy == 0 else f"{name} {suffix(copy)}",
                "aliases": [a for a, original in zip(aliases, entity.get("aliases") or []) if a != original or copy == 0],
                "part_of": [p + tag for p in entity.get("part_of") or []],
            })
        for claim in raw_claims:
            claims.append(_copy_claim(claim, copy, tag, keep, registry))
    (target / "corpus" / "sources.yaml").write_text(yaml.safe_dump(sources, sort_keys=False, allow_unicode=True), encoding="utf-8")
    vocabulary = {
        "entities": entities,
        "properties": [{"id": p.id, "cues": list(p.cues), "time_varying": p.time_varying} for p in registry.properties.values()],
        "modality": list(registry.modality),
    }
    (target / "claims" / "vocabulary.yaml").write_text(yaml.safe_dump(vocabulary, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (target / "claims" / "claims.yaml").write_text(yaml.safe_dump(claims, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def _copy_claim(claim: dict, copy: int, tag: str, keep: frozenset[str], registry) -> dict:
    copied = dict(claim) | {"id": claim["id"] + tag, "subject": claim["subject"] + tag}
    if claim["type"] in ("place", "entity"):
        copied["value"] = _entity_id(claim["value"], registry) + tag
    elif claim["type"] == "entity-set":
        copied["value"] = [_entity_id(v, registry) + tag for v in claim["value"]]
    for key in ("evidence", "disputed_by"):
        copied[key] = [q | {"source": q["source"] + tag, "quote": transform(q["quote"], copy, keep)}
                       for q in claim.get(key) or []]
    return copied


def _entity_id(name: str, registry) -> str:
    from scocheck.registry import alias_key

    if name in registry.entities:
        return name
    key = alias_key(name)
    return next(e.id for e in registry.entities.values() if any(alias_key(n) == key for n in e.names))


def _raw_claims(claims_dir: Path) -> list[dict]:
    found = []
    for path in sorted(claims_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.extend(data if isinstance(data, list) else (data or {}).get("claims") or [])
    return [_plain(c) for c in found]


def _raw_entities(claims_dir: Path) -> list[dict]:
    found = []
    for path in sorted(claims_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            found.extend(e | {"kind": e.get("kind", "thing")} for e in data.get("entities") or [])
            found.extend(e | {"kind": e.get("kind", "place")} for e in data.get("places") or [])
    return found


def _plain(claim: dict) -> dict:
    """Dates as ISO strings, so the copy's YAML reads back as it was written."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in claim.items()}
