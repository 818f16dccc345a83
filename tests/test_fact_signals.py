"""The signals fact linkage compares across articles: indicator, entities (subject included), period
(resolved against the publication date, inherited from the article when a sentence states none), and
publication dates known only to the month or year. News-style sentences written for these tests."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import extract_records, invoke, query_json
from extractors import extract


# -- publication dates known to the month or the year -----------------------------------------------
def test_a_date_marker_given_to_the_month_or_year_loads_with_its_precision(tmp_path):
    (tmp_path / "en_month.txt").write_text(" date 2025-03\nExports rose 4% last year, to $2 billion.\n", encoding="utf-8")
    (tmp_path / "en_year.txt").write_text(" date 2024 \nThe plant employs 1,200 people.\n", encoding="utf-8")
    (tmp_path / "en_day.txt").write_text(" date 2025-03-07\nThe port handled 300 ships.\n", encoding="utf-8")
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "j_month", "lang": "en", "published": "2023-11", "text": "Imports fell 3% last year."},
        {"id": "j_year", "lang": "en", "published": "2022", "text": "Wheat exports reached 9 million tonnes."},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    res = invoke("load", tmp_path, "--db", db, "--workers", 1, "--quiet")
    assert res.exit_code == 0, res.output
    rows = query_json(db, "select doc, published::varchar as published, published_precision from dim_article order by doc")
    assert [(r["doc"], r["published"], r["published_precision"]) for r in rows] == [
        ("en_day.txt", "2025-03-07", "day"), ("en_month.txt", "2025-03-01", "month"),
        ("en_year.txt", "2024-01-01", "year"), ("j_month", "2023-11-01", "month"), ("j_year", "2022-01-01", "year")]
    growth = query_json(db, "select doc, period, period_start::varchar as ps from v_quantities natural join "
                            "(select quantity_id, period_start from fact_quantity) where text like '%\\%' escape '\\' order by doc")
    assert [(r["doc"], r["period"], r["ps"]) for r in growth] == [
        ("en_month.txt", "2024", "2024-01-01"), ("j_month", "2022", "2022-01-01")]


def test_a_malformed_partial_date_is_still_rejected(tmp_path):
    (tmp_path / "bad.txt").write_text(" date 2025-13\nThe port handled 300 ships.\n", encoding="utf-8")
    res = invoke("load", tmp_path / "bad.txt", "--db", tmp_path / "w.duckdb")
    assert res.exit_code == 1
    assert "invalid publication date '2025-13'" in res.stderr


@pytest.mark.parametrize("marker", [" date 2025-10-25 ", " date 2025-10 ", " date 2025\n"])
def test_the_date_marker_never_leaks_into_the_sentence_or_the_quantified_words(tmp_path, marker):
    (tmp_path / "tr_x.txt").write_text(marker + "Kazakistan 80 milyon ton petrol üretti.\n", encoding="utf-8")
    recs = extract_records(tmp_path / "tr_x.txt")
    assert recs and recs[0]["sentence"] == "Kazakistan 80 milyon ton petrol üretti."
    assert all("date" not in (r["quantified"] or "") and "date" not in r["sentence"] for r in recs)
