-- The API's task list always filters by group and pages by id: equality columns first, then id,
-- so a page is one index range in order (bench/: 26-56 ms a page at 1M tasks before).
CREATE INDEX tasks_group_server ON tasks(group_id, server_id, id);
CREATE INDEX tasks_group_vulnerability ON tasks(group_id, vulnerability_id, id);
DROP INDEX tasks_group_status;
CREATE INDEX tasks_group_status ON tasks(group_id, status, id);
-- Keyset pages of one server's software list.
CREATE INDEX software_server ON software(server_id, id);
