-- The indicator series charted: one point per fact (an outcome, not a target, with an indicator,
-- entities and a stated period), one line per entity set. Capped so that the page does not grow
-- with the warehouse: the $max_charts indicators (each in one unit) with the most facts, in each the
-- $max_lines entity sets with the most facts, and on each line the latest $max_points periods.
WITH charted AS (
    SELECT * FROM report_fact
    WHERE indicator IS NOT NULL AND period_start IS NOT NULL AND NOT period_is_target AND entity <> ''
),
chart AS (
    SELECT indicator, unit, count(*) AS facts FROM charted GROUP BY ALL
    ORDER BY facts DESC, indicator, unit LIMIT $max_charts
),
line AS (
    SELECT indicator, unit, entity FROM (
        SELECT c.indicator, c.unit, c.entity,
               row_number() OVER (PARTITION BY c.indicator, c.unit ORDER BY count(*) DESC, c.entity) AS rank
        FROM charted AS c SEMI JOIN chart AS k ON k.indicator = c.indicator AND k.unit = c.unit
        GROUP BY c.indicator, c.unit, c.entity)
    WHERE rank <= $max_lines
),
point AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.indicator, c.unit, c.entity
                                   ORDER BY c.period_end DESC, c.n_mentions DESC, c.fact) AS rank
    FROM charted AS c SEMI JOIN line AS l ON l.indicator = c.indicator AND l.unit = c.unit AND l.entity = c.entity
)
SELECT p.fact, p.indicator, p.indicator_name, p.unit, p.entity, p.period_start, p.period_end,
       p.period_start + ((p.period_end - p.period_start) // 2)::INTEGER AS period_middle,
       p.value, p.n_mentions, p.n_languages, p.languages, p.disagreement, k.facts AS chart_facts
FROM point AS p
JOIN chart AS k ON k.indicator = p.indicator AND k.unit = p.unit
WHERE p.rank <= $max_points
ORDER BY chart_facts DESC, p.indicator, p.unit, p.entity, p.period_start;
