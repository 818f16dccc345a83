"""The one module that opens DuckDB: raw connections for loading and querying, SQLAlchemy engines
for alembic, and migrations. Every DuckDB error about opening a file becomes a `WarehouseError`
with a message that names the file and says what to do (the CLI prints it and exits 2).

A warehouse is one of two backends, chosen by `--db`: a DuckDB file (a path), or a DuckLake (a
`Lake`: DuckDB's attach string `ducklake:postgres:...`, the catalog in PostgreSQL and the data as
Parquet files under a data path). Both are attached as `warehouse` and USEd, so the stages' SQL is
the same for both; what differs is here: opening, and taking turns to write (`write_turn`)."""
from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse import resources

DEFAULT_DB = "warehouse.duckdb"
ENV_DB = "WAREHOUSE_DB"


class WarehouseError(Exception):
    """A database problem the user can act on (locked file, missing warehouse, bad SQL)."""


def default_db() -> str:
    return os.environ.get(ENV_DB) or DEFAULT_DB


# ---------------------------------------------------------------- the lake backend

LAKE_PREFIX = "ducklake:"
ENV_DATA_PATH = "WAREHOUSE_DATA_PATH"
LAKE_EXTENSIONS = {"postgres_scanner": "duckdb_extension_postgres", "ducklake": "duckdb_extension_ducklake"}
CLUSTER_EXTRA = "pip install 'news-quant-warehouse[cluster]'"


@dataclass(frozen=True)
class Lake:
    """A DuckLake warehouse: `attach` is DuckDB's attach string (`ducklake:postgres:dbname=... host=...`),
    `data_path` the folder or object-store URL of its Parquet files (needed to create the lake; an
    existing lake's catalog knows it)."""
    attach: str
    data_path: str | None = None

    def __str__(self) -> str:
        return self.attach


def warehouse(db: "str | os.PathLike | Lake", data_path: str | None = None) -> "str | Lake":
    """The warehouse `--db` names: a Lake for a `ducklake:` attach string (data path from
    `data_path` or $WAREHOUSE_DATA_PATH), else the DuckDB file's path."""
    if isinstance(db, Lake):
        return db
    if str(db).startswith(LAKE_PREFIX):
        return Lake(str(db), data_path or os.environ.get(ENV_DATA_PATH) or None)
    return str(db)


def exists(path) -> bool:
    """Whether there is a warehouse to open (a lake: assumed; opening it says otherwise)."""
    return isinstance(path, Lake) or path == ":memory:" or Path(str(path)).exists()


def _quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _load_lake_extensions(con) -> None:
    """LOAD postgres_scanner and ducklake, first installed from their packages' files (the
    duckdb-extension-* wheels of the [cluster] extra) when DuckDB lacks them: `INSTALL` by name
    needs the network."""
    import importlib

    installed = {name for (name,) in con.execute(
        "SELECT extension_name FROM duckdb_extensions() WHERE installed").fetchall()}
    for name, package in LAKE_EXTENSIONS.items():
        if name not in installed:
            try:
                module = importlib.import_module(package)
            except ImportError:
                raise WarehouseError(f"a lake needs the DuckDB extension {name}: {CLUSTER_EXTRA}") from None
            con.install_extension(next(Path(module.__file__).parent.glob("extensions/*/*.duckdb_extension")).as_posix())
        con.execute(f"LOAD {name}")


def _attach_lake(con, lake: Lake, read_only: bool) -> None:
    _load_lake_extensions(con)
    options = [f"DATA_PATH {_quote(lake.data_path)}"] if lake.data_path else []
    if read_only:
        options.append("READ_ONLY")
    con.execute(f"ATTACH {_quote(lake.attach)} AS warehouse" + (f" ({', '.join(options)})" if options else ""))
    con.execute("USE warehouse")


def _explain_lake(lake: Lake, exc: Exception) -> WarehouseError:
    return WarehouseError(f"cannot open the lake {lake}: {exc}. Check that its catalog database is reachable "
                          f"with these settings, and give --data-path DIR when the lake is new.")


def _attach_lake_or_explain(con, lake: Lake, read_only: bool) -> None:
    try:
        _attach_lake(con, lake, read_only)
    except duckdb.Error as exc:
        raise _explain_lake(lake, exc) from None


