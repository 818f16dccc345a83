"""The `warehouse` command: parses options and calls the orchestrators (load, reextract) and stages."""
from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

from warehouse import interrupts

AS_PROGRAM = __name__ == "__main__" or Path(sys.argv[0]).name == "warehouse"  # the program, not an import
if AS_PROGRAM:
    interrupts.install_handlers()  # first, so that a signal during the imports below stops it cleanly

import click  # noqa: E402

from warehouse import db  # noqa: E402
from warehouse.output import format_option, one_line, progress_bar, render  # noqa: E402

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130   # 128 + SIGINT, as shells report a command stopped by Ctrl-C
EXIT_TERMINATED = 143    # 128 + SIGTERM

EPILOG = """\b
Exit codes:
  0  everything was read (and loaded)
  1  some inputs were rejected (each named on stderr and in load_errors); the rest loaded
  2  usage error, or a database error (locked or missing file, failed query)
  130  interrupted (Ctrl-C); a load keeps what it committed: rerun it to finish
  143  terminated (SIGTERM): as 130
"""

_db_path_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), default=db.default_db, show_default=db.DEFAULT_DB,
    envvar=db.ENV_DB, help=f"Warehouse DuckDB file, or a DuckLake as DuckDB attaches it: "
                           f"'ducklake:postgres:dbname=... host=... user=...' (also settable with ${db.ENV_DB}).")
_data_path_option = click.option(
    "--data-path", type=str, default=None, envvar=db.ENV_DATA_PATH,
    help=f"A lake's Parquet folder or object-store URL; needed when --db creates a new lake "
         f"(also settable with ${db.ENV_DATA_PATH}).")


def db_option(command):
    """--db and --data-path, passed on to the command as one `db_path`: a file's path or a db.Lake."""
    @functools.wraps(command)
    def with_warehouse(*args, db_path, data_path, **kwargs):
        return command(*args, db_path=db.warehouse(db_path, data_path), **kwargs)
    return _db_path_option(_data_path_option(with_warehouse))



class LanguageChoice(click.Choice):
    """The codes of the language tables present (the registry), listed when the option is read, so a
    table folder named by $WAREHOUSE_LANGUAGE_PATH counts."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self):
        from extractors.tables import available_languages
        return tuple(available_languages())

    @choices.setter
    def choices(self, _value) -> None:
        pass


lang_option = click.option(
    "--lang", type=LanguageChoice(), default=None,
    help="Language of articles that do not state one (JSONL `lang` wins); default: from a file name "
         "like tr_x.txt, else detected.")
workers_option = click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Extraction processes (default: number of cores); 1 extracts in this process.")
wait_option = click.option(
    "--wait", type=click.FloatRange(min=0), default=0, show_default=True, metavar="SECONDS",
    help="While a load is committing a batch (it holds the file's lock), retry for up to SECONDS.")
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))


def _fail(exc: Exception) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def _run_or_fail(db_path, run):
    """run(), with database errors as one line and exit code 2."""
    import duckdb

    try:
        return run()
    except db.WarehouseError as exc:
        _fail(exc)
    except duckdb.OutOfMemoryException as exc:
        _fail(f"database error in {db_path}: {str(exc).splitlines()[0]}. Batches committed so far are kept; "
              f"rerun the same command with a larger WAREHOUSE_MEMORY_LIMIT (default 128MB), e.g. "
              f"WAREHOUSE_MEMORY_LIMIT=1GB, to finish.")
    except duckdb.Error as exc:  # e.g. disk full mid-run: committed batches stay, the log says failed
        _fail(f"database error in {db_path}: {exc}. Batches committed so far are kept; "
              f"rerun the same command to finish.")


def _check_language_tables() -> None:
    """Every language table follows the schema, or one line naming the file and key (exit 2)."""
    from extractors.table_spec import TableError
    from extractors.tables import languages
    try:
        languages()
    except TableError as exc:
        _fail(f"{exc}. Fix the language table (keys: README, \"Languages\").")


def _reject(r) -> None:
    click.echo(one_line(f"skipped {r.path}: {r.reason}"), err=True)


def _size(n: int) -> str:
    return f"{n / 1e3:.0f} kB" if n < 1e6 else f"{n / 1e6:.1f} MB"


PROGRESS_EVERY = 10.0  # seconds between plain progress lines when stderr is not a terminal


def _progress_lines(total: int):
    """advance(nbytes) for logs (stderr not a terminal): a line after the first committed batch
    unless it was the whole input, then at most one every PROGRESS_EVERY seconds."""
    done, last = 0, None

    def advance(nbytes: int) -> None:
        nonlocal done, last
        done += nbytes
        now = time.monotonic()
        if (last is None and done < total) or (last is not None and now - last >= PROGRESS_EVERY):
            last = now
            pct = f" ({100 * done / total:.0f}%)" if total else ""
            click.echo(f"progress: committed {_size(done)} of {_size(total)} of input{pct}", err=True)
    return advance


def _shard_lines():
    """on_shard(done) for `load --scheduler`: how many shards the cluster has extracted, at most one
    line every PROGRESS_EVERY seconds."""
    last = None

    def shard_done(done: int) -> None:
        nonlocal last
        now = time.monotonic()
        if last is None or now - last >= PROGRESS_EVERY:
            last = now
            click.echo(f"progress: {done} shards extracted on the cluster", err=True)
    return shard_done


def _keep_pandas_out() -> None:
    """The program's extract and load processes never use pandas: see warehouse/without_pandas.py."""
    if AS_PROGRAM:
        from warehouse import without_pandas
        without_pandas.keep_out()


