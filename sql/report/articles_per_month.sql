-- Coverage: how many articles each language has, month by month (publication date; articles
-- without one are counted under no month). Parameters: $since (DATE or NULL).
SELECT date_trunc('month', published) AS month, lang, count(*) AS articles
FROM dim_article
WHERE $since::DATE IS NULL OR published >= $since::DATE
GROUP BY ALL
ORDER BY month, lang;
