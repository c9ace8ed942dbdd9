-- kensa schema v2 (SQLite): Inspector SBOM export settings and bookkeeping (R11-R16, R20), and
-- the OSV advisory database (issue 7). Keep in step with migrations/postgres/0002_sbom_advisories.sql.
ALTER TABLE groups ADD COLUMN sbom_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE groups ADD COLUMN sbom_bucket TEXT NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN sbom_key_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN sbom_kms_key_arn TEXT NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN sbom_format TEXT NOT NULL DEFAULT 'CYCLONEDX_1_4';
-- When the last manual bulk export was accepted (R14: at most once an hour per group).
ALTER TABLE groups ADD COLUMN sbom_manual_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE servers ADD COLUMN sbom_migrated_at INTEGER;
ALTER TABLE servers ADD COLUMN sbom_object_key TEXT NOT NULL DEFAULT '';
ALTER TABLE servers ADD COLUMN sbom_imported_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE servers ADD COLUMN sbom_components INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scan_runs ADD COLUMN resources_imported INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scan_runs ADD COLUMN resources_skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scan_runs ADD COLUMN components_imported INTEGER NOT NULL DEFAULT 0;
-- One row per OSV record, kept as kensa's normalised JSON (knowledge::Advisory). `modified`
-- makes re-imports incremental: an unchanged record is not rewritten.
CREATE TABLE advisories (
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL DEFAULT '',
  withdrawn INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL,
  imported_at INTEGER NOT NULL
);
-- Task lists filtered by server or vulnerability, and keyset pages, without reading every task
-- of the group (bench/: 0.3-0.65 s per page at 1M tasks before these).
CREATE INDEX tasks_server_id ON tasks(server_id, id);
CREATE INDEX tasks_vulnerability_id ON tasks(vulnerability_id, id);
CREATE INDEX tasks_group_id ON tasks(group_id, id);
