#!/usr/bin/env bash
# Issue 6 acceptance (and issue 7's seeded story), end to end and black-box: kensa serve +
# kensa-aws-emulator (demo fleet), driven through the REST API and the CLI. The oracle for the
# SBOM contents is Debian's aws CLI downloading the export from the emulator's S3.
#   usage: sbom_e2e_test.sh KENSA_BINARY EMULATOR_BINARY DEMO_FLEET_JSON
KENSA=$1
EMULATOR=$2
FLEET=$3
source "$(dirname "$0")/lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)

DB_FILE="$WORK/kensa.db"
DB="sqlite:$DB_FILE"
export KENSA_SBOM_POLL_MS=200
start_kensa "$DB"
TOKEN=$(kensa_cli user token admin --admin | jq -r .token)

# The fleet also writes documents for published Lambda versions (a test knob; real Inspector
# exports $LATEST only), and has a user that may do everything but kms:Decrypt.
jq '.settings.sbomExportLambdaVersions = true
    | .users += [(.users[0] | .name = "kensa-nokms" | .accessKeyId = "AKIAJNOKMSEXAMPLE001"
                  | .actions = (.actions | map(select(. != "kms:Decrypt"))))]' "$FLEET" >"$WORK/fleet.json"
start_emulator emu --fleet "$WORK/fleet.json" --seed 11
ENDPOINT="http://127.0.0.1:$EMU_PORT"
BUCKET=kensa-sbom-exports
KMS=arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
SECRET=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

GROUP=$(api POST /api/v1/groups '{"name":"blue"}' | jq -r .id)
AWS_SETTINGS=$(jq -n --arg e "$ENDPOINT" --arg s "$SECRET" '{auth_type:"access_key", region:"us-east-1",
  access_key_id:"AKIAIOSFODNN7EXAMPLE", secret_access_key:$s, endpoint_url:$e}')
api PUT "/api/v1/groups/$GROUP/aws" "$AWS_SETTINGS" >/dev/null
check_eq "connection test succeeds" true "$(api POST "/api/v1/groups/$GROUP/aws/test" | jq -r .ok)"

# ---- registration: 2 of 3 instances, 3 of the functions (orders-api has versions 1 and 2),
# two image tags (web-frontend:v1.4.0 is one image with tag "stable" too; payments-api:prod)
api POST "/api/v1/groups/$GROUP/servers/ec2" '{"instance_ids":["i-0a1b2c3d4e5f60001","i-0a1b2c3d4e5f60002"]}' >"$WORK/ec2.json"
EC2_A=$(jq -r '.server_ids[0]' "$WORK/ec2.json")
PSEUDO=$(api POST "/api/v1/groups/$GROUP/servers/pseudo" '{"name":"lambdas"}' | jq -r .server_id)
api POST "/api/v1/groups/$GROUP/servers/$PSEUDO/lambda-functions" \
  '{"functions":["orders-api","thumbnailer","auth-authorizer"]}' >/dev/null
check_eq "three functions added" 201 "$(status)"
ECR_A=$(api POST "/api/v1/groups/$GROUP/servers/ecr" '{"registry":"123456789012","repository":"web-frontend","tag":"v1.4.0"}' | jq -r .server_id)
ECR_B=$(api POST "/api/v1/groups/$GROUP/servers/ecr" '{"registry":"123456789012","repository":"payments-api","tag":"prod"}' | jq -r .server_id)
check_eq "ECR tags registered" 201 "$(status)"
# ---- the normal scan first, so that tasks exist
api POST "/api/v1/groups/$GROUP/scan" >"$WORK/scan.json"
check_eq "normal scan: every run succeeded" "" "$(jq -r '.scan_runs[] | select(.status != "succeeded") | .id' "$WORK/scan.json")"
api GET "/api/v1/groups/$GROUP/tasks?limit=1000" >"$WORK/tasks-before.json"
OPEN_BEFORE=$(jq -r '[.tasks[] | select(.status != "PATCH_APPLIED")] | length' "$WORK/tasks-before.json")
check "tasks exist before the switch" test "$OPEN_BEFORE" -gt 0
ONE_TASK=$(jq -r '.tasks[0].id' "$WORK/tasks-before.json")
api PATCH "/api/v1/groups/$GROUP/tasks/$ONE_TASK" '{"status":"ONGOING"}' >/dev/null

# ---- Vuls servers beside them (R19): two real scan-stage results and a reported one with a
# CVE, whose task is worked on. The SBOM export must leave all of them exactly as they are.
kensa_cli import vuls --group blue "$REPO/../shared/data/vuls/alma_9.json" \
  "$REPO/../shared/data/vuls/debian_11.json" >"$WORK/vuls-import.json"
