#!/usr/bin/env bash
# scripts/check-include-layers.sh on a tree shaped like src/kensa/: passes when every include
# points inward, and fails naming the file, the line and the rule for each wrong include.
#   usage: include_layers_test.sh CHECK_SCRIPT [SOURCE_ROOT]
# With SOURCE_ROOT (a checkout), its real src/kensa/ is copied too and the same wrong includes
# injected there must be reported.
set -euo pipefail
CHECK=$1
SOURCE_ROOT=${2:-}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kensa-include-layers.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1" >&2; }

# put FILE LINES...: writes a source file of the tree (path under src/kensa/).
put() {
  local file="$WORK/src/kensa/$1"
  shift
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$@" >"$file"
}

# A clean tree: every module includes only what its layer allows.
put common/error.h '#pragma once' '#include <string>' '#include <openssl/evp.h>'
put domain/model.h '#pragma once' '#include <optional>' '#include <cstdint>' '#include "kensa/common/error.h"'
put domain/model.cpp '#include "kensa/domain/model.h"' '' '#include <algorithm>' '// #include "kensa/store/sql_store.h" is a comment'
put domain/links.h '#pragma once' '#include <unordered_map>' '#include <compare>' '#include <cstdio>'  # names at the ends of the list's lines
put domain/domain_test.cpp '#include <gtest/gtest.h>' '#include <gmock/gmock.h>' '#include "kensa/domain/model.h"'
put knowledge/purl.h '#include <string_view>' '#include "kensa/common/error.h"'
put advisory/index.h '#include <nlohmann/json.hpp>' '#include "kensa/domain/model.h"' '#include "kensa/knowledge/purl.h"'
put ports/store.h '#include "kensa/domain/model.h"' '#include "kensa/knowledge/purl.h"'
put app/advisories/match.cpp '#include "kensa/advisory/index.h"' '#include "kensa/ports/store.h"' '#include "kensa/app/context.h"'
put app/context.h '#include "kensa/ports/store.h"'
put http/api/groups_handler.cpp '#include "kensa/app/context.h"' '#include "kensa/http/router.h"' '#include "kensa/store/sql_store.h"'
put store/sql_store.h '#include "kensa/ports/store.h"' '#include <sqlite3.h>'
put formats/osv/osv_feed.cpp '#include "kensa/advisory/index.h"' '#include <zip.h>'
put cli/main.cpp '#include "kensa/server/runtime.h"' '#include "kensa/store/sql_store.h"' '#include "kensa/scheduler/scheduler.h"'

out="$WORK/out"
run() { rc=0; bash "$CHECK" "$WORK" >"$out" 2>&1 || rc=$?; }

run
if [ "$rc" = 0 ] && grep -q 'check-include-layers: OK' "$out"; then
  ok "a clean tree passes"
else
  fail "a clean tree passes (rc $rc): $(cat "$out")"
fi

# expect_violation DESCRIPTION FILE:LINE RULE: the run failed and named that file, line and rule.
expect_violation() {
  if [ "$rc" = 1 ] && grep -qF "src/kensa/$2: [$3]" "$out"; then
    ok "$1"
  else
    fail "$1: expected 'src/kensa/$2: [$3]' and exit 1 (rc $rc): $(cat "$out")"
  fi
}

# The wrong includes, one per rule, injected into the clean tree.
echo '#include "kensa/store/sql_store.h"' >>"$WORK/src/kensa/domain/model.cpp"              # line 5
echo '#include <nlohmann/json.hpp>' >>"$WORK/src/kensa/domain/model.h"                      # line 5
echo '#include "kensa/aws/sigv4/signer.h"' >>"$WORK/src/kensa/app/advisories/match.cpp"     # line 4
echo '#include "kensa/formats/sbom/sbom_stream_reader.h"' >>"$WORK/src/kensa/app/context.h"  # line 2
echo '#include "kensa/cli/cli_common.h"' >>"$WORK/src/kensa/http/api/groups_handler.cpp"    # line 4
echo '#include "kensa/scheduler/scheduler.h"' >>"$WORK/src/kensa/http/api/groups_handler.cpp"  # line 5
echo '#include "kensa/domain/model.h"' >>"$WORK/src/kensa/common/error.h"                   # line 4
echo '#include "kensa/domain/model.h"' >>"$WORK/src/kensa/knowledge/purl.h"                 # line 3
echo '#include "kensa/ports/store.h"' >>"$WORK/src/kensa/advisory/index.h"                  # line 4
echo '#include "kensa/app/context.h"' >>"$WORK/src/kensa/ports/store.h"                     # line 3
echo '  #  include <gtest/gtest.h>' >>"$WORK/src/kensa/domain/model.cpp"                    # line 6
run
expect_violation "domain including the store adapter fails" domain/model.cpp:5 layer:domain
if grep -F 'src/kensa/domain/model.cpp:5:' "$out" | grep -qF 'kensa/store/sql_store.h'; then
  ok "the message names the included header"
else
  fail "the message names the included header: $(cat "$out")"
fi
expect_violation "domain including a third-party header fails" domain/model.h:5 layer:domain-std
expect_violation "gtest outside a test file is third-party in domain" domain/model.cpp:6 layer:domain-std
expect_violation "app including aws (an adapter) fails" app/advisories/match.cpp:4 layer:app
expect_violation "app including sbom (an adapter) fails" app/context.h:2 layer:app
expect_violation "http including cli fails" http/api/groups_handler.cpp:4 layer:http
expect_violation "http including scheduler fails" http/api/groups_handler.cpp:5 layer:http
expect_violation "common including domain fails" common/error.h:4 layer:common
expect_violation "knowledge including domain fails" knowledge/purl.h:3 layer:knowledge
expect_violation "advisory including ports fails" advisory/index.h:4 layer:advisory
expect_violation "ports including app fails" ports/store.h:3 layer:ports
count=$(grep -c '^src/kensa/' "$out" || true)
if [ "$count" = 11 ]; then
  ok "exactly the injected includes are reported"
else
  fail "exactly the injected includes are reported: $count lines: $(cat "$out")"
fi

rc=0
bash "$CHECK" "$WORK/nowhere" >"$out" 2>&1 || rc=$?
if [ "$rc" = 2 ]; then ok "a root without src/kensa is a usage error"; else fail "usage error (rc $rc)"; fi

if [ -n "$SOURCE_ROOT" ]; then
  rm -rf "$WORK/src"
  mkdir -p "$WORK/src"
  cp -r "$SOURCE_ROOT/src/kensa" "$WORK/src/kensa"
  domain_file=$WORK/src/kensa/domain/model.cpp
  app_file=$WORK/src/kensa/app/groups.cpp
  echo '#include "kensa/store/sql_store.h"' >>"$domain_file"
  echo '#include "kensa/aws/aws_clients.h"' >>"$app_file"
  run
  expect_violation "the real tree: domain including the store fails" \
    "domain/model.cpp:$(wc -l <"$domain_file")" layer:domain
  expect_violation "the real tree: app including aws fails" "app/groups.cpp:$(wc -l <"$app_file")" layer:app
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
