"""Load: read -> extract -> write, then the post-write stages, one transaction per batch of whole
articles. This module only orchestrates; each stage is a module of its own:

- warehouse/read.py: files in, Articles out (streamed batches);
- warehouse/extraction_workers.py: Articles in, their quantities as Arrow columns out (QuantityRows, worker processes);
- warehouse/rows.py and warehouse/dimensions.py: the Arrow batches and dimension rows the writer takes;
- warehouse/write.py: one transaction a batch, and the run's load_log row;
- POST_WRITE_STAGES: what runs on each committed batch (fact linking).

Idempotent by content: an article whose text is already in dim_article is not extracted again and
adds nothing; the summary counts it as "already present". A crash leaves only whole articles, and a
rerun resumes where the last committed batch ended.
"""
from __future__ import annotations

import time
import uuid
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable

from warehouse import db, dimensions, extraction_workers, interrupts, link, read, rows, write
from warehouse.article import Article

# Transactions: the writer groups extraction batches (64 articles each) into one transaction of at
# most WRITE_ARTICLES articles or WRITE_FACTS facts, committed at least every COMMIT_SECONDS (and the
# first batch at once, so progress and resumable work start early). Commits cost a WAL sync each;
# the writer's memory is a sawtooth that peaks with the open transaction, so half a second keeps the
# peak flat (1x -> 16x of the benchmark corpus: +15% largest process, against +21% at one second).
WRITE_ARTICLES = 8192
WRITE_FACTS = 131_072
COMMIT_SECONDS = 0.5

# Extraction batches (the unit a worker process takes) are sized by text as well as by article count
# (`batch_size`): an article costs in proportion to its length, and batches of about equal text keep
# every worker busy to the end (64 articles of 300 characters or of 30,000 differ a hundredfold).
# Not smaller: under load each batch becomes its own transaction, and each pays a fixed cost of
# linking (~0.1 s of CPU for the candidate query's plan and scans, whatever the batch's size).
BATCH_CHARS = 400_000

# Stages run after each committed transaction, in order, as stage(con, written) with the
# write.Written of that transaction (its article ids and counts): what depends on the stored
# quantities of those articles and must follow them (fact linking goes here). `load` and
# `reextract` both run them.
POST_WRITE_STAGES: list[Callable[[object, write.Written], None]] = [link.link_written]


# Stages run once when a run starts, as stage(con), before its first batch (installing the linkage
# macros of this version, and linking what a run that died left pending).
RUN_START_STAGES: list[Callable[[object], None]] = [link.link_at_run_start]


def run_post_write_stages(con, written: write.Written) -> None:
    for stage in POST_WRITE_STAGES:
        stage(con, written)


@dataclass
class Summary:
    load_id: str
    articles_loaded: int = 0
    articles_present: int = 0
    quantities: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    status: str = "running"
    rejected: list = field(default_factory=list)

    def text(self) -> str:
        s = (f"load {self.load_id}: {self.articles_loaded} articles loaded, {self.articles_present} already present, "
             f"{self.quantities} quantities, {self.skipped} other files or records skipped, {self.errors} errors, "
             f"{self.seconds:.1f} s")
        if self.articles_loaded == 0 and self.articles_present and not self.errors:
            s += f"\nnothing new: all {self.articles_present} articles were already in the warehouse (0 rows added)"
        return s


def extracted_articles(articles: list[Article], results, rejected: list) -> tuple[list, int]:
    """[(article, QuantityRows | QuantityColumns | None)] of the articles extraction read, each once,
    and how many repeated an earlier one; an extraction error rejects its article (appended to
    `rejected`). `results[i]` is (quantities, error) for `articles[i]`, quantities as a list of
    Quantity, as QuantityColumns, or as QuantityRows (what the loader's workers send)."""
    out: dict[str, tuple] = {}
    repeated = 0
    for art, (quantities, error) in zip(articles, results):
        if error is not None:
            rejected.append(read.Rejected(art.source, error))
        elif art.article_id in out:
            repeated += 1
        else:
            cols = quantities if quantities is None or isinstance(quantities, (extraction_workers.QuantityColumns,
                                                                               extraction_workers.QuantityRows)) \
                else extraction_workers.quantity_columns(art.text, quantities)
            out[art.article_id] = (art, cols)
    return list(out.values()), repeated


def write_batch_of(con, load_id: str, extracted: list, version: str, rejected: list, skipped: int, present: int,
                   write_fn: Callable[[object, write.Batch], write.Written]) -> write.Written:
    """The Arrow batches and dimension rows of `extracted` articles, written by `write_fn` in one
    transaction; then the post-write stages."""
    articles = rows.article_batch([a for a, _ in extracted], load_id, version)
    quantities = rows.quantity_batch(extracted, version)
    batch = write.Batch(load_id, articles, quantities, dimensions.batch_rows(con, articles, quantities, version),
                        rejected, skipped, present)
    written = db.retrying_conflicts(write_fn, con, batch)   # a lake's other writers
    db.retrying_conflicts(run_post_write_stages, con, written)
    return written


