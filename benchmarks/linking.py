"""Fact linkage speed: `warehouse relink` over N mentions from scratch, and one batch of 64 articles
linked incrementally against a warehouse that holds those N (what `warehouse load` does after each
committed batch).

The mentions are synthetic, made to look like linked news: facts (an indicator, one or two
countries, a year, half or month, a value of three or four significant digits, sometimes a target)
each reported by one to several articles published after their period, every mention rounded to
two to four digits, sometimes with "about", and missing its indicator, entities or period as often
as extraction misses them. They go straight into fact_quantity and dim_article of a migrated
warehouse file (no extraction), then the timed calls are the project's own: `link.relink` and
`link.link_pending` on a connection opened by `warehouse.db.connect`, with its settings.
"""
from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa

MENTIONS_PER_ARTICLE = 16
BATCH_ARTICLES = 64
FIRST_DAY = date(2012, 1, 1)
DAYS = 365 * 14
UNITS = (("currency", "USD", 1e8, 1e12), ("mass", "kg", 1e6, 1e12), ("percentage", "percent", 0.1, 60.0),
         ("count", "count", 100.0, 1e8), ("energy", "J", 1e12, 1e18))
SCALES = ((1e9, "billion"), (1e6, "million"), (1e3, "thousand"), (1.0, ""))
INDICATORS = [f"indicator_{i:02d}" for i in range(60)]
COUNTRIES = [f"C{i:02d}" for i in range(80)]


def _period(rng: random.Random) -> tuple[date, date]:
    year = rng.randrange(2011, 2026)
    kind = rng.random()
    if kind < 0.7:
        return date(year, 1, 1), date(year, 12, 31)
    if kind < 0.85:
        return date(year, 1, 1), date(year, 6, 30)
    month = rng.randrange(1, 13)
    end = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
    return date(year, month, 1), end


def _written(value: float, digits: int) -> tuple[str, float]:
    """A value as an article writes it: `digits` significant digits and a scale word."""
    scale, word = next(((s, w) for s, w in SCALES if abs(value) >= s), (1.0, ""))
    mantissa = float(f"{value / scale:.{digits}g}")
    text = f"{mantissa:g} {word}".strip()
    return text, mantissa * scale


