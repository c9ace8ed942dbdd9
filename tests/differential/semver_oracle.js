// Reads "A B" pairs, one per line, from stdin and prints "<", "=", ">" for node-semver's
// compare(A, B) (loose=false), or "!" when semver rejects either version.
// Usage: node semver_oracle.js NODE_MODULES_DIR
'use strict';
const path = require('path');
const semver = require(path.join(process.argv[2], 'semver'));
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const out = [];
for (const raw of lines) {
  const line = raw.trim();
  if (line === '') {
    continue;
  }
  const parts = line.split(/[ \t]+/);
  if (parts.length !== 2) {
    out.push('!');
    continue;
  }
  try {
    const rc = semver.compare(parts[0], parts[1]);
    out.push(rc < 0 ? '<' : (rc > 0 ? '>' : '='));
  } catch (e) {
    out.push('!');
  }
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
