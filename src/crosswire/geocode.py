"""Geocoding: the gazetteer, the transliteration normaliser, place mentions and the event's place.

- :func:`normalise_toponym` folds the romanisations news uses for one Arabic name ("Deir ez-Zor",
  "Dayr al-Zawr", "Deir Ezzor") into one match key, by rules kept in ``data/translit.json``.
- :class:`Gazetteer` holds every gazetteer CSV (``data/gazetteer/*.csv`` plus the user's
  ``CROSSWIRE_DATA`` folders), indexed by match key and by consonant skeleton.
- :func:`find_place_mentions` finds places in text (capitalised n-grams against the index, plus
  spaCy entities passed in); :func:`resolve` picks one gazetteer row for an ambiguous name;
  :func:`locate_event` chooses THE location of one event and its ACLED ``geo_precision``.
- :func:`import_gazetteer` converts a GeoNames dump, an OCHA P-code table or a user CSV into the
  common schema (``GAZ_COLUMNS``) in a user data folder.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import io
import math
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from unidecode import unidecode
from wordfreq import zipf_frequency

from crosswire.errors import DataFileError, UsageError
from crosswire.models import Evidence, Mention, Place
from crosswire.settings import DATA_ENV, data_files, merged_json, user_data_dirs

#: the common gazetteer schema: every bundled or user gazetteer CSV has these columns
#: (only ``name``, ``latitude`` and ``longitude`` are required; ``alt_names`` is '|'-joined).
GAZ_COLUMNS: tuple[str, ...] = (
    "id", "name", "alt_names", "name_ar", "latitude", "longitude", "feature_class", "feature_code",
    "country", "admin1", "admin2", "admin3", "pcode", "population", "rank", "source",
)

#: where ``crosswire gazetteer import`` writes when no CROSSWIRE_DATA folder is set
DEFAULT_USER_DATA = Path.home() / ".local" / "share" / "crosswire"

_DATELINE_DASH = re.compile(r"^[\s,]*(?:,?\s*(?:Syria|SYRIA)\b)?[^\n.]{0,30}?[-\u2013\u2014:]")


# ---------------------------------------------------------------------------------------------
# Data files
# ---------------------------------------------------------------------------------------------


#: how many candidates() answers a gazetteer keeps
_MAX_ANSWERS = 200_000


@functools.cache
def _translit() -> dict[str, Any]:
    return merged_json("translit.json")


@functools.cache
def _cues() -> dict[str, Any]:
    return merged_json("place_cues.json")


# ---------------------------------------------------------------------------------------------
# Transliteration normaliser
# ---------------------------------------------------------------------------------------------


@functools.cache
def _regex_rules() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), r) for p, r in _translit().get("regex_replacements", [])]


@functools.lru_cache(maxsize=200_000)
def normalise_toponym(s: str) -> str:
    """Fold one spelling of a place name to its match key ("Deir ez-Zor" -> "dar zur").

    Rules (``data/translit.json``): ASCII-fold, drop apostrophes and hyphens, drop Arabic
    articles (al-, el-, as-, ash-, az- ...) and generic words (city, province), rewrite
    digraph spellings (ou->u, ee->i, ei/ay->e, dj->j, q->k ...), fold vowels to two classes,
    collapse doubled letters and drop a final -a/-ah/-eh. Two spellings with the same key are
    taken as the same name.
    """
    rules = _translit()
    t = unidecode(s).lower()
    for ch in rules["remove_chars"]:
        t = t.replace(ch, "")
    for ch in rules["space_chars"]:
        t = t.replace(ch, " ")
    tokens = t.split()
    drop = set(rules["drop_words"])
    kept = [w for w in tokens if w not in drop]
    tokens = kept or tokens
    articles = set(rules["articles"])
    if len(tokens) > 1:
        tokens = [w for i, w in enumerate(tokens) if not (w in articles and i < len(tokens) - 1)] or tokens
    glued = re.compile(rules["glued_article"])
    tokens = [w if i == 0 else glued.sub("", w) for i, w in enumerate(tokens)]
    vowels: dict[str, str] = rules["vowel_classes"]
    min_len = int(rules["min_final_strip_length"])
    out: list[str] = []
    for w in tokens:
        for pattern, repl in _regex_rules():
            w = pattern.sub(repl, w)
        for a, b in rules["replacements"]:
            w = w.replace(a, b)
        w = "".join(vowels.get(c, c) for c in w if c.isalnum())
        w = w.lower()
        w = re.sub(r"(.)\1+", r"\1", w)
        for suffix in rules["final_strip"]:
            if w.endswith(suffix) and len(w) - len(suffix) >= min_len:
                w = w[: -len(suffix)]
                break
        if w:
            out.append(w)
    return " ".join(out)


def toponym_skeleton(key: str) -> str:
    """The consonant skeleton of a match key ("talmanas" -> "tlmns"): the fuzzy-match bucket."""
    drop = _translit()["skeleton_drop"]
    sk = "".join(c for c in key if c not in drop and c != " ")
    return re.sub(r"(.)\1+", r"\1", sk)


@functools.cache
def _admin1_aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, aliases in _translit().get("admin1_canonical", {}).items():
        for a in [canonical, *aliases]:
            table[normalise_toponym(a)] = canonical
    return table


def canonical_admin1(name: str | None) -> str | None:
    """The one canonical English spelling of a first-level unit ("Idleb", "idlib" -> "Idlib").

    ``None`` for a name the alias table (``translit.json`` ``admin1_canonical``) does not know,
    e.g. another country's province: callers keep such names as given.
    """
    if not name:
        return None
    key = normalise_toponym(name)
    table = _admin1_aliases()
    if key in table:
        return table[key]
    for suffix in (" governorate", " province"):
        if name.lower().endswith(suffix):
            return table.get(normalise_toponym(name[: -len(suffix)]))
    return None


# ---------------------------------------------------------------------------------------------
# Gazetteer
# ---------------------------------------------------------------------------------------------

_LEVEL_IMPORTANCE = {
    "ADM1": 60.0, "PPLC": 100.0, "PPLG": 90.0, "PPLA": 80.0, "PPLA2": 60.0, "PPLA3": 45.0, "PPLA4": 35.0,
    "ADM2": 45.0, "ADM3": 35.0, "PPLX": 15.0,
}


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer row."""

    id: str
    name: str
    latitude: float
    longitude: float
    alt_names: tuple[str, ...] = ()
    name_ar: str = ""
    feature_class: str = "P"
    feature_code: str = "PPL"
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    pcode: str = ""
    population: int = 0
    rank: float = 0.0  # importance: higher wins an ambiguous name (derived when the file has none)
    source: str = ""

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A"

    @property
    def admin_level(self) -> int | None:
        """1, 2, 3 for an administrative unit (ADM1..ADM3), else None."""
        code = self.feature_code
        if self.feature_class == "A" and len(code) == 4 and code.startswith("ADM") and code[3].isdigit():
            return int(code[3])
        return None


ALIAS_MATCH = 95.0
#: the match of an alternate name that only folds to another place's own name (_own_name_first)
RIVAL_MATCH = 75.0
ISOLATED_KM = 150.0
#: a named part of a city ("the X district of Aleppo") lies this close to it
SUBDIVISION_KM = 15.0
PROXIMITY_BONUS = 60.0
#: how far after a place-less lede its place may be sought (about three sentences of news)
LEDE_FOLLOW_CHARS = 700
PROXIMITY_KM = 40.0
SEAT_KM = 25.0
FUZZY_WEIGHT = 0.9
#: "X east of Homs": X lies at most this far from the place it is given relative to (Palmyra is
#: some 150 km east of Homs) and on the side the phrase names, within this many degrees of it
#: ("east of" takes a bearing of 30 to 150 degrees)
RELATIVE_MAX_KM = 160.0
RELATIVE_MAX_DEGREES = 60.0
#: the compass bearing (degrees clockwise from north) each direction word names
_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}
#: after a place: up to three lower-case words of what it is ("gas field", "military airport"),
#: the distance and the direction, "of", then the place it is given relative to ("the central
#: city of Homs")
_RELATIVE = re.compile(
    r"['\u2019]?s?((?:\s+[a-z]+){0,3}?),?\s+(?:(?:about|some|around|nearly|almost)\s+)?"
    r"(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\s+(?:the\s+)?"
    r"(?:[a-z]+\s+)?(?:(?:city|town|village|capital)\s+of\s+)?"
)


def distance_km(a: GazEntry, b: GazEntry) -> float:
    """Great-circle distance between two entries."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(a: GazEntry, b: GazEntry) -> float:
    """The initial compass bearing from ``a`` to ``b``, degrees clockwise from north."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    y = math.sin(lo2 - lo1) * math.cos(la2)
    x = math.cos(la1) * math.sin(la2) - math.sin(la1) * math.cos(la2) * math.cos(lo2 - lo1)
    return math.degrees(math.atan2(y, x)) % 360.0


def _fits_relative(entry: GazEntry, anchor: GazEntry, direction: str) -> bool:
    """Can ``entry`` be the place a text puts ``direction`` of ``anchor`` ("the Shaar gas field
    east of Homs")? It must lie near enough, on that side."""
    d = distance_km(anchor, entry)
    if d > RELATIVE_MAX_KM:
        return False
    if d < 1.0:
        return True
    off = abs(bearing_deg(anchor, entry) - _BEARINGS[direction]) % 360.0
    return min(off, 360.0 - off) <= RELATIVE_MAX_DEGREES


def _within(place: GazEntry, unit: GazEntry) -> bool:
    """Whether a place lies in an administrative unit, by its admin names (else by distance)."""
    if unit.admin1 and place.admin1 and unit.admin1 != place.admin1:
        return False
    level = unit.admin_level
    if level == 1 or level is None:
        return True
    own = place.admin2 if level == 2 else place.admin3
    if not own:
        return distance_km(place, unit) < SEAT_KM
    return normalise_toponym(own) in {normalise_toponym(n) for n in (unit.name, *unit.alt_names)}


def _importance(row: dict[str, str], population: int) -> float:
    code = row.get("feature_code", "") or "PPL"
    score = _LEVEL_IMPORTANCE.get(code, 25.0 if row.get("feature_class", "P") == "P" else 20.0)
    if row.get("source", "").startswith("geonames") and code == "PPL":
        score = 45.0  # a GeoNames cities500 town is notable enough to be listed
    if population > 0 and row.get("feature_class", "P") != "A":
        score += min(20.0, 3.0 * math.log10(population))
    # A community named like its own sub-district / district is that unit's seat.
    key = normalise_toponym(row.get("name", ""))
    if row.get("feature_class", "P") == "P" and key:
        if key == normalise_toponym(row.get("admin2", "")):
            score += 25.0
        elif key == normalise_toponym(row.get("admin3", "")):
            score += 12.0
    return score


