"""Load stage: read -> extract -> write, one transaction per batch of whole articles.

- Idempotent by content: an article whose text is already in dim_article is not extracted again and
  adds nothing; the summary counts it as "already present".
- Atomic per batch: the batch's articles, their facts, the dimension rows they need, its rejected
  inputs and the run's counters in load_log are written in one transaction, so a crash leaves only
  whole articles and a rerun resumes where the last committed batch ended.
- Bulk: each table's rows go in as one registered Arrow table (INSERT ... SELECT with anti-joins),
  never row by row.
"""
from __future__ import annotations

import csv
import hashlib
import math
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from itertools import chain
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from warehouse import db, extract as extract_stage, link, read
from warehouse.article import Article

UNITS_CSV_PATHS = (db.ROOT / "seeds" / "units.csv", db.ROOT / "extractors" / "data" / "units.csv")
UNITS_COLUMNS = ("code", "dimension", "base_unit", "factor_to_base", "pint_expr", "name", "source")  # pint_name also read


def _h(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _iso_date(value) -> date | None:
    if isinstance(value, date):
        return value
    return read.parse_date(value)


def _date_key(d: date | None) -> int | None:
    return d.year * 10000 + d.month * 100 + d.day if d else None


def _finite(x) -> float | None:
    if x is None:
        return None
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x


@dataclass
class Summary:
    load_id: str
    articles_loaded: int = 0
    articles_present: int = 0
    quantities: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    status: str = "running"
    rejected: list = field(default_factory=list)

    def text(self) -> str:
        s = (f"load {self.load_id}: {self.articles_loaded} articles loaded, {self.articles_present} already present, "
             f"{self.quantities} quantities, {self.skipped} other files skipped, {self.errors} errors, "
             f"{self.seconds:.1f} s")
        if self.articles_loaded == 0 and self.articles_present and not self.errors:
            s += f"\nnothing new: all {self.articles_present} articles were already in the warehouse (0 rows added)"
        return s


# ---------------------------------------------------------------- Arrow schemas of the staged rows

UNIT_SCHEMA = pa.schema([
    ("unit_key", pa.string()), ("code", pa.string()), ("dimension", pa.string()), ("base_unit", pa.string()),
    ("factor_to_base", pa.float64()), ("name", pa.string()), ("pint_name", pa.string()), ("source", pa.string()),
])
EXTRACTOR_SCHEMA = pa.schema([("extractor_key", pa.string()), ("extractor", pa.string()), ("version", pa.string())])
LANG_SCHEMA = pa.schema([("lang", pa.string()), ("name", pa.string()), ("native_name", pa.string())])
DATE_SCHEMA = pa.schema([("date", pa.date32())])
ERROR_SCHEMA = pa.schema([("load_id", pa.string()), ("path", pa.string()), ("reason", pa.string()),
                          ("at", pa.timestamp("us"))])


def _table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def _insert(con, table: str, rows: list[dict], schema: pa.Schema, key: str | None = None) -> int:
    """INSERT the rows through a registered Arrow table; with `key`, only rows whose key is new."""
    if not rows:
        return 0
    name = f"staged_{table}"
    con.register(name, _table(rows, schema))
    try:
        cols = ", ".join(f'"{c}"' for c in schema.names)
        where = f' WHERE "{key}" NOT IN (SELECT "{key}" FROM {table})' if key else ""
        distinct = "DISTINCT ON (\"%s\") " % key if key else ""
        return con.execute(f"INSERT INTO {table} ({cols}) SELECT {distinct}{cols} FROM {name}{where}").fetchone()[0]
    finally:
        con.unregister(name)


# ---------------------------------------------------------------- units


def units_csv() -> Path | None:
    return next((p for p in UNITS_CSV_PATHS if p.exists()), None)


def read_units(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            code = (r.get("code") or "").strip()
            if not code:
                continue
            rows.append({"unit_key": code, "code": code, "dimension": r.get("dimension") or None,
                         "base_unit": r.get("base_unit") or None,
                         "factor_to_base": _finite(r.get("factor_to_base") or None),
                         "name": r.get("name") or None,
                         "pint_name": r.get("pint_name") or r.get("pint_expr") or None,
                         "source": r.get("source") or "units.csv"})
    return rows


def sync_units(con) -> int:
    """Refresh dim_unit from units.csv (rows for its codes are replaced; derived ones for other
    codes stay). Returns the number of rows written."""
    path = units_csv()
    if path is None:
        return 0
    rows = read_units(path)
    if not rows:
        return 0
    con.begin()
    try:
        con.register("staged_units_csv", _table(rows, UNIT_SCHEMA))
        con.execute("DELETE FROM dim_unit WHERE unit_key IN (SELECT unit_key FROM staged_units_csv)")
        cols = ", ".join(f'"{c}"' for c in UNIT_SCHEMA.names)
        con.execute(f"INSERT INTO dim_unit ({cols}) SELECT DISTINCT ON (unit_key) {cols} FROM staged_units_csv")
        con.unregister("staged_units_csv")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return len(rows)


_ureg = None


def _pint_unit(code: str) -> tuple[str | None, float | None, str | None]:
    """(pint name, factor to base, base unit) when pint knows `code`."""
    global _ureg
    try:
        if _ureg is None:
            import pint
            _ureg = pint.UnitRegistry()
        q = _ureg.Quantity(1.0, code)
        b = q.to_base_units()
        return str(q.units), float(b.magnitude), str(b.units)
    except Exception:  # noqa: BLE001 - pint raises many kinds of errors for unknown names
        return None, None, None


def derived_unit(q) -> dict:
    factor = None
    value, base = _finite(q.value), _finite(q.base_value)
    if value and base is not None and math.isfinite(value) and math.isfinite(base):
        factor = base / value
    pint_name = None
    base_unit = q.base_unit
    if factor is None:
        pint_name, factor, pint_base = _pint_unit(q.unit)
        base_unit = base_unit or pint_base
    return {"unit_key": q.unit, "code": q.unit, "dimension": q.dimension, "base_unit": base_unit,
            "factor_to_base": factor, "name": None, "pint_name": pint_name, "source": "derived"}


# ---------------------------------------------------------------- indicators and entities (issue 8)

INDICATOR_SCHEMA = pa.schema([("indicator_id", pa.string()), ("name", pa.string()), ("dimension", pa.string()),
                              ("definition", pa.string()), ("source", pa.string())])
ENTITY_SCHEMA = pa.schema([("entity_id", pa.string()), ("kind", pa.string()), ("iso2", pa.string()), ("name", pa.string())]
                          + [(f"names_{l}", pa.string()) for l in ("tr", "az", "en", "ru", "kk", "uz")]
                          + [("source", pa.string())])
def _seed_rows(name: str, key: str, schema: pa.Schema) -> list[dict]:
    path = db.ROOT / "seeds" / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [{c: (r.get("id") if c == key else r.get(c)) or None for c in schema.names}
                for r in csv.DictReader(fh) if r.get("id")]


def sync_fact_dimensions(con) -> None:
    """Replace dim_indicator and dim_entity with seeds/indicators.csv and seeds/entities.csv."""
    con.begin()
    try:
        for table, name, key, schema in (("dim_indicator", "indicators.csv", "indicator_id", INDICATOR_SCHEMA),
                                         ("dim_entity", "entities.csv", "entity_id", ENTITY_SCHEMA)):
            rows = _seed_rows(name, key, schema)
            if rows:
                con.execute(f"DELETE FROM {table}")
                _insert(con, table, rows, schema, key=key)
        con.commit()
    except BaseException:
        con.rollback()
        raise


# ---------------------------------------------------------------- one batch

# Transactions: the writer groups extraction batches (64 articles each) into one transaction of at
# most WRITE_ARTICLES articles or WRITE_FACTS facts, committed at least every COMMIT_SECONDS (and the
# first batch at once, so progress and resumable work start early). Commits cost a WAL sync each;
# the writer's memory is a sawtooth that peaks with the open transaction, so half a second keeps the
# peak flat (1x -> 16x of the benchmark corpus: +15% largest process, against +21% at one second).
WRITE_ARTICLES = 8192
WRITE_FACTS = 131_072
COMMIT_SECONDS = 0.5

# the staged fact rows, column-wise (FACT_FIELDS of warehouse.extract, plus the article's columns)
_F = {name: i for i, name in enumerate(extract_stage.FACT_FIELDS + ("sentence_start", "sentence_end", "sentence_text"))}
_STRING_FIELDS = ("text", "base_unit", "dimension", "qualifier", "quantified", "subject", "period", "indicator",
                  "fact", "unit", "lang", "extractor", "sentence_text")
_FLOAT_FIELDS = ("value", "value_max", "base_value")
_INT_FIELDS = ("start", "end", "sentence_start", "sentence_end")

FACT_INSERT = """
INSERT INTO fact_quantity (quantity_id, article_id, unit_key, published_date_key, lang, extractor_key, load_id,
    ordinal, "start", "end", text, value, value_max, base_value, base_unit, dimension, qualifier, quantified,
    subject, period, period_start, period_end, period_is_target, indicator, entities, fact,
    sentence_start, sentence_end, sentence_text)
SELECT substr(sha256(concat_ws(chr(31), article_id, ordinal, "start", "end")), 1, 16), article_id, unit,
    published_date_key, coalesce(nullif(lang, ''), article_lang), extractor_key, $load_id,
    ordinal, "start", "end", text, value, value_max, base_value, base_unit, dimension, qualifier, quantified,
    subject, period, period_start, period_end, coalesce(period_is_target, false), indicator,
    coalesce(entities, []::VARCHAR[]), fact, sentence_start, sentence_end, sentence_text
FROM staged_facts"""
BRIDGE_INSERT = """
INSERT INTO bridge_quantity_entity (quantity_id, entity_id, article_id, load_id)
SELECT substr(sha256(concat_ws(chr(31), article_id, ordinal, "start", "end")), 1, 16), unnest(entities),
    article_id, $load_id
FROM staged_facts WHERE len(entities) > 0"""


def _array(values: list, type_: pa.DataType, fix: Callable) -> pa.Array:
    """pa.array of a column; values of an unexpected type go through `fix` (the slow path)."""
    try:
        return pa.array(values, type_)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return pa.array([fix(v) for v in values], type_)


def _str_or_none(v):
    return None if v is None else str(v)


def _dates(values: list) -> pa.Array:
    """ISO date strings (or dates) as date32, each distinct value parsed once."""
    memo = {v: _iso_date(v) for v in set(values)}
    return pa.array([memo[v] for v in values], pa.date32())


def _fact_table(new: list, version: str) -> tuple[pa.Table, list]:
    """The staged facts of the new articles, built column by column; and the flat columns."""
    counts = [len(cols[0]) if cols else 0 for _, cols in new]
    n = sum(counts)
    flat = [list(chain.from_iterable(cols[k] for _, cols in new if cols)) for k in range(extract_stage.N_FACT_COLUMNS)]
    which = pa.array(np.repeat(np.arange(len(new), dtype=np.int32), counts))
    firsts = np.repeat(np.cumsum([0] + counts[:-1]), counts)
    data = {
        "article_id": pa.array([a.article_id for a, _ in new], pa.string()).take(which),
        "published_date_key": pa.array([_date_key(a.published) for a, _ in new], pa.int32()).take(which),
        "article_lang": pa.array([a.lang for a, _ in new], pa.string()).take(which),
        "ordinal": pa.array(np.arange(n, dtype=np.int64) - firsts, pa.int32()),
    }
    for f in _INT_FIELDS:
        data[f] = _array(flat[_F[f]], pa.int32(), lambda v: None if v is None else int(v))
    for f in _FLOAT_FIELDS:
        data[f] = _array(flat[_F[f]], pa.float64(), _finite)
    for f in _STRING_FIELDS:
        data[f] = _array(flat[_F[f]], pa.string(), _str_or_none)
    data["period_start"] = _dates(flat[_F["period_start"]])
    data["period_end"] = _dates(flat[_F["period_end"]])
    data["period_is_target"] = _array(flat[_F["period_is_target"]], pa.bool_(), lambda v: bool(v))
    data["entities"] = _array(flat[_F["entities"]], pa.list_(pa.string()),
                              lambda v: [str(e) for e in v] if v else [])
    ex = data.pop("extractor").dictionary_encode()
    data["extractor_key"] = pa.array([_h(e, version) for e in ex.dictionary.to_pylist()], pa.string()).take(ex.indices)
    return pa.table(data), flat


def _article_table(new: list, load_id: str) -> pa.Table:
    arts = [a for a, _ in new]
    return pa.table({
        "article_id": pa.array([a.article_id for a in arts], pa.string()),
        "doc": pa.array([a.doc for a in arts], pa.string()),
        "source": pa.array([a.source for a in arts], pa.string()),
        "url": pa.array([a.url for a in arts], pa.string()),
        "title": pa.array([a.title for a in arts], pa.string()),
        "published": pa.array([a.published for a in arts], pa.date32()),
        "lang": pa.array([a.lang for a in arts], pa.string()),
        "content_hash": pa.array([a.content_hash for a in arts], pa.string()),
        "n_chars": pa.array([len(a.text) for a in arts], pa.int32()),
        "article_text": pa.array([a.text for a in arts], pa.string()),
        "load_id": pa.array([load_id] * len(arts), pa.string()),
        "published_precision": pa.array([a.published_precision for a in arts], pa.string()),
    })


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


def _new_units(con, flat) -> list[dict]:
    """dim_unit rows for the unit codes of the batch that dim_unit does not have yet."""
    units_col = flat[_F["unit"]]
    codes = [u for u in set(units_col) if u]
    if not codes:
        return []
    con.register("staged_keys", pa.table({"k": pa.array(codes, pa.string())}))
    try:
        known = {r[0] for r in con.execute("SELECT unit_key FROM dim_unit SEMI JOIN staged_keys ON unit_key = k").fetchall()}
    finally:
        con.unregister("staged_keys")
    rows = []
    for code in sorted(set(codes) - known):
        i = units_col.index(code)
        q = SimpleNamespace(**{f: flat[_F[f]][i] for f in ("value", "base_value", "base_unit", "unit", "dimension")})
        rows.append(derived_unit(q))
    return rows


def write_batch(con, summary: Summary, articles: list[Article], results, rejected: list, version: str,
                skipped: int, present: int = 0) -> None:
    """Write one batch of whole articles in one transaction.

    `results[i]` is (quantities, error) for `articles[i]`: quantities as a list of Quantity, or as
    the columns of warehouse.extract.fact_columns (what the loader's workers send). Articles already
    in dim_article (or twice in the batch) add nothing and count as present, as do `present` others
    the caller skipped itself."""
    load_id = summary.load_id
    batch: dict[str, tuple] = {}
    for art, (quantities, error) in zip(articles, results):
        if error is not None:
            rejected.append(read.Rejected(art.source, error))
            continue
        if art.article_id in batch:
            present += 1
            continue
        cols = quantities if isinstance(quantities, tuple) else extract_stage.fact_columns(art.text, quantities)
        batch[art.article_id] = (art, cols)

    now = _utcnow()
    con.begin()
    try:
        stored = stored_articles(con, list(batch))
        present += len(stored)
        new = [v for k, v in batch.items() if k not in stored]
        n_facts = 0
        if new:
            facts, flat = _fact_table(new, version)
            n_facts = facts.num_rows
            con.register("staged_articles", _article_table(new, load_id))
            con.register("staged_facts", facts)
            try:
                con.execute("INSERT INTO dim_article SELECT * FROM staged_articles")
                if n_facts:
                    con.execute(FACT_INSERT, {"load_id": load_id})
                    if pc.max(pc.list_value_length(facts["entities"])).as_py():
                        con.execute(BRIDGE_INSERT, {"load_id": load_id})
                    units = _new_units(con, flat)
                    _insert(con, "dim_unit", units, UNIT_SCHEMA, key="unit_key")
                    _insert(con, "dim_extractor", [{"extractor_key": _h(e, version), "extractor": e, "version": version}
                                                   for e in sorted(set(flat[_F["extractor"]]), key=str)],
                            EXTRACTOR_SCHEMA, key="extractor_key")
                langs = {a.lang for a, _ in new} | {x for x in set(flat[_F["lang"]]) if x}
                _insert(con, "dim_language", [{"lang": l, "name": read.LANGUAGES.get(l, (l, l))[0],
                                               "native_name": read.LANGUAGES.get(l, (l, l))[1]} for l in sorted(langs)],
                        LANG_SCHEMA, key="lang")
                con.execute("""
                    INSERT INTO dim_date
                    SELECT CAST(strftime(date, '%Y%m%d') AS INTEGER), date, year(date), quarter(date), month(date),
                           day(date), weekofyear(date), isodow(date), monthname(date)
                    FROM (SELECT published AS date FROM staged_articles UNION SELECT period_start FROM staged_facts
                          UNION SELECT period_end FROM staged_facts) s
                    WHERE date IS NOT NULL
                      AND CAST(strftime(date, '%Y%m%d') AS INTEGER) NOT IN (SELECT date_key FROM dim_date)""")
            finally:
                con.unregister("staged_facts")
                con.unregister("staged_articles")
        n_articles = len(new)
        _insert(con, "load_errors", [{"load_id": load_id, "path": r.path, "reason": r.reason, "at": now}
                                     for r in rejected], ERROR_SCHEMA)
        con.execute("""UPDATE load_log SET articles_loaded = articles_loaded + ?,
                       articles_present = articles_present + ?, quantities = quantities + ?,
                       skipped = skipped + ?, errors = errors + ? WHERE load_id = ?""",
                    [n_articles, present, n_facts, skipped, len(rejected), load_id])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    summary.articles_loaded += n_articles
    summary.articles_present += present
    summary.quantities += n_facts
    summary.skipped += skipped
    summary.errors += len(rejected)
    summary.rejected.extend(rejected)


# ---------------------------------------------------------------- the run


def load(paths, db_path, *, lang: str | None = None, workers: int | None = None, batch_size: int = 64,
         on_reject: Callable[[read.Rejected], None] | None = None,
         progress: Callable[[int], None] | None = None) -> Summary:
    """Load `paths` into the warehouse at `db_path` (migrated first). `on_reject` is called for each
    rejected input as soon as it is known, `progress` with the input bytes each written batch covered."""
    import extractors

    t0 = time.monotonic()
    version = extractors.EXTRACTOR_VERSION
    workers = workers or extract_stage.default_workers()
    db.ensure_migrated(db_path)
    con = db.connect(db_path)
    summary = Summary(load_id=uuid.uuid4().hex[:16])
    try:
        # This run holds the only write connection: a run still `running` was killed before it could say so.
        con.execute("UPDATE load_log SET status = 'interrupted' WHERE status = 'running'")
        con.execute("INSERT INTO load_log VALUES (?, ?, NULL, 'running', ?, ?, 0, 0, 0, 0, 0, NULL)",
                    [summary.load_id, _utcnow(), " ".join(str(p) for p in paths), version])
        sync_units(con)
        sync_fact_dimensions(con)
        seen: set[str] = set()

        def jobs():
            for batch in read.iter_batches(paths, lang, batch_size=batch_size):
                articles = [a for a in batch.items if isinstance(a, Article)]
                rejected = [r for r in batch.items if isinstance(r, read.Rejected)]
                ids = [a.article_id for a in articles if a.article_id not in seen]
                stored = stored_articles(con, ids)
                todo, present = [], 0
                for a in articles:
                    if a.article_id in stored or a.article_id in seen:
                        present += 1
                    else:
                        seen.add(a.article_id)
                        todo.append(a)
                for r in rejected:
                    if on_reject:
                        on_reject(r)
                yield (todo, rejected, present, batch), [(a.text, a.lang, a.published) for a in todo]

        pending: list = []   # extraction batches of the open transaction
        counts = {"articles": 0, "facts": 0}
        last_commit = None

        def flush():
            nonlocal last_commit
            if not pending:
                return
            articles = [a for p in pending for a in p[0]]
            results = [r for p in pending for r in p[4]]
            rejected = [r for p in pending for r in p[1]]
            before = len(rejected)  # the reader's rejections were reported already
            written = summary.quantities
            write_batch(con, summary, articles, results, rejected, version, sum(p[3].skipped for p in pending),
                        present=sum(p[2] for p in pending))
            if summary.quantities > written:
                link.link_pending(con)  # the batch's mentions join the stored facts (post-write stage)
            if on_reject:
                for r in rejected[before:]:  # extraction failures
                    on_reject(r)
            nbytes = sum(p[3].nbytes for p in pending)
            pending.clear()
            counts.update(articles=0, facts=0)
            last_commit = time.monotonic()
            if progress:
                progress(nbytes)

        for (todo, rejected, present, batch), results in extract_stage.run(jobs(), workers,
                                                                             extract_stage.extract_fact_jobs):
            pending.append((todo, rejected, present, batch, results))
            counts["articles"] += len(todo)
            counts["facts"] += sum(len(c[0]) for c, _ in results if c)
            if (last_commit is None or counts["articles"] >= WRITE_ARTICLES or counts["facts"] >= WRITE_FACTS
                    or time.monotonic() - last_commit >= COMMIT_SECONDS):
                flush()
        flush()
        summary.status = "finished"
    except KeyboardInterrupt:
        summary.status = "interrupted"
        raise
    except BaseException:
        summary.status = "failed"
        raise
    finally:
        summary.seconds = time.monotonic() - t0
        try:
            con.execute("UPDATE load_log SET finished = ?, status = ?, seconds = ? WHERE load_id = ?",
                        [_utcnow(), summary.status, summary.seconds, summary.load_id])
        finally:
            con.close()
    return summary
