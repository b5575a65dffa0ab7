"""Places: the registry's first, then the gazetteer's (gazetteer.py), and how two of them compare.

A registered place is known by every one of its names; where the gazetteer knows one of them too,
it also knows the country, region and continent the place lies in. A registered place the gazetteer
does not know (a province, a district) lies where its registered `part_of` says, as far as the
gazetteer knows the place it is part of: "Xinjiang", part of China, is not in Kenya, but whether it
holds a Chinese city the gazetteer cannot say. The registry's `part_of` comes before the gazetteer.

How two places compare (`Places.agreement`):

- one name, one registered place, or one within the other: agree;
- the gazetteer's rules (gazetteer.agreement) where it knows both;
- two registered places of one kind, or one whose `part_of` says where it lies: disagree;
- else (a name neither knows): not comparable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import gazetteer
from .reading.lexicon import english
from .reading.linking import key
from .registry import Entity, Registry
from .verdicts import Agreement


# the gazetteer's kind a registered kind must be to be the gazetteer's place of that name: a region
# or province is not the city that shares its name ("place" takes any)
_KINDS = {"country": "country", "city": "city", "capital": "city", "town": "city", "region": "", "province": ""}


@dataclass(frozen=True)
class _Anchor:
    """Where the gazetteer puts a place: the place itself (exact), or the nearest place it is part of."""
    place: gazetteer.Place
    exact: bool


class Places:
    def __init__(self, registry: Registry):
        self.registry = registry

    @cached_property
    def _registered(self) -> dict[str, Entity]:
        return {key(name): e for e in self.registry.entities.values() if e.is_place for name in e.names}

    def named(self, name: str) -> Entity | None:
        """The registered place a name is one of the names of ("Alma-Ata" for Almaty), or None."""
        return self._registered.get(key(name))

    def known(self, name: str) -> bool:
        """The registry or the gazetteer knows a place of this name."""
        return self.named(name) is not None or gazetteer.lookup(name) is not None

    def canonical(self, name: str) -> str:
        """A place's name as values are written: the registered name, else the gazetteer's."""
        entity = self.named(name)
        if entity is not None:
            return entity.name
        place = gazetteer.lookup(name)
        return place.name if place is not None else name

    def within(self, inner: str, outer: str) -> bool:
        """The place named `inner` lies in the one named `outer`, by the registry's part_of or, where
        the registry does not say, by the gazetteer."""
        a, b = self.named(inner), self.named(outer)
        if a is not None and b is not None and self.registry.within(a.name, b.name):
            return True
        x, y = self._anchor(inner), self._anchor(outer)
        if x is None or y is None or not y.exact:
            return False
        if x.exact:
            return gazetteer.within(x.place, y.place)
        return x.place.id == y.place.id or gazetteer.within(x.place, y.place)  # "Xinjiang" in China

    def agreement(self, a: str, b: str) -> Agreement:
        """Whether two places as written agree as where something is or happened (the module text)."""
        if key(a) and key(a) == key(b):
            return Agreement.AGREE
        pa, pb = self.named(a), self.named(b)
        if pa is not None and pb is not None and pa.id == pb.id:
            return Agreement.AGREE
        if self.within(a, b) or self.within(b, a):
            return Agreement.AGREE
        x, y = self._anchor(a), self._anchor(b)
        if x is not None and y is not None:
            verdict = self._anchored(x, y)
            if verdict != Agreement.INCOMPARABLE:
                return verdict
        if pa is not None and pb is not None and (pa.kind == pb.kind or pa.part_of or pb.part_of):
            return Agreement.DISAGREE
        return Agreement.INCOMPARABLE

    @staticmethod
    def _anchored(x: _Anchor, y: _Anchor) -> Agreement:
        if x.exact and y.exact:
            return gazetteer.agreement(x.place, y.place)
        # a place known only by what it is part of disagrees with what lies in another country
        cx, cy = x.place.country, y.place.country
        return Agreement.DISAGREE if cx and cy and cx != cy else Agreement.INCOMPARABLE

    def _anchor(self, name: str) -> _Anchor | None:
        entity = self.named(name)
        if entity is None:
            place = gazetteer.lookup(name)
            return _Anchor(place, True) if place is not None else None
        return self._entity_anchor(entity.id)

    def _entity_anchor(self, entity_id: str, seen: frozenset[str] = frozenset()) -> _Anchor | None:
        entity = self.registry.entities[entity_id]
        for name in entity.names:
            place = gazetteer.lookup(name)
            if place is not None and _KINDS.get(entity.kind, place.kind) == place.kind:
                return _Anchor(place, not seen)
        for parent in entity.part_of:
            if parent in self.registry.entities and parent not in seen:
                found = self._entity_anchor(parent, seen | {entity_id})
                if found is not None:
                    return _Anchor(found.place, False)
        return None

    def find(self, text: str, after: frozenset[str], ignore=()) -> list[tuple[int, int, str]]:
        """Places the gazetteer knows that text names after one of the words `after` ("in Nairobi"),
        with their spans and names; the registry's own names are left to the registry's matcher."""
        small = english().function_words  # GeoNames has towns called "Of" and "Along"
        return [(start, end, place.name) for start, end, place in gazetteer.find(text, after, ignore)
                if self.named(text[start:end]) is None and text[start:end].lower() not in small]
