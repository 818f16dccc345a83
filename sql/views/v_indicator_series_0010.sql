-- v_indicator_series: one row per linked fact (warehouse/link.py), the shape analysts chart:
-- indicator, entity, period, one value, and who reported it. Executed by migration 0010; the COMMENT
-- ON statements follow the CREATE VIEW because re-creating a view drops its comments.
-- The mentions of one fact are compatible pairwise (linkage's hard constraints), so their known
-- indicators are equal, their entity sets nested and their stated periods equal or inside one year:
-- the fact takes the indicator, the largest entity set and the narrowest stated period.
CREATE VIEW v_indicator_series AS
WITH fact AS (
    SELECT
        l.fact_id AS fact,
        max(l.indicator) AS indicator,
        arg_max(list_sort(list_distinct(l.entities)), len(l.entities)) AS entity_ids,
        arg_min(struct_pack(s := l.period_start, e := l.period_end), date_diff('day', l.period_start, l.period_end))
            FILTER (WHERE l.period_start IS NOT NULL) AS period,
        bool_or(l.period_is_target) AS period_is_target,
        median(l.value) AS value,
        any_value(l.base_unit) AS unit,
        min(l.value) AS value_min,
        max(l.value) AS value_max,
        count(*) AS n_mentions,
        count(DISTINCT l.article_id) AS n_articles,
        count(DISTINCT l.outlet) AS n_outlets,
        count(DISTINCT l.lang) AS n_languages,
        string_agg(DISTINCT l.lang, ', ' ORDER BY l.lang) AS languages,
        min(l.published) AS first_published,
        max(l.published) AS last_published
    FROM link_mention AS l
    GROUP BY l.fact_id
)
SELECT
    f.fact,
    f.indicator,
    i.name AS indicator_name,
    array_to_string(f.entity_ids, ', ') AS entity,
    f.entity_ids,
    f.period.s AS period_start,
    f.period.e AS period_end,
    f.period_is_target,
    f.value,
    f.unit,
    f.value_min,
    f.value_max,
    f.n_mentions,
    f.n_articles,
    f.n_outlets,
    f.n_languages,
    f.languages,
    f.first_published,
    f.last_published,
    -- another fact with the same indicator, entities, period and unit reports a different value
    f.indicator IS NOT NULL AND len(f.entity_ids) > 0 AND f.period.s IS NOT NULL
        AND count(*) OVER (PARTITION BY f.indicator, f.entity_ids, f.period, f.period_is_target, f.unit) > 1
        AS disagreement
FROM fact AS f
LEFT JOIN dim_indicator AS i ON i.indicator_id = f.indicator;

COMMENT ON VIEW v_indicator_series IS 'One row per fact: a figure reported by one or more articles, outlets and languages, linked across their rounding, units, scripts and wording, with one value and who reported it.';
COMMENT ON COLUMN v_indicator_series.fact IS 'Key of the fact (v_quantities.fact): the quantity_id of its first mention; it stays when later articles join.';
COMMENT ON COLUMN v_indicator_series.indicator IS 'What is measured: an id of dim_indicator (trade_turnover, coal_production, ...); NULL when no mention names it.';
COMMENT ON COLUMN v_indicator_series.indicator_name IS 'Readable name of the indicator.';
COMMENT ON COLUMN v_indicator_series.entity IS 'Entities the figure is about (ids of dim_entity, comma-separated: KAZ, TUR); empty when none is known.';
COMMENT ON COLUMN v_indicator_series.entity_ids IS 'The same entities as a sorted list, for list_contains(entity_ids, ''KAZ'').';
COMMENT ON COLUMN v_indicator_series.period_start IS 'First day of the period the figure refers to (the narrowest stated by a mention); NULL when none states one.';
COMMENT ON COLUMN v_indicator_series.period_end IS 'Last day of that period.';
COMMENT ON COLUMN v_indicator_series.period_is_target IS 'True when the figure is a target or forecast (by 2030) rather than an outcome.';
COMMENT ON COLUMN v_indicator_series.value IS 'The value in unit: the median of the mentions (each converted to the base unit).';
COMMENT ON COLUMN v_indicator_series.unit IS 'Base unit of the values (kg, m, m3, W, percent, count, or the currency).';
COMMENT ON COLUMN v_indicator_series.value_min IS 'Smallest value a mention reported (rounded figures included), in unit.';
COMMENT ON COLUMN v_indicator_series.value_max IS 'Largest value a mention reported, in unit.';
COMMENT ON COLUMN v_indicator_series.n_mentions IS 'How many quantities state the fact (a headline and the body count twice).';
COMMENT ON COLUMN v_indicator_series.n_articles IS 'How many distinct articles state the fact.';
COMMENT ON COLUMN v_indicator_series.n_outlets IS 'How many outlets: hosts of the article URLs, or file names where no URL is known.';
COMMENT ON COLUMN v_indicator_series.n_languages IS 'How many languages the fact was reported in.';
COMMENT ON COLUMN v_indicator_series.languages IS 'The languages, comma-separated ISO 639-1 codes.';
COMMENT ON COLUMN v_indicator_series.first_published IS 'Earliest publication date of the articles (NULL when none is known).';
COMMENT ON COLUMN v_indicator_series.last_published IS 'Latest publication date of the articles.';
COMMENT ON COLUMN v_indicator_series.disagreement IS 'True when another fact has the same indicator, entities, period and unit but a value that does not round to this one: outlets disagree (see v_fact_conflicts).';
