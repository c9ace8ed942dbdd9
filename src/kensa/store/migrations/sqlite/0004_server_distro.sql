-- The OS release the scans say a server runs (an Inspector finding's platform, an SBOM's
-- operating-system component or SPDX namespace). Coverage only says LINUX for EC2, so distro
-- advisories match on this column, not on platform.
ALTER TABLE servers ADD COLUMN distro TEXT NOT NULL DEFAULT '';
