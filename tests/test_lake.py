"""The lake and the cluster, on real services: a PostgreSQL server (the DuckLake catalog) and a Dask
scheduler with two workers, on 127.0.0.1.

CI (.ci/run) starts them and names them in $WAREHOUSE_TEST_PG_DSN and $WAREHOUSE_TEST_DASK_SCHEDULER;
without those, this module starts its own with .ci/services.sh (PostgreSQL's server programs must be
installed: Debian's `postgresql` package), and skips only where they are not, never in CI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from benchmarks import corpus
from conftest import ROOT, invoke, query_json

SERVICES = ROOT / ".ci" / "services.sh"
ARTICLES = 300
COUNTS_SQL = ("SELECT (SELECT count(*) FROM dim_article) AS articles, count(*) AS quantities, "
              "CAST(sum(value::DECIMAL(38, 6)) AS VARCHAR) AS total FROM fact_quantity")  # exact, in any order


@pytest.fixture(scope="session")
def services(tmp_path_factory):
    """{'pg': libpq settings of a server's `postgres` database, 'scheduler': tcp://HOST:PORT}."""
    pg, scheduler = os.environ.get("WAREHOUSE_TEST_PG_DSN"), os.environ.get("WAREHOUSE_TEST_DASK_SCHEDULER")
    if pg and scheduler:
        yield {"pg": pg, "scheduler": scheduler}
        return
    folder = tmp_path_factory.mktemp("services")
    started = subprocess.run(["bash", str(SERVICES), "start", str(folder), sys.executable],
                             capture_output=True, text=True)
    if started.returncode == 3 and not os.environ.get("CI"):
        pytest.skip("PostgreSQL's server programs are not installed (apt-get install postgresql)")
    try:
        assert started.returncode == 0, started.stderr
        env = dict(line.removeprefix("export ").split("=", 1) for line in (folder / "env").read_text().splitlines())
        yield {"pg": env["WAREHOUSE_TEST_PG_DSN"].strip("'"), "scheduler": env["WAREHOUSE_TEST_DASK_SCHEDULER"].strip("'")}
    finally:
        subprocess.run(["bash", str(SERVICES), "stop", str(folder)], capture_output=True)


@pytest.fixture
def lake(services, tmp_path):
    """(attach string, data path) of a new, empty lake: its own catalog database."""
    import psycopg

    name = f"lake_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(services["pg"], autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    settings = services["pg"].replace("dbname=postgres", f"dbname={name}")
    return f"ducklake:postgres:{settings}", tmp_path / "lake-data"


@pytest.fixture(scope="module")
def corpus_halves(tmp_path_factory):
    """300 articles of the benchmark corpus (tr, az, en) as one JSONL file and as two halves."""
    folder = tmp_path_factory.mktemp("corpus")
    articles = [json.dumps(a, ensure_ascii=False) + "\n" for _, a in
                zip(range(ARTICLES), corpus.iter_articles(corpus.MIXED_LANGS, 10 ** 9, seed=18, prefix="lake",
                                                         min_bytes=512, max_bytes=2048))]
    paths = {"all": folder / "all.jsonl", "a": folder / "a.jsonl", "b": folder / "b.jsonl"}
    paths["all"].write_text("".join(articles), encoding="utf-8")
    paths["a"].write_text("".join(articles[:ARTICLES // 2]), encoding="utf-8")
    paths["b"].write_text("".join(articles[ARTICLES // 2:]), encoding="utf-8")
    return paths


def _warehouse(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "warehouse.cli", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_migrate_creates_the_schema_in_the_lake(lake):
    attach, data = lake
    res = invoke("migrate", "--db", attach, "--data-path", data)
    assert res.exit_code == 0, res.stderr
    tables = {r["table_name"] for r in query_json(attach, "SELECT table_name FROM duckdb_tables() "
                                                          "WHERE database_name = 'warehouse'")}
    assert {"fact_quantity", "dim_article", "link_mention", "load_log"} <= tables
    assert query_json(attach, "SELECT count(*) AS n FROM v_quantities") == [{"n": 0}]


def test_a_new_lake_without_a_data_path_says_to_give_one(lake):
    res = invoke("migrate", "--db", lake[0])
    assert res.exit_code == 2
    assert "data_path is not set" in res.stderr and "--data-path DIR" in res.stderr


def test_concurrent_loads_on_a_lake_leave_what_a_file_load_leaves(lake, services, corpus_halves, tmp_path):
    attach, data = lake
    file_db = tmp_path / "w.duckdb"
    res = invoke("load", corpus_halves["all"], "--db", file_db, "--quiet")
    assert res.exit_code == 0, res.stderr
    expected = query_json(file_db, COUNTS_SQL)

    assert invoke("migrate", "--db", attach, "--data-path", data).exit_code == 0
    loads = [_warehouse("load", corpus_halves["a"], "--db", attach, "--workers", 1, "--quiet"),
             _warehouse("load", corpus_halves["b"], "--db", attach, "--scheduler", services["scheduler"])]
    errs = []
    for proc in loads:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        errs.append(err)
    assert "shards extracted on the cluster" in errs[1]
    again = invoke("load", corpus_halves["all"], "--db", attach, "--quiet")
    assert again.exit_code == 0, again.stderr
    assert f"0 articles loaded, {ARTICLES} already present" in again.stdout

    assert query_json(attach, COUNTS_SQL) == expected
    assert expected[0]["articles"] == ARTICLES and expected[0]["quantities"] > ARTICLES
    # every mention linked to a fact exactly once, as on a file
    assert query_json(attach, "SELECT count(*) AS n, count(DISTINCT quantity_id) AS d FROM link_mention") == \
        [{"n": expected[0]["quantities"], "d": expected[0]["quantities"]}]
    assert list(Path(data).rglob("*.parquet"))
    stats = invoke("stats", "--db", attach, "--format", "json")
    assert stats.exit_code == 0, stats.stderr
    assert {"metric": "articles", "value": ARTICLES} in json.loads(stats.stdout)
    # the reader's sandbox holds on a lake: its data files are readable, nothing else
    refused = invoke("query", f"SELECT * FROM read_text('{ROOT / 'README.md'}')", "--db", attach)
    assert refused.exit_code == 2 and "README.md" in refused.stderr


def test_a_shard_whose_worker_dies_is_extracted_again(services, tmp_path):
    from warehouse import cluster

    marker = tmp_path / "died"

    def die_once(shard):  # a nested function: Dask sends it by value, not by module name
        import os as worker_os
        if shard == 2 and not worker_os.path.exists(marker):
            open(marker, "w").close()
            worker_os._exit(1)
        return shard * 10

    done = []
    results = dict(cluster.map_shards(((i, i) for i in range(4)), services["scheduler"], die_once, done.append))
    assert marker.exists()
    assert results == {0: 0, 1: 10, 2: 20, 3: 30} and done[-1] == 4


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, monkeypatch):
    from warehouse import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    res = invoke("load", ROOT / "seeds", "--db", tmp_path / "w.duckdb", "--scheduler", "tcp://127.0.0.1:9", "--quiet")
    assert res.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in res.stderr
