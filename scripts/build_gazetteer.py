"""Build crosswire's bundled Syria gazetteer from the shared development sources.

Reads ``syria_places.csv`` and ``opensyria_*.json`` (see the README beside them) and writes
files in crosswire's common gazetteer schema (``crosswire.geocode.GAZ_COLUMNS``) under
``src/crosswire/data/gazetteer/``, one file per licence so that each can be attributed (or
dropped) on its own:

- ``syria_admin.csv``     opensyria governorates, districts, sub-districts   CC BY 4.0
- ``syria_geonames.csv``  GeoNames cities500 places                          CC BY 4.0
- ``syria_ocha.csv``      OCHA community points with IOM DTM names (+ GeoNames alt names)
                          CC BY 3.0 IGO / IOM DTM attribution
- ``syria_osm.csv``       IOM names on OpenStreetMap points, and the Arabic names and place
                          types OpenStreetMap supplies for OCHA communities (rows that share an
                          OCHA row's id fill in its empty fields)                 ODbL 1.0

Rows from Syrian Archive (``syrianarchive_locations``) and every name a row got from it
(``+syrianarchive``: its alt names and Arabic name) are GPL-licensed and are left out.

Usage: ``python scripts/build_gazetteer.py [--src /work/shared/gazetteer] [--dest DIR]``
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

from unidecode import unidecode

from crosswire.geocode import GAZ_COLUMNS, canonical_admin1, normalise_toponym
from crosswire.settings import data_dir

COUNTRY = "SY"


def _row(**kw: Any) -> dict[str, str]:
    return {c: "" if kw.get(c) is None else str(kw.get(c, "")) for c in GAZ_COLUMNS}


def _admin_rows(src: Path) -> list[dict[str, str]]:
    """Governorate (ADM1), district (ADM2) and sub-district (ADM3) rows from opensyria."""
    govs = json.loads((src / "opensyria_governorates.json").read_text(encoding="utf-8"))
    dists = json.loads((src / "opensyria_districts.json").read_text(encoding="utf-8"))
    subs = json.loads((src / "opensyria_subdistricts.json").read_text(encoding="utf-8"))
    gov_name = {g["id"]: canonical_admin1(g["name"]["en"]) or g["name"]["en"] for g in govs}
    dist_name = {d["id"]: d["name"]["en"] for d in dists}
    out: list[dict[str, str]] = []
    for level, code, items in (("A", "ADM1", govs), ("A", "ADM2", dists), ("A", "ADM3", subs)):
        for it in items:
            en = it["name"]["en"]
            aliases = [a["value"] for a in it.get("aliases", []) if a.get("language") == "en"]
            name = gov_name[it["id"]] if code == "ADM1" else en
            alts = [a for a in dict.fromkeys([en, *aliases]) if a != name]
            pop = (it.get("population") or {}).get("value")
            gid = it["id"] if code == "ADM1" else it.get("governorateId", "")
            out.append(
                _row(
                    id=f"opensyria:{it['id']}",
                    name=name,
                    alt_names="|".join(alts),
                    name_ar=it["name"].get("ar", ""),
                    latitude=it["centroid"]["latitude"],
                    longitude=it["centroid"]["longitude"],
                    feature_class=level,
                    feature_code=code,
                    country=COUNTRY,
                    admin1=gov_name.get(gid, ""),
                    admin2=en if code == "ADM2" else dist_name.get(it.get("districtId", ""), ""),
                    admin3=en if code == "ADM3" else "",
                    pcode=(it.get("externalIds") or {}).get("ochaPcode", ""),
                    population=pop or "",
                    source="opensyria",
                )
            )
    return out


#: importance of an OpenStreetMap place type (crosswire.geocode derives 25 for a plain PPL row)
_OSM_RANK = {"osm:city": 80.0, "osm:town": 45.0, "osm:village": 25.0, "osm:hamlet": 15.0}


def _osm_rank(r: dict[str, str]) -> str:
    """The row's rank from its OpenStreetMap place type, plus the seat bonus geocode gives a PPL row."""
    base = _OSM_RANK.get(r["feature_code"])
    if base is None:
        return ""
    key = normalise_toponym(r["name"])
    if key and key == normalise_toponym(r["admin2"]):
        base += 25.0
    elif key and key == normalise_toponym(r["admin3"]):
        base += 12.0
    return f"{base:g}"


