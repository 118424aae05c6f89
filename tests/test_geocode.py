"""Geocoding: transliteration, gazetteer resolution, place mentions, the event's place, imports."""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crosswire import geocode
from crosswire.cli import main as cli_main
from crosswire.errors import DataFileError
from crosswire.geocode import (
    GazEntry,
    Gazetteer,
    canonical_admin1,
    distance_km,
    find_place_mentions,
    governorate_of,
    import_gazetteer,
    locate_event,
    normalise_toponym,
    resolve,
)
from crosswire.models import Mention

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Any:
    from crosswire.annotate import nlp as load

    return load()


@pytest.fixture()
def fresh_default() -> Iterator[None]:
    Gazetteer.reset_default()
    yield
    Gazetteer.reset_default()


def _point(lat: float, lon: float) -> GazEntry:
    return GazEntry(id="x", name="x", latitude=lat, longitude=lon)


# --- transliteration ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        ("Deir ez-Zor", "Deir Az-Zor", "Dayr al-Zawr", "Deir Ezzor"),
        ("Ramouseh", "Ramuse", "Ramousa"),
        ("Khan Tuman", "Khan Touman", "Khan-Tuman"),
        ("Atmeh", "Atma"),
        ("Khan Sheikhoun", "Khan-Sheikhun", "Khan Shaykhun"),
        ("Manbij", "Menbij"),
        ("Al-Mayadeen", "Mayadin"),
        ("Hasakah", "Al-Hasakeh"),
        ("Idlib", "Idleb"),
    ],
)
def test_news_spellings_of_one_place_share_a_match_key(variants: tuple[str, ...]) -> None:
    assert len({normalise_toponym(v) for v in variants}) == 1


def test_distinct_places_keep_distinct_keys() -> None:
    assert normalise_toponym("Daraa") != normalise_toponym("Darayya")
    assert normalise_toponym("Hama") != normalise_toponym("Homs")
    assert normalise_toponym("Aleppo") != normalise_toponym("Idlib")


def test_talmenes_and_telamnas_meet_through_the_consonant_skeleton() -> None:
    entry = resolve("Talmenes")
    assert entry is not None and entry.name == "Telamnas" and entry.admin1 == "Idlib"


@pytest.mark.parametrize(
    ("spelling", "admin1"),
    [
        ("Deir ez-Zor", "Deir ez-Zor"), ("Dayr al-Zawr", "Deir ez-Zor"), ("Deir Ezzor", "Deir ez-Zor"),
        ("Khan Tuman", "Aleppo"), ("Khan Touman", "Aleppo"), ("Atmeh", "Idlib"), ("Talmenes", "Idlib"),
        ("Sarmin", "Idlib"), ("Khan Sheikhoun", "Idlib"), ("Khan-Sheikhun", "Idlib"),
        ("Khan Shaykhun", "Idlib"), ("Manbij", "Aleppo"), ("Menbij", "Aleppo"),
        ("Al-Mayadeen", "Deir ez-Zor"), ("Mayadin", "Deir ez-Zor"), ("Hasakah", "Hasakah"),
        ("Al-Hasakeh", "Hasakah"), ("Daraa", "Daraa"), ("Homs", "Homs"),
    ],
)
def test_variant_resolves_to_a_place_in_the_right_governorate(spelling: str, admin1: str) -> None:
    entry = resolve(spelling)
    assert entry is not None and entry.admin1 == admin1


def test_towns_win_over_same_named_villages_and_units() -> None:
    for name in ("Aleppo", "Idlib", "Khan Shaykhun", "Manbij", "Sarmin"):
        entry = resolve(name)
        assert entry is not None and entry.feature_class == "P", name
    sarmin = resolve("Sarmin")
    assert sarmin is not None and distance_km(sarmin, _point(35.904, 36.724)) < 3


def test_atmeh_resolves_inside_idlib_near_the_turkish_border() -> None:
    entry = resolve("Atmeh")
    assert entry is not None and entry.admin1 == "Idlib"
    assert distance_km(entry, _point(36.36, 36.67)) < 10


@pytest.mark.parametrize(
    ("value", "canonical"),
    [("idlib", "Idlib"), ("Idleb", "Idlib"), ("deir ezzor", "Deir ez-Zor"), ("hasakeh", "Hasakah"),
     ("lattakia", "Latakia"), ("Tartous", "Tartus"), ("Rif Dimashq", "Rural Damascus"),
     ("damascus suburbs", "Rural Damascus"), ("Dar'a", "Daraa"), ("As-Sweida", "As-Suwayda"),
     ("Ar-Raqqa", "Raqqa"), ("Idlib province", "Idlib")],
)
def test_governorate_spellings_fold_to_one_canonical_name(value: str, canonical: str) -> None:
    assert canonical_admin1(value) == canonical


def test_governorate_of_a_town() -> None:
    assert governorate_of("Khan Sheikhoun") == "Idlib"
    assert governorate_of("Nowhere-At-All-Qwxz") is None


