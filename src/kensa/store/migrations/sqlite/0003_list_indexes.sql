-- The API's task list always filters by group. With only (server_id, id) and (group_id, status)
-- SQLite chose the group's status index and read every task of the group for one server
-- (bench/: 26-56 ms a page at 1M tasks). Equality on both columns, then id order:
CREATE INDEX tasks_group_server ON tasks(group_id, server_id);
CREATE INDEX tasks_group_vulnerability ON tasks(group_id, vulnerability_id);
-- Keyset pages of one server's software list (the rowid id is the index's last column).
CREATE INDEX software_server ON software(server_id);