def commit_batch(con, summary: Summary, articles: list[Article], results, rejected: list, version: str,
                 skipped: int, present: int = 0) -> write.Written:
    """Write one batch of whole articles and their extraction results in one transaction.

    Articles already in dim_article (or twice in the batch) add nothing and count as present, as do
    `present` others the caller skipped itself."""
    extracted, repeated = extracted_articles(articles, results, rejected)
    written = write_batch_of(con, summary.load_id, extracted, version, rejected, skipped, present + repeated,
                             write.add_articles)
    summary.articles_loaded += len(written.article_ids)
    summary.articles_present += written.present
    summary.quantities += written.quantities
    summary.skipped += skipped
    summary.errors += len(rejected)
    summary.rejected.extend(rejected)
    return written


@dataclass
class Extracted:
    """One extraction batch waiting for its transaction."""
    articles: list            # Article, or read.Unread until its worker has read it
    rejected: list
    present: int = 0
    skipped: int = 0
    nbytes: int = 0       # of input it covers (progress)
    results: list = field(default_factory=list)


def commit_in_groups(batches: Iterable[Extracted], commit: Callable[[list[Extracted]], None],
                     progress: Callable[[int], None] | None = None) -> None:
    """commit(group) for consecutive groups of extraction batches, as the Transactions note above
    says, and progress(input bytes) after each."""
    pending: list[Extracted] = []
    articles = facts = 0
    last_commit = None

    def flush():
        nonlocal articles, facts, last_commit
        if not pending:
            return
        commit(pending)
        nbytes = sum(p.nbytes for p in pending)
        pending.clear()
        articles = facts = 0
        last_commit = time.monotonic()
        if progress:
            progress(nbytes)

    for batch in batches:
        pending.append(batch)
        articles += len(batch.articles)
        facts += sum(extraction_workers.quantity_count(c) for c, _ in batch.results)
        if (last_commit is None or articles >= WRITE_ARTICLES or facts >= WRITE_FACTS
                or time.monotonic() - last_commit >= COMMIT_SECONDS):
            flush()
    flush()


def extract_in_workers(batches: Iterable[Extracted], workers: int, scheduler: str | None = None,
                       on_shard: Callable[[int], None] | None = None,
                       on_reject: Callable[[read.Rejected], None] | None = None) -> Iterable[Extracted]:
    """Each batch with its extraction results (QuantityRows), extracted by `workers` processes,
    or as shards on the Dask cluster of `scheduler` (in the order they finish; on_shard(shards done)).
    The batch's read.Unread items (web pages) are read there too: each becomes its article, or its
    rejection (moved to the batch's `rejected`, and on_reject called now)."""
    jobs = ((b, [a if isinstance(a, read.Unread) else (a.text, a.lang, a.published) for a in b.articles])
            for b in batches)
    fn = extraction_workers.read_and_extract
    if scheduler:
        from warehouse import cluster
        extracted = cluster.map_shards(jobs, scheduler, fn, on_shard)
    else:
        extracted = extraction_workers.map_batches(jobs, workers, fn)
    for batch, results in extracted:
        _take_results(batch, results, on_reject)
        yield batch


def _take_results(batch: Extracted, results: list, on_reject) -> None:
    """Set the batch's results from read_and_extract's; an Unread item becomes what its worker read."""
    articles, batch.results = [], []
    for article, (item, result) in zip(batch.articles, results):
        if isinstance(item, read.Rejected):
            batch.rejected.append(item)
            if on_reject:
                on_reject(item)
            continue
        articles.append(item or article)
        batch.results.append(result)
    batch.articles = articles


# ---------------------------------------------------------------- the run


@contextmanager
def logged_run(db_path, summary, kind: str, paths: str | None):
    """A run on the warehouse at `db_path` (migrated first, seed tables synced) logged in load_log
    as `kind`; yields window(): a db.Writer window on the file. The run holds the file only inside
    its windows, so readers get in between. `summary.status` and `summary.seconds` say how it
    ended, in load_log too."""
    import extractors

    t0 = time.monotonic()
    writer = db.Writer(db_path)
    with db.writer_lock(db_path), closing(writer):
        db.ensure_migrated(db_path)
        try:
            with writer.window(wait=0) as con:  # a BI tool holding the file: refused at once
                write.open_run(con, summary.load_id, kind, paths, extractors.EXTRACTOR_VERSION,
                               sole_writer=not isinstance(db_path, db.Lake))
                dimensions.sync_seeds(con)
                for stage in RUN_START_STAGES:
                    stage(con)
            yield writer.window
            summary.status = "finished"
        except BaseException as exc:  # (a signal mid-statement is DuckDB's "Query interrupted")
            summary.status = "interrupted" if interrupts.interruption(exc) else "failed"
            raise
        finally:
            summary.seconds = time.monotonic() - t0
            _close_run(writer, summary)


