-- Mentions not linked yet: fact_quantity rows with no link_mention row, with what linkage reads
-- (warehouse.link.SOURCE_FIELDS). A load links them after each committed batch; relink after
-- emptying link_mention; a batch committed by a run that died before linking is linked next time.
-- pending_facts and pending_links are fact_quantity and link_mention, or only a batch's rows of them
-- (warehouse/link.py PENDING_ALL, PENDING_BATCH).
-- Since 0014 the strings come from their dimensions (as in v_fact_quantity), joined to the pending rows only.
SELECT f.quantity_id, f.article_id, a.published, a.url, a.doc, k.lang,
       coalesce(t.phrase, substr(a.article_text, f."start" + 1, f."end" - f."start")) AS text, f.value, f.value_max,
       f.base_value, k.base_unit, coalesce(k.dimension, u.dimension) AS dimension, k.qualifier, k.indicator,
       e.entities, f.period_start, f.period_end, f.period_is_target, q.phrase AS quantified
FROM pending_facts AS f
ANTI JOIN pending_links AS l ON l.quantity_id = f.quantity_id
LEFT JOIN dim_article AS a ON a.article_id = f.article_id
LEFT JOIN dim_quantity_kind AS k ON k.kind_key = f.kind_key
LEFT JOIN dim_entity_set AS e ON e.entities_key = f.entities_key
LEFT JOIN dim_phrase AS q ON q.phrase_key = f.quantified_key
LEFT JOIN dim_phrase AS t ON t.phrase_key = f.text_key
LEFT JOIN dim_unit AS u ON u.unit_key = k.unit_key
