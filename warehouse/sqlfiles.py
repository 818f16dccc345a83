"""SQL files the migrations execute (the analyst views in sql/views/), shared by every migration
that creates or re-creates a view, so each runs them the same way."""
from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.resources import views_dir

VIEWS_DIR = views_dir()


def run_sql_file(op, path: Path) -> None:
    """Execute each statement of a SQL file through alembic's `op`; raw driver SQL so a ':' in a
    comment is no bind parameter (escaped instead when alembic writes SQL offline)."""
    for stmt in duckdb.extract_statements(path.read_text(encoding="utf-8")):
        if op.get_context().as_sql:
            op.execute(stmt.query.replace(":", r"\:"))
        else:
            op.get_bind().exec_driver_sql(stmt.query)
