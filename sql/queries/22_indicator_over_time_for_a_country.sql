-- How did one indicator (trade turnover) of one country (Kazakhstan, KAZ) develop over time, and who reported each value?
SELECT period_start, period_end, period_is_target, entities, value, unit,
       articles, languages, outlets, first_published, example_sentence
FROM v_facts
WHERE indicator = 'trade_turnover' AND list_contains(entity_ids, 'KAZ')
ORDER BY period_start NULLS LAST, period_is_target, value;
