#!/usr/bin/env bash
# The single list of Debian 12 packages kensa needs to build, test and run its demo.
#   scripts/deps.sh check     print the missing packages (one per line); exit 1 if any
#   scripts/deps.sh install   install the missing ones with apt-get when root; otherwise print
#                             the exact `sudo apt-get install ...` line and exit 1
#   scripts/deps.sh list      print the whole list
# Fast when nothing is missing: one dpkg-query call, no apt.
set -euo pipefail

build_packages=(
  g++ cmake make pkg-config
  libcurl4-openssl-dev libssl-dev libsqlite3-dev libpq-dev
  nlohmann-json3-dev libsimdjson-dev libcli11-dev libsodium-dev libpugixml-dev libexpat1-dev libzip-dev
  libcpp-httplib-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
run_packages=(
  postgresql sqlite3 jq awscli curl wrk clang-format
  python3-apt python3-rpm python3-packaging python3-yaml libmaven3-core-java openjdk-17-jdk-headless nodejs
  chromium fonts-ipafont-gothic
)
all_packages=("${build_packages[@]}" "${run_packages[@]}")

missing_packages() {
  # dpkg-query prints "<name> <db:Status-Abbrev>"; "ii " means installed. Unknown packages
  # make it exit non-zero and print nothing for them, so absence from the output means missing.
  local installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${all_packages[@]}" 2>/dev/null |
    awk '$2 == "ii" { print $1 }' || true)
  local pkg
  for pkg in "${all_packages[@]}"; do
    if ! grep -qxF -- "$pkg" <<<"$installed"; then
      echo "$pkg"
    fi
  done
}

cmd=${1:-check}
case "$cmd" in
  list)
    printf '%s\n' "${all_packages[@]}"
    ;;
  check)
    missing=$(missing_packages)
    if [ -n "$missing" ]; then
      echo "$missing"
      exit 1
    fi
    ;;
  install)
    missing=$(missing_packages)
    if [ -z "$missing" ]; then
      exit 0
    fi
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    set -- $missing
    if [ "$(id -u)" != 0 ]; then
      echo "kensa needs these Debian packages: $*" >&2
      echo "Install them with:" >&2
      echo "  sudo apt-get install -y $*" >&2
      exit 1
    fi
    echo "deps.sh: installing $*" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "$@"
    ;;
  *)
    echo "usage: $0 check|install|list" >&2
    exit 2
    ;;
esac
