-- The pairs the clustering reads (warehouse/link.py link_new), from the candidate pairs (the
-- candidates query, sql/link/candidates.sql, is read in below): every pair of two new mentions, and for each new
-- mention and stored fact one pair, only when the new mention links to every representative of the
-- fact, i.e. to every stored member (complete linkage needs all of them to join it; a fact it misses
-- a member of stays apart). That pair is the first of its pairs in the clustering's order (best
-- score, then b_id), so the pairs handed to Python grow with the facts a batch meets, not with how
-- many stored mentions each fact has.
WITH pair AS MATERIALIZED (
    SELECT DISTINCT a_id, b_id, b_fact_id, score FROM ({candidates})
), fact_size AS (
    SELECT fact_id, count(*) AS size FROM link_representative
    WHERE fact_id IN (SELECT b_fact_id FROM pair) GROUP BY fact_id
), to_fact AS (
    SELECT a_id, b_id, b_fact_id, score, count(*) OVER w AS linked,
           row_number() OVER (w ORDER BY score DESC, b_id) AS nth
    FROM pair WHERE b_fact_id IS NOT NULL
    WINDOW w AS (PARTITION BY a_id, b_fact_id)
)
SELECT a_id, b_id, b_fact_id, score FROM pair WHERE b_fact_id IS NULL
UNION ALL
SELECT a_id, b_id, b_fact_id, score FROM to_fact JOIN fact_size ON fact_id = b_fact_id
WHERE nth = 1 AND linked = size
ORDER BY score DESC, a_id, b_id
