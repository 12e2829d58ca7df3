-- audit_concentration_one (ClickHouse): pass 1, each cell also judged without its approver's top receiver (CTEs top_rcv and cell_one of queries/audit_concentration.sql), a part of audit_concentration_rule.sql
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {min_count} INTEGER, {min_receivers} INTEGER
-- returns: g VARCHAR, r VARCHAR, re VARCHAR, k BIGINT, amt BIGINT, ax BIGINT, kx BIGINT, p0 DOUBLE, z DOUBLE
-- grain: one row per cell of audit_concentration_z1.sql with p0 < 1
-- top = the approver's receiver of the largest pass-1 z above 2; for another receiver's cell, kx_t and p0_t leave
-- the top one's award-days out, and the weaker result is kept; on a tie in z the top is the first by name, as in
-- DuckDB. A LEFT JOIN's missing row is zeros here (18.16 fills defaults), as coalesce(…, 0) in DuckDB; no top is ''.
-- The originals are renamed (kx0, p00, z0) so the outer aliases are not cyclic.
SELECT g, r, re, k, amt, ax, if(use_t, kx_t, kx0) AS kx, if(use_t, p0_t, p00) AS p0, if(use_t, z_t, z0) AS z
FROM (
  SELECT g, r, re, k, amt, ax, kx0, p00, z0, kx_t, p0_t, z_t, top != '' AND re != top AND p0_t < 1 AND z_t < z0 AS use_t
  FROM (
    SELECT g, r, re, k, amt, ax, kx AS kx0, p0 AS p00, z AS z0, top, toUInt64(kx - kt) AS kx_t,
           (kr - k) / (k_other - (krt - kt)) AS p0_t, (k - kx_t * p0_t) / sqrt(kx_t * p0_t * (1 - p0_t)) AS z_t
    FROM (
      SELECT g, r, re, k, amt, ax, kx, kr, k_other, p0, z, top
      FROM ({@audit_concentration_z1}) AS c
      ALL LEFT JOIN (
        SELECT g, argMin(re, (-z, re)) AS top FROM ({@audit_concentration_z1}) WHERE p0 < 1 AND z > 2 GROUP BY g
      ) AS t USING (g)
      WHERE p0 < 1
    ) AS c2
    ALL LEFT JOIN (
      SELECT g, r, k AS kt, kr AS krt
      FROM ({@audit_concentration_multi})
      WHERE (g, re) IN (SELECT g, argMin(re, (-z, re)) FROM ({@audit_concentration_z1}) WHERE p0 < 1 AND z > 2 GROUP BY g)
    ) AS tc USING (g, r)
  )
)