check_eq "two Vuls results imported" 2 "$(jq '.imported | length' "$WORK/vuls-import.json")"
jq -n '{jsonVersion: 4, serverUUID: "u-1", serverName: "vuls-host", family: "ubuntu", release: "22.04",
  scannedCves: {"CVE-2023-0286": {cveID: "CVE-2023-0286",
    affectedPackages: [{name: "openssl", fixedIn: "3.0.2-0ubuntu1.8"}],
    cveContents: {nvd: [{type: "nvd", cvss3Score: 7.4, cvss3Severity: "HIGH"}]}}},
  packages: {openssl: {name: "openssl", version: "3.0.2-0ubuntu1.7", arch: "amd64"}}}' >"$WORK/reported.json"
api POST "/api/v1/groups/$GROUP/vuls/results" "$(cat "$WORK/reported.json")" >"$WORK/reported-import.json"
check_eq "the reported Vuls result makes a task" 1 "$(jq -r .tasks_created "$WORK/reported-import.json")"
VULS_TASK=$(api GET "/api/v1/groups/$GROUP/tasks?server_id=$(jq -r .server_id "$WORK/reported-import.json")" | jq -r '.tasks[0].id')
api PATCH "/api/v1/groups/$GROUP/tasks/$VULS_TASK" '{"status":"INVESTIGATING"}' >/dev/null
vuls_fingerprint() {  # every row of the Vuls servers: software, detections, tasks and their history
  sqlite3 "$DB_FILE" "SELECT id, scan_mode, distro FROM servers WHERE kind = 'vuls' ORDER BY id;
    SELECT w.* FROM software w JOIN servers s ON s.id = w.server_id WHERE s.kind = 'vuls' ORDER BY w.id;
    SELECT d.* FROM detections d JOIN servers s ON s.id = d.server_id WHERE s.kind = 'vuls' ORDER BY d.id;
    SELECT t.* FROM tasks t JOIN servers s ON s.id = t.server_id WHERE s.kind = 'vuls' ORDER BY t.id;
    SELECT c.* FROM task_comments c JOIN tasks t ON t.id = c.task_id JOIN servers s ON s.id = t.server_id
      WHERE s.kind = 'vuls' ORDER BY c.id;
    SELECT h.* FROM task_history h JOIN tasks t ON t.id = h.task_id JOIN servers s ON s.id = t.server_id
      WHERE s.kind = 'vuls' ORDER BY h.id;" | sha256sum | cut -d' ' -f1
}
VULS_ROWS=$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM software w JOIN servers s ON s.id = w.server_id WHERE s.kind = 'vuls'")
check_eq "the Vuls servers hold their packages (590 + 419 + 1)" 1010 "$VULS_ROWS"
VULS_BEFORE=$(vuls_fingerprint)

# ---- template, settings, mode switch
api GET "/api/v1/groups/$GROUP/sbom/template?format=json" >"$WORK/template.json"
check_eq "the CloudFormation template downloads" 200 "$(status)"
check_eq "the template has the four parameters" "IAMRoleName IAMUserName KmsKeyArn S3BucketName" \
  "$(jq -r '.Parameters | keys | join(" ")' "$WORK/template.json")"
api PUT "/api/v1/groups/$GROUP/sbom" '{"enabled":true,"kms_key_arn":"not-an-arn"}' >"$WORK/bad.json"
check_eq "a bad KMS key ARN is refused" 400 "$(status)"
check "the refusal names the field" grep -q kms_key_arn "$WORK/bad.json"
api PUT "/api/v1/groups/$GROUP/sbom" "$(jq -n --arg b $BUCKET --arg k $KMS '{enabled:true, bucket:$b, kms_key_arn:$k}')" >"$WORK/sbom.json"
check_eq "SBOM export enabled" true "$(jq -r .enabled "$WORK/sbom.json")"
api GET "/api/v1/groups/$GROUP/servers" >"$WORK/servers.json"
check_eq "EC2, pseudo and ECR servers moved to inspector_sbom" 5 \
  "$(jq '[.servers[] | select(.scan_mode == "inspector_sbom")] | length' "$WORK/servers.json")"
check_eq "the Vuls servers stay normal" normal "$(jq -r '[.servers[] | select(.kind == "vuls") | .scan_mode] | unique | join(",")' "$WORK/servers.json")"
api POST "/api/v1/groups/$GROUP/servers/$EC2_A/scan" >"$WORK/manual.json"
check_eq "the manual scan button refuses an SBOM-mode server" 409 "$(status)"
check "and says why" grep -q 'SBOM export' "$WORK/manual.json"

