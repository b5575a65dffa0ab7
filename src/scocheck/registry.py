"""The claim registry: vocabulary (entities, places, properties) and claims.

Everything subject-specific lives in the registry's YAML, never in code; see
docs/registry.md for the schema. Loading validates the whole registry and
raises InputError naming the file and line of the first problem.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import values
from .errors import InputError
from .files import files_in
from .values import Value
from .yamlfile import LineDict, load_yaml

TYPES = ("year", "date", "number", "money", "percent", "place", "entity", "entity-set", "text")
NUMERIC_TYPES = frozenset({"year", "date", "number", "money", "percent"})
PLACE_KINDS = frozenset({"place", "city", "country", "region", "capital", "province", "town"})
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_SECTIONS = ("entities", "places", "properties", "modality", "claims")


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    part_of: tuple[str, ...] = ()  # ids of larger places or bodies this one lies within

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass(frozen=True)
class Property:
    id: str
    cues: tuple[str, ...]
    time_varying: bool = False
    type: str | None = None  # the type of its values, when no claim says (for reading unregistered facts)


@dataclass(frozen=True)
class Quote:
    source: str
    quote: str
    note: str | None
    file: str  # registry file and line, for messages
    line: int | None


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    subject: str
    property: str
    type: str
    value: Value
    evidence: tuple[Quote, ...]
    disputed_by: tuple[Quote, ...] = ()
    as_of: Value | None = None
    approximate: bool = False
    tolerance: float | None = None
    note: str | None = None
    file: str = ""
    line: int | None = None
    plan: bool = False  # the claim records a plan, expectation or proposal, not what happened
    object: str | None = None  # the entity the subject acted on ("joined" the Harbour League), if any

    def as_json(self) -> dict:
        data = {
            "id": self.id,
            "statement": self.statement,
            "subject": self.subject,
            "property": self.property,
            "type": self.type,
            "value": self.value.canonical,
            "evidence": [{"source": q.source, "quote": q.quote} for q in self.evidence],
            "disputed_by": [{"source": q.source, "quote": q.quote, "note": q.note} for q in self.disputed_by],
        }
        if self.as_of is not None:
            data["as_of"] = self.as_of.canonical
        if self.plan:
            data["plan"] = True
        if self.object is not None:
            data["object"] = self.object
        return data


@dataclass(frozen=True)
class Registry:
    entities: dict[str, Entity]
    properties: dict[str, Property]
    claims: tuple[Claim, ...]
    modality: tuple[str, ...] = ()  # words that make a statement a plan or expectation

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    @cached_property
    def by_name(self) -> dict[str, Entity]:
        """Entities by their canonical name (the form values take)."""
        return {e.name: e for e in self.entities.values()}

    @cached_property
    def places(self):
        """Its places, with the gazetteer's where it says nothing (places.Places)."""
        from .places import Places

        return Places(self)

    def within(self, inner_name: str, outer_name: str) -> bool:
        """Is the entity named inner_name part of the one named outer_name (directly or not)?"""
        inner, outer = self.by_name.get(inner_name), self.by_name.get(outer_name)
        if inner is None or outer is None:
            return False
        seen, todo = set(), list(inner.part_of)
        while todo:
            current = todo.pop()
            if current == outer.id:
                return True
            if current not in seen and current in self.entities:
                seen.add(current)
                todo.extend(self.entities[current].part_of)
        return False


def load_registry(claims_dir: Path, source_ids: set[str] | None = None) -> Registry:
    """Read and validate every claims/*.yaml. source_ids, when given, must cover every quote's source."""
    if not claims_dir.is_dir():
        raise InputError(claims_dir, "claims folder not found")
    sections: dict[str, list[tuple[Path, object]]] = {name: [] for name in _SECTIONS}
    for path in files_in(claims_dir, ".yaml"):
        for name, items in _sections(path, load_yaml(path)).items():
            sections[name].extend((path, item) for item in items)

    entities: dict[str, Entity] = {}
    for section in ("entities", "places"):
        for path, item in sections[section]:
            entity = _entity(path, item, default_kind="place" if section == "places" else "thing")
            if entity.id in entities:
                raise InputError(path, f"duplicate entity id '{entity.id}'", _line(item))
            entities[entity.id] = entity
    _check_aliases(entities, sections)
    for entity in entities.values():
        unknown = [p for p in entity.part_of if p not in entities]
        if unknown:
            path, item = _find_item(sections, entity.id)
            raise InputError(path, f"entity '{entity.id}': part_of names unknown entity '{unknown[0]}'", _line(item))

    properties: dict[str, Property] = {}
    for path, item in sections["properties"]:
        prop = _property(path, item)
        if prop.id in properties:
            raise InputError(path, f"duplicate property id '{prop.id}'", _line(item))
        properties[prop.id] = prop

    claims: list[Claim] = []
    seen: set[str] = set()
    for path, item in sections["claims"]:
        claim = _claim(path, item, entities, properties, source_ids)
        if claim.id in seen:
            raise InputError(path, f"duplicate claim id '{claim.id}'", _line(item))
        seen.add(claim.id)
        claims.append(claim)
    modality = []
    for path, item in sections["modality"]:
        if not isinstance(item, str) or not item.strip():
            raise InputError(path, f"modality entries must be words or phrases, found {item!r}")
        modality.append(item.strip())
    return Registry(entities, properties, tuple(claims), tuple(modality))


