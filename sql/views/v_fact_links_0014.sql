-- v_fact_links: why two mentions are one fact. For each pair of mentions of one linked fact, every
-- comparison level of linkage (the macros of sql/link/macros.sql, the same the linker used) and the
-- score. Clustering is complete linkage, so every pair of a fact passes the hard constraints and
-- scores link_threshold() or more.
-- Since 0014 the surface texts come from v_fact_quantity. Executed by migration 0014 (0010 before); the COMMENT ON statements follow the CREATE VIEW.
CREATE VIEW v_fact_links AS
WITH pair AS (
    SELECT
        a.fact_id AS fact,
        a.quantity_id AS quantity_a,
        b.quantity_id AS quantity_b,
        a.lang AS lang_a,
        b.lang AS lang_b,
        a.outlet AS outlet_a,
        b.outlet AS outlet_b,
        link_levels(a, b) AS lv
    FROM link_mention AS a
    JOIN link_mention AS b ON b.fact_id = a.fact_id AND a.quantity_id < b.quantity_id
)
SELECT
    p.fact,
    p.quantity_a,
    p.quantity_b,
    qa.text AS text_a,
    qb.text AS text_b,
    p.lang_a,
    p.lang_b,
    p.outlet_a,
    p.outlet_b,
    p.lv.value AS value_level,
    p.lv.digits AS digits_level,
    p.lv.indicator AS indicator_level,
    p.lv.entities AS entities_level,
    p.lv.period AS period_level,
    p.lv.published AS published_level,
    p.lv.words AS words_level,
    link_pair_score(p.lv) AS score
FROM pair AS p
LEFT JOIN v_fact_quantity AS qa ON qa.quantity_id = p.quantity_a
LEFT JOIN v_fact_quantity AS qb ON qb.quantity_id = p.quantity_b;

COMMENT ON VIEW v_fact_links IS 'One row per pair of mentions of one linked fact: each comparison level of linkage and the score (sql/link/macros.sql), to see why they were linked.';
COMMENT ON COLUMN v_fact_links.fact IS 'The fact both mentions report (v_indicator_series.fact).';
COMMENT ON COLUMN v_fact_links.quantity_a IS 'One mention (v_quantities.quantity_id).';
COMMENT ON COLUMN v_fact_links.quantity_b IS 'The other mention.';
COMMENT ON COLUMN v_fact_links.text_a IS 'Surface text of mention a as written.';
COMMENT ON COLUMN v_fact_links.text_b IS 'Surface text of mention b as written.';
COMMENT ON COLUMN v_fact_links.lang_a IS 'Language of mention a.';
COMMENT ON COLUMN v_fact_links.lang_b IS 'Language of mention b.';
COMMENT ON COLUMN v_fact_links.outlet_a IS 'Outlet of mention a (URL host, else file name).';
COMMENT ON COLUMN v_fact_links.outlet_b IS 'Outlet of mention b.';
COMMENT ON COLUMN v_fact_links.value_level IS 'equal, or within_rounding: one value inside the interval the other''s written digits and qualifier allow (6.43 and 6.4; 32.4 and over 32).';
COMMENT ON COLUMN v_fact_links.digits_level IS 'Significant digits of the less precise figure: 3+, 2 or 1 (a match of 113.8 says more than a match of 2%).';
COMMENT ON COLUMN v_fact_links.indicator_level IS 'equal, or unknown (one or both name no indicator).';
COMMENT ON COLUMN v_fact_links.entities_level IS 'equal, subset (one entity set inside the other), or unknown (one names none).';
COMMENT ON COLUMN v_fact_links.period_level IS 'equal; within_year (one is a whole year containing the other); one_unstated (the unstated one''s publication falls within 12 months after the stated period); both_unstated (published within 12 months of each other).';
COMMENT ON COLUMN v_fact_links.published_level IS 'Distance of the publication dates: same_week, two_months, further, or unknown.';
COMMENT ON COLUMN v_fact_links.words_level IS 'shared: the quantified noun phrases share a word stem; else none.';
COMMENT ON COLUMN v_fact_links.score IS 'Sum of the weights of the levels (link_score in sql/link/macros.sql).';