def _row_id(row: dict[str, str], stem: str) -> str:
    raw = f"{row.get('name', '')}|{row.get('latitude', '')}|{row.get('longitude', '')}"
    return f"{stem}:{hashlib.sha1(raw.encode()).hexdigest()[:12]}"


def gazetteer_files() -> list[Path]:
    """Every gazetteer CSV: bundled, then each CROSSWIRE_DATA folder, then the default user folder."""
    files = data_files("gazetteer")
    home = DEFAULT_USER_DATA / "gazetteer"
    if home.is_dir() and DEFAULT_USER_DATA not in user_data_dirs():
        files.extend(sorted(home.glob("*.csv")))
    return files


def read_gazetteer_csv(path: Path) -> list[dict[str, str]]:
    """Rows of one gazetteer CSV in the common schema; a malformed file raises DataFileError (CW303)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read gazetteer file: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    cols = set(reader.fieldnames or [])
    if "name" not in cols or not ({"latitude", "longitude"} <= cols or "id" in cols):
        raise DataFileError(
            f"{path}: not a crosswire gazetteer CSV (needs columns name, latitude, longitude; "
            f"found {sorted(cols)})"
        )
    rows = []
    for i, r in enumerate(reader, start=2):
        if None in r:
            raise DataFileError(f"{path}:{i}: more fields than the header has")
        rows.append({k: (v or "").strip() for k, v in r.items() if k})
    return rows


def _spelling(name: str) -> str:
    """A name as spelt, up to what spelling does not tell apart: case, diacritics, apostrophes
    and hyphens, a leading Arabic article and a final -h ("al-Tabaqah" and "Tabaqa" are one
    spelling; "Adraa" and "Adra" are two, though :func:`normalise_toponym` folds them together)."""
    t = re.sub(r"['`\u2018\u2019]", "", unidecode(name).lower()).replace("-", " ")
    words = t.split()
    articles = _translit()["articles"]
    while len(words) > 1 and words[0] in articles:
        words = words[1:]
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("h") else w for w in words)


def _own_name_first(name: str, found: list[tuple[GazEntry, float]]) -> list[tuple[GazEntry, float]]:
    """Demote the far places whose alternate names only the normaliser makes ``name`` when a
    place is spelt ``name`` as its own name: they count as near matches (:data:`RIVAL_MATCH`).

    GeoNames lists historic and foreign names: Dar'a's include "Adraa" (ancient Edrei), which
    folds to the key of the town Adra in Rif Dimashq, and an important city's alternate name
    would outrank the place the text spells exactly. Demoted, not dropped: a story that names
    the far place's governorate can still choose it. A place that lists the text's spelling
    itself ("Tabqa" for the city Al-Tabqa), and a duplicate row of the same place from another
    source (within :data:`SEAT_KM`), keep their match; so do all for a governorate's name (its
    spellings are the table ``admin1_canonical`` of translit.json, not the rows' names).
    """
    if canonical_admin1(name):
        return found
    spelt = _spelling(name)
    own = [e for e, s in found if s >= 100.0 and _spelling(e.name) == spelt]
    if not own:
        return found
    return [
        (e, RIVAL_MATCH)
        if s == ALIAS_MATCH
        and all(distance_km(e, o) > SEAT_KM for o in own)
        and not any(_spelling(n) == spelt for n in e.alt_names)
        else (e, s)
        for e, s in found
    ]


class Gazetteer:
    """Places from every gazetteer CSV, indexed by match key and consonant skeleton.

    Rows with the same ``id`` across files are merged in file order (bundled first, then the
    user's): a later non-empty field overrides, so a user file can correct or extend a row and
    a separately licensed file can add fields (Arabic names) to another file's rows.
    """

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, paths: Iterable[Path]) -> None:
        merged: dict[str, dict[str, str]] = {}
        self.files = [Path(p) for p in paths]
        for path in self.files:
            for row in read_gazetteer_csv(path):
                rid = row.get("id") or _row_id(row, path.stem)
                if rid in merged:
                    merged[rid].update({k: v for k, v in row.items() if v})
                else:
                    merged[rid] = dict(row)
        self.entries: list[GazEntry] = []
        self.skipped = 0
        for rid, row in merged.items():
            entry = self._entry(rid, row)
            if entry is None:
                self.skipped += 1
            else:
                self.entries.append(entry)
        self._keys: dict[str, list[int]] = {}
        self._skeletons: dict[str, set[str]] = {}
        self._primary: set[tuple[str, int]] = set()
        # candidates() answers, by (name, fuzzy, the transliteration rules in force)
        self._answers: dict[tuple[str, bool, int], tuple[tuple[GazEntry, float], ...]] = {}
        for i, e in enumerate(self.entries):
            self._primary.add((normalise_toponym(e.name), i))
            for n in (e.name, *e.alt_names):
                k = normalise_toponym(n)
                if len(k) < 2:
                    continue
                bucket = self._keys.setdefault(k, [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
        for canonical, aliases in _translit().get("admin1_canonical", {}).items():
            units = [i for i, e in enumerate(self.entries) if e.admin_level == 1 and e.admin1 == canonical]
            for a in aliases:
                bucket = self._keys.setdefault(normalise_toponym(a), [])
                bucket.extend(i for i in units if i not in bucket)
        self._promote_seats()
        self.by_id: dict[str, GazEntry] = {e.id: e for e in self.entries}
        for k in self._keys:
            sk = toponym_skeleton(k)
            if len(sk) >= 3:
                self._skeletons.setdefault(sk, set()).add(k)
        self._key_list = list(self._keys)
        self._admin1_entry: dict[str, GazEntry] = {}
        for e in self.entries:
            if e.admin_level == 1 and e.admin1:
                best = self._admin1_entry.get(e.admin1)
                if best is None or e.rank > best.rank:
                    self._admin1_entry[e.admin1] = e
        self.max_words = max((len(k.split()) for k in self._keys), default=1)

    def _promote_seats(self) -> None:
        """A town named like the unit it lies in is that unit's seat: the bare name means the town.

        ("Idlib", "Manbij", "Khan Shaykhun": the news names the town; "Idlib province" is read
        from the words around it by :func:`locate_event`.)
        """
        seats: dict[int, int] = {}
        for bucket in self._keys.values():
            units = [i for i in bucket if self.entries[i].is_admin]
            if not units:
                continue
            for i in bucket:
                e = self.entries[i]
                if e.is_admin:
                    continue
                inside = [u for u in units if _within(e, self.entries[u])]
                if inside:
                    top = max(self.entries[u].rank for u in inside)
                    if any(self.entries[u].admin_level == 1 for u in inside):
                        top = max(top, _LEVEL_IMPORTANCE["PPLC"] - 5.0)  # a governorate's capital
                    if e.rank <= top + 15.0:
                        # enough to win even when only an alternate name of the town matched
                        self.entries[i] = e = dataclasses.replace(e, rank=top + 20.0)
                    for u in inside:
                        if u not in seats or self.entries[seats[u]].rank < e.rank:
                            seats[u] = i
        # every spelling of a unit also finds its seat ("Khan Shaykhun" names the sub-district
        # in one file and the town is spelt "Khan Shaykun" in another)
        for bucket in self._keys.values():
            for u in [i for i in bucket if i in seats]:
                if seats[u] not in bucket:
                    bucket.append(seats[u])

    @staticmethod
    def _entry(rid: str, row: dict[str, str]) -> GazEntry | None:
        try:
            lat, lon = float(row.get("latitude", "")), float(row.get("longitude", ""))
        except ValueError:
            return None  # an overlay row whose base row is absent, or no coordinates
        if not row.get("name") or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        try:
            population = int(float(row.get("population") or 0))
        except ValueError:
            population = 0
        try:
            rank = float(row["rank"]) if row.get("rank") else _importance(row, population)
        except ValueError:
            rank = _importance(row, population)
        admin1 = row.get("admin1", "")
        return GazEntry(
            id=rid,
            name=row["name"],
            latitude=lat,
            longitude=lon,
            alt_names=tuple(a.strip() for a in row.get("alt_names", "").split("|") if a.strip()),
            name_ar=row.get("name_ar", ""),
            feature_class=row.get("feature_class", "") or "P",
            feature_code=row.get("feature_code", "")
            or ("ADM1" if row.get("feature_class") == "A" else "PPL"),
            country=row.get("country", ""),
            admin1=canonical_admin1(admin1) or admin1,
            admin2=row.get("admin2", ""),
            admin3=row.get("admin3", ""),
            pcode=row.get("pcode", ""),
            population=population,
            rank=rank,
            source=row.get("source", ""),
        )

    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer from :func:`gazetteer_files`, loaded once."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls(gazetteer_files())
            return cls._default

    @classmethod
    def reset_default(cls) -> None:
        """Forget the cached gazetteer (after importing a file, or changing CROSSWIRE_DATA)."""
        with cls._lock:
            cls._default = None
            _story_places.cache_clear()  # keyed by the gazetteer: let the old one go

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, name: str, fuzzy: bool = True) -> list[tuple[GazEntry, float]]:
        """Entries a name may denote, each with a match score (100 = same key), best first.

        Remembered per name: the text scan asks about the same capitalised words again and again.
        """
        memo_key = (name, fuzzy, id(_translit()))
        answer = self._answers.get(memo_key)
        if answer is None:
            if len(self._answers) >= _MAX_ANSWERS:
                self._answers.clear()  # a long run: start again rather than grow without end
            answer = self._answers[memo_key] = tuple(self._candidates(name, fuzzy))
        return list(answer)

    def _candidates(self, name: str, fuzzy: bool) -> list[tuple[GazEntry, float]]:
        key = normalise_toponym(name)
        if len(key) < 2:
            return []
        rules = _translit()
        # the text scan (fuzzy=False) asks for closer matches than a look-up of a known name
        threshold = float(rules["fuzzy_threshold"] if fuzzy else rules["scan_fuzzy_threshold"])
        # 100: the row's own name; ALIAS_MATCH: one of its alternate names (GeoNames lists exonyms
        # in many languages, which collide with other places' names); below: skeleton/fuzzy
        scored: dict[int, float] = {
            i: 100.0 if (key, i) in self._primary else ALIAS_MATCH for i in self._keys.get(key, ())
        }
        if not scored and len(key) >= int(rules["fuzzy_min_length"]):
            for k in self._skeletons.get(toponym_skeleton(key), ()):
                s = fuzz.ratio(key, k)
                if s >= threshold:
                    for i in self._keys[k]:
                        scored[i] = max(scored.get(i, 0.0), s * FUZZY_WEIGHT)
            if not scored and fuzzy:
                for k, s, _ in process.extract(key, self._key_list, scorer=fuzz.ratio, limit=5,
                                               score_cutoff=threshold + 4):
                    for i in self._keys[k]:
                        scored[i] = max(scored.get(i, 0.0), float(s) * FUZZY_WEIGHT)
        glued = key[:2] in ("al", "el") and len(key) >= int(rules["glued_article_min_length"])
        if not scored and fuzzy and glued:
            # "Alhasakeh", "elbab": an article written into the word
            return self.candidates(key[2:], fuzzy=True)
        out = _own_name_first(name, [(self.entries[i], s) for i, s in scored.items()])
        # a governorate's own name ("Daraa") is not another governorate's village by an alternate
        # spelling ("Darayya" lists "Daraa"): those namesakes are dropped
        provinces = {e.admin1 for e, s in out if e.admin_level == 1 and s >= ALIAS_MATCH and e.admin1}
        if provinces:
            out = [(e, s) for e, s in out if s >= 100.0 or e.admin1 in provinces]
        out.sort(key=lambda es: (-es[1], -es[0].rank))
        return out

    def lookup(self, name: str) -> list[GazEntry]:
        """Entries a name may denote (exact key match, else skeleton/fuzzy), most likely first."""
        return [e for e, _ in self.candidates(name)]

    def admin1_entry(self, admin1: str) -> GazEntry | None:
        """The first-level unit row (centroid, P-code) of a governorate/province name."""
        return self._admin1_entry.get(canonical_admin1(admin1) or admin1)


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------


def _score(entry: GazEntry, match: float, context: Sequence[GazEntry], country_hint: str | None) -> float:
    score = entry.rank + (match - 100.0) * 3.0
    if country_hint and entry.country and entry.country.upper() != country_hint.upper():
        score -= 200.0
    others = [c for c in context if c.id != entry.id]
    if not others:
        return score
    named_admin1 = {c.admin1 for c in others if c.admin_level == 1}
    if entry.admin1 and entry.admin1 in named_admin1:
        score += 40.0
    elif entry.admin1 and any(c.admin1 == entry.admin1 for c in others):
        score += 10.0
    points = [c for c in others if c.admin_level is None]
    if points:
        d = min(distance_km(entry, c) for c in points)
        # smooth, so that two namesakes a few km apart are told apart by importance, not distance
        score += PROXIMITY_BONUS * math.exp(-d / PROXIMITY_KM)
    return score


def resolve(
    mention_text: str,
    context_places: Sequence[GazEntry] = (),
    country_hint: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> GazEntry | None:
    """The gazetteer row a place name most likely denotes, or None.

    Many villages share a name: prefer an important place (governorate, city, district seat,
    population), one in a governorate the story names, one near the other places the story
    names, and one in ``country_hint`` (ISO code) when given.
    """
    gaz = gazetteer or Gazetteer.default()
    cands = gaz.candidates(mention_text)
    if not cands:
        return None
    return max(cands, key=lambda em: _score(em[0], em[1], context_places, country_hint))[0]


def governorate_of(text: str, context_places: Sequence[GazEntry] = ()) -> str | None:
    """The canonical first-level unit a place name (or governorate name) lies in."""
    direct = canonical_admin1(text)
    if direct:
        return direct
    entry = resolve(text, context_places)
    return entry.admin1 if entry and entry.admin1 else None


# ---------------------------------------------------------------------------------------------
# Finding place mentions in text
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_][\w'\u2019`\-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass
class _Span:
    start: int
    end: int
    text: str
    cands: list[tuple[GazEntry, float]]
    exact: bool
    from_ner: bool = False
    words: int = 1
    entry: GazEntry | None = field(default=None)


@functools.cache
def _not_places() -> frozenset[str]:
    cues = _cues()
    return frozenset(w.lower() for w in [*cues["not_places"], *cues.get("english_function_words", [])])


@functools.cache
def _article_words() -> frozenset[str]:
    rules = _translit()
    return frozenset(rules["articles"]) | frozenset(p.rstrip("-") for p in rules["article_prefixes"])


def _common_english(run: Sequence[tuple[int, int, str]], cands: Sequence[tuple[GazEntry, float]]) -> bool:
    """A capitalised common English word ("Joint", "Hit") or phrase ("Free Army") is taken as a village
    only if it is a big place."""
    limit = float(_cues()["common_word_zipf"])
    if max(e.rank for e, _ in cands) >= float(_cues()["common_word_min_rank"]):
        return False
    if len(run) <= 1:
        return all(_zipf(t.lower()) >= limit for _, _, t in run)
    articles = _article_words()
    if any(t.lower().split("-", 1)[0] in articles for _, _, t in run):
        return False  # "Ras al-Ain": an Arabic article makes the run a name, whatever its words mean
    # several words: is the phrase itself common English ("White House"), not each word ("Tal Afar")
    phrase = " ".join(t.lower() for _, _, t in run)
    return _zipf(phrase) >= float(_cues().get("common_phrase_zipf", limit))


def _called_a_settlement(text: str, start: int, end: int) -> bool:
    """Does the text call the word at ``start:end`` a town, city or village ("the town of Mare",
    "Mare city", "the village of Hope")? Then a capitalised common English word is a place name
    even when none of its candidates is a big place (cue list ``settlement_nouns``)."""
    patterns = _settlement_patterns()
    if patterns is None:
        return False
    before_rx, after_rx = patterns
    before = before_rx.search(text[max(0, start - 30) : start])
    # "the Bosnian town of Srebrenica": a word before "town of" describes the town, names none
    after = after_rx.match(text[end : end + 24])
    return bool(before or after)


@functools.cache
def _settlement_patterns() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """"the town of X" and "X city" (``settlement_nouns``), compiled once."""
    nouns = "|".join(re.escape(n) for n in _cues().get("settlement_nouns", []))
    if not nouns:
        return None
    return (
        re.compile(rf"\b(?:{nouns})\s+of\s+(?:the\s+)?$", re.I),
        re.compile(rf"\s+(?:{nouns})\b(?!\s+of\b)", re.I),
    )


@functools.lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    """How common a word is in English text (wordfreq's Zipf scale: 3 = once per million words)."""
    return float(zipf_frequency(word, "en"))


_NAME_PART = re.compile(r"[A-Z][a-zà-ÿ]+|[A-Z]{2,}")


def _inside_name(text: str, toks: Sequence[tuple[int, int, str]], i: int, j: int,
                 cands: Sequence[tuple[GazEntry, float]]) -> bool:
    """A small place's name right beside another capitalised name word is part of a person's or
    an organisation's name ("Bouthaina Shaaban", "Staffan de Mistura", "Asharq Al-Awsat")."""
    cues = _cues()
    if max(_score(e, m, (), None) for e, m in cands) >= float(cues["name_context_min_rank"]):
        return False
    not_places = _not_places()
    particles = set(cues["name_particles"])
    if _in_route_chain(text, toks[i][0]):
        return False  # "the Khan-Tuman-Ramuse highway": the neighbours are places too, not a name
    k = i - 1
    if k > 0 and toks[k][2].lower() in _article_words() and text[toks[k][1] : toks[i][0]] in (" ", "-"):
        k -= 1  # "Abdulaziz Al Saud": look past the article
    if k >= 0:
        s, e, t = toks[k]
        if text[e : toks[k + 1][0]] in (" ", "-"):
            if t in particles:
                return True
            if _NAME_PART.fullmatch(t) and t.lower() not in not_places and not _sentence_initial(text, s):
                return True
    if j < len(toks):
        s, e, t = toks[j]
        gap = text[toks[j - 1][1] : s]
        name_like = _NAME_PART.fullmatch(t) or _is_capitalised(t)
        if gap in (" ", "-") and name_like and t.lower() not in not_places:
            return True
        # "Wael al Halqi": an article then a capitalised word continues a name
        if gap == " " and t.lower() in _article_words() and j + 1 < len(toks):
            s2, _, t2 = toks[j + 1]
            if text[e:s2] in (" ", "-") and _NAME_PART.fullmatch(t2):
                return True
    return False


def _lower_name_part(tok: str) -> bool:
    """Could a lower-case word be the last part of a transliterated name ("ezzor" in "Deir
    ezzor")? Only a word that is no English word (below ``common_word_zipf``) and no article."""
    low = tok.lower()
    return (
        tok[:1].islower()
        and len(low) >= 3
        and low not in _article_words()
        and low not in _not_places()
        and _zipf(low) < float(_cues()["common_word_zipf"])
    )


def _is_capitalised(tok: str) -> bool:
    if tok[:1].isupper():
        return True
    head, _, rest = tok.partition("-")
    return bool(rest) and head.lower() in _article_words() and rest[:1].isupper()


@functools.lru_cache(maxsize=1)
def _route_pattern() -> re.Pattern[str]:
    nouns = sorted(_cues().get("route_nouns", []), key=len, reverse=True)
    if not nouns:
        return re.compile(r"(?!)")
    return re.compile(r"\s+(?:" + "|".join(re.escape(n) for n in nouns) + r")s?\b", re.I)


def _route_after(text: str, end: int) -> bool:
    """Does a route noun follow ("... highway", "... road")? Then a hyphenated run names its ends."""
    return bool(_route_pattern().match(text, end))


_CHAIN = re.compile(r"[\w'\u2019`\-]+")


def _in_route_chain(text: str, pos: int) -> bool:
    """Is ``pos`` inside a hyphenated chain of names that a route noun follows?"""
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "-'\u2019`"):
        pos -= 1
    m = _CHAIN.match(text, pos)
    return m is not None and "-" in m.group() and _route_after(text, m.end())


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        s, tok = m.start(), m.group()
        if "'" in tok or "\u2019" in tok:  # (most words have neither: no possessive to strip)
            pm = _POSSESSIVE.search(tok)
            if pm and pm.start() > 0:
                tok = tok[: pm.start()]
        if "-" not in tok:
            out.append((s, s + len(tok), tok))
            continue
        tok = tok.rstrip("-")
        e = s + len(tok)
        parts = tok.split("-")
        if len(parts) > 1 and all(p[:1].isupper() for p in parts) and _route_after(text, e):
            # "the Khan-Tuman-Ramuse highway", "the Aleppo-Damascus road": a chain of place names,
            # each its own token (the scan still joins "Khan-Tuman" across the hyphen)
            pos = s
            for p in parts:
                out.append((pos, pos + len(p), p))
                pos += len(p) + 1
        elif tok:
            out.append((s, e, tok))
    return out


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n:\"\u201c"


def _same_compound(text: str, entry: GazEntry) -> bool:
    """Is the compound name ``text`` ("Bab al Salama") a spelling of one of the entry's names?

    The head word must be the same and the rest the same name once an article written into it
    is dropped ("Bab Alsalameh"); the fuzzy score alone would let the shared head word carry a
    different name ("Wadi Barada" is not "Wadi Elbarakeh").
    """
    def parts(name: str) -> tuple[str, str]:
        head, _, rest = normalise_toponym(name).partition(" ")
        rest = rest.replace(" ", "")
        for art in ("al", "el"):
            if rest.startswith(art) and len(rest) > len(art) + 2:
                rest = rest[len(art) :]
        return head, normalise_toponym(rest) if rest else ""

    want = parts(text)
    return any(parts(n) == want for n in (entry.name, *entry.alt_names))


@functools.cache
def _compound_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in _cues().get("compound_heads", []))


