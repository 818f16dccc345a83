-- v_facts and v_fact_conflicts over the linked facts (migration 0010): v_facts is v_indicator_series
-- with the articles and one sentence, under the column names of 0004/0005; v_fact_conflicts pairs
-- the facts that v_indicator_series flags as disagreeing. The COMMENT ON statements follow each
-- CREATE VIEW, because re-creating a view drops its comments.
CREATE VIEW v_facts AS
WITH docs AS (
    SELECT
        l.fact_id,
        string_agg(DISTINCT a.doc, ', ' ORDER BY a.doc) AS docs,
        arg_min(coalesce(f.sentence_text, substr(a.article_text, f.sentence_start + 1, f.sentence_end - f.sentence_start)),
                coalesce(a.published, DATE '9999-12-31')) AS example_sentence
    FROM link_mention AS l
    JOIN fact_quantity AS f ON f.quantity_id = l.quantity_id
    LEFT JOIN dim_article AS a ON a.article_id = l.article_id
    GROUP BY l.fact_id
)
SELECT
    s.fact,
    s.indicator,
    s.indicator_name,
    s.entity_ids,
    s.entity AS entities,
    s.period_start,
    s.period_end,
    s.period_is_target,
    s.value,
    s.unit,
    s.n_mentions AS mentions,
    s.n_articles AS articles,
    s.n_languages AS languages,
    s.languages AS language_codes,
    s.n_outlets AS outlets,
    d.docs,
    s.first_published,
    s.last_published,
    d.example_sentence
FROM v_indicator_series AS s
JOIN docs AS d ON d.fact_id = s.fact;

COMMENT ON VIEW v_facts IS 'One row per linked fact (v_indicator_series, with the articles and one sentence): the same figure however and wherever it was written, with how many mentions, articles, languages and outlets reported it.';
COMMENT ON COLUMN v_facts.fact IS 'Key of the fact (v_quantities.fact): the quantity_id of its first mention; it stays when later articles join.';
COMMENT ON COLUMN v_facts.indicator IS 'What is measured: an id of dim_indicator (trade_turnover, oil_transit, ...); NULL when no mention names it.';
COMMENT ON COLUMN v_facts.indicator_name IS 'Readable name of the indicator.';
COMMENT ON COLUMN v_facts.entity_ids IS 'Entities the figure is about, sorted (ids of dim_entity: KAZ, CPC, ...).';
COMMENT ON COLUMN v_facts.entities IS 'The same entities as one comma-separated text.';
COMMENT ON COLUMN v_facts.period_start IS 'First day of the period the figure refers to; NULL when the text states none.';
COMMENT ON COLUMN v_facts.period_end IS 'Last day of the period the figure refers to; NULL when the text states none.';
COMMENT ON COLUMN v_facts.period_is_target IS 'True when the figure is a target or forecast (by 2030) rather than an outcome.';
COMMENT ON COLUMN v_facts.value IS 'The value in base units: the median of the mentions.';
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
SELECT
    x.indicator,
    x.entities,
    x.period_start,
    x.period_end,
    x.period_is_target,
    x.unit,
    x.value AS value_a,
    x.docs AS docs_a,
    x.language_codes AS langs_a,
    x.first_published AS published_a,
    x.example_sentence AS sentence_a,
    y.value AS value_b,
    y.docs AS docs_b,
    y.language_codes AS langs_b,
    y.first_published AS published_b,
    y.example_sentence AS sentence_b
FROM v_facts AS x
JOIN v_facts AS y
  ON x.indicator = y.indicator AND x.entity_ids = y.entity_ids AND x.unit = y.unit
 AND x.period_start = y.period_start AND x.period_end = y.period_end
 AND x.period_is_target = y.period_is_target AND x.fact < y.fact AND x.value <> y.value
WHERE len(x.entity_ids) > 0;

COMMENT ON VIEW v_fact_conflicts IS 'Pairs of linked facts with the same indicator, entities and period (and unit) whose values do not round to each other, with the articles on each side.';
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
