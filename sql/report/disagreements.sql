-- Where outlets disagree: the facts v_indicator_series flags (`disagreement`, the facts
-- v_fact_conflicts pairs: the same indicator, entities, period and unit with values that do not round
-- to each other), one row per fact, grouped; the $max_groups groups reported by the most outlets,
-- in each the $max_group_facts facts reported by the most outlets.
WITH disagreeing AS (
    SELECT *, row_number() OVER (PARTITION BY indicator, entity, period_start, period_end, period_is_target, unit
                                 ORDER BY n_outlets DESC, n_mentions DESC, fact) AS rank
    FROM report_fact WHERE disagreement
),
grp AS (
    SELECT indicator, entity, period_start, period_end, period_is_target, unit, sum(n_outlets) AS outlets
    FROM disagreeing
    GROUP BY ALL
    ORDER BY outlets DESC, indicator, entity, period_start LIMIT $max_groups
)
SELECT f.fact, f.indicator, f.indicator_name, f.entity, f.period_start, f.period_end, f.unit, f.value,
       f.n_outlets, f.languages, g.outlets AS group_outlets
FROM disagreeing AS f
JOIN grp AS g ON g.indicator = f.indicator AND g.entity = f.entity AND g.period_start = f.period_start
             AND g.period_end = f.period_end AND g.period_is_target = f.period_is_target AND g.unit = f.unit
WHERE f.rank <= $max_group_facts
ORDER BY g.outlets DESC, f.indicator, f.entity, f.period_start, f.value;