def _connect_lake(lake: Lake, read_only: bool, sandboxed: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with the lake attached; `sandboxed`: then READER_SANDBOX, files allowed only
    under the lake's data path (DuckLake reads its Parquet files through DuckDB's file system)."""
    con = duckdb.connect(":memory:", config={"memory_limit": WRITER_MEMORY_LIMIT, "threads": WRITER_THREADS})
    try:
        _attach_lake_or_explain(con, lake, read_only)
        if sandboxed:
            data_path = con.execute("SELECT value FROM ducklake_options('warehouse') "
                                    "WHERE option_name = 'data_path'").fetchone()[0]
            con.execute("SET allowed_directories = $dirs", {"dirs": [data_path]})
            for setting, value in READER_SANDBOX.items():  # lock_configuration last: the dict's order
                con.execute(f"SET {setting} = {value}")
    except BaseException:
        con.close()
        raise
    return con


def _lake_path(con) -> str | None:
    """The catalog part of the attach string of the lake `con` uses; None on a DuckDB file."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database() "
                      "AND type = 'ducklake'").fetchone()
    return row[0] if row else None


def on_lake(con) -> bool:
    return _lake_path(con) is not None


def _lake_catalog(con) -> str | None:
    """libpq settings of the PostgreSQL catalog of the lake `con` writes to; None for a file (or a
    lake on another catalog: those have one writer at a time anyway)."""
    path = _lake_path(con) or ""
    return path.removeprefix("postgres:") if path.startswith("postgres:") else None


WRITE_LOCK_KEY = 0x7761726568  # the PostgreSQL advisory lock that lake writers take turns with
_catalog_sessions: dict[str, object] = {}


@contextmanager
def write_turn(con):
    """This process's turn to write to the warehouse `con` holds, for one batch's transactions.

    Many loaders share a lake: DuckLake appends of two transactions never conflict, so two loaders
    would both add an article neither saw stored. Writers therefore take turns through a PostgreSQL
    advisory lock on the lake's catalog, held while one batch is written and linked (milliseconds
    to a second); extraction, the costly part, runs meanwhile. A DuckDB file has one writer."""
    catalog = _lake_catalog(con)
    if catalog is None:
        yield
        return
    import psycopg

    session = _catalog_sessions.get(catalog)
    if session is None or session.closed:
        session = _catalog_sessions[catalog] = psycopg.connect(catalog, autocommit=True)
    session.execute("SELECT pg_advisory_lock(%s)", [WRITE_LOCK_KEY])
    try:
        yield
    finally:
        session.execute("SELECT pg_advisory_unlock(%s)", [WRITE_LOCK_KEY])


CONFLICT_RETRIES = 8


def retrying_conflicts(write, *args):
    """write(*args), run again when its commit conflicts with another writer's (a lake's writers
    outside `write_turn`, e.g. maintenance): `write` must be one transaction that reads what it
    needs inside it. After CONFLICT_RETRIES the conflict is raised."""
    import time

    for attempt in range(CONFLICT_RETRIES + 1):
        try:
            return write(*args)
        except duckdb.TransactionException as exc:
            if "conflict" not in str(exc).lower() or attempt == CONFLICT_RETRIES:
                raise
            time.sleep(0.05 * 2 ** attempt)


# ---------------------------------------------------------------- files and engines


def url_for(path) -> str:
    return "duckdb:///:memory:" if isinstance(path, Lake) else f"duckdb:///{path}"


LOCK_POLL_SECONDS = 0.02   # how often a waiting command tries the file again


