-- The pairs the clustering reads (warehouse/link.py link_new), from the candidate pairs of groups (the
-- candidates query, sql/link/candidates.sql, is read in below): every pair of two new mentions that
-- links, by its members' numbers (link_new_member.n, the first as a_n), and for each new mention and
-- stored fact one pair, only when the new mention links to every representative of the fact, i.e.
-- to every stored member (complete linkage needs all of them to join it; a fact it misses a member
-- of stays apart). That pair is the best of its pairs in the clustering's order (best score, then
-- b_id), so the pairs handed to Python grow with the facts a batch meets, not with how many stored
-- mentions each fact has.
--
-- A pair's levels are its groups' (the same for every two members), but for the period and
-- publication levels, which read the members' dates: computed here by the same macros, they make
-- the same levels and score as comparing the two mentions whole.
WITH linkable AS MATERIALIZED (
    -- the levels two groups share already forbid a link (whatever the period): no members are paired
    SELECT * FROM ({candidates}) WHERE link_compatible(value_level, indicator_level, entities_level, 'equal')
), of_member AS MATERIALIZED (
    -- each group pair once for each member of its first group; materialized, so that the members of
    -- the other join it next (joined first, two groups' members would be paired before their groups:
    -- the plan in a transaction, where the new tables have no statistics yet)
    SELECT g.*, x.n AS a_n, x.published AS a_published
    FROM linkable AS g JOIN link_new_member AS x ON x.grp = g.a_grp
), member_pair AS (
    SELECT g.a_n, y.n AS b_n, NULL AS b_id, NULL AS b_fact_id, g.value_level, g.digits_level, g.indicator_level,
           g.entities_level, g.words_level,
           link_level_period(g.a_period_start, g.a_period_end, g.a_period_is_target, g.a_published,
                             g.b_period_start, g.b_period_end, g.b_period_is_target, y.published) AS period,
           link_level_published(g.a_published, y.published) AS published
    FROM of_member AS g
    JOIN link_new_member AS y ON y.grp = g.b_grp AND g.a_n < y.n
    WHERE g.b_fact_id IS NULL
    UNION ALL
    SELECT a_n, NULL, b_id, b_fact_id, value_level, digits_level, indicator_level, entities_level, words_level,
           link_level_period(a_period_start, a_period_end, a_period_is_target, a_published,
                             b_period_start, b_period_end, b_period_is_target, b_published),
           link_level_published(a_published, b_published)
    FROM of_member
    WHERE b_fact_id IS NOT NULL
), pair AS (
    SELECT a_n, b_n, b_id, b_fact_id,
           link_score(value_level, digits_level, indicator_level, entities_level, period, published,
                      words_level)::DOUBLE AS score
    FROM member_pair
    WHERE link_compatible(value_level, indicator_level, entities_level, period)
), linked AS MATERIALIZED (
    SELECT * FROM pair WHERE score >= link_threshold()
), fact_size AS (
    SELECT fact_id, count(*) AS size FROM link_representative
    WHERE fact_id IN (SELECT b_fact_id FROM linked) GROUP BY fact_id
), to_fact AS (
    SELECT a_n, b_n, b_id, b_fact_id, score, count(*) OVER w AS linked,
           row_number() OVER (w ORDER BY score DESC, b_id) AS nth
    FROM linked WHERE b_fact_id IS NOT NULL
    WINDOW w AS (PARTITION BY a_n, b_fact_id)
)
SELECT a_n, b_n, b_id, b_fact_id, score FROM linked WHERE b_fact_id IS NULL
UNION ALL
SELECT a_n, b_n, b_id, b_fact_id, score FROM to_fact JOIN fact_size ON fact_id = b_fact_id
WHERE nth = 1 AND linked = size
