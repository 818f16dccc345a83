-- Data quality: which unit codes were derived from loaded quantities because seeds/units.csv lacks them?
SELECT u.code, u.dimension, u.base_unit, u.factor_to_base, count(f.quantity_id) AS quantities
FROM dim_unit AS u
LEFT JOIN dim_quantity_kind AS k ON k.unit_key = u.unit_key
LEFT JOIN fact_quantity AS f ON f.kind_key = k.kind_key
WHERE u.source = 'derived'
GROUP BY ALL
ORDER BY quantities DESC;