# ---- the bulk export
wait_sbom_run() {  # wait_sbom_run RUN_ID -> the finished run as JSON
  for _ in $(seq 1 300); do
    api GET "/api/v1/groups/$GROUP/scan-runs" | jq -c --argjson id "$1" '.scan_runs[] | select(.id == $id)' >"$WORK/run.json"
    case "$(jq -r .status "$WORK/run.json")" in succeeded | partial | failed) cat "$WORK/run.json"; return 0 ;; esac
    sleep 0.2
  done
  echo '{}'
}
api POST "/api/v1/groups/$GROUP/sbom/exports" >"$WORK/queued.json"
check_eq "bulk export accepted" 202 "$(status)"
RUN=$(wait_sbom_run "$(jq -r .id "$WORK/queued.json")")
check_eq "the export run succeeded" succeeded "$(jq -r .status <<<"$RUN")"
check_eq "the run is of type sbom" sbom "$(jq -r .type <<<"$RUN")"
check_eq "exactly the registered resources were imported (2 EC2 + 3 functions + 2 images)" 7 \
  "$(jq -r .resources_imported <<<"$RUN")"
jq -r '.skipped[] | "\(.resource)\t\(.reason)"' <<<"$RUN" >"$WORK/skipped.txt"
check "the unregistered instance is listed as skipped" grep -q '^i-0a1b2c3d4e5f60003' "$WORK/skipped.txt"
check "unregistered functions are listed as skipped" grep -q 'function:report-exporter	Lambda function is not registered' "$WORK/skipped.txt"
check "orders-api version 1 is skipped as not the latest" grep -q 'function:orders-api:1	Lambda version 1 is not the latest' "$WORK/skipped.txt"
check "orders-api version 2 is skipped as not the latest" grep -q 'function:orders-api:2	Lambda version 2 is not the latest' "$WORK/skipped.txt"

# Oracle: download the export with the aws CLI and compare every component with kensa's rows.
aws_cli() {
  AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=$SECRET AWS_CONFIG_FILE=/dev/null \
    AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" /usr/bin/aws --endpoint-url "$ENDPOINT" --region us-east-1 "$@"
}
mkdir -p "$WORK/export"
aws_cli s3 cp --recursive --quiet "s3://$BUCKET/" "$WORK/export/"
expected_components() {  # expected_components FILE-GLOB... -> "purl<TAB>license" lines, sorted unique
  for glob in "$@"; do
    find "$WORK/export" -path "$glob" -name '*.json' -exec jq -r '.components[] | "\(.purl)\t\(.licenses[0].license.name // "")"' {} +
  done | sort -u
}
actual_components() {  # actual_components SERVER [GROUP]
  api GET "/api/v1/groups/${2:-$GROUP}/servers/$1/software" |
    jq -r '.software[] | select(.source == "sbom") | "\(.purl)\t\(.license)"' | sort -u
}
compare_server() {  # compare_server NAME SERVER GLOB...
  expected_components "${@:3}" >"$WORK/exp-$2"
  actual_components "$2" >"$WORK/act-$2"
  check "$1: the export has components" test -s "$WORK/exp-$2"
  if diff "$WORK/exp-$2" "$WORK/act-$2" >"$WORK/diff-$2"; then
    ok "$1: every component is present with its purl and license ($(wc -l <"$WORK/exp-$2"))"
  else
    fail "$1: components differ: $(head -5 "$WORK/diff-$2")"
  fi
}
compare_server "EC2 i-...0001" "$EC2_A" '*instance_i-0a1b2c3d4e5f60001_*'
compare_server "Lambda functions" "$PSEUDO" '*function:orders-api:$LATEST_*' '*function:thumbnailer:$LATEST_*' \
  '*function:auth-authorizer:$LATEST_*'
# The export holds every image of the account (Inspector ANDs its criteria, so no tag filter
# rides along with EC2 and Lambda); only the image with the registered tag is imported.
image_digest() {  # image_digest REPOSITORY TAG -> sha256:...
  jq -r --arg r "$1" --arg t "$2" '.ecrRepositories[] | select(.name == $r) | .images[] | select(.tags | index($t)) | .digest' "$FLEET"
}
V140=$(image_digest web-frontend v1.4.0)
V150=$(image_digest web-frontend v1.5.0)
check "the export also holds the unregistered web-frontend:v1.5.0 image" \
  test -n "$(find "$WORK/export" -name "*repository_web-frontend_${V150}*")"
check "and the run skips it for its unregistered tags" grep -q "web-frontend@${V150}	no registered server for tags" "$WORK/skipped.txt"
compare_server "ECR web-frontend:v1.4.0" "$ECR_A" "*repository_web-frontend_${V140}*"
compare_server "ECR payments-api:prod" "$ECR_B" '*repository_payments-api_*'
# Every vulnerability an SBOM lists (CycloneDX vulnerabilities[].affects by bom-ref) is an active
# sbom detection of the component it names.
find "$WORK/export" -path '*instance_i-0a1b2c3d4e5f60001_*' -name '*.json' -exec jq -r \
  '. as $d | .vulnerabilities[]? | .id as $v | .affects[].ref as $r | $d.components[] | select(."bom-ref" == $r) |
   "\($v)\t\(.purl)"' {} + | sort -u >"$WORK/exp-vulns"