@functools.cache
def _edge_words() -> frozenset[str]:
    """Words that stay outside a name of several words ("The Aleppo", "Idlib Province")."""
    return (frozenset(w.lower() for w in _cues().get("english_function_words", []))
            | frozenset(_translit()["drop_words"])) - _article_words()


def _compound_head(text: str, toks: Sequence[tuple[int, int, str]], i: int) -> int | None:
    """The index of a generic head word ("Bab", "Tal", "Jabal") opening a name that token i continues."""
    heads = _compound_heads()
    k = i - 1
    if k >= 0 and toks[k][2].lower() in _article_words() and text[toks[k][1] : toks[i][0]] in (" ", "-"):
        k -= 1  # "Bab al Salama": look past the article
    if k < 0 or toks[k][2].lower() not in heads or not toks[k][2][:1].isupper():
        return None
    return k if text[toks[k][1] : toks[k + 1][0]] in (" ", "-") else None


def _scan(text: str, gaz: Gazetteer) -> list[_Span]:
    toks = _tokens(text)
    lower_words = {t.lower() for _, _, t in toks if t[:1].islower()}
    not_places = _not_places()
    articles = _article_words()
    edge_words = _edge_words()
    spans: list[_Span] = []
    i = 0
    max_n = min(5, gaz.max_words + 1)
    # (_is_capitalised, asked only of a word that could be "al-Bab": most are plain lower case)
    capitalised = [t[:1].isupper() or ("-" in t and _is_capitalised(t)) for _, _, t in toks]
    # a lower-case word that is no English word may end a name of several words whose first word
    # is capitalised ("Deir ezzor", "Tal abyad"), when the whole run is one of a place's names
    tail = [not capitalised[k] and _lower_name_part(t) for k, (_, _, t) in enumerate(toks)]
    # joins[k]: token k+1 may continue a name that token k is in (one space or hyphen between,
    # and the next word capitalised, an article or such a lower-case name word: "Ras al-Ain",
    # "Deir ez-Zor")
    joins = [
        text[toks[k][1] : toks[k + 1][0]] in (" ", "-")
        and (capitalised[k + 1] or toks[k + 1][2].lower() in articles or tail[k + 1])
        for k in range(len(toks) - 1)
    ]
    while i < len(toks):
        if not capitalised[i]:
            i += 1
            continue
        found: _Span | None = None
        j_end = i
        # the longest run of adjacent tokens starting at i that matches, inner tokens may be articles
        longest = 1
        while longest < max_n and i + longest < len(toks) and joins[i + longest - 1]:
            longest += 1
        for n in range(longest, 0, -1):
            lower_tail = n > 1 and tail[i + n - 1]
            if not capitalised[i + n - 1] and not lower_tail:
                continue
            run = toks[i : i + n]
            s, e = run[0][0], run[-1][1]
            surface = text[s:e]
            if n > 1 and (run[0][2].lower() in edge_words or run[-1][2].lower() in edge_words):
                continue  # "The Aleppo", "Idlib Province": the cue word stays outside the name
            if n == 1:
                low = surface.lower()
                bare = low.split("-", 1)[1] if "-" in low and low.split("-", 1)[0] in articles else low
                if (low in not_places or low in lower_words or len(normalise_toponym(surface)) < 3
                        or (bare.endswith("s") and bare[:-1] in not_places)):
                    continue
            elif all(t.lower() in not_places or t.lower() in articles for _, _, t in run):
                continue
            cands = gaz.candidates(surface, fuzzy=False)
            if not cands or (lower_tail and cands[0][1] < ALIAS_MATCH):
                continue
            if (_common_english(run, cands) and not _called_a_settlement(text, s, e)) or _inside_name(
                text, toks, i, i + n, cands
            ):
                continue
            exact = cands[0][1] >= ALIAS_MATCH
            if n == 1 and not exact and _sentence_initial(text, s):
                continue
            found = _Span(s, e, surface, cands, exact, words=n)
            compound = _compound_head(text, toks, i)
            if compound is not None:
                # "Bab al-Salama", "Jabal al-Zawiya": the word is part of a longer Arabic name
                # (gate, hill, mountain ... of X) that the gazetteer lacks, not the place X itself
                whole = text[toks[compound][0] : e]
                whole_cands = [c for c in gaz.candidates(whole, fuzzy=True) if _same_compound(whole, c[0])]
                if not whole_cands:
                    found = None
                    break
                found = _Span(toks[compound][0], e, whole, whole_cands, False, words=i + n - compound)
            j_end = i + n
            break
        if found:
            spans.append(found)
            i = j_end
        else:
            i += 1
    return spans