def test_context_picks_the_namesake_near_the_other_places() -> None:
    gaz = Gazetteer.default()
    namesakes = {e.admin1 for e in gaz.lookup("Tall Tawil")}
    assert {"Aleppo", "Hasakah"} <= namesakes  # really ambiguous
    hasakah = gaz.admin1_entry("Hasakah")
    assert hasakah is not None
    in_hasakah = resolve("Tall Tawil", [hasakah])
    assert in_hasakah is not None and in_hasakah.admin1 == "Hasakah"
    aleppo = resolve("Aleppo")
    assert aleppo is not None
    in_aleppo = resolve("Tall Tawil", [aleppo])
    assert in_aleppo is not None and in_aleppo.admin1 == "Aleppo"


def test_bundled_gazetteer_holds_no_gpl_syrian_archive_rows() -> None:
    for path in Gazetteer.default().files:
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                assert "syrianarchive" not in row["source"].lower(), path


# --- finding places in text -----------------------------------------------------------------


def test_mentions_carry_absolute_offsets_and_gazetteer_ids() -> None:
    text = "Shelling hit Khan-Tuman and the town of Sarmin on Monday."
    base = 1000
    found = find_place_mentions(text, base=base)
    assert [m.text for m in found] == ["Khan-Tuman", "Sarmin"]
    for m in found:
        assert m.label == "GAZ" and m.canonical in Gazetteer.default().by_id
        assert text[m.start - base : m.end - base] == m.text


def test_multiword_names_with_articles_are_one_mention() -> None:
    text = "Clashes near Deir ez-Zor, Jisr al-Shughur and Ma'arrat al-Nu'man continued."
    want = ["Deir ez-Zor", "Jisr al-Shughur", "Ma'arrat al-Nu'man"]
    assert [m.text for m in find_place_mentions(text)] == want


def test_common_english_words_and_people_are_not_villages() -> None:
    text = (
        "The Joint Investigative Mechanism said a shell hit the building. Presidential adviser "
        "Bouthaina Shaaban spoke to UN envoy Staffan de Mistura. Serbia and Albania also voted."
    )
    assert find_place_mentions(text) == []


