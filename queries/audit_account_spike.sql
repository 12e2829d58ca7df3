-- audit_account_spike: account-days above the absolute floor, with their own history and their peers' baseline
-- params: $from TIMESTAMP, $to TIMESTAMP, $window_days INTEGER, $floor_factor DOUBLE, $floor_quantile DOUBLE, $skip_days VARCHAR
-- returns: account_id VARCHAR, day VARCHAR, issued DOUBLE, department VARCHAR, floor DOUBLE, history DOUBLE[], peer_median DOUBLE, peer_mad DOUBLE, evidence STRUCT(event_id VARCHAR, rule_id VARCHAR, points DOUBLE)[]
-- grain: one row per account-day in [from, to) whose issued points reach the floor; needs TEMP audit_account_day
-- floor = floor_factor × the floor_quantile of all active account-days from window_days before `from` to `to`
-- (settings.ts says why), leaving out skip_days (comma-separated YYYY-MM-DD: the program-spike days, whose batch
-- payments say nothing about normal pay and would lift the floor above the spikes it must catch). history = the account's active days in the window_days before the day (zero days are
-- absent; src/audit/checks/account-spike.ts pads them). Peers = the same department's active account-days over the
-- same span: median and unscaled MAD (computed only for the candidates' departments). Only the few candidates reach the window join, so the cost is one scan of
-- the rollup however long the period.
WITH span AS (
  SELECT * FROM audit_account_day
  WHERE day >= $from::DATE - $window_days::INTEGER AND day < $to::DATE
),
fl AS (
  SELECT $floor_factor * quantile_cont(issued, $floor_quantile) AS floor FROM span
  WHERE NOT list_contains(string_split($skip_days, ','), strftime(day, '%Y-%m-%d'))
),
cand AS (
  SELECT s.account_id, s.day, s.issued, coalesce(s.department, '') AS department, fl.floor
  FROM span s, fl
  WHERE s.day >= $from::DATE AND s.issued >= fl.floor
),
own AS (
  SELECT c.account_id, c.day, list(h.issued ORDER BY h.day) FILTER (WHERE h.day IS NOT NULL) AS history
  FROM cand c
  LEFT JOIN audit_account_day h
    ON h.account_id = c.account_id AND h.day >= c.day - $window_days::INTEGER AND h.day < c.day
  GROUP BY c.account_id, c.day
),
peer AS (
  SELECT coalesce(department, '') AS department, median(issued)::DOUBLE AS peer_median, mad(issued)::DOUBLE AS peer_mad
  FROM span WHERE coalesce(department, '') IN (SELECT department FROM cand) GROUP BY 1
),
ev AS (
  SELECT l.account_id, l.occurred_at::DATE AS day,
         list({'event_id': l.event_id, 'rule_id': l.rule_id, 'points': l.points::DOUBLE} ORDER BY l.occurred_at, l.event_id) AS evidence
  FROM ledger_clean l
  SEMI JOIN cand c ON c.account_id = l.account_id AND c.day = l.occurred_at::DATE
  WHERE l.event_type = 'earn' AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  GROUP BY ALL
)
SELECT c.account_id, strftime(c.day, '%Y-%m-%d') AS day, c.issued, c.department, c.floor,
       coalesce(o.history, []::DOUBLE[]) AS history, p.peer_median, p.peer_mad, e.evidence
FROM cand c
JOIN own o USING (account_id, day)
JOIN peer p USING (department)
JOIN ev e USING (account_id, day)
ORDER BY c.account_id, c.day