sqlite3 -separator "$(printf '\t')" "$DB_FILE" "SELECT DISTINCT d.vulnerability_id, s.purl FROM detections d JOIN software s
  ON s.id = d.software_id WHERE d.server_id = $EC2_A AND d.source = 'sbom' AND d.active = 1" | sort -u >"$WORK/act-vulns"
check "EC2 i-...0001: the SBOM lists vulnerabilities" test -s "$WORK/exp-vulns"
check_eq "EC2 i-...0001: each listed vulnerability is a detection of its component" \
  "$(cat "$WORK/exp-vulns")" "$(cat "$WORK/act-vulns")"
api GET "/api/v1/groups/$GROUP/servers/$PSEUDO/software" >"$WORK/lambda-sw.json"
check_eq "Lambda software carries its function" 3 "$(jq '[.software[] | .lambda_function_id] | unique | length' "$WORK/lambda-sw.json")"
check_eq "pypi and npm components are libraries" library \
  "$(jq -r '[.software[] | select(.ecosystem == "pypi" or .ecosystem == "npm") | .type] | unique | join(",")' "$WORK/lambda-sw.json")"
api GET "/api/v1/groups/$GROUP/servers/$EC2_A/software" >"$WORK/ec2-sw.json"
check_eq "rpm packages of the instance are os_pkg" os_pkg \
  "$(jq -r '[.software[] | select(.ecosystem == "rpm" and .name != "python3") | .type] | unique | join(",")' "$WORK/ec2-sw.json")"
check_eq "the python3 interpreter package is a runtime (R17 rule language-runtime)" runtime \
  "$(jq -r '.software[] | select(.name == "python3") | .type' "$WORK/ec2-sw.json")"
check_eq "all the instance's software is managed by sbom" sbom \
  "$(jq -r '[.software[] | .managed_by] | unique | join(",")' "$WORK/ec2-sw.json")"
# Keyset pages of the software list add up to the whole list, in id order.
AFTER=0
: >"$WORK/paged-ids"
for _ in $(seq 1 200); do
  api GET "/api/v1/groups/$GROUP/servers/$EC2_A/software?limit=7&after=$AFTER" >"$WORK/page.json"
  jq -r '.software[].id' "$WORK/page.json" >>"$WORK/paged-ids"
  AFTER=$(jq -r '.next_after // empty' "$WORK/page.json")
  [ -n "$AFTER" ] || break
done
check_eq "software pages of 7 add up to the whole list" "$(jq -r '.software[].id' "$WORK/ec2-sw.json")" \
  "$(cat "$WORK/paged-ids")"
check_eq "a page limit above 1000 is refused" 400 \
  "$(api GET "/api/v1/groups/$GROUP/servers/$EC2_A/software?limit=5000" >/dev/null; status)"

# ---- mode switch: one migration comment per open task, none closed
api GET "/api/v1/groups/$GROUP/tasks?limit=1000" >"$WORK/tasks-after.json"
BAD=0
for id in $(jq -r '.tasks[] | select(.status != "PATCH_APPLIED") | .id' "$WORK/tasks-before.json"); do
  api GET "/api/v1/groups/$GROUP/tasks/$id" >"$WORK/task.json"
  n=$(jq '[.comments[] | select(.system and (.body | startswith("Moved under SBOM management")))] | length' "$WORK/task.json")
  st=$(jq -r .status "$WORK/task.json")
  if [ "$n" != 1 ] || [ "$st" == PATCH_APPLIED ]; then BAD=$((BAD + 1)); echo "task $id: $n comments, $st" >&2; fi
done
check_eq "each of the $OPEN_BEFORE open tasks has exactly one migration comment and is still open" 0 "$BAD"
check_eq "the ONGOING task kept its status" ONGOING "$(api GET "/api/v1/groups/$GROUP/tasks/$ONE_TASK" | jq -r .status)"
check_eq "the Vuls servers' software, detections, tasks and histories are byte-identical" \
  "$VULS_BEFORE" "$(vuls_fingerprint)"
kensa_cli advisories match --group blue >/dev/null
check_eq "and stay so after a group-wide advisory match" "$VULS_BEFORE" "$(vuls_fingerprint)"

# ---- rate limit (the hour passing is tested on an injectable clock in kensa_app_itest)
curl -s -D "$WORK/headers" -o "$WORK/429.json" -X POST -H "Authorization: Bearer $TOKEN" --data '' \
  "http://127.0.0.1:$KENSA_PORT/api/v1/groups/$GROUP/sbom/exports" >/dev/null
check "a second bulk export within the hour gets 429" grep -q '^HTTP/1.1 429' "$WORK/headers"
check "with Retry-After" grep -qi '^Retry-After: [0-9]' "$WORK/headers"
check "and a clear message" grep -q 'at most once an hour' "$WORK/429.json"

# ---- diagnostics
kensa_cli sbom diagnose --group blue >"$WORK/diag.json"
check_eq "diagnose: the instance's document is named" 1 \
  "$(jq --argjson id "$EC2_A" '[.servers[] | select(.server_id == $id) | .object_keys | select(contains("i-0a1b2c3d4e5f60001"))] | length' "$WORK/diag.json")"