def _overlaps(a: _Span | Mention, b: _Span | Mention) -> bool:
    return a.start < b.end and b.start < a.end


_INNER_POSSESSIVE = re.compile(r"['\u2019]s\s+(?=\S)")


def _inside_actor_name(s: _Span, actors: Sequence[Mention]) -> bool:
    """Is a place word part of an armed group's or a person's listed name ("Hayat" of "Hayat
    Tahrir al-Sham", "Hamza" of "Hamza Division", "Quds" of "Quds Force")? Then it names no place.

    Kept: a big place that opens the name ("Aleppo Military Council", "Damascus government"):
    an English name built on a city says where the group is, and the city is meant as a place;
    a name that is only the place ("Hmeimim" for the Russian base) is not inside a longer one.
    """
    for m in actors:
        if not (m.start <= s.start and s.end <= m.end and (s.end - s.start) < (m.end - m.start)):
            continue
        opens = re.fullmatch(r"(?:the\s+)?", m.text[: s.start - m.start], re.I) is not None
        big = max(e.rank for e, _ in s.cands) >= float(_cues()["name_context_min_rank"])
        return not (opens and big)
    return False


def _spans(text: str, base: int, ner: Sequence[Mention], gaz: Gazetteer,
           actors: Sequence[Mention] = ()) -> list[_Span]:
    cues = _cues()
    place_labels = set(cues["place_labels"])
    person_labels = set(cues["person_labels"])
    spans = [_Span(s.start + base, s.end + base, s.text, s.cands, s.exact, words=s.words)
             for s in _scan(text, gaz)]
    not_places = _not_places()
    extra: list[_Span] = []
    for m in ner:
        inner = _INNER_POSSESSIVE.search(m.text)
        if inner is not None:
            # "Aleppo's Ramuse" as one ORG is the model's error: the owner is the entity, what it
            # owns is judged on its own
            m = dataclasses.replace(m, end=m.start + inner.start(), text=m.text[: inner.start()])
        surface = re.sub(r"^(?:the|The)\s+", "", m.text)
        surface = _POSSESSIVE.sub("", surface).strip()
        if m.label in person_labels:
            # a place word inside a longer name ("Bashar al-Assad", "Jaish al-Izza") is part of
            # the name; a big place inside an organisation's name is still named ("Aleppo Media Center")
            min_rank = float(cues["name_context_min_rank"])
            # (only small places: the small English model calls "Tags Aleppo Syria" a PERSON)
            spans = [s for s in spans if not (
                m.start <= s.start and s.end <= m.end and (s.end - s.start) < (m.end - m.start)
                and max(e.rank for e, _ in s.cands) < min_rank)]
        if m.label not in place_labels or surface.lower() in not_places:
            continue
        if any(_overlaps(m, s) for s in spans):
            continue
        cands = gaz.candidates(surface, fuzzy=True)
        words = [(0, 0, w) for w in surface.split()]
        if cands and cands[0][1] < ALIAS_MATCH and len(normalise_toponym(surface)) < 6:
            continue  # a short name that only nearly matches ("Iraq", "Hass")
        if cands and _common_english(words, cands):
            continue  # a well-known foreign place or word the gazetteer only nearly has
        if cands:
            start = m.start + m.text.find(surface) if surface in m.text else m.start
            extra.append(_Span(start, start + len(surface), surface, cands, cands[0][1] >= ALIAS_MATCH,
                               from_ner=True))
    spans.extend(extra)
    spans = [s for s in spans if not _inside_actor_name(s, actors)]
    spans.sort(key=lambda s: s.start)
    # context-aware choice among same-name candidates: unambiguous mentions first
    anchors = [s.cands[0][0] for s in spans if len({e.id for e, _ in s.cands}) == 1]
    anchors += [s.cands[0][0] for s in spans if s.cands[0][0].admin_level == 1]
    # a name whose candidates are one town and its units anchors the other names, not itself
    # (its own units would otherwise win from being near it)
    towns = [s.cands[0][0] for s in spans if len({e.id for e, _ in s.cands}) > 1 and _one_place(s.cands)]
    province_after = set(cues["province_after"])
    for s in spans:
        # "in the Hassakeh province": the governorate itself is named, as an anchor for the rest
        nxt = re.match(r"\s+([A-Za-z]+)", text[s.end - base : s.end - base + 20])
        if nxt and nxt.group(1).lower() in province_after:
            top = max(s.cands, key=lambda em: _score(em[0], em[1], (), None))[0]
            unit = gaz.admin1_entry(top.admin1) if top.admin1 else None
            if unit is not None:
                anchors.append(unit)
    for s in spans:
        mine = {e.id for e, _ in s.cands}
        context = anchors + [e for e in towns if e.id not in mine]
        s.entry = max(s.cands, key=lambda em: _score(em[0], em[1], context, None))[0]
    return spans


