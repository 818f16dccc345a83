"""Property (issue 4): loading any permutation or repetition of the same files, in one run or split
over several runs, yields the same warehouse contents as one load of each file once (rows compared by
content, load ids aside)."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from warehouse import db, load

ARTICLES = {
    "tr_ekonomi.txt": (" date 2025-10-25 Türkiye'nin ihracatı 2024 yılında yüzde 3,2 artarak 255 milyar dolara "
                       "ulaştı.", "cp1254"),
    "en_trade.txt": ("Trade turnover reached $4.5 billion in the first half, up 12 percent; about 300 trucks "
                     "cross the border every day.", "utf-8"),
    "az_neft.txt": (" date 2025-11-12 Azərbaycan 2025-ci ilin ilk yarısında 12,5 milyon ton neft ixrac edib.",
                    "utf-8-sig"),
    "en_none.txt": ("The delegation discussed transport corridors and the energy agenda.", "utf-16"),
}
JSONL = [{"id": "j1", "lang": "en", "published": "2025-03-04", "text": "Wheat exports fell 7 percent to 2 million tonnes."},
         {"id": "j2", "lang": "tr", "published": "04.03.2025", "text": "Doğalgaz fiyatı yüzde 15 arttı."},
         {"id": "j3", "lang": "en", "text": "The plant employs more than 1,200 people."}]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[list[Path], Path]:
    folder = tmp_path_factory.mktemp("articles")
    for name, (text, encoding) in ARTICLES.items():
        (folder / name).write_bytes(text.encode(encoding))
    (folder / "lines.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in JSONL),
                                        encoding="utf-8")
    return sorted(folder.iterdir()), folder


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.duckdb"
    db.migrate(path)
    return path


def contents(path) -> dict[str, list[tuple]]:
    """Every table but the run bookkeeping, as sorted rows without load ids; linked facts as the
    grouping of mentions they make (a fact is named after the first mention loaded, so its id
    depends on the order of the loads; the grouping must not)."""
    con = db.connect(path, read_only=True)
    try:
        out = {}
        tables = [r[0] for r in con.execute("select table_name from duckdb_tables() where table_name not in "
                                            "('load_log', 'load_errors', 'alembic_version') order by 1").fetchall()]
        for t in tables:
            cols = [r[0] for r in con.execute("select column_name from duckdb_columns() where table_name = ? "
                                              "and column_name not in ('load_id', 'fact_id') order by column_index",
                                              [t]).fetchall()]
            rows = con.execute(f'select {", ".join(chr(34) + c + chr(34) for c in cols)} from "{t}"').fetchall()
            out[t] = sorted(rows, key=repr)
        out["facts"] = sorted(r[0] for r in con.execute(
            "select list_sort(list(quantity_id)) from link_mention group by fact_id").fetchall())
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def reference(inputs, template, tmp_path_factory) -> dict[str, list[tuple]]:
    files, _ = inputs
    path = tmp_path_factory.mktemp("reference") / "w.duckdb"
    shutil.copy(template, path)
    s = load.load(files, path, workers=1)
    assert (s.articles_loaded, s.errors) == (len(ARTICLES) + len(JSONL), 0)
    got = contents(path)
    assert got["fact_quantity"] and got["dim_article"] and got["dim_date"]
    return got


@st.composite
def runs(draw, files: list[Path], folder: Path) -> list[list[Path]]:
    """Every file at least once, some again (or the whole folder), in any order, cut into 1-3 runs."""
    extra = draw(st.lists(st.sampled_from([*files, folder]), max_size=4))
    sequence = draw(st.permutations([*files, *extra]))
    cuts = sorted(draw(st.sets(st.integers(1, len(sequence) - 1), max_size=2)))
    bounds = [0, *cuts, len(sequence)]
    return [sequence[a:b] for a, b in zip(bounds, bounds[1:])]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_order_and_repetition_gives_the_same_warehouse(data, inputs, template, reference):
    files, folder = inputs
    plan = data.draw(runs(files, folder))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.duckdb"
        shutil.copy(template, path)
        loaded = 0
        for run in plan:
            s = load.load(run, path, workers=1)
            assert s.errors == 0
            loaded += s.articles_loaded
        assert loaded == len(ARTICLES) + len(JSONL)  # each article is new exactly once
        assert contents(path) == reference
