-- Which subjects (countries, companies, routes) have the most figures, and of which kinds?
SELECT coalesce(subject, '(unknown)') AS subject,
       count(*) AS quantities,
       string_agg(DISTINCT dimension, ', ' ORDER BY dimension) AS dimensions
FROM v_quantities
GROUP BY 1
ORDER BY quantities DESC, subject
LIMIT 25;