class _Group(click.Group):
    """Ctrl-C and SIGTERM exit with their own codes: click would report them as 1, which means
    "inputs rejected"."""

    def invoke(self, ctx: click.Context):
        try:
            interrupts.install_handlers()  # (again, in case the module was imported elsewhere)
            interrupts.release()
            return super().invoke(ctx)
        except (KeyboardInterrupt, RuntimeError) as exc:
            stop = interrupts.interruption(exc)
            if stop is None:
                raise
            click.echo("\ninterrupted: what was committed is kept; run the same command again to finish.", err=True)
            ctx.exit(EXIT_TERMINATED if isinstance(stop, interrupts.Terminated) else EXIT_INTERRUPTED)


@click.group(cls=_Group, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-quant-warehouse")
def main() -> None:
    """Quantitative-indicator warehouse for news: extract every meaningful number from articles
    (.txt, .jsonl, web pages, WARC crawl files, CSV/TSV/Parquet tables, compressed or not) and load
    it into a DuckDB star schema with the analyst view
    v_quantities."""


@main.command(epilog=EPILOG)
@paths_argument
@db_option
@lang_option
@workers_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-file messages; summary only.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Extract on this Dask cluster's workers (shards of 64 articles) instead of local processes.")
@click.option("--text-column", default="text", show_default=True, help="Table column (CSV, TSV, Parquet) holding the article text.")
@click.option("--id-column", default="id", show_default=True, help="Table column holding the article id.")
@click.option("--url-column", default="url", show_default=True, help="Table column holding the URL.")
@click.option("--title-column", default="title", show_default=True, help="Table column holding the title.")
@click.option("--published-column", default="published", show_default=True,
              help="Table column holding the publication date.")
@click.option("--lang-column", default="lang", show_default=True, help="Table column holding the language code.")
def load(paths, db_path, lang, workers, quiet, scheduler, text_column, id_column, url_column, title_column,
         published_column, lang_column):
    """Load articles from PATHS (files or folders, recursively) into the warehouse.

    \b
    Formats, by file name (README, "Input formats"):
      .txt             one article a file
      .jsonl           one article a line: id, url, title, published, lang, text
      .html, .htm      a news page: its main text, title, date, canonical URL, language
      .warc            a crawl file: each HTTP 200 HTML response is a page
      .csv, .tsv       a table, one article a row (columns as in JSONL; see --text-column)
      .parquet         the same as a Parquet file
      + .gz .bz2 .xz .zst   any of them but .parquet compressed, e.g. news.warc.gz

    Migrates the database first. Articles whose text is already loaded are not added again. Prints a
    summary: articles loaded, already present, quantities, skipped, errors, seconds."""
    if scheduler is None:
        _keep_pandas_out()
    from warehouse import cluster, load as load_stage, read
    from warehouse.formats.table import Columns

    columns = Columns(id=id_column, url=url_column, title=title_column, published=published_column,
                      lang=lang_column, text=text_column)

    _check_language_tables()
    show = not quiet and sys.stderr.isatty()
    total = read.total_bytes(paths) if not quiet else 0
    with progress_bar(total, show) as advance:
        try:
            summary = _run_or_fail(db_path, lambda: load_stage.load(
                paths, db_path, lang=lang, workers=workers, on_reject=None if quiet else _reject, columns=columns,
                progress=advance if show or quiet else _progress_lines(total), scheduler=scheduler,
                on_shard=None if quiet or not scheduler else _shard_lines()))
        except cluster.ClusterError as exc:
            _fail(exc)
    click.echo(summary.text())
    sys.exit(EXIT_REJECTED if summary.errors else EXIT_OK)


@main.command(epilog=EPILOG)
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-extract every article, not only those behind.")
@workers_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; summary only.")
def reextract(db_path, everything, workers, quiet):
    """Re-run extraction on the stored article texts that another extractor version read.

    Batch by batch, each one transaction that replaces whole articles' quantities; an interrupted
    run resumes when run again. Prints a summary: articles re-extracted, quantities before and after,
    seconds."""
    from contextlib import ExitStack

    _keep_pandas_out()
    from warehouse import reextract as reextract_stage

    _check_language_tables()
    show = not quiet and sys.stderr.isatty()
    with ExitStack() as stack:
        advance = [lambda n: None]

        def start(total: int) -> None:
            advance[0] = stack.enter_context(progress_bar(total, show, "re-extracting")) if show or quiet \
                else _progress_lines(total)

        summary = _run_or_fail(db_path, lambda: reextract_stage.reextract(
            db_path, everything=everything, workers=workers, on_start=start, progress=lambda n: advance[0](n)))
    click.echo(summary.text())
    sys.exit(EXIT_REJECTED if summary.errors else EXIT_OK)


@main.command(epilog=EPILOG)
@paths_argument
@format_option("jsonl", "table", "csv", default="jsonl")
@lang_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extraction processes, and threads of the fact linking after them; 1 extracts in this "
                   "process and links on one thread.")