check "diagnose: the Vuls server is explained" grep -q 'never touches it' "$WORK/diag.json"
check "diagnose: unmatched resources are listed" grep -q 'i-0a1b2c3d4e5f60003' "$WORK/diag.json"

# ---- issue 7's seeded story: SBOM-only software with an advisory gets a task; the same CVE
# from Inspector and from the advisory database is still one task.
PY_PKG=$(jq -r '[.software[] | select(.ecosystem == "pypi")][0] | "\(.name) \(.version)"' "$WORK/lambda-sw.json")
PY_NAME=${PY_PKG% *}
INSPECTOR_CVE=$(api GET "/api/v1/groups/$GROUP/tasks?server_id=$PSEUDO&limit=1000" | jq -r '[.tasks[] | .vulnerability_id | select(startswith("CVE-"))][0]')
mkdir -p "$WORK/osv"
jq -n --arg n "$PY_NAME" '{id:"PYSEC-9999-1", modified:"2026-01-01T00:00:00Z", aliases:["CVE-2099-0001"],
  summary:"seeded advisory", affected:[{package:{ecosystem:"PyPI", name:$n},
  ranges:[{type:"ECOSYSTEM", events:[{introduced:"0"},{fixed:"99999"}]}]}]}' >"$WORK/osv/seed1.json"
jq -n --arg n "$PY_NAME" --arg cve "$INSPECTOR_CVE" '{id:"PYSEC-9999-2", modified:"2026-01-01T00:00:00Z", aliases:[$cve],
  affected:[{package:{ecosystem:"PyPI", name:$n}, ranges:[{type:"ECOSYSTEM", events:[{introduced:"0"}]}]}]}' >"$WORK/osv/seed2.json"
kensa_cli advisories import "$WORK/osv" >"$WORK/import.json"
check_eq "two advisories imported" 2 "$(jq -r .inserted "$WORK/import.json")"
check_eq "the import matched the group at once: the seeded CVE has a task" 1 \
  "$(api GET "/api/v1/groups/$GROUP/tasks?server_id=$PSEUDO&vulnerability_id=CVE-2099-0001" | jq '.tasks | length')"
