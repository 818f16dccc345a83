-- Candidate pairs of fact linkage between groups (sql/link/groups.sql): each group of table link_probe
-- (a slice of link_new_group, so the pairs one query holds stay bounded, however large the batch)
-- against the representatives of the stored facts (link_representative,
-- sql/link/representatives.sql) and every group of new mentions, itself included, with the
-- comparison levels they share: every level but the period and publication ones, which read each
-- member's date (sql/link/pairs.sql). A new mention links to every stored member of a fact exactly
-- when it links to every representative of the fact, so a batch compares with a few rows a fact,
-- however many articles have reported it.
--
-- Blocking, all equality joins (so a batch costs one scan of link_mention, not a product):
-- the same dimension and base unit; a value bucket (BUCKETS_PER_DECADE of warehouse/link.py): one
-- value inside the other's interval, found both ways (the probe's interval buckets against
-- the other's value bucket, and the buckets around its value that an interval of the other's
-- precision can reach, warehouse/link.py REACH_BY_DIGITS); and a year
-- key: a mention sits at the year its stated period ends, else its publication year, else 0, and
-- probes the years a compatible mention can sit at (a stated period: its years and the next one, for
-- articles published after it; an unstated one: the publication year and either neighbour; neither
-- known: every year). A pair of two new mentions is probed from its first (by quantity id): the
-- probe's group and the other's group here, the order of the members in sql/link/pairs.sql.
WITH pool AS NOT MATERIALIZED (
    SELECT quantity_id, fact_id, NULL::INTEGER AS grp, published, dimension, base_unit, value, value_lo, value_hi,
           value_bucket, bucket_lo, bucket_hi, digits, indicator, entities, period_start, period_end,
           period_is_target, words
    FROM link_representative
    UNION ALL
    SELECT NULL, NULL, grp, published, dimension, base_unit, value, value_lo, value_hi,
           value_bucket, bucket_lo, bucket_hi, digits, indicator, entities, period_start, period_end,
           period_is_target, words
    FROM link_new_group
), pool_keyed AS NOT MATERIALIZED (
    SELECT *, coalesce(year(period_end), year(published), 0) AS year_key FROM pool
), probe_years AS (
    SELECT grp,
           unnest(list_append(
               CASE WHEN period_start IS NOT NULL THEN range(year(period_start), year(period_end) + 2)
                    WHEN published IS NOT NULL THEN range(year(published) - 1, year(published) + 2)
                    ELSE range(1900, 2101) END, 0)) AS year_key
    FROM link_probe
), probe AS (
    SELECT y.year_key, n.*
    FROM probe_years AS y JOIN link_probe AS n USING (grp)
), other_value_in_new_interval AS (
    SELECT p.grp AS a_grp, b.*
    FROM (SELECT *, unnest(range(bucket_lo, bucket_hi + 1)) AS bucket FROM probe) AS p
    JOIN pool_keyed AS b
      ON b.dimension = p.dimension AND b.base_unit = p.base_unit AND b.year_key = p.year_key
     AND b.value_bucket = p.bucket
    WHERE b.value BETWEEN p.value_lo AND p.value_hi
      -- cheap hard constraints first, so the comparison levels run on few pairs
      AND (p.indicator IS NULL OR b.indicator IS NULL OR p.indicator = b.indicator)
      AND p.period_is_target = b.period_is_target
), new_value_in_other_interval AS (
    -- the other's interval is at most $reach buckets from its value, by its significant digits
    -- (class 1, 2, 3, 4+): the probe's value probes the blocks of $reach buckets (of the other's class)
    -- that hold its own bucket or a neighbour, three a class (not every bucket within reach: a
    -- smaller join), and the intervals decide
    SELECT p.grp AS a_grp, b.*
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
), blocked AS (
    SELECT * FROM other_value_in_new_interval UNION ALL SELECT * FROM new_value_in_other_interval
), fact_size AS (
    SELECT fact_id, count(*) AS size FROM link_representative
    WHERE fact_id IN (SELECT fact_id FROM blocked) GROUP BY fact_id
), whole_fact AS (
    -- a new mention joins a stored fact only if it links to every member (complete linkage), that is
    -- to every representative: its pairs with a fact the blocking did not pair it with entirely
    -- count for nothing, and their levels are not computed (the blocking finds each pair once: a
    -- count of pairs is one of representatives)
    SELECT b.a_grp, b.fact_id FROM blocked AS b JOIN fact_size AS f USING (fact_id)
    GROUP BY b.a_grp, b.fact_id, f.size HAVING count(*) = f.size
), candidate AS (
    SELECT * FROM blocked WHERE fact_id IS NULL
    UNION ALL
    SELECT b.* FROM blocked AS b SEMI JOIN whole_fact AS w ON w.a_grp = b.a_grp AND w.fact_id = b.fact_id
)
-- the levels of each pair of groups, and of each group and representative, but for the period and
-- publication levels, which read each member's date (sql/link/pairs.sql): each level of link_levels
-- (sql/link/macros.sql) by its own macro, a column each, so that a filter on some of them computes
-- no others
SELECT a.grp AS a_grp, a.period_start AS a_period_start, a.period_end AS a_period_end,
       a.period_is_target AS a_period_is_target, b.grp AS b_grp, b.quantity_id AS b_id, b.fact_id AS b_fact_id,
       b.period_start AS b_period_start, b.period_end AS b_period_end, b.period_is_target AS b_period_is_target,
       b.published AS b_published,
       link_level_value(a.value, a.value_lo, a.value_hi, b.value, b.value_lo, b.value_hi) AS value_level,
       link_level_digits(a.digits, b.digits) AS digits_level,
       link_level_indicator(a.indicator, b.indicator) AS indicator_level,
       link_level_entities(a.entities, b.entities) AS entities_level,
       link_level_words(a.words, b.words) AS words_level
FROM candidate AS b JOIN link_new_group AS a ON a.grp = b.a_grp
