#!/usr/bin/env bash
# Differential test of `kensa vercmp` against each ecosystem's reference implementation.
#
#   run_differential.sh VERCMP_BIN WORK_DIR [--npm-satisfies BIN] ECOSYSTEM...
#                                       (deb rpm pypi npm maven npm-range)
#
# For each ecosystem: generate the deterministic corpus (gen_corpus.py, >= 10,000 random pairs
# plus edge cases), run the reference oracle and `VERCMP_BIN vercmp ECO --batch` over it, and
# compare the results line by line ("!" = the version was rejected). Prints the first
# disagreements and a closing line "N passed, M failed". Exit 0 when all pass, 1 when any
# fails, 77 (ctest SKIP) when every requested oracle is unavailable.
#   deb    python3-apt (apt_pkg.version_compare), plus a sample through `dpkg --compare-versions`
#   rpm    python3-rpm (rpm.labelCompare)
#   pypi   python3-packaging (packaging.version.Version)
#   npm    node + the semver npm package, installed into WORK_DIR on first use
#   maven  java/javac + Debian's maven-artifact jar (ComparableVersion)
#   npm-range  not a version comparison: BIN (kensa-npm-satisfies) against node semver's
#          satisfies(version, range) over gen_range_corpus.py's "VERSION<TAB>RANGE" pairs
# KENSA_DIFF_PAIRS overrides the number of random pairs (default 10000; more for npm and pypi).
set -uo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 VERCMP_BIN WORK_DIR ECOSYSTEM..." >&2
  exit 2
fi
vercmp=$1
work=$2
shift 2
npm_satisfies=""
if [ "${1:-}" = --npm-satisfies ]; then
  npm_satisfies=$2
  shift 2
fi
here=$(cd "$(dirname "$0")" && pwd)
pairs=${KENSA_DIFF_PAIRS:-10000}
maven_jar=${KENSA_MAVEN_ARTIFACT_JAR:-/usr/share/maven/lib/maven-artifact-3.x.jar}
mkdir -p "$work"

# The Debian python modules live in the system interpreter; prefer it over a PATH python3.
python=python3
if [ -x /usr/bin/python3 ]; then
  python=/usr/bin/python3
fi

passed=0
failed=0
skipped=0

# ensure_node_semver: node and the semver npm package (installed into WORK_DIR on first use);
# returns 1 when they are unavailable.
ensure_node_semver() {
  if ! command -v node >/dev/null; then
    echo "node not installed" >&2
    return 1
  fi
  if [ ! -f "$work/npm/node_modules/semver/package.json" ]; then
    if ! command -v npm >/dev/null ||
      ! npm install --silent --no-save --no-audit --no-fund --prefix "$work/npm" semver@7 \
        >"$work/npm-install.log" 2>&1; then
      echo "could not install the semver npm package (see $work/npm-install.log)" >&2
      return 1
    fi
  fi
  local semver_json="$work/npm/node_modules/semver/package.json"
  echo "  node semver $(node -p "require('$semver_json').version")"
}

# run_oracle ECO CORPUS OUT: writes the oracle's results; returns 3 when it is unavailable.
run_oracle() {
  local eco=$1 corpus=$2 out=$3
  case "$eco" in
    deb | rpm | pypi)
      "$python" "$here/oracle.py" "$eco" <"$corpus" >"$out"
      ;;
    npm)
      ensure_node_semver || return 3
      node "$here/semver_oracle.js" "$work/npm/node_modules" <"$corpus" >"$out"
      ;;
    npm-range)
      ensure_node_semver || return 3
      node "$here/npm_range_oracle.js" "$work/npm/node_modules" <"$corpus" >"$out"
      ;;
    maven)
      if ! command -v javac >/dev/null || ! command -v java >/dev/null ||
        [ ! -f "$maven_jar" ]; then
        echo "java, javac or $maven_jar missing" >&2
        return 3
      fi
      mkdir -p "$work/maven-classes"
      if ! javac -d "$work/maven-classes" -cp "$maven_jar" "$here/MavenOracle.java"; then
        return 1
      fi
      java -cp "$work/maven-classes:$maven_jar" MavenOracle <"$corpus" >"$out"
      ;;
    *)
      echo "unknown ecosystem $eco" >&2
      return 1
      ;;
  esac
}