def _sections(path: Path, data: object) -> dict[str, list]:
    if data is None:
        return {}
    if isinstance(data, list):
        return {"claims": data}
    if not isinstance(data, dict):
        raise InputError(path, "must be a list of claims or a mapping with entities, places, properties or claims")
    unknown = [key for key in data if key not in _SECTIONS]
    if unknown:
        raise InputError(path, f"unknown section '{unknown[0]}' (expected one of: {', '.join(_SECTIONS)})", _line(data))
    result = {}
    for key, items in data.items():
        if items is None:
            continue
        if not isinstance(items, list):
            raise InputError(path, f"'{key}' must be a list", _line(data))
        result[key] = items
    return result


def _entity(path: Path, item: object, default_kind: str) -> Entity:
    data = _mapping(path, item, "an entity")
    entity_id = _id(path, data, "entity")
    name = data.get("name", entity_id)
    if not isinstance(name, str) or not name.strip():
        raise InputError(path, f"entity '{entity_id}': name must be text", _line(data))
    kind = data.get("kind", default_kind)
    aliases = _strings(path, data, "aliases", f"entity '{entity_id}'")
    part_of = _strings(path, data, "part_of", f"entity '{entity_id}'")
    return Entity(entity_id, name.strip(), str(kind).strip().lower(), tuple(a.strip() for a in aliases),
                  tuple(p.strip() for p in part_of))


def _check_aliases(entities: dict[str, Entity], sections: dict) -> None:
    owner: dict[str, str] = {}
    for entity in entities.values():
        for name in entity.names:
            key = alias_key(name)
            other = owner.setdefault(key, entity.id)
            if other != entity.id:
                path, item = _find_item(sections, entity.id)
                raise InputError(path, f"alias '{name}' belongs to both '{other}' and '{entity.id}'", _line(item))


def _find_item(sections: dict, entity_id: str) -> tuple[Path | None, object]:
    for section in ("entities", "places"):
        for path, item in sections[section]:
            if isinstance(item, dict) and item.get("id") == entity_id:
                return path, item
    return None, None


def alias_key(name: str) -> str:
    """How names are compared: acronyms keep their case, other names ignore case and punctuation."""
    folded = " ".join(re.findall(r"[^\W_]+", name))
    return folded if is_acronym(name) else folded.lower()


def is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and " " not in name.strip()


def _property(path: Path, item: object) -> Property:
    data = _mapping(path, item, "a property")
    prop_id = _id(path, data, "property")
    cues = _strings(path, data, "cues", f"property '{prop_id}'")
    if not cues:
        raise InputError(path, f"property '{prop_id}' needs at least one cue word", _line(data))
    time_varying = data.get("time_varying", False)
    if not isinstance(time_varying, bool):
        raise InputError(path, f"property '{prop_id}': time_varying must be true or false", _line(data))
    kind = data.get("type")
    if kind is not None and kind not in TYPES:
        raise InputError(path, f"property '{prop_id}': unknown type '{kind}' (expected one of: {', '.join(TYPES)})",
                         _line(data))
    return Property(prop_id, tuple(c.strip() for c in cues), time_varying, kind)


