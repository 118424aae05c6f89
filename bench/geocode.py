"""Geocoding benchmark: toponym resolution, FA-KES governorate accuracy, false matches, speed.

Prints the figures and writes them to bench/results/geocode.json.

1. Toponym resolution
   a. Syrian Archive's spellings (GPL data, read from the shared folder at bench time and never
      bundled): every ``syrianarchive`` alternate name of a row we bundle, with that name removed
      from our gazetteer by construction (build_gazetteer.py drops them). A hit: the name resolves
      to the same row, or to a row within 5 km in the same governorate.
   b. News spellings (NEWS_SPELLINGS below): spellings of well-known places as outlets print
      them, with the governorate each lies in. A hit: the governorate matches.
2. FA-KES dev: governorate of the main event (the ``location`` column) against the admin1 of
   ``locate_event`` on the article's first event-bearing sentence (a simple trigger regex stands
   in for the event extractor). FA-KES files Rural Damascus under "damascus", so both count as
   Damascus there.
3. False matches: place mentions found in PLOVER's gold sentences that are not about Syria
   (reported per 1,000 words, with the most frequent surfaces to inspect).
4. Speed: gazetteer load time; mentions/s and words/s of find_place_mentions on FA-KES text.

Usage: ``.venv/bin/python bench/geocode.py [--shared /work/shared] [--ner]``
(``--ner`` also runs spaCy NER and passes its entities in, as the pipeline does).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from crosswire.extract.actors import find_actor_mentions
from crosswire.geocode import (
    Gazetteer,
    canonical_admin1,
    distance_km,
    find_place_mentions,
    locate_event,
    resolve,
)
from crosswire.models import Mention

ROOT = Path(__file__).resolve().parent.parent

#: (spelling as printed in news, governorate). Written from outlets' usage, not from any eval row.
NEWS_SPELLINGS: list[tuple[str, str]] = [
    ("Deir ez-Zor", "Deir ez-Zor"), ("Deir Az-Zor", "Deir ez-Zor"), ("Dayr al-Zawr", "Deir ez-Zor"),
    ("Deir Ezzor", "Deir ez-Zor"), ("Deir al-Zour", "Deir ez-Zor"), ("Al-Mayadeen", "Deir ez-Zor"),
    ("Mayadin", "Deir ez-Zor"), ("Albu Kamal", "Deir ez-Zor"), ("Abu Kamal", "Deir ez-Zor"),
    ("Khan Tuman", "Aleppo"), ("Khan Touman", "Aleppo"), ("Khan-Tuman", "Aleppo"), ("Manbij", "Aleppo"),
    ("Menbij", "Aleppo"), ("Al-Bab", "Aleppo"), ("Azaz", "Aleppo"), ("A'zaz", "Aleppo"), ("Afrin", "Aleppo"),
    ("Jarabulus", "Aleppo"), ("Jarablus", "Aleppo"), ("Tal Rifaat", "Aleppo"), ("Tel Rifaat", "Aleppo"),
    ("Nubl", "Aleppo"), ("Zahraa", "Aleppo"), ("Anadan", "Aleppo"), ("Haritan", "Aleppo"),
    ("Hraytan", "Aleppo"),
    ("Atareb", "Aleppo"), ("Al-Atarib", "Aleppo"), ("Kobane", "Aleppo"), ("Safira", "Aleppo"),
    ("Al-Safira", "Aleppo"), ("Deir Hafer", "Aleppo"), ("Maskanah", "Aleppo"),
    ("Atmeh", "Idlib"), ("Atma", "Idlib"), ("Talmenes", "Idlib"), ("Telamnas", "Idlib"), ("Sarmin", "Idlib"),
    ("Khan Sheikhoun", "Idlib"), ("Khan-Sheikhun", "Idlib"), ("Khan Shaykhun", "Idlib"),
    ("Maarat al-Numan", "Idlib"), ("Maaret al-Numan", "Idlib"), ("Ma'arrat al-Nu'man", "Idlib"),
    ("Saraqeb", "Idlib"), ("Saraqib", "Idlib"), ("Jisr al-Shughur", "Idlib"), ("Jisr ash-Shughur", "Idlib"),
    ("Ariha", "Idlib"), ("Kafr Nabl", "Idlib"), ("Kafranbel", "Idlib"), ("Binnish", "Idlib"),
    ("Taftanaz", "Idlib"), ("Harem", "Idlib"), ("Harim", "Idlib"), ("Salqin", "Idlib"), ("Sarmada", "Idlib"),
    ("Dana", "Idlib"), ("Al-Dana", "Idlib"), ("Hish", "Idlib"), ("Kafr Takharim", "Idlib"),
    ("Al-Hasakeh", "Hasakah"), ("Hasakah", "Hasakah"), ("Qamishli", "Hasakah"), ("Al-Qamishli", "Hasakah"),
    ("Ras al-Ain", "Hasakah"), ("Ras al-Ayn", "Hasakah"), ("Shaddadi", "Hasakah"), ("Al-Shadadi", "Hasakah"),
    ("Tal Tamr", "Hasakah"), ("Tell Tamer", "Hasakah"), ("Amuda", "Hasakah"), ("Derbasiyah", "Hasakah"),
    ("Raqqa", "Raqqa"), ("Al-Raqqa", "Raqqa"), ("Rakka", "Raqqa"), ("Tabqa", "Raqqa"), ("Al-Tabqa", "Raqqa"),
    ("Tal Abyad", "Raqqa"), ("Tell Abyad", "Raqqa"), ("Ain Issa", "Raqqa"), ("Ayn Issa", "Raqqa"),
    ("Homs", "Homs"), ("Palmyra", "Homs"), ("Tadmur", "Homs"), ("Al-Qusayr", "Homs"), ("Qusair", "Homs"),
    ("Talbiseh", "Homs"), ("Al-Rastan", "Homs"), ("Rastan", "Homs"), ("Al-Quaryatayn", "Homs"),
    ("Qaryatayn", "Homs"), ("Houla", "Homs"), ("Taldou", "Homs"),
    ("Hama", "Hama"), ("Hamah", "Hama"), ("Morek", "Hama"), ("Murak", "Hama"), ("Kafr Zita", "Hama"),
    ("Al-Latamneh", "Hama"), ("Latamneh", "Hama"), ("Salamiyah", "Hama"), ("Salamieh", "Hama"),
    ("Mahardeh", "Hama"), ("Suqaylabiyah", "Hama"), ("Soran", "Hama"),
    ("Latakia", "Latakia"), ("Lattakia", "Latakia"), ("Jableh", "Latakia"), ("Jebleh", "Latakia"),
    ("Kessab", "Latakia"), ("Kasab", "Latakia"), ("Qardaha", "Latakia"), ("Salma", "Latakia"),
    ("Tartus", "Tartus"), ("Tartous", "Tartus"), ("Baniyas", "Tartus"), ("Banias", "Tartus"),
    ("Safita", "Tartus"),
    ("Damascus", "Damascus"), ("Douma", "Rural Damascus"), ("Duma", "Rural Damascus"),
    ("Darayya", "Rural Damascus"), ("Daraya", "Rural Damascus"), ("Zabadani", "Rural Damascus"),
    ("Madaya", "Rural Damascus"), ("Harasta", "Rural Damascus"), ("Arbin", "Rural Damascus"),
    ("Zamalka", "Rural Damascus"), ("Saqba", "Rural Damascus"), ("Kafr Batna", "Rural Damascus"),
    ("Hamouria", "Rural Damascus"), ("Hammouriyeh", "Rural Damascus"), ("Moadamiyeh", "Rural Damascus"),
    ("Muadamiyat al-Sham", "Rural Damascus"), ("Al-Tall", "Rural Damascus"), ("Qudsaya", "Rural Damascus"),
    ("Wadi Barada", "Rural Damascus"), ("Yabroud", "Rural Damascus"), ("Yabrud", "Rural Damascus"),
    ("Daraa", "Daraa"), ("Deraa", "Daraa"), ("Dar'a", "Daraa"), ("Nawa", "Daraa"), ("Bosra", "Daraa"),
    ("Busra al-Sham", "Daraa"), ("Inkhil", "Daraa"), ("Tafas", "Daraa"), ("Jasim", "Daraa"),
    ("Izraa", "Daraa"), ("Sheikh Miskeen", "Daraa"), ("Al-Sheikh Maskin", "Daraa"),
    ("As-Suwayda", "As-Suwayda"), ("Sweida", "As-Suwayda"), ("Suwayda", "As-Suwayda"),
    ("Shahba", "As-Suwayda"), ("Salkhad", "As-Suwayda"),
    ("Quneitra", "Quneitra"), ("Khan Arnabeh", "Quneitra"), ("Jubata al-Khashab", "Quneitra"),
]

TRIGGER = re.compile(
    r"\b(kill\w*|dead|death toll|died|wound\w*|injur\w*|attack\w*|bomb\w*|shell\w*|strike\w*|airstrike\w*|"
    r"air raid\w*|raid\w*|clash\w*|fight\w*|explo\w*|blast\w*|offensive|assault\w*|captur\w*|seiz\w*|"
    r"recaptur\w*|liberat\w*|advanc\w*|massacre\w*|siege|besieg\w*|battle\w*|ambush\w*|target\w*|"
    r"fire[ds]?|hit|destroy\w*|evacuat\w*|protest\w*|gas|chemical)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def bench_toponyms(shared: Path) -> dict[str, Any]:
    gaz = Gazetteer.default()
    out: dict[str, Any] = {}
    # (a) Syrian Archive spellings of rows we bundle
    hits = total = 0
    misses: list[str] = []
    with (shared / "gazetteer" / "syria_places.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if "syrianarchive" not in r["source"] or r["source"] == "syrianarchive_locations":
                continue
            truth = gaz.by_id.get(f"ocha:{r['pcode']}") or gaz.by_id.get(f"iom:{r['pcode']}")
            if truth is None:
                continue
            for alt in [a for a in r["alt_names"].split("|") if a]:
                total += 1
                unit = gaz.admin1_entry(truth.admin1) if truth.admin1 else None
                got = resolve(alt, [unit] if unit else [])
                near = got is not None and got.admin1 == truth.admin1 and distance_km(got, truth) < 5
                if got and (got.id == truth.id or near):
                    hits += 1
                elif len(misses) < 15:
                    misses.append(f"{alt} -> {got.name if got else None} (want {truth.name})")
    out["syrianarchive_alt_names"] = {"n": total, "accuracy": round(hits / max(1, total), 4),
                                      "examples_missed": misses}
    # (a') the same spellings with no governorate context
    # (b) news spellings
    hits = 0
    missed = []
    for spelling, gov in NEWS_SPELLINGS:
        got = resolve(spelling)
        if got and got.admin1 == gov:
            hits += 1
        else:
            missed.append(f"{spelling} -> {got.name + ' / ' + got.admin1 if got else None} (want {gov})")
    out["news_spellings"] = {"n": len(NEWS_SPELLINGS), "accuracy": round(hits / len(NEWS_SPELLINGS), 4),
                             "missed": missed}
    return out


def _fakes_gov(value: str) -> str | None:
    g = canonical_admin1(value)
    return "Damascus" if g == "Rural Damascus" else g


def main_place(text: str, places: list[Mention], story_id: str) -> Any:
    """The article's main event place: the first event-bearing sentence that names a place, else
    the first event-bearing sentence (locate_event then falls back to dateline / prominence)."""
    events = [(sm, trig) for sm in SENTENCE.finditer(text) if (trig := TRIGGER.search(sm.group()))]
    for sm, trig in events:
        if any(sm.start() <= m.start < sm.end() for m in places):
            return locate_event(text, sm.start(), sm.end(), sm.start() + trig.start(), places,
                                story_id=story_id)
    if events:
        sm, trig = events[0]
        return locate_event(text, sm.start(), sm.end(), sm.start() + trig.start(), places, story_id=story_id)
    return locate_event(text, 0, 0, 0, places, story_id=story_id)


def bench_fakes(shared: Path, nlp: Any | None) -> dict[str, Any]:
    rows = list(csv.DictReader((shared / "eval" / "fakes" / "fakes_dev.csv").open(encoding="utf-8")))
    find_place_mentions(rows[0]["article_content"])  # warm-up: wordfreq loads its tables on first use
    correct = answered = 0
    by_precision: Counter[int] = Counter()
    confusion: Counter[str] = Counter()
    n_mentions = 0
    n_words = 0
    elapsed = 0.0
    for r in rows:
        text = r["article_content"]
        n_words += len(text.split())
        ner: list[Mention] = []
        if nlp is not None:
            doc = nlp(text)
            ner = [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
        actors = find_actor_mentions(text)  # as annotate does: their names veto the places inside
        t0 = time.perf_counter()
        places = find_place_mentions(text, ner=ner, actors=actors)
        elapsed += time.perf_counter() - t0
        n_mentions += len(places)
        place = main_place(text, places, r["unit_id"])
        gold = _fakes_gov(r["location"])
        pred = _fakes_gov(place.admin1) if place and place.admin1 else None
        if pred is not None:
            answered += 1
            by_precision[place.geo_precision] += 1
        if pred == gold:
            correct += 1
        else:
            confusion[f"{gold} -> {pred}"] += 1
    return {
        "n": len(rows),
        "governorate_accuracy": round(correct / len(rows), 4),
        "answered": round(answered / len(rows), 4),
        "accuracy_when_answered": round(correct / max(1, answered), 4),
        "geo_precision_counts": dict(sorted(by_precision.items())),
        "top_confusions": confusion.most_common(10),
        "with_spacy_ner": nlp is not None,
        "speed": {
            "mentions": n_mentions,
            "mentions_per_s": round(n_mentions / max(elapsed, 1e-9)),
            "words_per_s": round(n_words / max(elapsed, 1e-9)),
        },
    }


def bench_false_matches(shared: Path) -> dict[str, Any]:
    """Place matches in PLOVER's sentences, which report events outside Syria: a match that
    resolves to a home-country place (the gazetteer's detailed country) is false; one that
    resolves to a neighbour's place ("Baghdad" in an Iraq story) may well be right, and is
    counted apart."""
    from crosswire.geocode import _home_countries

    gaz = Gazetteer.default()
    home = _home_countries(gaz)
    words = 0
    found: Counter[str] = Counter()
    abroad: Counter[str] = Counter()
    with (shared / "eval" / "plover" / "plover_gsr.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec.get("text") or rec.get("sentence") or ""
            words += len(text.split())
            for m in find_place_mentions(text):
                e = gaz.by_id.get(m.canonical or "")
                if e is not None and e.country and e.country.upper() not in home:
                    abroad[m.text] += 1
                else:
                    found[m.text] += 1
    total = sum(found.values())
    return {"words": words, "matches": total, "per_1000_words": round(1000 * total / max(1, words), 2),
            "most_common": found.most_common(20),
            "neighbour_place_matches": sum(abroad.values()), "neighbour_most_common": abroad.most_common(10)}


def main() -> None:
    ap = argparse.ArgumentParser(description="geocoding benchmark")
    ap.add_argument("--shared", type=Path, default=Path("/work/shared"))
    ap.add_argument("--ner", action="store_true", help="also pass spaCy entities in (slower)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    gaz = Gazetteer.default()
    load_s = time.perf_counter() - t0
    nlp = None
    if args.ner:
        import spacy

        from crosswire.settings import DEFAULT

        nlp = spacy.load(DEFAULT.spacy_model, disable=["parser", "lemmatizer"])
    results: dict[str, Any] = {
        "gazetteer": {"entries": len(gaz), "files": [p.name for p in gaz.files], "load_s": round(load_s, 3)},
        "toponyms": bench_toponyms(args.shared),
        "fakes_dev": bench_fakes(args.shared, nlp),
        "false_matches_plover": bench_false_matches(args.shared),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }
    out = ROOT / "bench" / "results" / ("geocode_ner.json" if args.ner else "geocode.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    t = results["toponyms"]
    f = results["fakes_dev"]
    print(f"gazetteer: {len(gaz)} entries from {len(gaz.files)} files, loaded in {load_s:.2f}s")
    print(f"toponyms: syrianarchive spellings {t['syrianarchive_alt_names']['accuracy']:.1%} "
          f"(n={t['syrianarchive_alt_names']['n']}); news spellings {t['news_spellings']['accuracy']:.1%} "
          f"(n={t['news_spellings']['n']})")
    print(f"FA-KES dev governorate accuracy {f['governorate_accuracy']:.1%} (n={f['n']}, answered "
          f"{f['answered']:.1%}); precision counts {f['geo_precision_counts']}")
    print(f"speed: {f['speed']['mentions_per_s']} mentions/s, {f['speed']['words_per_s']} words/s")
    fm = results["false_matches_plover"]
    print(f"false matches on PLOVER (non-Syria) text: {fm['per_1000_words']} per 1000 words "
          f"(beside {fm['neighbour_place_matches']} matches of neighbours' places); "
          f"{fm['most_common'][:8]}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
