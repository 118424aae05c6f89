"""Check the hand-compiled places (``syria_conflict_places.csv``) against the other gazetteers.

The curated rows (named regions, city neighbourhoods, airbases) were written from general
knowledge. For each row this script reports

a. the nearest settlements of the bundled OCHA/IOM and GeoNames files and of the shared
   ``syria_places.csv``, and whether the row's admin1 (and admin2, when stated) agrees with the
   admin1 of the nearest few;
b. every place of the other gazetteers (bundled ``syria_ocha``/``syria_geonames``/``syria_admin``
   with ``syria_osm``'s names, shared ``syria_places.csv`` and the Open-Syria admin-unit JSON
   centroids) that carries the row's name, an alternate name or its Arabic name, with the
   distance between the two points;
c. flags: the row's point lies farther than ``FAR_KM`` (15 km for a neighbourhood or airbase,
   40 km for a region) from the nearest same-named place in a compatible governorate; a
   neighbourhood lies outside its city (``CITY_RADIUS_KM`` of the city's GeoNames point); the
   admin1 disagrees with the nearest settlements.

Same-named places in another governorate are listed as homonyms (villages called Ansari or
Midan), not used as evidence. Rows from Syrian Archive (``syrianarchive`` in the shared file's
``source``) are GPL-2.0: used here for checking only, never copied into the bundled file; each
match says which source it came from and ``evidence_licence`` marks them.

The Open-Syria JSON files hold centroids and areas, no boundaries, so "inside a unit" can only
be judged by distance.

Prints a table and writes bench/results/curated_places.json.

Usage: ``PYTHONPATH=src .venv/bin/python bench/check_curated_places.py [--shared /work/shared] [--k 5]``
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.geocode import canonical_admin1, normalise_toponym, toponym_skeleton

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "src" / "crosswire" / "data" / "gazetteer"
CURATED = GAZ / "syria_conflict_places.csv"

#: Farthest plausible distance (km) from the same-named evidence, by curated feature code.
FAR_KM = {"PPLX": 15.0, "AIRB": 15.0, "RGN": 40.0}
#: A neighbourhood must lie this close (km) to its city's GeoNames point: half the built-up
#: width of each city, generously (Damascus and Aleppo are about 15 km across, Homs about 12).
CITY_RADIUS_KM = {"Damascus": 9.0, "Aleppo": 10.0, "Homs": 7.0}
#: Governorates whose places sit on one another's edges: Damascus city is enclosed by Rural Damascus.
COMPATIBLE = {"Damascus": {"Damascus", "Rural Damascus"}, "Rural Damascus": {"Rural Damascus", "Damascus"}}
#: Words that name the kind of feature, not the place ("Shayrat Airbase" -> "Shayrat").
GENERIC = re.compile(
    r"\b(air ?base|air ?port|airfield|military|international|base|plain|mountains?|region|district|"
    r"valley|neighbourhood)\b", re.I)
GENERIC_AR = ("مطار", "قاعدة", "العسكري", "الدولي", "سهل", "حي")
GPL_TAG = "syrianarchive"


@dataclass
class Place:
    name: str
    names: list[str]
    name_ar: str
    lat: float
    lon: float
    admin1: str
    admin2: str
    feature: str
    source: str
    settlement: bool = True
    keys: set[str] = field(default_factory=set)
    ar_keys: set[str] = field(default_factory=set)
    skeletons: set[str] = field(default_factory=set)

    def index(self, ar_names: list[str]) -> None:
        self.keys = name_keys(self.names)
        self.ar_keys = {ar_key(a) for a in ar_names if a}
        self.skeletons = {fuzzy_skeleton(k) for k in self.keys}


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def ar_key(s: str) -> str:
    """Arabic name folded for comparison: no diacritics, one alef, no tatweel, no leading article."""
    s = re.sub(r"[\u064b-\u0652\u0640]", "", s)
    s = re.sub("[أإآ]", "ا", s).replace("ة", "ه").replace("ى", "ي")
    words = [w for w in s.split() if w not in GENERIC_AR]
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words)


def name_keys(names: list[str]) -> set[str]:
    keys = set()
    for n in names:
        for variant in (n, GENERIC.sub(" ", n)):
            k = normalise_toponym(variant.strip())
            if len(k.replace(" ", "")) >= 3:
                keys.add(k)
    return keys


def fuzzy_skeleton(key: str) -> str:
    """The geocoder's consonant skeleton with g/gh/q/k folded ("Menagh" and "Manaq" -> "mnk")."""
    return re.sub(r"(.)\1+", r"\1", re.sub("[gqk]", "k", toponym_skeleton(key)))