def test_aleppo_labelled_norp_and_atmeh_labelled_person_are_still_places(nlp: Any) -> None:
    text = "Aleppo residents fled as jets struck the camp in Atmeh near the Turkish border."
    doc = nlp(text)
    ner = [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    found = {m.text: m for m in find_place_mentions(text, ner=ner)}
    assert {"Aleppo", "Atmeh"} <= set(found)
    assert Gazetteer.default().by_id[found["Atmeh"].canonical or ""].admin1 == "Idlib"


def test_place_word_inside_a_person_name_is_not_a_place(nlp: Any) -> None:
    text = "President Bashar al-Assad met Walid Muallem in Damascus."
    doc = nlp(text)
    ner = [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    assert [m.text for m in find_place_mentions(text, ner=ner)] == ["Damascus"]


# --- the event's place ----------------------------------------------------------------------


def _locate(text: str, trigger: str, story_id: str = "s1") -> Any:
    places = find_place_mentions(text)
    t = text.index(trigger)
    start = max(text.rfind(". ", 0, t) + 2, 0) if text.rfind(". ", 0, t) >= 0 else 0
    end = text.find(". ", t)
    end = len(text) if end < 0 else end + 1
    return locate_event(text, start, end, t, places, story_id)


def test_place_itself_gets_precision_1_with_evidence() -> None:
    text = "Activists said. An air strike hit a market in Atmeh on Tuesday, killing five people."
    place = _locate(text, "air strike")
    assert place.name == "Atma" and place.admin1 == "Idlib" and place.geo_precision == 1
    ev = place.evidence
    assert ev.story_id == "s1" and text[ev.start : ev.end] == ev.text == "Atmeh"
    assert text[ev.sentence_start : ev.sentence_end] == ev.sentence and "air strike" in ev.sentence
    assert place.pcode and place.gazetteer_id and place.latitude and place.longitude


def test_near_a_place_gets_precision_2() -> None:
    place = _locate("Rebels shelled army positions near Sarmin on Friday.", "shelled")
    assert place.name == "Sarmin" and place.geo_precision == 2
    place = _locate("Clashes raged on the outskirts of Khan Sheikhoun overnight.", "Clashes")
    assert place.admin1 == "Idlib" and place.geo_precision == 2


def test_a_designator_phrase_does_not_hide_the_proximity_cue_before_it() -> None:
    # "the <adjectives> town of X" says what X is; the cue before it says where the event was
    place = _locate("A car bomb exploded near the town of Atmeh on Tuesday.", "car bomb")
    assert (place.name, place.geo_precision) == ("Atma", 2)
    text = "Militants seized a gas field east of the central city of Homs on Thursday."
    assert (_locate(text, "seized").name, _locate(text, "seized").geo_precision) == ("Homs", 2)
    text = "Jets pounded areas outside the rebel-held northern Syrian city of Aleppo."
    assert _locate(text, "pounded").geo_precision == 2
    # with no proximity cue the phrase still names the place itself
    place = _locate("A car bomb exploded in the central city of Homs on Tuesday.", "car bomb")
    assert (place.name, place.geo_precision) == ("Homs", 1)
    place = _locate("Jets struck the northern town of Saraqeb, killing six.", "struck")
    assert place.admin1 == "Idlib" and place.geo_precision == 1


def test_province_only_gets_precision_3_and_the_governorate() -> None:
    place = _locate("Russian jets bombed rebel positions in Idlib province on Sunday.", "bombed")
    assert place.name == "Idlib" and place.admin1 == "Idlib" and place.geo_precision == 3
    assert place.admin2 is None and place.pcode == "SY07"
    place = _locate("Air strikes hit the province of Deir ez-Zor.", "strikes")
    assert place.admin1 == "Deir ez-Zor" and place.geo_precision == 3


def test_town_beats_its_province_in_the_same_sentence() -> None:
    place = _locate("Jets struck Saraqeb in Idlib province, killing six.", "struck")
    assert place.admin1 == "Idlib" and place.geo_precision == 1 and place.name != "Idlib"


def test_missing_neighbourhood_falls_back_to_its_city_with_precision_2() -> None:
    for text, trigger in [
        ("Shells fell on the Furqan district of Aleppo, killing three.", "Shells"),
        ("Fighting erupted in Aleppo's Bab Qinnasrin neighbourhood on Monday.", "Fighting"),
        ("Rebels attacked the western Furqan area of Aleppo city.", "attacked"),
    ]:
        place = _locate(text, trigger)
        assert place.name == "Aleppo" and place.geo_precision == 2, text
        assert place.evidence.text in text and len(place.evidence.text) > len("Aleppo")


def test_place_closest_to_the_trigger_in_its_sentence_wins() -> None:
    text = "Officials in Damascus said a car bomb exploded in Jableh, killing 12."
    assert _locate(text, "exploded").admin1 == "Latakia"


def test_sentence_without_a_place_falls_back_to_the_dateline() -> None:
    text = "ALEPPO, Syria (AP) - Medics say it is the worst day yet. At least 20 people were killed."
    place = _locate(text, "killed")
    assert place.name == "Aleppo" and place.geo_precision == 2


def test_no_place_anywhere_gives_none() -> None:
    assert _locate("At least 20 people were killed, medics said.", "killed") is None


# --- importing other gazetteers -------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_geonames_dump_filters_country_and_is_loaded(tmp_path: Path, fresh_default: None) -> None:
    dump = _write(tmp_path / "IQ.txt", "\n".join([
        "\t".join(["99241", "Mosul", "Mosul", "Al Mawsil,Mossoul,Musul", "36.335", "43.11889", "P", "PPLA",
                   "IQ", "", "18", "", "", "", "1739800", "", "223", "Asia/Baghdad", "2016-01-01"]),
        "\t".join(["98182", "Baghdad", "Baghdad", "Bagdad", "33.34058", "44.40088", "P", "PPLC", "IQ", "",
                   "07", "", "", "", "7216000", "", "41", "Asia/Baghdad", "2016-01-01"]),
        "\t".join(["1", "Elsewhere", "Elsewhere", "", "10.0", "10.0", "P", "PPL", "XX", "", "", "", "", "",
                   "0", "", "", "", ""]),
    ]) + "\n")
    result = import_gazetteer(dump, "geonames", country="IQ", dest=tmp_path / "data")
    assert result.rows == 2 and result.skipped == 1
    assert result.path == tmp_path / "data" / "gazetteer" / "IQ.csv"
    gaz = Gazetteer([result.path])
    mosul = resolve("Al-Mawsil", gazetteer=gaz)
    assert mosul is not None and mosul.name == "Mosul" and mosul.country == "IQ"
    assert gaz.by_id["geonames:98182"].population == 7216000


def test_import_geonames_names_admin_codes_from_the_dumps_own_adm1_rows(tmp_path: Path, fresh_default: None) -> None:
    row = ["", "", "", "", "", "", "", "", "IQ", "", "", "", "", "", "0", "", "", "Asia/Baghdad", "2016-01-01"]

    def line(gid: str, name: str, lat: str, lon: str, fclass: str, fcode: str, adm1: str) -> str:
        f = list(row)
        f[0:8], f[10] = [gid, name, name, "", lat, lon, fclass, fcode], adm1
        return "\t".join(f)

    dump = _write(tmp_path / "IQ.txt", "\n".join([
        line("1", "Mosul", "36.335", "43.11889", "P", "PPLA", "18"),
        line("2", "Ninawa", "36.0", "42.5", "A", "ADM1", "18"),
        line("3", "Ramadi", "33.42056", "43.30778", "P", "PPLA", "04"),  # no ADM1 row for 04 here
    ]) + "\n")
    gaz = Gazetteer([import_gazetteer(dump, "geonames", country="IQ", dest=tmp_path / "data").path])
    assert gaz.by_id["geonames:1"].admin1 == "Ninawa"
    assert gaz.by_id["geonames:3"].admin1 == "04"  # kept as the code the dump gives


def test_imported_folder_is_read_through_crosswire_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_default: None
) -> None:
    src = _write(tmp_path / "mine.csv", "place,lat,lon,aliases\nKherson,46.6354,32.6169,Cherson;Herson\n")
    monkeypatch.setenv("CROSSWIRE_DATA", str(tmp_path / "userdata"))
    result = import_gazetteer(src, "csv", country="UA")
    assert result.path == tmp_path / "userdata" / "gazetteer" / "mine.csv"
    entry = resolve("Cherson")  # through Gazetteer.default(): bundled + the user's folder
    assert entry is not None and entry.country == "UA" and entry.name == "Kherson"
    assert resolve("Aleppo") is not None  # bundled places still there


def test_import_ocha_pcode_table(tmp_path: Path) -> None:
    table = _write(tmp_path / "pcodes.csv", (
        "admin1Name_en,admin1Pcode,admin2Name_en,admin2Pcode,admin3Name_en,admin3Pcode,admin4Name_en,"
        "admin4Name_ar,admin4Pcode,latitude,longitude\n"
        "Idleb,SY07,Harim,SY0703,Dana,SY070301,Atma,أطمة,C4130,36.309771,36.689846\n"
        "Aleppo,SY02,Jebel Saman,SY0200,Jebel Saman,SY020000,Khan tuman,خان طومان,C1015,36.118418,37.050872\n"
    ))
    result = import_gazetteer(table, "ocha", country="sy", dest=tmp_path)
    rows = list(csv.DictReader(result.path.open(encoding="utf-8")))
    assert [r["name"] for r in rows] == ["Atma", "Khan tuman"]
    assert rows[0]["pcode"] == "C4130" and rows[0]["admin1"] == "Idleb" and rows[0]["name_ar"] == "أطمة"
    gaz = Gazetteer([result.path])
    assert gaz.by_id["ocha:C4130"].admin1 == "Idlib"  # canonical spelling on load
    assert tuple(rows[0]) == geocode.GAZ_COLUMNS


@pytest.mark.parametrize(
    ("fmt", "content", "message"),
    [
        ("geonames", "1\tMosul\t36.3\n", "expected 19 tab-separated fields"),
        ("geonames", "\t".join(["1", "X", "X", "", "north", "43.1", "P", "PPL", "IQ", "", "", "", "", "",
                                "0", "", "", "", ""]) + "\n", "latitude 'north' is not a number"),
        ("ocha", "name,value\nfoo,1\n", "not an OCHA P-code table"),
        ("csv", "town,population\nFoo,12\n", "needs name, latitude and longitude"),
        ("csv", "name,lat,lon\nFoo,abc,1\n", ":2: latitude"),
    ],
)
def test_malformed_file_gives_a_clear_coded_error(
    tmp_path: Path, fmt: str, content: str, message: str
) -> None:
    bad = _write(tmp_path / "bad.txt", content)
    with pytest.raises(DataFileError) as info:
        import_gazetteer(bad, fmt, dest=tmp_path / "out")
    assert info.value.code == "CW303" and message in str(info.value)
    assert not (tmp_path / "out" / "gazetteer").exists()


def test_cli_gazetteer_import(tmp_path: Path) -> None:
    src = _write(tmp_path / "towns.csv", "name,latitude,longitude\nKramatorsk,48.7233,37.5561\n")
    runner = CliRunner()
    ok = runner.invoke(cli_main, ["gazetteer", "import", str(src), "--format", "csv", "--country", "UA",
                                  "--dest", str(tmp_path / "d")])
    assert ok.exit_code == 0, ok.output
    assert "wrote 1 places" in ok.output and (tmp_path / "d" / "gazetteer" / "towns.csv").is_file()
    bad = _write(tmp_path / "bad.csv", "just,some\ncolumns,here\n")
    res = runner.invoke(cli_main, ["gazetteer", "import", str(bad), "--format", "csv",
                                   "--dest", str(tmp_path)])
    assert res.exit_code == 2 and "[CW303]" in res.output and "latitude" in res.output


def test_malformed_gazetteer_data_file_raises_coded_error(tmp_path: Path) -> None:
    bad = _write(tmp_path / "broken.csv", "title,body\nx,y\n")
    with pytest.raises(DataFileError, match="not a crosswire gazetteer CSV"):
        Gazetteer([bad])


# --- quality floors (figures measured by bench/geocode.py sit well above) -------------------


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_geocode", ROOT / "bench" / "geocode.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "eval" / "fakes" / "fakes_dev.csv").exists(),
                    reason="shared eval data absent")