kensa_cli advisories import "$WORK/osv" >"$WORK/import2.json"
check_eq "re-import is incremental" "0 2" "$(jq -r '"\(.inserted) \(.unchanged)"' "$WORK/import2.json")"
(cd "$WORK/osv" && python3 -c "import zipfile
z = zipfile.ZipFile('../osv.zip', 'w')
for f in ('seed1.json', 'seed2.json'): z.write(f, 'vulns/' + f)
z.writestr('vulns/broken.json', '{not json')
z.close()")
set +e
kensa_cli advisories import "$WORK/osv.zip" >"$WORK/import3.json"
ZIP_EXIT=$?
set -e
check_eq "a zip of an ecosystem dump imports (unchanged records stay unchanged)" 2 "$(jq -r .unchanged "$WORK/import3.json")"
check_eq "a broken record is reported and the import says so (exit 2)" "2 1" "$ZIP_EXIT $(jq '.errors | length' "$WORK/import3.json")"
check "the report names the broken record" grep -q 'osv.zip:vulns/broken.json' "$WORK/import3.json"
kensa_cli advisories match --group blue >"$WORK/match.json"
check_eq "matching again succeeds and creates nothing new" "succeeded 0" "$(jq -r '"\(.status) \(.tasks_created)"' "$WORK/match.json")"
api GET "/api/v1/groups/$GROUP/tasks?server_id=$PSEUDO&vulnerability_id=CVE-2099-0001" >"$WORK/seed.json"
check_eq "SBOM-only software with a known advisory gets a task" 1 "$(jq '.tasks | length' "$WORK/seed.json")"
api GET "/api/v1/groups/$GROUP/tasks?server_id=$PSEUDO&vulnerability_id=$INSPECTOR_CVE" >"$WORK/dup.json"
check_eq "the same CVE from Inspector and the advisory database is one task" 1 "$(jq '.tasks | length' "$WORK/dup.json")"
check_eq "two sources detect it" "advisory,sbom" \
  "$(sqlite3 "$DB_FILE" "SELECT group_concat(source) FROM (SELECT DISTINCT source FROM detections WHERE server_id = $PSEUDO AND vulnerability_id = '$INSPECTOR_CVE' AND active = 1 ORDER BY source)")"

# ---- SPDX 2.3 exports import the same way (a second group, so the hourly limit is its own)
GREEN=$(api POST /api/v1/groups '{"name":"green"}' | jq -r .id)
api PUT "/api/v1/groups/$GREEN/aws" "$AWS_SETTINGS" >/dev/null
api POST "/api/v1/groups/$GREEN/aws/test" >/dev/null
G_EC2=$(api POST "/api/v1/groups/$GREEN/servers/ec2" '{"instance_ids":["i-0a1b2c3d4e5f60003"]}' | jq -r '.server_ids[0]')
api PUT "/api/v1/groups/$GREEN/sbom" "$(jq -n --arg b $BUCKET --arg k $KMS '{enabled:true, bucket:$b, kms_key_arn:$k, key_prefix:"green/", format:"SPDX_2_3"}')" >/dev/null
kensa_cli sbom export --group green >"$WORK/spdx-run.json"
check_eq "SPDX export: succeeded" succeeded "$(jq -r .status "$WORK/spdx-run.json")"
check_eq "SPDX export: the one registered instance imported" 1 "$(jq -r .resources_imported "$WORK/spdx-run.json")"
mkdir -p "$WORK/spdx"
aws_cli s3 cp --recursive --quiet "s3://$BUCKET/green/" "$WORK/spdx/"
find "$WORK/spdx" -name '*instance_i-0a1b2c3d4e5f60003_SPDX_2_3.json' -exec jq -r '.packages[] |
  "\((.externalRefs[] | select(.referenceType == "purl") | .referenceLocator))\t\(.licenseDeclared // "")"' {} + |
  sort -u >"$WORK/exp-spdx"
actual_components "$G_EC2" "$GREEN" >"$WORK/act-spdx"
check "SPDX export: the document has packages" test -s "$WORK/exp-spdx"
check "SPDX export: every package is present with its purl and license" diff "$WORK/exp-spdx" "$WORK/act-spdx"
check_eq "SPDX export: group blue has still its one SBOM run" 1 \
  "$(api GET "/api/v1/groups/$GROUP/scan-runs" | jq '[.scan_runs[] | select(.type == "sbom")] | length')"

# ---- a resource above the component cap is skipped with the reason and keeps what it had
GREEN_SW="SELECT group_concat(id) FROM (SELECT id FROM software WHERE server_id = $G_EC2 AND removed_at IS NULL ORDER BY id)"
GREEN_BEFORE=$(sqlite3 "$DB_FILE" "$GREEN_SW")
sqlite3 "$DB_FILE" "UPDATE groups SET sbom_manual_at = sbom_manual_at - 3600 WHERE id = $GREEN"  # an hour passes
KENSA_SBOM_MAX_COMPONENTS=3 kensa_cli sbom export --group green >"$WORK/cap.json"
check_eq "component cap: the run is partial" partial "$(jq -r .status "$WORK/cap.json")"
check "component cap: the skip names the resource and the cap" \
  grep -q 'i-0a1b2c3d4e5f60003.*more than 3 components' <(jq -r '.skipped[] | "\(.resource) \(.reason)"' "$WORK/cap.json")
check_eq "component cap: the instance keeps its software" "$GREEN_BEFORE" "$(sqlite3 "$DB_FILE" "$GREEN_SW")"

# ---- R15 per resource type: Inspector scans EC2 but not Lambda in this account. The export
# asks for EC2 only, imports the instance, and skips the Lambda server with the reason.
# The same account also holds a repository of 25 tagged images (for the 25-tag check below).
jq '.accounts[0].inspector.lambda = false
    | .ecrRepositories += [{name: "many-tags", images: [range(1; 26) as $i | .ecrRepositories[0].images[0]
        | .digest = ("sha256:" + ("\($i)" | . + ("0" * (64 - length))))
        | .tags = ["t\($i)"]]}]' "$FLEET" >"$WORK/fleet-nolambda.json"
start_emulator emu-nolambda --fleet "$WORK/fleet-nolambda.json" --seed 12
RED=$(api POST /api/v1/groups '{"name":"red"}' | jq -r .id)
api PUT "/api/v1/groups/$RED/aws" "$(jq --arg e "http://127.0.0.1:$EMU_PORT" '.endpoint_url = $e' <<<"$AWS_SETTINGS")" >/dev/null
R_EC2=$(api POST "/api/v1/groups/$RED/servers/ec2" '{"instance_ids":["i-0a1b2c3d4e5f60001"]}' | jq -r '.server_ids[0]')
R_PSEUDO=$(api POST "/api/v1/groups/$RED/servers/pseudo" '{"name":"red-lambdas"}' | jq -r .server_id)
api POST "/api/v1/groups/$RED/servers/$R_PSEUDO/lambda-functions" '{"functions":["thumbnailer"]}' >/dev/null
check_eq "R15 mixed: a function is registered" 201 "$(status)"
api PUT "/api/v1/groups/$RED/sbom" "$(jq -n --arg b $BUCKET --arg k $KMS '{enabled:true, bucket:$b, kms_key_arn:$k, key_prefix:"red/"}')" >/dev/null
kensa_cli sbom export --group red >"$WORK/mixed.json"
check_eq "R15 mixed: the run is partial, not failed" partial "$(jq -r .status "$WORK/mixed.json")"
check_eq "R15 mixed: the EC2 instance is imported" 1 "$(jq -r .resources_imported "$WORK/mixed.json")"
check "R15 mixed: the instance has its software" test "$(actual_components "$R_EC2" "$RED" | wc -l)" -gt 0
check "R15 mixed: the Lambda server is skipped with Inspector's reason" \
  grep -q '^red-lambdas	.*Lambda' <(jq -r '.skipped[] | "\(.resource)\t\(.reason)"' "$WORK/mixed.json")

# ---- a group of 25 registered image tags: more than one filter criterion takes (10), and
# every one of them is exported and imported
VIOLET=$(api POST /api/v1/groups '{"name":"violet"}' | jq -r .id)
api PUT "/api/v1/groups/$VIOLET/aws" "$(jq --arg e "http://127.0.0.1:$EMU_PORT" '.endpoint_url = $e' <<<"$AWS_SETTINGS")" >/dev/null
for i in $(seq 1 25); do
  api POST "/api/v1/groups/$VIOLET/servers/ecr" "{\"registry\":\"123456789012\",\"repository\":\"many-tags\",\"tag\":\"t$i\"}" >/dev/null
done
check_eq "25 tags: every tag is registered" 25 "$(api GET "/api/v1/groups/$VIOLET/servers" | jq '[.servers[] | select(.kind == "ecr_image")] | length')"
api PUT "/api/v1/groups/$VIOLET/sbom" "$(jq -n --arg b $BUCKET --arg k $KMS '{enabled:true, bucket:$b, kms_key_arn:$k, key_prefix:"violet/"}')" >/dev/null
kensa_cli sbom export --group violet >"$WORK/tags25.json"
check_eq "25 tags: the export succeeded" succeeded "$(jq -r .status "$WORK/tags25.json")"
check_eq "25 tags: every tagged image is imported" 25 "$(jq -r .resources_imported "$WORK/tags25.json")"

# ---- issue 18, bug 2: Inspector's OS purls name no distro (pkg:rpm/xz@...?arch=X86_64&epoch=0
# &upstream=xz-....src.rpm), and EC2 coverage only says LINUX. An AlmaLinux 9 instance exported as
# SPDX, whose namespace names the platform, still matches the shipped AlmaLinux 9 advisories.
# The oracle: rpm.labelCompare over the advisories' own package names and fixed versions.
jq '.ec2Instances |= map(if .instanceId == "i-0a1b2c3d4e5f60002" then .platform = "ALMA_LINUX_9" else . end)' \
  "$FLEET" >"$WORK/fleet-alma.json"
start_emulator emu-alma --fleet "$WORK/fleet-alma.json" --seed 13
ALMA=$(api POST /api/v1/groups '{"name":"alma"}' | jq -r .id)
api PUT "/api/v1/groups/$ALMA/aws" "$(jq --arg e "http://127.0.0.1:$EMU_PORT" '.endpoint_url = $e' <<<"$AWS_SETTINGS")" >/dev/null
A_EC2=$(api POST "/api/v1/groups/$ALMA/servers/ec2" '{"instance_ids":["i-0a1b2c3d4e5f60002"]}' | jq -r '.server_ids[0]')
check_eq "AlmaLinux: coverage says only LINUX" LINUX "$(api GET "/api/v1/groups/$ALMA/servers" | jq -r '.servers[0].platform')"
api PUT "/api/v1/groups/$ALMA/sbom" "$(jq -n --arg b $BUCKET --arg k $KMS '{enabled:true, bucket:$b, kms_key_arn:$k, key_prefix:"alma/", format:"SPDX_2_3"}')" >/dev/null
kensa_cli sbom export --group alma >"$WORK/alma.json"
check_eq "AlmaLinux: the SPDX export succeeded" succeeded "$(jq -r .status "$WORK/alma.json")"
check_eq "AlmaLinux: no purl names a distro, as in AWS's samples" 0 \
  "$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM software WHERE server_id = $A_EC2 AND (purl LIKE '%distro=%' OR purl NOT LIKE 'pkg:rpm/%')")"
