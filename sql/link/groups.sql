-- A batch's new mentions (table link_new) in groups that compare alike with any other mention but for
-- their publication date, as a fact's representatives are chosen (sql/link/representatives.sql, whose
-- key this one refines): the blocking and every comparison level but the period and publication
-- ones read only what the group shares, so sql/link/candidates.sql blocks and compares groups, and
-- sql/link/pairs.sql reads each member's date for those two levels alone. A story that a hundred
-- articles repeat is one group, not five thousand pairs of levels (warehouse/link.py link_new).

-- Each new mention: its number (its place in quantity id order: the clustering's tie order) and its group.
CREATE OR REPLACE TEMP TABLE link_new_member AS
SELECT (row_number() OVER (ORDER BY quantity_id) - 1)::INTEGER AS n,
       (dense_rank() OVER (ORDER BY dimension, base_unit, value, value_lo, value_hi, digits, indicator, entities,
                                    period_start, period_end, period_is_target, words,
                                    -- what the blocking reads of the date: its year key, and the year an
                                    -- unstated period probes around
                                    coalesce(year(period_end), year(published), 0), published IS NULL,
                                    CASE WHEN period_start IS NULL THEN year(published) END) - 1)::INTEGER AS grp,
       quantity_id, published
FROM link_new;

-- Each group once, as one of its members (any: they differ in their dates alone), with its size.
CREATE OR REPLACE TEMP TABLE link_new_group AS
SELECT m.grp, count(*) OVER (PARTITION BY m.grp) AS size, n.published, n.dimension, n.base_unit, n.value,
       n.value_lo, n.value_hi, n.value_bucket, n.bucket_lo, n.bucket_hi, n.digits, n.indicator, n.entities,
       n.period_start, n.period_end, n.period_is_target, n.words
FROM link_new AS n JOIN link_new_member AS m USING (quantity_id)
QUALIFY row_number() OVER (PARTITION BY m.grp ORDER BY m.n) = 1;
