-- v_quantities: the analyst view, one row per quantity mentioned in one article.
-- Since 0014 it reads v_fact_quantity (fact_quantity with its strings joined back), and the comment of
-- `dimension` is that of migration 0012; otherwise as in 0010.
-- Since 0010 `fact` is the linked fact (link_mention.fact_id, warehouse/link.py) and the extractor's
-- exact key is `fact_key`; otherwise as in 0005.
-- Executed by migration 0014 (0010 before) (statements split with duckdb.extract_statements); the COMMENT ON
-- statements must follow the CREATE VIEW, because re-creating a view drops its comments.
-- Since 0005 fact_quantity stores the sentence as offsets into the article text (sentence_start,
-- sentence_end; sentence_text only when it is not a slice of the text): the view derives it, so its
-- columns and comments are those of 0002 (sql/views/v_quantities.sql, kept for downgrades).
CREATE VIEW v_quantities AS
SELECT
    f.quantity_id,
    f.article_id,
    a.doc,
    a.url,
    a.published,
    f.lang,
    coalesce(f.sentence_text, substr(a.article_text, f.sentence_start + 1, f.sentence_end - f.sentence_start)) AS sentence,
    f."start",
    f."end",
    f.text,
    f.value,
    f.value_max,
    f.unit_key AS unit,
    coalesce(f.dimension, u.dimension) AS dimension,
    f.base_value,
    f.base_unit,
    f.qualifier,
    f.quantified,
    f.subject,
    f.period,
    f.period_start,
    f.period_end,
    f.indicator,
    l.fact_id AS fact,
    f.fact AS fact_key,
    e.extractor,
    e.version AS extractor_version,
    f.load_id
FROM v_fact_quantity AS f
LEFT JOIN dim_article AS a ON a.article_id = f.article_id
LEFT JOIN dim_unit AS u ON u.unit_key = f.unit_key
LEFT JOIN dim_extractor AS e ON e.extractor_key = f.extractor_key
LEFT JOIN link_mention AS l ON l.quantity_id = f.quantity_id;

COMMENT ON VIEW v_quantities IS 'One row per quantity (a number with its unit) mentioned in one news article, with the article, unit and extractor it belongs to.';
COMMENT ON COLUMN v_quantities.quantity_id IS 'Key of the quantity: hash of article, position and offsets.';
COMMENT ON COLUMN v_quantities.article_id IS 'Key of the article: first 16 hex digits of the sha256 of its decoded text.';
COMMENT ON COLUMN v_quantities.doc IS 'File name of the article (for JSONL input, the id of its line).';
COMMENT ON COLUMN v_quantities.url IS 'URL of the article when known.';
COMMENT ON COLUMN v_quantities.published IS 'Publication date of the article when known.';
COMMENT ON COLUMN v_quantities.lang IS 'ISO 639-1 code of the language the quantity was read in (tr, az, en, ru, kk, uz).';
COMMENT ON COLUMN v_quantities.sentence IS 'The sentence the quantity stands in.';
COMMENT ON COLUMN v_quantities."start" IS 'Character offset of the quantity into the article text as decoded.';
COMMENT ON COLUMN v_quantities."end" IS 'Exclusive end offset: the surface text is article_text[start:end].';
COMMENT ON COLUMN v_quantities.text IS 'Surface form as written: number, scale word, unit and an adjacent qualifier word.';
COMMENT ON COLUMN v_quantities.value IS 'The number in the stated unit, scale words applied (63 milyon ton gives 63000000 t).';
COMMENT ON COLUMN v_quantities.value_max IS 'Upper bound of a range (15-18 days gives value 15 and value_max 18), else NULL.';
COMMENT ON COLUMN v_quantities.unit IS 'Unit code (km, t, USD, percent, count); details in dim_unit.';
COMMENT ON COLUMN v_quantities.dimension IS 'Kind of quantity, as in dim_unit.dimension: length, mass, currency, percentage, count, data, ... (`SELECT DISTINCT dimension FROM dim_unit` lists them all).';
COMMENT ON COLUMN v_quantities.base_value IS 'Value converted to base_unit, comparable across units of one dimension; currencies are not converted.';
COMMENT ON COLUMN v_quantities.base_unit IS 'Unit of base_value.';
COMMENT ON COLUMN v_quantities.qualifier IS 'approximately, more_than, less_than, at_least, at_most, or NULL for an exact figure.';
COMMENT ON COLUMN v_quantities.quantified IS 'What is counted or measured (for example oil exports).';
COMMENT ON COLUMN v_quantities.subject IS 'The entity the figure is about (a country, company or route).';
COMMENT ON COLUMN v_quantities.period IS 'Reference period the figure refers to (2024, or 2025-01/2025-07), else NULL.';
COMMENT ON COLUMN v_quantities.period_start IS 'First day of the reference period when known.';
COMMENT ON COLUMN v_quantities.period_end IS 'Last day of the reference period when known.';
COMMENT ON COLUMN v_quantities.indicator IS 'What is measured across articles (trade turnover, oil transit), when recognised.';
COMMENT ON COLUMN v_quantities.fact IS 'The fact the quantity reports, linked across articles and languages (see v_indicator_series, v_fact_links): the quantity_id of its first mention; NULL until linked.';
COMMENT ON COLUMN v_quantities.fact_key IS 'The extractor''s own key of the fact from this sentence alone (indicator|entities|period|value unit), when it can form one.';
COMMENT ON COLUMN v_quantities.extractor IS 'Rule or component that produced the quantity.';
COMMENT ON COLUMN v_quantities.extractor_version IS 'Version of the extraction engine at load time.';
COMMENT ON COLUMN v_quantities.load_id IS 'The warehouse load run that brought the row (see load_log).';
