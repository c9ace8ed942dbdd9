// Reads "VERSION<TAB>RANGE" lines from stdin (the range is everything after the first tab) and
// prints node-semver's semver.satisfies(VERSION, RANGE) as "true" or "false", or "!" when
// `new Range(RANGE)` or `new SemVer(VERSION)` throws (satisfies answers false for those; kensa
// reports them as invalid input, so the test compares them as "!").
// Usage: node npm_range_oracle.js NODE_MODULES_DIR
'use strict';
const path = require('path');
const semver = require(path.join(process.argv[2], 'semver'));
const text = require('fs').readFileSync(0, 'utf8');
const lines = text.split('\n');
if (lines.length && lines[lines.length - 1] === '') {
  lines.pop();
}
const out = [];
for (let line of lines) {
  if (line.endsWith('\r')) {
    line = line.slice(0, -1);
  }
  const tab = line.indexOf('\t');
  if (tab < 0) {
    out.push('!');
    continue;
  }
  const version = line.slice(0, tab);
  const range = line.slice(tab + 1);
  try {
    new semver.Range(range);
    new semver.SemVer(version);
  } catch (e) {
    out.push('!');
    continue;
  }
  out.push(semver.satisfies(version, range) ? 'true' : 'false');
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
