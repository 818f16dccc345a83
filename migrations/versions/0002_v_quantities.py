"""v_quantities: the commented analyst view

The DDL lives in sql/views/v_quantities_0002.sql (view plus COMMENT ON the view and every column).
Downgrade drops the view, and its comments with it; upgrading again re-creates both.
To change the view later, add a migration with a new DDL file rather than editing this one's.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

from warehouse.sqlfiles import VIEWS_DIR, run_sql_file

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DDL = VIEWS_DIR / "v_quantities_0002.sql"


def upgrade() -> None:
    run_sql_file(op, DDL)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_quantities")