def _feature_code(fc: str) -> str:
    """OpenStreetMap place types map onto GeoNames-style codes; OCHA communities are plain PPL."""
    return {"osm:city": "PPLA", "osm:town": "PPL", "osm:village": "PPL", "osm:hamlet": "PPLX"}.get(fc, "PPL")


def _place_rows(src: Path) -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
    geonames: list[dict[str, str]] = []
    ocha: list[dict[str, str]] = []
    osm: list[dict[str, str]] = []
    with (src / "syria_places.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            source = r["source"]
            if source == "syrianarchive_locations":
                continue  # GPL: evaluation only
            from_sa = "syrianarchive" in source
            alts = "" if from_sa else r["alt_names"]
            name_ar = "" if from_sa else r["name_ar"]
            common = dict(
                name=r["name"],
                latitude=r["latitude"],
                longitude=r["longitude"],
                feature_class="P",
                country=COUNTRY,
                admin1=canonical_admin1(r["admin1"]) or r["admin1"],
                admin2=r["admin2"],
                admin3=r["admin3"],
                pcode=r["pcode"],
            )
            if source == "geonames_cities500":
                gid = r["pcode_method"].removeprefix("geonameid=")
                # GeoNames' names carry scholarly diacritics ("Ḩamāh"); keep them as an alt name
                plain = unidecode(r["name"]).replace("`", "'")
                if plain != r["name"]:
                    alts = "|".join([r["name"], *[a for a in alts.split("|") if a]])
                    common["name"] = plain
                geonames.append(
                    _row(id=f"geonames:{gid}", alt_names=alts, name_ar=name_ar, feature_code="PPL",
                         source="geonames_cities500", **common)
                )
            elif source.startswith("ocha_pplp"):
                tag = "ocha+iom_dtm" + ("+geonames" if "geonames" in source else "")
                ocha.append(
                    _row(id=f"ocha:{r['pcode']}", alt_names=alts, feature_code="PPL", source=tag, **common)
                )
                from_osm = r["feature_code"].startswith("osm:")
                if name_ar or from_osm:
                    # Overlay: only the OpenStreetMap-derived fields, keyed by the OCHA row's id.
                    osm.append(
                        _row(id=f"ocha:{r['pcode']}", name=r["name"], name_ar=name_ar,
                             feature_code=_feature_code(r["feature_code"]) if from_osm else "",
                             rank=_osm_rank(r), source="openstreetmap")
                    )
            elif source.startswith("iom_dtm_names+hotosm_points"):
                osm.append(
                    _row(id=f"iom:{r['pcode']}", alt_names=alts, name_ar=name_ar,
                         feature_code=_feature_code(r["feature_code"]), rank=_osm_rank(r),
                         source="iom_dtm+openstreetmap", **common)
                )
            else:
                raise SystemExit(f"unknown source tag {source!r}: decide its licence before bundling")
    return geonames, ocha, osm


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(GAZ_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path("/work/shared/gazetteer"))
    ap.add_argument("--dest", type=Path, default=data_dir() / "gazetteer")
    args = ap.parse_args()
    geonames, ocha, osm = _place_rows(args.src)
    _write(args.dest / "syria_admin.csv", _admin_rows(args.src))
    _write(args.dest / "syria_geonames.csv", geonames)
    _write(args.dest / "syria_ocha.csv", ocha)
    _write(args.dest / "syria_osm.csv", osm)


if __name__ == "__main__":
    main()
