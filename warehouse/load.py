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
from pathlib import Path
from typing import Callable

import pyarrow as pa

from warehouse import db, extract as extract_stage, read
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
             f"{self.quantities} quantities, {self.skipped} skipped, {self.errors} errors, {self.seconds:.1f} s")
        if self.articles_loaded == 0 and self.articles_present and not self.errors:
            s += f"\nnothing new: all {self.articles_present} articles were already in the warehouse (0 rows added)"
        return s


# ---------------------------------------------------------------- Arrow schemas of the staged rows

ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("doc", pa.string()), ("source", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("published", pa.date32()), ("lang", pa.string()), ("content_hash", pa.string()),
    ("n_chars", pa.int32()), ("article_text", pa.string()), ("load_id", pa.string()),
])
FACT_SCHEMA = pa.schema([
    ("quantity_id", pa.string()), ("article_id", pa.string()), ("unit_key", pa.string()),
    ("published_date_key", pa.int32()), ("lang", pa.string()), ("extractor_key", pa.string()),
    ("load_id", pa.string()), ("ordinal", pa.int32()), ("start", pa.int32()), ("end", pa.int32()),
    ("text", pa.string()), ("sentence", pa.string()), ("value", pa.float64()), ("value_max", pa.float64()),
    ("base_value", pa.float64()), ("base_unit", pa.string()), ("dimension", pa.string()),
    ("qualifier", pa.string()), ("quantified", pa.string()), ("subject", pa.string()), ("period", pa.string()),
    ("period_start", pa.date32()), ("period_end", pa.date32()), ("period_is_target", pa.bool_()),
    ("indicator", pa.string()), ("entities", pa.list_(pa.string())), ("fact", pa.string()),
])
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
BRIDGE_SCHEMA = pa.schema([("quantity_id", pa.string()), ("entity_id", pa.string()), ("article_id", pa.string()),
                           ("load_id", pa.string())])


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


def _insert_entity_bridge(con, facts: list[dict]) -> None:
    """bridge_quantity_entity rows for the batch's quantities (articles not yet present only)."""
    rows = [{"quantity_id": f["quantity_id"], "entity_id": e, "article_id": f["article_id"], "load_id": f["load_id"]}
            for f in facts for e in (f["entities"] or ())]
    if not rows:
        return
    con.register("staged_bridge", _table(rows, BRIDGE_SCHEMA))
    try:
        con.execute("INSERT INTO bridge_quantity_entity SELECT quantity_id, entity_id, article_id, load_id "
                    "FROM staged_bridge WHERE article_id NOT IN (SELECT article_id FROM dim_article)")
    finally:
        con.unregister("staged_bridge")


# ---------------------------------------------------------------- one batch


def fact_rows(article: Article, quantities, load_id: str, version: str) -> tuple[list[dict], dict]:
    rows, extractors_seen = [], {}
    dkey = _date_key(article.published)
    for i, q in enumerate(quantities):
        ekey = _h(q.extractor, version)
        extractors_seen[ekey] = {"extractor_key": ekey, "extractor": q.extractor, "version": version}
        rows.append({
            "quantity_id": _h(article.article_id, i, q.start, q.end), "article_id": article.article_id,
            "unit_key": q.unit, "published_date_key": dkey, "lang": q.lang or article.lang,
            "extractor_key": ekey, "load_id": load_id, "ordinal": i, "start": q.start, "end": q.end,
            "text": q.text, "sentence": q.sentence, "value": _finite(q.value), "value_max": _finite(q.value_max),
            "base_value": _finite(q.base_value), "base_unit": q.base_unit, "dimension": q.dimension,
            "qualifier": q.qualifier, "quantified": q.quantified, "subject": q.subject, "period": q.period,
            "period_start": _iso_date(q.period_start), "period_end": _iso_date(q.period_end),
            "period_is_target": bool(q.period_is_target), "indicator": q.indicator,
            "entities": list(q.entities or ()), "fact": q.fact,
        })
    return rows, extractors_seen


