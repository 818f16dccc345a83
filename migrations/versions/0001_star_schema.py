"""star schema: fact_quantity, dimensions, load log

No primary keys, foreign keys or indexes (DuckDB cannot ALTER tables that carry them); keys are
deterministic hashes kept unique by the loader. Generated from warehouse/schema.py.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 01:47:41.025647
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dim_article',
    sa.Column('article_id', sa.String(), nullable=False, comment="First 16 hex digits of content_hash: the article's key."),
    sa.Column('doc', sa.String(), nullable=True, comment="File name of the article (JSONL input: the line's id)."),
    sa.Column('source', sa.String(), nullable=True, comment='Path of the file the article was read from.'),
    sa.Column('url', sa.String(), nullable=True, comment='URL of the article when known.'),
    sa.Column('title', sa.String(), nullable=True, comment='Title (JSONL field, else the first line of the text).'),
    sa.Column('published', sa.Date(), nullable=True, comment='Publication date when known.'),
    sa.Column('lang', sa.String(), nullable=True, comment='ISO 639-1 language code.'),
    sa.Column('content_hash', sa.String(), nullable=True, comment='sha256 of the decoded text: loading the same text twice adds nothing.'),
    sa.Column('n_chars', sa.Integer(), nullable=True, comment='Length of the decoded text in characters.'),
    sa.Column('article_text', sa.String(), nullable=True, comment='The decoded text that the quantity offsets point into.'),
    sa.Column('load_id', sa.String(), nullable=True, comment='The load_log run that brought this article.'),
    comment='One row per distinct article text.'
    )
    op.create_table('dim_date',
    sa.Column('date_key', sa.Integer(), nullable=False, comment='YYYYMMDD.'),
    sa.Column('date', sa.Date(), nullable=True, comment='The calendar day.'),
    sa.Column('year', sa.Integer(), nullable=True, comment='Calendar year.'),
    sa.Column('quarter', sa.Integer(), nullable=True, comment='Quarter 1-4.'),
    sa.Column('month', sa.Integer(), nullable=True, comment='Month 1-12.'),
    sa.Column('day', sa.Integer(), nullable=True, comment='Day of month.'),
    sa.Column('iso_week', sa.Integer(), nullable=True, comment='ISO week number.'),
    sa.Column('day_of_week', sa.Integer(), nullable=True, comment='ISO day of week, 1 = Monday.'),
    sa.Column('month_name', sa.String(), nullable=True, comment='English month name.'),
    comment='Calendar days that occur as publication dates or period bounds.'
    )
    op.create_table('dim_extractor',
    sa.Column('extractor_key', sa.String(), nullable=False, comment='Hash of extractor and version.'),
    sa.Column('extractor', sa.String(), nullable=True, comment='Rule or component that produced the quantity.'),
    sa.Column('version', sa.String(), nullable=True, comment='extractors.EXTRACTOR_VERSION at load time.'),
    comment='Extraction rules and versions.'
    )
    op.create_table('dim_language',
    sa.Column('lang', sa.String(), nullable=False, comment='ISO 639-1 code.'),
    sa.Column('name', sa.String(), nullable=True, comment='English name.'),
    sa.Column('native_name', sa.String(), nullable=True, comment='Name in the language itself.'),
    comment='Languages of the articles.'
    )
    op.create_table('dim_unit',
    sa.Column('unit_key', sa.String(), nullable=False, comment='The unit code (same as code).'),
    sa.Column('code', sa.String(), nullable=True, comment='Unit code of seeds/units.csv (km, t, USD, percent, count).'),
    sa.Column('dimension', sa.String(), nullable=True, comment='length, mass, currency, percentage, duration, count, ...'),
    sa.Column('base_unit', sa.String(), nullable=True, comment='Unit that values of this unit convert to.'),
    sa.Column('factor_to_base', sa.Double(), nullable=True, comment='Multiply a value by this to get base_value (NULL when unknown).'),
    sa.Column('name', sa.String(), nullable=True, comment='Readable name of the unit.'),
    sa.Column('pint_name', sa.String(), nullable=True, comment="The unit's expression in pint, when pint knows it."),
    sa.Column('source', sa.String(), nullable=True, comment="Where the row came from: units.csv's source column, or 'derived' from loaded quantities."),
    comment='Units of measurement.'
    )
    op.create_table('fact_quantity',
    sa.Column('quantity_id', sa.String(), nullable=False, comment='Hash of article_id, ordinal, start and end: one quantity in one article.'),
    sa.Column('article_id', sa.String(), nullable=False, comment='Key to dim_article.'),
    sa.Column('unit_key', sa.String(), nullable=True, comment='Key to dim_unit (the unit code).'),
    sa.Column('published_date_key', sa.Integer(), nullable=True, comment="Key to dim_date (YYYYMMDD) of the article's publication date."),
    sa.Column('lang', sa.String(), nullable=True, comment='Key to dim_language (ISO 639-1 code of the language table that read the quantity).'),
    sa.Column('extractor_key', sa.String(), nullable=True, comment='Key to dim_extractor.'),
    sa.Column('load_id', sa.String(), nullable=False, comment='The load_log run that brought this row.'),
    sa.Column('ordinal', sa.Integer(), nullable=True, comment="Position of the quantity among the article's quantities (0-based)."),
    sa.Column('start', sa.Integer(), nullable=True, comment='Character offset of the surface text into the decoded article text.'),
    sa.Column('end', sa.Integer(), nullable=True, comment='Exclusive end offset: text = article_text[start:end].'),
    sa.Column('text', sa.String(), nullable=True, comment='Surface form as written in the article.'),
    sa.Column('sentence', sa.String(), nullable=True, comment='The sentence the quantity stands in.'),
    sa.Column('value', sa.Double(), nullable=True, comment='The number in `unit`, scale words applied (63 milyon ton -> 63000000).'),
    sa.Column('value_max', sa.Double(), nullable=True, comment='Upper bound of a range (15-18 days -> value 15, value_max 18), else NULL.'),
    sa.Column('base_value', sa.Double(), nullable=True, comment='Value converted to base_unit (pint); currencies stay as they are.'),
    sa.Column('base_unit', sa.String(), nullable=True, comment='Unit of base_value.'),
    sa.Column('dimension', sa.String(), nullable=True, comment='What kind of quantity: length, mass, currency, percentage, duration, count, ...'),
    sa.Column('qualifier', sa.String(), nullable=True, comment='approximately, more_than, less_than, at_least, at_most, or NULL.'),
    sa.Column('quantified', sa.String(), nullable=True, comment='What is counted or measured.'),
    sa.Column('subject', sa.String(), nullable=True, comment='The entity the figure is about.'),
    sa.Column('period', sa.String(), nullable=True, comment='Reference period label (2024, 2025-01/2025-07).'),
    sa.Column('period_start', sa.Date(), nullable=True, comment='First day of the reference period.'),
    sa.Column('period_end', sa.Date(), nullable=True, comment='Last day of the reference period.'),
    sa.Column('period_is_target', sa.Boolean(), nullable=True, comment='True when the period is a target or forecast rather than an outcome.'),
    sa.Column('indicator', sa.String(), nullable=True, comment='What is measured across articles (trade turnover, oil transit, ...).'),
    sa.Column('entities', sa.ARRAY(sa.String()), nullable=True, comment='Entities the figure is about.'),
    sa.Column('fact', sa.String(), nullable=True, comment='Normalised statement of the fact, when the extractor can form one.'),
    comment='One row per quantity mentioned in one article (the grain).'
    )
    op.create_table('load_errors',
    sa.Column('load_id', sa.String(), nullable=False, comment='The load_log run.'),
    sa.Column('path', sa.String(), nullable=True, comment='The rejected file (with :line for JSONL).'),
    sa.Column('reason', sa.String(), nullable=True, comment='Why it was rejected.'),
    sa.Column('at', sa.DateTime(), nullable=True, comment='When (UTC).'),
    comment='One row per input a load rejected.'
    )
    op.create_table('load_log',
    sa.Column('load_id', sa.String(), nullable=False, comment='Identifier of one `warehouse load` run.'),
    sa.Column('started', sa.DateTime(), nullable=True, comment='When the run started (UTC).'),
    sa.Column('finished', sa.DateTime(), nullable=True, comment='When the run ended (UTC); NULL while running or after a crash.'),
    sa.Column('status', sa.String(), nullable=True, comment='running, finished or failed.'),
    sa.Column('paths', sa.String(), nullable=True, comment='The paths given to the run.'),
    sa.Column('extractor_version', sa.String(), nullable=True, comment='extractors.EXTRACTOR_VERSION used.'),
    sa.Column('articles_loaded', sa.Integer(), nullable=True, comment='New articles written by this run.'),
    sa.Column('articles_present', sa.Integer(), nullable=True, comment='Articles skipped because their content was already loaded.'),
    sa.Column('quantities', sa.Integer(), nullable=True, comment='Quantities written by this run.'),
    sa.Column('skipped', sa.Integer(), nullable=True, comment='Files in folders that are not articles (unknown extension).'),
    sa.Column('errors', sa.Integer(), nullable=True, comment='Inputs rejected (see load_errors).'),
    sa.Column('seconds', sa.Double(), nullable=True, comment='Wall time of the run.'),
    comment='One row per `warehouse load` run.'
    )


def downgrade() -> None:
    op.drop_table('load_log')
    op.drop_table('load_errors')
    op.drop_table('fact_quantity')
    op.drop_table('dim_unit')
    op.drop_table('dim_language')
    op.drop_table('dim_extractor')
    op.drop_table('dim_date')
    op.drop_table('dim_article')
