-- People who log in (issue: the console and accounts). A user's password is an argon2id hash
-- ('' = no console login). An API token has scopes and may expire or be revoked; tokens made
-- before scopes existed keep full power ('admin'). A console session is stored as the SHA-256
-- of its cookie, with its CSRF token. Failed logins are counted per user name and per client
-- address for the throttle.
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_created ON sessions(created_at);
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures(subject, at);
CREATE INDEX login_failures_at ON login_failures(at);
CREATE INDEX audit_events_group ON audit_events(group_id, id);
-- Tasks: a second assignee, and "ignore until": the task reopens when the time passes.
ALTER TABLE tasks ADD COLUMN sub_assignee TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN ignore_until INTEGER;
CREATE INDEX tasks_ignore_until ON tasks(ignore_until) WHERE ignore_until IS NOT NULL;
-- CVSS v4.0 beside v3 (Inspector's findings carry both; Vuls's cveContents too).
ALTER TABLE vulnerabilities ADD COLUMN cvss4_score REAL NOT NULL DEFAULT 0;
ALTER TABLE vulnerabilities ADD COLUMN cvss4_vector TEXT NOT NULL DEFAULT '';
ALTER TABLE group_vulnerabilities ADD COLUMN cvss4_score REAL NOT NULL DEFAULT 0;
ALTER TABLE group_vulnerabilities ADD COLUMN cvss4_vector TEXT NOT NULL DEFAULT '';