def write_batch(con, summary: Summary, articles: list[Article], results, rejected: list, version: str,
                skipped: int) -> None:
    """Write one batch in one transaction."""
    load_id = summary.load_id
    art_rows, facts, extractors_seen, units = [], [], {}, {}
    langs, dates = set(), set()
    for art, (quantities, error) in zip(articles, results):
        if error is not None:
            rejected.append(read.Rejected(art.source, error))
            continue
        art_rows.append({"article_id": art.article_id, "doc": art.doc, "source": art.source, "url": art.url,
                         "title": art.title, "published": art.published, "lang": art.lang,
                         "content_hash": art.content_hash, "n_chars": len(art.text),
                         "article_text": art.text, "load_id": load_id})
        rows, ex = fact_rows(art, quantities, load_id, version)
        facts.extend(rows)
        extractors_seen.update(ex)
        langs.add(art.lang)
        if art.published:
            dates.add(art.published)
        for q, r in zip(quantities, rows):
            if q.unit and q.unit not in units:
                units[q.unit] = q
            langs.add(r["lang"])
            dates.update(d for d in (r["period_start"], r["period_end"]) if d)

    now = _utcnow()
    con.begin()
    try:
        # facts first, only for articles not yet present; then the articles themselves
        if facts:
            con.register("staged_facts", _table(facts, FACT_SCHEMA))
            cols = ", ".join(f'"{c}"' for c in FACT_SCHEMA.names)
            n_facts = con.execute(
                f"INSERT INTO fact_quantity ({cols}) SELECT {cols} FROM staged_facts "
                f"WHERE article_id NOT IN (SELECT article_id FROM dim_article)").fetchone()[0]
            con.unregister("staged_facts")
        else:
            n_facts = 0
        _insert_entity_bridge(con, facts)   # before the articles: it skips articles already present
        n_articles = _insert(con, "dim_article", art_rows, ARTICLE_SCHEMA, key="article_id")
        if units:
            known = {r[0] for r in con.execute("SELECT unit_key FROM dim_unit WHERE unit_key IN "
                                               "(SELECT unnest(?))", [list(units)]).fetchall()}
            _insert(con, "dim_unit", [derived_unit(q) for u, q in units.items() if u not in known],
                    UNIT_SCHEMA, key="unit_key")
        _insert(con, "dim_extractor", list(extractors_seen.values()), EXTRACTOR_SCHEMA, key="extractor_key")
        _insert(con, "dim_language", [{"lang": l, "name": read.LANGUAGES.get(l, (l, l))[0],
                                       "native_name": read.LANGUAGES.get(l, (l, l))[1]} for l in sorted(langs)],
                LANG_SCHEMA, key="lang")
        if dates:
            con.register("staged_dates", _table([{"date": d} for d in dates], DATE_SCHEMA))
            con.execute("""
                INSERT INTO dim_date
                SELECT CAST(strftime(date, '%Y%m%d') AS INTEGER), date, year(date), quarter(date), month(date),
                       day(date), weekofyear(date), isodow(date), monthname(date)
                FROM (SELECT DISTINCT date FROM staged_dates) s
                WHERE CAST(strftime(date, '%Y%m%d') AS INTEGER) NOT IN (SELECT date_key FROM dim_date)""")
            con.unregister("staged_dates")
        _insert(con, "load_errors", [{"load_id": load_id, "path": r.path, "reason": r.reason, "at": now}
                                     for r in rejected], ERROR_SCHEMA)
        present = len(art_rows) - n_articles
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
        con.execute("INSERT INTO load_log VALUES (?, ?, NULL, 'running', ?, ?, 0, 0, 0, 0, 0, NULL)",
                    [summary.load_id, _utcnow(), " ".join(str(p) for p in paths), version])
        sync_units(con)
        sync_fact_dimensions(con)
        seen: set[str] = set()

        def jobs():
            for batch in read.iter_batches(paths, lang, batch_size=batch_size):
                articles = [a for a in batch.items if isinstance(a, Article)]
                rejected = [r for r in batch.items if isinstance(r, read.Rejected)]
                ids = [a.article_id for a in articles]
                stored = {r[0] for r in con.execute(
                    "SELECT article_id FROM dim_article WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()} \
                    if ids else set()
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

        for (todo, rejected, present, batch), results in extract_stage.run(jobs(), workers):
            before = len(rejected)
            write_batch(con, summary, todo, results, rejected, version, batch.skipped)
            if on_reject:
                for r in rejected[before:]:  # extraction failures
                    on_reject(r)
            if present:
                summary.articles_present += present
                con.execute("UPDATE load_log SET articles_present = articles_present + ? WHERE load_id = ?",
                            [present, summary.load_id])
            if progress:
                progress(batch.nbytes)
        summary.status = "finished"
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
