"""Crash safety (issue 4): a `warehouse load` killed with SIGKILL mid-run leaves a warehouse that opens,
holds only whole articles and shows the run as not finished; rerunning the same command finishes the
job with exactly the totals of one clean load."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading

import pytest

import extractors
from warehouse import db

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

N_ARTICLES = 448  # 7 batches of 64; --workers 1 so that the kill lands mid-run
WORDS = ("the of and government ministry said according report region market economy people country city "
         "officials transport corridor agreement delegation").split()


def make_corpus(path, n=N_ARTICLES):
    rnd = random.Random(4)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = " ".join(rnd.choice(WORDS) for _ in range(30))
            if i % 7 == 3:  # some articles legitimately have no quantity at all
                text = f"Article {'x' * (i % 11)}{i * 7 % 13}: {body}."
            else:  # one quantity (extraction cost grows with quantities, not text)
                text = f"Article {body}: exports rose {i % 40 + 1} percent, {body}."
            fh.write(json.dumps({"id": f"a{i}", "lang": "en", "published": f"2025-0{i % 9 + 1}-1{i % 10}",
                                 "text": text}) + "\n")


def fetch(path, sql):
    con = db.connect(path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def start_load(corpus, path, *extra):
    return subprocess.Popen([sys.executable, "-m", "warehouse.cli", "load", str(corpus), "--db", str(path),
                             "--workers", "1", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_committed_batch(proc, timeout=60) -> str:
    """Block until the load prints its first progress line (written after a batch committed)."""
    got: list[str] = []

    def reader():
        for line in proc.stderr:
            got.append(line)
            if line.startswith("progress: committed"):
                return

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    t.join(timeout)
    assert got and got[-1].startswith("progress: committed"), f"no progress line: {got!r}"
    return got[-1]


def test_sigkill_mid_load_then_rerun(tmp_path):
    corpus = tmp_path / "many.jsonl"
    make_corpus(corpus)
    path = tmp_path / "w.duckdb"
    clean = tmp_path / "clean.duckdb"
    reference = start_load(corpus, clean, "--quiet")  # the clean single load, alongside

    proc = start_load(corpus, path)
    try:
        wait_for_committed_batch(proc)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    # the warehouse opens (the WAL of committed batches is replayed) and holds only whole articles
    (n_articles,), = fetch(path, "select count(*) from dim_article")
    assert 0 < n_articles < N_ARTICLES, "the kill should land mid-run"
    assert fetch(path, "select count(*) from fact_quantity where article_id not in "
                       "(select article_id from dim_article)") == [(0,)]
    stored = fetch(path, "select a.article_text, a.lang, a.published, count(f.quantity_id) from dim_article a "
                         "left join fact_quantity f using (article_id) group by all")
    for text, lang, published, n_facts in stored:
        assert n_facts == len(extractors.extract(text, lang, published)), text[:40]
    assert any(n == 0 for *_, n in stored), "the check must cover articles without quantities"
    assert fetch(path, "select status, finished, articles_loaded from load_log") == [
        ("running", None, n_articles)]  # not finished; its counters committed with the batches

    # rerun: finishes the job, with exactly the totals of a clean load of the same input
    res = subprocess.run([sys.executable, "-m", "warehouse.cli", "load", str(corpus), "--db", str(path),
                          "--workers", "1", "--quiet"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert f"{N_ARTICLES - n_articles} articles loaded, {n_articles} already present" in res.stdout

    out, err = reference.communicate(timeout=120)
    assert reference.returncode == 0, err
    assert f"{N_ARTICLES} articles loaded" in out
    sql = ('select quantity_id, article_id, ordinal, start, "end", text, value, unit_key, published_date_key '
           'from v_fact_quantity order by quantity_id')
    assert fetch(path, sql) == fetch(clean, sql)
    sql = "select article_id, doc, published, lang, article_text from dim_article order by article_id"
    assert fetch(path, sql) == fetch(clean, sql)
    assert fetch(path, "select sum(quantities), sum(articles_loaded) from load_log") == \
        fetch(clean, "select quantities, articles_loaded from load_log")
    assert sorted(fetch(path, "select status from load_log")) == [("finished",), ("interrupted",)]
