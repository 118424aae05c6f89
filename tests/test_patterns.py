"""Regex helpers: grouped alternations match exactly what the flat ones match."""

from __future__ import annotations

import random
import re
from pathlib import Path

from crosswire.extract import actors, classify
from crosswire.patterns import (
    DIGIT,
    ascii_firsts,
    first_char_alternation,
    first_chars,
    guarded_alternation,
    split_alternatives,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]


def test_split_alternatives_only_at_top_level() -> None:
    assert split_alternatives(r"a|b(?:c|d)|[|]x|\|y|[]|]z|(?-i:[A-Z])w") == [
        "a",
        "b(?:c|d)",
        "[|]x",
        r"\|y",
        "[]|]z",
        "(?-i:[A-Z])w",
    ]
    assert split_alternatives("abc") == ["abc"]


def test_first_chars_knows_small_sets_and_refuses_the_rest() -> None:
    assert first_chars(r"(?:heavy |fierce )?fighting|fought", re.I) == {"h", "f"}
    assert first_chars(r"(?<!the )occupied", re.I) == {"o"}  # a look-behind consumes nothing
    assert first_chars(r"\bRe-?took", re.I) == {"r"}
    assert first_chars(r"[0-3]+ killed") == {"0", "1", "2", "3"}
    assert first_chars(r"x|\d+ days|[\d,]+", re.I) == {"x", DIGIT, ","}  # any digit, not only ASCII
    assert ascii_firsts(frozenset({"x", DIGIT})) == set("x0123456789")
    for unknown in (r"\w+", r"(?:a)?", r".x", r"[^a]x", r"[é]x", r"x|\s"):
        assert first_chars(unknown, re.I) is None, unknown


def test_first_char_alternation_prefers_what_the_flat_one_prefers() -> None:
    words = ["Syrian Democratic Forces", "Syrian army", "Syrian", "SDF", "syria", "Sy", "army", "ar"]
    branches = [(w[0], re.escape(w) if w.isupper() else f"(?i:{re.escape(w)})") for w in words]
    flat = re.compile(r"\b(?:" + "|".join(b for _, b in branches) + r")\b")
    grouped = re.compile(r"\b(?:" + first_char_alternation(branches) + r")\b")
    text = "The Syrian army and the SDF; syrian Democratic forces, Sy ar Army sdf " + " ".join(_texts())
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]
    # a first character that is not a plain letter or digit: the flat alternation, unchanged
    assert first_char_alternation([("'", "'x"), ("a", "a")]) == "'x|a"


def test_a_large_group_is_split_by_the_next_letters_and_still_prefers_what_the_flat_one_prefers() -> None:
    words = ["Syrian Democratic Forces", "Syrian army", "Syrian", "Sy", "Sunni", "Sunnis", "Sultan Murad",
             "Suqour al-Sham", "SDF", "SAA", "Saraya", "Salafist", "Shabiha", "Sham Legion", "Shiite militia"]
    branches = [(w[0], re.escape(w) if w.isupper() else f"(?i:{re.escape(w)})") for w in words]
    alt = first_char_alternation(branches)
    # one look-ahead for "s", then more for the second and third letters of the many S-words
    assert alt.count("(?=") > 4
    flat = re.compile(r"(?<![\w-])(?:" + "|".join(b for _, b in branches) + r")(?![\w-])")
    grouped = re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])")
    text = ("The Syrian army, SDF and saa units fought Sultan murad and SUQOUR AL-SHAM; sunnis and the "
            "Sham legion, shabiha Saraya, the sunni Salafist sy Syrian democratic forces. " + " ".join(_texts()))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_guarded_alternation_finds_the_same_positions() -> None:
    branches = [r"clash(?:es|ed)?", r"(?:heavy )?fighting|fought", r"\w+ed by", r"(?<!the )occupied", "ran"]
    branches.append(r"\d+ days")
    flat = re.compile(r"(?<![\w-])(?=(?:" + "|".join(branches) + "))", re.I)
    guarded = re.compile(r"(?<![\w-])(?=(?:" + guarded_alternation(branches, re.I) + "))", re.I)
    text = "Heavy fighting, clashes; the occupied town was stormed by rebels who ran 3 days (٣ days) ago. "
    text += " ".join(_texts())
    assert [m.start() for m in guarded.finditer(text)] == [m.start() for m in flat.finditer(text)]


def test_literal_prefixes_spell_out_alternatives_and_skip_what_consumes_nothing() -> None:
    from crosswire.patterns import literal_prefixes

    assert literal_prefixes(r"(?:air|aerial) ?strikes?") == ["aer", "air"]
    assert literal_prefixes(r"(?<!the )occupied") == ["occ"]  # a look-behind consumes nothing
    assert literal_prefixes(r"(?:attack(?:s|ed)?|raid(?:s|ed)?) on") == ["att", "rai"]
    assert literal_prefixes(r"ab?c") == ["a"]  # an optional letter ends the prefix
    for unknown in (r"\w+ed by", r"(?:heavy )?fighting", r"\d+ days", r"x|", r"[ab]x"):
        assert literal_prefixes(unknown) == [], unknown


