"""v_facts and v_fact_conflicts: the commented views of facts across articles

The DDL lives in sql/views/v_facts_0004.sql (views plus COMMENT ON the views and every column).
Downgrade drops the views, and their comments with them; upgrading again re-creates both.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

from alembic import op

from warehouse.sqlfiles import VIEWS_DIR, run_sql_file

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DDL = VIEWS_DIR / "v_facts_0004.sql"


def upgrade() -> None:
    run_sql_file(op, DDL)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_fact_conflicts")
    op.execute("DROP VIEW IF EXISTS v_facts")
