"""narrow fact row: the descriptive strings as keys into dimensions

fact_quantity repeated in every row the strings that describe a quantity: its surface text, the
quantified noun phrase, subject, period label and fact statement, its entities, and its unit,
dimension, base unit, qualifier, indicator, language and extractor. Each string column costs the
writer several times a number column, and the write stage was bound by them (issue 17). The row is
now numbers and keys: `dim_phrase` holds each distinct phrase once, `dim_entity_set` each list of
entities, `dim_quantity_kind` each combination of the short codes, all keyed by the first 15 hex
digits of a sha256 (deterministic, as every key: loads merge across machines), and the surface text
is article_text[start:end] (`text_key` only where it is not). The view `v_fact_quantity` joins the
strings back under the old column names; v_quantities and v_fact_links read it (same columns, same
values; new DDL files sql/views/v_quantities_0014.sql, v_fact_links_0014.sql).

Upgrade keys the stored rows (warehouse.write.wide_rows_sql, the writer's keys in SQL); downgrade
writes the strings back. Both keep every row.

Revision ID: 0014
Revises: 0013
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from warehouse.sqlfiles import VIEWS_DIR, run_sql, run_sql_file
from warehouse.write import wide_rows_sql

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TABLE_COMMENT = "One row per quantity mentioned in one article (the grain)."
NARROW_COMMENT = (TABLE_COMMENT[:-1] + "; its strings are keys into dim_phrase, dim_entity_set and dim_quantity_kind "
                  "(v_fact_quantity joins them back).")
VIEWS = ("v_fact_links", "v_fact_conflicts", "v_facts", "v_quantities", "v_fact_quantity")


def _c(name, type_, comment, nullable=True):
    return sa.Column(name, type_, nullable=nullable, comment=comment)


def _key_comment(what: str) -> str:
    return f"First 15 hex digits of the sha256 of {what}, as a number."


def _kept() -> list[sa.Column]:
    """The columns both rows have, in the narrow row's order."""
    return [
        _c("quantity_id", sa.String(), "Hash of article_id, ordinal, start and end: one quantity in one article.", False),
        _c("article_id", sa.String(), "Key to dim_article.", False),
        _c("published_date_key", sa.Integer(), "Key to dim_date (YYYYMMDD) of the article's publication date."),
        _c("load_id", sa.String(), "The load_log run that brought this row.", False),
        _c("ordinal", sa.Integer(), "Position of the quantity among the article's quantities (0-based)."),
        _c("start", sa.Integer(), "Character offset of the surface text into the decoded article text."),
        _c("end", sa.Integer(), "Exclusive end offset: text = article_text[start:end]."),
        _c("value", sa.Double(), "The number in `unit`, scale words applied (63 milyon ton -> 63000000)."),
        _c("value_max", sa.Double(), "Upper bound of a range (15-18 days -> value 15, value_max 18), else NULL."),
        _c("base_value", sa.Double(), "Value converted to base_unit (pint); currencies stay as they are."),
        _c("period_start", sa.Date(), "First day of the reference period."),
        _c("period_end", sa.Date(), "Last day of the reference period."),
        _c("period_is_target", sa.Boolean(), "True when the period is a target or forecast rather than an outcome."),
        _c("sentence_start", sa.Integer(), "Character offset of the quantity's sentence into the decoded article text "
                                            "(v_quantities.sentence = article_text[sentence_start:sentence_end])."),
        _c("sentence_end", sa.Integer(), "Exclusive end offset of the quantity's sentence in the article text."),
        _c("sentence_text", sa.String(), "The sentence, only when it is not a slice of the article text "
                                          "(sentence_start is then NULL); else NULL."),
    ]


def _keys() -> list[sa.Column]:
    return [
        _c("kind_key", sa.BigInteger(), "Key to dim_quantity_kind: the quantity's unit, dimension, base unit, "
                                        "qualifier, indicator, language and extractor."),
        _c("entities_key", sa.BigInteger(), "Key to dim_entity_set: the entities the figure is about."),
        _c("quantified_key", sa.BigInteger(), "Key to dim_phrase: what is counted or measured."),
        _c("subject_key", sa.BigInteger(), "Key to dim_phrase: the entity the figure is about."),
        _c("period_key", sa.BigInteger(), "Key to dim_phrase: the reference period label (2024, 2025-01/2025-07)."),
        _c("fact_statement_key", sa.BigInteger(), "Key to dim_phrase: the normalised statement of the fact, when the "
                                                  "extractor can form one."),
        _c("text_key", sa.BigInteger(), "Key to dim_phrase: the surface form, only when it is not "
                                        "article_text[start:end]; else NULL (v_fact_quantity.text is then that slice)."),
    ]


def _strings() -> list[sa.Column]:
    """The wide row's string columns (0013), by name."""
    return [
        _c("unit_key", sa.String(), "Key to dim_unit (the unit code)."),
        _c("lang", sa.String(), "Key to dim_language (ISO 639-1 code of the language table that read the quantity)."),
        _c("extractor_key", sa.String(), "Key to dim_extractor."),
        _c("text", sa.String(), "Surface form as written in the article."),
        _c("base_unit", sa.String(), "Unit of base_value."),
        _c("dimension", sa.String(), "What kind of quantity: length, mass, currency, percentage, duration, count, ..."),
        _c("qualifier", sa.String(), "approximately, more_than, less_than, at_least, at_most, or NULL."),
        _c("quantified", sa.String(), "What is counted or measured."),
        _c("subject", sa.String(), "The entity the figure is about."),
        _c("period", sa.String(), "Reference period label (2024, 2025-01/2025-07)."),
        _c("indicator", sa.String(), "What is measured across articles (trade turnover, oil transit, ...)."),
        _c("entities", sa.ARRAY(sa.String()), "Entities the figure is about."),
        _c("fact", sa.String(), "Normalised statement of the fact, when the extractor can form one."),
    ]


