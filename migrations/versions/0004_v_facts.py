"""v_facts and v_fact_conflicts: the commented views of facts across articles

The DDL lives in sql/views/v_facts.sql (views plus COMMENT ON the views and every column).
Downgrade drops the views, and their comments with them; upgrading again re-creates both.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

from pathlib import Path

import duckdb
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DDL = Path(__file__).resolve().parents[2] / "sql" / "views" / "v_facts.sql"


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
    op.execute("DROP VIEW IF EXISTS v_fact_conflicts")
    op.execute("DROP VIEW IF EXISTS v_facts")
