-- tier_mix: the period's issued points by rule tier, against the target mix (the seeds' 7:2:1 model)
-- params: $from DATE, $to DATE, $target_base DOUBLE, $target_challenge DOUBLE, $target_reward DOUBLE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: tier VARCHAR, issued DOUBLE, share DOUBLE (nullable), target DOUBLE (nullable)
-- grain: one row per tier: base, challenge, reward always (issued 0 when unused), then any other tier named in the rules table, then 'unassigned' when some issued points have no rule or a rule without a tier
--
-- issued = Σ earn points in P whose rule_id has that tier in the rules table (rule_catalog);
-- share = issued / Σ issued over all tiers (null when nothing was issued); target = the configured share for
-- base / challenge / reward, null for other tiers.
-- From the day × rule × type sums of the scope in P (ll_period_days, shared within a report request), where
-- rule_id '' stands for none.
WITH earned AS (
  SELECT coalesce(c.tier, 'unassigned') AS tier, sum(l.points) AS issued
  FROM ll_period_days($from::DATE, $to::DATE, $scope_attribute, $scope_value) l
  LEFT JOIN rule_catalog c ON c.rule_id = nullif(l.rule_id, '')
  WHERE l.event_type = 'earn'
  GROUP BY 1
),
targets AS (
  SELECT * FROM (VALUES ('base', 1, $target_base::DOUBLE), ('challenge', 2, $target_challenge::DOUBLE), ('reward', 3, $target_reward::DOUBLE)) AS t(tier, ord, target)
),
tiers AS (
  SELECT tier, ord, target FROM targets
  UNION ALL
  SELECT DISTINCT tier, 4, NULL::DOUBLE FROM rule_catalog WHERE tier IS NOT NULL AND tier NOT IN ('base', 'challenge', 'reward')
  UNION ALL
  SELECT 'unassigned', 5, NULL::DOUBLE FROM earned WHERE tier = 'unassigned'
)
SELECT t.tier,
       coalesce(e.issued, 0)::DOUBLE AS issued,
       ll_ratio(coalesce(e.issued, 0), (SELECT sum(issued) FROM earned)) AS share,
       t.target
FROM tiers t
LEFT JOIN earned e ON e.tier = t.tier
ORDER BY t.ord, t.tier;
