"""v_quantities: the commented analyst view

The DDL lives in sql/views/v_quantities.sql (view plus COMMENT ON the view and every column).
Downgrade drops the view, and its comments with it; upgrading again re-creates both.
To change the view later, add a migration with a new DDL file rather than editing this one's.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from pathlib import Path

import duckdb
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DDL = Path(__file__).resolve().parents[2] / "sql" / "views" / "v_quantities.sql"


def run_sql_file(path: Path) -> None:
    """Execute each statement of a SQL file; raw driver SQL so ':' in comments is no bind."""
    for stmt in duckdb.extract_statements(path.read_text(encoding="utf-8")):
        if op.get_context().as_sql:
            op.execute(stmt.query.replace(":", r"\:"))
        else:
            op.get_bind().exec_driver_sql(stmt.query)


def upgrade() -> None:
    run_sql_file(DDL)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_quantities")