def test_quality_floors_on_dev_data() -> None:
    bench = _bench()
    top = bench.bench_toponyms(SHARED)
    assert top["news_spellings"]["accuracy"] >= 0.85
    assert top["syrianarchive_alt_names"]["accuracy"] >= 0.5
    fakes = bench.bench_fakes(SHARED, None)
    assert fakes["governorate_accuracy"] >= 0.8
    assert bench.bench_false_matches(SHARED)["per_1000_words"] <= 6.0


def test_far_off_namesake_village_does_not_take_the_event() -> None:
    # the gazetteer has no "Ghouta" region, only a namesake village hundreds of km away
    text = "Rockets hit eastern Ghouta near Damascus on Sunday, killing nine."
    place = _locate(text, "Rockets")
    assert place.admin1 == "Damascus" and place.geo_precision == 2


def test_inner_word_of_an_arabic_compound_name_is_not_that_place() -> None:
    # "Bab al Salama" (a gate) is spelt "Bab Alsalameh" in the gazetteer: the compound is found,
    # not the town of Salamiyeh its last word resembles
    found = find_place_mentions("A car bomb went off at the Bab al Salama crossing north of Azaz.")
    gaz = Gazetteer.default()
    assert [(m.text, gaz.by_id[m.canonical or ""].admin1) for m in found] == [
        ("Bab al Salama", "Aleppo"),
        ("Azaz", "Aleppo"),
    ]
    # a mountain the gazetteer lacks is no place at all, not the town of Arbin its last word spells
    assert find_place_mentions("Regime troops shelled villages on Jabal Arbaeen on Sunday.") == []


