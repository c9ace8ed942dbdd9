# Helpers for the black-box functional tests: start kensa-aws-emulator and `kensa serve` on
# free ports, call the REST API, and count assertions. Sourced by the *_test.sh scripts.
# Every process started here is killed on exit.
set -euo pipefail

PASSED=0
FAILED=0
PIDS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kensa-functional.XXXXXX")
# The emulators listen on loopback: the operator's allowlist names it for kensa serve and the CLI.
export KENSA_AWS_ENDPOINT_ALLOWLIST=127.0.0.1

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$FAILED" = 0 ]; then
    rm -rf "$WORK"
  else
    echo "kept work dir for inspection: $WORK" >&2
  fi
}
trap cleanup EXIT

ok() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1" >&2; }
check() {  # check "description" test-expression...
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
check_eq() {  # check_eq "description" expected actual
  if [ "$2" == "$3" ]; then ok "$1"; else fail "$1: expected [$2], got [$3]"; fi
}
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" = 0 ]
}

# wait_listening FILE -> prints the port from the "listening on HOST:PORT" first line.
wait_listening() {
  local file=$1
  for _ in $(seq 1 300); do
    if [ -s "$file" ] && head -1 "$file" | grep -q '^listening on '; then
      head -1 "$file" | sed 's/.*://'
      return 0
    fi
    sleep 0.1
  done
  echo "no 'listening on' line in $file" >&2
  cat "$file" "$file.err" >&2 2>/dev/null || true
  return 1
}

# start_emulator NAME ARGS... -> sets EMU_PORT
start_emulator() {
  local name=$1
  shift
  "$EMULATOR" --listen 127.0.0.1:0 "$@" >"$WORK/$name.out" 2>"$WORK/$name.out.err" &
  PIDS+=($!)
  EMU_PORT=$(wait_listening "$WORK/$name.out")
}

# start_kensa DB -> sets KENSA_PORT, KENSA_PID
start_kensa() {
  KENSA_MASTER_KEY_FILE="$WORK/master.key" "$KENSA" --db "$1" serve --listen 127.0.0.1:0 --no-scheduler \
    >"$WORK/kensa.out" 2>"$WORK/kensa.out.err" &
  KENSA_PID=$!
  PIDS+=($KENSA_PID)
  KENSA_PORT=$(wait_listening "$WORK/kensa.out")
}

kensa_cli() { KENSA_MASTER_KEY_FILE="$WORK/master.key" "$KENSA" --db "$DB" "$@"; }

# api METHOD PATH [JSON] -> body on stdout; HTTP status in $WORK/status
api() {
  local method=$1 path=$2 body=${3:-}
  local args=(-s -o "$WORK/body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN")
  if [ -n "$body" ]; then
    args+=(-H 'Content-Type: application/json' --data "$body")
  elif [ "$method" != GET ] && [ "$method" != DELETE ]; then
    args+=(--data '')  # Content-Length: 0, as HTTP/1.1 wants for a POST without a body
  fi
  curl "${args[@]}" "http://127.0.0.1:$KENSA_PORT$path" >"$WORK/status"
  cat "$WORK/body"
}
status() { cat "$WORK/status"; }

emu() {  # emu METHOD PATH [JSON]: the emulator's unsigned control API
  curl -s -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "http://127.0.0.1:$EMU_PORT$2"
}

# Independent oracle: Debian's aws CLI asks the emulator which vulnerabilities are ACTIVE for a
# filter. Prints sorted unique vulnerability ids (package CVEs or code detector ids).
aws_active_vulns() {
  local filter=$1
  AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" \
    /usr/bin/aws --endpoint-url "http://127.0.0.1:$EMU_PORT" --region us-east-1 --output json \
    inspector2 list-findings --filter-criteria "$filter" |
    jq -r '.findings[] | select(.status == "ACTIVE") |
           (.packageVulnerabilityDetails.vulnerabilityId // .codeVulnerabilityDetails.detectorId)' |
    sort -u
}

# Dumps every row kensa keeps for inventory and tasks (not scan_runs), for "no writes" checks.
db_fingerprint() {
  sqlite3 "$1" "SELECT * FROM vulnerabilities ORDER BY id; SELECT * FROM software ORDER BY id;
    SELECT * FROM detections ORDER BY id; SELECT * FROM tasks ORDER BY id;
    SELECT * FROM task_comments ORDER BY id; SELECT * FROM task_history ORDER BY id;
    SELECT * FROM network_findings ORDER BY id;" | sha256sum | cut -d' ' -f1
}