check_eq "AlmaLinux: the document's platform is the server's distro" almalinux-9 \
  "$(api GET "/api/v1/groups/$ALMA/servers" | jq -r '.servers[0].distro')"
kensa_cli advisories import "$REPO/data/advisories/osv-almalinux9" >/dev/null
kensa_cli advisories match --group alma >"$WORK/alma-match.json"
check_eq "AlmaLinux: matching succeeded" succeeded "$(jq -r .status "$WORK/alma-match.json")"
sqlite3 -separator ' ' "$DB_FILE" "SELECT name, version, release, epoch FROM software WHERE server_id = $A_EC2 AND removed_at IS NULL" >"$WORK/alma-sw.txt"
/usr/bin/python3 - "$REPO/data/advisories/osv-almalinux9" "$WORK/alma-sw.txt" >"$WORK/alma-oracle.txt" <<'PY'
import glob, json, os, sys
import rpm
installed = {}
for line in open(sys.argv[2]):
    name, version, release, epoch = line.split(" ")
    installed[name] = (epoch.strip(), version, release)
hits = set()
for path in glob.glob(os.path.join(sys.argv[1], "*.json")):
    doc = json.load(open(path))
    for aff in doc.get("affected", []):
        pkg = aff["package"]
        if pkg.get("ecosystem") != "AlmaLinux:9" or pkg["name"] not in installed:
            continue
        for r in aff.get("ranges", []):
            for ev in r.get("events", []):
                fixed = ev.get("fixed")
                if not fixed:
                    continue
                epoch, _, evr = fixed.rpartition(":")
                ver, _, rel = evr.rpartition("-")
                if rpm.labelCompare(installed[pkg["name"]], (epoch or "0", ver, rel)) < 0:
                    hits.add(pkg["name"])
