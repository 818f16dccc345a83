-- Comparison levels of fact linkage (warehouse/link.py), as DuckDB macros so that the linker and the
-- view v_fact_links compute the same evidence. Executed by migration 0010 (persistent macros of the
-- warehouse) and by `warehouse extract` in its in-memory database. Every level is a word an analyst
-- can read; link_compatible() says which levels forbid a link, link_score() weighs the others.

-- Values: equal, or one lies inside the interval the other's written precision and qualifier allow
-- (6.43 in 6.4's [6.35, 6.45); 32.4 in "over 32"'s [31.5, 33]).
CREATE OR REPLACE MACRO link_level_value(a_v, a_lo, a_hi, b_v, b_lo, b_hi) AS
    CASE WHEN abs(a_v - b_v) <= 1e-9 * greatest(abs(a_v), abs(b_v)) THEN 'equal'
         WHEN (b_v BETWEEN a_lo AND a_hi) OR (a_v BETWEEN b_lo AND b_hi) THEN 'within_rounding'
         ELSE 'different' END;

-- How specific the less precise figure is: significant digits as written (113.8 has 4, "about 6" 1).
-- A match on 113.8 is strong evidence; a match on "2%" is weak.
CREATE OR REPLACE MACRO link_level_digits(a_digits, b_digits) AS
    CASE WHEN least(a_digits, b_digits) >= 3 THEN '3+'
         WHEN least(a_digits, b_digits) = 2 THEN '2'
         ELSE '1' END;

CREATE OR REPLACE MACRO link_level_indicator(a, b) AS
    CASE WHEN a IS NULL OR b IS NULL THEN 'unknown' WHEN a = b THEN 'equal' ELSE 'different' END;

-- Entities: one set inside the other is compatible (KAZ+TUR and KAZ); disjoint or crossing sets are not.
CREATE OR REPLACE MACRO link_level_entities(a, b) AS
    CASE WHEN coalesce(len(a), 0) = 0 OR coalesce(len(b), 0) = 0 THEN 'unknown'
         WHEN a = b THEN 'equal'                                      -- the usual case, cheapest first
         WHEN len(a) = 1 AND len(b) = 1 THEN 'different'              -- two single entities, not equal
         WHEN list_has_all(a, b) AND list_has_all(b, a) THEN 'equal'  -- the same set (faster than sorting)
         WHEN list_has_all(a, b) OR list_has_all(b, a) THEN 'subset'
         ELSE 'different' END;

-- A whole calendar year: the coarsest period an article states ("in 2023" for January-June 2023).
CREATE OR REPLACE MACRO link_whole_year(s, e) AS
    month(s) = 1 AND day(s) = 1 AND month(e) = 12 AND day(e) = 31 AND year(s) = year(e);

-- Months of the publication's recent window: an unstated period is taken to lie in it.
CREATE OR REPLACE MACRO link_recent_months() AS 12;

-- Periods: equal; one a whole year containing the other (the same period at the coarser precision);
-- a stated period against an unstated one inside the latter's recent window; two unstated periods
-- published within the window of each other. A target never links to an outcome, a single month
-- never to a cumulative span that contains it (neither is a whole year).
CREATE OR REPLACE MACRO link_level_period(a_s, a_e, a_t, a_pub, b_s, b_e, b_t, b_pub) AS
    CASE WHEN coalesce(a_t, false) <> coalesce(b_t, false) THEN 'target_vs_outcome'
         WHEN a_s IS NOT NULL AND b_s IS NOT NULL THEN
             CASE WHEN a_s = b_s AND a_e = b_e THEN 'equal'
                  WHEN (link_whole_year(a_s, a_e) AND a_s <= b_s AND b_e <= a_e)
                    OR (link_whole_year(b_s, b_e) AND b_s <= a_s AND a_e <= b_e) THEN 'within_year'
                  ELSE 'different' END
         WHEN a_s IS NOT NULL THEN
             CASE WHEN b_pub IS NULL THEN 'one_unstated'
                  WHEN a_s <= b_pub AND a_e >= b_pub - to_months(link_recent_months()) THEN 'one_unstated'
                  ELSE 'different' END
         WHEN b_s IS NOT NULL THEN
             CASE WHEN a_pub IS NULL THEN 'one_unstated'
                  WHEN b_s <= a_pub AND b_e >= a_pub - to_months(link_recent_months()) THEN 'one_unstated'
                  ELSE 'different' END
         WHEN a_pub IS NULL OR b_pub IS NULL THEN 'both_unstated'
         WHEN abs(date_diff('day', a_pub, b_pub)) <= 31 * link_recent_months() THEN 'both_unstated'
         ELSE 'different' END;

