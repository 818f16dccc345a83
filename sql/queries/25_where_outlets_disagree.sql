-- Where do outlets disagree: the same indicator, entities and period reported with values that do not round to each other, with the outlets and a sentence on each side?
SELECT s.indicator, s.entity, s.period_start, s.period_end, s.unit, s.value, s.n_outlets, s.languages,
       f.docs, f.example_sentence
FROM v_indicator_series AS s
JOIN v_facts AS f USING (fact)
WHERE s.disagreement
ORDER BY s.indicator, s.entity, s.period_start, s.value;
