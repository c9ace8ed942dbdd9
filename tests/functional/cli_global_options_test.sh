#!/usr/bin/env bash
# Issue 13 acceptance: the global options are accepted before and after the subcommand. Both
# `kensa serve --db D --listen L` and `kensa --db D serve --listen L` serve /healthz, and a
# nested subcommand takes --db after its arguments.
#   usage: cli_global_options_test.sh KENSA_BINARY
KENSA=$1
source "$(dirname "$0")/lib.sh"
export KENSA_MASTER_KEY_FILE="$WORK/master.key"

# serve_with NAME ARGS...: starts kensa with exactly ARGS, sets PORT and SERVE_PID.
serve_with() {
  local name=$1
  shift
  "$KENSA" "$@" >"$WORK/$name.out" 2>"$WORK/$name.out.err" &
  SERVE_PID=$!
  PIDS+=($SERVE_PID)
  PORT=$(wait_listening "$WORK/$name.out")
}

# stop PID: SIGTERM, then STOP_RC is the exit code kensa returned.
stop() {
  kill -TERM "$1"
  STOP_RC=0
  wait "$1" || STOP_RC=$?
}

serve_with after serve --db "sqlite:$WORK/after.db" --listen 127.0.0.1:0 --no-scheduler
check_eq "serve --db D --listen L: /healthz" 200 \
  "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")"
check "the database named after the subcommand is the one opened" test -s "$WORK/after.db"
stop "$SERVE_PID"
check_eq "stops cleanly on SIGTERM" 0 "$STOP_RC"

serve_with before --db "sqlite:$WORK/before.db" serve --listen 127.0.0.1:0 --no-scheduler
check_eq "--db D serve --listen L: /healthz" 200 \
  "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")"
check "the database named before the subcommand is the one opened" test -s "$WORK/before.db"
stop "$SERVE_PID"
check_eq "stops cleanly on SIGTERM" 0 "$STOP_RC"

# A nested subcommand: --db after the positional argument, then before the subcommand.
check_eq "group create blue --db D" blue \
  "$("$KENSA" group create blue --db "sqlite:$WORK/groups.db" | jq -r .name)"
check_eq "--db D group list sees it" blue \
  "$("$KENSA" --db "sqlite:$WORK/groups.db" group list | jq -r '.[].name')"
check_eq "group --db D list sees it" blue \
  "$("$KENSA" group --db "sqlite:$WORK/groups.db" list | jq -r '.[].name')"
rc=0
"$KENSA" group create red --no-such-flag --db "sqlite:$WORK/groups.db" >/dev/null 2>"$WORK/bad.err" || rc=$?
check "an unknown option is still refused" test "$rc" -ne 0
check "and named" grep -q -- '--no-such-flag' "$WORK/bad.err"

# Issue 19: a database that cannot be opened is named without its password, in the log and on
# stderr (port 1 on loopback: nothing listens, nothing leaves the machine).
rc=0
"$KENSA" --db "postgresql://kensa:Hunter2Secret@127.0.0.1:1/kensa" serve --listen 127.0.0.1:0 \
  >"$WORK/pg.out" 2>"$WORK/pg.err" || rc=$?
check "an unreachable PostgreSQL stops kensa" test "$rc" -ne 0
check "the failure names the database" grep -q '127.0.0.1:1/kensa' "$WORK/pg.err"
check "without its password" bash -c "! grep -q Hunter2Secret '$WORK/pg.out' '$WORK/pg.err'"

finish
