"""The benchmark runs end to end in smoke mode and prints every row with a positive figure.

No timing is asserted here: timings are not unit tests (the full benchmark is `python -m benchmarks.run`).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import corpus as C

ROOT = Path(__file__).resolve().parent.parent

EXTRACTION_ROWS = [
    ("extraction English, 1 process", "MB/s"),
    ("extraction English, 1 process", "articles/s"),
    ("extraction mixed", "MB/s per core"),
    ("extraction mixed", "articles/s"),
    ("quantulum3 English, sentence by sentence", "MB/s"),
    ("ratio ours / quantulum3 (English)", "x"),
]
WAREHOUSE_ROWS = [
    ("load facts into DuckDB", "facts/s"),
    ("warehouse load end to end, --workers 1", "articles/s"),
    ("warehouse load end to end, --workers 2", "articles/s"),
    ("speed-up --workers 2 / --workers 1", "x"),
    ("peak RSS warehouse load 1x", "MB"),
    ("peak RSS warehouse load 4x", "MB"),
    ("peak RSS warehouse load 16x", "MB"),
    ("peak RSS growth 1x -> 16x, all processes", "%"),
    ("link mentions from scratch (warehouse relink)", "mentions/s"),
    ("link one 64-article batch against", "s"),
]


def _warehouse_ready() -> bool:
    try:
        import warehouse.cli  # noqa: F401
    except Exception:  # noqa: BLE001
        return False
    return True


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "smoke.json"
    proc = subprocess.run([sys.executable, "-m", "benchmarks.run", "--smoke", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout, json.loads(out.read_text())


def _find(rows, metric, unit):
    return [r for r in rows if r["metric"].startswith(metric) and r["unit"] == unit]


def test_smoke_prints_every_extraction_row(smoke):
    stdout, report = smoke
    for metric, unit in EXTRACTION_ROWS:
        found = _find(report["rows"], metric, unit)
        assert found, f"missing row {metric!r} ({unit})\n{stdout}"
        assert all(r["value"] is not None and r["value"] > 0 for r in found), found
        assert metric in stdout


def test_smoke_prints_every_warehouse_row(smoke):
    if not _warehouse_ready():
        pytest.skip("warehouse.cli not there yet")
    stdout, report = smoke
    for metric, unit in WAREHOUSE_ROWS:
        found = _find(report["rows"], metric, unit)
        assert found, f"missing row {metric!r} ({unit})\n{stdout}"
        if unit != "%":  # growth may be zero or negative; it must be a number
            assert all(r["value"] is not None and r["value"] > 0 for r in found), found
        else:
            assert all(isinstance(r["value"], (int, float)) for r in found), found


def test_smoke_prints_machine_and_targets(smoke):
    stdout, report = smoke
    for key in ("CPU", "cores", "memory", "Python", "duckdb"):
        assert report["machine"].get(key), key
    # which engine the figures are of: the one this test session imported
    import extractors.engine
    compiled = not extractors.engine.__file__.endswith(".py")
    assert report["machine"]["engine build"] == ("compiled (mypyc)" if compiled else "pure Python")
    targeted = [r for r in report["rows"] if r["target"]]
    assert targeted and all(r["passed"] in (True, False) for r in targeted)
    assert "PASS" in stdout or "FAIL" in stdout


def test_corpus_is_reproducible_and_streams_realistic_articles(tmp_path):
    a = C.write_corpus(tmp_path / "a.jsonl", C.MIXED_LANGS, 60_000, seed=3)
    b = C.write_corpus(tmp_path / "b.jsonl", C.MIXED_LANGS, 60_000, seed=3)
    assert a.path.read_bytes() == b.path.read_bytes()
    assert a.text_bytes >= 60_000
    arts = list(C.read_corpus(a.path))
    assert {x["lang"] for x in arts} <= set(C.MIXED_LANGS)
    for art in arts:
        assert set(art) == {"id", "url", "title", "published", "lang", "text"}
        assert 2048 <= len(art["text"].encode("utf-8")) <= 8192 + 4096
        assert len(art["published"]) == 10


def test_corpus_takes_any_language_of_the_dev_docs(tmp_path):
    if not C.DEV_DOCS_DIR.is_dir():
        pytest.skip("dev docs not present")
    info = C.write_corpus(tmp_path / "all.jsonl", C.ALL_LANGS, 200_000, seed=1)
    assert {x["lang"] for x in C.read_corpus(info.path)} == set(C.ALL_LANGS)
