"""The generated lexicon (seeds/generated/, written by seeds/build_lexicon.py from CLDR, pint and ISO 4217):
rebuilt it is the same byte for byte (so CI checks the build), its codes are units the engine knows,
what it leaves out stays out, and the hand-written tables keep only what it lacks.

The ambiguity rules it brings are sentence cases in tests/cases/<code>.toml (section `lexicon`)."""
from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest

from extractors.tables import available_languages, load_table, table_paths
from extractors.tokens import surface_key
from extractors.units import generated_names, registry
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GENERATED = SEEDS / "generated"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_lexicon", SEEDS / "build_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(name: str) -> list[dict]:
    with (GENERATED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_rebuilding_the_lexicon_gives_the_committed_tables(tmp_path):
    _build_module().write(tmp_path, available_languages())
    built = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert built == sorted(p.name for p in GENERATED.glob("*.csv"))
    for name in built:
        assert (tmp_path / name).read_bytes() == (GENERATED / name).read_bytes(), \
            f"seeds/generated/{name} is stale: run `python seeds/build_lexicon.py` and commit the result"


def test_every_row_says_where_it_came_from_with_versions():
    from importlib.metadata import version
    for name in ("currency_names.csv", "unit_names.csv"):
        for r in _rows(name):
            assert r["position"] in ("after", "before", "glued"), r
            assert r["source"].startswith(("CLDR", "pint", "ISO 4217", "manual: ")), r
    assert all(f"babel {version('babel')}" in r["source"] for r in _rows("unit_names.csv") if r["source"].startswith("CLDR"))
    assert all(f"pycountry {version('pycountry')}" in r["source"] for r in _rows("currencies.csv"))


def test_every_generated_code_is_a_known_unit():
    units = registry()
    missing = {r["code"] for name in ("currency_names.csv", "unit_names.csv") for r in _rows(name)} - set(units)
    assert not missing, f"codes the lexicon names that neither units.csv nor generated/currencies.csv has: {missing}"
    assert units["GEL"].dimension == "currency" and units["USD"].source == "ISO 4217"   # units.csv wins


def test_excluded_and_ambiguous_surfaces_are_left_out():
    excluded = [(r["lang"], r["surface"].casefold()) for r in csv.DictReader((SEEDS / "lexicon_exclusions.csv").open(encoding="utf-8"))]
    present = {(r["lang"], r["surface"].casefold()) for name in ("currency_names.csv", "unit_names.csv") for r in _rows(name)}
    for lang, surface in excluded:
        langs = available_languages() if lang == "*" else [lang]
        assert not any((code, surface) in present for code in langs), surface
    codes: dict[tuple[str, str], set[str]] = {}
    for name in ("currency_names.csv", "unit_names.csv"):
        for r in _rows(name):
            codes.setdefault((r["lang"], r["surface"].casefold()), set()).add(r["code"])
    assert not {k: v for k, v in codes.items() if len(v) > 1}, "a surface with two codes in one language"


def test_cldr_gives_the_six_languages_their_names():
    got = {(n.surface, n.code) for lang in available_languages() for n in generated_names(lang)}
    for pair in [("Avustralya doları", "AUD"), ("Çin yuanı", "CNY"), ("австралийских долларов", "AUD"),
                 ("horsepower", "hp"), ("libre", "lb"), ("fit", "ft"), ("₾", "GEL"), ("₭", "LAK"), ("₡", "CRC"),
                 ("HK$", "HKD"), ("NZ$", "NZD"), ("MX$", "MXN"), ("A$", "AUD"), ("RM", "MYR"), ("元", "CNY")]:
        assert pair in got, pair


@pytest.mark.parametrize("code", sorted(table_paths()))
def test_hand_tables_keep_only_what_the_lexicon_lacks(code):
    """A one-word unit row of a language table that the generated lexicon gives with the same code is
    redundant (rows with a note, `# why`, stay: they say why the table keeps them)."""
    generated = {(surface_key(n.surface), n.position) : n.code for n in generated_names(code)
                 if n.position != "glued" and not (len(n.surface) > 1 and n.surface.isupper())}
    section, redundant = None, []
    for line in table_paths()[code].read_text(encoding="utf-8").splitlines():
        section = line if line.startswith("[") else section
        row = re.match(r'^"((?:[^"\\]|\\.)*)" = "([^"]*)"\s*$', line)
        position = {"[units.after]": "after", "[units.before]": "before"}.get(section or "")
        if row and position and len(surface_key(row[1])) == 1 \
                and generated.get((surface_key(row[1]), position)) == row[2]:
            redundant.append(row[1])
    assert not redundant, f"{code}.toml repeats the generated lexicon: {redundant} (delete them, or say why they stay)"


def test_hand_table_wins_over_the_lexicon():
    en = load_table("en")
    assert en.units_after[("pounds",)] == "lb"          # CLDR agrees; the scale rule makes sterling of `5 million pounds`
    assert en.units_before[("$",)] == "USD"
    assert ("rm",) in en.capital_units and ("rm",) not in load_table("ru").capital_units   # ru's own `rm` row
