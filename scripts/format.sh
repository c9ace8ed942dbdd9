#!/usr/bin/env bash
# clang-format over the C++ sources in src/, tools/, tests/ and bench/.
#   scripts/format.sh fix     rewrite files in place
#   scripts/format.sh check   list files whose formatting differs; exit 1 if any
# The formatter is pinned to clang-format 14 (Debian 12): other major versions format
# differently, so they are refused rather than trusted.
set -euo pipefail
readonly kRequiredMajor=14
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=${1:-check}

formatter=""
for candidate in clang-format-$kRequiredMajor clang-format; do
  if command -v "$candidate" >/dev/null 2>&1; then
    formatter=$candidate
    break
  fi
done
if [ -z "$formatter" ]; then
  echo "format: clang-format $kRequiredMajor not found; install the Debian package clang-format" >&2
  exit 1
fi
version=$("$formatter" --version)
major=$(sed -nE 's/.*version ([0-9]+)\..*/\1/p' <<<"$version")
if [ "$major" != "$kRequiredMajor" ]; then
  echo "format: clang-format $kRequiredMajor is required (found: $version)" >&2
  exit 1
fi

mapfile -t files < <(find src tools tests bench -type f \
  \( -name '*.h' -o -name '*.hpp' -o -name '*.cpp' -o -name '*.cc' \) 2>/dev/null | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "format: no C++ files found"
  exit 0
fi

case "$mode" in
  fix)
    "$formatter" -i "${files[@]}"
    ;;
  check)
    unformatted=()
    for file in "${files[@]}"; do
      if ! "$formatter" --dry-run --Werror "$file" >/dev/null 2>&1; then
        unformatted+=("$file")
      fi
    done
    if [ ${#unformatted[@]} -gt 0 ]; then
      echo "These files need formatting (run 'make format'):" >&2
      printf '  %s\n' "${unformatted[@]}" >&2
      # Surface a broken .clang-format instead of blaming every file.
      "$formatter" --dry-run "${unformatted[0]}" 2>&1 >/dev/null | grep -i 'error' | head -3 >&2 || true
      exit 1
    fi
    echo "format: ${#files[@]} files OK ($formatter $major)"
    ;;
  *)
    echo "usage: $0 fix|check" >&2
    exit 2
    ;;
esac
