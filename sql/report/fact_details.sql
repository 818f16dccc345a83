-- Who reported each shown fact and in what words: its outlets (the first $max_outlets by name, and
-- how many) and one sentence (from the earliest article), for the facts in report_shown only.
SELECT q.fact,
       list_slice(list_sort(list_distinct(list(l.outlet))), 1, $max_outlets) AS outlets,
       count(DISTINCT l.outlet) AS n_outlets,
       arg_min(q.sentence, (coalesce(q.published, DATE '9999-12-31'), q.quantity_id)) AS sentence
FROM v_quantities AS q
JOIN link_mention AS l ON l.quantity_id = q.quantity_id
WHERE q.fact IN (SELECT fact FROM report_shown)
GROUP BY q.fact;