def _contains(inner: str, outer: str) -> bool:
    """Whether key ``inner`` is a run of whole words of key ``outer`` ("war" in "mazr war")."""
    a, b = inner.split(), outer.split()
    return len(a) < len(b) and any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def match_kind(keys: set[str], akey: str, p: Place) -> str:
    """How a curated row's names match a place: name, name_ar, part (a word run), fuzzy, or ''."""
    if keys & p.keys:
        return "name"
    if akey and akey in p.ar_keys:
        return "name_ar"
    if any(len(k.replace(" ", "")) >= 3 and _contains(k, pk) for k in keys for pk in p.keys):
        return "part"
    if {s for s in map(fuzzy_skeleton, keys) if len(s) >= 3} & p.skeletons:
        return "fuzzy"
    return ""


def _canon(a: str) -> str:
    return canonical_admin1(a) or a


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(f)]


def _place(r: dict[str, str], source: str, settlement: bool = True) -> Place | None:
    try:
        lat, lon = float(r["latitude"]), float(r["longitude"])
    except (KeyError, ValueError):
        return None
    names = [r.get("name", "")] + [a for a in r.get("alt_names", "").split("|") if a]
    p = Place(r.get("name", ""), names, r.get("name_ar", ""), lat, lon, _canon(r.get("admin1", "")),
              r.get("admin2", ""), r.get("feature_code", "") or r.get("feature_class", ""), source, settlement)
    p.index([p.name_ar])
    return p


def load_reference(shared: Path | None) -> list[Place]:
    """Every place with a point: bundled OCHA (with OSM names), GeoNames, admin units; shared files."""
    out: list[Place] = []
    osm = {r["id"]: r for r in _read(GAZ / "syria_osm.csv")} if (GAZ / "syria_osm.csv").exists() else {}
    for r in _read(GAZ / "syria_ocha.csv"):
        extra = osm.get(r["id"])
        if extra:
            r = dict(r)
            r["alt_names"] = "|".join(a for a in (r["alt_names"], extra.get("alt_names", "")) if a)
            r["name_ar"] = r["name_ar"] or extra.get("name_ar", "")
        if p := _place(r, "bundled:ocha"):
            out.append(p)
    for r in _read(GAZ / "syria_geonames.csv"):
        if p := _place(r, "bundled:geonames"):
            out.append(p)
    for r in _read(GAZ / "syria_admin.csv"):
        if p := _place(r, f"bundled:admin:{r['feature_code']}", settlement=False):
            out.append(p)
    if shared is None:
        return out
    places = shared / "gazetteer" / "syria_places.csv"
    if places.exists():
        for r in _read(places):
            src = r.get("source", "")
            tag = "shared:" + (GPL_TAG if src.startswith("syrianarchive") else src.split("+")[0])
            if p := _place(r, tag, settlement=not src.startswith("syrianarchive")):
                out.append(p)
    for level in ("governorates", "districts", "subdistricts"):
        path = shared / "gazetteer" / f"opensyria_{level}.json"
        if not path.exists():
            continue
        govs = {g["id"]: g["name"]["en"] for g in json.loads((shared / "gazetteer" /
                                                              "opensyria_governorates.json").read_text())}
        for u in json.loads(path.read_text(encoding="utf-8")):
            c = u.get("centroid") or {}
            if "latitude" not in c:
                continue
            names = [u["name"]["en"]] + [a["value"] for a in u.get("aliases", []) if a.get("language") == "en"]
            ar = [u["name"].get("ar", "")] + [a["value"] for a in u.get("aliases", []) if a.get("language") == "ar"]
            p = Place(u["name"]["en"], names, u["name"].get("ar", ""), c["latitude"], c["longitude"],
                      _canon(govs.get(u.get("governorateId", u["id"]), "")), "", level, f"shared:opensyria_{level}",
                      settlement=False)
            p.index(ar)
            out.append(p)
    return out