def test_a_run_with_an_arabic_article_is_a_name_not_english_words() -> None:
    found = find_place_mentions("Kurdish fighters held Ras al-Ain after days of shelling.")
    assert [m.text for m in found] == ["Ras al-Ain"]
    assert Gazetteer.default().by_id[found[0].canonical or ""].admin1 == "Hasakah"


def test_demonyms_are_not_villages() -> None:
    assert find_place_mentions("The Qatari and Saudi envoys condemned the raid.") == []


def test_a_capital_standing_for_the_state_is_no_event_place() -> None:
    place = _locate("Moscow defended its Damascus ally after jets struck Saraqeb overnight.", "struck")
    assert place.admin1 == "Idlib"
    assert _locate("The Damascus government denied that its jets struck anything.", "struck") is None


def test_a_city_named_beside_an_ambiguous_village_picks_its_namesake_nearby() -> None:
    # "Mare" is a town north of Aleppo and an alternate name of Maarrat al-Numan in Idlib
    found = find_place_mentions("Shells carrying toxic gas hit Mare, north of Aleppo city.")
    gaz = Gazetteer.default()
    assert [(m.text, gaz.by_id[m.canonical or ""].admin1) for m in found] == [("Mare", "Aleppo"), ("Aleppo", "Aleppo")]


def test_named_regions_and_city_neighbourhoods_resolve_to_their_governorate() -> None:
    place = _locate("Regime jets pounded towns across Eastern Ghouta on Monday.", "pounded")
    assert place.admin1 == "Rural Damascus" and place.geo_precision == 2
    place = _locate("Clashes erupted in the Qalamoun mountains overnight.", "Clashes")
    assert place.admin1 == "Rural Damascus" and place.geo_precision == 2
    # a neighbourhood named alone is the city's, not a same-named village elsewhere
    place = _locate("Barrel bombs fell on Hanano and killed three.", "bombs")
    assert place.admin1 == "Aleppo"
    assert _locate("Mortars hit Jobar on Tuesday.", "Mortars").admin1 == "Damascus"


def test_hand_compiled_places_lie_among_their_governorates_settlements() -> None:
    # bench/check_curated_places.py checks these rows against more data; this keeps the bundled
    # minimum: each point's five nearest OCHA settlements are mostly in the row's governorate
    # (Damascus city is ringed by Rural Damascus), and a neighbourhood lies within its city
    gaz = Gazetteer.default()
    settlements = [e for e in gaz.entries if e.id.startswith("ocha:")]
    curated = [e for e in gaz.entries if e.id.startswith("crosswire:")]
    assert len(curated) >= 50
    cities = {e.name: e for e in gaz.entries if e.id.startswith("geonames:") and e.feature_class == "P"}
    for row in curated:
        nearest = sorted(settlements, key=lambda e: distance_km(row, e))[:5]
        allowed = {"Damascus", "Rural Damascus"} if row.admin1 in ("Damascus", "Rural Damascus") else {row.admin1}
        assert sum(e.admin1 in allowed for e in nearest) >= 3, (row.id, [e.admin1 for e in nearest])
        if row.feature_code == "PPLX":
            assert distance_km(row, cities[row.admin1]) < 10, row.id


def test_a_governorate_name_is_not_another_governorates_town_by_an_alternate_spelling() -> None:
    # Darayya (Rural Damascus) lists a spelling that folds like "Daraa"; villages near it in the
    # story must not pull the governorate capital's name there
    text = "Troops fought rebels in Daraa countryside, far from the battles in Douma, Harasta and Arbin."
    found = {m.text: m for m in find_place_mentions(text)}
    assert Gazetteer.default().by_id[found["Daraa"].canonical or ""].admin1 == "Daraa"
    assert all(e.admin1 == "Daraa" for e, _ in Gazetteer.default().candidates("Daraa"))


def test_a_route_between_named_places_names_its_ends() -> None:
    text = "Warplanes attacked the area of the Khan-Tuman-Ramouseh highway south of the city."
    assert [m.text for m in find_place_mentions(text)] == ["Khan-Tuman", "Ramouseh"]
    place = _locate(text, "attacked")
    assert place.name.lower() == "khan tuman" and place.admin1 == "Aleppo"
    # a hyphenated pair that is no route stays one word (and no place)
    assert find_place_mentions("The Russia-Turkey talks ended.") == []


def test_in_a_possessive_of_places_the_owned_one_is_the_event_place() -> None:
    place = _locate("The army retook Aleppo's Ramouseh district on Friday.", "retook")
    assert place.name == "Ramouseh" and place.admin1 == "Aleppo"
    # the small model may call the whole possessive one organisation: the owned place survives
    text = "The army retook Aleppo's Ramouseh district on Friday."
    ner = [Mention(16, 33, "Aleppo's Ramouseh", "ORG")]
    assert "Ramouseh" in [m.text for m in find_place_mentions(text, ner=ner)]


