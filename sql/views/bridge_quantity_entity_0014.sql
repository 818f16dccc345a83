-- bridge_quantity_entity: one row per quantity and entity it is about. A table written beside
-- every quantity until migration 0014 (0003); since then a view of the same columns over
-- fact_quantity and dim_entity_set, which hold each quantity's entities once.
-- Executed by migration 0014; the COMMENT ON statements follow the CREATE VIEW.
CREATE VIEW bridge_quantity_entity AS
SELECT f.quantity_id, unnest(e.entities) AS entity_id, f.article_id, f.load_id
FROM fact_quantity AS f
JOIN dim_entity_set AS e ON e.entities_key = f.entities_key
WHERE len(e.entities) > 0;

COMMENT ON VIEW bridge_quantity_entity IS 'One row per quantity and entity it is about (fact_quantity''s entity set as rows).';
COMMENT ON COLUMN bridge_quantity_entity.quantity_id IS 'Key to fact_quantity.';
COMMENT ON COLUMN bridge_quantity_entity.entity_id IS 'Key to dim_entity.';
COMMENT ON COLUMN bridge_quantity_entity.article_id IS 'Key to dim_article (the quantity''s article).';
COMMENT ON COLUMN bridge_quantity_entity.load_id IS 'The load_log run that brought this row.';
