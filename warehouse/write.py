"""Write stage: Arrow batches in, one transaction each.

The writer takes articles and quantities as Arrow tables of the schemas declared in
warehouse/rows.py (ARTICLE_SCHEMA, QUANTITY_SCHEMA), dimension rows ready to insert, rejected inputs
and counters, and writes them in one transaction with the run's load_log counters: a crash leaves
only whole articles. Each table's rows go in as one registered Arrow table (INSERT ... SELECT with
anti-joins), never row by row. It knows nothing of pint, seed files or languages.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.compute as pc

from warehouse import rows

ERROR_SCHEMA = pa.schema([("load_id", pa.string()), ("path", pa.string()), ("reason", pa.string()),
                          ("at", pa.timestamp("us"))])

# quantity_id: the hash of what identifies one quantity in one article
_QUANTITY_ID = 'substr(sha256(concat_ws(chr(31), article_id, ordinal, "start", "end")), 1, 16)'
QUANTITY_INSERT = f"""
INSERT INTO fact_quantity (quantity_id, article_id, unit_key, published_date_key, lang, extractor_key, load_id,
    ordinal, "start", "end", text, value, value_max, base_value, base_unit, dimension, qualifier, quantified,
    subject, period, period_start, period_end, period_is_target, indicator, entities, fact,
    sentence_start, sentence_end, sentence_text)
SELECT {_QUANTITY_ID}, article_id, unit,
    published_date_key, coalesce(nullif(lang, ''), article_lang), extractor_key, $load_id,
    ordinal, "start", "end", text, value, value_max, base_value, base_unit, dimension, qualifier, quantified,
    subject, period, period_start, period_end, coalesce(period_is_target, false), indicator,
    coalesce(entities, []::VARCHAR[]), fact, sentence_start, sentence_end, sentence_text