def _close_run(writer: db.Writer, summary) -> None:
    """Log how the run ended. When it failed (a full disk, a read-only file system), logging may
    fail too: the run's own error is the message, and the next run marks this one interrupted."""
    try:  # (a run that failed for want of the lock does not wait for it again)
        with writer.window(wait=0 if summary.status == "failed" else db.WRITER_WAIT_SECONDS) as con:
            write.close_run(con, summary.load_id, summary.status, summary.seconds)
    except Exception:
        if summary.status == "finished":
            raise


# The loader asks which articles are stored already (to extract only the others) for this many
# articles at a time: each question opens a write window (10-40 ms), a batch is 64 articles.
STORED_CHECK_ARTICLES = 1024


def read_ahead(batches: Iterable[read.Batch], articles: int) -> Iterable[list[read.Batch]]:
    """Consecutive read batches in groups of at least `articles` items (the last one may be smaller)."""
    group: list[read.Batch] = []
    n = 0
    for batch in batches:
        group.append(batch)
        n += len(batch.items)
        if n >= articles:
            yield group
            group, n = [], 0
    if group:
        yield group


def unstored(batch: read.Batch, stored: set[str], seen: set[str], on_reject) -> Extracted:
    """The batch's articles neither `stored` nor `seen` earlier in the run (added to `seen`); the
    others count as present. Its rejections go to `on_reject` now. Unread pages are all kept: their
    article is known after extraction, and the writer counts them present when they are stored."""
    todo, present = [], 0
    for a in batch.items:
        if isinstance(a, read.Unread):
            todo.append(a)
        if not isinstance(a, Article):
            continue
        if a.article_id in stored or a.article_id in seen:
            present += 1
        else:
            seen.add(a.article_id)
            todo.append(a)
    rejected = [r for r in batch.items if isinstance(r, read.Rejected)]
    for r in rejected:
        if on_reject:
            on_reject(r)
    return Extracted(todo, rejected, present, batch.skipped, batch.nbytes)


def load(paths, db_path, *, lang: str | None = None, workers: int | None = None, batch_size: int = 64,
         on_reject: Callable[[read.Rejected], None] | None = None,
         progress: Callable[[int], None] | None = None, scheduler: str | None = None,
         on_shard: Callable[[int], None] | None = None, columns=None) -> Summary:
    """Load `paths` into the warehouse at `db_path` (migrated first). `on_reject` is called for each
    rejected input as soon as it is known, `progress` with the input bytes each written batch covered;
    `columns` (formats.table.Columns) names the columns of article tables.
    With `scheduler` (tcp://HOST:PORT), extraction runs on that Dask cluster (on_shard(shards done))."""
    import extractors

    workers = workers or extraction_workers.default_workers()
    summary = Summary(load_id=uuid.uuid4().hex[:16])
    with logged_run(db_path, summary, "load", " ".join(str(p) for p in paths)) as window:
        version = extractors.EXTRACTOR_VERSION
        seen: set[str] = set()

        def unread():  # read: the batches' articles not stored yet
            for batches in read_ahead(read.iter_batches(paths, lang, batch_size=batch_size, batch_chars=BATCH_CHARS,
                                                        columns=columns, defer=True), STORED_CHECK_ARTICLES):
                new_ids = [a.article_id for b in batches for a in b.items
                           if isinstance(a, Article) and a.article_id not in seen]
                stored = set()
                if new_ids:
                    with window() as con:
                        stored = write.stored_articles(con, new_ids)
                for batch in batches:
                    yield unstored(batch, stored, seen, on_reject)

        def commit(group: list[Extracted]) -> None:  # write, then the post-write stages
            rejected = [r for p in group for r in p.rejected]
            before = len(rejected)  # the reader's rejections were reported already
            with window() as con:
                commit_batch(con, summary, [a for p in group for a in p.articles], [r for p in group for r in p.results],
                             rejected, version, sum(p.skipped for p in group), present=sum(p.present for p in group))
            if on_reject:
                for r in rejected[before:]:  # extraction failures
                    on_reject(r)

        extracted = extract_in_workers(unread(), workers, scheduler, on_shard, on_reject)
        try:
            commit_in_groups(extracted, commit, progress)
        finally:
            extracted.close()  # stops the worker processes now, not when garbage collected
    return summary
