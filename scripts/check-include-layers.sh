#!/usr/bin/env bash
# Include-layer gate: dependencies point inward (docs/architecture.md). Checks every
# `#include "kensa/<module>/..."` in src/kensa/<module>/ (unit tests included) against the
# modules that module may include:
#   common     common
#   domain     common domain; and no third-party header: every <...> include must be a
#              standard library header (tests may add <gtest/...> and <gmock/...>)
#   knowledge  common knowledge
#   advisory   common domain knowledge advisory
#   ports      common domain knowledge ports
#   app        common domain knowledge advisory ports app (no adapter: aws, store, sbom,
#              formats, http, scheduler, server, cli)
#   dto        common domain ports app dto (the JSON views of the model and of the use
#              cases' results; no adapter, and nothing of http or cli, which both use it)
#   http       anything but cli and scheduler
# Other modules (the adapters, scheduler, server, cli) are not restricted here; CMake target
# dependencies still apply. A module is the first folder under src/kensa/ (http/api is http).
#   usage: check-include-layers.sh [ROOT]   ROOT is a checkout (default: this one); the tree
#          checked is ROOT/src/kensa. Exit 0 clean, 1 violations (one line each on stderr),
#          2 usage error.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
tree="$root/src/kensa"
if [ ! -d "$tree" ]; then
  echo "check-include-layers: no src/kensa directory under '$root'" >&2
  exit 2
fi

# Modules each restricted module may include ("-name" entries: all but these).
declare -A allowed=(
  [common]="common"
  [domain]="common domain"
  [knowledge]="common knowledge"
  [advisory]="common domain knowledge advisory"
  [ports]="common domain knowledge ports"
  [app]="common domain knowledge advisory ports app"
  [dto]="common domain ports app dto"
  [http]="-cli -scheduler"
)

# The C++ standard library (C++20, and C++23 names so that a later standard needs no edit),
# with the C library in both its <cname> and <name.h> spellings.
std_headers=" algorithm any array atomic barrier bit bitset charconv chrono codecvt compare
  complex concepts condition_variable coroutine deque exception execution expected filesystem
  flat_map flat_set format forward_list fstream functional future generator initializer_list
  iomanip ios iosfwd iostream istream iterator latch limits list locale map mdspan memory
  memory_resource mutex new numbers numeric optional ostream print queue random ranges ratio
  regex scoped_allocator semaphore set shared_mutex source_location span spanstream sstream
  stack stacktrace stdexcept stdfloat stop_token streambuf string string_view strstream
  syncstream system_error thread tuple type_traits typeindex typeinfo unordered_map
  unordered_set utility valarray variant vector version
  cassert cctype cerrno cfenv cfloat cinttypes climits clocale cmath csetjmp csignal cstdarg
  cstddef cstdint cstdio cstdlib cstring ctime cuchar cwchar cwctype
  assert.h ctype.h errno.h fenv.h float.h inttypes.h limits.h locale.h math.h setjmp.h
  signal.h stdarg.h stddef.h stdint.h stdio.h stdlib.h string.h time.h uchar.h wchar.h
  wctype.h "

std_headers=" $(echo $std_headers) "  # one space between names, and at both ends

violations=0
report() {  # report FILE LINE RULE MESSAGE
  echo "${1#"$root"/}:$2: [$3] $4" >&2
  violations=$((violations + 1))
}

may_include() {  # may_include MODULE TARGET_MODULE -> 0 when allowed
  local rules=${allowed[$1]} entry
  if [[ $rules == -* ]]; then
    for entry in $rules; do
      [ "${entry#-}" = "$2" ] && return 1
    done
    return 0
  fi
  for entry in $rules; do
    [ "$entry" = "$2" ] && return 0
  done
  return 1
}

describe() {  # describe MODULE -> the rule in words
  local rules=${allowed[$1]}
  if [[ $rules == -* ]]; then
    echo "$1 must not include ${rules//-/}"
  else
    echo "$1 may include only $rules"
  fi
}

while IFS= read -r -d '' file; do
  rel=${file#"$tree"/}
  module=${rel%%/*}
  [ "$module" = "$rel" ] && continue  # a file directly in src/kensa/
  [ -n "${allowed[$module]+set}" ] || continue
  is_test=0
  [[ $rel == *_test.cpp || $rel == *_test.h ]] && is_test=1
  while IFS= read -r hit; do
    line=${hit%%:*}
    text=${hit#*:}
    if [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"kensa/([^/\"]+)/ ]]; then
      target=${BASH_REMATCH[1]}
      if ! may_include "$module" "$target"; then
        header=${text#*\"}
        report "$file" "$line" "layer:$module" "includes kensa/$target/ (${header%%\"*}): $(describe "$module")"
      fi
    elif [ "$module" = domain ] && [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^\>]+)\> ]]; then
      header=${BASH_REMATCH[1]}
      if [[ $std_headers == *" $header "* ]]; then
        continue
      fi
      if [ "$is_test" = 1 ] && [[ $header == gtest/* || $header == gmock/* ]]; then
        continue
      fi
      report "$file" "$line" "layer:domain-std" "includes <$header>: domain may include only the standard library and kensa/common, kensa/domain"
    fi
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include' "$file" || true)
done < <(find "$tree" -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.cpp' -o -name '*.cc' \) -print0 | sort -z)

if [ "$violations" -gt 0 ]; then
  echo "check-include-layers: $violations violation(s); dependencies must point inward (see docs/architecture.md)" >&2
  exit 1
fi
echo "check-include-layers: OK ($tree)"
