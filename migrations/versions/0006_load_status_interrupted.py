"""load_log.status gains `interrupted`: a run stopped by Ctrl-C, or killed

A killed run could not update its own row, so it stayed `running` for ever. The next `warehouse load`
now marks such rows `interrupted` (it holds the only write connection, so no other run is alive), and
a run stopped by Ctrl-C marks itself. Upgrade changes only the column's comment; downgrade also
turns `interrupted` rows into `failed`, the old word for them.

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD = "running, finished or failed."
NEW = ("running, finished, failed, or interrupted (stopped by Ctrl-C, or killed: the next load marks "
       "a run it finds still running as interrupted).")


def upgrade() -> None:
    op.alter_column("load_log", "status", comment=NEW, existing_comment=OLD)


def downgrade() -> None:
    op.execute("UPDATE load_log SET status = 'failed' WHERE status = 'interrupted'")
    op.alter_column("load_log", "status", comment=OLD, existing_comment=NEW)
