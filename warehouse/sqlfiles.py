"""SQL files the migrations execute (the analyst views in sql/views/), shared by every migration
that creates or re-creates a view, so each runs them the same way."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from warehouse import db
from warehouse.resources import views_dir

VIEWS_DIR = views_dir()


def run_sql_file(op, path: Path) -> None:
    """Execute each statement of a SQL file through alembic's `op` (see run_sql)."""
    run_sql(op, path.read_text(encoding="utf-8"))


def run_sql(op, sql: str) -> None:
    """Execute each statement of `sql` through alembic's `op`; raw driver SQL so a ':' in a
    comment is no bind parameter (escaped instead when alembic writes SQL offline). A DuckLake
    keeps comments on tables, views and table columns but not on view columns: those are skipped
    there (the view SQL files hold them)."""
    con = None if op.get_context().as_sql else op.get_bind().connection.driver_connection
    on_lake = con is not None and db.on_lake(con)
    for stmt in duckdb.extract_statements(sql):
        if op.get_context().as_sql:
            op.execute(stmt.query.replace(":", r"\:"))
        elif not (on_lake and _comments_view_column(con, stmt.query)):
            op.get_bind().exec_driver_sql(stmt.query)


_COLUMN_COMMENT = re.compile(r"\s*COMMENT\s+ON\s+COLUMN\s+(\w+)\.", re.IGNORECASE)


def _comments_view_column(con, query: str) -> bool:
    match = _COLUMN_COMMENT.match(query)
    return bool(match) and con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?",
                                       [match.group(1)]).fetchone()[0] > 0
