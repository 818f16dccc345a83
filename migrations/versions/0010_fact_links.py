"""fact links: link_mention, the comparison macros, v_fact_links and v_indicator_series

Facts were an exact key computed from one sentence (fact_quantity.fact), which split any fact whose
mentions differ in rounding, period or entity. Linkage (warehouse/link.py) now groups mentions
across articles: `link_mention` holds, per mention, what the comparisons read and the fact it
joined; the macros of sql/link/macros.sql compute the comparison levels for the linker and for the
view `v_fact_links`. v_quantities.fact, v_facts and v_fact_conflicts read the linked facts, and
`v_indicator_series` gives one row per fact. The mentions already stored are linked by 0013.

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from warehouse.sqlfiles import VIEWS_DIR, run_sql_file

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

LINK_MACROS = VIEWS_DIR.parent / "link" / "macros.sql"
VIEWS = ("v_fact_links", "v_fact_conflicts", "v_facts", "v_indicator_series", "v_quantities")


def _drop_views() -> None:
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")


def upgrade() -> None:
    _drop_views()
    op.create_table(
        "link_mention",
        sa.Column("quantity_id", sa.String(), nullable=False, comment='Key to fact_quantity: the mention.'),
        sa.Column("fact_id", sa.String(), nullable=False, comment="The fact the mention reports: the quantity_id of the fact's first mention; it stays when later articles join the fact."),
        sa.Column("article_id", sa.String(), nullable=False, comment="Key to dim_article (the mention's article)."),
        sa.Column("published", sa.Date(), comment='Publication date of the article, when known.'),
        sa.Column("outlet", sa.String(), comment="Host of the article's URL, else its file name."),
        sa.Column("lang", sa.String(), comment='Language the mention was read in.'),
        sa.Column("dimension", sa.String(), comment='Dimension of the value (blocking: only equal dimensions compare).'),
        sa.Column("base_unit", sa.String(), comment='Base unit of the value, the currency for money (blocking).'),
        sa.Column("value", sa.Double(), comment='The value in base_unit.'),
        sa.Column("value_lo", sa.Double(), comment='Lowest value the written figure can stand for: its rounding and qualifier (6.4 -> 6.35; about 6 -> 5; over 32 -> 31.5).'),
        sa.Column("value_hi", sa.Double(), comment='Highest value the written figure can stand for.'),
        sa.Column("value_bucket", sa.Integer(), comment="Blocking key: the value's position in 100 steps a decade, signed."),
        sa.Column("bucket_lo", sa.Integer(), comment="value_bucket of value_lo: the interval's first bucket."),
        sa.Column("bucket_hi", sa.Integer(), comment="value_bucket of value_hi: the interval's last bucket."),
        sa.Column("resolution", sa.Double(), comment='One unit of the last written digit, in base_unit (113,8 mln t -> 100,000 t).'),
        sa.Column("digits", sa.Integer(), comment='Significant digits as written (113.8 -> 4; about 6 million -> 1).'),
        sa.Column("qualifier", sa.String(), comment='approximately, more_than, less_than, at_least, at_most, or NULL.'),
        sa.Column("indicator", sa.String(), comment='What is measured (id of dim_indicator), when recognised.'),
        sa.Column("entities", sa.ARRAY(sa.String()), comment='Entities the figure is about (ids of dim_entity).'),
        sa.Column("period_start", sa.Date(), comment='First day of the stated period; NULL when none is stated.'),
        sa.Column("period_end", sa.Date(), comment='Last day of the stated period.'),
        sa.Column("period_is_target", sa.Boolean(), comment='True for a target or forecast.'),
        sa.Column("words", sa.ARRAY(sa.String()), comment='Stems (first five letters) of the words of the quantified noun phrase.'),
        comment="One row per linked mention: what linkage compares (sql/link/macros.sql) and the fact it joined.",
    )
    run_sql_file(op, LINK_MACROS)
    for name in ("v_quantities", "v_indicator_series", "v_facts", "v_fact_links"):
        run_sql_file(op, VIEWS_DIR / f"{name}_0010.sql")
    # the mentions stored before this revision are linked by 0013, once the linker's table of fact
    # representatives exists


def _macro_names() -> list[str]:
    import re

    return re.findall(r"CREATE OR REPLACE MACRO (\w+)", LINK_MACROS.read_text(encoding="utf-8"))


def downgrade() -> None:
    _drop_views()
    for name in _macro_names()[::-1]:
        op.execute(f"DROP MACRO IF EXISTS {name}")
    op.drop_table("link_mention")
    run_sql_file(op, VIEWS_DIR / "v_quantities_0005.sql")
    run_sql_file(op, VIEWS_DIR / "v_facts_0005.sql")
