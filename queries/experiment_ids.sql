-- experiment_ids: the experiments the loaded assignment file names (the TEMP table src/db/assignments.ts makes)
-- params: none
-- returns: experiment_id VARCHAR
-- grain: one row per experiment, by id
SELECT DISTINCT experiment_id
FROM ab_assignments
ORDER BY 1
