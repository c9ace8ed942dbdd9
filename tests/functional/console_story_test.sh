#!/usr/bin/env bash
# The web console's browser story against `make demo`'s fleet: scripts/demo.sh builds the demo
# database and serves kensa (with the console at /) beside kensa-aws-emulator; web/e2e/story.mjs
# drives Debian's chromium through playwright-core (log in, add an EC2 instance, scan, change a
# task, enable the SBOM export and download the template, bulk scan, scan history, Japanese)
# and runs axe-core on every page. web/e2e/api_contract.mjs then validates the API's real
# responses against the OpenAPI document with ajv. Screenshots land in
# $KENSA_E2E_SHOTS (default: <build dir>/e2e-screenshots), kept as the CI artefact.
#   console_story_test.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin_dir=$1
root=$2
bin_dir=$(cd "$bin_dir" && pwd)
shots=$(realpath -m "${KENSA_E2E_SHOTS:-$bin_dir/../e2e-screenshots}")
if [ ! -f "$bin_dir/../share/kensa/console/index.html" ]; then
  echo "console_story: the console is not built (scripts/build-console.sh)" >&2
  exit 1
fi
if [ ! -d "$root/web/node_modules/playwright-core" ]; then
  echo "console_story: web/node_modules is missing (scripts/build-console.sh runs npm ci)" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/kensa-console.XXXXXX")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
aws_port=$(free_port)
password="story-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')"
cleanup() {
  if [ -n "${demo_pid:-}" ]; then
    kill -- -"$demo_pid" 2>/dev/null || kill "$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$shots"
mkdir -p "$shots"
set -m  # demo.sh in its own process group, so that its kensa and emulator stop with it
KENSA_BIN_DIR="$bin_dir" KENSA_DEMO_DIR="$work/demo" KENSA_DEMO_PORT="$port" \
  KENSA_DEMO_AWS_PORT="$aws_port" KENSA_DEMO_PASSWORD="$password" KENSA_SBOM_POLL_MS=200 \
  KENSA_DEMO_SBOM=off \
  bash "$root/scripts/demo.sh" >"$work/demo.out" 2>"$work/demo.err" &
demo_pid=$!
set +m
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$demo_pid" 2>/dev/null; then
    echo "console_story: demo.sh ended early" >&2
    cat "$work/demo.out" "$work/demo.err" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null
grep -q "log in as admin" "$work/demo.out" || { echo "demo.sh printed no login" >&2; exit 1; }
cd "$root/web"
status=0
KENSA_E2E_URL="http://127.0.0.1:$port" KENSA_E2E_USER=admin KENSA_E2E_PASSWORD="$password" \
  KENSA_E2E_SHOTS="$shots" KENSA_E2E_SBOM_BUCKET=kensa-sbom-exports node e2e/story.mjs || status=$?
KENSA_E2E_URL="http://127.0.0.1:$port" KENSA_E2E_TOKEN="$(cat "$work/demo/token")" \
  node e2e/api_contract.mjs || status=$?
# kensa user passwd: the new password logs in, the old one no longer does.
login() {
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"name\":\"admin\",\"password\":\"$1\"}" "http://127.0.0.1:$port/api/v1/session"
}
new_password="changed-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')"
printf '%s\n' "$new_password" | KENSA_DB="sqlite:$work/demo/kensa.db" \
  KENSA_MASTER_KEY_FILE="$work/demo/master.key" "$bin_dir/kensa" user passwd admin >/dev/null
if [ "$(login "$new_password")" != 200 ] || [ "$(login "$password")" != 401 ]; then
  echo "console_story: kensa user passwd did not replace the password" >&2
  status=1
else
  echo "ok - kensa user passwd: the new password logs in, the old one is refused"
fi
echo "console_story: screenshots in $shots ($(find "$shots" -name '*.png' | wc -l) files)"
if [ "$status" != 0 ]; then
  tail -50 "$work/demo.err" >&2 || true
fi
exit "$status"
