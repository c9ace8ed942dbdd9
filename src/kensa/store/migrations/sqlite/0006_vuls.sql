-- Vuls coexistence (R19). A Vuls server is identified within its group by its serverUUID, a
-- container by containerUUID@serverUUID (both in servers.vuls_uuid), and a result written
-- without a saas configuration, whose serverUUID is empty, by its serverName.
CREATE UNIQUE INDEX servers_vuls_uuid ON servers(group_id, vuls_uuid)
  WHERE kind = 'vuls' AND vuls_uuid <> '';
CREATE UNIQUE INDEX servers_vuls_name ON servers(group_id, name)
  WHERE kind = 'vuls' AND vuls_uuid = '';
-- What the last imported result says of the host beside its packages.
CREATE TABLE vuls_hosts (
  server_id INTEGER PRIMARY KEY REFERENCES servers(id) ON DELETE CASCADE,
  identified_by TEXT NOT NULL,
  server_uuid TEXT NOT NULL DEFAULT '',
  container_uuid TEXT NOT NULL DEFAULT '',
  container_name TEXT NOT NULL DEFAULT '',
  container_image TEXT NOT NULL DEFAULT '',
  family TEXT NOT NULL DEFAULT '',
  os_release TEXT NOT NULL DEFAULT '',
  kernel_release TEXT NOT NULL DEFAULT '',
  kernel_version TEXT NOT NULL DEFAULT '',
  reboot_required INTEGER NOT NULL DEFAULT 0,
  ipv4_addrs TEXT NOT NULL DEFAULT '',
  ipv6_addrs TEXT NOT NULL DEFAULT '',
  platform_name TEXT NOT NULL DEFAULT '',
  instance_id TEXT NOT NULL DEFAULT '',
  scanned_at TEXT NOT NULL DEFAULT '',
  imported_at INTEGER NOT NULL
);
CREATE INDEX vuls_hosts_instance ON vuls_hosts(instance_id) WHERE instance_id <> '';
-- A group's tokens for scanners that upload (scope: upload only). Only the hash is stored.
CREATE TABLE upload_tokens (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE INDEX upload_tokens_group ON upload_tokens(group_id);
-- The temporary S3 credentials handed to `vuls saas`: PutObject under results_dir only, until
-- expires_at. The secret is kept encrypted (SecretBox), the session token hashed.
CREATE TABLE upload_credentials (
  access_key_id TEXT PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  token_id INTEGER NOT NULL REFERENCES upload_tokens(id) ON DELETE CASCADE,
  secret_enc TEXT NOT NULL,
  session_token_hash TEXT NOT NULL,
  results_dir TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX upload_credentials_expiry ON upload_credentials(expires_at);
