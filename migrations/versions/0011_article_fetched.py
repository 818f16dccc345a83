"""dim_article.fetched: when a crawler fetched the page

Pages read from WARC files carry the crawl time (WARC-Date). It is not the publication date, so it
gets a column of its own instead of filling `published`. Articles from other inputs keep NULL.

Revision ID: 0011
Revises: 0010
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# as in warehouse/schema.py at this revision
COMMENT = ("When a crawler fetched the page (WARC-Date of its crawl record), in UTC; NULL for inputs that are not "
           "crawl records. The crawl time, not the publication date (that is `published`).")


def upgrade() -> None:
    op.add_column("dim_article", sa.Column("fetched", sa.DateTime(), comment=COMMENT))


def downgrade() -> None:
    op.drop_column("dim_article", "fetched")