def extract(paths, fmt, lang, workers):
    """Extract quantities from PATHS and print them; no database.

    JSONL prints one quantity a line: the Quantity fields plus `doc` (the file name, or the JSONL
    line's id), the format read by ../shared/eval/score.py."""
    _keep_pandas_out()
    from warehouse import extraction_workers, read
    from warehouse.output import QUANTITY_FIELDS, quantity_record

    from warehouse import link

    _check_language_tables()
    rejected = 0
    extracted = []
    for art, quantities, error in extraction_workers.extract_inputs(paths, lang, workers):
        if error is not None:
            rejected += 1
            _reject(art if isinstance(art, read.Rejected) else read.Rejected(art.source, error))
            continue
        extracted.append((art, quantities))
    # linking needs every article: the output follows it; on as many cores as extraction had
    facts = link.link_quantities(extracted, threads=workers)

    def rows():
        for art, quantities in extracted:
            for i, q in enumerate(quantities):
                rec = quantity_record(art, q)
                rec["fact"] = facts.get((art.article_id, i))
                yield [rec.get(f) for f in QUANTITY_FIELDS]

    render(QUANTITY_FIELDS, rows(), fmt)
    sys.exit(EXIT_REJECTED if rejected else EXIT_OK)


@main.command(epilog=EPILOG)
@db_option
def migrate(db_path):
    """Create or upgrade the warehouse schema (alembic upgrade head)."""
    try:
        with db.writer_lock(db_path):
            rev = db.migrate(db_path)
    except db.WarehouseError as exc:
        _fail(exc)
    click.echo(f"{db_path}: schema at revision {rev}")


