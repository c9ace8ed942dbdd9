-- The software inventory (R18): each software row carries its license as an SPDX expression
-- with its category, and the endoflife.date product and release cycle it is of. EOL items are
-- one per server and cycle, created and closed by scans like tasks, with their own status and
-- deadline. The group sets its near-EOL window and its license policy
-- (domain/license_policy.h encodes it). An imported EOL snapshot replaces the one that
-- ships with kensa.
ALTER TABLE software ADD COLUMN license_expression TEXT NOT NULL DEFAULT '';
ALTER TABLE software ADD COLUMN license_category TEXT NOT NULL DEFAULT '';
ALTER TABLE software ADD COLUMN eol_product TEXT NOT NULL DEFAULT '';
ALTER TABLE software ADD COLUMN eol_cycle TEXT NOT NULL DEFAULT '';
CREATE INDEX detections_software ON detections(software_id);
-- The software list's EOL filter walks only the rows of some release cycle, in id order.
CREATE INDEX software_of_cycle ON software(id) WHERE eol_product <> '';
ALTER TABLE groups ADD COLUMN license_policy TEXT NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN eol_near_days INTEGER NOT NULL DEFAULT 90;
-- 0001 created a placeholder eol_items that nothing ever wrote; this is the real one.
DROP TABLE eol_items;
CREATE TABLE eol_items (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  product TEXT NOT NULL,
  product_label TEXT NOT NULL DEFAULT '',
  cycle TEXT NOT NULL,
  cycle_label TEXT NOT NULL DEFAULT '',
  eol_at INTEGER,
  eol_undated INTEGER NOT NULL DEFAULT 0,
  latest TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'NEW',
  user_status INTEGER NOT NULL DEFAULT 0,
  deadline INTEGER,
  assignee TEXT NOT NULL DEFAULT '',
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  closed_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX eol_items_identity ON eol_items(server_id, product, cycle);
CREATE TABLE eol_snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  snapshot TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  products INTEGER NOT NULL DEFAULT 0,
  cycles INTEGER NOT NULL DEFAULT 0,
  imported_at INTEGER NOT NULL
);