def _one_place(cands: Sequence[tuple[GazEntry, float]]) -> bool:
    """Do a name's candidates all denote one place: the town and the units it is the seat of?

    ("Aleppo": the city, its district, its governorate) Such a name anchors the others.
    """
    top = cands[0][0]
    return all(
        e.id == top.id
        or distance_km(e, top) < SEAT_KM
        or (e.admin_level is not None and e.admin1 and e.admin1 == top.admin1)
        for e, _ in cands
    )


def find_place_mentions(text: str, base: int = 0, ner: Sequence[Mention] = (),
                        actors: Sequence[Mention] = ()) -> list[Mention]:
    """Places named in ``text``: ``Mention(label="GAZ", canonical=<gazetteer id>)``.

    Capitalised n-grams are matched against the gazetteer's precompiled key index (no spaCy
    needed); spaCy entities in ``ner`` (absolute offsets, like the result: ``base`` + local
    offset) add places the scan missed (GPE/LOC/FAC, fuzzy-matched) and veto place words
    inside longer person names. A NORP/PERSON/ORG label does not veto a place with the same
    span: the small English model calls "Aleppo" NORP and "Atmeh" PERSON. Actor mentions in
    ``actors`` (same offsets: :func:`crosswire.extract.actors.find_actor_mentions`) veto the
    place words inside the listed names of armed groups and people (:func:`_inside_actor_name`).
    """
    gaz = Gazetteer.default()
    return [
        Mention(start=s.start, end=s.end, text=s.text, label="GAZ", canonical=s.entry.id if s.entry else None)
        for s in _spans(text, base, ner, gaz, actors)
    ]


# ---------------------------------------------------------------------------------------------
# The event's place
# ---------------------------------------------------------------------------------------------


def _ends_with_phrase(left: str, phrases: Iterable[str]) -> str | None:
    low = re.sub(r"\s+", " ", left.lower()).rstrip()
    low = re.sub(r"\bthe$", "", low).rstrip()
    for p in sorted(phrases, key=len, reverse=True):
        if low.endswith(" " + p) or low == p:
            return p
    return None


def _without_designator(left: str) -> str:
    """``left`` without a trailing designator phrase ("near the northern town of" -> "near"),
    so that what comes before it decides the precision: "east of the central city of Homs" is
    near Homs (2), as "east of Homs" is, while "in the city of Homs" stays Homs itself.

    The phrase runs back from "<designator noun> of" to the nearest "the", at most four words
    before the noun ("the rebel-held northern Syrian town of")."""
    words = left.split()
    nouns = _cues()["designator_nouns"]
    if len(words) < 3 or words[-1].lower() != "of" or words[-2].lower() not in nouns:
        return left
    for i in range(len(words) - 3, max(-1, len(words) - 8), -1):
        if words[i].lower() == "the":
            return " ".join(words[:i])
    return left


_DIR_ADJ = r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?"


@dataclass(frozen=True)
class _Subdivision:
    """A named part of a place: "X district of <city>", "<city>'s X district", "in X, <city>"."""

    span: tuple[int, int]  # the whole phrase
    inner: tuple[int, int]  # the other name in it
    is_part: bool  # the mention names the part ("Aleppo's Ramuse region"), not the city


@functools.cache
def _subdivision_patterns() -> tuple[re.Pattern[str], ...]:
    """:func:`_subdivision_phrase`'s patterns, built from the place cues once: "X <noun> of",
    "in X,", "'s X <noun>", "X's" and "<noun>" (the subdivision nouns are a data list)."""
    nouns = "|".join(re.escape(n) for n in sorted(_cues()["subdivision_nouns"], key=len, reverse=True))
    word = r"(?:[A-Z][\w'\u2019-]*|al-[A-Z][\w'-]*|el-[A-Z][\w'-]*)"
    name = rf"{word}(?:\s+(?:{word}|al|el|ad|ash|as))*"
    return (
        re.compile(rf"({name})\s+(?:{nouns})\s+(?:in|of)\s+(?:the\s+)?(?:city\s+of\s+)?(?:{_DIR_ADJ})?$"),
        re.compile(rf"\b(?:in|at|on)\s+(?:the\s+)?({name}),\s+(?:in\s+)?$"),
        re.compile(rf"['\u2019]s?\s+(?:{_DIR_ADJ})?({name})\s+(?:{nouns})\b"),
        re.compile(rf"({name})['\u2019]s\s+(?:{_DIR_ADJ})?$"),
        re.compile(rf"\s+(?:{nouns})\b"),
    )


def _subdivision_phrase(story_text: str, m: Mention, lo: int) -> _Subdivision | None:
    """The subdivision phrase around a mention: "X district of <city>" / "<city>'s X district" /
    "in X, <city>" (the mention is the city), or "<city>'s X district" (the mention is X)."""
    part_of, in_comma, owned_part, owner_of, noun_after = _subdivision_patterns()
    left = story_text[lo : m.start]
    mm = part_of.search(left)
    if mm:
        return _Subdivision((lo + mm.start(1), m.end), (lo + mm.start(1), lo + mm.end(1)), False)
    mm = in_comma.search(left)
    if mm:
        return _Subdivision((lo + mm.start(1), m.end), (lo + mm.start(1), lo + mm.end(1)), False)
    right = story_text[m.end : m.end + 80]
    mm = owned_part.match(right)
    if mm:
        return _Subdivision((m.start, m.end + mm.end()), (m.end + mm.start(1), m.end + mm.end(1)), False)
    owner = owner_of.search(left)
    noun = noun_after.match(right)
    if owner and noun:
        return _Subdivision((lo + owner.start(1), m.end + noun.end()), (lo + owner.start(1), lo + owner.end(1)), True)
    return None


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    s = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    s = 0 if s < 0 else s + 1
    while s < len(text) and text[s].isspace():
        s += 1
    e = len(text)
    m = re.compile(r"[.!?](?:\s|$)|\n").search(text, pos)
    if m:
        e = m.start() + 1
    return s, e


@dataclass
class _Choice:
    mention: Mention
    entry: GazEntry
    precision: int
    admin_only: bool = False
    span: tuple[int, int] | None = None
    score: float = 0.0


def _own_precision(entry: GazEntry) -> int:
    """The precision of an event placed at ``entry`` itself: a district, or a named region
    (feature class L: "Eastern Ghouta", "Jabal al-Akrad"), is ACLED's 2; a town or a
    neighbourhood is 1."""
    return 2 if entry.admin_level in (2, 3) or entry.feature_class == "L" else 1


def _analyse(story_text: str, m: Mention, entry: GazEntry, floor: int, gaz: Gazetteer,
             context: Sequence[GazEntry]) -> _Choice:
    cues = _cues()
    lo = max(floor, m.start - 60)
    left = story_text[lo : m.start]
    right = story_text[m.end : m.end + 40]
    right_word = re.match(r"['\u2019]?s?\s*([A-Za-z]+)", right)
    next_word = right_word.group(1).lower() if right_word else ""
    if next_word in cues["province_after"] or _ends_with_phrase(left, cues["province_before"]):
        return _Choice(m, entry, 3, admin_only=True, score=2.6)
    sub = _subdivision_phrase(story_text, m, lo)
    if sub and entry.admin_level is None:
        inner = story_text[sub.inner[0] : sub.inner[1]]
        near = [e for e, _ in gaz.candidates(inner, fuzzy=False) if distance_km(e, entry) < SUBDIVISION_KM]
        if sub.is_part:
            # "Aleppo's Ramuse region": a named part of the city is the place itself (as "the
            # Ramuse district of Aleppo" is), not the area around it
            if any(e.admin_level is None for e in near):  # the owner is a city, not a province
                return _Choice(m, entry, _own_precision(entry), span=sub.span, score=3.6)
        elif near:
            # the part is the lesser place: "the Furqan district of Aleppo", but "the Damascus
            # suburb of Jaramana"
            part = near[0] if near[0].rank <= entry.rank else entry
            return _Choice(m, part, _own_precision(part), span=sub.span, score=3.6)
        else:
            return _Choice(m, entry, 2, span=sub.span, score=3.5)
    level = entry.admin_level
    if level == 1:
        return _Choice(m, entry, 3, admin_only=True, score=2.0)
    if next_word in cues["region_after"] or _ends_with_phrase(
        _without_designator(left), cues["locative_near"]
    ):
        return _Choice(m, entry, 2, score=2.6)
    precision = _own_precision(entry)
    if _ends_with_phrase(left, cues["locative_exact"]):
        return _Choice(m, entry, precision, score=3.0 if precision == 1 else 2.4)
    if _ends_with_phrase(left, cues.get("locative_weak", [])):
        # "fighters from Raqqa", "the people of Aleppo": a place, but rarely the event's
        return _Choice(m, entry, precision, score=1.6)
    return _Choice(m, entry, precision, score=1.0)


def _place(
    story_text: str, ch: _Choice, story_id: str, gaz: Gazetteer, precision: int | None = None,
    sentence: tuple[int, int] | None = None,
) -> Place:
    entry = ch.entry
    prec = precision if precision is not None else ch.precision
    if ch.admin_only or entry.admin_level == 1:
        unit = gaz.admin1_entry(entry.admin1) if entry.admin1 else None
        entry = unit or entry
        name, a2, a3 = entry.admin1 or entry.name, None, None
        prec = 3
    else:
        name, a2, a3 = entry.name, entry.admin2 or None, entry.admin3 or None
    start, end = ch.span or (ch.mention.start, ch.mention.end)
    if sentence is not None and sentence[0] <= start < sentence[1]:
        ss, se = sentence
    else:
        ss, se = _sentence_around(story_text, start)
    ev = Evidence(story_id=story_id, start=start, end=end, text=story_text[start:end],
                  sentence=story_text[ss:se], sentence_start=ss, sentence_end=se)
    return Place(
        name=name,
        country=entry.country or None,
        admin1=entry.admin1 or None,
        admin2=a2,
        admin3=a3,
        latitude=entry.latitude,
        longitude=entry.longitude,
        geo_precision=prec,
        pcode=entry.pcode or None,
        gazetteer_id=entry.id,
        mention=story_text[start:end],
        evidence=ev,
    )


def _entries_of(mentions: Sequence[Mention], gaz: Gazetteer) -> list[tuple[Mention, GazEntry]]:
    out = []
    context: list[GazEntry] = []
    for m in mentions:
        e = gaz.by_id.get(m.canonical or "")
        if e is not None:
            context.append(e)
    for m in mentions:
        e = gaz.by_id.get(m.canonical or "")
        if e is None:  # an entity label, or an id from a gazetteer loaded before an import
            e = resolve(m.text, context, gazetteer=gaz)
        if e is not None:
            out.append((m, e))
    return out


