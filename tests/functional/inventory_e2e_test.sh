#!/usr/bin/env bash
# Issue 15 acceptance (R18) through the CLI, black-box: every real SBOM of ../shared/data/sboms
# imports through `kensa import sbom`, each component count equal to a jq count over the same
# file; the CycloneDX XML and SPDX tag-value fixtures import too; `kensa software list` prints
# every row in JSON and CSV; `kensa export cyclonedx` re-imports to the same components;
# `kensa eol list` shows the EOL of an Amazon Linux 2 server from the data; `kensa eol import`
# reads endoflife.date pages offline; a bad file is refused naming the problem.
#   usage: inventory_e2e_test.sh KENSA_BINARY
KENSA=$1
source "$(dirname "$0")/lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
SBOMS="$REPO/../shared/data/sboms"
EOL_PAGES="$REPO/../shared/data/eol/products"
DB_FILE="$WORK/kensa.db"
DB="sqlite:$DB_FILE"

kensa_cli migrate >/dev/null
kensa_cli group create blue >/dev/null

# ---- every real SBOM, each into its own SBOM-file server; jq counts the components
BAD=0
COUNT=0
for f in "$SBOMS"/cyclonedx/*.json "$SBOMS"/spdx/*.json; do
  [ -f "$f" ] || continue
  sid=$(kensa_cli server add-sbom blue "$(basename "$f")" | jq -r .server_id)
  want=$(jq '[.packages[]?] + [.components[]? | recurse(.components[]?)] | length' "$f")
  got=$(kensa_cli import sbom --server "$sid" "$f" | jq '.imported[0].components')
  rows=$(kensa_cli software list blue --server "$sid" | jq length)
  COUNT=$((COUNT + 1))
  if [ "$want" != "$got" ] || [ "$rows" -lt 1 ]; then
    BAD=$((BAD + 1))
    echo "$f: jq counts $want components, kensa imported $got, lists $rows rows" >&2
  fi
done
if [ -d "$SBOMS" ]; then
  check_eq "all 17 shared SBOMs imported" 17 "$COUNT"
  check_eq "each component count equals jq's" 0 "$BAD"
fi

# ---- the other encodings: CycloneDX XML (jq cannot count XML: grep the elements after
# <components>, the metadata's component is the subject) and tag-value
FIX="$REPO/tests/data/sbom-formats"
XML_SID=$(kensa_cli server add-sbom blue dropwizard-xml | jq -r .server_id)
check_eq "CycloneDX 1.2 XML: every <component> under <components> imported" \
  "$(sed -n '/<components>/,$p' "$FIX/cyclonedx-1.2-dropwizard.xml" | grep -o '<component ' | wc -l)" \
  "$(kensa_cli import sbom --server "$XML_SID" "$FIX/cyclonedx-1.2-dropwizard.xml" | jq '.imported[0].components')"
TV_SID=$(kensa_cli server add-sbom blue spdx-tag | jq -r .server_id)
check_eq "SPDX 2.3 tag-value: every package imported" \
  "$(grep -c '^PackageName:' "$FIX/spdx-2.3-tag-example.spdx")" \
  "$(kensa_cli import sbom --server "$TV_SID" "$FIX/spdx-2.3-tag-example.spdx" | jq '.imported[0].components')"

# ---- several files are one import: together they are the server's SBOM; the next import
# replaces them; one bad file imports none
BOTH=$(kensa_cli server add-sbom blue two-documents | jq -r .server_id)
kensa_cli import sbom --server "$BOTH" "$FIX/cyclonedx-1.4-laravel.json" "$FIX/spdx-2.3-tag-example.spdx" >"$WORK/both.json"
check_eq "one entry per file, one run" "2 1" \
  "$(jq -r '"\(.imported | length) \([.imported[].run_id] | unique | length)"' "$WORK/both.json")"
TWO=$(kensa_cli software list blue --server "$BOTH" | jq length)
ONE=$(kensa_cli import sbom --server "$BOTH" "$FIX/cyclonedx-1.4-laravel.json" | jq '.imported[0].software')
check "both files' software is listed after the import of both" test "$TWO" -gt "$ONE"
check_eq "an import of one file replaces them" "$ONE" "$(kensa_cli software list blue --server "$BOTH" | jq length)"
printf 'not an sbom' >"$WORK/junk.txt"
set +e
kensa_cli import sbom --server "$BOTH" "$FIX/spdx-2.3-tag-example.spdx" "$WORK/junk.txt" >"$WORK/junk.out"
EXIT=$?
set -e
check_eq "a bad file among good ones: exit 2, the bad one named" "2 $WORK/junk.txt" \
  "$EXIT $(jq -r '.failed[0].file' "$WORK/junk.out")"
check_eq "and nothing of the good one was imported" "$ONE" "$(kensa_cli software list blue --server "$BOTH" | jq length)"

# ---- the software list: every row, each with its server_id; CSV has the same rows
ALL=$(kensa_cli software list blue | jq length)
DIRECT=$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM software WHERE removed_at IS NULL")
check_eq "software list prints every row of the group" "$DIRECT" "$ALL"
check_eq "every row carries its server_id" 0 \
  "$(kensa_cli software list blue | jq '[.[] | select(.server_id == null)] | length')"
CSV_ROWS=$(($(kensa_cli software list blue -o csv | wc -l) - 1))
check_eq "CSV: a header and one line per row" "$DIRECT" "$CSV_ROWS"

# ---- export and re-import: the same components
if [ -f "$SBOMS/cyclonedx/trivy-fluentd-multiple-lockfiles.cdx15.json" ]; then
  SRC=$(kensa_cli server add-sbom blue fluentd | jq -r .server_id)
  kensa_cli import sbom --server "$SRC" "$SBOMS/cyclonedx/trivy-fluentd-multiple-lockfiles.cdx15.json" >/dev/null
  kensa_cli export cyclonedx --server "$SRC" >"$WORK/export.cdx.json"
  check_eq "the export is CycloneDX 1.5" "CycloneDX 1.5" \
    "$(jq -r '"\(.bomFormat) \(.specVersion)"' "$WORK/export.cdx.json")"
  COPY=$(kensa_cli server add-sbom blue fluentd-copy | jq -r .server_id)
  kensa_cli import sbom --server "$COPY" "$WORK/export.cdx.json" >/dev/null
  keys() { kensa_cli software list blue --server "$1" | jq -c '[.[] | [.name, .version, .release, .epoch, .arch, .path, .license_expression]] | sort'; }
  check_eq "the export re-imports to the same components" "$(keys "$SRC")" "$(keys "$COPY")"
fi

# ---- EOL: an Amazon Linux 2 server, from the shipped data
AL2=$(kensa_cli server add-sbom blue al2-host | jq -r .server_id)
cat >"$WORK/al2.cdx.json" <<'JSON'
{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
 "components": [{"type": "operating-system", "name": "Amazon Linux", "version": "2"},
                {"type": "library", "name": "python3", "version": "3.7.16",
                 "purl": "pkg:rpm/amazon/python3@3.7.16-1.amzn2.0.4?arch=x86_64"}]}
JSON
kensa_cli import sbom --server "$AL2" "$WORK/al2.cdx.json" >/dev/null
kensa_cli eol list blue --server "$AL2" >"$WORK/eol.json"
check_eq "Amazon Linux 2's EOL date is the data's" "2026-06-30" \
  "$(jq -r '.[] | select(.product == "amazon-linux" and .cycle == "2") | .eol_date' "$WORK/eol.json")"
check_eq "python 3.7 on it is EOL" "EOL" \
  "$(jq -r '.[] | select(.product == "python" and .cycle == "3.7") | .state' "$WORK/eol.json")"
check_eq "eol list --state EOL lists only EOL items" "EOL" \
  "$(kensa_cli eol list blue --state EOL | jq -r '[.[].state] | unique | join(",")')"

# ---- eol import: the endoflife.date pages, offline; a broken page changes nothing
if [ -d "$EOL_PAGES" ]; then
  check_eq "eol import reads every page" 464 "$(kensa_cli eol import "$EOL_PAGES" | jq .products)"
  mkdir -p "$WORK/broken"
  printf -- '---\ntitle: X\n' >"$WORK/broken/x.md"
  set +e
  kensa_cli eol import "$WORK/broken" 2>"$WORK/broken.err"
  EXIT=$?
  set -e
  check "a broken page is refused" test "$EXIT" -ne 0
  check "the refusal names the page" grep -q "product page x" "$WORK/broken.err"
  check_eq "the imported data still stands" "2026-06-30" \
    "$(kensa_cli eol list blue --server "$AL2" | jq -r '.[] | select(.product == "amazon-linux") | .eol_date')"
fi

# ---- a bad file: exit 2, named, nothing changed
printf '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [' >"$WORK/cut.json"
BEFORE=$(kensa_cli software list blue --server "$AL2" | jq length)
set +e
kensa_cli import sbom --server "$AL2" "$WORK/cut.json" >"$WORK/cut.out"
EXIT=$?
set -e
check_eq "a broken file makes the command exit 2" 2 "$EXIT"
check "the failure says what is wrong" grep -q "SBOM document" <(jq -r '.failed[0].error' "$WORK/cut.out")
check_eq "the server's software is as before" "$BEFORE" \
  "$(kensa_cli software list blue --server "$AL2" | jq length)"
finish
