-- Which figures were reported with different values in one month (here November 2025)?
SELECT indicator, entities, period_start, period_end, unit,
       value_a, docs_a, langs_a, published_a, value_b, docs_b, langs_b, published_b
FROM v_fact_conflicts
WHERE least(published_a, published_b) < DATE '2025-12-01'
  AND greatest(published_a, published_b) >= DATE '2025-11-01'
ORDER BY indicator, entities, period_start;
