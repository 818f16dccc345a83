"""How the load-throughput row reaches DuckDB.

Preferred: time only the insert of facts extracted beforehand, through the project's own loader
code (`warehouse.load`). Until the loader exposes such an entry point, fall back to `warehouse load`
end to end on a corpus big enough for the requested number of facts (extraction included, so the
figure is a lower bound on the insert rate). The row's note says which path was taken.
"""
from __future__ import annotations

import os
from pathlib import Path

from benchmarks import corpus as C


def _density(corpus_path: Path, sample_bytes: int = 200_000) -> float:
    """Quantities per byte of text, measured on the first `sample_bytes` of a corpus."""
    from extractors import extract
    n_b = n_q = 0
    for art in C.read_corpus(corpus_path):
        n_q += len(extract(art["text"], art["lang"]))
        n_b += len(art["text"].encode("utf-8"))
        if n_b >= sample_bytes:
            break
    return n_q / max(n_b, 1)


def bench_insert_end_to_end(corpus_path: Path, n_facts: int, workdir: Path) -> dict:
    from benchmarks.run import warehouse_load
    langs = tuple(sorted({a["lang"] for _, a in zip(range(200), C.read_corpus(corpus_path))}))
    need = int(n_facts / max(_density(corpus_path), 1e-6) * 1.1)
    path = workdir / "facts.jsonl"
    C.write_corpus(path, langs, need, seed=7, prefix="f")
    try:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        res = warehouse_load([path], workdir / "facts.duckdb", workers, workdir)
    finally:
        path.unlink(missing_ok=True)
        (workdir / "facts.duckdb").unlink(missing_ok=True)
    return {"facts": res["facts"], "seconds": res["seconds"], "facts_s": res["facts"] / res["seconds"],
            "path": f"`warehouse load --workers {workers}` end to end (extraction included)"}


def bench_insert(corpus_path: Path, n_facts: int, workdir: Path) -> dict:
    return bench_insert_end_to_end(corpus_path, n_facts, workdir)
