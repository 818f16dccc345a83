-- Coverage: the latest load and re-extraction runs, newest first. Parameters: $max_loads.
SELECT started, kind, status, articles_loaded, articles_present, quantities, errors, round(seconds, 1) AS seconds
FROM load_log
ORDER BY started DESC
LIMIT $max_loads;