@pytest.mark.parametrize(
    "text",
    [
        "The army retook Aleppo’s Ramuse region on Friday.",
        "The army retook Aleppo's Ramouseh area on Friday.",
        "The army retook the Ramouseh district of Aleppo on Friday.",
        "The army retook the Ramouseh area of Aleppo on Friday.",
    ],
)
def test_a_named_part_of_a_city_is_the_place_itself(text: str) -> None:
    # ACLED precision 1: the text names the neighbourhood taken; "region"/"area" here marks it as
    # a part of the city, not the surroundings of a town
    place = _locate(text, "retook")
    assert (place.name, place.admin1, place.geo_precision) == ("Ramouseh", "Aleppo", 1), text


def test_in_a_subdivision_phrase_the_lesser_place_is_the_part() -> None:
    place = _locate("Shells fell on the Damascus suburb of Jaramana, killing three.", "Shells")
    assert (place.name, place.geo_precision) == ("Jaramana", 1)
    # a named region that is part of a city's surroundings keeps a region's precision
    place = _locate("Shells fell on the Ghouta suburbs of Damascus, killing three.", "Shells")
    assert place.geo_precision == 2


def test_the_area_around_a_town_or_a_provinces_town_stays_precision_2() -> None:
    assert _locate("The army retook the Ramouseh area on Friday.", "retook").geo_precision == 2
    # Idlib here may be the province: the town's surroundings, not a part of a city
    for text in ("Rebels shelled Idlib's Saraqib countryside on Friday.", "Rebels shelled Idlib's Saraqib area."):
        place = _locate(text, "shelled")
        assert place.name == "Saraqab" and place.geo_precision == 2, text


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("The opposition accused both Damascus and Daesh of using chemical weapons.", "chemical"),
        ("Coalition jets have struck targets without authorization from Damascus since 2014.", "struck"),
        ("Damascus denied that its forces had used chemical weapons.", "chemical"),
    ],
)
def test_a_city_standing_for_its_government_is_no_event_place(text: str, trigger: str) -> None:
    assert _locate(text, trigger) is None


def test_a_city_where_something_happened_is_still_the_place() -> None:
    place = _locate("Rebels shelled Damascus on Monday, the government said.", "shelled")
    assert place is not None and place.name == "Damascus"


def test_a_name_of_common_words_is_a_place_unless_the_phrase_is_common_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_default: None
) -> None:
    src = _write(tmp_path / "iq.csv", "name,lat,lon,aliases\nTal Afar,36.3749,42.4498,Tall Afar\nFree Army,1.0,1.0,\n")
    monkeypatch.setenv("CROSSWIRE_DATA", str(tmp_path / "userdata"))
    import_gazetteer(src, "csv", country="IQ")
    found = [m.text for m in find_place_mentions("Militants attacked Tal Afar while Free Army fighters waited.")]
    assert found == ["Tal Afar"]  # "tal" and "afar" are English words, "Tal Afar" is no English phrase


def test_an_imported_district_seat_far_from_the_other_places_is_still_the_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_default: None
) -> None:
    row = ["", "", "", "", "", "", "", "", "IQ", "", "", "", "", "", "0", "", "", "Asia/Baghdad", "2016-01-01"]

    def line(gid: str, name: str, lat: str, lon: str, fcode: str, pop: str) -> str:
        f = list(row)
        f[0:8], f[14] = [gid, name, name, "", lat, lon, "P", fcode], pop
        return "\t".join(f)

    dump = _write(tmp_path / "IQ.txt", line("1", "Tal Afar", "36.3749", "42.4498", "PPLA2", "250000") + "\n"
                  + line("2", "Ramadi", "33.4206", "43.3078", "PPLA", "300000") + "\n")
    monkeypatch.setenv("CROSSWIRE_DATA", str(tmp_path / "userdata"))
    import_gazetteer(dump, "geonames", country="IQ")
    text = "Militants attacked army positions near Tal Afar on Tuesday. Jets struck Ramadi on Wednesday."
    place = _locate(text, "attacked")
    assert place is not None and place.name == "Tal Afar"  # a seat of a district, 400 km from Ramadi


def test_a_lede_without_a_place_takes_the_place_the_next_sentences_give() -> None:
    # the lede names no place; the sentence telling it names the town, and the story's most
    # named place (Damascus, three times later on) is another event's
    text = (
        "Air strikes hit a rescue centre, killing eight volunteers, activists said. "
        "The local civil defence said the raid on its centre in Kafr Zita killed eight. "
        "In other news, protesters gathered near Damascus. Damascus denied it. "
        "Shelling of Damascus suburbs went on."
    )
    place = _locate(text, "Air strikes")
    assert place.name == "Kafr Zeita" and place.admin1 == "Hama" and place.geo_precision == 2
    assert "Kafr Zita" in place.evidence.sentence


