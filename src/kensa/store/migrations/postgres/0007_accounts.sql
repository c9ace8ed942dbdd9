-- People who log in (issue: the console and accounts). A user's password is an argon2id hash
-- ('' = no console login). An API token has scopes and may expire or be revoked; tokens made
-- before scopes existed keep full power ('admin'). A console session is stored as the SHA-256
-- of its cookie, with its CSRF token. Failed logins are counted per user name and per client
-- address for the throttle.
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN revoked_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_created ON sessions(created_at);
CREATE TABLE login_failures (
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures(subject, at);
CREATE INDEX login_failures_at ON login_failures(at);
CREATE INDEX audit_events_group ON audit_events(group_id, id);
-- Tasks: a second assignee, and "ignore until": the task reopens when the time passes.
ALTER TABLE tasks ADD COLUMN sub_assignee TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN ignore_until BIGINT;
CREATE INDEX tasks_ignore_until ON tasks(ignore_until) WHERE ignore_until IS NOT NULL;
