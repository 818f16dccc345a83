"""dim_article.published_precision: a publication date known only to the month or the year

Sources give ` date 2025-03` or `"published": "2025"`; `published` then holds the first day of that
month or year and this column says so (day, month or year), so nobody reads 2025-01-01 as a day.
Articles loaded before keep NULL here (their dates were all full days, or unknown).

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# as in warehouse/schema.py at this revision (a migration keeps its own copy: the schema moves on)
COMMENT = ("How much of the publication date the source states: day, month or year (published is "
           "then the first day of that month or year); NULL when the date is unknown.")


def upgrade() -> None:
    op.add_column("dim_article", sa.Column("published_precision", sa.String(), comment=COMMENT))
    op.execute("UPDATE dim_article SET published_precision = 'day' WHERE published IS NOT NULL")


def downgrade() -> None:
    op.drop_column("dim_article", "published_precision")
