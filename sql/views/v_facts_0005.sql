-- v_facts and v_fact_conflicts: figures across articles and languages (issue 8).
-- Executed by migration 0005 (statements split with duckdb.extract_statements); the COMMENT ON
-- statements must follow the CREATE VIEW, because re-creating a view drops its comments.
-- Since 0005 the sentence is derived from offsets into the article text (as in v_quantities); the
-- columns and comments are those of 0004 (v_facts_0004.sql, kept for downgrades).
-- An outlet is the host of the article's URL, else (no URL) the article's file name.
CREATE VIEW v_facts AS
SELECT
    f.fact,
    any_value(f.indicator) AS indicator,
    any_value(i.name) AS indicator_name,
    any_value(list_sort(f.entities)) AS entity_ids,
    any_value(array_to_string(list_sort(f.entities), ', ')) AS entities,
    any_value(f.period_start) AS period_start,
    any_value(f.period_end) AS period_end,
    bool_or(coalesce(f.period_is_target, false)) AS period_is_target,
    min(f.base_value) AS value,
    any_value(f.base_unit) AS unit,
    count(*) AS mentions,
    count(DISTINCT f.article_id) AS articles,
    count(DISTINCT f.lang) AS languages,
    string_agg(DISTINCT f.lang, ', ' ORDER BY f.lang) AS language_codes,
    count(DISTINCT coalesce(nullif(regexp_extract(a.url, '://(?:www\.)?([^/:?#]+)', 1), ''), a.doc)) AS outlets,
    string_agg(DISTINCT a.doc, ', ' ORDER BY a.doc) AS docs,
    min(a.published) AS first_published,
    max(a.published) AS last_published,
    arg_min(coalesce(f.sentence_text, substr(a.article_text, f.sentence_start + 1, f.sentence_end - f.sentence_start)), coalesce(a.published, DATE '9999-12-31')) AS example_sentence
FROM fact_quantity AS f
LEFT JOIN dim_article AS a ON a.article_id = f.article_id
LEFT JOIN dim_indicator AS i ON i.indicator_id = f.indicator
WHERE f.fact IS NOT NULL
GROUP BY f.fact;

COMMENT ON VIEW v_facts IS 'One row per fact: the same indicator, entities, period and value (base units, three significant figures) however and wherever it was written, with how many mentions, articles, languages and outlets reported it.';
COMMENT ON COLUMN v_facts.fact IS 'Key of the fact: indicator|entities|period|value unit, derived from the text only (the same in every language).';
COMMENT ON COLUMN v_facts.indicator IS 'What is measured: an id of dim_indicator (trade_turnover, oil_transit, ...).';
COMMENT ON COLUMN v_facts.indicator_name IS 'Readable name of the indicator.';
COMMENT ON COLUMN v_facts.entity_ids IS 'Entities the figure is about, sorted (ids of dim_entity: KAZ, CPC, ...).';
COMMENT ON COLUMN v_facts.entities IS 'The same entities as one comma-separated text.';
COMMENT ON COLUMN v_facts.period_start IS 'First day of the period the figure refers to; NULL when the text states none.';
COMMENT ON COLUMN v_facts.period_end IS 'Last day of the period the figure refers to; NULL when the text states none.';
COMMENT ON COLUMN v_facts.period_is_target IS 'True when the figure is a target or forecast (by 2030) rather than an outcome.';
COMMENT ON COLUMN v_facts.value IS 'The value in base units (the smallest reported value that rounds to the key).';
COMMENT ON COLUMN v_facts.unit IS 'Base unit of value (kg, m, m3, percent, USD, count, ...).';
COMMENT ON COLUMN v_facts.mentions IS 'How many quantities state the fact.';
COMMENT ON COLUMN v_facts.articles IS 'How many distinct articles state the fact.';
COMMENT ON COLUMN v_facts.languages IS 'How many languages the fact was reported in.';
COMMENT ON COLUMN v_facts.language_codes IS 'The languages, comma-separated ISO 639-1 codes.';
COMMENT ON COLUMN v_facts.outlets IS 'How many outlets reported it: hosts of the article URLs, or file names where the URL is unknown.';
COMMENT ON COLUMN v_facts.docs IS 'File names (or JSONL ids) of the articles, comma-separated.';
COMMENT ON COLUMN v_facts.first_published IS 'Earliest publication date among the articles (NULL when none is known).';
COMMENT ON COLUMN v_facts.last_published IS 'Latest publication date among the articles.';
COMMENT ON COLUMN v_facts.example_sentence IS 'One sentence stating the fact (from the earliest article).';

