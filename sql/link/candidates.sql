-- Candidate pairs of fact linkage: each new mention (table link_new) against every mention stored
-- (link_mention) and every other new one, blocked on dimension, base unit and value bucket (a new
-- mention probes the buckets its value interval can reach), with every comparison level, the score
-- and whether the hard constraints allow the link. Pairs whose values differ are dropped here.
WITH probe AS (
    SELECT n.*, unnest(range(n.value_bucket - $reach, n.value_bucket + $reach + 1)) AS bucket
    FROM link_new AS n
), pool AS (
    SELECT quantity_id, fact_id, article_id, published, dimension, base_unit, value, value_lo, value_hi,
           value_bucket, digits, indicator, entities, period_start, period_end, period_is_target, words,
           false AS is_new
    FROM link_mention
    UNION ALL
    SELECT quantity_id, NULL, article_id, published, dimension, base_unit, value, value_lo, value_hi,
           value_bucket, digits, indicator, entities, period_start, period_end, period_is_target, words, true
    FROM link_new
), levels AS (
    SELECT
        a.quantity_id AS a_id,
        b.quantity_id AS b_id,
        b.fact_id AS b_fact_id,
        link_level_value(a.value, a.value_lo, a.value_hi, b.value, b.value_lo, b.value_hi) AS value_level,
        link_level_digits(a.digits, b.digits) AS digits_level,
        link_level_indicator(a.indicator, b.indicator) AS indicator_level,
        link_level_entities(a.entities, b.entities) AS entities_level,
        link_level_period(a.period_start, a.period_end, a.period_is_target, a.published,
                          b.period_start, b.period_end, b.period_is_target, b.published) AS period_level,
        link_level_published(a.published, b.published) AS published_level,
        link_level_words(a.words, b.words) AS words_level
    FROM probe AS a
    JOIN pool AS b
      ON b.dimension = a.dimension AND b.base_unit = a.base_unit AND b.value_bucket = a.bucket
    WHERE a.quantity_id <> b.quantity_id AND (NOT b.is_new OR a.quantity_id < b.quantity_id)
)
SELECT a_id, b_id, b_fact_id,
       link_score(value_level, digits_level, indicator_level, entities_level, period_level,
                  published_level, words_level) AS score
FROM levels
WHERE link_compatible(value_level, indicator_level, entities_level, period_level)