def check_row(row: dict[str, str], ref: list[Place], cities: dict[str, Place], k: int) -> dict[str, Any]:
    lat, lon = float(row["latitude"]), float(row["longitude"])
    code = row["feature_code"]
    admin1 = _canon(row["admin1"])
    ok_admin = COMPATIBLE.get(admin1, {admin1})
    names = [row["name"]] + [a for a in row["alt_names"].split("|") if a]
    keys = name_keys(names)
    akey = ar_key(row["name_ar"]) if row["name_ar"] else ""

    # (a) nearest settlements (one per point and name: the bundled and shared OCHA rows coincide)
    seen: set[tuple[str, float, float]] = set()
    near: list[tuple[float, Place]] = []
    for p in sorted((p for p in ref if p.settlement), key=lambda p: haversine(lat, lon, p.lat, p.lon)):
        sig = (normalise_toponym(p.name), round(p.lat, 3), round(p.lon, 3))
        if sig in seen:
            continue
        seen.add(sig)
        near.append((haversine(lat, lon, p.lat, p.lon), p))
        if len(near) == k:
            break
    a1 = Counter(p.admin1 for _, p in near if p.admin1)
    majority = a1.most_common(1)[0][0] if a1 else ""
    admin1_agrees = bool(majority) and majority in ok_admin
    a2 = Counter(p.admin2 for _, p in near if p.admin2)
    admin2_agrees = None if not row["admin2"] else bool(a2) and a2.most_common(1)[0][0] == row["admin2"]

    # (b) same-named places
    matches: list[dict[str, Any]] = []
    for p in ref:
        how = match_kind(keys, akey, p)
        if how:
            m = {"name": p.name, "source": p.source, "feature": p.feature, "admin1": p.admin1, "admin2": p.admin2,
                 "by": how, "km": round(haversine(lat, lon, p.lat, p.lon), 1)}
            if GPL_TAG not in p.source:  # Syrian Archive's points stay out of the committed results
                m |= {"lat": p.lat, "lon": p.lon}
            matches.append(m)
    matches.sort(key=lambda m: m["km"])
    local = [m for m in matches if m["admin1"] in ok_admin or not m["admin1"]]
    homonyms = [m for m in matches if m not in local]
    # the nearest same-named place in a compatible governorate; a fuzzy (skeleton) match only when
    # there is no other and it lies within FAR_KM: a far fuzzy match is another name, not evidence
    far = FAR_KM.get(code, 15.0)
    firm = [m for m in local if m["by"] != "fuzzy"]
    near_fuzzy = [m for m in local if m["by"] == "fuzzy" and m["km"] <= far]
    evidence = (firm or near_fuzzy)[0] if firm or near_fuzzy else None
    open_evidence = [m for m in firm + near_fuzzy if GPL_TAG not in m["source"]]

    # (c) flags
    flags = []
    if evidence and evidence["km"] > far:
        flags.append(f"far from namesake {evidence['name']} by {evidence['by']} ({evidence['km']} km > {far:g} km)")
    if not admin1_agrees:
        flags.append(f"admin1 {admin1} vs nearest settlements {dict(a1)}")
    if admin2_agrees is False:
        flags.append(f"admin2 {row['admin2']} vs nearest settlements {dict(a2)}")
    city_km = None
    if code == "PPLX" and admin1 in cities:
        c = cities[admin1]
        city_km = round(haversine(lat, lon, c.lat, c.lon), 1)
        if city_km > CITY_RADIUS_KM[admin1]:
            flags.append(f"outside {admin1} city ({city_km} km > {CITY_RADIUS_KM[admin1]:g} km)")
    return {
        "id": row["id"], "name": row["name"], "feature_code": code, "latitude": lat, "longitude": lon,
        "admin1": admin1, "admin2": row["admin2"] or None,
        "nearest": [{"name": p.name, "source": p.source, "admin1": p.admin1, "admin2": p.admin2,
                     "km": round(d, 1)} for d, p in near],
        "nearest_admin1": dict(a1), "admin1_agrees": admin1_agrees, "admin2_agrees": admin2_agrees,
        "city_centre_km": city_km,
        "namesakes": local[:8], "homonyms_elsewhere": len(homonyms),
        "homonym_examples": [f"{m['name']} ({m['admin1']}, {m['km']} km)" for m in homonyms[:3]],
        "evidence": evidence,
        "evidence_km": evidence["km"] if evidence else None,
        "evidence_licence": (("GPL-2.0 (Syrian Archive, check only)" if GPL_TAG in evidence["source"]
                              else "bundlable") if evidence else None),
        "bundlable_evidence_km": min((m["km"] for m in open_evidence), default=None),
        "flags": flags,
        "verdict": ("flagged" if flags else "governorate only" if evidence is None
                    else "consistent" if evidence["by"] in ("name", "name_ar") else "consistent (weak match)"),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("/work/shared"))
    ap.add_argument("--k", type=int, default=5, help="nearest settlements to compare admin units with")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "curated_places.json")
    args = ap.parse_args(argv)
    shared = args.shared if args.shared.is_dir() else None
    if shared is None:
        print(f"note: {args.shared} not found; checking against the bundled files only", file=sys.stderr)
    ref = load_reference(shared)
    cities = {}
    for p in ref:
        if p.source == "bundled:geonames" and p.name in CITY_RADIUS_KM:
            cities[p.name] = p
    rows = _read(CURATED)
    results = [check_row(r, ref, cities, args.k) for r in rows]

    print(f"{'id':26} {'code':4} {'admin1':14} {'nearest admin1':24} {'namesake [source/match]':40} {'km':>5}  "
          "verdict / flags")
    for r in results:
        near = ",".join(f"{a}:{n}" for a, n in r["nearest_admin1"].items())
        ev = r["evidence"]
        evs = f"{ev['name'][:18]} [{ev['source'].split(':')[-1][:12]}/{ev['by']}]" if ev else "-"
        km = f"{ev['km']:.1f}" if ev else ""
        print(f"{r['id'][10:36]:26} {r['feature_code']:4} {r['admin1'][:14]:14} {near[:24]:24} {evs:40} {km:>5}  "
              f"{'; '.join(r['flags']) or r['verdict']}")
    flagged = [r for r in results if r["flags"]]
    summary = {
        "rows": len(results),
        "flagged": len(flagged),
        "admin1_agrees": sum(r["admin1_agrees"] for r in results),
        "verdicts": dict(Counter(r["verdict"] for r in results)),
        "with_bundlable_evidence": sum(r["bundlable_evidence_km"] is not None for r in results),
        "syrianarchive_evidence_only": sum(r["evidence"] is not None and r["bundlable_evidence_km"] is None
                                           for r in results),
        "max_evidence_km": {c: max((r["evidence_km"] for r in results if r["feature_code"] == c
                                    and r["evidence_km"] is not None), default=None) for c in FAR_KM},
        "governorate_only": [r["id"] for r in results if r["verdict"] == "governorate only"],
        "flagged_ids": [r["id"] for r in flagged],
        "reference_places": len(ref),
        "shared": str(shared) if shared else None,
        "k": args.k,
    }
    print(json.dumps(summary, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "rows": results}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