# compare_results NAME CORPUS EXPECTED ACTUAL: prints disagreements; returns 1 if any.
# Corpus lines may contain tabs (npm ranges), so the results are pasted first.
compare_results() {
  local name=$1 corpus=$2 expected=$3 actual=$4
  local n_corpus n_expected n_actual
  n_corpus=$(grep -c . "$corpus")
  n_expected=$(wc -l <"$expected")
  n_actual=$(wc -l <"$actual")
  if [ "$n_expected" != "$n_corpus" ] || [ "$n_actual" != "$n_corpus" ]; then
    echo "  $name: line counts differ: corpus $n_corpus, oracle $n_expected, kensa $n_actual"
    return 1
  fi
  local bad
  bad=$(paste -d '\t' "$expected" "$actual" | awk -F '\t' '$1 != $2' | wc -l)
  if [ "$bad" != 0 ]; then
    echo "  $name: $bad of $n_corpus pairs disagree (reference, kensa, pair):"
    paste -d '\t' "$expected" "$actual" "$corpus" | awk -F '\t' '$1 != $2' | head -15 |
      sed 's/^/    /'
    return 1
  fi
  local n_rejected n_true
  n_rejected=$(grep -c '!' "$expected")
  n_true=$(grep -c '^true$' "$expected")
  local detail=""
  if [ "$n_true" != 0 ]; then
    detail=", $n_true satisfied"
  fi
  echo "  $name: $n_corpus pairs ($((n_corpus - n_rejected)) valid$detail, $n_rejected rejected)," \
    "0 disagreements"
  return 0
}

for eco in "$@"; do
  echo "== $eco"
  corpus="$work/$eco.pairs"
  expected="$work/$eco.expected"
  actual="$work/$eco.actual"
  # Enough random pairs that >= 10,000 of them are valid for the ecosystem (npm's corpus has
  # many deliberately invalid versions: leading zeros, empty identifiers).
  eco_pairs=$pairs
  if [ -z "${KENSA_DIFF_PAIRS:-}" ]; then
    case "$eco" in
      npm) eco_pairs=17000 ;;
      pypi) eco_pairs=12000 ;;
      npm-range) eco_pairs=15000 ;;
    esac
  fi
  generator=(gen_corpus.py "$eco")
  if [ "$eco" = npm-range ]; then
    if [ -z "$npm_satisfies" ]; then
      echo "  npm-range needs --npm-satisfies BIN" >&2
      failed=$((failed + 1))
      continue
    fi
    generator=(gen_range_corpus.py)
  fi
  if ! "$python" "$here/${generator[0]}" "${generator[@]:1}" "$eco_pairs" >"$corpus"; then
    failed=$((failed + 1))
    continue
  fi
  run_oracle "$eco" "$corpus" "$expected"
  rc=$?
  if [ $rc = 3 ]; then
    echo "  SKIPPED: the reference implementation for $eco is not available"
    skipped=$((skipped + 1))
    continue
  elif [ $rc != 0 ]; then
    echo "  the oracle failed (exit $rc)"
    failed=$((failed + 1))
    continue
  fi
  if [ "$eco" = npm-range ]; then
    "$npm_satisfies" <"$corpus" >"$actual" 2>"$work/$eco.stderr"
  else
    "$vercmp" vercmp "$eco" --batch <"$corpus" >"$actual" 2>"$work/$eco.stderr"
  fi
  ok=1
  compare_results "$eco" "$corpus" "$expected" "$actual" || ok=0
  if [ "$eco" = deb ] && command -v dpkg >/dev/null; then
    # apt_pkg is the fast oracle; check it against dpkg itself on a sample.
    head -n 400 "$corpus" >"$work/deb-sample.pairs"
    sed -n '2000~40p' "$corpus" >>"$work/deb-sample.pairs"
    "$python" "$here/oracle.py" dpkg <"$work/deb-sample.pairs" >"$work/deb-sample.expected"
    "$vercmp" vercmp deb --batch <"$work/deb-sample.pairs" >"$work/deb-sample.actual" 2>/dev/null
    compare_results "deb (dpkg --compare-versions sample)" "$work/deb-sample.pairs" \
      "$work/deb-sample.expected" "$work/deb-sample.actual" || ok=0
  fi
  if [ $ok = 1 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed${skipped:+, $skipped skipped}"
if [ $failed != 0 ]; then
  exit 1
fi
if [ $passed = 0 ] && [ $skipped != 0 ]; then
  exit 77
fi
exit 0