def test_one_walker_reads_both_kinds_of_literal_prefix() -> None:
    from crosswire.patterns import _literal_prefix, literal_prefixes

    # the grouped alternation's prefix: one, of any length, ending at a branch or a class
    assert _literal_prefix(r"(?i:Syrian\s+army)") == "syrian"
    assert _literal_prefix(r"Hayat\s+Tahrir\s+al[-\s]?Sham") == "hayat"
    assert _literal_prefix(r"coalition(?:air|jets)") == "coalition"
    assert _literal_prefix(r"\bRe-?took") == "re"  # zero width skipped, as literal_prefixes does
    assert _literal_prefix(r"['’]s") == ""
    # the guarded alternation's: alternatives spelt out, at most three letters
    assert literal_prefixes(r"coalition(?:air|aerial)") == ["coa"]
    assert literal_prefixes(r"(?:Re|Un)-?took") == ["re", "un"]


def test_a_guarded_group_split_by_the_next_letters_finds_the_same_positions() -> None:
    branches = [r"shell(?:s|ed|ing)", r"shot down", r"(?:shoot|gun)(?:ing)? down", r"siege", r"sniper fire",
                r"storm(?:ed)?", r"struck", r"strike", r"s\w+ing", r"seiz(?:e|ed)", r"suicide bomb", r"\d+ shells"]
    alt = guarded_alternation(branches, re.I)
    assert alt.count("(?=") > 4  # "s" first, then the second letters of the many S-branches
    flat = re.compile(r"(?<![\w-])(?=(?:" + "|".join(branches) + "))", re.I)
    guarded = re.compile(r"(?<![\w-])(?=(?:" + alt + "))", re.I)
    text = ("Rebels stormed the base; jets struck and shelled it, a gunship was shot down, snipers "
            "fired, a suicide bomber struck a siege line, 40 shells fell, shooting down a drone, sniper fire "
            "and SEIZED SHELLING. ") + " ".join(_texts())
    assert [m.start() for m in guarded.finditer(text)] == [m.start() for m in flat.finditer(text)]


def test_actor_pattern_matches_as_a_flat_alternation_of_the_aliases() -> None:
    table = actors._table()
    assert table.pattern is not None
    keys = sorted({a for info in table.actors.values() for a in (info.name, *info.aliases)}, key=len, reverse=True)
    parts = [actors._alias_regex(a) if actors._case_sensitive(a) else f"(?i:{actors._alias_regex(a)})" for a in keys]
    flat = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?:['’]s|['’]|s)?(?![\w-])")
    for text in _texts():
        assert [m.span() for m in table.pattern.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_trigger_index_gives_each_triggers_finditer_matches_in_order() -> None:
    tax = classify._tax()
    rng = random.Random(7)
    sentences = [s for t in _texts() for s in re.split(r"(?<=[.!?])\s+", t)]
    # and some scrambled ones, so that matches start at odd places
    words = " ".join(sentences).split()
    sentences += [" ".join(rng.sample(words, 30)) for _ in range(50)]
    for index in (tax.event_index, tax.non_event_index):
        for s in sentences:
            expected = [(t.code, m.span()) for t in index.triggers for m in t.pattern.finditer(s)]
            assert [(t.code, m.span()) for t, m in classify._matches(index, s)] == expected


def test_characters_taken_for_one_another_share_a_group() -> None:
    # "k" and the Kelvin sign (and "σ"/"ς") match each other ignoring case: one look-ahead each
    alt = first_char_alternation([("k", "kx"), ("\u212a", "\u212ay"), ("σ", "σa"), ("ς", "ςb"), ("a", "a")])
    assert alt.count("(?=") == 3
    flat = re.compile("(?i:kx|\u212ay|σa|ςb|a)")
    grouped = re.compile(f"(?i:{alt})")
    text = "KX \u212aY kx σA ςb ΣA a"
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_date_prefilter_lets_through_every_sentence_with_a_date_expression() -> None:
    from crosswire.extract import dates

    sentences = [s for t in _texts() for s in re.split(r"(?<=[.!?])\s+", t)]
    sentences += ["on 24/08/2016 it rained", "LAST FRIDAY", "three days ago", "in April 2014", "2016-08-24"]
    with_date = [s for s in sentences if any(p.search(s) for _, p in dates._PATTERNS)]
    assert len(with_date) > 20
    assert all(dates._ANY_DATE.search(s) for s in with_date)
    assert not dates._ANY_DATE.search("The army said nothing of the kind.")