@main.command(epilog=EPILOG)
@db_option
def relink(db_path):
    """Recompute every fact: forget all links and link every stored mention again.

    `warehouse load` links each batch's new mentions to the stored facts as it goes; relink starts
    from scratch (after a change of the linking rules in sql/link/, or of the mentions)."""
    from warehouse import link

    if not db.exists(db_path):
        _fail(f"no warehouse at {db_path}: load articles first (warehouse load PATH --db {db_path})")
    try:
        with db.writer_lock(db_path):
            db.ensure_migrated(db_path)
            con = db.connect(db_path)  # one transaction: Ctrl-C rolls all of it back
            try:
                with db.write_turn(con):  # loaders on the same lake wait while every fact is recomputed
                    n = link.relink(con)
                facts = con.execute("SELECT count(DISTINCT fact_id) FROM link_mention").fetchone()[0]
            finally:
                con.close()
    except db.WarehouseError as exc:
        _fail(exc)
    click.echo(f"{db_path}: {n} mentions linked into {facts} facts")


@main.command(epilog=EPILOG)
@click.argument("sql")
@db_option
@format_option("table", "csv", "json", "jsonl")
@wait_option
@click.option("--allow-files", is_flag=True,
              help="Let the SQL read and write files (read_csv, COPY ... TO, ATTACH) with your permissions, "
                   "the warehouse file included; without it, only the warehouse's tables are visible.")
def query(sql, db_path, fmt, wait, allow_files):
    """Run SQL (a statement, or the path of a .sql file) against the warehouse, opened read-only and
    sandboxed: no files, no ATTACH, no settings."""
    from warehouse import query as query_stage

    try:
        columns, rows = query_stage.run_query(db_path, sql, wait=wait, allow_files=allow_files)
    except db.WarehouseError as exc:
        _fail(exc)
    render(columns, rows, fmt)


@main.command(epilog=EPILOG)
@db_option
@format_option("table", "csv", "json", "jsonl")
@wait_option
def stats(db_path, fmt, wait):
    """Counts of articles, quantities, units, loads and rejected inputs, by language and dimension."""
    from warehouse import query as query_stage

    try:
        columns, rows = query_stage.stats(db_path, wait=wait)
    except db.WarehouseError as exc:
        _fail(exc)
    render(columns, rows, fmt)


@main.command(epilog=EPILOG)
@db_option
@click.option("--out", type=click.Path(dir_okay=False), default="report.html", show_default=True,
              help="The HTML file to write.")
@click.option("--indicator", default=None, help="Only this indicator (an id of dim_indicator, e.g. trade_turnover).")
@click.option("--entity", default=None, help="Only facts about this entity (an id of dim_entity, e.g. KAZ).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only articles published and facts whose period ends on or after this day (YYYY-MM-DD).")
def report(db_path, out, indicator, entity, since):
    """Write one self-contained HTML page of the warehouse: coverage, one chart per indicator series,
    where outlets disagree, the facts reported in the most languages. It opens offline (no script)."""
    from warehouse.report import build_report

    try:
        written = build_report(db_path, out, indicator, entity, since.date() if since else None)
    except db.WarehouseError as exc:
        _fail(exc)
    click.echo(written.text())


@main.command(epilog=EPILOG)
@click.argument("view")
@db_option
@click.option("--format", "fmt", type=click.Choice(("parquet", "csv")), default="parquet", show_default=True,
              help="parquet: a folder of files partitioned by language and year; csv: one file.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder to write into (created when missing).")
def export(view, db_path, fmt, out_dir):
    """Write the analyst view VIEW (v_quantities, v_indicator_series, v_facts, ...) as files."""
    from warehouse import export as export_stage

    try:
        written = export_stage.export(db_path, view, fmt, out_dir)
    except db.WarehouseError as exc:
        _fail(exc)
    click.echo(written.text())


if __name__ == "__main__":
    main()
