"""The language registry and the table schema: the languages are the tables present, a folder named by
$WAREHOUSE_LANGUAGE_PATH adds one with no code edited, and a table that breaks the schema fails
with a message naming its file and key."""
from __future__ import annotations

import json
import textwrap

import pytest

from extractors.table_spec import TableError, read_spec
from extractors.tables import LANGUAGE_PATH_ENV, available_languages, languages, load_table
from conftest import SEEDS, invoke, query_json
from lang_cases import run_case

# A seventh language (German) as a user would add it: a small table in a folder of their own.
GERMAN = textwrap.dedent("""\
    [language]
    code = "de"
    name = "German"
    native_name = "Deutsch"

    [numbers]
    decimal = ","
    group = ["."]
    words = { zwei = 2, drei = 3, zehn = 10 }
    scales = { Millionen = 1e6, Million = 1e6, Milliarden = 1e9, Milliarde = 1e9 }

    [units]
    after = { Euro = "EUR", Tonnen = "t", Prozent = "percent", Kilometer = "km" }
    before = { "€" = "EUR" }

    [qualifiers]
    before = { "mehr als" = "more_than", "etwa" = "approximately", "fast" = "approximately" }

    [[examples]]
    text = "Der Umsatz stieg auf 3,5 Milliarden Euro."
    value = 3.5e9
    unit = "EUR"

    [[examples]]
    text = "Das Werk lieferte mehr als 120 Tonnen Stahl."
    value = 120
    unit = "t"
    qualifier = "more_than"

    [[examples]]
    text = "Die Firma hat viele Mitarbeiter."
    expect_none = true
    """)

ARTICLE = """ date 2025-03-01
Der Umsatz des Konzerns stieg im vergangenen Jahr auf 3,5 Milliarden Euro.
Das Werk lieferte mehr als 120 Tonnen Stahl.
Die Inflation lag bei 2,4 Prozent.
"""


@pytest.fixture
def german(tmp_path, monkeypatch):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "de.toml").write_text(GERMAN, encoding="utf-8")
    monkeypatch.setenv(LANGUAGE_PATH_ENV, str(folder))
    return folder


def test_the_languages_are_the_tables_present(german, monkeypatch):
    assert available_languages() == ["az", "de", "en", "kk", "ru", "tr", "uz"]
    assert (languages()["de"].name, languages()["de"].native_name) == ("German", "Deutsch")
    monkeypatch.delenv(LANGUAGE_PATH_ENV)
    assert "de" not in available_languages()


def test_a_seventh_language_loads_with_no_code_edited(german, tmp_path):
    for ex in load_table("de").spec.examples:
        run_case(ex.text, [] if ex.expect_none else [{"qualifier": None, **ex.expected()}], "de")
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    res = invoke("load", article, "--db", db, "--lang", "de", "--workers", 1, "--quiet",
                 env={LANGUAGE_PATH_ENV: str(german)})
    assert res.exit_code == 0, res.stderr
    rows = query_json(db, "select lang, value, unit, qualifier from v_quantities order by start")
    assert rows == [{"lang": "de", "value": 3.5e9, "unit": "EUR", "qualifier": None},
                    {"lang": "de", "value": 120.0, "unit": "t", "qualifier": "more_than"},
                    {"lang": "de", "value": 2.4, "unit": "percent", "qualifier": None}]
    assert query_json(db, "select lang, name, native_name from dim_language") == [
        {"lang": "de", "name": "German", "native_name": "Deutsch"}]


def test_file_name_prefix_names_a_registered_language(german, tmp_path):
    article = tmp_path / "de_artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    res = invoke("extract", article, "--format", "jsonl", env={LANGUAGE_PATH_ENV: str(german)})
    assert res.exit_code == 0, res.stderr
    found = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(q["lang"], q["value"]) for q in found] == [("de", 3.5e9), ("de", 120.0), ("de", 2.4)]


def test_lang_option_offers_only_registered_languages(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    res = invoke("extract", article, "--lang", "de")
    assert res.exit_code == 2
    assert "'de' is not one of" in res.stderr and "'tr'" in res.stderr


def test_dim_language_rows_come_from_the_tables(seeded_db):
    rows = query_json(seeded_db, "select lang, name, native_name from dim_language order by lang")
    registry = languages()
    assert rows and all((r["name"], r["native_name"]) == (registry[r["lang"]].name, registry[r["lang"]].native_name)
                        for r in rows)


def test_entity_names_are_rows(seeded_db):
    rows = query_json(seeded_db, "select lang, name from dim_entity_name where entity_id = 'KAZ' order by lang, name")
    assert {"lang": "ru", "name": "Казахстан"} in rows and {"lang": "tr", "name": "Kazakistan"} in rows
    assert {r["lang"] for r in rows} == set(available_languages())


# -- the schema ------------------------------------------------------------------------------------
def _broken(tmp_path, old: str, new: str):
    assert old in GERMAN
    path = tmp_path / "de.toml"
    path.write_text(GERMAN.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new,message", [
    ('decimal = ","', 'decimall = ","', "numbers.decimall: unknown key (did you mean `decimal`?)"),
    ('group = ["."]', 'group = "."', "numbers.group: expected a list, got str '.'"),
    ('zehn = 10', 'zehn = "10"', "numbers.words.zehn: expected a number, got str '10'"),
    ('Tonnen = "t"', 'Tonnen = 1', "units.after.Tonnen: expected a string, got int 1"),
    ('native_name = "Deutsch"\n', '', "language.native_name: missing required key"),
    ('[qualifiers]', '[qualifier]', "qualifier: unknown key (did you mean `qualifiers`?)"),
    ('qualifier = "more_than"', 'qualifer = "more_than"', "examples[1].qualifer: unknown key"),
    ('code = "de"', 'code = "dx"', "language.code: 'dx' differs from the file name 'de'"),
])
def test_a_table_that_breaks_the_schema_names_file_and_key(tmp_path, old, new, message):
    path = _broken(tmp_path, old, new)
    with pytest.raises(TableError) as err:
        read_spec(path)
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value)


def test_the_cli_reports_a_broken_table_and_exits_2(tmp_path):
    path = _broken(tmp_path, 'decimal = ","', 'decimal = 1')
    res = invoke("load", SEEDS, "--db", tmp_path / "w.duckdb", env={LANGUAGE_PATH_ENV: str(path.parent)})
    assert res.exit_code == 2
    assert f"{path}: numbers.decimal: expected a string, got int 1" in res.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_entity_seeds_are_built_for_the_registry_languages():
    """seeds/entity_names.csv is what seeds/build_entities.py makes of the tables present, and a new
    language gets its country names from CLDR with no code edited."""
    import csv
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_entities", SEEDS / "build_entities.py")
    build_entities = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_entities)
    _entities, names = build_entities.build(available_languages())
    with (SEEDS / "entity_names.csv").open(encoding="utf-8", newline="") as fh:
        assert names == list(csv.DictReader(fh))
    _entities, german_names = build_entities.build(["de"])
    assert {"entity_id": "DEU", "lang": "de", "name": "Deutschland", "source": names[0]["source"]} in german_names
