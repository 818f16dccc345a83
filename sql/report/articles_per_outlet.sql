-- Coverage: the outlets with the most articles, by language. The outlet is the host of the article's
-- URL, else its file name (the rule of warehouse.link.outlet). Parameters: $since, $max_outlets.
WITH article AS (
    SELECT coalesce(nullif(lower(regexp_extract(url, '://(?:www\.)?([^/:?#]+)', 1)), ''), doc) AS outlet, lang
    FROM dim_article
    WHERE $since::DATE IS NULL OR published >= $since::DATE
),
top AS (
    SELECT outlet, count(*) AS total FROM article GROUP BY outlet ORDER BY total DESC, outlet LIMIT $max_outlets
)
SELECT a.outlet, a.lang, count(*) AS articles, any_value(t.total) AS total
FROM article AS a
JOIN top AS t USING (outlet)
GROUP BY ALL
ORDER BY total DESC, a.outlet, a.lang;
