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

# fact_quantity is numbers and keys (migration 0014): what the writer stages besides the key columns
NARROW_COLUMNS = ("quantity_id", "article_id", "published_date_key", "ordinal", "start", "end", "value",
                  "value_max", "base_value", "period_start", "period_end", "period_is_target", "sentence_start",
                  "sentence_end", "sentence_text", "kind_key", "entities_key", *rows.PHRASE_KEYS)
_NARROW = ", ".join(f'"{c}"' for c in NARROW_COLUMNS)
_STAGED = _NARROW.replace('"period_is_target"', 'coalesce("period_is_target", false)')  # unknown: not a target
QUANTITY_INSERT = f"""
INSERT INTO fact_quantity (load_id, {_NARROW})
SELECT $load_id, {_STAGED} FROM staged_quantities"""


def wide_rows_sql(source: str, target: str = "fact_quantity") -> list[str]:
    """Statements writing the rows of `source`, a relation of the wide fact row (fact_quantity's
    columns before migration 0014, and the article's `article_text`), as `target` rows (numbers and
    keys) and the dimension rows their strings need: that migration, and rows written in SQL."""
    key = rows.phrase_key_sql
    text = 'CASE WHEN text IS DISTINCT FROM substr(article_text, "start" + 1, "end" - "start") THEN text END'
    phrases = " UNION ALL ".join(f"SELECT {key(e)} AS phrase_key, {e} AS phrase FROM {source}"
                                 for e in ("quantified", "subject", "period", "fact", text))
    listed = "coalesce(entities, []::VARCHAR[])"
    entities = f"SELECT {key(rows.entities_string_sql(listed))} AS entities_key, {listed} AS entities FROM {source}"
    kinds = f"SELECT {key(rows.KIND_STRING_SQL)} AS kind_key, {', '.join(rows.KIND_FIELDS)} FROM {source}"
    merges = [_merge_sql(table, k, cols, select) for table, k, cols, select in (
        ("dim_phrase", "phrase_key", ["phrase"], phrases), ("dim_entity_set", "entities_key", ["entities"], entities),
        ("dim_quantity_kind", "kind_key", list(rows.KIND_FIELDS), kinds))]
    keys = {"kind_key": key(rows.KIND_STRING_SQL), "entities_key": key(rows.entities_string_sql(listed)),
            **{k: key(text if f == "text" else f) for k, f in rows.PHRASE_KEYS.items()}}
    plain = [c for c in ("load_id", *NARROW_COLUMNS) if c not in keys]
    names = ", ".join(f'"{c}"' for c in [*plain, *keys])
    values = ", ".join([*(f'"{c}"' for c in plain), *keys.values()])
    return [*merges, f"INSERT INTO {target} ({names}) SELECT {values} FROM {source}"]


def _merge_sql(table: str, key: str, columns: list[str], select: str) -> str:
    """MERGE INTO `table` the rows of `select` whose `key` it lacks, once each: a hash-keyed
    dimension's insert, since neither a DuckDB file nor a lake has unique constraints."""
    cols = ", ".join(f'"{c}"' for c in [key, *columns])
    return f"""MERGE INTO {table} USING (SELECT DISTINCT ON ("{key}") {cols} FROM ({select}) WHERE "{key}" IS NOT NULL)
               AS staged ON {table}."{key}" = staged."{key}"
               WHEN NOT MATCHED THEN INSERT ({cols}) VALUES ({', '.join(f'staged."{c}"' for c in [key, *columns])})"""


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
    """INSERT the rows of an Arrow table; with `key`, only rows whose key the table lacks (once each):
    a MERGE INTO on the hash key, since neither a DuckDB file nor a lake has unique constraints."""
    if not staged.num_rows:
        return 0
    name = f"staged_{table}"
    con.register(name, staged)
    try:
        if key is None:
            cols = ", ".join(f'"{c}"' for c in staged.schema.names)
            return con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}").fetchone()[0]
        others = [c for c in staged.schema.names if c != key]
        return con.execute(_merge_sql(table, key, others, f"SELECT * FROM {name}")).fetchone()[0]
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
    """What a committed transaction added: its articles (ids) and counts; `replaced`: whether it
    replaced stored articles' quantities (reextract) rather than adding new articles."""
    article_ids: list[str]
    quantities: int
    present: int
    errors: int
    replaced: bool = False


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


