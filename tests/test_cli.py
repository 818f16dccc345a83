"""The CLI end to end through click's runner, on temporary warehouses."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import click

from conftest import ROOT, SEEDS, SEED_FILES, ctrl_c_at_call, invoke, one_sentence_corpus, query_json
from warehouse.cli import main


def test_load_seeds_then_query_dimensions(tmp_path, seed_extraction):
    db = tmp_path / "w.duckdb"
    res = invoke("load", SEEDS, "--db", db, "--workers", 1)
    assert res.exit_code == 0, res.output
    n = len(seed_extraction)
    assert f"{len(SEED_FILES)} articles loaded, 0 already present, {n} quantities" in res.stdout
    assert "0 errors" in res.stdout

    res = invoke("query", "select dimension, count(*) as n from v_quantities group by 1 order by 1", "--db", db)
    assert res.exit_code == 0, res.stderr
    want = Counter(r["dimension"] for r in seed_extraction)
    for dim, count in want.items():
        assert re.search(rf"^{dim}\s+{count}$", res.stdout, re.M), res.stdout
    rows = query_json(db, "select dimension, count(*) as n from v_quantities group by 1")
    assert {r["dimension"]: r["n"] for r in rows} == dict(want)


def test_second_load_adds_nothing_and_says_so(tmp_path):
    db = tmp_path / "w.duckdb"
    assert invoke("load", SEEDS, "--db", db, "--workers", 1, "--quiet").exit_code == 0
    before = query_json(db, "select (select count(*) from fact_quantity) f, (select count(*) from dim_article) a")
    res = invoke("load", SEEDS, "--db", db, "--workers", 1)
    assert res.exit_code == 0
    assert f"0 articles loaded, {len(SEED_FILES)} already present, 0 quantities" in res.stdout
    assert "nothing new" in res.stdout and "0 rows added" in res.stdout
    after = query_json(db, "select (select count(*) from fact_quantity) f, (select count(*) from dim_article) a")
    assert after == before
    log = query_json(db, "select status, articles_loaded, articles_present from load_log order by started")
    assert log == [{"status": "finished", "articles_loaded": 5, "articles_present": 0},
                   {"status": "finished", "articles_loaded": 0, "articles_present": 5}]


def test_extract_jsonl_is_the_score_contract(seed_extraction):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEED_FILES}  # as score.py reads them
    assert seed_extraction, "the extractor found nothing in the samples"
    for rec in seed_extraction:
        assert rec["doc"] in texts
        for key in ("start", "end", "value", "dimension", "unit", "text", "lang", "sentence", "extractor"):
            assert key in rec
        assert texts[rec["doc"]][rec["start"]:rec["end"]] == rec["text"]


def test_extract_table_and_no_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = invoke("extract", SEED_FILES[3], "--format", "table")
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0].split()[:4] == ["doc", "start", "end", "text"]
    assert re.match(r"\((\d+) rows?\)", lines[-1])
    assert not list(tmp_path.iterdir())  # no database was created


def test_query_formats(seeded_db):
    sql = "select doc, lang, published from dim_article order by doc"
    rows = query_json(seeded_db, sql)
    assert [r["doc"] for r in rows] == [p.name for p in SEED_FILES]
    assert {r["doc"][:3]: r["lang"] for r in rows} == {"000": "tr", "001": "tr", "002": "tr", "003": "en", "004": "az"}
    assert rows[0]["published"] == "2025-10-25" and rows[2]["published"] == "2025-10-09"
    csv_out = invoke("query", sql, "--db", seeded_db, "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "doc,lang,published"
    assert csv_out[1] == f"{SEED_FILES[0].name},tr,2025-10-25"
    jl = invoke("query", sql, "--db", seeded_db, "--format", "jsonl").stdout.splitlines()
    assert json.loads(jl[4]) == {"doc": SEED_FILES[4].name, "lang": "az", "published": "2025-11-12"}


def test_query_reads_a_sql_file(seeded_db, tmp_path):
    f = tmp_path / "q.sql"
    f.write_text("-- count\nselect count(*) as n from dim_article", encoding="utf-8")
    assert query_json(seeded_db, str(f)) == [{"n": 5}]


def test_query_is_read_only(seeded_db):
    res = invoke("query", "delete from dim_article", "--db", seeded_db)
    assert res.exit_code == 2
    assert "read-only" in res.stderr.lower()
    assert query_json(seeded_db, "select count(*) as n from dim_article") == [{"n": 5}]


def test_query_errors_exit_2(tmp_path, seeded_db):
    res = invoke("query", "select 1", "--db", tmp_path / "missing.duckdb")
    assert res.exit_code == 2
    assert "no warehouse at" in res.stderr and "missing.duckdb" in res.stderr
    assert not (tmp_path / "missing.duckdb").exists()
    res = invoke("query", "select * from no_such_table", "--db", seeded_db)
    assert res.exit_code == 2 and "no_such_table" in res.stderr


def test_stats(seeded_db, seed_extraction):
    res = invoke("stats", "--db", seeded_db, "--format", "json")
    assert res.exit_code == 0
    stats = {r["metric"]: r["value"] for r in json.loads(res.stdout)}
    assert stats["articles"] == 5
    assert stats["quantities"] == len(seed_extraction)
    assert stats["articles in tr"] == 3 and stats["articles in en"] == 1 and stats["articles in az"] == 1
    assert stats["loads"] == 1 and stats["loads not finished"] == 0


def test_migrate_command(tmp_path):
    db = tmp_path / "m.duckdb"
    res = invoke("migrate", "--db", db)
    assert res.exit_code == 0 and "schema at revision" in res.stdout
    assert query_json(db, "select count(*) as n from v_quantities") == [{"n": 0}]


def test_db_from_environment(tmp_path, monkeypatch):
    db = tmp_path / "env.duckdb"
    res = invoke("load", SEED_FILES[3], "--workers", 1, env={"WAREHOUSE_DB": str(db)})
    assert res.exit_code == 0
    assert db.exists()
    res = invoke("query", "select doc from dim_article", "--format", "csv", env={"WAREHOUSE_DB": str(db)})
    assert res.stdout.splitlines() == ["doc", SEED_FILES[3].name]


def test_default_db_in_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WAREHOUSE_DB", raising=False)
    assert invoke("load", SEED_FILES[4], "--workers", 1, "--quiet").exit_code == 0
    assert (tmp_path / "warehouse.duckdb").exists()


def test_rejected_inputs_exit_1_and_the_rest_loads(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "good.txt").write_text(SEED_FILES[3].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_text('{"id": "x1", "text": "Oil exports rose 12 percent."}\n{broken\n',
                                              encoding="utf-8")
    db = tmp_path / "w.duckdb"
    res = invoke("load", tmp_path / "in", tmp_path / "nope.txt", "--db", db, "--workers", 1)
    assert res.exit_code == 1
    assert "2 articles loaded" in res.stdout and "3 errors" in res.stdout
    assert re.search(r"skipped .*empty\.txt: empty file", res.stderr)
    assert re.search(r"skipped .*b\.jsonl:2: malformed JSONL line", res.stderr)
    assert re.search(r"skipped .*nope\.txt: no such file", res.stderr)
    errors = query_json(db, "select e.path, e.reason, e.load_id = l.load_id as same "
                            "from load_errors e, load_log l order by e.path")
    assert [Path(e["path"]).name for e in errors] == ["b.jsonl:2", "empty.txt", "nope.txt"]
    assert all(e["same"] for e in errors)
    assert query_json(db, "select doc from dim_article order by doc") == [{"doc": "good.txt"}, {"doc": "x1"}]


def test_locked_database_gives_a_clear_message(tmp_path):
    db = tmp_path / "w.duckdb"
    assert invoke("migrate", "--db", db).exit_code == 0
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); "
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        res = invoke("load", SEED_FILES[3], "--db", db, "--workers", 1)
        assert res.exit_code == 2
        assert f"database {db} is locked by" in res.stderr and f"PID {holder.pid}" in res.stderr
        assert "Traceback" not in res.output
        res = invoke("query", "select 1", "--db", db)
        assert res.exit_code == 2 and "locked" in res.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_help_documents_commands_and_exit_codes():
    res = invoke("--help")
    assert res.exit_code == 0
    for cmd in ("load", "extract", "migrate", "query", "stats"):
        assert cmd in res.stdout
    assert "Exit codes" in res.stdout and "some inputs were rejected" in res.stdout
    for cmd, command in main.commands.items():
        assert command.help, cmd
        for p in command.params:
            if isinstance(p, click.Option):
                assert p.help, f"{cmd} {p.opts}"
        sub = invoke(cmd, "--help")
        assert "Exit codes" in sub.stdout


def test_every_command_and_option_is_in_the_readme():
    """Datasette style: each command has a `### warehouse NAME` section in README.md that names
    every one of its options, so the documentation cannot fall behind the code."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### `?warehouse (\w+)[^\n]*\n(.*?)(?=^#{1,3} |\Z)", readme, re.M | re.S))
    missing = []
    for name, command in main.commands.items():
        if name not in sections:
            missing.append(f"section ### warehouse {name}")
            continue
        for p in command.params:
            if isinstance(p, click.Option):
                for opt in p.opts:
                    if opt.startswith("--") and opt not in sections[name]:
                        missing.append(f"warehouse {name} {opt}")
    assert not missing, f"not documented in README.md: {missing}"


