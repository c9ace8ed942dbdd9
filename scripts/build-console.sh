#!/usr/bin/env bash
# Builds the web console (web/: TypeScript, Vite, React) and installs it where kensa serves it
# from: <build dir>/share/kensa/console (kensa finds it beside its binary, bin/../share/...).
#   scripts/build-console.sh [BUILD_DIR ...]   default: build
# npm ci runs only when web/node_modules is missing or older than package-lock.json. The
# TypeScript client is generated from web/src/api/openapi.json, the API's OpenAPI document
# (`kensa openapi`; a test checks that the two agree).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/web"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
for dir in "${@:-build}"; do
  dest="$root/$dir/share/kensa/console"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp -R "$root/web/dist/." "$dest/"
  echo "console installed in $dir/share/kensa/console ($(find "$dest" -type f | wc -l) files)"
done