def _claim(
    path: Path,
    item: object,
    entities: dict[str, Entity],
    properties: dict[str, Property],
    source_ids: set[str] | None,
) -> Claim:
    data = _mapping(path, item, "a claim")
    claim_id = _id(path, data, "claim")
    line = _line(data)
    where = f"claim '{claim_id}'"
    for key in ("statement", "subject", "property", "type", "value", "evidence"):
        if data.get(key) in (None, "", []):
            raise InputError(path, f"{where} has no {key}", line)
    statement = data["statement"]
    if not isinstance(statement, str):
        raise InputError(path, f"{where}: statement must be text", line)
    subject, prop_id, kind = str(data["subject"]), str(data["property"]), str(data["type"])
    if subject not in entities:
        raise InputError(path, f"{where}: unknown subject '{subject}' (not an entity in the registry)", line)
    if prop_id not in properties:
        raise InputError(path, f"{where}: unknown property '{prop_id}' (not a property in the registry)", line)
    if kind not in TYPES:
        raise InputError(path, f"{where}: unknown type '{kind}' (expected one of: {', '.join(TYPES)})", line)
    value = _value(path, line, where, kind, data["value"], entities)
    as_of = None
    if data.get("as_of") is not None:
        try:
            as_of = values.parse("date", _scalar(data["as_of"]))
        except ValueError as error:
            raise InputError(path, f"{where}: as_of: {error}", line) from None
    elif properties[prop_id].time_varying:
        raise InputError(path, f"{where}: property '{prop_id}' varies over time, so the claim needs as_of", line)
    approximate = data.get("approximate", False)
    if not isinstance(approximate, bool):
        raise InputError(path, f"{where}: approximate must be true or false", line)
    plan = data.get("plan", False)
    if not isinstance(plan, bool):
        raise InputError(path, f"{where}: plan must be true or false", line)
    tolerance = data.get("tolerance")
    if tolerance is not None and (not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1):
        raise InputError(path, f"{where}: tolerance must be a number from 0 to 1", line)
    thing = data.get("object")
    if thing is not None and _entity_named(str(thing), entities) is None:
        raise InputError(path, f"{where}: unknown object '{thing}' (not an entity in the registry)", line)
    evidence = _quotes(path, data, "evidence", where, source_ids)
    disputed = _quotes(path, data, "disputed_by", where, source_ids)
    note = data.get("note")
    return Claim(
        claim_id, statement.strip(), subject, prop_id, kind, value, evidence, disputed,
        as_of, approximate, tolerance, str(note) if note is not None else None, str(path), line, plan,
        _entity_named(str(thing), entities).id if thing is not None else None,
    )


def _value(path: Path, line: int | None, where: str, kind: str, raw: object, entities: dict[str, Entity]) -> Value:
    if kind in NUMERIC_TYPES:
        try:
            return values.parse(kind, _scalar(raw))
        except ValueError as error:
            raise InputError(path, f"{where}: value {raw!r} is not a valid {kind}: {error}", line) from None
    if kind in ("place", "entity"):
        entity = _entity_named(raw, entities)
        if entity is None:
            raise InputError(path, f"{where}: value {raw!r} is not an entity in the registry", line)
        if kind == "place" and not entity.is_place:
            raise InputError(path, f"{where}: value {raw!r} is a {entity.kind}, not a place", line)
        return Value(kind, entity.name, 0, 0)
    if kind == "entity-set":
        if not isinstance(raw, list) or not raw:
            raise InputError(path, f"{where}: an entity-set value must be a list of entities", line)
        members = []
        for name in raw:
            entity = _entity_named(name, entities)
            if entity is None:
                raise InputError(path, f"{where}: {name!r} in the value is not an entity in the registry", line)
            members.append(entity.name)
        return entity_set(members)
    if not isinstance(raw, (str, int, float)):
        raise InputError(path, f"{where}: a text value must be text", line)
    return Value("text", str(raw).strip(), 0, 0)


def entity_set(names) -> Value:
    return Value("entity-set", ", ".join(sorted(set(names))), 0, 0)


def _entity_named(raw: object, entities: dict[str, Entity]) -> Entity | None:
    if not isinstance(raw, str):
        return None
    if raw in entities:
        return entities[raw]
    key = alias_key(raw)
    return next((e for e in entities.values() if any(alias_key(n) == key for n in e.names)), None)


def _quotes(path: Path, data: dict, key: str, where: str, source_ids: set[str] | None) -> tuple[Quote, ...]:
    items = data.get(key) or []
    if not isinstance(items, list):
        raise InputError(path, f"{where}: {key} must be a list of passages", _line(data))
    quotes = []
    for item in items:
        entry = _mapping(path, item, f"an entry of {key}")
        line = _line(entry) or _line(data)
        source, quote = entry.get("source"), entry.get("quote")
        if not isinstance(source, str) or not source:
            raise InputError(path, f"{where}: {key} entry has no source", line)
        if not isinstance(quote, str) or not quote.strip():
            raise InputError(path, f"{where}: {key} entry has no quote", line)
        if source_ids is not None and source not in source_ids:
            raise InputError(path, f"{where}: unknown source id '{source}' (not in sources.yaml)", line)
        note = entry.get("note")
        quotes.append(Quote(source, quote.strip(), str(note) if note is not None else None, str(path), line))
    return tuple(quotes)


def _scalar(raw: object) -> object:
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.isoformat()[:10]
    return raw


def _mapping(path: Path, item: object, what: str) -> dict:
    if not isinstance(item, dict):
        raise InputError(path, f"expected {what} (a mapping), found {type(item).__name__}", _line(item))
    return item


def _id(path: Path, data: dict, what: str) -> str:
    value = data.get("id")
    if not isinstance(value, str) or not _ID.match(value):
        raise InputError(path, f"{what} id {value!r} must match [a-z0-9._-]+", _line(data))
    return value


def _strings(path: Path, data: dict, key: str, where: str) -> list[str]:
    items = data.get(key) or []
    if isinstance(items, str):
        items = [items]
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise InputError(path, f"{where}: {key} must be a list of words or phrases", _line(data))
    return items


def _line(item: object) -> int | None:
    return item.line if isinstance(item, LineDict) else None