def test_a_later_sentence_without_a_place_keeps_the_place_before_it() -> None:
    text = (
        "Jets struck Saraqeb in Idlib province on Monday. "
        "The strike destroyed a bakery. Elsewhere, fighting went on near Hama."
    )
    place = _locate(text, "destroyed")
    assert place.admin1 == "Idlib" and "Saraqeb" in place.evidence.sentence


def test_an_events_place_is_the_same_asked_once_or_again_for_each_event_of_the_story() -> None:
    text = ("Air strikes hit Saraqib in Idlib province on Monday. Later, shelling struck Maarat "
            "al-Numan, and the Damascus government blamed rebels.")
    places = geocode.find_place_mentions(text)
    first = text.index("struck")
    geocode._story_places.cache_clear()
    once = geocode.locate_event(text, 0, text.index(".") + 1, text.index("strikes"), places, "s")
    again = geocode.locate_event(text, text.index("Later"), len(text), first, places, "s")
    geocode._story_places.cache_clear()
    fresh = geocode.locate_event(text, text.index("Later"), len(text), first, places, "s")
    assert once is not None and once.name == "Saraqab"  # the gazetteer spelling
    assert again == fresh and again is not None and again.name != "Damascus"


def test_a_place_word_inside_an_armed_groups_name_is_no_place() -> None:
    from crosswire.extract.actors import find_actor_mentions

    text = "Fighters of Hayat Tahrir al-Sham and the Hamza Division shelled Kafr Nabl on Monday."
    bare = [m.text for m in find_place_mentions(text)]
    assert "Hayat" in bare and "Hamza" in bare  # villages of those names, read without the actors
    named = [m.text for m in find_place_mentions(text, actors=find_actor_mentions(text))]
    assert "Hayat" not in named and "Hamza" not in named
    assert "Kafr Nabl" in named


def test_a_big_place_opening_an_actors_name_stays_a_place() -> None:
    from crosswire.extract.actors import find_actor_mentions

    text = "The Damascus government said its forces had secured the road."
    actors = find_actor_mentions(text)
    assert [m.canonical for m in actors] == ["Government of Syria"]
    (place,) = find_place_mentions(text, actors=actors)
    assert place.text == "Damascus"


def test_a_places_own_name_beats_another_places_folded_alternate_name() -> None:
    # Dar'a's GeoNames names include "Adraa" (ancient Edrei), which the normaliser folds to "Adra"
    gaz = Gazetteer.default()
    assert normalise_toponym("Adraa") == normalise_toponym("Adra")
    adra = resolve("Adra")
    assert adra is not None and adra.admin1 == "Rural Damascus"
    # demoted, not dropped: still a candidate for a story that names Daraa
    scores = {e.name: s for e, s in gaz.candidates("Adra")}
    assert scores["Adra"] == 100.0 and scores["Dar'a"] == geocode.RIVAL_MATCH
    # a spelling the city itself lists keeps its match ("Tabaqa" for Al-Tabqa, not a village)
    tabqa = resolve("Tabaqa")
    assert tabqa is not None and tabqa.admin1 == "Raqqa"
    for spelling in ("Daraa", "Deraa", "Dar'a"):
        found = resolve(spelling)
        assert found is not None and found.admin1 == "Daraa"


@pytest.mark.parametrize(
    "text, found",
    [
        ("Kurdish forces advanced on the town of Hole in the east of Hasakah.", True),
        ("Kurdish forces advanced on Hole town in the east of Hasakah.", True),
        ("Kurdish forces fell into a Hole near the front.", False),
        # a word before "town of" describes the town
        ("Kurdish forces reached the Hole town of the Hasakah plain.", False),
    ],
)
def test_a_common_word_the_text_calls_a_town_is_a_place(text: str, found: bool) -> None:
    # "Hole" (a village in Hasakah) is a common English word and no big place: only "the town
    # of Hole" or "Hole town" makes it one
    assert ("Hole" in [m.text for m in find_place_mentions(text)]) is found


def test_mare_called_a_town_or_city_is_the_aleppo_town() -> None:
    for text in ("IS shelled Mare city with toxic gas.", "Rebels held the town of Mare against IS."):
        mentions = [m for m in find_place_mentions(text) if m.text == "Mare"]
        assert mentions, text
        place = locate_event(text, 0, len(text), 0, mentions, "s1")
        assert place is not None and place.admin1 == "Aleppo", text


def test_lower_case_end_of_a_transliterated_name_is_part_of_it() -> None:
    # Press TV writes "Deir ezzor"; "ezzor" is no English word, the whole run is a name
    text = "At least 23 civilians were killed in air strikes on the eastern Deir ezzor province."
    place = _locate(text, "air strikes")
    assert place.admin1 == "Deir ez-Zor" and place.evidence.text == "Deir ezzor"
    # an English word after a name stays outside it
    assert [m.text for m in find_place_mentions("Jets pounded the Homs countryside.")] == ["Homs"]