CREATE VIEW v_fact_conflicts AS
WITH per_fact AS (
    SELECT
        f.fact,
        f.indicator,
        array_to_string(list_sort(f.entities), ', ') AS entities,
        f.period_start,
        f.period_end,
        coalesce(f.period_is_target, false) AS period_is_target,
        f.base_unit AS unit,
        min(f.base_value) AS value,
        string_agg(DISTINCT a.doc, ', ' ORDER BY a.doc) AS docs,
        string_agg(DISTINCT f.lang, ', ' ORDER BY f.lang) AS langs,
        min(a.published) AS first_published,
        any_value(coalesce(f.sentence_text, substr(a.article_text, f.sentence_start + 1, f.sentence_end - f.sentence_start))) AS sentence
    FROM fact_quantity AS f
    LEFT JOIN dim_article AS a ON a.article_id = f.article_id
    WHERE f.fact IS NOT NULL
    GROUP BY ALL
)
SELECT
    x.indicator,
    x.entities,
    x.period_start,
    x.period_end,
    x.period_is_target,
    x.unit,
    x.value AS value_a,
    x.docs AS docs_a,
    x.langs AS langs_a,
    x.first_published AS published_a,
    x.sentence AS sentence_a,
    y.value AS value_b,
    y.docs AS docs_b,
    y.langs AS langs_b,
    y.first_published AS published_b,
    y.sentence AS sentence_b
FROM per_fact AS x
JOIN per_fact AS y
  ON x.indicator = y.indicator AND x.entities = y.entities AND x.unit = y.unit
 AND x.period_start IS NOT DISTINCT FROM y.period_start AND x.period_end IS NOT DISTINCT FROM y.period_end
 AND x.period_is_target = y.period_is_target AND x.fact < y.fact AND x.value <> y.value;

COMMENT ON VIEW v_fact_conflicts IS 'Pairs of different values reported for the same indicator, entities and period (and unit), with the articles on each side.';
COMMENT ON COLUMN v_fact_conflicts.indicator IS 'What is measured: an id of dim_indicator.';
COMMENT ON COLUMN v_fact_conflicts.entities IS 'Entities the figure is about, sorted and comma-separated.';
COMMENT ON COLUMN v_fact_conflicts.period_start IS 'First day of the period both sides refer to (NULL when none is stated).';
COMMENT ON COLUMN v_fact_conflicts.period_end IS 'Last day of the period both sides refer to.';
COMMENT ON COLUMN v_fact_conflicts.period_is_target IS 'True when both sides are targets or forecasts.';
COMMENT ON COLUMN v_fact_conflicts.unit IS 'Base unit of both values.';
COMMENT ON COLUMN v_fact_conflicts.value_a IS 'The value one side reports, in base units.';
COMMENT ON COLUMN v_fact_conflicts.docs_a IS 'Articles (file names or JSONL ids) reporting value_a.';
COMMENT ON COLUMN v_fact_conflicts.langs_a IS 'Languages of the articles reporting value_a.';
COMMENT ON COLUMN v_fact_conflicts.published_a IS 'Earliest publication date of the articles reporting value_a.';
COMMENT ON COLUMN v_fact_conflicts.sentence_a IS 'One sentence stating value_a.';
COMMENT ON COLUMN v_fact_conflicts.value_b IS 'The other value, in base units.';
COMMENT ON COLUMN v_fact_conflicts.docs_b IS 'Articles reporting value_b.';
COMMENT ON COLUMN v_fact_conflicts.langs_b IS 'Languages of the articles reporting value_b.';
COMMENT ON COLUMN v_fact_conflicts.published_b IS 'Earliest publication date of the articles reporting value_b.';
COMMENT ON COLUMN v_fact_conflicts.sentence_b IS 'One sentence stating value_b.';
