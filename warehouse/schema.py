"""The star schema as SQLAlchemy metadata.

The database is created only by the alembic migrations in migrations/; this metadata is what
`alembic check` compares them against, so the two must stay equal (a test runs the check).

Design rules (see README, "Schema"):
- keys are deterministic hashes (VARCHAR, 16 hex digits of sha256) of what identifies the row,
  so loads are idempotent and can be merged from many machines; no sequences;
- no foreign keys, primary keys or indexes: DuckDB cannot ALTER tables that carry them (and
  DuckLake, the scale-out path, supports none of them); uniqueness is kept by the loader with
  anti-joins inside one transaction per batch;
- measures are DOUBLE (SQLAlchemy `Float` would become DuckDB's 4-byte FLOAT).
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

HASH = sa.String  # 16 hex digits of sha256
PUBLISHED_PRECISION_COMMENT = ("How much of the publication date the source states: day, month or year (published is "
                               "then the first day of that month or year); NULL when the date is unknown.")


ARTICLE_EXTRACTOR_COMMENT = (
    "Key to dim_extractor: the extractor that read this article's quantities (a load or a reextract). The article "
    "is behind when that row's version is not the installed extractors.EXTRACTOR_VERSION, or the key is NULL "
    "(loaded before migration 0009 with no quantities, or waiting for a `warehouse reextract` under way).")
FETCHED_COMMENT = ("When a crawler fetched the page (WARC-Date of its crawl record), in UTC; NULL for inputs that are not "
                   "crawl records. The crawl time, not the publication date (that is `published`).")
LOAD_LOG_COMMENT = "One row per `warehouse load` or `warehouse reextract` run."
ARTICLES_LOADED_COMMENT = "New articles written by this run (a reextract run: articles re-extracted)."
LOAD_KIND_COMMENT = "load (a `warehouse load` run) or reextract (a `warehouse reextract` run)."


def _c(name, type_, comment, **kw):
    return sa.Column(name, type_, comment=comment, **kw)


KEY = sa.BigInteger  # rows.phrase_key: 15 hex digits of sha256 of the described string (migration 0014)

# migration 0014: the row is numbers and keys; the descriptive strings are in dim_phrase,
# dim_entity_set and dim_quantity_kind, and v_fact_quantity joins them back under their old names
fact_quantity = sa.Table(
    "fact_quantity", metadata,
    _c("quantity_id", HASH(), "Hash of article_id, ordinal, start and end: one quantity in one article.", nullable=False),
    _c("article_id", HASH(), "Key to dim_article.", nullable=False),
    _c("published_date_key", sa.Integer(), "Key to dim_date (YYYYMMDD) of the article's publication date."),
    _c("load_id", sa.String(), "The load_log run that brought this row.", nullable=False),
    _c("ordinal", sa.Integer(), "Position of the quantity among the article's quantities (0-based)."),
    _c("start", sa.Integer(), "Character offset of the surface text into the decoded article text."),
    _c("end", sa.Integer(), "Exclusive end offset: text = article_text[start:end]."),
    _c("value", sa.Double(), "The number in `unit`, scale words applied (63 milyon ton -> 63000000)."),
    _c("value_max", sa.Double(), "Upper bound of a range (15-18 days -> value 15, value_max 18), else NULL."),
    _c("base_value", sa.Double(), "Value converted to base_unit (pint); currencies stay as they are."),
    _c("period_start", sa.Date(), "First day of the reference period."),
    _c("period_end", sa.Date(), "Last day of the reference period."),
    _c("period_is_target", sa.Boolean(), "True when the period is a target or forecast rather than an outcome."),
    # the sentence is not repeated in every row (migration 0005): it is article_text[sentence_start:sentence_end]
    _c("sentence_start", sa.Integer(), "Character offset of the quantity's sentence into the decoded article text "
                                        "(v_quantities.sentence = article_text[sentence_start:sentence_end])."),
    _c("sentence_end", sa.Integer(), "Exclusive end offset of the quantity's sentence in the article text."),
    _c("sentence_text", sa.String(), "The sentence, only when it is not a slice of the article text "
                                      "(sentence_start is then NULL); else NULL."),
    _c("kind_key", KEY(), "Key to dim_quantity_kind: the quantity's unit, dimension, base unit, qualifier, "
                          "indicator, language and extractor."),
    _c("entities_key", KEY(), "Key to dim_entity_set: the entities the figure is about."),
    _c("quantified_key", KEY(), "Key to dim_phrase: what is counted or measured."),
    _c("subject_key", KEY(), "Key to dim_phrase: the entity the figure is about."),
    _c("period_key", KEY(), "Key to dim_phrase: the reference period label (2024, 2025-01/2025-07)."),
    _c("fact_statement_key", KEY(), "Key to dim_phrase: the normalised statement of the fact, when the extractor "
                                    "can form one."),
    _c("text_key", KEY(), "Key to dim_phrase: the surface form, only when it is not article_text[start:end]; "
                          "else NULL (v_fact_quantity.text is then that slice)."),
    comment="One row per quantity mentioned in one article (the grain); its strings are keys into dim_phrase, "
            "dim_entity_set and dim_quantity_kind (v_fact_quantity joins them back).",
)

dim_phrase = sa.Table(
    "dim_phrase", metadata,
    _c("phrase_key", KEY(), "First 15 hex digits of the sha256 of the phrase, as a number.", nullable=False),
    _c("phrase", sa.String(), "A descriptive string of quantities: a quantified noun phrase, subject, period label, "
                              "fact statement or surface text."),
    comment="The descriptive strings of fact_quantity, each once (fact_quantity.*_key).",
)

dim_entity_set = sa.Table(
    "dim_entity_set", metadata,
    _c("entities_key", KEY(), "First 15 hex digits of the sha256 of the entity ids joined by chr(31), as a number.",
       nullable=False),
    _c("entities", sa.ARRAY(sa.String()), "Entities a figure is about (ids of dim_entity), in the extractor's order."),
    comment="The lists of entities of fact_quantity, each once (fact_quantity.entities_key).",
)

dim_quantity_kind = sa.Table(
    "dim_quantity_kind", metadata,
    _c("kind_key", KEY(), "First 15 hex digits of the sha256 of the other columns joined by chr(31) (NULL as chr(30)), "
                          "as a number.", nullable=False),
    _c("unit_key", sa.String(), "Key to dim_unit (the unit code)."),
    _c("lang", sa.String(), "Key to dim_language (ISO 639-1 code of the language table that read the quantity)."),
    _c("extractor_key", HASH(), "Key to dim_extractor."),
    _c("base_unit", sa.String(), "Unit of base_value."),
    _c("dimension", sa.String(), "What kind of quantity: length, mass, currency, percentage, duration, count, ..."),
    _c("qualifier", sa.String(), "approximately, more_than, less_than, at_least, at_most, or NULL."),
    _c("indicator", sa.String(), "What is measured across articles (trade turnover, oil transit, ...)."),
    comment="The combinations of unit, dimension, base unit, qualifier, indicator, language and extractor that "
            "quantities have, each once (fact_quantity.kind_key).",
)

dim_article = sa.Table(
    "dim_article", metadata,
    _c("article_id", HASH(), "First 16 hex digits of content_hash: the article's key.", nullable=False),
    _c("doc", sa.String(), "File name of the article (JSONL input: the line's id)."),
    _c("source", sa.String(), "Path of the file the article was read from."),
    _c("url", sa.String(), "URL of the article when known."),
    _c("title", sa.String(), "Title (JSONL field, else the first line of the text)."),
    _c("published", sa.Date(), "Publication date when known."),
    _c("lang", sa.String(), "ISO 639-1 language code."),
    _c("content_hash", sa.String(), "sha256 of the decoded text: loading the same text twice adds nothing."),
    _c("n_chars", sa.Integer(), "Length of the decoded text in characters."),
    _c("article_text", sa.String(), "The decoded text that the quantity offsets point into."),
    _c("load_id", sa.String(), "The load_log run that brought this article."),
    _c("published_precision", sa.String(), PUBLISHED_PRECISION_COMMENT),
    # migration 0009: which extractor read the article, so that one with no quantities is known as current or stale
    _c("extractor_key", HASH(), ARTICLE_EXTRACTOR_COMMENT),
    # migration 0011: the crawl time of a page read from a WARC file
    _c("fetched", sa.DateTime(), FETCHED_COMMENT),
    comment="One row per distinct article text.",
)

dim_unit = sa.Table(
    "dim_unit", metadata,
    _c("unit_key", sa.String(), "The unit code (same as code).", nullable=False),
    _c("code", sa.String(), "Unit code of seeds/units.csv (km, t, USD, percent, count)."),
    _c("dimension", sa.String(), "length, mass, currency, percentage, duration, count, ..."),
    _c("base_unit", sa.String(), "Unit that values of this unit convert to."),
    _c("factor_to_base", sa.Double(), "Multiply a value by this to get base_value (NULL when unknown)."),
    _c("name", sa.String(), "Readable name of the unit."),
    _c("pint_name", sa.String(), "The unit's expression in pint, when pint knows it."),
    _c("source", sa.String(), "Where the row came from: units.csv's source column, or 'derived' from loaded quantities."),
    comment="Units of measurement.",
)

dim_date = sa.Table(
    "dim_date", metadata,
    _c("date_key", sa.Integer(), "YYYYMMDD.", nullable=False),
    _c("date", sa.Date(), "The calendar day."),
    _c("year", sa.Integer(), "Calendar year."),
    _c("quarter", sa.Integer(), "Quarter 1-4."),
    _c("month", sa.Integer(), "Month 1-12."),
    _c("day", sa.Integer(), "Day of month."),
    _c("iso_week", sa.Integer(), "ISO week number."),
    _c("day_of_week", sa.Integer(), "ISO day of week, 1 = Monday."),
    _c("month_name", sa.String(), "English month name."),
    comment="Calendar days that occur as publication dates or period bounds.",
)

dim_language = sa.Table(
    "dim_language", metadata,
    _c("lang", sa.String(), "ISO 639-1 code.", nullable=False),
    _c("name", sa.String(), "English name."),
    _c("native_name", sa.String(), "Name in the language itself."),
    comment="Languages of the articles.",
)

dim_extractor = sa.Table(
    "dim_extractor", metadata,
    _c("extractor_key", HASH(), "Hash of extractor and version.", nullable=False),
    _c("extractor", sa.String(), "Rule or component that produced the quantity."),
    _c("version", sa.String(), "extractors.EXTRACTOR_VERSION at load time."),
    comment="Extraction rules and versions.",
)

load_log = sa.Table(
    "load_log", metadata,
    _c("load_id", sa.String(), "Identifier of one `warehouse load` run.", nullable=False),
    _c("started", sa.DateTime(), "When the run started (UTC)."),
    _c("finished", sa.DateTime(), "When the run ended (UTC); NULL while running or after a crash."),
    _c("status", sa.String(), "running, finished, failed, or interrupted (stopped by Ctrl-C, or killed: the next load "
                              "marks a run it finds still running as interrupted)."),
    _c("paths", sa.String(), "The paths given to the run."),
    _c("extractor_version", sa.String(), "extractors.EXTRACTOR_VERSION used."),
    _c("articles_loaded", sa.Integer(), ARTICLES_LOADED_COMMENT),
    _c("articles_present", sa.Integer(), "Articles skipped because their content was already loaded."),
    _c("quantities", sa.Integer(), "Quantities written by this run."),
    _c("skipped", sa.Integer(), "Files in folders that are not articles (unknown extension)."),
    _c("errors", sa.Integer(), "Inputs rejected (see load_errors)."),
    _c("seconds", sa.Double(), "Wall time of the run."),
    _c("kind", sa.String(), LOAD_KIND_COMMENT),
    comment=LOAD_LOG_COMMENT,
)

load_errors = sa.Table(
    "load_errors", metadata,
    _c("load_id", sa.String(), "The load_log run.", nullable=False),
    _c("path", sa.String(), "The rejected file (with :line for JSONL)."),
    _c("reason", sa.String(), "Why it was rejected."),
    _c("at", sa.DateTime(), "When (UTC)."),
    comment="One row per input a load rejected.",
)

# -- facts across articles (issue 8) ---------------------------------------------------------------
dim_indicator = sa.Table(
    "dim_indicator", metadata,
    _c("indicator_id", sa.String(), "Indicator id (trade_turnover, oil_transit, ...): fact_quantity.indicator.", nullable=False),
    _c("name", sa.String(), "Readable name of the indicator."),
    _c("dimension", sa.String(), "Dimensions a value of the indicator can have (mass|volume|currency ...)."),
    _c("definition", sa.String(), "What the indicator measures."),
    _c("source", sa.String(), "Where the definition comes from."),
    comment="What is measured across articles; from seeds/indicators.csv.",
)

dim_entity = sa.Table(
    "dim_entity", metadata,
    _c("entity_id", sa.String(), "Entity id: ISO 3166-1 alpha-3 for countries (KAZ), else a name (CPC, MIDDLE_CORRIDOR).", nullable=False),
    _c("kind", sa.String(), "country, region, city, company, route, pipeline, organisation, field or port."),
    _c("iso2", sa.String(), "ISO 3166-1 alpha-2 code of a country, else NULL."),
    _c("name", sa.String(), "English name."),
    _c("source", sa.String(), "Where the row comes from (ISO 3166 via pycountry, hand-written); each name has its own in dim_entity_name."),
    comment="Countries, regions, companies, routes and pipelines that figures are about; from seeds/entities.csv.",
)

# names in long form (0007): the languages are the language tables present, not columns
dim_entity_name = sa.Table(
    "dim_entity_name", metadata,
    _c("entity_id", sa.String(), "Key to dim_entity.", nullable=False),
    _c("lang", sa.String(), "Key to dim_language: the language the name is written in.", nullable=False),
    _c("name", sa.String(), "A name or stem matched in text through the language table's suffixes "
                            "(capitalised: capitalised words only; lower case: any case; capitals: capitals only).",
       nullable=False),
    _c("source", sa.String(), "Where the name comes from (CLDR via babel, hand-written)."),
    comment="Names of entities, one row per entity, language and name; from seeds/entity_names.csv.",
)

# bridge_quantity_entity is a view since migration 0014 (sql/views/bridge_quantity_entity_0014.sql)

# -- fact linkage (warehouse/link.py, migration 0010) ------------------------------------------------
link_mention = sa.Table(
    "link_mention", metadata,
    _c("quantity_id", HASH(), "Key to fact_quantity: the mention.", nullable=False),
    _c("fact_id", HASH(), "The fact the mention reports: the quantity_id of the fact's first mention; it stays "
                          "when later articles join the fact.", nullable=False),
    _c("article_id", HASH(), "Key to dim_article (the mention's article).", nullable=False),
    _c("published", sa.Date(), "Publication date of the article, when known."),
    _c("outlet", sa.String(), "Host of the article's URL, else its file name."),
    _c("lang", sa.String(), "Language the mention was read in."),
    _c("dimension", sa.String(), "Dimension of the value (blocking: only equal dimensions compare)."),
    _c("base_unit", sa.String(), "Base unit of the value, the currency for money (blocking)."),
    _c("value", sa.Double(), "The value in base_unit."),
    _c("value_lo", sa.Double(), "Lowest value the written figure can stand for: its rounding and qualifier "
                                "(6.4 -> 6.35; about 6 -> 5; over 32 -> 31.5)."),
    _c("value_hi", sa.Double(), "Highest value the written figure can stand for."),
    _c("value_bucket", sa.Integer(), "Blocking key: the value's position in 100 steps a decade, signed."),
    _c("bucket_lo", sa.Integer(), "value_bucket of value_lo: the interval's first bucket."),
    _c("bucket_hi", sa.Integer(), "value_bucket of value_hi: the interval's last bucket."),
    _c("resolution", sa.Double(), "One unit of the last written digit, in base_unit (113,8 mln t -> 100,000 t)."),
    _c("digits", sa.Integer(), "Significant digits as written (113.8 -> 4; about 6 million -> 1)."),
    _c("qualifier", sa.String(), "approximately, more_than, less_than, at_least, at_most, or NULL."),
    _c("indicator", sa.String(), "What is measured (id of dim_indicator), when recognised."),
    _c("entities", sa.ARRAY(sa.String()), "Entities the figure is about (ids of dim_entity)."),
    _c("period_start", sa.Date(), "First day of the stated period; NULL when none is stated."),
    _c("period_end", sa.Date(), "Last day of the stated period."),
    _c("period_is_target", sa.Boolean(), "True for a target or forecast."),
    _c("words", sa.ARRAY(sa.String()), "Stems (first five letters) of the words of the quantified noun phrase."),
    comment="One row per linked mention: what linkage compares (sql/link/macros.sql) and the fact it joined.",
)

link_representative = sa.Table(
    "link_representative", metadata,
    _c("quantity_id", HASH(), "Key to link_mention and fact_quantity: the representing mention.", nullable=False),
    _c("fact_id", HASH(), "The fact it represents (link_mention.fact_id).", nullable=False),
    _c("published", sa.Date(), "Publication date of its article: the earliest or the latest of its group."),
    _c("dimension", sa.String(), "As link_mention.dimension (blocking)."),
    _c("base_unit", sa.String(), "As link_mention.base_unit (blocking)."),
    _c("value", sa.Double(), "As link_mention.value: the value in base_unit."),
    _c("value_lo", sa.Double(), "As link_mention.value_lo: lowest value the written figure can stand for."),
    _c("value_hi", sa.Double(), "As link_mention.value_hi: highest value the written figure can stand for."),
    _c("value_bucket", sa.Integer(), "As link_mention.value_bucket (blocking key)."),
    _c("bucket_lo", sa.Integer(), "As link_mention.bucket_lo: value_bucket of value_lo."),
    _c("bucket_hi", sa.Integer(), "As link_mention.bucket_hi: value_bucket of value_hi."),
    _c("digits", sa.Integer(), "As link_mention.digits: significant digits as written."),
    _c("indicator", sa.String(), "As link_mention.indicator (id of dim_indicator)."),
    _c("entities", sa.ARRAY(sa.String()), "As link_mention.entities (ids of dim_entity)."),
    _c("period_start", sa.Date(), "As link_mention.period_start: first day of the stated period."),
    _c("period_end", sa.Date(), "As link_mention.period_end: last day of the stated period."),
    _c("period_is_target", sa.Boolean(), "As link_mention.period_is_target: a target or forecast."),
    _c("words", sa.ARRAY(sa.String()), "As link_mention.words: stems of the quantified noun phrase."),
    comment="The mentions that stand for each linked fact when new mentions are linked (warehouse/link.py): of each "
            "group of the fact's mentions that compare alike but for their publication date, the earliest and "
            "the latest published (sql/link/representatives.sql). Derived from link_mention; relink rebuilds it.",
)
