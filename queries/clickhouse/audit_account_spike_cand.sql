-- audit_account_spike_cand (ClickHouse): the CTE cand of queries/audit_account_spike.sql (candidate account-days with their peers' baseline), run on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP (from − window_days), {cells_to} TIMESTAMP (to's day), {skip} VARCHAR, {from_day} DATE, {rule_keys} VARCHAR[], {rule_index} UBIGINT[], {rule_max} UBIGINT[], {rule_alone} UBIGINT[], {hits_kept} UBIGINT[][], {hits_skipped} UBIGINT[][], {has_award} 0|1, {award} DOUBLE, {top_awards} DOUBLE, {tests} INTEGER, {rules} INTEGER, {roster}, {z} DOUBLE
-- returns: account_id VARCHAR, day DATE, issued DOUBLE, top_floor DOUBLE (nullable), award DOUBLE (nullable), tests INTEGER, rules INTEGER, department VARCHAR, peer_median DOUBLE, peer_mad DOUBLE
-- grain: one row per candidate account-day of the period (the CTE cand: counted or big, and above its peers' z)
-- One pass over the window's earn cells (18.16 has no WITH for subqueries, so every part read twice is read twice):
-- the CTEs rules, levels and totals come in as literals (src/db/clickhouse/spike-demand.ts, from the two small
-- queries run before), so the CTE counted is a lookup per cell — rule i's counts that are a burst or beyond its
-- maximum on a kept day (hits_kept[i]) or a program-spike day (hits_skipped[i]), and every count above the largest
-- the span saw (rule_max[i]) — and cand00, the department and the peers' median and MAD (CTEs cand0, peer) follow
-- from the account-days of that pass grouped by department. Median and unscaled MAD come from sorted arrays at
-- rank r = (N − 1)/2, lo + (hi − lo)·(r − ⌊r⌋), the numbers DuckDB's histogram gives. A day with a count at or
-- above rule i's rule_alone (the CTE counts' alone, from spike-literals.ts) is kept whatever its peers' z.
SELECT c.1 AS account_id, c.2 AS day, c.3 AS issued, if({has_award} = 1, {top_awards} * {award}, NULL) AS top_floor,
       if({has_award} = 1, {award}, NULL) AS award, toInt32({tests}) AS tests, toInt32({rules}) AS rules, department,
       peer_median, peer_mad
FROM (
  SELECT department, cs, m AS peer_median,
         ds[toUInt64(floor(rk)) + 1] + (ds[toUInt64(ceil(rk)) + 1] - ds[toUInt64(floor(rk)) + 1]) * (rk - floor(rk)) AS peer_mad
  FROM (
    SELECT department,
           groupArrayIf((a, d, issued, alone), d >= {from_day} AND (counted = 1 OR ({has_award} = 1 AND issued >= {top_awards} * {award}))) AS cs,
           arraySort(groupArrayIf(issued, keep = 1)) AS vs, (length(vs) - 1) * 0.5 AS rk,
           vs[toUInt64(floor(rk)) + 1] + (vs[toUInt64(ceil(rk)) + 1] - vs[toUInt64(floor(rk)) + 1]) * (rk - floor(rk)) AS m,
           arraySort(arrayMap(x -> abs(x - m), vs)) AS ds
    FROM (
      SELECT a, d, issued, counted, alone, keep, department
      FROM (
        SELECT a, d, sum(v) AS issued, max(hit) AS counted, max(solo) AS alone, any(kept) AS keep
        FROM (
          SELECT a, d, v, kept, transform(r, {rule_keys}, {rule_index}, toUInt64(0)) AS i,
                 toUInt8(d >= {from_day} AND n >= 2 AND i > 0
                         AND (n > {rule_max}[i] OR has(if(kept = 1, {hits_kept}[i], {hits_skipped}[i]), n))) AS hit,
                 toUInt8(hit = 1 AND n >= {rule_alone}[i]) AS solo
          FROM (
            SELECT a, d, r, n, v, if(has(splitByChar(',', {skip}), toString(d)), 0, 1) AS kept
            FROM ({@audit_earn_cells})
          )
        )
        GROUP BY a, d
      ) AS j_days
      ANY LEFT JOIN ({@audit_account_spike_dept}) AS j_dept USING a
    )
    GROUP BY department
    HAVING length(vs) > 0
  )
)
ARRAY JOIN cs AS c
WHERE c.4 = 1 OR if(peer_mad > 0, 0.6745 * (c.3 - peer_median) / peer_mad > {z}, c.3 != peer_median)
