"""The one module that opens DuckDB: raw connections for loading and querying, SQLAlchemy engines
for alembic, and migrations. Every DuckDB error about opening a file becomes a `WarehouseError`
with a message that names the file and says what to do (the CLI prints it and exits 2)."""
from __future__ import annotations

import os
import re
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


def _explain(path: str, exc: Exception) -> WarehouseError:
    msg = str(exc)
    if "lock" in msg.lower():
        m = re.search(r"Conflicting lock is held in (.*?)(?: \(PID (\d+)\))", msg)
        holder = f"{m.group(1)} (PID {m.group(2)})" if m else "another process"
        return WarehouseError(
            f"database {path} is locked by {holder}. DuckDB allows one writer at a time: wait for that "
            f"process to finish (or close the BI tool holding the file), or use another --db file.")
    if "different configuration" in msg:
        return WarehouseError(f"database {path} is already open in this process with other settings: {msg}")
    return WarehouseError(f"cannot open database {path}: {msg}")


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


def connect(path: str | os.PathLike, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path`. Read-only connections need an existing warehouse; writable ones
    attach the file with the writer settings above (and USE it: unqualified names are its tables)."""
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise WarehouseError(f"no warehouse at {path}: run `warehouse load PATH --db {path}` "
                             f"or `warehouse migrate --db {path}` first")
    try:
        if read_only or path == ":memory:":
            return duckdb.connect(path, read_only=read_only)
        con = duckdb.connect(":memory:", config={"memory_limit": WRITER_MEMORY_LIMIT, "threads": WRITER_THREADS,
                                                 "temp_directory": path + ".tmp"})
        try:
            quoted = path.replace("'", "''")
            con.execute(f"ATTACH '{quoted}' AS warehouse (ROW_GROUP_SIZE {WRITER_ROW_GROUP_SIZE})")
            con.execute("USE warehouse")
        except BaseException:
            con.close()
            raise
        return con
    except (duckdb.IOException, duckdb.ConnectionException, duckdb.InvalidInputException) as exc:
        raise _explain(path, exc) from None


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
    """Upgrade the warehouse at `path` to `revision`; returns the revision it is at afterwards."""
    from alembic import command

    cfg = alembic_config(path)
    with engine(path) as eng, eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return current_revision(path)


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