print("\n".join(sorted(hits)))
PY
sqlite3 "$DB_FILE" "SELECT DISTINCT w.name FROM detections d JOIN software w ON w.id = d.software_id
  WHERE d.server_id = $A_EC2 AND d.source = 'advisory' AND d.active = 1 ORDER BY w.name" >"$WORK/alma-kensa.txt"
check "AlmaLinux: the oracle finds affected packages" test "$(wc -l <"$WORK/alma-oracle.txt")" -gt 10
check "AlmaLinux: kensa's advisory detections are the oracle's, package for package" \
  diff <(LC_ALL=C sort "$WORK/alma-oracle.txt") <(LC_ALL=C sort "$WORK/alma-kensa.txt")

# ---- KMS denial: the run names kms:Decrypt and the fix; nothing stored is lost
COUNT_BEFORE=$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM software WHERE source = 'sbom' AND removed_at IS NULL")
api PUT "/api/v1/groups/$GROUP/aws" "$(jq '.access_key_id = "AKIAJNOKMSEXAMPLE001"' <<<"$AWS_SETTINGS")" >/dev/null
sqlite3 "$DB_FILE" "UPDATE groups SET sbom_manual_at = sbom_manual_at - 3600 WHERE id = $GROUP"  # an hour passes
set +e
kensa_cli sbom export --group blue >"$WORK/kms.json"
KMS_EXIT=$?
set -e
check_eq "the export fails (exit 1)" 1 "$KMS_EXIT"
check_eq "the run names the failing step and the missing permission" "s3:GetObject kms:Decrypt" \
  "$(jq -r '"\(.error.step) \(.error.missing_permission)"' "$WORK/kms.json")"
check "and the fix" grep -q 'update the key policy' "$WORK/kms.json"
check_eq "no software from the previous import is lost" "$COUNT_BEFORE" \
  "$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM software WHERE source = 'sbom' AND removed_at IS NULL")"

# ---- issue 19: a group's endpoint URL reaches only AWS or the hosts the operator allows.
# kensa serve here allows 127.0.0.1 only (lib.sh); the CLI below runs with no allowlist at all.
for url in "http://localhost:1" "http://[::1]:1" "http://169.254.169.254"; do
  api PUT "/api/v1/groups/$ALMA/aws" "$(jq --arg e "$url" '.endpoint_url = $e' <<<"$AWS_SETTINGS")" >"$WORK/ssrf.json"
  check_eq "endpoint $url is refused by the API (400, endpoint_url)" "400 endpoint_url" "$(status) $(jq -r .details.field "$WORK/ssrf.json")"
done
for url in "http://127.0.0.1:1" "http://localhost:1" "http://[::1]:1"; do
  set +e
  KENSA_AWS_ENDPOINT_ALLOWLIST= KENSA_AWS_SECRET_ACCESS_KEY="$SECRET" kensa_cli group aws-set alma --auth access_key \
    --region us-east-1 --access-key-id AKIAIOSFODNN7EXAMPLE --endpoint-url "$url" >"$WORK/ssrf-cli.out" 2>&1
  CLI_EXIT=$?
  set -e
  check "aws-set $url without an allowlist entry is refused" test "$CLI_EXIT" -ne 0
  check "and the refusal names the allowlist" grep -q endpoint_allowlist "$WORK/ssrf-cli.out"
done
check_eq "the refused settings left the stored endpoint alone" "http://127.0.0.1:$EMU_PORT" \
  "$(sqlite3 "$DB_FILE" "SELECT aws_endpoint_url FROM groups WHERE id = $ALMA")"
api PUT "/api/v1/groups/$ALMA/aws" "$(jq --arg e "http://127.0.0.1:$((EMU_PORT + 1))" '.endpoint_url = $e | del(.secret_access_key)' <<<"$AWS_SETTINGS")" >"$WORK/nosecret.json"
check_eq "changing the endpoint without the secret is refused" "400 secret_access_key" "$(status) $(jq -r .details.field "$WORK/nosecret.json")"

finish
