#!/usr/bin/env bash
# Insecure-API gate (after Falco's semgrep rules): fails when C/C++ sources under src/ and
# tools/ call functions that overflow buffers or run a shell.
#   strcpy strcat sprintf vsprintf gets  -> use std::string, snprintf, std::getline
#   system popen                         -> fork/exec with an argument vector (posix_spawn)
# Comment lines are ignored. A reviewed exception ends its line with `// NOLINT(banned-api)`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# \b keeps snprintf, fgets, strncpy_s etc. out; the look-behind keeps member calls such as
# obj.system() and qualified names other than std:: out.
pattern='(?<![\w.>]|\w::)(strcpy|strcat|sprintf|vsprintf|gets|system|popen)\s*\(|std::(strcpy|strcat|sprintf|vsprintf|gets|system|popen)\s*\('

dirs=()
for dir in src tools; do
  [ -d "$dir" ] && dirs+=("$dir")
done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "check-banned-apis: no src/ or tools/ directory" >&2
  exit 2
fi

hits=$(grep -rnP --include='*.c' --include='*.cc' --include='*.cpp' --include='*.h' \
  --include='*.hpp' -e "$pattern" "${dirs[@]}" |
  grep -vP '^[^:]+:\d+:\s*(//|/?\*)' |
  grep -vF 'NOLINT(banned-api)' || true)

if [ -n "$hits" ]; then
  echo "Banned APIs (see scripts/check-banned-apis.sh for the safe replacements):" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check-banned-apis: OK (${dirs[*]})"
