-- audit_account_spike_rules (ClickHouse): the CTE rules of queries/audit_account_spike.sql, run on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {skip} VARCHAR, {from_day} DATE, {camp_all_keys} VARCHAR[], {camp_all_mults} DOUBLE[], {camp_rule_keys} VARCHAR[], {camp_rule_mults} DOUBLE[], {active_days} BIGINT, {eligible_days} BIGINT (audit_account_spike_days.sql's answers)
-- returns: rule_id VARCHAR, usual_n DOUBLE, rate DOUBLE, daily DOUBLE, award DOUBLE, days BIGINT, tests BIGINT
-- grain: one row per rule paid in the span
-- rate's denominator is the span's active account-days (the CTE days, counted first), daily's its eligible ones. A campaign day divides its awards by its
-- multiplier: the day's own for every rule (camp_all, keyed YYYY-MM-DD) or the rule's (camp_rule, YYYY-MM-DD|rule),
-- the larger; each list starts with a key no day has, so neither is ever an empty array of no type.
SELECT r AS rule_id, avg(n) AS usual_n,
       sum(n) / {active_days} AS rate,
       sum(n) / {eligible_days} AS daily,
       sum(v / greatest(transform(toString(d), {camp_all_keys}, {camp_all_mults}, 1.),
                        transform(concat(toString(d), '|', r), {camp_rule_keys}, {camp_rule_mults}, 1.))) / sum(n) AS award,
       count() AS days, countIf(d >= {from_day}) AS tests
FROM ({@audit_account_spike_span})
GROUP BY r
