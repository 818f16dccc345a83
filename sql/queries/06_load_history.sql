-- What did each load run do, did it finish, and which inputs did it reject?
SELECT l.load_id, l.started, l.status, l.articles_loaded, l.articles_present, l.quantities,
       l.errors, round(l.seconds, 2) AS seconds,
       (SELECT string_agg(e.path || ': ' || e.reason, '; ') FROM load_errors AS e WHERE e.load_id = l.load_id)
           AS rejected
FROM load_log AS l
ORDER BY l.started;
