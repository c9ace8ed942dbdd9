-- What a group's own sources (its Inspector, its SBOMs, its Vuls uploads) say of a
-- vulnerability. Shared `vulnerabilities` rows keep only what the operator's advisory database
-- says, so one tenant's scan can no longer rewrite the title, severity, CVSS or references that
-- another tenant sees. A group reads its own row, each empty field filled from the shared one
-- (domain::GroupView).
CREATE TABLE group_vulnerabilities (
  group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  id TEXT NOT NULL REFERENCES vulnerabilities(id),
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  cvss3_score DOUBLE PRECISION NOT NULL DEFAULT 0,
  cvss3_vector TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT '',
  epss DOUBLE PRECISION,
  kev BIGINT NOT NULL DEFAULT 0,
  exploit_available BIGINT NOT NULL DEFAULT 0,
  fix_available TEXT NOT NULL DEFAULT '',
  refs TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (group_id, id)
);
-- Until now the first tenant to scan a vulnerability wrote its shared row, and no one can tell
-- which words were whose. They are blanked rather than handed to any group: each group's next
-- scan writes its own row, and the next advisory match the shared one.
UPDATE vulnerabilities SET title = '', description = '', cvss3_score = 0, cvss3_vector = '',
  severity = '', epss = NULL, kev = 0, exploit_available = 0, fix_available = '', refs = '';
