"""Locking (issue 4): DuckDB allows one writer per file. A second `warehouse load`, or a BI tool holding
the file, gets one clear line (which file, which process, what to do) and exit code 2, never a
traceback; `warehouse query` opens the file read-only, so it runs next to BI tools."""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys

import pytest

from conftest import SEED_FILES, invoke
from test_crash import make_corpus, start_load, wait_for_committed_batch
from warehouse import db

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and signals")


def cli(*args, timeout=120) -> subprocess.CompletedProcess:
    """The real `warehouse` command in its own process (what scripts see: exit code, stdout, stderr)."""
    return subprocess.run([sys.executable, "-m", "warehouse.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def assert_locked_message(res, path, pid: int) -> None:
    """`res`: a CompletedProcess (own process) or click's Result (in-process, same code path)."""
    code = res.returncode if isinstance(res, subprocess.CompletedProcess) else res.exit_code
    assert code == 2, (code, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr and not res.stdout
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert re.fullmatch(rf"error: database {re.escape(str(path))} is locked by .+ \(PID {pid}\)\. DuckDB allows one "
                        r"writer at a time: wait for that process to finish \(or close the BI tool holding the "
                        r"file\), or use another --db file\.", lines[0]), lines[0]


def test_second_load_while_a_load_runs(tmp_path):
    corpus = tmp_path / "many.jsonl"
    make_corpus(corpus, n=6000)  # ~90 batches: still running while we try; killed at the end anyway
    path = tmp_path / "w.duckdb"
    first = start_load(corpus, path)
    try:
        wait_for_committed_batch(first)
        second = cli("load", SEED_FILES[3], "--db", path, "--workers", 1)
        assert_locked_message(second, path, first.pid)
        assert_locked_message(invoke("migrate", "--db", path), path, first.pid)
        # a reader gets in between the load's commits
        res = invoke("query", "select count(*) > 0 as loaded from dim_article", "--db", path, "--wait", 60,
                     "--format", "json")
        assert res.exit_code == 0 and json.loads(res.stdout) == [{"loaded": True}], res.stderr
        assert first.poll() is None, "the first load must be unaffected"
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    # the second load changed nothing: no load_log row, no load_errors row of its own
    con = db.connect(path, read_only=True)
    assert con.execute("select count(*) from load_log").fetchone() == (1,)
    assert con.execute("select count(*) from load_errors").fetchone() == (0,)
    con.close()


BI_TOOL = """
import duckdb, sys
con = duckdb.connect(sys.argv[1], read_only=True)   # what DBeaver, Metabase or a notebook does
print(con.execute("select count(*) from dim_article").fetchone()[0], flush=True)
sys.stdin.read()
"""


def test_bi_tool_holding_the_file(tmp_path):
    path = tmp_path / "w.duckdb"
    assert invoke("load", SEED_FILES[3], "--db", path, "--workers", 1, "--quiet").exit_code == 0
    bi = subprocess.Popen([sys.executable, "-c", BI_TOOL, str(path)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True)
    try:
        assert bi.stdout.readline().strip() == "1"
        # a load needs the write lock: refused with the BI tool's PID and what to do
        assert_locked_message(cli("load", SEED_FILES[4], "--db", path, "--workers", 1), path, bi.pid)
        assert_locked_message(invoke("migrate", "--db", path), path, bi.pid)
        # query and stats open read-only, so they share the file with the BI tool
        res = invoke("query", "select doc from dim_article", "--db", path, "--format", "json")
        assert res.exit_code == 0, res.stderr
        assert json.loads(res.stdout) == [{"doc": SEED_FILES[3].name}]
        res = invoke("stats", "--db", path, "--format", "json")
        assert res.exit_code == 0, res.stderr
        assert {"metric": "loads", "value": 1} in json.loads(res.stdout)
    finally:
        bi.stdin.close()
        bi.wait(timeout=30)
    # once the tool is closed, the load goes through
    res = invoke("load", SEED_FILES[4], "--db", path, "--workers", 1)
    assert res.exit_code == 0, res.stderr
    assert "1 articles loaded" in res.stdout


def test_query_never_writes(tmp_path):
    """`warehouse query` opens read-only: writing statements fail with exit 2 and change nothing."""
    path = tmp_path / "w.duckdb"
    assert invoke("load", SEED_FILES[3], "--db", path, "--workers", 1, "--quiet").exit_code == 0
    for sql in ("delete from dim_article", "create table t (x int)", "update load_log set status = 'x'"):
        res = invoke("query", sql, "--db", path)
        assert res.exit_code == 2 and "read-only" in res.stderr and "Traceback" not in res.stderr, res.stderr
    con = db.connect(path, read_only=True)
    assert con.execute("select count(*) from dim_article").fetchone() == (1,)
    assert con.execute("select status from load_log").fetchall() == [("finished",)]
    con.close()
