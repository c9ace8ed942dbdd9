#!/usr/bin/env bash
# `make bench`: kensa's benchmarks (issue 8). Methodology, knobs and output: bench/README.md.
#   bash bench/run.sh                       # sizes S and M, scenarios import scan rescan match api
#   BENCH_SIZES=S,M,L bash bench/run.sh     # add the 10,000-resource / 5M-component fleet
# Binaries come from $KENSA_BIN_DIR (default build/bin): kensa, kensa-aws-emulator and, when
# bench/CMakeLists.txt is part of the build, kensa-bench-match and the floor programs.
# Writes bench/results/<timestamp>.json and .md and copies the summary to bench/RESULTS.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export KENSA_BIN_DIR=${KENSA_BIN_DIR:-$root/build/bin}
for b in kensa kensa-aws-emulator; do
  if [ ! -x "$KENSA_BIN_DIR/$b" ]; then
    echo "bench: $KENSA_BIN_DIR/$b not built; run make first (or set KENSA_BIN_DIR)" >&2
    exit 1
  fi
done
command -v python3 >/dev/null || { echo "bench: python3 is required" >&2; exit 1; }
command -v wrk >/dev/null || echo "bench: wrk not installed; the API scenario will be skipped (sudo apt-get install -y wrk)" >&2
command -v jq >/dev/null || echo "bench: jq not installed; the naive peer will be skipped" >&2
[ -x /usr/bin/aws ] || echo "bench: /usr/bin/aws not installed; SBOM floors will be skipped (sudo apt-get install -y awscli)" >&2
exec python3 -B "$root/bench/bench.py" "$@"
