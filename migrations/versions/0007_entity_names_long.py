"""Entity names in long form: dim_entity_name (entity_id, lang, name, source) instead of dim_entity's
names_tr ... names_uz columns

One column per language fixed the set of languages in the schema; the languages are now the language
tables present, so a name is a row: one per entity, language and name, each with its own source
(CLDR via babel, hand-written). Upgrade moves every `|`-separated name of the names_* columns into
rows (with the entity's source) and drops the columns; the next `warehouse load` replaces them with
seeds/entity_names.csv. Downgrade puts the six columns of 0003 back, filled from the rows (names in
other languages are dropped with the table).

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# the columns 0003 created (code, comment)
WIDE = (("tr", "Turkish names and stems, separated by |."), ("az", "Azerbaijani names and stems, separated by |."),
        ("en", "English names, separated by |."), ("ru", "Russian names and stems, separated by |."),
        ("kk", "Kazakh names and stems, separated by |."), ("uz", "Uzbek names and stems, separated by |."))
OLD_SOURCE = "Where the row and its names come from (ISO 3166 via pycountry, CLDR via babel, hand-written)."
NEW_SOURCE = "Where the row comes from (ISO 3166 via pycountry, hand-written); each name has its own in dim_entity_name."


ENTITY_COMMENT = "Countries, regions, companies, routes and pipelines that figures are about; from seeds/entities.csv."


def _entity_columns(source_comment: str, wide: bool) -> list[sa.Column]:
    cols = [
        sa.Column("entity_id", sa.String(), nullable=False,
                  comment="Entity id: ISO 3166-1 alpha-3 for countries (KAZ), else a name (CPC, MIDDLE_CORRIDOR)."),
        sa.Column("kind", sa.String(), nullable=True,
                  comment="country, region, city, company, route, pipeline, organisation, field or port."),
        sa.Column("iso2", sa.String(), nullable=True, comment="ISO 3166-1 alpha-2 code of a country, else NULL."),
        sa.Column("name", sa.String(), nullable=True, comment="English name."),
    ]
    if wide:
        cols += [sa.Column(f"names_{code}", sa.String(), nullable=True, comment=comment) for code, comment in WIDE]
    return cols + [sa.Column("source", sa.String(), nullable=True, comment=source_comment)]


def _rebuild_entity(cols: list[sa.Column], select_sql: str) -> None:
    """Replace dim_entity by a table of `cols` filled by `select_sql` (over the old table as `e`). A
    rebuild rather than ALTER + UPDATE: DuckDB 1.5 cannot commit an UPDATE of a table altered in the
    same transaction."""
    op.create_table("dim_entity_0007", *cols, comment=ENTITY_COMMENT)
    names = ", ".join(f'"{c.name}"' for c in cols)
    op.execute(f"INSERT INTO dim_entity_0007 ({names}) {select_sql}")
    op.drop_table("dim_entity")
    op.rename_table("dim_entity_0007", "dim_entity")


def upgrade() -> None:
    op.create_table(
        "dim_entity_name",
        sa.Column("entity_id", sa.String(), nullable=False, comment="Key to dim_entity."),
        sa.Column("lang", sa.String(), nullable=False, comment="Key to dim_language: the language the name is written in."),
        sa.Column("name", sa.String(), nullable=False,
                  comment="A name or stem matched in text through the language table's suffixes "
                          "(capitalised: capitalised words only; lower case: any case; capitals: capitals only)."),
        sa.Column("source", sa.String(), nullable=True, comment="Where the name comes from (CLDR via babel, hand-written)."),
        comment="Names of entities, one row per entity, language and name; from seeds/entity_names.csv.")
    for code, _comment in WIDE:
        op.execute(f"""
            INSERT INTO dim_entity_name (entity_id, lang, name, source)
            SELECT entity_id, '{code}', trim(name), source
            FROM (SELECT entity_id, unnest(string_split(names_{code}, '|')) AS name, source FROM dim_entity)
            WHERE trim(name) <> ''""")
    _rebuild_entity(_entity_columns(NEW_SOURCE, wide=False), "SELECT entity_id, kind, iso2, name, source FROM dim_entity")


def downgrade() -> None:
    wide = ", ".join(f"(SELECT string_agg(n.name, '|' ORDER BY n.rowid) FROM dim_entity_name n "
                     f"WHERE n.entity_id = e.entity_id AND n.lang = '{code}')" for code, _ in WIDE)
    _rebuild_entity(_entity_columns(OLD_SOURCE, wide=True),
                    f"SELECT e.entity_id, e.kind, e.iso2, e.name, {wide}, e.source FROM dim_entity e")
    op.drop_table("dim_entity_name")
