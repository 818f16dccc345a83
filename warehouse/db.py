"""The one module that opens DuckDB: raw connections for loading and querying, SQLAlchemy engines
for alembic, and migrations. Every DuckDB error about opening a file becomes a `WarehouseError`
with a message that names the file and says what to do (the CLI prints it and exits 2)."""
from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse import resources

DEFAULT_DB = "warehouse.duckdb"
ENV_DB = "WAREHOUSE_DB"


class WarehouseError(Exception):
    """A database problem the user can act on (locked file, missing warehouse, bad SQL)."""


def default_db() -> str:
    return os.environ.get(ENV_DB) or DEFAULT_DB


def url_for(path: str | os.PathLike) -> str:
    return f"duckdb:///{path}"


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


def connect(path: str | os.PathLike, read_only: bool = False, *, wait: float = 0.0,
            allow_files: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path`. Read-only connections need an existing warehouse and run in
    READER_SANDBOX (`allow_files`: files may be read and written); writable ones attach the file
    with the writer settings above (and USE it: unqualified names are its tables). While another
    process holds the file's lock, the open is retried for up to `wait` seconds."""
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
    if lock_path in _writer_locks or path == ":memory:":
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

    def __init__(self, path: str | os.PathLike):
        self.path = str(path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._closed_at = 0.0

    @contextmanager
    def window(self, wait: float = WRITER_WAIT_SECONDS):
        """The connection, the file attached (and USEd), for the block. Ctrl-C and SIGTERM wait for
        the block to end (warehouse.interrupts.deferred)."""
        from warehouse import interrupts

        time.sleep(max(0.0, self._closed_at + self.WINDOW_GAP_SECONDS - time.monotonic()))
        if self._con is None:
            self._con = _writer_instance(self.path)
        _retrying(self.path, lambda: _attach(self._con, self.path), wait, reader=False)  # Ctrl-C stops the wait
        try:
            with interrupts.deferred():
                yield self._con
        finally:
            self._detach()

    def _detach(self) -> None:
        try:
            self._con.execute("USE memory")
            self._con.execute("DETACH warehouse")
        except BaseException:  # e.g. a failed transaction still open: closing releases the file
            self.close()
            raise
        finally:
            self._closed_at = time.monotonic()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


@contextmanager
def engine(path: str | os.PathLike):
    """A SQLAlchemy engine on the duckdb-sqlalchemy dialect, disposed (file closed) on exit."""
    import sqlalchemy as sa

    eng = sa.create_engine(url_for(path), poolclass=sa.pool.NullPool)
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


def alembic_config(path: str | os.PathLike):
    """A programmatic alembic Config for the warehouse at `path` (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url_for(path))
    return cfg


def migrate(path: str | os.PathLike, revision: str = "head") -> str | None:
    """Upgrade the warehouse at `path` to `revision`; returns the revision it is at afterwards. A
    warehouse migrated by a newer version of this program is refused (WarehouseError), and a
    migration that fails removes the files it created."""
    from alembic import command
    from alembic.migration import MigrationContext

    cfg = alembic_config(path)
    created = [f for f in (Path(str(path)), Path(f"{path}.wal")) if not f.exists()]
    try:
        with engine(path) as eng, eng.begin() as conn:
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


def downgrade(path: str | os.PathLike, revision: str = "base") -> None:
    from alembic import command

    cfg = alembic_config(path)
    with engine(path) as eng, eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def check(path: str | os.PathLike) -> None:
    """`alembic check`: raises alembic.util.exc.AutogenerateDiffsDetected on drift."""
    from alembic import command

    cfg = alembic_config(path)
    with engine(path) as eng, eng.connect() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)


def current_revision(path: str | os.PathLike) -> str | None:
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


def ensure_migrated(path: str | os.PathLike) -> None:
    """Upgrade to head unless the file already is there (skips alembic's start-up cost)."""
    if Path(str(path)).exists():
        con = connect(path, read_only=False)
        try:
            if is_current(con):
                return
        finally:
            con.close()
    migrate(path)