def _isolated(entry: GazEntry, context: Sequence[GazEntry]) -> bool:
    """A small place far from every other place the story names is likely a wrong match."""
    if entry.rank >= 50 or entry.admin_level is not None:
        return False
    others = {c.id: c for c in context if c.id != entry.id and c.admin_level is None}
    if len(others) < 2 and not any(c.rank >= 80 for c in others.values()):
        return False
    return all(distance_km(entry, c) > ISOLATED_KM for c in others.values())


def _metonym(story_text: str, m: Mention) -> bool:
    """Does the place name stand for a government ("Damascus government", "the Ankara regime",
    "Damascus said", "accused both Damascus and Daesh", "without authorization from Damascus")?"""
    if re.match(r"-based\b", story_text[m.end : m.end + 7]):
        return True  # "the Istanbul-based National Coalition": where a body sits, not an event
    nxt = re.match(r"['\u2019]?s?\s+([A-Za-z]+)", story_text[m.end : m.end + 30])
    if nxt is not None and nxt.group(1).lower() in _cues().get("metonym_after", ()):
        return True
    return bool(_metonym_before().search(story_text[max(0, m.start - 40) : m.start]))


@functools.lru_cache(maxsize=1)
def _metonym_before() -> re.Pattern[str]:
    cues = _cues().get("metonym_before", [])
    if not cues:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + "|".join(cues) + r")\s+(?:the\s+)?$", re.I)


_OWNER_GAP = re.compile(r"['\u2019]s\s+(?:(?:the|northern|southern|eastern|western|central|old|rural|[a-z]+ern)\s+)?$")


def _owns_next(text: str, m: Mention, others: Sequence[Mention]) -> bool:
    """Is ``m`` the owner in a possessive of places ("Aleppo's Ramuse region")?"""
    return any(
        o.start > m.end and o.start - m.end <= 30 and _OWNER_GAP.search(text[m.end : o.start]) for o in others
    )


#: ACLED's country list (name, alpha-2, ISO 3166 numeric code, region), bundled and the user's
COUNTRIES_FILE = "acled_countries.csv"


def countries() -> dict[str, dict[str, str]]:
    """ACLED's country name, ISO 3166 numeric code and region, keyed by casefolded name and alpha-2 code."""
    return _countries_for(os.environ.get(DATA_ENV, ""))


@functools.lru_cache(maxsize=4)
def _countries_for(user_dirs: str) -> dict[str, dict[str, str]]:
    # keyed by the user's data folders (see classify._tax_for): asked for per event sentence
    table: dict[str, dict[str, str]] = {}
    for path in data_files(COUNTRIES_FILE):
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    # every column kept (demonym, alpha2, the country's point: _country_cue_pattern)
                    entry = {**row, "country": row["country"], "iso": row["iso"], "region": row["region"]}
                    table[row["country"].casefold()] = entry
                    if row.get("alpha2"):
                        table[row["alpha2"].casefold()] = entry
        except (OSError, KeyError, csv.Error) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    return table


@functools.lru_cache(maxsize=4)
def _country_pattern(user_dirs: str) -> re.Pattern[str]:
    names = {e["country"].strip() for e in _countries_for(user_dirs).values() if e["country"].strip()}
    if not names:
        return re.compile(r"(?!)")
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # "in Syria", "across Syria", but not "in Syria's eastern province" (a place follows)
    return re.compile(rf"\b(?:in|across|throughout|inside|all over)\s+(?:the\s+)?(?:{alt})\b(?!['\u2019])")


def _country_scope(sentence: str) -> bool:
    """Does the sentence place what it reports in a whole country ("attacks in Syria")?"""
    return bool(_country_pattern(os.environ.get(DATA_ENV, "")).search(sentence))


@dataclass(frozen=True)
class _CountryCue:
    """A phrase that places what a sentence reports in a country: "in Iraq", "in southern
    Turkey", "the Turkish border town of ..." (absolute offsets of the
    country's word)."""

    start: int
    end: int
    alpha2: str
    name: str
    latitude: float | None
    longitude: float | None
    phrase_start: int = 0  # where the whole cue begins ("in" of "in southern Turkey")


@functools.lru_cache(maxsize=4)
def _country_cue_pattern(user_dirs: str) -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    """One pattern for the two ways a sentence places its event in a country, and the
    country rows keyed by the word matched (name or demonym). Country words are matched with
    their capital letter only ("turkey" the bird is no country)."""
    by_word: dict[str, dict[str, str]] = {}
    table = _countries_for(user_dirs)
    for row in (e for key, e in table.items() if key == e["country"].casefold()):  # one per country
        for word in (row.get("country") or "", row.get("demonym") or ""):
            if word.strip():
                by_word[word.strip()] = row
    names = sorted((w for w, r in by_word.items() if w == r["country"].strip()), key=len, reverse=True)
    demonyms = sorted((w for w, r in by_word.items() if w != r["country"].strip()), key=len, reverse=True)
    if not names:
        return re.compile(r"(?!)"), by_word
    c = _cues()
    name_alt = "|".join(re.escape(n) for n in names)
    dem_alt = "|".join(re.escape(d) for d in demonyms) or r"(?!)"
    mods = "|".join(re.escape(w) for w in c.get("country_modifiers", ()))
    nouns = "|".join(re.escape(w) for w in c.get("designator_nouns", ()) + c.get("province_after", ()))
    mod = rf"(?:(?i:{mods})\s+)?" if mods else ""
    rx = (
        # "in Iraq", "In neighbouring Lebanon", "inside southern Turkey"
        rf"\b(?i:in|inside)\s+(?:the\s+)?{mod}(?P<loc>{name_alt})\b(?!['\u2019]?s\b)"
        # "the Iraqi city of Mosul", "the northern Turkish border town of Kilis"
        rf"|\bthe\s+(?:[a-z-]+\s+)?(?P<dem>{dem_alt})\s+(?:[a-z-]+\s+)?(?:{nouns})\s+of\b"
    )
    return re.compile(rx), by_word


def _country_cues(sentence: str, base: int) -> list[_CountryCue]:
    """The country cues of one sentence (offsets + ``base``), less the ones that do not place
    an event: a country in a list of countries ("in Iraq and Syria": a scope, not a place) and
    the place of a speaker or of people ("said in Turkey", "refugees in Lebanon")."""
    rx, by_word = _country_cue_pattern(os.environ.get(DATA_ENV, ""))
    not_after = {w.lower() for w in _cues().get("country_scope_not_after", ())}
    out: list[_CountryCue] = []
    for m in rx.finditer(sentence):
        group = "loc" if m.group("loc") else "dem"
        word = m.group(group)
        row = by_word[word]
        before = sentence[: m.start()].split()
        if group == "loc" and before and before[-1].lower().strip("(,\"'\u201c") in not_after | {"and", "or"}:
            continue  # ("its raids there and in Iraq": one of several places, no frame)
        if group == "dem" and _ends_with_phrase(sentence[: m.start()], _cues().get("vantage_before", ())):
            continue  # "heard from the Turkish border town of Kilis": a vantage point
        rest = sentence[m.end(group):]
        if group == "loc" and re.match(r"\s*(?:,\s*)?(?:and|or)\s+(?:the\s+)?[A-Z]", rest):
            continue
        if re.search(r"[A-Z][a-z]+,?\s+(?:and|or)\s+(?:in\s+)?$", sentence[: m.start(group)]):
            continue
        out.append(_CountryCue(
            start=base + m.start(group), end=base + m.end(group), alpha2=(row.get("alpha2") or "").upper(),
            name=row["country"].strip(), latitude=_opt_float(row.get("latitude")),
            longitude=_opt_float(row.get("longitude")),
            phrase_start=base + m.start(),
        ))
    return out


def _opt_float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


@functools.lru_cache(maxsize=4)
def _home_countries(gaz: Gazetteer) -> frozenset[str]:
    """The countries the gazetteer holds in detail (the conflict's, whatever gazetteer is
    loaded): those with at least ``home_country_min_share`` of its rows. The others are the
    neighbours' few big places, named when news reaches across a border."""
    counts = Counter(e.country.upper() for e in gaz.entries if e.country)
    total = sum(counts.values()) or 1
    share = float(_cues().get("home_country_min_share", 0.1))
    return frozenset(c for c, n in counts.items() if n / total >= share)


def _foreign(entry: GazEntry, gaz: Gazetteer) -> bool:
    return bool(entry.country) and entry.country.upper() not in _home_countries(gaz)


def _bureau_or_state(story_text: str, m: Mention, e: GazEntry, gaz: Gazetteer) -> bool:
    """A neighbour's place that is where the story was filed or the state it stands for, no
    event's location: a dateline ("BEIRUT (Reuters) -", "Last updated ... Beirut Syrian jets
    ..."), a foreign capital that no locative introduces ("Ankara sent tanks"), or the vantage
    point across a border from which a fight was heard or seen ("audible from Akcakale")."""
    if not _foreign(e, gaz):
        return False
    left = story_text[max(0, m.start - 40) : m.start]
    if _ends_with_phrase(_without_designator(left), _cues().get("vantage_before", ())):
        return True  # "heard from the town of Akcakale", "a witness in Akcakale said"
    if _ends_with_phrase(left, list(_cues()["locative_exact"]) + list(_cues()["locative_near"])):
        return False
    if e.feature_code == "PPLC":
        return True
    return m.start < int(_cues()["dateline_window"]) and bool(re.match(r"\s*(?:\(|[-\u2013\u2014,]|[A-Z])",
                                                                      story_text[m.end : m.end + 3]))


def _foreign_cue(
    story_text: str, seg: tuple[int, int], trigger_start: int,
    in_sentence: Sequence[tuple[Mention, GazEntry]], home: frozenset[str],
) -> _CountryCue | None:
    """The other country a sentence places its event in, or None.

    "In Iraq meanwhile a suicide bomber ...", "rockets hit towns in southern Turkey": the cue
    is the sentence's frame (its first words) or lies nearer the trigger than the sentence's
    places of other countries and its mentions of the gazetteer's own (``home``) countries."""
    if not home:
        return None
    cues = _country_cues(story_text[seg[0] : seg[1]], seg[0])
    foreign = [c for c in cues if c.alpha2 and c.alpha2 not in home]
    if not foreign:
        return None
    openers = {w.lower() for w in _cues().get("country_frame_openers", ())}
    framed = [c for c in foreign
              if all(w.lower().strip(",") in openers for w in story_text[seg[0] : c.phrase_start].split())]
    if framed:
        return framed[0]

    def dist(start: int) -> int:
        return abs(start - trigger_start)

    best = min(foreign, key=lambda c: dist(c.start))
    rivals = [dist(m.start) for m, e in in_sentence if (e.country or "").upper() != best.alpha2]
    rivals += [dist(c.start) for c in cues if c.alpha2 in home]
    return best if all(dist(best.start) < r for r in rivals) else None


