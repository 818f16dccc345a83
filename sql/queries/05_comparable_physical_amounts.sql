-- How do masses, lengths and volumes compare in base units (pint), e.g. all tonnages in kg, with their ranges?
SELECT dimension, base_unit, text, value, unit, base_value,
       value_max * (base_value / nullif(value, 0)) AS base_value_max, qualifier, doc
FROM v_quantities
WHERE dimension IN ('mass', 'length', 'volume', 'area', 'energy', 'power')
ORDER BY dimension, base_value DESC NULLS LAST;