FROM staged_quantities"""
BRIDGE_INSERT = f"""
INSERT INTO bridge_quantity_entity (quantity_id, entity_id, article_id, load_id)
SELECT {_QUANTITY_ID}, unnest(entities), article_id, $load_id
FROM staged_quantities WHERE len(entities) > 0"""
ARTICLE_COLUMNS = ", ".join(rows.ARTICLE_SCHEMA.names)


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@contextmanager
def transaction(con):
    con.begin()
    try:
        yield
        con.commit()
    except BaseException:
        try:
            con.rollback()
        except Exception:  # noqa: BLE001 - a failed commit (disk full) may leave nothing to roll back:
            pass           # its own error is the one to report
        raise


def insert_new(con, table: str, staged: pa.Table, key: str | None = None) -> int:
    """INSERT the rows of an Arrow table; with `key`, only rows whose key the table lacks (once each)."""
    if not staged.num_rows:
        return 0
    name = f"staged_{table}"
    con.register(name, staged)
    try:
        cols = ", ".join(f'"{c}"' for c in staged.schema.names)
        where = f' WHERE "{key}" NOT IN (SELECT "{key}" FROM {table})' if key else ""
        distinct = f'DISTINCT ON ("{key}") ' if key else ""
        return con.execute(f"INSERT INTO {table} ({cols}) SELECT {distinct}{cols} FROM {name}{where}").fetchone()[0]
    finally:
        con.unregister(name)


@dataclass
class Batch:
    """What one transaction writes. `articles` and `quantities` follow rows.ARTICLE_SCHEMA and
    rows.QUANTITY_SCHEMA; `dimensions` are dimensions.DimensionRows (table, key, Arrow rows)."""
    load_id: str
    articles: pa.Table
    quantities: pa.Table
    dimensions: list = field(default_factory=list)
    rejected: list = field(default_factory=list)   # read.Rejected
    skipped: int = 0     # other files the reader skipped
    present: int = 0     # articles the caller found already stored


@dataclass
class Written:
    """What a committed transaction added: its articles (ids) and counts."""
    article_ids: list[str]
    quantities: int
    present: int
    errors: int


def stored_articles(con, ids: list[str]) -> set[str]:
    """Which of `ids` dim_article has: one scan of its key column, joined to the ids as an Arrow
    table (a Python list parameter costs DuckDB a failed module import per element)."""
    if not ids:
        return set()
    con.register("staged_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        return {r[0] for r in con.execute(
            "SELECT article_id FROM dim_article SEMI JOIN staged_ids USING (article_id)").fetchall()}
    finally:
        con.unregister("staged_ids")


def _without(table: pa.Table, ids: set[str]) -> pa.Table:
    if not ids or not table.num_rows:
        return table
    return table.filter(pc.invert(pc.is_in(table["article_id"], value_set=pa.array(sorted(ids), pa.string()))))


def _insert_quantities(con, batch: Batch) -> None:
    con.register("staged_quantities", batch.quantities)
    try:
        con.execute(QUANTITY_INSERT, {"load_id": batch.load_id})
        if pc.max(pc.list_value_length(batch.quantities["entities"])).as_py():
            con.execute(BRIDGE_INSERT, {"load_id": batch.load_id})
    finally:
        con.unregister("staged_quantities")


def _finish(con, batch: Batch, n_articles: int, n_quantities: int, present: int) -> None:
    """Dimension rows, rejected inputs and the run's counters, inside the batch's transaction."""
    for dim in batch.dimensions:
        insert_new(con, dim.table, dim.rows, dim.key)
    now = utcnow()
    insert_new(con, "load_errors", pa.Table.from_pylist(
        [{"load_id": batch.load_id, "path": r.path, "reason": r.reason, "at": now} for r in batch.rejected],
        ERROR_SCHEMA))
    con.execute("""UPDATE load_log SET articles_loaded = articles_loaded + ?,
                   articles_present = articles_present + ?, quantities = quantities + ?,
                   skipped = skipped + ?, errors = errors + ? WHERE load_id = ?""",
                [n_articles, present, n_quantities, batch.skipped, len(batch.rejected), batch.load_id])


def add_articles(con, batch: Batch) -> Written:
    """Add the batch's articles that dim_article lacks, with their quantities, in one transaction;
    the others count as present."""
    with transaction(con):
        stored = stored_articles(con, batch.articles["article_id"].to_pylist())
        articles, quantities = _without(batch.articles, stored), _without(batch.quantities, stored)
        new = Batch(batch.load_id, articles, quantities, batch.dimensions, batch.rejected, batch.skipped,
                    batch.present + len(stored))
        if articles.num_rows:
            con.register("staged_articles", articles)
            try:
                con.execute(f"INSERT INTO dim_article ({ARTICLE_COLUMNS}) SELECT {ARTICLE_COLUMNS} FROM staged_articles")
            finally:
                con.unregister("staged_articles")
            if quantities.num_rows:
                _insert_quantities(con, new)
        _finish(con, new, articles.num_rows, quantities.num_rows, new.present)
    return Written(articles["article_id"].to_pylist(), quantities.num_rows, new.present, len(batch.rejected))


def replace_quantities(con, batch: Batch) -> Written:
    """Replace the quantities (and entity bridge rows) of the batch's stored articles with the
    batch's, and their dim_article.extractor_key, in one transaction: readers see each article with
    all its old quantities or all its new ones."""
    with transaction(con):
        con.register("staged_articles", batch.articles.select(["article_id", "extractor_key"]))
        try:
            for table in ("fact_quantity", "bridge_quantity_entity"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM staged_articles)")
            con.execute("""UPDATE dim_article SET extractor_key = s.extractor_key FROM staged_articles s
                           WHERE dim_article.article_id = s.article_id""")
        finally:
            con.unregister("staged_articles")
        if batch.quantities.num_rows:
            _insert_quantities(con, batch)
        _finish(con, batch, batch.articles.num_rows, batch.quantities.num_rows, 0)
    return Written(batch.articles["article_id"].to_pylist(), batch.quantities.num_rows, 0, len(batch.rejected))


# ---------------------------------------------------------------- the run's load_log row


def open_run(con, load_id: str, kind: str, paths: str | None, version: str) -> None:
    """Log a run as `running`. This run holds the only write connection: a run still `running` was
    killed before it could say so, and is marked interrupted."""
    con.execute("UPDATE load_log SET status = 'interrupted' WHERE status = 'running'")
    con.execute("""INSERT INTO load_log (load_id, started, finished, status, paths, extractor_version, articles_loaded,
                       articles_present, quantities, skipped, errors, seconds, kind)
                   VALUES (?, ?, NULL, 'running', ?, ?, 0, 0, 0, 0, 0, NULL, ?)""",
                [load_id, utcnow(), paths, version, kind])


def close_run(con, load_id: str, status: str, seconds: float) -> None:
    con.execute("UPDATE load_log SET finished = ?, status = ?, seconds = ? WHERE load_id = ?",
                [utcnow(), status, seconds, load_id])