def _create_dimensions() -> None:
    op.create_table(
        "dim_phrase",
        _c("phrase_key", sa.BigInteger(), _key_comment("the phrase"), False),
        _c("phrase", sa.String(), "A descriptive string of quantities: a quantified noun phrase, subject, period "
                                  "label, fact statement or surface text."),
        comment="The descriptive strings of fact_quantity, each once (fact_quantity.*_key).")
    op.create_table(
        "dim_entity_set",
        _c("entities_key", sa.BigInteger(), _key_comment("the entity ids joined by chr(31)"), False),
        _c("entities", sa.ARRAY(sa.String()), "Entities a figure is about (ids of dim_entity), in the extractor's order."),
        comment="The lists of entities of fact_quantity, each once (fact_quantity.entities_key).")
    kind = {c.name: c for c in _strings()}
    op.create_table(
        "dim_quantity_kind",
        _c("kind_key", sa.BigInteger(), _key_comment("the other columns joined by chr(31) (NULL as chr(30))"), False),
        *(kind[name] for name in ("unit_key", "lang", "extractor_key", "base_unit", "dimension", "qualifier",
                                  "indicator")),
        comment="The combinations of unit, dimension, base unit, qualifier, indicator, language and extractor that "
                "quantities have, each once (fact_quantity.kind_key).")


def _replace_table(columns: list[sa.Column], comment: str, statements: list[str]) -> None:
    """fact_quantity replaced by a table of `columns` that `statements` fill (writing fact_quantity_0014
    from the old table): a rebuild, since DuckDB cannot ALTER and UPDATE one table in a transaction."""
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")
    op.create_table("fact_quantity_0014", *columns, comment=comment)
    for sql in statements:
        op.execute(sql)
    op.drop_table("fact_quantity")
    op.rename_table("fact_quantity_0014", "fact_quantity")


_ARTICLES = "(SELECT DISTINCT ON (article_id) article_id, article_text FROM dim_article)"


def upgrade() -> None:
    _create_dimensions()
    op.execute(f"CREATE TEMP VIEW fact_quantity_wide AS SELECT f.*, a.article_text FROM fact_quantity AS f "
               f"LEFT JOIN {_ARTICLES} AS a USING (article_id)")
    _replace_table([*_kept(), *_keys()], NARROW_COMMENT, wide_rows_sql("fact_quantity_wide", "fact_quantity_0014"))
    op.execute("DROP VIEW fact_quantity_wide")
    op.drop_table("bridge_quantity_entity")  # fact_quantity's entity sets as rows: a view now
    for name in ("v_fact_quantity_0014", "v_quantities_0014", "v_facts_0010", "v_fact_links_0014",
                 "bridge_quantity_entity_0014"):
        run_sql_file(op, VIEWS_DIR / f"{name}.sql")
    if not op.get_context().as_sql:
        from warehouse import link

        link.link_unlinked(op.get_bind().connection.driver_connection)  # mentions stored before 0010 (from 0013)


def downgrade() -> None:
    kept = _kept()
    strings = {c.name: c for c in _strings()}
    order = ["quantity_id", "article_id", "unit_key", "published_date_key", "lang", "extractor_key", "load_id",
             "ordinal", "start", "end", "text", "value", "value_max", "base_value", "base_unit", "dimension",
             "qualifier", "quantified", "subject", "period", "period_start", "period_end", "period_is_target",
             "indicator", "entities", "fact", "sentence_start", "sentence_end", "sentence_text"]
    columns = {**{c.name: c for c in kept}, **strings}
    names = ", ".join(f'"{n}"' for n in order)
    op.execute("DROP VIEW bridge_quantity_entity")
    op.execute("CREATE TEMP TABLE fact_quantity_wide AS SELECT * FROM v_fact_quantity")  # the strings read back
    _replace_table([columns[n] for n in order], TABLE_COMMENT,
                   [f"INSERT INTO fact_quantity_0014 ({names}) SELECT {names} FROM fact_quantity_wide"])
    op.execute("DROP TABLE fact_quantity_wide")
    for table in ("dim_phrase", "dim_entity_set", "dim_quantity_kind"):
        op.drop_table(table)
    op.create_table(
        "bridge_quantity_entity",
        _c("quantity_id", sa.String(), "Key to fact_quantity.", False),
        _c("entity_id", sa.String(), "Key to dim_entity.", False),
        _c("article_id", sa.String(), "Key to dim_article (the quantity's article).", False),
        _c("load_id", sa.String(), "The load_log run that brought this row.", False),
        comment="One row per quantity and entity it is about (fact_quantity.entities as rows).")
    op.execute("INSERT INTO bridge_quantity_entity SELECT quantity_id, unnest(entities), article_id, load_id "
               "FROM fact_quantity WHERE len(entities) > 0")
    for name in ("v_quantities_0010", "v_facts_0010", "v_fact_links_0010"):
        run_sql_file(op, VIEWS_DIR / f"{name}.sql")
    # v_quantities.dimension as 0012 left it: the comment the 0014 file states
    run_sql(op, next(line for line in (VIEWS_DIR / "v_quantities_0014.sql").read_text(encoding="utf-8").splitlines()
                     if line.startswith("COMMENT ON COLUMN v_quantities.dimension ")))
