-- How did one indicator (coal production) of one country (Kazakhstan, KAZ) develop over the years, one row per linked fact, with how many outlets and languages reported each value?
SELECT period_start, period_end, period_is_target, value, unit, value_min, value_max,
       n_articles, n_outlets, n_languages, languages, first_published, disagreement
FROM v_indicator_series
WHERE indicator = 'coal_production' AND list_contains(entity_ids, 'KAZ')
ORDER BY period_start NULLS LAST, period_is_target, value;
