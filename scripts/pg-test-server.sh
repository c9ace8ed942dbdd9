#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 cluster for the contract tests.
#   scripts/pg-test-server.sh start   -> prints the DSN on stdout
#   scripts/pg-test-server.sh stop
# The cluster lives under ${KENSA_PG_DIR:-/tmp/kensa-pg-test}, listens on 127.0.0.1:${KENSA_PG_PORT:-55432}
# with trust authentication, and is never used for anything but tests.
set -euo pipefail
cmd=${1:-start}
dir=${KENSA_PG_DIR:-/tmp/kensa-pg-test}
port=${KENSA_PG_PORT:-55432}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries not found; install the 'postgresql' package" >&2
  exit 1
fi
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
case "$cmd" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      as_pg "$bindir/initdb" -D "$dir/data" --auth=trust -U postgres -E UTF8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    fi
    as_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='kensa_test'" postgres |
      grep -q 1 || as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres kensa_test
    echo "postgresql://postgres@127.0.0.1:$port/kensa_test"
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
