-- Which facts were reported in three or more languages, and by how many outlets?
SELECT fact, indicator_name, entity, period_start, period_end, value, unit,
       n_languages, languages, n_outlets, n_articles, first_published, last_published
FROM v_indicator_series
WHERE n_languages >= 3
ORDER BY n_languages DESC, n_outlets DESC, first_published;
