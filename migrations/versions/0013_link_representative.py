"""link_representative: a few stored mentions a fact, what new mentions compare with

Complete linkage joins a new mention to a stored fact only when it links to every member. Facts of
news grow to thousands of mentions (the same figure in every outlet), and comparing each new
mention with all of them made the link stage's memory and time grow with the facts. Of each group
of a fact's mentions that compare alike but for their publication date, the earliest and the latest
decide for the whole group (sql/link/representatives.sql says why), so linkage compares with those.
Upgrade fills the table from the linked mentions; the mentions stored before 0010 are linked by 0014.

Revision ID: 0013
Revises: 0012
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_representative",
        sa.Column("quantity_id", sa.String(), nullable=False, comment="Key to link_mention and fact_quantity: the representing mention."),
        sa.Column("fact_id", sa.String(), nullable=False, comment="The fact it represents (link_mention.fact_id)."),
        sa.Column("published", sa.Date(), comment="Publication date of its article: the earliest or the latest of its group."),
        sa.Column("dimension", sa.String(), comment="As link_mention.dimension (blocking)."),
        sa.Column("base_unit", sa.String(), comment="As link_mention.base_unit (blocking)."),
        sa.Column("value", sa.Double(), comment="As link_mention.value: the value in base_unit."),
        sa.Column("value_lo", sa.Double(), comment="As link_mention.value_lo: lowest value the written figure can stand for."),
        sa.Column("value_hi", sa.Double(), comment="As link_mention.value_hi: highest value the written figure can stand for."),
        sa.Column("value_bucket", sa.Integer(), comment="As link_mention.value_bucket (blocking key)."),
        sa.Column("bucket_lo", sa.Integer(), comment="As link_mention.bucket_lo: value_bucket of value_lo."),
        sa.Column("bucket_hi", sa.Integer(), comment="As link_mention.bucket_hi: value_bucket of value_hi."),
        sa.Column("digits", sa.Integer(), comment="As link_mention.digits: significant digits as written."),
        sa.Column("indicator", sa.String(), comment="As link_mention.indicator (id of dim_indicator)."),
        sa.Column("entities", sa.ARRAY(sa.String()), comment="As link_mention.entities (ids of dim_entity)."),
        sa.Column("period_start", sa.Date(), comment="As link_mention.period_start: first day of the stated period."),
        sa.Column("period_end", sa.Date(), comment="As link_mention.period_end: last day of the stated period."),
        sa.Column("period_is_target", sa.Boolean(), comment="As link_mention.period_is_target: a target or forecast."),
        sa.Column("words", sa.ARRAY(sa.String()), comment="As link_mention.words: stems of the quantified noun phrase."),
        comment="The mentions that stand for each linked fact when new mentions are linked (warehouse/link.py): of each "
                "group of the fact's mentions that compare alike but for their publication date, the earliest and "
                "the latest published (sql/link/representatives.sql). Derived from link_mention; relink rebuilds it.",
    )
    if not op.get_context().as_sql:
        from warehouse import link

        con = op.get_bind().connection.driver_connection
        link.rebuild_representatives(con)
        # the mentions stored before 0010 are linked by 0014, whose tables the linker reads since


def downgrade() -> None:
    op.drop_table("link_representative")
