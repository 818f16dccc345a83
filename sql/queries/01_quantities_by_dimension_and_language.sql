-- How many quantities of each dimension (currency, mass, percentage, ...) were found in each language?
SELECT lang, dimension, count(*) AS quantities, count(DISTINCT article_id) AS articles
FROM v_quantities
GROUP BY lang, dimension
ORDER BY lang, quantities DESC;
