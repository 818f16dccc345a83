"""The fact row as numbers and keys (migration 0014): the strings are keyed alike in Python (the
writer) and SQL (the migration), v_fact_quantity gives back exactly the row the table held before,
and a surface text that is not the slice of its offsets is kept."""
from __future__ import annotations

from types import SimpleNamespace

import duckdb
import pyarrow as pa
import pytest

from conftest import SEEDS
from warehouse import db, load, rows
from warehouse.article import Article

STRINGS = ["Türkiye'nin ihracatı", "нефть", "", "oil exports", "a\x1fb"]


def test_phrase_keys_are_the_same_in_python_and_sql():
    con = duckdb.connect()
    sql = con.execute(f"SELECT {rows.phrase_key_sql('s')} FROM unnest(?) AS t(s)", [STRINGS]).fetchall()
    assert [k for (k,) in sql] == [rows.phrase_key(s) for s in STRINGS] == rows.phrase_keys(pa.array(STRINGS)).to_pylist()
    assert all(0 <= k < 2 ** 60 for (k,) in sql)
    assert rows.phrase_keys(pa.array([None, "x"], pa.string())).to_pylist() == [None, rows.phrase_key("x")]


def test_entity_set_and_kind_keys_are_the_same_in_python_and_sql():
    lists = [["KAZ", "TUR"], [], ["CPC"]]
    kinds = [("t", "tr", "k1", "kg", "mass", None, "coal_production"), ("t", "tr", "k1", "kg", "mass", "", None),
             (None, None, None, None, None, None, None)]
    con = duckdb.connect()
    con.register("lists", pa.table({"entities": pa.array(lists, pa.list_(pa.string()))}))
    con.register("kinds", pa.table({f: pa.array([k[i] for k in kinds], pa.string())
                                    for i, f in enumerate(rows.KIND_FIELDS)}))
    sql_lists = [k for (k,) in con.execute(f"SELECT {rows.phrase_key_sql(rows.entities_string_sql('entities'))} "
                                           "FROM lists").fetchall()]
    sql_kinds = [k for (k,) in con.execute(f"SELECT {rows.phrase_key_sql(rows.KIND_STRING_SQL)} FROM kinds").fetchall()]
    assert sql_lists == rows.entities_keys(pa.array(lists, pa.list_(pa.string()))).to_pylist()
    assert sql_kinds == rows.kind_keys([pa.array([k[i] for k in kinds], pa.string())
                                        for i in range(len(rows.KIND_FIELDS))]).to_pylist()
    assert len(set(sql_kinds)) == 3  # NULL and '' differ


@pytest.fixture()
def loaded(tmp_path):
    path = tmp_path / "w.duckdb"
    load.load([SEEDS], path, workers=1)
    return path


def _rows(path, relation):
    con = db.connect(path, read_only=True)
    try:
        return con.execute(f"SELECT * FROM {relation} ORDER BY ALL").fetchall()
    finally:
        con.close()


def test_v_fact_quantity_is_the_wide_row_before_and_after_the_migration(loaded):
    view = _rows(loaded, "v_fact_quantity")
    bridge = _rows(loaded, "bridge_quantity_entity")
    assert view and bridge
    db.downgrade(loaded, "0013")
    assert _rows(loaded, "fact_quantity") == view          # the strings written back, column for column
    assert _rows(loaded, "bridge_quantity_entity") == bridge
    db.migrate(loaded)
    assert _rows(loaded, "v_fact_quantity") == view
    assert _rows(loaded, "bridge_quantity_entity") == bridge
    con = db.connect(loaded, read_only=True)
    assert con.execute("SELECT count(text_key) FROM fact_quantity").fetchone() == (0,)  # every text a slice
    con.close()


def _quantity(text: str, sentence: str) -> SimpleNamespace:
    return SimpleNamespace(start=13, end=22, text=text, value=5.0, value_max=None, base_value=5.0, base_unit="percent",
                           dimension="percentage", qualifier=None, quantified="Exports", subject=None, period="2024",
                           period_start=None, period_end=None, period_is_target=False, indicator=None,
                           entities=["KAZ"], fact=None, unit="percent", lang="en", extractor="x", sentence=sentence)


def test_a_text_that_is_not_the_slice_of_its_offsets_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "POST_WRITE_STAGES", [])   # the write stage alone
    path = tmp_path / "w.duckdb"
    db.migrate(path)
    text = "Exports rose 5 percent in 2024."
    art = Article.make(doc="a", source="a.txt", text=text, lang="en")
    con = db.connect(path)
    try:
        load.commit_batch(con, load.Summary(load_id="l"), [art],
                          [([_quantity("five percent", text), _quantity("5 percent", text)], None)], [], "v", 0)
    finally:
        con.close()
    con = db.connect(path, read_only=True)
    try:
        assert con.execute("SELECT text, entities FROM v_fact_quantity ORDER BY ordinal").fetchall() == [
            ("five percent", ["KAZ"]), ("5 percent", ["KAZ"])]
        assert con.execute("SELECT count(text_key) FROM fact_quantity").fetchone() == (1,)
    finally:
        con.close()
