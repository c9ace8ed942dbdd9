#!/usr/bin/env bash
# `make test`: builds the release and the dev (ASan+UBSan) presets, starts a throw-away
# PostgreSQL 15 (scripts/pg-test-server.sh), runs ctest in both build directories with
# KENSA_TEST_PG_DSN set, always stops PostgreSQL, and ends with the line "N passed, M failed"
# summed over both ctest runs. Exits non-zero on any build or test failure.
#
# The PostgreSQL cluster is private to this run (its own directory and port), so a cluster a
# developer keeps running for scripts/pg-test-server.sh is left alone.
#
# Under CI (CI=true) the presets are "ci ci-dev": the same builds with warnings as errors.
# The web console is built (scripts/build-console.sh) into the release build directory, where
# ctest runs its browser story.
#
# Environment: KENSA_TEST_PRESETS (default "release dev"), KENSA_JOBS (default 2),
# KENSA_CTEST_TIMEOUT seconds per test (default 1200), KENSA_TEST_PG_PORT (default 55433).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

default_presets="release dev"
if [ "${CI:-}" = true ]; then
  default_presets="ci ci-dev"
fi
presets=${KENSA_TEST_PRESETS:-$default_presets}
jobs=${KENSA_JOBS:-2}
ctest_timeout=${KENSA_CTEST_TIMEOUT:-1200}
log_dir=$(mktemp -d "${TMPDIR:-/tmp}/kensa-tests.XXXXXX")
chmod 755 "$log_dir"  # the postgres user must reach the cluster directory inside
pg_started=0
export KENSA_PG_DIR="$log_dir/pg"
export KENSA_PG_PORT=${KENSA_TEST_PG_PORT:-55433}
started_at=$(date +%s)

cleanup() {
  if [ "$pg_started" = 1 ]; then
    bash scripts/pg-test-server.sh stop || true
  fi
  rm -rf "$log_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

binary_dir() {
  case "$1" in
    release | ci) echo build ;;
    dev | ci-dev) echo build-dev ;;
    dev-tsan) echo build-tsan ;;
    *) echo "run-tests: unknown preset $1" >&2; exit 2 ;;
  esac
}

for preset in $presets; do
  echo "== configure and build preset '$preset' (-j$jobs)"
  cmake --preset "$preset"
  cmake --build --preset "$preset" -j"$jobs"
done

# The web console, into each build directory whose ctest runs the browser story.
console_dirs=()
for preset in $presets; do
  case "$preset" in
    release | ci) console_dirs+=("$(binary_dir "$preset")") ;;
  esac
done
if [ "${#console_dirs[@]}" -gt 0 ]; then
  echo "== building the web console (scripts/build-console.sh)"
  bash scripts/build-console.sh "${console_dirs[@]}"
fi

echo "== starting PostgreSQL for the store contract tests"
pg_started=1
KENSA_TEST_PG_DSN=$(bash scripts/pg-test-server.sh start)
export KENSA_TEST_PG_DSN
echo "KENSA_TEST_PG_DSN=$KENSA_TEST_PG_DSN"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

total_passed=0
total_failed=0
status=0
for preset in $presets; do
  dir=$(binary_dir "$preset")
  log="$log_dir/ctest-$preset.log"
  echo "== ctest in $dir (preset '$preset')"
  rc=0
  ctest --test-dir "$dir" --output-on-failure --timeout "$ctest_timeout" 2>&1 | tee "$log" || rc=$?
  # ctest ends with "NN% tests passed, F tests failed out of T".
  summary=$(grep -E '[0-9]+ tests failed out of [0-9]+' "$log" | tail -1 || true)
  if [ -n "$summary" ]; then
    failed=$(sed -nE 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/p' <<<"$summary")
    total=$(sed -nE 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/p' <<<"$summary")
    passed=$((total - failed))
  else
    echo "run-tests: ctest in $dir ran no tests (exit $rc)" >&2
    passed=0
    failed=1
  fi
  if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
    failed=1  # ctest failed without counting a test failure (e.g. a crash in ctest itself)
  fi
  echo "preset $preset: $passed of $((passed + failed)) ctest tests passed"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  if [ "$failed" != 0 ]; then
    status=1
  fi
done

echo "run-tests: $(( $(date +%s) - started_at ))s for builds and tests"
echo "$total_passed passed, $total_failed failed"
exit "$status"
