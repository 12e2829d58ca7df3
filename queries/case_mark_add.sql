-- case_mark_add: appends one mark on a flag; the latest mark of a flag is its status
-- params: $flag_id VARCHAR, $check_name VARCHAR, $account_id VARCHAR (nullable), $flag_from VARCHAR, $flag_to VARCHAR, $status VARCHAR, $note VARCHAR, $user_name VARCHAR, $marked_at VARCHAR
-- returns: flag_id VARCHAR, status VARCHAR
-- grain: the one row written
INSERT INTO flag_marks
VALUES ($flag_id, $check_name, $account_id::VARCHAR, $flag_from::DATE, $flag_to::DATE, $status, $note, $user_name, $marked_at::TIMESTAMP)
RETURNING flag_id, status;