def test_a_place_given_relative_to_another_must_lie_on_that_side_of_it() -> None:
    # no "Shaar" of the gazetteer lies east of Homs (its namesakes are north of it, or far): the
    # site is not taken for a village elsewhere (here the place a place-less lede takes from the
    # sentence after it), and the phrase places the event near Homs
    text = "Ninety people were killed on Thursday. Islamic State fighters stormed the Shaar gas field east of Homs."
    place = _locate(text, "killed")
    assert place.admin1 == "Homs" and place.name == "Homs"
    # of two namesakes, the one on the side the text names: Suran north of Aleppo, though the
    # story named Hama province (home of the more important Suran) first
    text = ("Government troops advanced in Hama province on Monday. "
            "Rebels clashed with Islamic State fighters in Suran, 40 km north of Aleppo.")
    place = _locate(text, "clashed")
    assert place.name == "Suran" and place.admin1 == "Aleppo"


@pytest.mark.parametrize(
    ("text", "first", "listed"),
    [
        ("Shelling hit the town of Harasta and the village of Arbin on Monday.", "Harasta", ["Harasta", "Arbin"]),
        ("Rebels shelled Kafr Nabl, Maarat al-Numan and Saraqeb.", "Saraqeb",
         ["Kafr Nabl", "Maarat al-Numan", "Saraqeb"]),
        ("Clashes raged between Harasta and Arbin.", "Harasta", []),  # the extent of one battle
        ("Jets taking off from Hama and Homs bombed rebels.", "Hama", []),  # an origin
        ("Aircraft bombed Saraqeb, Idlib on Friday.", "Saraqeb", []),  # a town and its province, no "and"
    ],
)
def test_coordinated_places(text: str, first: str, listed: list[str]) -> None:
    from crosswire import geocode

    ms = geocode.find_place_mentions(text)
    m = next(m for m in ms if m.text == first)
    run = geocode.coordinated_places(text, 0, len(text), (m.start, m.end), ms)
    assert [x.text for x in run] == listed


def test_a_list_after_a_designator_of_a_direction_is_no_list_of_events() -> None:
    from crosswire import geocode

    text = "The rebels are pushing towards the towns of Harasta and Arbin."
    ms = geocode.find_place_mentions(text)
    assert geocode.coordinated_places(text, 0, len(text), (ms[0].start, ms[0].end), ms) == []


# --- events in another country ---------------------------------------------------------------


def test_a_sentence_framed_in_another_country_is_not_placed_at_an_earlier_home_town() -> None:
    text = ("Kurdish fighters held their ground in Kobane on Monday. In Iraq meanwhile at least 12 "
            "people were killed when a suicide bomber attacked a checkpoint.")
    place = _locate(text, "suicide bomber")
    assert (place.name, place.country, place.admin1, place.geo_precision) == ("Iraq", "IQ", None, 3)
    assert place.latitude and place.longitude and place.gazetteer_id is None
    assert place.evidence.text == "Iraq" and "suicide bomber" in place.evidence.sentence


def test_a_region_of_another_country_gives_that_country() -> None:
    text = "Clashes went on in Idlib. Rockets have hit towns in southern Turkey near the border since May."
    place = _locate(text, "Rockets")
    assert (place.name, place.country, place.geo_precision) == ("Turkey", "TR", 3)


def test_a_neighbours_city_is_geocoded_to_its_own_country() -> None:
    text = "Regime jets struck Douma. Separately a car bomb went off in a market in Baghdad, killing nine."
    place = _locate(text, "car bomb")
    assert (place.name, place.country, place.admin1, place.geo_precision) == ("Baghdad", "IQ", "Baghdad", 1)
    text = "Shelling hit Azaz. Rockets fired from inside Syria hit the border city of Kilis on Sunday."
    assert _locate(text, "Rockets").country == "TR"


def test_a_country_named_in_passing_does_not_move_the_event() -> None:
    # a list of countries is a scope, a speaker's whereabouts is no event's place, and a group
    # "banned in Russia" is a label: each event stays where the home place puts it (or nowhere)
    for text, trigger in (
        ("Air strikes hit Raqqa. The coalition has carried out strikes in Iraq and Syria since 2014.", "strikes in"),
        ("Shelling hit Douma. Opposition figure Ahmad Ali said in Turkey the attack had killed 30 people.", "attack"),
        ("Clashes erupted in Palmyra with Islamic State fighters (banned in Russia) on Sunday.", "Clashes"),
    ):
        place = _locate(text, trigger)
        assert place is None or place.country == "SY", (text, place)


def test_a_foreign_dateline_or_capital_standing_for_a_state_is_no_event_place() -> None:
    text = "BEIRUT (Reuters) - Government air strikes killed 12 people in the town of Saraqeb on Monday."
    assert _locate(text, "air strikes").name == "Saraqab"
    text = "Fighting raged near Jarablus. Ankara sent tanks and troops across the border on Wednesday."
    place = _locate(text, "sent tanks")
    assert place is not None and place.country == "SY"


def test_the_home_country_is_the_one_the_gazetteer_holds_in_detail() -> None:
    gaz = geocode.Gazetteer.default()
    assert geocode._home_countries(gaz) == frozenset({"SY"})


def test_a_vantage_point_across_the_border_is_not_the_events_country() -> None:
    text = ("Fighting raged near Azaz. Explosions could be heard from the Turkish border town of "
            "Kilis north of the Syrian city of Azaz, witnesses said.")
    place = _locate(text, "Explosions")
    assert place is not None and place.country == "SY" and place.name == "Azaz"
