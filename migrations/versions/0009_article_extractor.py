"""the extractor per article, and the kind of each load_log run

`warehouse reextract` re-reads stored articles whose rows came from another extractor version. An
article with no quantities has no row to say which extractor read it, so dim_article gains
`extractor_key` (key to dim_extractor). Upgrade fills it from each article's quantities; an article
without any stays NULL and counts as behind, so one reextract settles it. load_log gains `kind`
(`load` or `reextract`); the runs before it were loads.

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# the comments as they stand at this revision
ARTICLE_EXTRACTOR_COMMENT = (
    "Key to dim_extractor: the extractor that read this article's quantities (a load or a reextract). The "
    "article is behind when that row's version is not the installed extractors.EXTRACTOR_VERSION, or the key "
    "is NULL (loaded before migration 0009 with no quantities, or waiting for a `warehouse reextract` under way).")
LOAD_KIND_COMMENT = 'load (a `warehouse load` run) or reextract (a `warehouse reextract` run).'
LOAD_LOG_COMMENT = 'One row per `warehouse load` or `warehouse reextract` run.'
ARTICLES_LOADED_COMMENT = 'New articles written by this run (a reextract run: articles re-extracted).'
OLD_LOAD_LOG_COMMENT = "One row per `warehouse load` run."
OLD_ARTICLES_LOADED_COMMENT = "New articles written by this run."


def upgrade() -> None:
    op.add_column("dim_article", sa.Column("extractor_key", sa.String(), comment=ARTICLE_EXTRACTOR_COMMENT))
    op.execute("""UPDATE dim_article SET extractor_key = (SELECT min(f.extractor_key) FROM fact_quantity f
                                                          WHERE f.article_id = dim_article.article_id)""")
    op.add_column("load_log", sa.Column("kind", sa.String(), comment=LOAD_KIND_COMMENT))
    op.execute("UPDATE load_log SET kind = 'load'")
    op.create_table_comment("load_log", LOAD_LOG_COMMENT, existing_comment=OLD_LOAD_LOG_COMMENT)
    op.alter_column("load_log", "articles_loaded", comment=ARTICLES_LOADED_COMMENT,
                    existing_comment=OLD_ARTICLES_LOADED_COMMENT)


def downgrade() -> None:
    op.alter_column("load_log", "articles_loaded", comment=OLD_ARTICLES_LOADED_COMMENT,
                    existing_comment=ARTICLES_LOADED_COMMENT)
    op.create_table_comment("load_log", OLD_LOAD_LOG_COMMENT, existing_comment=LOAD_LOG_COMMENT)
    op.drop_column("load_log", "kind")
    op.drop_column("dim_article", "extractor_key")
