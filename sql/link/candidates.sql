-- Candidate pairs of fact linkage: each new mention of table link_probe (a slice of table link_new,
-- so the pairs one query holds stay bounded, however large the batch) against the representatives of
-- the stored facts (link_representative, sql/link/representatives.sql) and every other new mention,
-- with their score: the pairs that link, those whose hard constraints allow it and whose score
-- reaches link_threshold(). A new mention links to every stored member of a fact exactly when it
-- links to every representative of the fact, so a batch compares with a few rows a fact, however
-- many articles have reported it.
--
-- Blocking, all equality joins (so a batch costs one scan of link_mention, not a product):
-- the same dimension and base unit; a value bucket (BUCKETS_PER_DECADE of warehouse/link.py): one
-- value inside the other's interval, found both ways (the new mention's interval buckets against
-- the other's value bucket, and the buckets around its value that an interval of the other's
-- precision can reach, warehouse/link.py REACH_BY_DIGITS); and a year
-- key: a mention sits at the year its stated period ends, else its publication year, else 0, and
-- probes the years a compatible mention can sit at (a stated period: its years and the next one, for
-- articles published after it; an unstated one: the publication year and either neighbour; neither
-- known: every year).
WITH pool AS NOT MATERIALIZED (
    SELECT quantity_id, fact_id, published, dimension, base_unit, value, value_lo, value_hi,
           value_bucket, bucket_lo, bucket_hi, digits, indicator, entities, period_start, period_end,
           period_is_target, words, false AS is_new
    FROM link_representative
    UNION ALL
    SELECT quantity_id, NULL, published, dimension, base_unit, value, value_lo, value_hi,
           value_bucket, bucket_lo, bucket_hi, digits, indicator, entities, period_start, period_end,
           period_is_target, words, true
    FROM link_new
), pool_keyed AS NOT MATERIALIZED (
    SELECT *, coalesce(year(period_end), year(published), 0) AS year_key FROM pool
), probe_years AS (
    SELECT quantity_id,
           unnest(list_append(
               CASE WHEN period_start IS NOT NULL THEN range(year(period_start), year(period_end) + 2)
                    WHEN published IS NOT NULL THEN range(year(published) - 1, year(published) + 2)
                    ELSE range(1900, 2101) END, 0)) AS year_key
    FROM link_probe
), probe AS (
    SELECT y.year_key, n.*
    FROM probe_years AS y JOIN link_probe AS n USING (quantity_id)
), other_value_in_new_interval AS (
    SELECT p.quantity_id AS a_id, b.*
    FROM (SELECT *, unnest(range(bucket_lo, bucket_hi + 1)) AS bucket FROM probe) AS p
    JOIN pool_keyed AS b
      ON b.dimension = p.dimension AND b.base_unit = p.base_unit AND b.year_key = p.year_key
     AND b.value_bucket = p.bucket
    WHERE b.value BETWEEN p.value_lo AND p.value_hi
      -- cheap hard constraints first, so the comparison levels run on few pairs
      AND (p.indicator IS NULL OR b.indicator IS NULL OR p.indicator = b.indicator)
      AND p.period_is_target = b.period_is_target
      AND p.quantity_id <> b.quantity_id AND (NOT b.is_new OR p.quantity_id < b.quantity_id)
), new_value_in_other_interval AS (
    -- the other's interval is at most $reach buckets from its value, by its significant digits
    -- (class 1, 2, 3, 4+): the new value probes the blocks of $reach buckets (of the other's class)
    -- that hold its own bucket or a neighbour, three a class (not every bucket within reach: a
    -- smaller join), and the intervals decide
    SELECT p.quantity_id AS a_id, b.*
    FROM (SELECT p.*, c.digit_class,
                 unnest(range((p.value_bucket + 100000) // c.reach - 1, (p.value_bucket + 100000) // c.reach + 2)) AS block
          FROM probe AS p
          CROSS JOIN (SELECT unnest(range(1, len($reach) + 1)) AS digit_class, unnest($reach) AS reach) AS c) AS p
    JOIN pool_keyed AS b
      ON b.dimension = p.dimension AND b.base_unit = p.base_unit AND b.year_key = p.year_key
     AND least(b.digits, len($reach)) = p.digit_class
     AND (b.value_bucket + 100000) // $reach[least(b.digits, len($reach))] = p.block
    WHERE p.value BETWEEN b.value_lo AND b.value_hi
      AND NOT (b.value BETWEEN p.value_lo AND p.value_hi)  -- found above already
      AND (p.indicator IS NULL OR b.indicator IS NULL OR p.indicator = b.indicator)
      AND p.period_is_target = b.period_is_target
      AND p.quantity_id <> b.quantity_id AND (NOT b.is_new OR p.quantity_id < b.quantity_id)
), blocked AS (
    SELECT * FROM other_value_in_new_interval UNION ALL SELECT * FROM new_value_in_other_interval
), fact_size AS (
    SELECT fact_id, count(*) AS size FROM link_representative
    WHERE fact_id IN (SELECT fact_id FROM blocked) GROUP BY fact_id
), candidate AS (
    -- a new mention joins a stored fact only if it links to every member (complete linkage), that is
    -- to every representative: its pairs with a fact the blocking did not pair it with entirely
    -- count for nothing, and their levels are not computed
    SELECT b.* FROM blocked AS b LEFT JOIN fact_size AS f USING (fact_id)
    QUALIFY b.fact_id IS NULL OR count(DISTINCT b.quantity_id) OVER (PARTITION BY b.a_id, b.fact_id) = f.size
), levels AS MATERIALIZED (
    -- materialized: a macro is an expression, and every lv.field of the score would otherwise
    -- compute all the levels again
    -- a and b narrowed to what link_levels reads: the macro builds a struct of each whole row
    SELECT a.quantity_id AS a_id, b.quantity_id AS b_id, b.fact_id AS b_fact_id, link_levels(a, b) AS lv
    FROM (SELECT a_id, quantity_id, fact_id, value, value_lo, value_hi, digits, indicator, entities, period_start, period_end, period_is_target, published, words FROM candidate) AS b
    JOIN (SELECT quantity_id, value, value_lo, value_hi, digits, indicator, entities, period_start, period_end, period_is_target, published, words FROM link_new) AS a ON a.quantity_id = b.a_id
), scored AS MATERIALIZED (
    SELECT a_id, b_id, b_fact_id, link_pair_compatible(lv) AS compatible, link_pair_score(lv) AS score
    FROM levels
)
SELECT a_id, b_id, b_fact_id, score
FROM scored
WHERE compatible AND score >= link_threshold()
