"""`warehouse report` on a large warehouse: seconds to build the page and its size.

    python -m benchmarks.report [--mentions 1000000] [--keep DIR [--reuse]]

The warehouse holds the synthetic mentions of the linking benchmark (`benchmarks/linking.py`:
facts reported by one to nine articles, rounded, missing indicator, entities or period as often as
extraction does), spread over six languages and 40 outlets, each with a sentence as long as the
report shows (300 characters). Their facts are the generated ones: the link rows are built with
the linker's own `link.mention_table` and stored with `link.store`, but clustered as generated,
because relinking 1M mentions takes minutes and is measured by the linking benchmark. Only
`warehouse.report.build_report` is timed (a read-only connection, the SQL of sql/report/, the charts).
"""
from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from benchmarks import linking

LANGUAGES = ("tr", "az", "en", "ru", "kk", "uz")
OUTLETS = 40
TARGET_SECONDS, TARGET_MB = 30.0, 5.0


def build_warehouse(path: Path, mentions: int, seed: int = 0) -> int:
    """A migrated warehouse at `path` with about `mentions` linked mentions; returns how many."""
    from warehouse import db, link, write

    db.migrate(path)
    con = db.connect(path)
    try:
        con.execute("SET memory_limit = '4GB'")  # the set-up rewrites 1M rows at once; the loader's limit is 128 MB
        cols = linking.synthetic_mentions(mentions, seed)
        linking._insert(con, cols, list(range(len(cols["text"]))), "bench")
        langs = "[" + ", ".join(f"'{lang}'" for lang in LANGUAGES) + "]"
        con.execute(f"""UPDATE dim_article SET lang = {langs}[(hash(article_id) % {len(LANGUAGES)})::INTEGER + 1],
                          url = 'https://outlet' || (hash(article_id) % {OUTLETS}) || '.example/' || article_id""")
        # each mention in its article's language, with a sentence: the wide rows written again
        con.execute("""CREATE TEMP TABLE report_facts AS
                       SELECT f.* REPLACE (a.lang AS lang, rpad('The figure was ' || f.text || ' in the period, officials said',
                                                              300, ' and more') AS sentence_text), a.article_text
                       FROM v_fact_quantity AS f JOIN dim_article AS a USING (article_id)""")
        con.execute("DELETE FROM fact_quantity")
        for sql in write.wide_rows_sql("report_facts"):
            con.execute(sql)
        con.execute("DROP TABLE report_facts")
        source = con.execute(link.PENDING_ALL + link.PENDING_SQL.read_text(encoding="utf-8")).to_arrow_table().to_pydict()
        rows = link.mention_table(source)
        generated = dict(con.execute("SELECT quantity_id, fact FROM v_fact_quantity").fetchall())
        first: dict[str, str] = {}
        for q in sorted(rows.column("quantity_id").to_pylist()):
            first.setdefault(generated[q], q)
        fact_ids = [first[generated[q]] for q in rows.column("quantity_id").to_pylist()]
        link.store(con, rows.set_column(rows.schema.get_field_index("fact_id"), "fact_id", pa.array(fact_ids, pa.string())))
        con.execute("CHECKPOINT")
        return rows.num_rows
    finally:
        con.close()


def _linked(path: Path) -> int:
    from warehouse import db

    con = db.connect(path, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM link_mention").fetchone()[0]
    finally:
        con.close()


def bench_report(mentions: int, workdir: Path, seed: int = 0, reuse: bool = False) -> dict:
    """Seconds (wall and CPU) and size of the report of a warehouse of about `mentions`; `reuse`
    times the report again on the warehouse a run with the same `workdir` kept."""
    from warehouse.report import build_report

    path = workdir / "report.duckdb"
    t0 = time.perf_counter()
    if reuse and path.exists():
        linked = _linked(path)
    else:
        path.unlink(missing_ok=True)
        linked = build_warehouse(path, mentions, seed)
    setup = time.perf_counter() - t0
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    page = build_report(path, workdir / "report.html")
    seconds, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    return {"mentions": linked, "setup_s": setup, "report_s": seconds, "report_cpu_s": cpu,
            "page_mb": page.bytes / 1e6, "charts": page.charts, "series": page.series,
            "load_average": os.getloadavg()[0]}


def _cpu_seconds() -> float:
    """CPU time of this process, all its threads (DuckDB's and the SVG renderer's) included."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="Build in this folder and keep the warehouse and the page.")
    ap.add_argument("--reuse", action="store_true", help="With --keep: time the report on the warehouse kept there.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        r = bench_report(args.mentions, workdir, args.seed, reuse=args.reuse)
    verdict = "PASS" if r["report_s"] < TARGET_SECONDS and r["page_mb"] < TARGET_MB else "FAIL"
    print(f"warehouse of {r['mentions']:,} linked mentions built in {r['setup_s']:.0f} s (not timed)")
    print(f"report: {r['report_s']:.1f} s (target < {TARGET_SECONDS:.0f} s; {r['report_cpu_s']:.1f} s of CPU, "
          f"load average {r['load_average']:.1f} on {os.cpu_count()} cores), page {r['page_mb']:.2f} MB "
          f"(target < {TARGET_MB:.0f} MB), {r['charts']} charts, {r['series']} series: {verdict}")


if __name__ == "__main__":
    main()
