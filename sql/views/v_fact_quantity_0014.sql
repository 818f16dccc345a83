-- v_fact_quantity: fact_quantity with its strings joined back (migration 0014), under the column
-- names and in the order fact_quantity had before: what v_quantities, v_fact_links and the readers
-- of the program (linkage, reports) read. Since 0014 fact_quantity is numbers and keys: the
-- descriptive strings are in dim_phrase, dim_entity_set and dim_quantity_kind, and the surface text
-- is article_text[start:end] (text_key only where it is not).
-- Executed by migration 0014; the COMMENT ON statements follow the CREATE VIEW, because
-- re-creating a view drops its comments.
CREATE VIEW v_fact_quantity AS
SELECT
    f.quantity_id,
    f.article_id,
    k.unit_key,
    f.published_date_key,
    k.lang,
    k.extractor_key,
    f.load_id,
    f.ordinal,
    f."start",
    f."end",
    coalesce(t.phrase, substr(a.article_text, f."start" + 1, f."end" - f."start")) AS text,
    f.value,
    f.value_max,
    f.base_value,
    k.base_unit,
    k.dimension,
    k.qualifier,
    q.phrase AS quantified,
    s.phrase AS subject,
    p.phrase AS period,
    f.period_start,
    f.period_end,
    f.period_is_target,
    k.indicator,
    e.entities,
    st.phrase AS fact,
    f.sentence_start,
    f.sentence_end,
    f.sentence_text
FROM fact_quantity AS f
LEFT JOIN dim_quantity_kind AS k ON k.kind_key = f.kind_key
LEFT JOIN dim_entity_set AS e ON e.entities_key = f.entities_key
LEFT JOIN dim_phrase AS q ON q.phrase_key = f.quantified_key
LEFT JOIN dim_phrase AS s ON s.phrase_key = f.subject_key
LEFT JOIN dim_phrase AS p ON p.phrase_key = f.period_key
LEFT JOIN dim_phrase AS st ON st.phrase_key = f.fact_statement_key
LEFT JOIN dim_phrase AS t ON t.phrase_key = f.text_key
LEFT JOIN dim_article AS a ON a.article_id = f.article_id;

COMMENT ON VIEW v_fact_quantity IS 'One row per quantity mentioned in one article: fact_quantity with its strings joined back from dim_phrase, dim_entity_set and dim_quantity_kind, as the table was before migration 0014.';
COMMENT ON COLUMN v_fact_quantity.quantity_id IS 'Hash of article_id, ordinal, start and end: one quantity in one article.';
COMMENT ON COLUMN v_fact_quantity.article_id IS 'Key to dim_article.';
COMMENT ON COLUMN v_fact_quantity.unit_key IS 'Key to dim_unit (the unit code).';
COMMENT ON COLUMN v_fact_quantity.published_date_key IS 'Key to dim_date (YYYYMMDD) of the article''s publication date.';
COMMENT ON COLUMN v_fact_quantity.lang IS 'Key to dim_language (ISO 639-1 code of the language table that read the quantity).';
COMMENT ON COLUMN v_fact_quantity.extractor_key IS 'Key to dim_extractor.';
COMMENT ON COLUMN v_fact_quantity.load_id IS 'The load_log run that brought this row.';
COMMENT ON COLUMN v_fact_quantity.ordinal IS 'Position of the quantity among the article''s quantities (0-based).';
COMMENT ON COLUMN v_fact_quantity."start" IS 'Character offset of the surface text into the decoded article text.';
COMMENT ON COLUMN v_fact_quantity."end" IS 'Exclusive end offset: text = article_text[start:end].';
COMMENT ON COLUMN v_fact_quantity.text IS 'Surface form as written in the article.';
COMMENT ON COLUMN v_fact_quantity.value IS 'The number in `unit`, scale words applied (63 milyon ton -> 63000000).';
COMMENT ON COLUMN v_fact_quantity.value_max IS 'Upper bound of a range (15-18 days -> value 15, value_max 18), else NULL.';
COMMENT ON COLUMN v_fact_quantity.base_value IS 'Value converted to base_unit (pint); currencies stay as they are.';
COMMENT ON COLUMN v_fact_quantity.base_unit IS 'Unit of base_value.';
COMMENT ON COLUMN v_fact_quantity.dimension IS 'What kind of quantity: length, mass, currency, percentage, duration, count, ...';
COMMENT ON COLUMN v_fact_quantity.qualifier IS 'approximately, more_than, less_than, at_least, at_most, or NULL.';
COMMENT ON COLUMN v_fact_quantity.quantified IS 'What is counted or measured.';
COMMENT ON COLUMN v_fact_quantity.subject IS 'The entity the figure is about.';
COMMENT ON COLUMN v_fact_quantity.period IS 'Reference period label (2024, 2025-01/2025-07).';
COMMENT ON COLUMN v_fact_quantity.period_start IS 'First day of the reference period.';
COMMENT ON COLUMN v_fact_quantity.period_end IS 'Last day of the reference period.';
COMMENT ON COLUMN v_fact_quantity.period_is_target IS 'True when the period is a target or forecast rather than an outcome.';
COMMENT ON COLUMN v_fact_quantity.indicator IS 'What is measured across articles (trade turnover, oil transit, ...).';
COMMENT ON COLUMN v_fact_quantity.entities IS 'Entities the figure is about.';
COMMENT ON COLUMN v_fact_quantity.fact IS 'Normalised statement of the fact, when the extractor can form one.';
COMMENT ON COLUMN v_fact_quantity.sentence_start IS 'Character offset of the quantity''s sentence into the decoded article text (v_quantities.sentence = article_text[sentence_start:sentence_end]).';
COMMENT ON COLUMN v_fact_quantity.sentence_end IS 'Exclusive end offset of the quantity''s sentence in the article text.';
COMMENT ON COLUMN v_fact_quantity.sentence_text IS 'The sentence, only when it is not a slice of the article text (sentence_start is then NULL); else NULL.';
