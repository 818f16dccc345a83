"""Shared fixtures: the sample articles, a CLI runner, and one warehouse loaded from the samples."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from warehouse.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEV_DOCS = SHARED / "eval" / "dev" / "docs"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

# CI runs the property tests on a fixed sequence of examples, so a run never fails on an example the
# previous one did not try; locally they explore (and replay the failures they found).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(*args, env=None):
    """Run the CLI in-process; returns click's Result (stdout in .stdout, stderr in .stderr)."""
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def ctrl_c_at_call(real, n: int):
    """`real`, except that its n-th call raises KeyboardInterrupt (Ctrl-C in the middle of a run)."""
    calls = []

    def wrapper(*args, **kw):
        calls.append(1)
        if len(calls) == n:
            raise KeyboardInterrupt
        return real(*args, **kw)
    return wrapper


def one_sentence_corpus(path, n: int = 200):
    """A JSONL file of `n` one-sentence English articles with one quantity each (and a year)."""
    path.write_text("".join(json.dumps({"id": f"a{i}", "lang": "en", "text": f"Exports rose {i + 2} percent in 2024."})
                            + "\n" for i in range(n)), encoding="utf-8")
    return path


def query_json(db, sql):
    res = invoke("query", sql, "--db", db, "--format", "json")
    assert res.exit_code == 0, res.stderr
    return json.loads(res.stdout)


def extract_records(*paths):
    res = invoke("extract", *paths, "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """A warehouse loaded once from seeds/ (tests must only read it)."""
    db = tmp_path_factory.mktemp("seeded") / "w.duckdb"
    res = invoke("load", SEEDS, "--db", db, "--workers", 1, "--quiet")
    assert res.exit_code == 0, res.output
    return db


@pytest.fixture(scope="session")
def seed_extraction() -> list[dict]:
    """What `warehouse extract seeds/` prints, parsed."""
    return extract_records(SEEDS)
