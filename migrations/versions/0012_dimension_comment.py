"""v_quantities.dimension: a comment that does not go stale

The comment listed thirteen dimensions; the unit table has grown since (data, data rates, pressure,
earthquake magnitude). It now points to dim_unit, where the list lives, instead of repeating it.
A later migration that recreates v_quantities from its SQL file sets this comment again.

Revision ID: 0012
Revises: 0011
"""
from __future__ import annotations

from alembic import op

from warehouse.sqlfiles import run_sql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COMMENT = ("Kind of quantity, as in dim_unit.dimension: length, mass, currency, percentage, count, data, ... "
           "(`SELECT DISTINCT dimension FROM dim_unit` lists them all).")
OLD_COMMENT = ("Kind of quantity: length, mass, currency, percentage, duration, count, volume, area, power, "
               "energy, speed, temperature or ratio.")


def _comment(text: str) -> None:
    """(a DuckLake keeps no comments on view columns: run_sql skips it there)"""
    run_sql(op, "COMMENT ON COLUMN v_quantities.dimension IS '{}'".format(text.replace("'", "''")))


def upgrade() -> None:
    _comment(COMMENT)


def downgrade() -> None:
    _comment(OLD_COMMENT)