def synthetic_mentions(n: int, seed: int = 0) -> dict[str, list]:
    """Columns of about `n` fact_quantity rows (and their articles' publication dates)."""
    rng = random.Random(seed)
    per_day = max(1, n // MENTIONS_PER_ARTICLE // DAYS)
    cols: dict[str, list] = {k: [] for k in (
        "article_id", "published", "text", "value", "base_value", "base_unit", "dimension", "qualifier",
        "indicator", "entities", "period_start", "period_end", "period_is_target", "quantified", "fact")}
    while len(cols["text"]) < n:
        fact = f"f{len(cols['text'])}"  # the generated fact, kept as fact_quantity.fact (the true grouping)
        dimension, unit, lo, hi = rng.choice(UNITS)
        value = lo * (hi / lo) ** rng.random()
        indicator = rng.choice(INDICATORS)
        entities = sorted(rng.sample(COUNTRIES, rng.choice((1, 1, 1, 2))))
        start, end = _period(rng)
        target = rng.random() < 0.05
        for _ in range(1 + min(int(rng.expovariate(0.7)), 8)):
            day = min((end - FIRST_DAY).days + rng.randrange(5, 300), DAYS - 1)
            text, written = _written(value, rng.choice((2, 3, 3, 4)))
            cols["article_id"].append(f"a{max(day, 0)}_{rng.randrange(per_day)}")
            cols["published"].append(FIRST_DAY + timedelta(days=max(day, 0)))
            cols["text"].append(text)
            cols["value"].append(written)
            cols["base_value"].append(written)
            cols["base_unit"].append(unit)
            cols["dimension"].append(dimension)
            cols["qualifier"].append("approximately" if rng.random() < 0.1 else None)
            cols["indicator"].append(indicator if rng.random() < 0.6 else None)
            cols["entities"].append(entities if rng.random() < 0.6 else [])
            stated = rng.random() < 0.7
            cols["period_start"].append(start if stated else None)
            cols["period_end"].append(end if stated else None)
            cols["period_is_target"].append(target)
            cols["quantified"].append(None)
            cols["fact"].append(fact)
    return cols


def _insert(con, cols: dict[str, list], rows: list[int], load_id: str) -> None:
    """fact_quantity and dim_article rows for the mentions `rows` of `cols`."""
    from warehouse import write

    pick = {k: [v[i] for i in rows] for k, v in cols.items()}
    ordinal: dict[str, int] = {}
    ords = []
    for a in pick["article_id"]:
        ords.append(ordinal.get(a, 0))
        ordinal[a] = ords[-1] + 1
    facts = pa.table({**{k: v for k, v in pick.items() if k != "published"},
                      "entities": pa.array(pick["entities"], pa.list_(pa.string())),
                      "ordinal": ords, "load_id": [load_id] * len(rows)})
    articles = _articles(pick)
    con.register("bench_facts", facts)
    con.register("bench_articles", articles)
    try:
        # the wide fact row (write.wide_rows_sql writes it as fact_quantity's keys and dimensions)
        con.execute("""
            CREATE OR REPLACE TEMP VIEW bench_facts_wide AS
            SELECT substr(sha256(concat_ws(chr(31), article_id, ordinal, 0, 1)), 1, 16) AS quantity_id, article_id,
                NULL::INTEGER AS published_date_key, load_id, ordinal, 0 AS "start", 1 AS "end", value,
                NULL::DOUBLE AS value_max, base_value, period_start, period_end, period_is_target,
                NULL::INTEGER AS sentence_start, NULL::INTEGER AS sentence_end, NULL::VARCHAR AS sentence_text,
                base_unit AS unit_key, 'en' AS lang, NULL::VARCHAR AS extractor_key, base_unit, dimension, qualifier,
                indicator, quantified, NULL::VARCHAR AS subject, NULL::VARCHAR AS period, fact, text, entities,
                NULL::VARCHAR AS article_text
            FROM bench_facts""")
        for sql in write.wide_rows_sql("bench_facts_wide"):
            con.execute(sql)
        con.execute("DROP VIEW bench_facts_wide")
        con.execute("""
            INSERT INTO dim_article (article_id, doc, published, lang, load_id)
            SELECT article_id, article_id, published, 'en', 'bench' FROM bench_articles
            WHERE article_id NOT IN (SELECT article_id FROM dim_article)""")
    finally:
        con.unregister("bench_facts")
        con.unregister("bench_articles")


def _articles(pick: dict[str, list]) -> pa.Table:
    first: dict[str, date] = {}
    for a, p in zip(pick["article_id"], pick["published"]):
        first.setdefault(a, p)
    return pa.table({"article_id": list(first), "published": list(first.values())})


def bench_linking(n: int, workdir: Path, seed: int = 0) -> dict:
    """Seconds of `relink` over ~n mentions, and of linking one 64-article batch against them."""
    from warehouse import db, link

    cols = synthetic_mentions(n + BATCH_ARTICLES * MENTIONS_PER_ARTICLE * 2, seed)
    articles = sorted(set(cols["article_id"]))
    batch = set(random.Random(seed).sample(articles, BATCH_ARTICLES))
    in_batch = [i for i, a in enumerate(cols["article_id"]) if a in batch]
    stored = [i for i, a in enumerate(cols["article_id"]) if a not in batch]
    path = workdir / "link.duckdb"
    path.unlink(missing_ok=True)
    db.migrate(path)
    con = db.connect(path)
    try:
        _insert(con, cols, stored, "stored")
        t0 = time.perf_counter()
        n_stored = link.relink(con)
        scratch = time.perf_counter() - t0
        facts = con.execute("SELECT count(DISTINCT fact_id) FROM link_mention").fetchone()[0]
        _insert(con, cols, in_batch, "batch")
        t0 = time.perf_counter()
        n_batch = link.link_pending(con)
        incremental = time.perf_counter() - t0
    finally:
        con.close()
        path.unlink(missing_ok=True)
    return {"mentions": n_stored, "facts": facts, "scratch_s": scratch, "batch_mentions": n_batch,
            "batch_s": incremental}
