-- The representatives of facts (table link_representative) among the mentions `link_members` (a
-- relation the caller names: a batch's newly linked mentions with the stored representatives of
-- their facts, or all stored mentions of some facts; warehouse/link.py).
--
-- A fact's mentions fall into groups that compare alike with any other mention but for their
-- publication date: the same dimension, unit, value, interval, digits, indicator, entities, period,
-- context words, blocking year key (sql/link/candidates.sql) and whether the date is known. Of each
-- group the earliest and the latest published mention represent it. Why a new mention links to
-- every member of a group exactly when it links to those two: every level but the period and
-- publication levels is the same for all of the group; the publication level only falls as the
-- dates lie further apart, and the period constraints that read the date (a stated period against an
-- unstated one, two unstated ones) each allow one span of dates. So the dates a member may have and
-- still link form one span, and it holds every member's date when it holds the earliest and the
-- latest. Blocking sees every member where it sees the group (one year key). A fact reported by
-- thousands of articles keeps a few rows, as many as it has such groups (twice over).
SELECT quantity_id, fact_id, published, dimension, base_unit, value, value_lo, value_hi, value_bucket,
       bucket_lo, bucket_hi, digits, indicator, entities, period_start, period_end, period_is_target, words
FROM link_members
WINDOW compare_alike AS (
    PARTITION BY fact_id, dimension, base_unit, value, value_lo, value_hi, digits, indicator, entities,
                 period_start, period_end, period_is_target, words,
                 coalesce(year(period_end), year(published), 0), published IS NULL)
QUALIFY row_number() OVER (compare_alike ORDER BY published, quantity_id) = 1
     OR row_number() OVER (compare_alike ORDER BY published DESC, quantity_id) = 1
