-- audit_account_spike_cand (ClickHouse): the CTE cand of queries/audit_account_spike.sql (candidate account-days with their peers' baseline), run on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP (from − window_days), {cells_to} TIMESTAMP (to's day), {skip} VARCHAR, {from_day} DATE, {camp_all_keys} VARCHAR[], {camp_all_mults} DOUBLE[], {camp_rule_keys} VARCHAR[], {camp_rule_mults} DOUBLE[], {roster}, {top_awards} DOUBLE, {award_min_days} INTEGER, {z} DOUBLE
-- returns: account_id VARCHAR, day DATE, issued DOUBLE, top_floor DOUBLE (nullable), award DOUBLE (nullable), tests INTEGER, rules INTEGER, department VARCHAR, peer_median DOUBLE, peer_mad DOUBLE
-- grain: one row per candidate account-day of the period (the CTE cand: counted or big, and above its peers' z)
-- The steps of DuckDB's CTEs cand00 (account-days counted or issuing top_awards × the largest ordinary award), cand0
-- and cand (each account's department and its peers' modified z above z), one JOIN per SELECT as 18.16 requires;
-- only the candidates come back. totals joins every account-day on a constant key (k).
SELECT a AS account_id, d AS day, issued, top_floor, award, tests, rules, department, peer_median, peer_mad
FROM (
  SELECT a, d, issued, if(t_has > 0, {top_awards} * t_award, NULL) AS top_floor, if(t_has > 0, t_award, NULL) AS award,
         t_tests AS tests, t_rules AS rules
  FROM (
    SELECT a, d, issued, counted, k
    FROM (SELECT a, d, sum(v) AS issued, toUInt8(1) AS k FROM ({@audit_earn_cells}) WHERE d >= {from_day} GROUP BY a, d) AS j_days
    ANY LEFT JOIN ({@audit_account_spike_counted}) AS j_counted USING a, d
  ) AS j_flagged
  ANY LEFT JOIN (
    SELECT toUInt8(1) AS k, toInt32(sum(tests)) AS t_tests, toInt32(count()) AS t_rules,
           maxIf(award, days >= {award_min_days}) AS t_award, countIf(days >= {award_min_days}) AS t_has
    FROM ({@audit_account_spike_rules})
  ) AS j_totals USING k
  WHERE counted = 1 OR (t_has > 0 AND issued >= {top_awards} * t_award)
) AS j_cand00
ANY INNER JOIN ({@audit_account_spike_peer}) AS j_peer USING a
WHERE if(peer_mad > 0, 0.6745 * (issued - peer_median) / peer_mad > {z}, issued != peer_median)