def _is_lock_conflict(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


def _explain(path: str, exc: Exception, reader: bool = False) -> WarehouseError:
    msg = str(exc)
    if _is_lock_conflict(exc):
        m = re.search(r"Conflicting lock is held in (.*?)(?: \(PID (\d+)\))", msg)
        holder = f"{m.group(1)} (PID {m.group(2)})" if m else "another process"
        if reader:
            return WarehouseError(
                f"database {path} is being written by {holder}: a load is committing a batch, or another "
                f"program holds the file for writing. Retry, or wait for the lock with --wait 60 (seconds).")
        return _locked(path, holder)
    if "different configuration" in msg:
        return WarehouseError(f"database {path} is already open in this process with other settings: {msg}")
    return WarehouseError(f"cannot open database {path}: {msg}")


def _locked(path, holder: str) -> WarehouseError:
    return WarehouseError(
        f"database {path} is locked by {holder}. DuckDB allows one writer at a time: wait for that "
        f"process to finish (or close the BI tool holding the file), or use another --db file.")


def _retrying(path: str, open_file, wait: float, reader: bool):
    """open_file(), tried again every LOCK_POLL_SECONDS for up to `wait` seconds while another
    process holds the file's lock; DuckDB's errors about the file as WarehouseError."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return open_file()
        except (duckdb.IOException, duckdb.ConnectionException, duckdb.InvalidInputException) as exc:
            if not _is_lock_conflict(exc) or time.monotonic() >= deadline:
                raise _explain(path, exc, reader) from None
        time.sleep(LOCK_POLL_SECONDS)


# Read-only connections are a sandbox: the SQL they run (analysts' queries, .sql files someone
# handed them) sees the warehouse's tables and nothing else: no file read or written (COPY, read_*,
# ATTACH, EXPORT), no extension installed or loaded, and no setting changed back
# (lock_configuration comes last: it freezes the others). `allow_files` lifts the file ban only.
READER_SANDBOX = {"enable_external_access": False, "autoinstall_known_extensions": False,
                  "autoload_known_extensions": False, "lock_configuration": True}


# Writable connections (the loader's) attach the file with these settings:
# - ROW_GROUP_SIZE: DuckDB rewrites a table's last, partly filled row group at every checkpoint, and
#   writes a transaction's full row groups straight to the file (compressed, no WAL). With the default
#   122,880 rows, dim_article's open row group grows to hundreds of MB of article text, recompressed
#   every 16 MB of WAL (load time quadratic, memory growing with the warehouse); with 8,192 rows the
#   rewrite is bounded, and a transaction of 8,192 facts or articles skips the WAL.
# - memory_limit / threads: the writer shares the machine with the extraction workers; its buffer
#   pool is bounded so that memory stays flat however big the warehouse grows (default: 80% of RAM).
WRITER_ROW_GROUP_SIZE = 8192
WRITER_MEMORY_LIMIT = os.environ.get("WAREHOUSE_MEMORY_LIMIT", "128MB")
WRITER_THREADS = int(os.environ.get("WAREHOUSE_THREADS", "1"))


def connect(path, read_only: bool = False, *, wait: float = 0.0,
            allow_files: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path` (a file, or a Lake). Read-only connections need an existing
    warehouse and run in READER_SANDBOX (`allow_files`: files may be read and written); writable ones
    attach the file with the writer settings above (and USE it: unqualified names are its tables).
    While another process holds the file's lock, the open is retried for up to `wait` seconds."""
    if isinstance(path, Lake):
        return _connect_lake(path, read_only, sandboxed=read_only and not allow_files)
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise WarehouseError(f"no warehouse at {path}: run `warehouse load PATH --db {path}` "
                             f"or `warehouse migrate --db {path}` first")
    if read_only:
        config = dict(READER_SANDBOX, enable_external_access=allow_files)
        return _retrying(path, lambda: duckdb.connect(path, read_only=True, config=config), wait, reader=True)
    if path == ":memory:":
        return duckdb.connect(path)

    def open_writable():
        con = _writer_instance(path)
        try:
            _attach(con, path)
        except BaseException:
            con.close()
            raise
        return con
    return _retrying(path, open_writable, wait, reader=False)


def _writer_instance(path: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the writer settings, to ATTACH the warehouse file to."""
    return duckdb.connect(":memory:", config={"memory_limit": WRITER_MEMORY_LIMIT, "threads": WRITER_THREADS,
                                              "temp_directory": path + ".tmp"})


def _attach(con: duckdb.DuckDBPyConnection, path: str) -> None:
    quoted = path.replace("'", "''")
    con.execute(f"ATTACH IF NOT EXISTS '{quoted}' AS warehouse (ROW_GROUP_SIZE {WRITER_ROW_GROUP_SIZE})")
    con.execute("USE warehouse")


# A load waits this long for readers that hold the file between two of its commits.
WRITER_WAIT_SECONDS = 600.0
_writer_locks: dict[str, int] = {}   # lock file -> its open descriptor, while this process holds it


@contextmanager
def writer_lock(path: str | os.PathLike):
    """The right to write `path` for a whole command (a load, reextract, relink, migrate), held as
    an flock on FILE.lock while DuckDB's own lock is taken and released batch by batch
    (Writer.window). Re-entrant within the process; refused at once with the holder's PID."""
    lock_path = f"{path}.lock"
    if lock_path in _writer_locks or path == ":memory:" or isinstance(path, Lake):  # a lake's writers take turns
        yield
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: DuckDB's lock alone
        yield
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WarehouseError(f"cannot open database {path}: {exc.strerror}: {lock_path}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise _locked(path, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"warehouse (PID {os.getpid()})".encode(), 0)
        _writer_locks[lock_path] = fd
        try:
            yield
        finally:
            del _writer_locks[lock_path]
            os.ftruncate(fd, 0)
            if not Path(str(path)).exists():  # nothing was created (a failed migrate): leave no file
                os.unlink(lock_path)
    finally:
        os.close(fd)


class Writer:
    """The write access of one run (a load, a reextract): `window()` attaches the warehouse file for
    one short piece of work (a batch's transaction and its post-write stages) and detaches it
    afterwards, releasing DuckDB's lock so that readers get the file between windows. The DuckDB
    instance lives for the whole run: creating one costs 50-80 ms, attaching the file 10-20 ms."""

    WINDOW_GAP_SECONDS = 0.05   # windows back to back are this far apart: readers poll every LOCK_POLL_SECONDS

    def __init__(self, path):
        self.path = path if isinstance(path, Lake) else str(path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._closed_at = 0.0

    @contextmanager
    def window(self, wait: float = WRITER_WAIT_SECONDS):
        """The connection, the file attached (and USEd), for the block. Ctrl-C and SIGTERM wait for
        the block to end (warehouse.interrupts.deferred)."""
        from warehouse import interrupts

        if isinstance(self.path, Lake):  # a lake stays attached; the window is the run's write turn
            if self._con is None:
                self._con = _connect_lake(self.path, read_only=False)
            with write_turn(self._con), interrupts.deferred():
                yield self._con
            return
        time.sleep(max(0.0, self._closed_at + self.WINDOW_GAP_SECONDS - time.monotonic()))
        if self._con is None:
            self._con = _writer_instance(self.path)
        _retrying(self.path, lambda: _attach(self._con, self.path), wait, reader=False)  # Ctrl-C stops the wait
        try:
            with interrupts.deferred():
                yield self._con
        except BaseException:
            self._detach(failing=True)
            raise
        self._detach()

    def _detach(self, failing: bool = False) -> None:
        """Detach the file. After the block failed, a transaction left open makes detaching fail
        too ("Current transaction is aborted"): the instance is closed instead (which releases the
        file) and the block's own error is the one that propagates."""
        try:
            self._con.execute("USE memory")
            self._con.execute("DETACH warehouse")
        except BaseException:
            self.close()
            if not failing:
                raise
        finally:
            self._closed_at = time.monotonic()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


@contextmanager
def engine(path):
    """A SQLAlchemy engine on the duckdb-sqlalchemy dialect, disposed (file closed) on exit; on a
    Lake, each of its connections attaches the lake as a raw connection does."""
    import sqlalchemy as sa

    eng = sa.create_engine(url_for(path), poolclass=sa.pool.NullPool)
    if isinstance(path, Lake):
        sa.event.listen(eng, "connect", lambda dbapi_con, _record: _attach_lake_or_explain(dbapi_con, path, False))
    try:
        yield eng
    except (duckdb.IOException, duckdb.ConnectionException) as exc:
        raise _explain(str(path), exc) from None
    except sa.exc.DBAPIError as exc:
        if isinstance(exc.orig, (duckdb.IOException, duckdb.ConnectionException)):
            raise _explain(str(path), exc.orig) from None
        raise
    finally:
        eng.dispose()


def alembic_config(path):
    """A programmatic alembic Config for the warehouse at `path` (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url_for(path))
    return cfg


def migrate(path, revision: str = "head") -> str | None:
    """Upgrade the warehouse at `path` to `revision`; returns the revision it is at afterwards. A
    warehouse migrated by a newer version of this program is refused (WarehouseError), and a
    migration that fails removes the files it created. Loaders starting together on a new lake
    take turns: the first creates the schema."""
    from alembic import command
    from alembic.migration import MigrationContext

    cfg = alembic_config(path)
    created = [] if isinstance(path, Lake) else [f for f in (Path(str(path)), Path(f"{path}.wal")) if not f.exists()]
    try:
        with engine(path) as eng, eng.connect() as conn, write_turn(conn.connection.driver_connection), conn.begin():
            _refuse_unknown_revision(path, MigrationContext.configure(conn).get_current_revision())
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except BaseException:
        for f in created:
            f.unlink(missing_ok=True)
        raise
    return current_revision(path)


def _refuse_unknown_revision(path, revision: str | None) -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(":memory:"))
    if revision is not None and revision not in {s.revision for s in script.walk_revisions()}:
        raise WarehouseError(f"database {path} has schema revision {revision}, newer than this program knows "
                             f"(up to {script.get_current_head()}): it was migrated by a newer version of "
                             f"news-quant-warehouse; upgrade this one (pip install -U news-quant-warehouse).")


def downgrade(path, revision: str = "base") -> None:
    from alembic import command

    cfg = alembic_config(path)
    with engine(path) as eng, eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def check(path) -> None:
    """`alembic check`: raises alembic.util.exc.AutogenerateDiffsDetected on drift."""
    from alembic import command

    cfg = alembic_config(path)
    with engine(path) as eng, eng.connect() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)


def current_revision(path) -> str | None:
    from alembic.migration import MigrationContext

    with engine(path) as eng, eng.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(":memory:")).get_current_head()


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the open warehouse is at the newest migration (cheap: no alembic engine)."""
    try:
        rows = con.execute("select version_num from alembic_version").fetchall()
    except duckdb.CatalogException:
        return False
    return [r[0] for r in rows] == [head_revision()]


def ensure_migrated(path) -> None:
    """Upgrade to head unless the warehouse already is there (skips alembic's start-up cost)."""
    if exists(path):
        con = connect(path, read_only=False)
        try:
            if is_current(con):
                return
        finally:
            con.close()
    migrate(path)
