"""Extract stage: extraction over batches of articles, inline or in worker processes.

The extractor is a pure function of (text, lang, published), so batches go to a process pool while
the caller (the one process that writes the database) consumes results in input order. At most
2 x workers batches are in flight, so memory stays bounded on any corpus size.
"""
from __future__ import annotations

import operator
import os
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

from warehouse import interrupts

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


Job = tuple[str, str, Any]            # (text, lang, published)
Result = tuple[list | None, str | None]  # (quantities, error)


def default_workers() -> int:
    return os.cpu_count() or 1


def extract_quantities(jobs: list[Job]) -> list[Result]:
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

class QuantityColumns(NamedTuple):
    """One article's quantities, column by column (each field a list, one item a quantity). The
    first fields are Quantity attributes, but `text` only where it is not article_text[start:end]
    (else None); the sentence is stored as offsets into the article text."""
    start: list
    end: list
    text: list
    value: list
    value_max: list
    base_value: list
    base_unit: list
    dimension: list
    qualifier: list
    quantified: list
    subject: list
    period: list
    period_start: list
    period_end: list
    period_is_target: list
    indicator: list
    entities: list
    fact: list
    unit: list
    lang: list
    extractor: list
    sentence_start: list
    sentence_end: list
    sentence_text: list


# the fields read from each Quantity, then its sentence (stored as offsets)
_quantity_row = operator.attrgetter(*QuantityColumns._fields[:-3], "sentence")


def quantity_columns(text: str, quantities) -> QuantityColumns | None:
    """The quantities of one article as QuantityColumns; None when there are none.

    A quantity's text is kept only where it is not text[start:end] (fact_quantity.text_key).
    The sentence is stored as offsets into `text`: it contains the quantity, so it starts in
    [end - len(sentence), start]; a sentence found nowhere in the text is kept as sentence_text."""
    if not quantities:
        return None
    cols = list(zip(*map(_quantity_row, quantities)))
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
    cols[2] = [None if a is not None and b is not None and t == text[a:b] else t  # the text: offsets only
               for t, a, b in zip(cols[2], cols[0], cols[1])]
    return QuantityColumns(*cols, s_start, s_end, s_text)


def extract_quantity_columns(jobs: list[Job]) -> list[tuple[QuantityColumns | None, str | None]]:
    """extract_quantities, each article's quantities as QuantityColumns (columns pickle several
    times faster than Quantity objects)."""
    out = []
    for (text, _lang, _published), (quantities, error) in zip(jobs, extract_quantities(jobs)):
        out.append((None, error) if error is not None else (quantity_columns(text, quantities), None))
    return out


class QuantityRows(NamedTuple):
    """One article's quantities: rows [offset, offset + length) of an Arrow table of the fields
    warehouse.rows.QUANTITY_FIELDS declares (QuantityColumns, typed). The articles of one worker
    batch share one table, which pickles once, as Arrow buffers."""
    table: Any
    offset: int
    length: int


def quantity_rows(columns: list[QuantityColumns | None], article_ids: list[str]) -> list[QuantityRows | None]:
    """Articles' QuantityColumns as QuantityRows of one shared Arrow table (None stays None), with
    their quantity ids (the articles' ids are `article_ids`)."""
    from warehouse import rows

    table = rows.quantity_fields([c for c in columns if c], [a for a, c in zip(article_ids, columns) if c])
    out, offset = [], 0
    for c in columns:
        if c:
            out.append(QuantityRows(table, offset, len(c.start)))
            offset += len(c.start)
        else:
            out.append(None)
    return out


def quantity_count(quantities) -> int:
    """How many quantities an article's extraction result holds (QuantityRows, QuantityColumns, a list or None)."""
    if not quantities:
        return 0
    if isinstance(quantities, QuantityRows):
        return quantities.length
    return len(quantities.start) if isinstance(quantities, QuantityColumns) else len(quantities)


def extract_quantity_rows(jobs: list[Job]) -> list[tuple[QuantityRows | None, str | None]]:
    """extract_quantity_columns, the articles' columns as QuantityRows of one Arrow table: what the
    loader's workers send back, so that the writer takes Arrow columns as they are instead of
    converting Python lists (its own process, the one every worker waits on)."""
    from warehouse.article import content_hash

    results = extract_quantity_columns(jobs)
    article_ids = [content_hash(text)[:16] for text, _, _ in jobs]   # as Article.make names them
    return list(zip(quantity_rows([c for c, _ in results], article_ids), (e for _, e in results)))


def read_and_extract(jobs: list) -> list[tuple[Any, tuple | None]]:
    """extract_quantity_rows over jobs some of which are read.Unread inputs (web pages), read into
    their articles here first: (the article or rejection an Unread became, else None; the extraction
    result, None for a rejection) for each job."""
    from warehouse.article import Article
    from warehouse.read import Unread

    items = [job.article() if isinstance(job, Unread) else None for job in jobs]
    readable = [item is None or isinstance(item, Article) for item in items]   # not a rejection
    texts = [job if item is None else (item.text, item.lang, item.published)
             for job, item, ok in zip(jobs, items, readable) if ok]
    results = iter(extract_quantity_rows(texts))
    return [(item, next(results) if ok else None) for item, ok in zip(items, readable)]


def map_batches(tagged_jobs: Iterable[tuple[Any, list[Job]]], workers: int = 1, fn=None) -> Iterator[tuple[Any, list]]:
    """(tag, fn(jobs)) for each (tag, jobs), in input order; `fn` is extract_quantities unless given (a
    module-level function: it is sent to the worker processes).

    `workers` = 1 extracts inline; more start a process pool, but only when there is more than
    one batch (a pool's start-up costs more than one small batch)."""
    fn = fn or extract_quantities
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

    import multiprocessing  # here: a run extracting inline never starts a pool
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")  # no fork: the parent holds DuckDB threads
    from warehouse import without_pandas

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_start_worker,
                               initargs=(os.getpid(), without_pandas.active()))
    try:
        window: deque = deque()
        for tag, jobs in chain():
            window.append((tag, pool.submit(fn, jobs)))
            while len(window) >= 2 * workers:
                t, fut = window.popleft()
                yield t, fut.result()
        while window:
            t, fut = window.popleft()
            yield t, fut.result()
    except BaseException:  # Ctrl-C, SIGTERM, an error, or the consumer stopped: no batch is awaited
        _stop(pool)
        raise
    pool.shutdown()


def _start_worker(parent_pid: int, keep_pandas_out: bool) -> None:
    """A worker process's start: tied to its parent, and without pandas where the parent is."""
    if keep_pandas_out:
        from warehouse import without_pandas
        without_pandas.keep_out()
    interrupts.start_worker(parent_pid)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers now, in-flight batches abandoned."""
    processes = list((pool._processes or {}).values())  # noqa: SLF001 - no public way to reach them
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        p.kill()
    for p in processes:
        p.join(5)


def extract_inputs(paths, lang: str | None = None, workers: int = 1) -> Iterator[tuple[Any, list | None, str | None]]:
    """(article, quantities, None) or (rejected input, None, reason) for every input, no database."""
    from warehouse import read
    from warehouse.article import Article

    def jobs():
        for batch in read.iter_batches(paths, lang):
            yield batch.items, [(a.text, a.lang, a.published) for a in batch.items if isinstance(a, Article)]

    for items, results in map_batches(jobs(), workers):
        results = iter(results)
        for item in items:
            if isinstance(item, Article):
                quantities, error = next(results)
                yield item, quantities, error
            else:
                yield item, None, item.reason
