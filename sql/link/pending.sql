-- Mentions not linked yet: v_fact_quantity rows with no link_mention row, with what linkage reads
-- (warehouse.link.SOURCE_FIELDS). A load links them after each committed batch; relink after
-- emptying link_mention; a batch committed by a run that died before linking is linked next time.
-- pending_facts and pending_links are v_fact_quantity and link_mention, or only a batch's rows of them
-- (warehouse/link.py PENDING_ALL, PENDING_BATCH).
SELECT f.quantity_id, f.article_id, a.published, a.url, a.doc, f.lang, f.text, f.value, f.value_max,
       f.base_value, f.base_unit, coalesce(f.dimension, u.dimension) AS dimension, f.qualifier, f.indicator,
       f.entities, f.period_start, f.period_end, f.period_is_target, f.quantified
FROM pending_facts AS f
ANTI JOIN pending_links AS l ON l.quantity_id = f.quantity_id
LEFT JOIN dim_article AS a ON a.article_id = f.article_id
LEFT JOIN dim_unit AS u ON u.unit_key = f.unit_key