def _country_place(story_text: str, cue: _CountryCue, story_id: str, sentence: tuple[int, int]) -> Place:
    """An event the text places in a country and no named place of it: the country, ACLED's
    geo_precision 3, at the country's point from the country list."""
    ss, se = sentence
    ev = Evidence(story_id=story_id, start=cue.start, end=cue.end, text=story_text[cue.start : cue.end],
                  sentence=story_text[ss:se], sentence_start=ss, sentence_end=se)
    return Place(name=cue.name, country=cue.alpha2 or None, admin1=None, admin2=None, admin3=None,
                 latitude=cue.latitude, longitude=cue.longitude, geo_precision=3,
                 mention=story_text[cue.start : cue.end], evidence=ev)


@functools.lru_cache(maxsize=16)
def _story_places(
    story_text: str, story_places: tuple[Mention, ...], gaz: Gazetteer
) -> tuple[tuple[tuple[Mention, GazEntry], ...], tuple[GazEntry, ...]]:
    """The story's places that can locate an event, each with its gazetteer row, and the rows
    of all its places (the context that resolves a name).

    The same for every event of a story, so worked out once per story rather than per event
    (:func:`locate_event` is asked once per hit, and a story has a dozen on average).
    """
    pairs = _entries_of(story_places, gaz)
    context = tuple(e for _, e in pairs)
    pairs = _relative_checked(story_text, pairs, context, gaz)
    # "the Damascus government", "its Damascus ally": the capital stands for the state, it is
    # no event's location (it stays context for resolving the other names)
    pairs = [(m, e) for m, e in pairs if not _metonym(story_text, m) and not _bureau_or_state(story_text, m, e, gaz)]
    # a small place far from everything else the story names is most likely a wrong match
    # (a region the gazetteer lacks, "Ghouta", matching a namesake village elsewhere)
    # (a neighbour's city across the border makes no home village look far from the rest)
    home_context = [c for c in context if not _foreign(c, gaz)]
    trusted = [(m, e) for m, e in pairs if not _isolated(e, home_context)]
    return tuple(trusted or pairs), context


def _relative_checked(
    story_text: str, pairs: Sequence[tuple[Mention, GazEntry]], context: Sequence[GazEntry], gaz: Gazetteer
) -> list[tuple[Mention, GazEntry]]:
    """Hold a place the text gives relative to another ("X east of Homs", "X, 20 km south of
    Aleppo") to that statement: a namesake that lies elsewhere is swapped for the best one that
    fits, and a name none of whose namesakes fits is dropped (a site the gazetteer lacks,
    matching a village elsewhere; the phrase still places the event near the anchor)."""
    out: list[tuple[Mention, GazEntry]] = []
    by_start = {m.start: e for m, e in pairs}
    for m, e in pairs:
        rel = _RELATIVE.match(story_text, m.end)
        anchor = by_start.get(rel.end()) if rel else None
        if (rel is None or anchor is None or anchor.admin_level is not None or anchor.id == e.id
                or any(w in _not_places() for w in rel.group(1).split())):
            # ("Raqqa and east of Homs": a function word between, so two places, not one)
            out.append((m, e))
            continue
        direction = rel.group(2).lower().replace("-", "")
        if _fits_relative(e, anchor, direction):
            out.append((m, e))
            continue
        fits = [(c, sc) for c, sc in gaz.candidates(m.text) if _fits_relative(c, anchor, direction)]
        if fits:
            best = max(fits, key=lambda cs: _score(cs[0], cs[1], context, None))[0]
            out.append((m, best))
    return out


def locate_event(
    story_text: str,
    sentence_start: int,
    sentence_end: int,
    trigger_start: int,
    story_places: Sequence[Mention],
    story_id: str = "",
) -> Place | None:
    """THE location of one event, with its ACLED ``geo_precision``, or None.

    Prefers places in the trigger's sentence, introduced by a locative ("in", "near", "on the
    outskirts of"), closest to the trigger; then places in the sentences just before; then the
    story's dateline ("ALEPPO -"); then its most often named place. Precision: 1 the place
    itself; 2 near it, part of a region (district, "countryside"), or a city standing in for a
    neighbourhood the gazetteer lacks ("the X district of Aleppo"); 3 only the governorate.
    ``story_places`` are mentions from :func:`find_place_mentions` (absolute offsets).
    """
    gaz = Gazetteer.default()
    pairs, context = _story_places(story_text, tuple(story_places), gaz)
    if not pairs:
        return None
    in_sentence = [(m, e) for m, e in pairs if sentence_start <= m.start < sentence_end]
    # a photo caption pasted before the lede in one unsplit sentence ("... in Hasakeh on Monday
    # (AFP photo) BEIRUT Thirteen civilians were killed ..."): the trigger's side of the credit
    from crosswire.extract.salience import segment

    seg = segment(story_text[sentence_start:sentence_end], trigger_start - sentence_start)
    own_side = [(m, e) for m, e in in_sentence if seg[0] <= m.start - sentence_start < seg[1]]
    in_sentence = own_side or in_sentence
    # "In Iraq meanwhile at least 17 people were killed ...": another country's event is none of
    # the story's places, nor the nearest one of the sentences before
    cue = _foreign_cue(story_text, (sentence_start + seg[0], sentence_start + seg[1]), trigger_start,
                       in_sentence, _home_countries(gaz))
    if cue is not None:
        in_sentence = [(m, e) for m, e in in_sentence if (e.country or "").upper() == cue.alpha2]
        if not in_sentence:
            return _country_place(story_text, cue, story_id, (sentence_start, sentence_end))
    # "Aleppo's Ramuse region", "Idlib's Saraqib": the owner only places the owned, which is the place
    owners = [m for m, _ in in_sentence if _owns_next(story_text, m, [x for x, _ in in_sentence])]
    in_sentence = [(m, e) for m, e in in_sentence if m not in owners] or in_sentence
    if in_sentence:
        choices = []
        for m, e in in_sentence:
            ch = _analyse(story_text, m, e, sentence_start, gaz, context)
            distance = abs(m.start - trigger_start) / max(1, sentence_end - sentence_start)
            ch.score += 1.5 * (1.0 - min(1.0, distance)) + (0.3 if ch.precision == 1 else 0.0)
            choices.append(ch)
        best = max(choices, key=lambda c: c.score)
        # "in Idlib province" with a town of that province in the same sentence: keep the town
        if best.admin_only:
            finer = [c for c in choices if not c.admin_only and c.entry.admin1 == best.entry.admin1
                     and c.score >= 2.0]
            if finer:
                best = max(finer, key=lambda c: c.score)
        return _place(story_text, best, story_id, gaz, sentence=(sentence_start, sentence_end))
    if _country_scope(story_text[sentence_start:sentence_end]):
        # "... mustard gas attacks in Syria": the sentence places its event in a whole country, so
        # a town of an earlier sentence would be a guess; the event has no place of its own
        return None
    # the last place of the sentences just before; or, for a lede that names no place and has
    # none before it ("Airstrikes struck a rescue centre killing eight volunteers"), the first of
    # the sentences that go on to tell it ("... an air raid on their centre in Kfar Zeita killed
    # eight"), before the story's most named place, which may be another event's
    before = [(m, e) for m, e in pairs if sentence_start - 400 <= m.start < sentence_start]
    lede = not any(m.start < sentence_start for m, _ in pairs)
    after = [(m, e) for m, e in pairs if sentence_end <= m.start < sentence_end + LEDE_FOLLOW_CHARS] if lede else []
    near = before[-1] if before else after[0] if after else None
    if near is not None:
        m, e = near
        ch = _analyse(story_text, m, e, max(0, m.start - 60), gaz, context)
        return _place(story_text, ch, story_id, gaz, precision=max(ch.precision, 2))
    # the story's own places, not a neighbour's named in passing, stand for it as a whole
    pairs = tuple((m, e) for m, e in pairs if not _foreign(e, gaz)) or pairs
    window = int(_cues()["dateline_window"])
    for m, e in pairs:
        line_start = story_text.rfind("\n", 0, m.start) + 1
        at_line_start = not story_text[line_start : m.start].strip() or m.text.isupper()
        if m.start < window and at_line_start and _DATELINE_DASH.match(story_text[m.end : m.end + 40]):
            ch = _Choice(m, e, 2 if e.admin_level != 1 else 3)
            return _place(story_text, ch, story_id, gaz)
    counts = Counter(e.id for _, e in pairs)
    top_id, _ = max(counts.items(), key=lambda kv: (kv[1], -next(m.start for m, e in pairs if e.id == kv[0])))
    m, e = next((m, e) for m, e in pairs if e.id == top_id)
    return _place(story_text, _Choice(m, e, 2 if e.admin_level != 1 else 3), story_id, gaz)


@functools.lru_cache(maxsize=1)
def _list_gap() -> re.Pattern[str]:
    """What may stand between two members of a list of places: a separator (``list_separators``),
    optionally followed by the next member's own count ("and three in") or a designator phrase
    ("and the village of")."""
    cues = _cues()
    seps = sorted(cues.get("list_separators", []), key=len, reverse=True)
    nouns = "|".join(re.escape(n) for n in cues.get("designator_nouns", ["town", "village", "city"]))
    sep = "|".join(r"\s*".join(re.escape(w) for w in s.split()) if s.strip() != "," else "," for s in seps)
    # "killing five in Kafr Nabl and three in Saraqeb": a member's own count may stand between
    count = r"(?:\d+|" + "|".join(cues.get("list_count_words", [])) + r")"
    figure = rf"(?:(?:another\s+|at\s+least\s+)?{count}(?:\s+[a-z]+){{0,3}}\s+(?:in|at)\s+)?"
    return re.compile(rf"\s*(?:{sep})\s*{figure}(?:(?:the\s+)?(?:{nouns})\s+of\s+)?", re.I)


