"""Running the extraction stage over batches of articles, inline or in worker processes.

The extractor is a pure function of (text, lang, published), so batches go to a process pool while
the caller (the one process that writes the database) consumes results in input order. At most
2 x workers batches are in flight, so memory stays bounded on any corpus size.
"""
from __future__ import annotations

import multiprocessing
import operator
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


# ---------------------------------------------------------------- compact results for the loader

# The quantities of one article as columns, in this order, then sentence_start, sentence_end and
# sentence_text: what warehouse.load writes. Workers send these back instead of Quantity objects
# (a tuple of columns pickles several times faster than dataclasses, and is what Arrow is built from).
FACT_FIELDS = ("start", "end", "text", "value", "value_max", "base_value", "base_unit", "dimension", "qualifier",
               "quantified", "subject", "period", "period_start", "period_end", "period_is_target", "indicator",
               "entities", "fact", "unit", "lang", "extractor")
N_FACT_COLUMNS = len(FACT_FIELDS) + 3
_fact_row = operator.attrgetter(*FACT_FIELDS, "sentence")


def fact_columns(text: str, quantities) -> tuple:
    """The quantities of one article as a tuple of columns (FACT_FIELDS, then sentence_start,
    sentence_end, sentence_text); () when there are none.

    The sentence is stored as offsets into `text`: it contains the quantity, so it starts in
    [end - len(sentence), start]; a sentence found nowhere in the text is kept as sentence_text."""
    if not quantities:
        return ()
    cols = list(zip(*map(_fact_row, quantities)))
    sentences = cols.pop()
    s_start, s_end, s_text = [], [], []
    prev, ps, pe = None, 0, -1
    find = text.find
    for s, a, b in zip(sentences, cols[0], cols[1]):
        if s is None:
            s_start.append(None), s_end.append(None), s_text.append(None)
            continue
        if s == prev and ps <= a and b <= pe:  # quantities of one sentence: found once
            s_start.append(ps), s_end.append(pe), s_text.append(None)
            continue
        n = len(s)
        try:
            p = find(s, max(0, b - n), a + n)
        except TypeError:  # offsets missing
            p = -1
        if p < 0:
            p = find(s)
        if p < 0:
            s_start.append(None), s_end.append(None), s_text.append(s)
            prev = None
            continue
        prev, ps, pe = s, p, p + n
        s_start.append(ps), s_end.append(pe), s_text.append(None)
    return (*cols, s_start, s_end, s_text)


def extract_fact_jobs(jobs: list[Job]) -> list[tuple[tuple | None, str | None]]:
    """extract_jobs, each article's quantities as fact_columns (what the loader's workers return)."""
    out = []
    for (text, _lang, _published), (quantities, error) in zip(jobs, extract_jobs(jobs)):
        out.append((None, error) if error is not None else (fact_columns(text, quantities), None))
    return out


def run(tagged_jobs: Iterable[tuple[Any, list[Job]]], workers: int = 1, fn=None) -> Iterator[tuple[Any, list]]:
    """(tag, fn(jobs)) for each (tag, jobs), in input order; `fn` is extract_jobs unless given (a
    module-level function: it is sent to the worker processes).

    `workers` = 1 extracts inline; more start a process pool, but only when there is more than
    one batch (a pool's start-up costs more than one small batch)."""
    fn = fn or extract_jobs
    it = iter(tagged_jobs)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None) if workers > 1 else None
    if second is None:
        yield first[0], fn(first[1])
        for tag, jobs in it:  # workers == 1
            yield tag, fn(jobs)
        return

    def chain():
        yield first
        yield second
        yield from it

    ctx = multiprocessing.get_context("spawn")  # no fork: the parent holds DuckDB threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        window: deque = deque()
        for tag, jobs in chain():
            window.append((tag, pool.submit(fn, jobs)))
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
