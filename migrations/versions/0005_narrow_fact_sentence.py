"""narrow fact row: the sentence as offsets into the article text

fact_quantity repeated the whole sentence in every quantity (the widest column of the grain, and
what kept bulk inserts slow). It now stores `sentence_start`/`sentence_end`, character offsets into
dim_article.article_text, and `sentence_text` only for a sentence that is not a slice of the text.
v_quantities, v_facts and v_fact_conflicts derive `sentence` from them: same columns, same comments
(new DDL files sql/views/v_quantities_0005.sql and sql/views/v_facts_0005.sql; the 0002/0004 files
stay as they were, for downgrades).

Upgrade finds each stored sentence in its article text (in the window where it must stand: it
contains the quantity's offsets; else its first occurrence; else it is kept in sentence_text).
Downgrade writes every sentence back into `sentence`. Both keep every row.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from warehouse.sqlfiles import VIEWS_DIR, run_sql_file

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _drop_views() -> None:
    for view in ("v_fact_conflicts", "v_facts", "v_quantities"):
        op.execute(f"DROP VIEW IF EXISTS {view}")


def _columns(kind: str) -> list[sa.Column]:
    """fact_quantity's columns at 0004 ("old": `sentence` after `text`) or at 0005 ("new": offsets last)."""
    c = lambda name, type_, comment, nullable=True: sa.Column(name, type_, nullable=nullable, comment=comment)  # noqa: E731
    cols = [
        c("quantity_id", sa.String(), "Hash of article_id, ordinal, start and end: one quantity in one article.", False),
        c("article_id", sa.String(), "Key to dim_article.", False),
        c("unit_key", sa.String(), "Key to dim_unit (the unit code)."),
        c("published_date_key", sa.Integer(), "Key to dim_date (YYYYMMDD) of the article's publication date."),
        c("lang", sa.String(), "Key to dim_language (ISO 639-1 code of the language table that read the quantity)."),
        c("extractor_key", sa.String(), "Key to dim_extractor."),
        c("load_id", sa.String(), "The load_log run that brought this row.", False),
        c("ordinal", sa.Integer(), "Position of the quantity among the article's quantities (0-based)."),
        c("start", sa.Integer(), "Character offset of the surface text into the decoded article text."),
        c("end", sa.Integer(), "Exclusive end offset: text = article_text[start:end]."),
        c("text", sa.String(), "Surface form as written in the article."),
    ]
    if kind == "old":
        cols.append(c("sentence", sa.String(), "The sentence the quantity stands in."))
    cols += [
        c("value", sa.Double(), "The number in `unit`, scale words applied (63 milyon ton -> 63000000)."),
        c("value_max", sa.Double(), "Upper bound of a range (15-18 days -> value 15, value_max 18), else NULL."),
        c("base_value", sa.Double(), "Value converted to base_unit (pint); currencies stay as they are."),
        c("base_unit", sa.String(), "Unit of base_value."),
        c("dimension", sa.String(), "What kind of quantity: length, mass, currency, percentage, duration, count, ..."),
        c("qualifier", sa.String(), "approximately, more_than, less_than, at_least, at_most, or NULL."),
        c("quantified", sa.String(), "What is counted or measured."),
        c("subject", sa.String(), "The entity the figure is about."),
        c("period", sa.String(), "Reference period label (2024, 2025-01/2025-07)."),
        c("period_start", sa.Date(), "First day of the reference period."),
        c("period_end", sa.Date(), "Last day of the reference period."),
        c("period_is_target", sa.Boolean(), "True when the period is a target or forecast rather than an outcome."),
        c("indicator", sa.String(), "What is measured across articles (trade turnover, oil transit, ...)."),
        c("entities", sa.ARRAY(sa.String()), "Entities the figure is about."),
        c("fact", sa.String(), "Normalised statement of the fact, when the extractor can form one."),
    ]
    if kind == "new":
        cols += [
            c("sentence_start", sa.Integer(), "Character offset of the quantity's sentence into the decoded article "
                                              "text (v_quantities.sentence = article_text[sentence_start:sentence_end])."),
            c("sentence_end", sa.Integer(), "Exclusive end offset of the quantity's sentence in the article text."),
            c("sentence_text", sa.String(), "The sentence, only when it is not a slice of the article text "
                                            "(sentence_start is then NULL); else NULL."),
        ]
    return cols


