"""Running the extraction stage over batches of articles, inline or in worker processes.

The extractor is a pure function of (text, lang, published), so batches go to a process pool while
the caller (the one process that writes the database) consumes results in input order. At most
2 x workers batches are in flight, so memory stays bounded on any corpus size.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Iterable, Iterator

Job = tuple[str, str, Any]            # (text, lang, published)
Result = tuple[list | None, str | None]  # (quantities, error)


def default_workers() -> int:
    return os.cpu_count() or 1


def extract_jobs(jobs: list[Job]) -> list[Result]:
    """Extract every job; an exception in one article becomes its error, never the batch's."""
    import extractors

    out: list[Result] = []
    for text, lang, published in jobs:
        try:
            out.append((list(extractors.extract(text, lang, published)), None))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the others
            out.append((None, f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def run(tagged_jobs: Iterable[tuple[Any, list[Job]]], workers: int = 1) -> Iterator[tuple[Any, list[Result]]]:
    """(tag, results) for each (tag, jobs), in input order.

    `workers` = 1 extracts inline; more start a process pool, but only when there is more than
    one batch (a pool's start-up costs more than one small batch)."""
    it = iter(tagged_jobs)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None) if workers > 1 else None
    if second is None:
        yield first[0], extract_jobs(first[1])
        for tag, jobs in it:  # workers == 1
            yield tag, extract_jobs(jobs)
        return

    def chain():
        yield first
        yield second
        yield from it

    ctx = multiprocessing.get_context("spawn")  # no fork: the parent holds DuckDB threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        window: deque = deque()
        for tag, jobs in chain():
            window.append((tag, pool.submit(extract_jobs, jobs)))
            while len(window) >= 2 * workers:
                t, fut = window.popleft()
                yield t, fut.result()
        while window:
            t, fut = window.popleft()
            yield t, fut.result()


def extract_paths(paths, lang: str | None = None, workers: int = 1) -> Iterator[tuple[Any, list | None, str | None]]:
    """(article, quantities, None) or (rejected input, None, reason) for every input, no database."""
    from warehouse import read
    from warehouse.article import Article

    def jobs():
        for batch in read.iter_batches(paths, lang):
            yield batch.items, [(a.text, a.lang, a.published) for a in batch.items if isinstance(a, Article)]

    for items, results in run(jobs(), workers):
        results = iter(results)
        for item in items:
            if isinstance(item, Article):
                quantities, error = next(results)
                yield item, quantities, error
            else:
                yield item, None, item.reason


def _quantity_fields() -> tuple[str, ...]:
    from dataclasses import fields

    from extractors.model import Quantity

    return ("doc",) + tuple(f.name for f in fields(Quantity))


QUANTITY_FIELDS = _quantity_fields()  # every Quantity field, so new ones reach the JSONL output


def quantity_record(article, quantity) -> dict:
    """The JSONL contract of `warehouse extract` (../shared/eval/score.py): Quantity.to_dict() plus doc."""
    rec = quantity.to_dict()
    rec["doc"] = article.doc
    return rec