def coordinated_places(
    story_text: str, sentence_start: int, sentence_end: int, anchor: tuple[int, int], mentions: Sequence[Mention]
) -> list[Mention]:
    """The places of the coordinated list holding the place at ``anchor`` (the span of an
    event's place evidence), in text order, or [] when it is in none.

    ACLED codes one event per location, so "warplanes struck Kafr Nabl, Maarat al-Numan and
    Saraqeb" reports three strikes. A list is two or more place mentions of the sentence joined
    only by separators (``list_separators``: ", ", "and", "as well as") whose last join holds
    "and"; its members are all provinces or all lesser places (not a region and its part:
    "Idlib, Saraqeb"), each its own gazetteer entry. It is no list of events when the word before
    it makes it the extent, origin or route of one act (``list_extent_before``: "between Harasta
    and Arbin", "taking off from Hmeimim and Shayrat", "the road to X and Y"), or when a weak
    locative introduces it ("fighters of Douma and Harasta") rather than an exact one ("the
    towns of", "in") or a verb ("struck X and Y").
    """
    gaz = Gazetteer.default()
    inside = sorted((m for m in mentions if sentence_start <= m.start < sentence_end), key=lambda m: m.start)
    hit = [k for k, m in enumerate(inside) if m.start < anchor[1] and anchor[0] < m.end]
    if not hit:
        return []
    gap = _list_gap()
    lo = hi = hit[0]
    while lo > 0 and gap.fullmatch(story_text[inside[lo - 1].end : inside[lo].start]):
        lo -= 1
    while hi + 1 < len(inside) and gap.fullmatch(story_text[inside[hi].end : inside[hi + 1].start]):
        hi += 1
    run = inside[lo : hi + 1]
    if len(run) < 2 or not re.search(r"\band\b|&", story_text[run[-2].end : run[-1].start], re.I):
        return []
    left = story_text[max(sentence_start, run[0].start - 60) : run[0].start]
    # "pushing towards the towns of Dabiq and Al-Bab": the word before the designator decides
    words = re.findall(r"[A-Za-z]+", _without_designator(left).lower())
    cues = _cues()
    if words and words[-1] in cues.get("list_extent_before", []):
        return []
    if not _ends_with_phrase(left, cues["locative_exact"]) and _ends_with_phrase(left, cues.get("locative_weak", [])):
        return []
    entries = [gaz.by_id.get(m.canonical or "") for m in run]
    if any(e is None for e in entries) or len({e.id for e in entries if e is not None}) < len(run):
        return []
    if len({e.admin_level == 1 for e in entries if e is not None}) > 1:
        return []  # "Idlib and Saraqeb": a province and a town are no list of like places
    return run


# ---------------------------------------------------------------------------------------------
# Importing other gazetteers
# ---------------------------------------------------------------------------------------------

GEONAMES_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
    "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code",
    "population", "elevation", "dem", "timezone", "modification_date",
)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    rows: int
    skipped: int


def _float(value: str, where: str, what: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise DataFileError(f"{where}: {what} {value!r} is not a number") from exc


def _from_geonames(path: Path, country: str | None) -> tuple[list[dict[str, str]], int]:
    rows: list[dict[str, str]] = []
    skipped = 0
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 15:
                raise DataFileError(
                    f"{path}:{n}: not a GeoNames dump row (expected 19 tab-separated fields, found {len(f)})"
                )
            g = dict(zip(GEONAMES_COLUMNS, f, strict=False))
            lat = _float(g["latitude"], f"{path}:{n}", "latitude")
            lon = _float(g["longitude"], f"{path}:{n}", "longitude")
            if country and g["country_code"].upper() != country.upper():
                skipped += 1
                continue
            if g["feature_class"] not in ("P", "A", "S", "L", "T"):
                skipped += 1
                continue
            alts = [a for a in g["alternatenames"].split(",") if a and a != g["name"]]
            rows.append(dict(
                id=f"geonames:{g['geonameid']}", name=g["name"], alt_names="|".join(alts),
                latitude=str(lat), longitude=str(lon), feature_class=g["feature_class"],
                feature_code=g["feature_code"], country=g["country_code"], admin1=g["admin1_code"],
                admin2=g["admin2_code"], admin3=g["admin3_code"], population=g["population"] or "0",
                source="geonames",
            ))
    return _admin_names(rows), skipped


def _admin_names(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """GeoNames gives admin codes ("15"); a country dump also holds the ADM1/ADM2 rows that name
    them, so each row's admin1/admin2 becomes that name ("Nineveh"). Codes stay where the dump
    has no such row (a partial extract)."""
    adm1 = {(r["country"], r["admin1"]): r["name"] for r in rows if r["feature_code"] == "ADM1"}
    adm2 = {(r["country"], r["admin1"], r["admin2"]): r["name"] for r in rows if r["feature_code"] == "ADM2"}
    out = []
    for r in rows:
        a1 = adm1.get((r["country"], r["admin1"]), r["admin1"])
        a2 = adm2.get((r["country"], r["admin1"], r["admin2"]), r["admin2"])
        out.append({**r, "admin1": a1, "admin2": a2})
    return out


def _pick(cols: Sequence[str], *patterns: str) -> str | None:
    for p in patterns:
        for c in cols:
            if re.fullmatch(p, c.strip(), flags=re.IGNORECASE):
                return c
    return None


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    cols = [c for c in (reader.fieldnames or []) if c]
    return cols, [{k: (v or "").strip() for k, v in r.items() if k} for r in reader]


def _from_ocha(path: Path, country: str | None) -> tuple[list[dict[str, str]], int]:
    """An OCHA P-code table: admin{N}Name_en / ADM{N}_EN, admin{N}Pcode / ADM{N}_PCODE, lat/lon."""
    cols, data = _read_csv(path)
    levels: dict[int, dict[str, str]] = {}
    for c in cols:
        m = re.fullmatch(r"adm(?:in)?(\d)_?(?:name)?_?(en|ar|pcode|ref)?", c.strip(), flags=re.IGNORECASE)
        if m:
            kind = (m.group(2) or "en").lower()
            levels.setdefault(int(m.group(1)), {}).setdefault(kind, c)
    lat_c = _pick(cols, r"lat(itude)?", r"y", r"center_lat", r"lat_y")
    lon_c = _pick(cols, r"lon(gitude)?", r"long", r"lng", r"x", r"center_lon", r"lon_x")
    named = [lv for lv in sorted(levels) if "en" in levels[lv] or "ref" in levels[lv]]
    if not named or not lat_c or not lon_c:
        raise DataFileError(
            f"{path}: not an OCHA P-code table (needs admin<N>Name_en or ADM<N>_EN columns and "
            f"latitude/longitude; found {cols})"
        )
    deepest = named[-1]
    name_c = levels[deepest].get("en") or levels[deepest]["ref"]
    rows: list[dict[str, str]] = []
    for n, r in enumerate(data, start=2):
        if not r.get(name_c):
            continue
        lat = _float(r.get(lat_c, ""), f"{path}:{n}", "latitude")
        lon = _float(r.get(lon_c, ""), f"{path}:{n}", "longitude")
        pcode = r.get(levels[deepest].get("pcode", ""), "")

        def level_name(lv: int, row: dict[str, str] = r) -> str:
            c = levels.get(lv, {}).get("en")
            return row.get(c, "") if c else ""

        rows.append(dict(
            id=f"ocha:{pcode}" if pcode else "", name=r[name_c],
            name_ar=r.get(levels[deepest].get("ar", ""), ""),
            latitude=str(lat), longitude=str(lon), feature_class="P" if deepest >= 4 else "A",
            feature_code="PPL" if deepest >= 4 else f"ADM{deepest}", country=(country or "").upper(),
            admin1=level_name(1), admin2=level_name(2), admin3=level_name(3), pcode=pcode, source="ocha",
        ))
    return rows, 0


def _from_csv(path: Path, country: str | None) -> tuple[list[dict[str, str]], int]:
    cols, data = _read_csv(path)
    aliases = {
        "name": (r"name", r"place", r"placename", r"toponym", r"name_en"),
        "latitude": (r"lat(itude)?", r"y"),
        "longitude": (r"lon(gitude)?", r"long", r"lng", r"x"),
        "alt_names": (r"alt_?names", r"alternate_?names", r"aliases", r"variants"),
    }
    mapping = {c: c for c in cols if c in GAZ_COLUMNS}
    for target, pats in aliases.items():
        if target not in mapping.values():
            src = _pick(cols, *pats)
            if src:
                mapping[src] = target
    if not {"name", "latitude", "longitude"} <= set(mapping.values()):
        raise DataFileError(
            f"{path}: a gazetteer CSV needs name, latitude and longitude columns; found {cols}"
        )
    rows: list[dict[str, str]] = []
    for n, r in enumerate(data, start=2):
        row = {mapping[k]: v for k, v in r.items() if k in mapping}
        if not row.get("name"):
            continue
        row["latitude"] = str(_float(row.get("latitude", ""), f"{path}:{n}", "latitude"))
        row["longitude"] = str(_float(row.get("longitude", ""), f"{path}:{n}", "longitude"))
        alts = re.split(r"[|;]", row.get("alt_names", ""))
        row["alt_names"] = "|".join(a.strip() for a in alts if a.strip())
        if country and not row.get("country"):
            row["country"] = country.upper()
        row.setdefault("source", path.stem)
        rows.append(row)
    return rows, 0


_IMPORTERS = {"geonames": _from_geonames, "ocha": _from_ocha, "csv": _from_csv}


def default_import_dir() -> Path:
    """The user data folder imports go to: the first CROSSWIRE_DATA folder, else ~/.local/share/crosswire."""
    dirs = user_data_dirs()
    return dirs[0] if dirs else DEFAULT_USER_DATA


def import_gazetteer(src: str | os.PathLike[str], fmt: str, country: str | None = None,
                     dest: str | os.PathLike[str] | None = None) -> ImportResult:
    """Convert a GeoNames dump, an OCHA P-code table or a user CSV into ``DEST/gazetteer/<name>.csv``.

    ``dest`` is a data folder (default :func:`default_import_dir`); the written file uses the
    common schema (``GAZ_COLUMNS``) and is read by :meth:`Gazetteer.default` from then on.
    Raises DataFileError (CW303) for a file that is not in the format claimed, with the line.
    """
    path = Path(src)
    if fmt not in _IMPORTERS:
        raise UsageError(f"unknown gazetteer format {fmt!r} (use one of {', '.join(_IMPORTERS)})")
    if not path.is_file():
        raise DataFileError(f"{path}: no such file")
    rows, skipped = _IMPORTERS[fmt](path, country)
    if not rows:
        raise DataFileError(f"{path}: no gazetteer rows found in this {fmt} file")
    for r in rows:
        if not r.get("id"):
            r["id"] = _row_id(r, f"{fmt}-{path.stem}")
    out_dir = Path(dest) if dest is not None else default_import_dir()
    out = out_dir / "gazetteer" / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', path.stem)}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(GAZ_COLUMNS), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in GAZ_COLUMNS})
    Gazetteer.reset_default()
    return ImportResult(path=out, rows=len(rows), skipped=skipped)