CREATE OR REPLACE MACRO link_level_published(a, b) AS
    CASE WHEN a IS NULL OR b IS NULL THEN 'unknown'
         WHEN abs(date_diff('day', a, b)) <= 7 THEN 'same_week'
         WHEN abs(date_diff('day', a, b)) <= 62 THEN 'two_months'
         ELSE 'further' END;

-- Context words (stems of the quantified noun phrase): shared words are evidence within a language.
CREATE OR REPLACE MACRO link_level_words(a, b) AS
    CASE WHEN list_has_any(coalesce(a, []), coalesce(b, [])) THEN 'shared' ELSE 'none' END;

-- Hard constraints: a link needs every one of these levels to be other than 'different'.
CREATE OR REPLACE MACRO link_compatible(value, indicator, entities, period) AS
    value <> 'different' AND indicator <> 'different' AND entities <> 'different'
    AND period NOT IN ('different', 'target_vs_outcome');

-- Score: the sum of each level's weight (roughly log2 of how much likelier the level is for two
-- mentions of one fact than for two mentions of different facts). Links need link_threshold().
CREATE OR REPLACE MACRO link_score(value, digits, indicator, entities, period, published, words) AS
      (CASE value WHEN 'equal' THEN 2.0 WHEN 'within_rounding' THEN 1.0 ELSE 0.0 END)
    + (CASE digits WHEN '3+' THEN 3.0 WHEN '2' THEN 1.0 ELSE 0.0 END)
    + (CASE indicator WHEN 'equal' THEN 3.0 ELSE 0.0 END)
    + (CASE entities WHEN 'equal' THEN 3.0 WHEN 'subset' THEN 2.0 ELSE 0.0 END)
    + (CASE period WHEN 'equal' THEN 3.0 WHEN 'within_year' THEN 1.0 ELSE 0.0 END)
    + (CASE published WHEN 'same_week' THEN 1.0 WHEN 'two_months' THEN 0.5 ELSE 0.0 END)
    + (CASE words WHEN 'shared' THEN 1.5 ELSE 0.0 END);

CREATE OR REPLACE MACRO link_threshold() AS 5.0;

-- Every level of a pair of mention rows (link_mention's columns) as one struct: what the linker
-- scores and v_fact_links shows.
CREATE OR REPLACE MACRO link_levels(a, b) AS struct_pack(
    value := link_level_value(a.value, a.value_lo, a.value_hi, b.value, b.value_lo, b.value_hi),
    digits := link_level_digits(a.digits, b.digits),
    indicator := link_level_indicator(a.indicator, b.indicator),
    entities := link_level_entities(a.entities, b.entities),
    period := link_level_period(a.period_start, a.period_end, a.period_is_target, a.published,
                                b.period_start, b.period_end, b.period_is_target, b.published),
    published := link_level_published(a.published, b.published),
    words := link_level_words(a.words, b.words));

CREATE OR REPLACE MACRO link_pair_score(lv) AS
    link_score(lv.value, lv.digits, lv.indicator, lv.entities, lv.period, lv.published, lv.words);

CREATE OR REPLACE MACRO link_pair_compatible(lv) AS link_compatible(lv.value, lv.indicator, lv.entities, lv.period);
