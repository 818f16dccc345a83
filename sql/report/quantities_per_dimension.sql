-- Coverage: how many quantities of each dimension (currency, mass, percentage, ...) every language
-- holds. Parameters: $since (publication date).
SELECT coalesce(k.dimension, u.dimension, 'unknown') AS dimension, k.lang, count(*) AS quantities
FROM fact_quantity AS f
LEFT JOIN dim_quantity_kind AS k ON k.kind_key = f.kind_key
LEFT JOIN dim_unit AS u ON u.unit_key = k.unit_key
LEFT JOIN dim_article AS a ON a.article_id = f.article_id
WHERE $since::DATE IS NULL OR a.published >= $since::DATE
GROUP BY ALL
ORDER BY dimension, k.lang;
