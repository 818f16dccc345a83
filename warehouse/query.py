"""Read-only access for analysts: run SQL, and the warehouse's vital statistics."""
from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse import db


def sql_text(sql_or_file: str) -> str:
    """SQL given inline, or the contents of an existing .sql file."""
    if sql_or_file.strip().lower().endswith(".sql") and Path(sql_or_file.strip()).is_file():
        return Path(sql_or_file.strip()).read_text(encoding="utf-8")
    return sql_or_file


SANDBOX_HINT = ("`warehouse query` reads only the warehouse's tables: no files, no ATTACH, no settings "
                "(--allow-files lets the SQL read and write files)")


def run_query(db_path, sql: str, parameters: dict | None = None, *, wait: float = 0.0,
              allow_files: bool = False) -> tuple[list[str], list[tuple]]:
    """Columns and rows of `sql` on the warehouse opened read-only, in db.READER_SANDBOX."""
    con = db.connect(db_path, read_only=True, wait=wait, allow_files=allow_files)
    try:
        cur = con.execute(sql_text(sql), parameters)
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    except (duckdb.PermissionException, duckdb.InvalidInputException) as exc:
        if isinstance(exc, duckdb.PermissionException) or "configuration has been locked" in str(exc):
            reason = str(exc).splitlines()[0]  # without the SQL excerpt: one line
            raise db.WarehouseError(f"query refused: {reason}. {SANDBOX_HINT}.") from None
        raise db.WarehouseError(f"query failed: {exc}") from None
    except duckdb.Error as exc:
        raise db.WarehouseError(f"query failed: {exc}") from None
    finally:
        con.close()


STATS_SQL = """
SELECT 'articles' AS metric, count(*)::BIGINT AS value FROM dim_article
UNION ALL SELECT 'quantities', count(*) FROM fact_quantity
UNION ALL SELECT 'units', count(*) FROM dim_unit
UNION ALL SELECT 'loads', count(*) FROM load_log
UNION ALL SELECT 'loads not finished', count(*) FROM load_log WHERE status <> 'finished'
UNION ALL SELECT 'rejected inputs', count(*) FROM load_errors
UNION ALL SELECT 'articles behind the installed extractor', count(*) FROM ({behind})
UNION ALL SELECT * FROM (SELECT 'articles in ' || lang, count(*) FROM dim_article GROUP BY lang ORDER BY 1)
UNION ALL SELECT * FROM (SELECT 'quantities of ' || coalesce(dimension, '?'), count(*)
                         FROM fact_quantity LEFT JOIN dim_quantity_kind USING (kind_key) GROUP BY dimension ORDER BY 1)
"""


def stats(db_path, *, wait: float = 0.0) -> tuple[list[str], list[tuple]]:
    """The STATS_SQL rows; `articles behind` counts those the installed extractor did not read
    (`warehouse reextract` re-reads them)."""
    import extractors

    from warehouse.reextract import BEHIND_SQL

    try:
        return run_query(db_path, STATS_SQL.format(behind=BEHIND_SQL), {"version": extractors.EXTRACTOR_VERSION}, wait=wait)
    except db.WarehouseError as exc:
        if db.current_revision(db_path) != db.head_revision():
            raise db.WarehouseError(f"{exc}\nThe warehouse's schema is older than this program: run "
                                    f"`warehouse migrate --db {db_path}` first.") from None
        raise
