"""Regression of fact linkage on ../shared/eval/facts_dev, scored by ../shared/eval/score_facts.py
(B-cubed over the mentions with a gold fact id), both ways the issue asks: `warehouse extract` over
all files, and two separate `warehouse load` runs (every other file first) read back from
v_quantities. Skips when ../shared is absent."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import SHARED, invoke, query_json

FACTS_DEV = SHARED / "eval" / "facts_dev"
SCORER = SHARED / "eval" / "score_facts.py"
MIN_F1 = 0.93   # reached: 0.940 both ways (B-cubed P 1.000, R 0.888); 0.915 with the signals of 9c72c7d

pytestmark = pytest.mark.skipif(not (FACTS_DEV / "gold.jsonl").exists() or not SCORER.exists(),
                                reason="../shared/eval/facts_dev not available")


def _score(pred) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(SCORER), "--gold", str(FACTS_DEV / "gold.jsonl"),
                          "--docs", str(FACTS_DEV / "docs"), "--pred", str(pred)],
                         capture_output=True, text=True, check=True).stdout
    return {k: float(v) for k, v in re.findall(r"bcubed_(\w+)=([\d.]+)", out.strip().splitlines()[-1])}


def test_extract_links_the_files_among_themselves(tmp_path):
    res = invoke("extract", FACTS_DEV / "docs", "--format", "jsonl")
    assert res.exit_code == 0
    pred = tmp_path / "pred.jsonl"
    pred.write_text(res.stdout, encoding="utf-8")
    assert _score(pred)["f1"] >= MIN_F1


def test_two_loads_link_incrementally(tmp_path):
    files = sorted((FACTS_DEV / "docs").glob("*.txt"))
    db = tmp_path / "w.duckdb"
    for part in (files[0::2], files[1::2]):
        folder = tmp_path / f"part{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        for f in part:
            shutil.copy(f, folder / f.name)
        assert invoke("load", folder, "--db", db, "--workers", 1, "--quiet").exit_code == 0
    rows = query_json(db, 'select doc, "start", "end", fact from v_quantities')
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert _score(pred)["f1"] >= MIN_F1
    # relink from scratch gives a grouping at least as good
    assert invoke("relink", "--db", db).exit_code == 0
    rows = query_json(db, 'select doc, "start", "end", fact from v_quantities')
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert _score(pred)["f1"] >= MIN_F1
