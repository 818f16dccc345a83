"""The analyst view and the example queries in sql/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, query_json
from warehouse import db

REQUIRED = ["article_id", "doc", "url", "published", "lang", "sentence", "start", "end", "text", "value",
            "value_max", "unit", "dimension", "base_value", "base_unit", "qualifier", "quantified", "subject",
            "period", "extractor"]
QUERIES = sorted((ROOT / "sql" / "queries").glob("*.sql"))


def test_view_has_the_columns_and_a_comment_on_each(seeded_db):
    cols = query_json(seeded_db, "select column_name, comment from duckdb_columns() "
                                 "where table_name = 'v_quantities' order by column_index")
    names = [c["column_name"] for c in cols]
    for c in REQUIRED:
        assert c in names
    assert [c["column_name"] for c in cols if not (c["comment"] or "").strip()] == []
    view = query_json(seeded_db, "select comment from duckdb_views() where view_name = 'v_quantities'")
    assert view[0]["comment"].startswith("One row per quantity")


def test_tables_are_commented(seeded_db):
    rows = query_json(seeded_db, "select table_name, column_name from duckdb_columns() c "
                                 "join duckdb_tables() t using (table_name) "
                                 "where table_name <> 'alembic_version' and coalesce(c.comment, '') = ''")
    assert rows == []


def test_view_rows_match_the_facts(seeded_db, seed_extraction):
    rows = query_json(seeded_db, 'select doc, "start", "end", text, value, unit, dimension, extractor '
                                 'from v_quantities order by doc, "start", "end"')
    want = sorted(({k: r[k] for k in ("doc", "start", "end", "text", "value", "unit", "dimension", "extractor")}
                   for r in seed_extraction), key=lambda r: (r["doc"], r["start"], r["end"]))
    assert rows == want


def test_there_are_example_queries():
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_example_query_runs(seeded_db, path: Path):
    text = path.read_text(encoding="utf-8")
    assert re.match(r"-- \S.*\?", text), "each query starts with a comment saying what it answers"
    con = db.connect(seeded_db, read_only=True)
    try:
        cur = con.execute(text)
        assert cur.description
        cur.fetchall()
    finally:
        con.close()


def test_load_history_query_shows_the_load(seeded_db):
    con = db.connect(seeded_db, read_only=True)
    rows = con.execute((ROOT / "sql" / "queries" / "06_load_history.sql").read_text(encoding="utf-8")).fetchall()
    con.close()
    assert len(rows) == 1 and rows[0][2] == "finished" and rows[0][3] == 5


def test_the_dimension_comment_names_real_dimensions_and_where_all_are(seeded_db):
    """The comment gives examples, each a dimension dim_unit has, and the query that lists them all:
    a closed list went stale as dimensions were added."""
    comment = query_json(seeded_db, "select comment from duckdb_columns() "
                                    "where table_name = 'v_quantities' and column_name = 'dimension'")[0]["comment"]
    dimensions = {r["dimension"] for r in query_json(seeded_db, "select distinct dimension from dim_unit")}
    examples = re.findall(r"[a-z_]+", comment.split(":", 1)[1].split("...")[0])
    assert examples and set(examples) <= dimensions, (examples, dimensions)
    assert "SELECT DISTINCT dimension FROM dim_unit" in comment
