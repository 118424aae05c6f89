"""Dashboard API latency: median and p95 milliseconds per endpoint through the real ASGI app.

Two databases: the seed pages run through the real pipeline, and the same corpus scaled up
(stories and events copied N times under new ids, as a stand-in for a larger collection).
Writes bench/results/serve.json.

    .venv/bin/python bench/serve.py [--scale 200] [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
from fastapi.testclient import TestClient

from crosswire.pipeline import run
from crosswire.serve import create_app

ROOT = Path(__file__).resolve().parents[1]


def scale_up(db: Path, times: int) -> None:
    """Copy every story and event ``times`` times under new ids (clusters copied along)."""
    con = duckdb.connect(str(db))
    for i in range(1, times):
        con.execute(
            "INSERT INTO stories SELECT * REPLACE (story_id || ? AS story_id) FROM stories"
            " WHERE story_id NOT LIKE '%#%'",
            [f"#{i}"],
        )
        con.execute(
            "INSERT INTO events SELECT * REPLACE (event_id || ? AS event_id, story_id || ? AS story_id,"
            " cluster_id || ? AS cluster_id) FROM events WHERE event_id NOT LIKE '%#%'",
            [f"#{i}"] * 3,
        )
    con.close()


def endpoints(client: TestClient) -> dict[str, str]:
    meta = client.get("/api/meta").json()
    gov = meta["facets"]["governorates"][0] if meta["facets"]["governorates"] else ""
    first = client.get("/api/events", params={"limit": 1}).json()["items"]
    event_id = first[0]["event_id"] if first else "none"
    outlet = next((o for o in meta["facets"]["outlets"] if o), "none")
    return {
        "meta": "/api/meta",
        "events_page": "/api/events?limit=100",
        "events_governorate": f"/api/events?governorate={gov}&limit=100",
        "geojson_all": "/api/events.geojson",
        "timeline_week": "/api/timeline?bucket=week",
        "clusters": "/api/clusters?limit=100",
        "event_page": f"/api/events/{event_id}",
        "search": "/api/search?q=Aleppo",
        "outlets": "/api/outlets",
        "outlet_page": f"/api/outlets/{outlet}",
    }


def measure(db: Path, repeat: int) -> dict[str, Any]:
    with TestClient(create_app(db)) as client:
        out: dict[str, Any] = {"counts": client.get("/api/meta").json()["counts"], "ms": {}}
        for name, url in endpoints(client).items():
            client.get(url)  # warm (and build the FTS index once)
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                r = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (url, r.status_code, r.text[:200])
            times.sort()
            out["ms"][name] = {
                "median": round(statistics.median(times), 1),
                "p95": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds.duckdb"
        run([str(ROOT / "samples")], str(seeds))
        results = {"seeds": measure(seeds, args.repeat)}
        scaled = Path(tmp) / "scaled.duckdb"
        scaled.write_bytes(seeds.read_bytes())
        scale_up(scaled, args.scale)
        results[f"seeds_x{args.scale}"] = measure(scaled, args.repeat)
    for label, res in results.items():
        c = res["counts"]
        print(f"{label}: {c['stories']} stories, {c['events']} events")
        for name, ms in res["ms"].items():
            print(f"  {name:20s} median {ms['median']:7.1f} ms   p95 {ms['p95']:7.1f} ms")
    out = ROOT / "bench" / "results" / "serve.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
