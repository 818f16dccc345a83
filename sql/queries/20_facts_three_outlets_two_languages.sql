-- Which figures were reported by at least three outlets in at least two languages?
SELECT indicator, entities, period_start, period_end, value, unit,
       outlets, languages, language_codes, articles, first_published, last_published, example_sentence
FROM v_facts
WHERE outlets >= 3 AND languages >= 2
ORDER BY outlets DESC, languages DESC, first_published;
