-- The facts the report shows, read once from v_indicator_series into a temporary table that the
-- other report queries (series, disagreements, languages) read. Parameters: $indicator (an id of
-- dim_indicator or NULL), $entity (an id of dim_entity or NULL: facts about it, alone or with
-- others), $since (DATE or NULL: facts whose period ends on or after it, or, when no period is
-- stated, last published on or after it).
CREATE OR REPLACE TEMP TABLE report_fact AS
SELECT fact, indicator, coalesce(indicator_name, indicator) AS indicator_name, entity, entity_ids,
       period_start, period_end, period_is_target, value, unit, n_mentions, n_articles, n_outlets,
       n_languages, languages, first_published, disagreement
FROM v_indicator_series
WHERE ($indicator::VARCHAR IS NULL OR indicator = $indicator::VARCHAR)
  AND ($entity::VARCHAR IS NULL OR list_contains(entity_ids, $entity::VARCHAR))
  AND ($since::DATE IS NULL OR coalesce(period_end, last_published) >= $since::DATE);
