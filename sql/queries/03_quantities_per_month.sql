-- How many articles and quantities were published per month (calendar from dim_date)?
SELECT d.year, d.month, d.month_name,
       count(DISTINCT f.article_id) AS articles,
       count(*) AS quantities
FROM fact_quantity AS f
JOIN dim_date AS d ON d.date_key = f.published_date_key
GROUP BY d.year, d.month, d.month_name
ORDER BY d.year, d.month;
