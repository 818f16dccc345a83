-- The facts reported in the most languages (then by the most outlets): the $max_facts first.
SELECT fact, indicator_name, entity, period_start, period_end, period_is_target, value, unit,
       n_languages, languages, n_outlets, n_articles, first_published
FROM report_fact
ORDER BY n_languages DESC, n_outlets DESC, n_articles DESC, fact
LIMIT $max_facts;
