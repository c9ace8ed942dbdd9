#!/usr/bin/env bash
# Issue 19, end to end: kensa serve against a hostile stand-in for AWS (hostile_aws_stub.py) on
# loopback. An endless body and endless distinct nextTokens each fail the scan run with their
# cause while kensa keeps serving in bounded memory; a bare HTML 404 fails the connection test;
# and the known secret key, session secret and session token appear nowhere in the database
# file, the logs or any API response.
#   usage: hostile_aws_test.sh KENSA_BINARY
KENSA=$1
source "$(dirname "$0")/lib.sh"
STUB="$(dirname "$0")/hostile_aws_stub.py"

DB_FILE="$WORK/kensa.db"
DB="sqlite:$DB_FILE"
export KENSA_AWS_MAX_PAGES=50
start_kensa "$DB"
TOKEN=$(kensa_cli user token admin --admin | jq -r .token)
SECRET=HostileGroupSecretKey/0123456789abcdefghijk
SESSION_SECRET=$(python3 -c "import importlib.util,sys; s=importlib.util.spec_from_file_location('s','$STUB'); m=importlib.util.module_from_spec(s); s.loader.exec_module(m); print(m.SESSION_SECRET)")
SESSION_TOKEN=$(python3 -c "import importlib.util,sys; s=importlib.util.spec_from_file_location('s','$STUB'); m=importlib.util.module_from_spec(s); s.loader.exec_module(m); print(m.SESSION_TOKEN)")
RESPONSES="$WORK/responses"
mkdir -p "$RESPONSES"
keep() { cp "$WORK/body" "$RESPONSES/$1.json"; }  # keep NAME: the last API response, for the grep

start_stub() {  # start_stub MODE -> sets STUB_PORT
  rm -f "$WORK/stub.port"  # (stub.port.tokens collects every stub's tokens)
  python3 "$STUB" "$WORK/stub.port" "$1" 2>"$WORK/stub-$1.err" &
  PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$WORK/stub.port" ] && break; sleep 0.1; done
  STUB_PORT=$(cat "$WORK/stub.port")
}

# group GROUP-NAME MODE -> sets GID and SID: a group with an assumed role through the stub, and
# one EC2 server (written directly: registration would ask the stub's coverage).
group() {
  start_stub "$2"
  GID=$(api POST /api/v1/groups "{\"name\":\"$1\"}" | jq -r .id)
  keep "group-$1"
  api PUT "/api/v1/groups/$GID/aws" "$(jq -n --arg e "http://127.0.0.1:$STUB_PORT" --arg s "$SECRET" \
    '{auth_type:"assume_role", region:"us-east-1", access_key_id:"AKIAHOSTILEEXAMPLE00", secret_access_key:$s,
      role_arn:"arn:aws:iam::123456789012:role/kensa-inspector", endpoint_url:$e}')" >/dev/null
  keep "aws-$1"
  check_eq "$1: settings stored" 200 "$(status)"
  sqlite3 "$DB_FILE" "INSERT INTO servers (group_id, kind, name, instance_id, account_id, region, platform, created_at)
    VALUES ($GID, 'ec2', 'web-$1', 'i-0a1b2c3d4e5f6a7b8', '123456789012', 'us-east-1', 'LINUX', 1)"
  SID=$(sqlite3 "$DB_FILE" "SELECT id FROM servers WHERE group_id = $GID")
}

peak_rss_kib() { awk '/^VmHWM/ {print $2}' "/proc/$KENSA_PID/status"; }

# scan_fails MODE CAUSE: a scan through the stub in MODE fails its run naming CAUSE, and kensa
# still serves.
scan_fails() {
  group "$1" "$1"
  api POST "/api/v1/groups/$GID/servers/$SID/scan" >/dev/null
  keep "scan-$1"
  api GET "/api/v1/groups/$GID/scan-runs" >"$WORK/runs-$1.json"
  keep "runs-$1"
  check_eq "$1: the run failed" failed "$(jq -r '.scan_runs[0].status' "$WORK/runs-$1.json")"
  check "$1: the run names its cause ($2) and the call" \
    grep -q "$2.*inspector2:ListFindings" <(jq -r '.scan_runs[0].error | "\(.message) \(.step)"' "$WORK/runs-$1.json")
  check "$1: kensa still serves" test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$KENSA_PORT/healthz")" = 200
}

# ---- an endless body: the run fails at the 32 MiB cap, in bounded memory
scan_fails endless 'larger than 32 MiB'
# The body would be 64 GiB: bounded means far below. An ASan build keeps freed memory in
# quarantine (256 MiB by default), so its bound is looser.
RSS_LIMIT_KIB=262144
if grep -qa __asan_init "$KENSA"; then RSS_LIMIT_KIB=1048576; fi
RSS=$(peak_rss_kib)
check "endless: kensa's peak RSS stays under $((RSS_LIMIT_KIB / 1024)) MiB (was ${RSS} KiB)" \
  test "$RSS" -lt "$RSS_LIMIT_KIB"

# ---- endless distinct nextTokens: the listing stops at the page cap (KENSA_AWS_MAX_PAGES=50)
scan_fails tokens 'more than 50 pages'

# ---- a bare HTML 404 fails the connection test, and says why
group html html404
api POST "/api/v1/groups/$GID/aws/test" >"$WORK/test-html.json"
keep test-html
check_eq "html 404: the connection test fails" false "$(jq -r .ok "$WORK/test-html.json")"
check "html 404: it says the endpoint does not look like AWS" grep -q 'does not look like AWS' "$WORK/test-html.json"
check_eq "html 404: ListCoverage is not reported granted" false \
  "$(jq -r '.permissions[] | select(.action == "inspector2:ListCoverage") | .granted' "$WORK/test-html.json")"

# ---- the secrets: the group's secret key, the session's secret and token appear nowhere
api GET "/api/v1/groups" >/dev/null
keep groups
api GET "/api/v1/groups/$GID" >/dev/null
keep group
curl -s "http://127.0.0.1:$KENSA_PORT/metrics" -H "Authorization: Bearer $TOKEN" >"$RESPONSES/metrics.txt"
check "the assumed role was used (its session token reached the stub)" grep -qxF -- "$SESSION_TOKEN" "$WORK/stub.port.tokens"
sqlite3 "$DB_FILE" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
for secret in "$SECRET" "$SESSION_SECRET" "$SESSION_TOKEN"; do
  check "the secret ${secret:0:12}... is not in the database file" bash -c "! grep -qaF -- '$secret' '$DB_FILE'* "
  check "the secret ${secret:0:12}... is in no log line" bash -c "! grep -qaF -- '$secret' '$WORK/kensa.out' '$WORK/kensa.out.err'"
  check "the secret ${secret:0:12}... is in no API response" bash -c "! grep -rqaF -- '$secret' '$RESPONSES'"
done
check "the API responses were kept" test "$(ls "$RESPONSES" | wc -l)" -ge 12

finish
