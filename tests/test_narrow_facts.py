"""The narrow fact row (migration 0005): fact_quantity stores the sentence as offsets into the article
text, and the views derive the same `sentence` the extractor gave, for every fact."""
from __future__ import annotations

from datetime import date

import extractors
from conftest import query_json
from warehouse import db, extraction_workers, load, rows
from warehouse.article import Article


def _fetch(path, sql, params=None):
    con = db.connect(path, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_v_quantities_sentence_is_the_extractors_for_every_fact(seeded_db, seed_extraction):
    rows = query_json(seeded_db, 'select doc, "start", "end", sentence from v_quantities order by doc, "start", "end"')
    want = sorted(({k: r[k] for k in ("doc", "start", "end", "sentence")} for r in seed_extraction),
                  key=lambda r: (r["doc"], r["start"], r["end"]))
    assert rows == want
    # stored as offsets, not as text
    assert _fetch(seeded_db, "select count(*) from fact_quantity where sentence_text is not null "
                             "or sentence_start is null") == [(0,)]
    assert not any(c == "sentence" for (c,) in _fetch(
        seeded_db, "select column_name from duckdb_columns() where table_name = 'fact_quantity'"))


def test_v_facts_example_sentence_is_derived(seeded_db):
    rows = query_json(seeded_db, "select example_sentence from v_facts")
    assert rows and all(r["example_sentence"] for r in rows)


def test_quantity_columns_find_the_right_occurrence_and_keep_unfound_sentences():
    text = "Exports rose 5 percent. Imports fell. Exports rose 5 percent."
    first, second = [q for q in extractors.extract(text, "en")]
    assert (first.sentence, second.sentence) == ("Exports rose 5 percent.",) * 2
    other = extractors.Quantity(start=13, end=22, text="5 percent", value=5.0, unit="percent",
                                dimension="percentage", lang="en", sentence="Not in the text.")
    cols = extraction_workers.quantity_columns(text, [first, second, other])
    assert (cols.sentence_start, cols.sentence_end) == ([0, 38, None], [23, 61, None])
    assert cols.sentence_text == [None, None, "Not in the text."]
    assert extraction_workers.quantity_columns(text, []) is None


def test_commit_batch_from_quantities_and_from_worker_columns(tmp_path):
    """commit_batch takes Quantity lists (the benchmark, `warehouse extract`) and the compact columns the
    workers send; both give the same rows, and a sentence that is not in the text survives."""
    text = "Trade reached $4.5 billion in 2024, up 12 percent. About 300 trucks cross daily."
    qs = list(extractors.extract(text, "en", date(2025, 1, 2)))
    odd = extractors.Quantity(start=0, end=5, text="Trade", value=1.0, unit="count", dimension="count",
                              lang="en", sentence="A sentence from elsewhere.")
    qs.append(odd)
    results = {}
    for form in ("quantities", "columns"):
        path = tmp_path / f"{form}.duckdb"
        db.migrate(path)
        con = db.connect(path)
        summary = load.Summary(load_id=form)
        con.execute("INSERT INTO load_log (load_id, status) VALUES (?, 'running')", [form])
        art = Article.make(doc="a.txt", source="a.txt", text=text, lang="en", published=date(2025, 1, 2))
        payload = qs if form == "quantities" else extraction_workers.quantity_columns(text, qs)
        load.commit_batch(con, summary, [art, art], [(payload, None), (payload, None)], [], "v1", 0)
        assert (summary.articles_loaded, summary.articles_present, summary.quantities) == (1, 1, len(qs))
        con.close()
        results[form] = _fetch(path, 'select v.quantity_id, f.ordinal, v."start", v."end", v.text, v.value, '
                                     'v.sentence from v_quantities v join fact_quantity f using (quantity_id) '
                                     'order by f.ordinal')
    assert results["quantities"] == results["columns"]
    assert [r[-1] for r in results["columns"]] == [q.sentence for q in qs]
    assert results["columns"][0][0] == rows.key(Article.make(doc="", source="", text=text, lang="en").article_id,
                                               0, qs[0].start, qs[0].end)


def test_upgrade_to_0005_turns_stored_sentences_into_offsets(tmp_path):
    """A warehouse at 0004 (sentence as text) upgrades to offsets: the right occurrence of a repeated
    sentence, and a sentence that is not in the text kept as sentence_text."""
    path = tmp_path / "w.duckdb"
    db.migrate(path, "0004")
    text = "Exports rose 5 percent. Imports fell. Exports rose 5 percent."
    con = db.connect(path)
    con.execute("INSERT INTO dim_article (article_id, article_text) VALUES ('a1', ?)", [text])
    con.execute("""INSERT INTO fact_quantity (quantity_id, article_id, load_id, ordinal, "start", "end", text, sentence)
                   VALUES ('q1', 'a1', 'l', 0, 13, 22, '5 percent', 'Exports rose 5 percent.'),
                          ('q2', 'a1', 'l', 1, 51, 60, '5 percent', 'Exports rose 5 percent.'),
                          ('q3', 'a1', 'l', 2, 0, 7, 'Exports', 'Elsewhere.'),
                          ('q4', 'a1', 'l', 3, 0, 7, 'Exports', NULL)""")
    con.close()
    db.migrate(path)
    assert _fetch(path, "select quantity_id, sentence_start, sentence_end, sentence_text from fact_quantity "
                        "order by 1") == [("q1", 0, 23, None), ("q2", 38, 61, None), ("q3", None, None, "Elsewhere."),
                                          ("q4", None, None, None)]
    assert _fetch(path, "select quantity_id, sentence from v_quantities order by 1") == [
        ("q1", "Exports rose 5 percent."), ("q2", "Exports rose 5 percent."), ("q3", "Elsewhere."), ("q4", None)]
    db.downgrade(path, "0004")
    assert _fetch(path, "select quantity_id, sentence from fact_quantity order by 1") == [
        ("q1", "Exports rose 5 percent."), ("q2", "Exports rose 5 percent."), ("q3", "Elsewhere."), ("q4", None)]


def test_v_quantities_of_a_load_in_worker_processes_is_what_the_extractor_gave(tmp_path):
    """Workers send their quantities as Arrow columns (QuantityRows): every v_quantities field of a
    load through the process pool is the extractor's own, for every quantity of every article."""
    from conftest import DEV_DOCS, SEEDS
    from warehouse import read

    paths = [SEEDS, DEV_DOCS]
    path = tmp_path / "w.duckdb"
    load.load(paths, path, workers=2, batch_size=2)  # batches of 2: the process pool
    fields = ("text", "value", "value_max", "unit", "dimension", "base_value", "base_unit", "qualifier", "quantified",
              "subject", "period", "indicator", "lang", "sentence")
    got = _fetch(path, f'select article_id, "start", "end", {", ".join(fields)}, period_start::varchar, '
                       'period_end::varchar, fact_key, extractor from v_quantities order by all')
    want = []
    for art in (a for batch in read.iter_batches(paths) for a in batch.items if isinstance(a, Article)):
        for q in extractors.extract(art.text, art.lang, art.published):
            want.append((art.article_id, q.start, q.end, *(getattr(q, f) for f in fields),
                         *(None if d is None else str(d) for d in (q.period_start, q.period_end)), q.fact, q.extractor))
    want = sorted(set(want))
    assert len(got) > 150 and got == want
