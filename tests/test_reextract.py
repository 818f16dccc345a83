"""`warehouse reextract` through the CLI: stale articles are read again by the installed extractor,
whole articles a transaction, resumable, and a warehouse with nothing behind is left alone."""
from __future__ import annotations

import json

import duckdb
import pytest

from conftest import DEV_DOCS, SEEDS, ctrl_c_at_call, invoke, one_sentence_corpus, query_json
from warehouse import load as load_stage, write

ROWS = ('select quantity_id, article_id, unit_key, extractor_key, ordinal, "start", "end", text, value, fact, '
        'entities, sentence_start from v_fact_quantity order by quantity_id')
BRIDGE = "select quantity_id, entity_id, article_id from bridge_quantity_entity order by all"
NO_NUMBERS = "A short note without any figures at all."


def _load(db, *paths):
    res = invoke("load", *paths, "--db", db, "--workers", 1, "--quiet")
    assert res.exit_code == 0, res.output


def _sql(db, *statements):
    con = duckdb.connect(str(db))
    try:
        for s in statements:
            con.execute(s)
    finally:
        con.close()


def _stats(db) -> dict:
    res = invoke("stats", "--db", db, "--format", "json")
    assert res.exit_code == 0, res.stderr
    return {r["metric"]: r["value"] for r in json.loads(res.stdout)}


@pytest.fixture
def clean(tmp_path):
    """Inputs (seeds, dev articles, one article with no quantities) and a warehouse loaded from them."""
    note = tmp_path / "in" / "en_note.txt"
    note.parent.mkdir()
    note.write_text(NO_NUMBERS, encoding="utf-8")
    paths = [SEEDS, DEV_DOCS, note]
    db = tmp_path / "clean.duckdb"
    _load(db, *paths)
    return paths, db


def test_stale_rows_become_current_and_deleted_quantities_come_back(tmp_path, clean):
    paths, clean_db = clean
    db = tmp_path / "w.duckdb"
    _load(db, *paths)
    total = query_json(db, "select count(*) n from fact_quantity")[0]["n"]
    articles = query_json(db, "select count(*) n from dim_article")[0]["n"]
    _sql(db, "update dim_extractor set version = 'old-0'",
         "delete from fact_quantity where quantity_id in (select quantity_id from fact_quantity order by all limit 5)")
    assert _stats(db)["articles behind the installed extractor"] == articles

    res = invoke("reextract", "--db", db, "--quiet")
    assert res.exit_code == 0, res.output
    assert f"{articles} articles re-extracted" in res.stdout
    assert f"quantities {total - 5} before, {total} after" in res.stdout

    assert query_json(db, ROWS) == query_json(clean_db, ROWS)
    assert query_json(db, BRIDGE) == query_json(clean_db, BRIDGE)
    assert _stats(db)["articles behind the installed extractor"] == 0
    assert query_json(db, "select version from dim_extractor") == query_json(clean_db, "select version from dim_extractor")
    assert query_json(db, "select kind, status, articles_loaded, quantities from load_log order by started") == [
        {"kind": "load", "status": "finished", "articles_loaded": articles, "quantities": total},
        {"kind": "reextract", "status": "finished", "articles_loaded": articles, "quantities": total}]


def test_nothing_behind_does_nothing(clean):
    _, db = clean
    before = query_json(db, "select quantity_id, load_id from fact_quantity order by all")
    res = invoke("reextract", "--db", db)
    assert res.exit_code == 0, res.output
    assert "nothing to re-extract" in res.stdout
    assert query_json(db, "select quantity_id, load_id from fact_quantity order by all") == before
    assert _stats(db)["articles behind the installed extractor"] == 0


def test_all_rereads_every_article_with_the_same_rows(clean):
    _, db = clean
    before = query_json(db, ROWS)
    res = invoke("reextract", "--db", db, "--all", "--workers", 1, "--quiet")
    assert res.exit_code == 0, res.output
    n = query_json(db, "select count(*) n from dim_article")[0]["n"]
    assert f"{n} articles re-extracted" in res.stdout
    assert query_json(db, ROWS) == before
    assert query_json(db, "select count(distinct load_id) n from fact_quantity")[0]["n"] == 1  # the reextract's


def test_an_interrupted_reextract_resumes(tmp_path, monkeypatch):
    corpus = one_sentence_corpus(tmp_path / "in.jsonl")
    db, clean_db = tmp_path / "w.duckdb", tmp_path / "clean.duckdb"
    _load(db, corpus)
    _load(clean_db, corpus)
    _sql(db, "update dim_extractor set version = 'old-0'", "delete from fact_quantity where article_id in "
             "(select article_id from dim_article order by article_id desc limit 3)")

    real = write.replace_quantities
    monkeypatch.setattr(write, "replace_quantities", ctrl_c_at_call(real, 2))
    monkeypatch.setattr(load_stage, "COMMIT_SECONDS", 0.0)   # commit every batch of 64 articles
    res = invoke("reextract", "--db", db, "--workers", 1, "--quiet")
    assert res.exit_code == 130
    assert query_json(db, "select kind, status, articles_loaded from load_log where kind = 'reextract'") == [
        {"kind": "reextract", "status": "interrupted", "articles_loaded": 64}]
    assert _stats(db)["articles behind the installed extractor"] == 136
    # every article has all its quantities, old or new: one per article here, but for the 3 deleted
    assert query_json(db, "select count(*) n from dim_article a anti join fact_quantity using (article_id)") == \
        [{"n": 3}]

    monkeypatch.setattr(write, "replace_quantities", real)
    res = invoke("reextract", "--db", db, "--workers", 1, "--quiet")
    assert res.exit_code == 0, res.output
    assert "136 articles re-extracted" in res.stdout
    assert _stats(db)["articles behind the installed extractor"] == 0
    assert query_json(db, ROWS) == query_json(clean_db, ROWS)