def _rebuild(kind: str, select_sql: str) -> None:
    """Replace fact_quantity by a table of `kind`'s columns filled by `select_sql` (over the old table
    as `f` and dim_article as `a`). A rebuild rather than ALTER + UPDATE: DuckDB 1.5 cannot commit an
    UPDATE of a table altered in the same transaction."""
    cols = _columns(kind)
    op.create_table("fact_quantity_0005", *cols,
                    comment="One row per quantity mentioned in one article (the grain).")
    names = ", ".join(f'"{c.name}"' for c in cols)
    op.execute(f"INSERT INTO fact_quantity_0005 ({names}) {select_sql}")
    op.drop_table("fact_quantity")
    op.rename_table("fact_quantity_0005", "fact_quantity")


_KEPT = ('f.quantity_id, f.article_id, f.unit_key, f.published_date_key, f.lang, f.extractor_key, f.load_id, '
         'f.ordinal, f."start", f."end", f.text')
_KEPT_2 = ('f.value, f.value_max, f.base_value, f.base_unit, f.dimension, f.qualifier, f.quantified, f.subject, '
           'f.period, f.period_start, f.period_end, f.period_is_target, f.indicator, f.entities, f.fact')
_ARTICLES = "(SELECT DISTINCT ON (article_id) article_id, article_text FROM dim_article)"


def upgrade() -> None:
    _drop_views()
    # where the sentence stands: it holds [start, end), so it begins in [end - length, start]; else
    # its first occurrence; else it is kept as sentence_text
    _rebuild("new", f"""
        SELECT {_KEPT.replace('f.', 'o.')}, {_KEPT_2.replace('f.', 'o.')},
               o.s, o.s + length(o.sentence), CASE WHEN o.s IS NULL THEN o.sentence END
        FROM (
            SELECT f.*, CASE
                WHEN f.sentence IS NULL OR a.article_text IS NULL THEN NULL
                WHEN instr(substr(a.article_text, greatest(0, f."end" - length(f.sentence)) + 1,
                                  f."start" + length(f.sentence) - greatest(0, f."end" - length(f.sentence))),
                           f.sentence) > 0
                THEN greatest(0, f."end" - length(f.sentence)) - 1
                     + instr(substr(a.article_text, greatest(0, f."end" - length(f.sentence)) + 1,
                                    f."start" + length(f.sentence) - greatest(0, f."end" - length(f.sentence))),
                             f.sentence)
                WHEN instr(a.article_text, f.sentence) > 0 THEN instr(a.article_text, f.sentence) - 1
                END AS s
            FROM fact_quantity AS f
            LEFT JOIN {_ARTICLES} AS a ON a.article_id = f.article_id
        ) AS o""")
    run_sql_file(op, VIEWS_DIR / "v_quantities_0005.sql")
    run_sql_file(op, VIEWS_DIR / "v_facts_0005.sql")


def downgrade() -> None:
    _drop_views()
    _rebuild("old", f"""
        SELECT {_KEPT},
               coalesce(f.sentence_text, substr(a.article_text, f.sentence_start + 1, f.sentence_end - f.sentence_start)),
               {_KEPT_2}
        FROM fact_quantity AS f
        LEFT JOIN {_ARTICLES} AS a ON a.article_id = f.article_id""")
    run_sql_file(op, VIEWS_DIR / "v_quantities_0002.sql")
    run_sql_file(op, VIEWS_DIR / "v_facts_0004.sql")
