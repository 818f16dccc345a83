-- Which money amounts are the largest, in which article and sentence, and what are they about?
SELECT doc, published, value, value_max, unit, qualifier, subject, quantified, period, sentence
FROM v_quantities
WHERE dimension = 'currency'
ORDER BY value DESC NULLS LAST
LIMIT 20;
