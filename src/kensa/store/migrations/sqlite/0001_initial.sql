-- kensa schema v1 (SQLite). Keep in step with migrations/postgres/0001_initial.sql.
-- Times are epoch seconds (INTEGER); booleans are 0/1; JSON lists are TEXT.
CREATE TABLE groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  daily_scan_minute INTEGER NOT NULL DEFAULT 180,
  daily_scan_enabled INTEGER NOT NULL DEFAULT 1,
  aws_auth_type TEXT NOT NULL DEFAULT 'none',
  aws_region TEXT NOT NULL DEFAULT '',
  aws_access_key_id TEXT NOT NULL DEFAULT '',
  aws_secret_enc TEXT NOT NULL DEFAULT '',
  aws_role_arn TEXT NOT NULL DEFAULT '',
  aws_external_id TEXT NOT NULL DEFAULT '',
  aws_account_id TEXT NOT NULL DEFAULT '',
  aws_endpoint_url TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL DEFAULT '',
  is_admin INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE memberships (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, group_id)
);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE servers (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  scan_mode TEXT NOT NULL DEFAULT 'normal',
  account_id TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  instance_id TEXT NOT NULL DEFAULT '',
  platform TEXT NOT NULL DEFAULT '',
  registry TEXT NOT NULL DEFAULT '',
  repository TEXT NOT NULL DEFAULT '',
  image_tag TEXT NOT NULL DEFAULT '',
  vuls_uuid TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX servers_group ON servers(group_id);
CREATE UNIQUE INDEX servers_ec2 ON servers(group_id, account_id, region, instance_id) WHERE kind = 'ec2';
CREATE UNIQUE INDEX servers_ecr ON servers(group_id, registry, region, repository, image_tag) WHERE kind = 'ecr_image';
CREATE TABLE lambda_functions (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  arn TEXT NOT NULL,
  name TEXT NOT NULL,
  runtime TEXT NOT NULL DEFAULT '',
  package_type TEXT NOT NULL DEFAULT 'Zip',
  runtime_supported INTEGER NOT NULL DEFAULT 1,
  UNIQUE (server_id, arn)
);
CREATE TABLE vulnerabilities (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  cvss3_score REAL NOT NULL DEFAULT 0,
  cvss3_vector TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT '',
  epss REAL,
  kev INTEGER NOT NULL DEFAULT 0,
  exploit_available INTEGER NOT NULL DEFAULT 0,
  fix_available TEXT NOT NULL DEFAULT '',
  refs TEXT NOT NULL DEFAULT ''
);
CREATE TABLE software (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  lambda_function_id INTEGER REFERENCES lambda_functions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  version TEXT NOT NULL DEFAULT '',
  release TEXT NOT NULL DEFAULT '',
  epoch INTEGER NOT NULL DEFAULT 0,
  arch TEXT NOT NULL DEFAULT '',
  path TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  ecosystem TEXT NOT NULL DEFAULT '',
  package_manager TEXT NOT NULL DEFAULT '',
  purl TEXT NOT NULL DEFAULT '',
  license TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  managed_by TEXT NOT NULL DEFAULT 'normal',
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  removed_at INTEGER
);
CREATE UNIQUE INDEX software_identity ON software(server_id, source, COALESCE(lambda_function_id, 0), name, version, release, epoch, arch, path);
CREATE INDEX software_name ON software(name);
CREATE TABLE detections (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  vulnerability_id TEXT NOT NULL REFERENCES vulnerabilities(id),
  software_id INTEGER REFERENCES software(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  source_ref TEXT NOT NULL DEFAULT '',
  fixed_in TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT 'package',
  active INTEGER NOT NULL DEFAULT 1,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE UNIQUE INDEX detections_identity ON detections(server_id, source, source_ref, vulnerability_id, COALESCE(software_id, 0));
CREATE INDEX detections_vuln ON detections(vulnerability_id);
CREATE TABLE network_findings (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  finding_arn TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT '',
  protocol TEXT NOT NULL DEFAULT '',
  port_begin INTEGER NOT NULL DEFAULT 0,
  port_end INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  first_seen INTEGER NOT NULL,
  UNIQUE (server_id, finding_arn)
);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  vulnerability_id TEXT NOT NULL REFERENCES vulnerabilities(id),
  status TEXT NOT NULL DEFAULT 'NEW',
  priority TEXT NOT NULL DEFAULT 'NONE',
  assignee TEXT NOT NULL DEFAULT '',
  deadline INTEGER,
  user_status INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (server_id, vulnerability_id)
);
CREATE INDEX tasks_group_status ON tasks(group_id, status);
CREATE TABLE task_comments (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  author TEXT NOT NULL,
  system INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX task_comments_task ON task_comments(task_id);
CREATE TABLE task_history (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  actor TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE INDEX task_history_task ON task_history(task_id);
CREATE TABLE eol_items (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  product TEXT NOT NULL,
  cycle TEXT NOT NULL,
  eol_date INTEGER,
  status TEXT NOT NULL DEFAULT 'NEW',
  UNIQUE (server_id, product, cycle)
);
CREATE TABLE scan_runs (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  server_id INTEGER REFERENCES servers(id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  trigger_kind TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL DEFAULT 0,
  findings_seen INTEGER NOT NULL DEFAULT 0,
  vulnerabilities INTEGER NOT NULL DEFAULT 0,
  tasks_created INTEGER NOT NULL DEFAULT 0,
  tasks_reopened INTEGER NOT NULL DEFAULT 0,
  tasks_patched INTEGER NOT NULL DEFAULT 0,
  rows_written INTEGER NOT NULL DEFAULT 0,
  error_code TEXT NOT NULL DEFAULT '',
  error_step TEXT NOT NULL DEFAULT '',
  error_permission TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  error_hint TEXT NOT NULL DEFAULT '',
  skipped TEXT NOT NULL DEFAULT ''
);
CREATE INDEX scan_runs_group ON scan_runs(group_id, id);
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  group_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