def test_ctrl_c_keeps_committed_batches_logs_interrupted_and_exits_130(tmp_path, monkeypatch):
    from warehouse import load as load_stage
    corpus = one_sentence_corpus(tmp_path / "in.jsonl")
    real_write = load_stage.commit_batch
    monkeypatch.setattr(load_stage, "commit_batch", ctrl_c_at_call(real_write, 2))
    monkeypatch.setattr(load_stage, "COMMIT_SECONDS", 0.0)   # commit every batch of 64 articles
    db = tmp_path / "w.duckdb"
    res = invoke("load", corpus, "--db", db, "--workers", 1, "--quiet")
    assert res.exit_code == 130
    assert "interrupted: what was committed is kept; run the same command again to finish" in res.stderr
    assert query_json(db, "select status, articles_loaded from load_log") == [
        {"status": "interrupted", "articles_loaded": 64}]

    monkeypatch.setattr(load_stage, "commit_batch", real_write)
    res = invoke("load", corpus, "--db", db, "--workers", 1, "--quiet")
    assert res.exit_code == 0 and "136 articles loaded, 64 already present" in res.stdout


def test_a_run_left_running_by_a_kill_is_marked_interrupted_by_the_next_load(tmp_path):
    db = tmp_path / "w.duckdb"
    assert invoke("migrate", "--db", db).exit_code == 0
    import duckdb
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO load_log (load_id, started, status) VALUES ('killed', TIMESTAMP '2020-01-01 00:00:00', 'running')")
    con.close()
    assert invoke("load", SEED_FILES[3], "--db", db, "--quiet").exit_code == 0
    assert query_json(db, "select load_id = 'killed' as killed, status from load_log order by started") == [
        {"killed": True, "status": "interrupted"}, {"killed": False, "status": "finished"}]


def test_extract_with_worker_processes_gives_what_one_process_gives(tmp_path):
    """Enough articles for several batches, so `--workers 2` starts a pool whose workers send their
    quantities back by pickle."""
    corpus = one_sentence_corpus(tmp_path / "in.jsonl", n=200)
    one = invoke("extract", corpus, "--format", "jsonl")
    two = invoke("extract", corpus, "--format", "jsonl", "--workers", 2)
    assert one.exit_code == 0 and two.exit_code == 0, two.stderr
    assert two.stdout == one.stdout and one.stdout.count("\n") == 200