def _first_of_each_key(table: pa.Table, key: str, columns: list[str]) -> pa.Table:
    """`columns` of the first row of each distinct non-NULL `key` of `table`, the key column named `key`
    (hash lookups in Arrow: no sort, no Python per row)."""
    keys = table[key].combine_chunks()
    first = pc.index_in(pc.unique(keys).drop_null(), value_set=keys)
    return table.select([key, *columns]).take(first)


def _dimension_rows(quantities: pa.Table) -> list[tuple[str, str, pa.Table]]:
    """(table, key, rows) of dim_phrase, dim_entity_set and dim_quantity_kind for the keys of the
    batch's quantities: one row per distinct key, taken from its first quantity."""
    phrases = pa.concat_tables(
        _first_of_each_key(quantities, key, [text]).rename_columns(["phrase_key", "phrase"])
        for key, text in rows.PHRASE_KEYS.items())
    return [("dim_phrase", "phrase_key", phrases),
            ("dim_entity_set", "entities_key", _first_of_each_key(quantities, "entities_key", ["entities"])),
            ("dim_quantity_kind", "kind_key", _first_of_each_key(quantities, "kind_key", list(rows.KIND_FIELDS)))]


def _with_kinds(quantities: pa.Table) -> pa.Table:
    """The staged quantities with their kind: the language (the quantity's, else the article's), the
    unit as unit_key, and kind_key over rows.KIND_FIELDS."""
    lang = pc.coalesce(pc.if_else(pc.equal(quantities["lang"], ""), pa.scalar(None, pa.string()), quantities["lang"]),
                       quantities["article_lang"])
    quantities = quantities.set_column(quantities.schema.get_field_index("lang"), "lang", lang)
    quantities = quantities.append_column("unit_key", quantities["unit"])
    return quantities.append_column("kind_key", rows.kind_keys([quantities[f] for f in rows.KIND_FIELDS]))


def _insert_quantities(con, batch: Batch) -> None:
    """fact_quantity rows (numbers and keys) and the dimension rows of their strings that are new."""
    quantities = _with_kinds(batch.quantities)
    for table, key, dim_rows in _dimension_rows(quantities):
        insert_new(con, table, dim_rows, key)
    con.register("staged_quantities", quantities.select(list(NARROW_COLUMNS)))
    try:
        con.execute(QUANTITY_INSERT, {"load_id": batch.load_id})
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
    """Replace the quantities of the batch's stored articles with the
    batch's, and their dim_article.extractor_key, in one transaction: readers see each article with
    all its old quantities or all its new ones."""
    with transaction(con):
        con.register("staged_articles", batch.articles.select(["article_id", "extractor_key"]))
        try:
            con.execute("DELETE FROM fact_quantity WHERE article_id IN (SELECT article_id FROM staged_articles)")
            con.execute("""UPDATE dim_article SET extractor_key = s.extractor_key FROM staged_articles s
                           WHERE dim_article.article_id = s.article_id""")
        finally:
            con.unregister("staged_articles")
        if batch.quantities.num_rows:
            _insert_quantities(con, batch)
        _finish(con, batch, batch.articles.num_rows, batch.quantities.num_rows, 0)
    return Written(batch.articles["article_id"].to_pylist(), batch.quantities.num_rows, 0, len(batch.rejected),
                   replaced=True)


# ---------------------------------------------------------------- the run's load_log row


def open_run(con, load_id: str, kind: str, paths: str | None, version: str, sole_writer: bool = True) -> None:
    """Log a run as `running`. When this run holds the only write connection (a DuckDB file, not a
    lake that many loaders share), a run still `running` was killed before it could say so, and is
    marked interrupted."""
    if sole_writer:
        con.execute("UPDATE load_log SET status = 'interrupted' WHERE status = 'running'")
    con.execute("""INSERT INTO load_log (load_id, started, finished, status, paths, extractor_version, articles_loaded,
                       articles_present, quantities, skipped, errors, seconds, kind)
                   VALUES (?, ?, NULL, 'running', ?, ?, 0, 0, 0, 0, 0, NULL, ?)""",
                [load_id, utcnow(), paths, version, kind])


def close_run(con, load_id: str, status: str, seconds: float) -> None:
    con.execute("UPDATE load_log SET finished = ?, status = ?, seconds = ? WHERE load_id = ?",
                [utcnow(), status, seconds, load_id])
