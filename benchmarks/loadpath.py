"""How the load-throughput row reaches DuckDB.

Preferred: time only the insert of facts extracted beforehand, through the project's own loader
code (`warehouse.load.commit_batch`: the extraction results as Arrow batches, their dimension rows,
one transaction per batch through warehouse/write.py: the same call `warehouse load` makes for every
batch). The facts come from extracting a few hundred distinct
articles of the mixed corpus once; to reach the requested count the same articles are written
again under other identities (a marker line appended to the text, so the content hash, the
article id and every fact id change while the quantities' offsets stay valid). Extraction, the
results in the form the extraction workers send them (QuantityRows: Arrow columns, made in the
workers' processes during a load) and the making of the article variants happen before the clock
starts (the workers name each quantity, so each copy gets its own quantity ids there). The write
stage alone is timed: the post-write stages (fact linking) are not run, since
every fact here has hundreds of identical copies, which linking compares pairwise; linking has
rows of its own (benchmarks/linking.py).

Fallback (when `warehouse.load.commit_batch` is not there or its signature changed): `warehouse
load` end to end on a corpus big enough for the requested number of facts, extraction included, so
the figure is a lower bound on the insert rate. The row's note says which path was taken.
"""
from __future__ import annotations

import inspect
import os
import time
from pathlib import Path

from benchmarks import corpus as C

BATCH = 64          # articles per transaction when the loader does not say (its old extraction batch size)
BASE_ARTICLES = 300  # distinct articles extracted once, then replicated


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


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
    workers = _cores()
    try:
        res = warehouse_load([path], workdir / "facts.duckdb", workers, workdir)
    finally:
        path.unlink(missing_ok=True)
        (workdir / "facts.duckdb").unlink(missing_ok=True)
    return {"facts": res["facts"], "seconds": res["seconds"], "facts_s": res["facts"] / res["seconds"],
            "path": f"`warehouse load --workers {workers}` end to end (extraction included)"}


def _loader_commit_batch():
    """warehouse.load.commit_batch if it has the signature this benchmark was written against."""
    try:
        from warehouse import load
    except Exception:  # noqa: BLE001
        return None
    fn = getattr(load, "commit_batch", None)
    if fn is None:
        return None
    params = list(inspect.signature(fn).parameters)
    if params[:7] != ["con", "summary", "articles", "results", "rejected", "version", "skipped"]:
        return None
    return fn


def _transaction_size(load) -> tuple[int, int | None]:
    """(articles, facts) at most in one transaction of `warehouse load`: the loader's own grouping
    (WRITE_ARTICLES / WRITE_FACTS) when it declares one, else BATCH articles."""
    return getattr(load, "WRITE_ARTICLES", BATCH), getattr(load, "WRITE_FACTS", None)


def bench_insert_loader(corpus_path: Path, n_facts: int, workdir: Path, commit_batch) -> dict:
    import extractors
    from warehouse import db, dimensions, load, read
    from warehouse.article import Article

    max_articles, max_facts = _transaction_size(load)

    version = extractors.EXTRACTOR_VERSION
    # extract BASE_ARTICLES distinct articles once (read through the project's JSONL reader)
    n_base = BASE_ARTICLES if n_facts >= 100_000 else 20  # smoke: fewer to extract
    base: list[tuple[Article, list]] = []
    for art, _ in read.read_jsonl(Path(corpus_path)):
        if isinstance(art, Article):
            base.append((art, list(extractors.extract(art.text, art.lang, art.published))))
        if len(base) >= n_base:
            break
    per_round = sum(len(q) for _, q in base)
    if per_round == 0:
        raise RuntimeError("the extractor found no quantities in the corpus")

    # variants under new identities, grouped in batches, all before the clock
    batches: list[tuple[list, list]] = []
    arts, results, total, k, in_batch = [], [], 0, 0, 0
    while total < n_facts:
        copies = [Article.make(doc=f"{art.doc}#{k}", source=art.source, text=f"{art.text}\n\n[bench copy {k}]",
                               lang=art.lang, url=art.url, title=art.title, published=art.published)
                  for art, _ in base]
        for (art, qs), copy, payload in zip(base, copies, _as_workers_send(base, copies)):
            arts.append(copy)
            results.append((payload, None))
            total += len(qs)
            in_batch += len(qs)
            if len(arts) == max_articles or (max_facts and in_batch >= max_facts):
                batches.append((arts, results))
                arts, results, in_batch = [], [], 0
            if total >= n_facts:
                break
        k += 1
    if arts:
        batches.append((arts, results))

    path = workdir / "insert.duckdb"
    path.unlink(missing_ok=True)
    db.ensure_migrated(path)
    con = db.connect(path)
    try:
        dimensions.sync_seeds(con)
        summary = load.Summary(load_id="bench")
        stages, load.POST_WRITE_STAGES[:] = list(load.POST_WRITE_STAGES), []  # the write stage alone
        try:
            t0 = time.perf_counter()
            for arts, results in batches:
                commit_batch(con, summary, arts, results, [], version, 0)
            seconds = time.perf_counter() - t0
        finally:
            load.POST_WRITE_STAGES[:] = stages
        stored = con.execute("SELECT count(*) FROM fact_quantity").fetchone()[0]
    finally:
        con.close()
        path.unlink(missing_ok=True)
    if stored < total:
        raise RuntimeError(f"loader stored {stored} of {total} facts")
    return {"facts": stored, "seconds": seconds, "facts_s": stored / seconds,
            "path": f"warehouse.load.commit_batch, pre-extracted, as warehouse load groups them: "
                    f"{_grouping(max_articles, max_facts)}, {len(batches):,} transactions; "
                    f"write stage alone (linking has its own rows)"}


def _as_workers_send(base: list, copies: list) -> list:
    """The base articles' quantities as the loader's extraction workers send them for their `copies`
    (QuantityRows of one Arrow table, as a worker's batch, with the copies' quantity ids), or the
    Quantity lists where the loader has no such form."""
    from warehouse import extraction_workers as ew
    if not hasattr(ew, "quantity_rows"):
        return [qs for _, qs in base]
    return ew.quantity_rows([ew.quantity_columns(art.text, qs) for art, qs in base], [c.article_id for c in copies])


def _grouping(max_articles: int, max_facts: int | None) -> str:
    return f"{max_articles:,} articles" + (f" or {max_facts:,} facts" if max_facts else "") + " a transaction at most"


def bench_insert(corpus_path: Path, n_facts: int, workdir: Path) -> dict:
    commit_batch = _loader_commit_batch()
    if commit_batch is not None:
        return bench_insert_loader(corpus_path, n_facts, workdir, commit_batch)
    return bench_insert_end_to_end(corpus_path, n_facts, workdir)
