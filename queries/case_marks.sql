-- case_marks: the current mark of every marked flag (its latest), with who set it and when
-- params: none
-- returns: flag_id VARCHAR, check_name VARCHAR, account_id VARCHAR (nullable), flag_from VARCHAR, flag_to VARCHAR, status VARCHAR, note VARCHAR, user_name VARCHAR, marked_at VARCHAR
-- grain: one row per flag that was ever marked (a mark taken back reads status 'open')
SELECT flag_id, check_name, account_id,
       strftime(flag_from, '%Y-%m-%d') AS flag_from, strftime(flag_to, '%Y-%m-%d') AS flag_to,
       status, note, user_name, strftime(marked_at, '%Y-%m-%dT%H:%M:%S') AS marked_at
FROM flag_marks
QUALIFY row_number() OVER (PARTITION BY flag_id ORDER BY marked_at DESC, rowid DESC) = 1
ORDER BY marked_at DESC, flag_id;
