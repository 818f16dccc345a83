"""Scale-out figures: `warehouse load` into a DuckDB file and into a DuckLake on PostgreSQL, with
extraction on a Dask cluster of 1 and 2 workers, side by side; the lake catalog's commits per
second; the Parquet files a load leaves and what compaction makes of them.

    python -m benchmarks.scaleout [--mb 2] [--out scaleout.md]

It starts what it needs: PostgreSQL through .ci/services.sh (or the server named by
$WAREHOUSE_TEST_PG_DSN) and a local Dask cluster of one-thread worker processes per row. The
figures feed docs/scaling.md.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks import corpus as C

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / ".ci" / "services.sh"
COMMIT_PROBES = 40


def postgres(workdir: Path) -> tuple[str, Path | None]:
    """libpq settings of a `postgres` database to make lakes in; the services folder to stop, if started."""
    if os.environ.get("WAREHOUSE_TEST_PG_DSN"):
        return os.environ["WAREHOUSE_TEST_PG_DSN"], None
    folder = workdir / "services"
    folder.mkdir()
    subprocess.run(["bash", str(SERVICES), "start", str(folder), sys.executable], check=True)
    env = dict(line.removeprefix("export ").split("=", 1) for line in (folder / "env").read_text().splitlines())
    return env["WAREHOUSE_TEST_PG_DSN"].strip("'"), folder


def new_lake(pg: str, workdir: Path) -> tuple[str, str]:
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return "ducklake:postgres:" + pg.replace("dbname=postgres", f"dbname={name}"), str(workdir / name)


def timed_load(corpus_path: Path, db: str, data_path: str | None, scheduler: str) -> float:
    """Wall seconds of `warehouse load` as a subprocess, migrations done beforehand."""
    base = [sys.executable, "-m", "warehouse.cli"]
    where = ["--db", db] + (["--data-path", data_path] if data_path else [])
    subprocess.run(base + ["migrate", *where], check=True, capture_output=True)
    t0 = time.perf_counter()
    subprocess.run(base + ["load", str(corpus_path), *where, "--scheduler", scheduler, "--quiet"],
                   check=True, capture_output=True)
    return time.perf_counter() - t0


def commits_per_second(lake: str, data_path: str) -> float:
    """Small write transactions (one load_log row each, as a loader's run start) one after another."""
    from warehouse import db

    target = db.warehouse(lake, data_path)
    db.migrate(target)
    con = db.connect(target)
    try:
        t0 = time.perf_counter()
        for i in range(COMMIT_PROBES):
            with db.write_turn(con):
                con.execute("INSERT INTO load_errors VALUES (?, 'probe', 'commit rate', now())", [f"probe{i}"])
        return COMMIT_PROBES / (time.perf_counter() - t0)
    finally:
        con.close()


def parquet_files(lake: str, data_path: str) -> dict:
    """Data files of fact_quantity and dim_article before and after DuckLake's merge of adjacent files."""
    from warehouse import db

    con = db.connect(db.warehouse(lake, data_path))
    try:
        def files():
            return con.execute("""SELECT count(*), coalesce(sum(data_file_size_bytes), 0) FROM ducklake_list_files('warehouse', 'fact_quantity')
                                  UNION ALL SELECT count(*), coalesce(sum(data_file_size_bytes), 0)
                                  FROM ducklake_list_files('warehouse', 'dim_article')""").fetchall()
        before = files()
        t0 = time.perf_counter()
        con.execute("CALL ducklake_merge_adjacent_files('warehouse')")
        seconds = time.perf_counter() - t0
        return {"before": before, "after": files(), "merge_seconds": seconds}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="MB of article text in the mixed corpus (default 2)")
    ap.add_argument("--out", type=Path, help="also write the table as Markdown")
    args = ap.parse_args(argv)
    from distributed import LocalCluster

    from warehouse import cluster  # noqa: F401 - fails early without the [cluster] extra

    rows = []
    with tempfile.TemporaryDirectory(prefix="scaleout-") as tmp:
        workdir = Path(tmp)
        info = C.write_corpus(workdir / "mixed.jsonl", C.MIXED_LANGS, int(args.mb * 1e6), seed=18)
        pg, services = postgres(workdir)
        try:
            for workers in (1, 2):
                with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
                    for kind in ("file", "lake"):
                        if kind == "file":
                            db, data = str(workdir / f"w{workers}.duckdb"), None
                        else:
                            db, data = new_lake(pg, workdir)
                        seconds = timed_load(info.path, db, data, local.scheduler_address)
                        rows.append((f"load {kind}, {workers} Dask worker{'s' * (workers > 1)}",
                                     f"{info.articles / seconds:,.0f} articles/s",
                                     f"{info.text_bytes / seconds / 1e6:.2f} MB/s ({seconds:.1f} s)"))
            lake, data = new_lake(pg, workdir)
            rows.append(("lake catalog commits, one writer in turn", f"{commits_per_second(lake, data):.1f} commits/s",
                         f"{COMMIT_PROBES} one-row transactions"))
            files = parquet_files(*rows_lake(pg, workdir, info.path))
            (fq_n, fq_b), (da_n, da_b) = files["before"]
            (fq_n2, fq_b2), (da_n2, da_b2) = files["after"]
            rows.append(("Parquet files after one load (fact_quantity, dim_article)",
                         f"{fq_n} of {fq_b / max(fq_n, 1) / 1e3:.0f} kB, {da_n} of {da_b / max(da_n, 1) / 1e3:.0f} kB",
                         f"merged: {fq_n2} of {fq_b2 / max(fq_n2, 1) / 1e3:.0f} kB, {da_n2} of "
                         f"{da_b2 / max(da_n2, 1) / 1e3:.0f} kB in {files['merge_seconds']:.1f} s"))
        finally:
            if services:
                subprocess.run(["bash", str(SERVICES), "stop", str(services)], check=False)
    table = [f"Corpus: {info.articles} articles, {info.text_bytes / 1e6:.1f} MB of text ({', '.join(C.MIXED_LANGS)}); "
             f"{os.cpu_count()} cores", "", "| row | figure | detail |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = "\n".join(table)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def rows_lake(pg: str, workdir: Path, corpus_path: Path) -> tuple[str, str]:
    """A lake loaded once from the corpus with local worker processes (the Parquet files row)."""
    lake, data = new_lake(pg, workdir)
    subprocess.run([sys.executable, "-m", "warehouse.cli", "load", str(corpus_path), "--db", lake, "--data-path", data,
                    "--quiet"], check=True, capture_output=True)
    return lake, data


if __name__ == "__main__":  # Dask's worker processes import this module: run only when asked
    sys.exit(main())
