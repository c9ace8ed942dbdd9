#!/usr/bin/env bash
# Issue 5 acceptance, end to end and black-box: kensa serve + kensa-aws-emulator (demo fleet),
# driven through the REST API. The expected vulnerabilities come from an independent oracle:
# Debian's aws CLI listing the emulator's findings.
#   usage: inspector_e2e_test.sh KENSA_BINARY EMULATOR_BINARY DEMO_FLEET_JSON
KENSA=$1
EMULATOR=$2
FLEET=$3  # the demo fleet (data/fleets/demo-fleet.json)
source "$(dirname "$0")/lib.sh"

DB_FILE="$WORK/kensa.db"
DB="sqlite:$DB_FILE"
start_kensa "$DB"
TOKEN=$(kensa_cli user token admin --admin | jq -r .token)

# ---- group with a role and the external id kensa generated for it
GROUP=$(api POST /api/v1/groups '{"name":"blue","timezone":"Asia/Tokyo"}' | jq -r .id)
check_eq "group created" 201 "$(status)"
EXTERNAL_ID=$(api GET "/api/v1/groups/$GROUP" | jq -r .aws.external_id)
check "kensa generated an external id" grep -q '^kensa-[0-9a-f]\{32\}$' <<<"$EXTERNAL_ID"

# The customer's role trusts kensa's principal with that external id.

jq --arg ext "$EXTERNAL_ID" '.roles[0].trust.externalId = $ext' "$FLEET" >"$WORK/fleet.json"
start_emulator emu --fleet "$WORK/fleet.json" --seed 7
ENDPOINT="http://127.0.0.1:$EMU_PORT"

ROLE_SETTINGS=$(jq -n --arg e "$ENDPOINT" '{auth_type:"assume_role", region:"us-east-1",
  access_key_id:"AKIAIOSFODNN7EXAMPLE", secret_access_key:"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  role_arn:"arn:aws:iam::123456789012:role/kensa-inspector", endpoint_url:$e}')
api PUT "/api/v1/groups/$GROUP/aws" "$ROLE_SETTINGS" >"$WORK/aws.json"
check_eq "aws settings stored" 200 "$(status)"
check "the secret is never returned" bash -c "! grep -q wJalr '$WORK/aws.json'"
check "the secret is not stored in clear" bash -c "! sqlite3 '$DB_FILE' 'select * from groups' | grep -q wJalr"
api POST "/api/v1/groups/$GROUP/aws/test" >"$WORK/test.json"
check_eq "connection test through AssumeRole succeeds" true "$(jq -r .ok "$WORK/test.json")"
check_eq "the assumed role is reported" "arn:aws:sts::123456789012:assumed-role/kensa-inspector/kensa" \
  "$(jq -r .arn "$WORK/test.json" | sed 's#/kensa-[^/]*$#/kensa#')"

# A wrong external id is refused by STS, and the test says so.
jq '.roles[0].trust.externalId = "someone-else"' "$WORK/fleet.json" >"$WORK/fleet-wrong.json"
start_emulator emu-wrong --fleet "$WORK/fleet-wrong.json"
WRONG_PORT=$EMU_PORT
START_PORT=$(jq -r .aws.endpoint_url "$WORK/aws.json")
api PUT "/api/v1/groups/$GROUP/aws" "$(jq --arg e "http://127.0.0.1:$WRONG_PORT" '.endpoint_url=$e' <<<"$ROLE_SETTINGS")" >/dev/null
api POST "/api/v1/groups/$GROUP/aws/test" >"$WORK/test-wrong.json"
check_eq "wrong external id: connection test fails" false "$(jq -r .ok "$WORK/test-wrong.json")"
check "wrong external id: the error names sts:AssumeRole" grep -q 'sts:AssumeRole' "$WORK/test-wrong.json"
api PUT "/api/v1/groups/$GROUP/aws" "$ROLE_SETTINGS" >/dev/null
EMU_PORT=${START_PORT##*:}

# ---- registration: 2 EC2 instances, a pseudo server with 3 functions, 1 ECR image
api GET "/api/v1/groups/$GROUP/ec2-candidates" >"$WORK/ec2.json"
check_eq "Inspector covers the 3 demo instances" 3 "$(jq '.instances | length' "$WORK/ec2.json")"
check_eq "candidates show the Name tag" web-al2023 \
  "$(jq -r '.instances[] | select(.instance_id=="i-0a1b2c3d4e5f60001") | .name' "$WORK/ec2.json")"
EC2_IDS=$(api POST "/api/v1/groups/$GROUP/servers/ec2" '{"instance_ids":["i-0a1b2c3d4e5f60001","i-0a1b2c3d4e5f60002"]}')
check_eq "two instances registered" 201 "$(status)"
EC2_A=$(jq -r '.server_ids[0]' <<<"$EC2_IDS")
EC2_B=$(jq -r '.server_ids[1]' <<<"$EC2_IDS")
api POST "/api/v1/groups/$GROUP/servers/ec2" '{"instance_ids":["i-0a1b2c3d4e5f60001"]}' >/dev/null
check_eq "registering an instance twice is a conflict" 409 "$(status)"

PSEUDO=$(api POST "/api/v1/groups/$GROUP/servers/pseudo" '{"name":"lambdas"}' | jq -r .server_id)
api POST "/api/v1/groups/$GROUP/servers/$PSEUDO/lambda-functions" \
  '{"functions":["orders-api","arn:aws:lambda:us-east-1:123456789012:function:auth-authorizer","nightly-cleanup"]}' \
  >"$WORK/lambda.json"
check_eq "three functions added" 201 "$(status)"
check_eq "unqualified ARNs stored" "arn:aws:lambda:us-east-1:123456789012:function:orders-api" \
  "$(api GET "/api/v1/groups/$GROUP/servers/$PSEUDO" | jq -r '.lambda_functions[0].arn')"

LEGACY=$(api POST "/api/v1/groups/$GROUP/servers/pseudo" '{"name":"legacy"}' | jq -r .server_id)
api POST "/api/v1/groups/$GROUP/servers/$LEGACY/lambda-functions" '{"functions":["ingest-worker","invoice-pdf"]}' \
  >"$WORK/legacy.json"
check_eq "a container-image function is refused" false "$(jq -r '.results[0].added' "$WORK/legacy.json")"
check "the refusal says why" grep -q 'container-image function (PackageType Image)' "$WORK/legacy.json"
check_eq "an unsupported runtime is flagged" false "$(jq -r '.results[1].runtime_supported' "$WORK/legacy.json")"
api GET "/api/v1/groups/$GROUP/lambda-candidates" >"$WORK/candidates.json"
check_eq "candidates flag the image function" false \
  "$(jq -r '.functions[] | select(.name=="ingest-worker") | .registrable' "$WORK/candidates.json")"
api DELETE "/api/v1/groups/$GROUP/servers/$LEGACY" >/dev/null

ECR=$(api POST "/api/v1/groups/$GROUP/servers/ecr" '{"registry":"123456789012","repository":"web-frontend","tag":"latest"}' | jq -r .server_id)
check_eq "ECR image registered" 201 "$(status)"

# ---- manual scans; tasks must match the fleet's open vulnerabilities exactly
filter_ec2() { jq -nc --arg id "$1" '{resourceId:[{comparison:"EQUALS",value:$id}]}'; }
# Debian's aws CLI (2.9) predates codeVulnerabilityDetails and drops what its model lacks, so
# the oracle's CLI gets the repository's copy of the botocore inspector2 model.
mkdir -p "$WORK/aws-home"
HOME="$WORK/aws-home" /usr/bin/aws configure add-model --service-name inspector2 \
  --service-model "file://$(cd "$(dirname "$0")/../.." && pwd)/data/emulator/inspector2-2020-06-08.json"
aws_emu() {  # aws_emu ARGS... -> the aws CLI against the emulator, JSON out
  HOME="$WORK/aws-home" AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE \
    AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" \
    /usr/bin/aws --endpoint-url "http://127.0.0.1:$EMU_PORT" --region us-east-1 --output json "$@"
}
aws_findings() { aws_emu inspector2 list-findings --filter-criteria "$1"; }  # aws_findings FILTER
# Oracle for a server's open tasks: the vulnerability ids of its ACTIVE and SUPPRESSED findings
# (a suppression rule hides a finding in the console; kensa still tracks it), package CVEs or
# code detector ids. NETWORK_REACHABILITY findings are no vulnerability: kensa keeps them apart.
aws_open_vulns() {
  aws_findings "$1" | jq -r '.findings[] | select(.status != "CLOSED" and .type != "NETWORK_REACHABILITY") |
    (.packageVulnerabilityDetails.vulnerabilityId // .codeVulnerabilityDetails.detectorId)' | sort -u
}
FILTER_A=$(filter_ec2 i-0a1b2c3d4e5f60001)
FILTER_B=$(filter_ec2 i-0a1b2c3d4e5f60002)
FILTER_L='{"lambdaFunctionName":[{"comparison":"EQUALS","value":"orders-api"},{"comparison":"EQUALS","value":"auth-authorizer"},{"comparison":"EQUALS","value":"nightly-cleanup"}]}'
FILTER_E='{"ecrImageRepositoryName":[{"comparison":"EQUALS","value":"web-frontend"}],"ecrImageTags":[{"comparison":"EQUALS","value":"latest"}]}'

open_tasks() {  # open_tasks SERVER -> sorted vulnerability ids of tasks that are not PATCH_APPLIED
  api GET "/api/v1/groups/$GROUP/tasks?server_id=$1&limit=1000" |
    jq -r '.tasks[] | select(.status != "PATCH_APPLIED") | .vulnerability_id' | sort -u
}
task_field() {  # task_field SERVER VULN FIELD
  api GET "/api/v1/groups/$GROUP/tasks?server_id=$1&vulnerability_id=$2" | jq -r ".tasks[0].$3"
}

# scan_matches_fleet SERVER FILTER: scans the server, and its open tasks must be exactly what
# the aws CLI lists as open for the filter.
scan_matches_fleet() {
  local server=$1 filter=$2
  api POST "/api/v1/groups/$GROUP/servers/$server/scan" >"$WORK/scan-$server.json"
  check_eq "scan of server $server succeeded" succeeded "$(jq -r .status "$WORK/scan-$server.json")"
  aws_open_vulns "$filter" >"$WORK/expected-$server"
  open_tasks "$server" >"$WORK/actual-$server"
  check "server $server has findings to check" test -s "$WORK/expected-$server"
  if diff "$WORK/expected-$server" "$WORK/actual-$server" >"$WORK/diff-$server"; then
    ok "server $server: tasks match the fleet exactly ($(wc -l <"$WORK/expected-$server") vulnerabilities)"
  else
    fail "server $server: tasks differ from the fleet: $(cat "$WORK/diff-$server")"
  fi
}
scan_matches_fleet "$EC2_A" "$FILTER_A"
scan_matches_fleet "$EC2_B" "$FILTER_B"
scan_matches_fleet "$PSEUDO" "$FILTER_L"
scan_matches_fleet "$ECR" "$FILTER_E"

# ---- AWS fidelity: every finding shape of the real samples, as the demo fleet has them
sql() { sqlite3 -separator "$(printf '\t')" "$DB_FILE" "$1"; }
vuln_field() { api GET "/api/v1/groups/$GROUP/vulnerabilities/$1" | jq -r ".$2"; }  # vuln_field ID FIELD
finding_of() {  # finding_of RESOURCE_ID VULN_ID -> that finding as JSON
  aws_findings "$(jq -nc --arg r "$1" --arg v "$2" \
    '{resourceId:[{comparison:"EQUALS",value:$r}], vulnerabilityId:[{comparison:"EQUALS",value:$v}]}')" |
    jq -c '.findings[0]'
}
FILTER_C=$(filter_ec2 i-0a1b2c3d4e5f60003)
FILTER_V='{"ecrImageRepositoryName":[{"comparison":"EQUALS","value":"vault-sidecar"}],"ecrImageTags":[{"comparison":"EQUALS","value":"0.9"}]}'
EC2_C=$(api POST "/api/v1/groups/$GROUP/servers/ec2" '{"instance_ids":["i-0a1b2c3d4e5f60003"]}' | jq -r '.server_ids[0]')
check_eq "the bastion is registered" 201 "$(status)"
VAULT=$(api POST "/api/v1/groups/$GROUP/servers/ecr" '{"registry":"123456789012","repository":"vault-sidecar","tag":"0.9"}' | jq -r .server_id)
check_eq "vault-sidecar:0.9 is registered" 201 "$(status)"
scan_matches_fleet "$EC2_C" "$FILTER_C"
scan_matches_fleet "$VAULT" "$FILTER_V"

# One finding, several vulnerablePackages (db-rhel9's openssl advisory): a detection on each.
F=$(finding_of i-0a1b2c3d4e5f60002 CVE-2022-1292)
check_eq "oracle: CVE-2022-1292 is one finding listing 3 packages" 3 \
  "$(jq '.packageVulnerabilityDetails.vulnerablePackages | length' <<<"$F")"
check_eq "multi-package finding: an active detection on each listed package" \
  "$(jq -r '[.packageVulnerabilityDetails.vulnerablePackages[].name] | sort | join(" ")' <<<"$F")" \
  "$(sql "SELECT group_concat(name, ' ') FROM (SELECT DISTINCT s.name FROM detections d JOIN software s ON s.id = d.software_id
          WHERE d.server_id = $EC2_B AND d.vulnerability_id = 'CVE-2022-1292' AND d.active = 1 ORDER BY s.name)")"
check_eq "multi-package finding: the detections keep its one findingArn" "$(jq -r .findingArn <<<"$F")" \
  "$(sql "SELECT group_concat(DISTINCT source_ref) FROM detections WHERE server_id = $EC2_B AND vulnerability_id = 'CVE-2022-1292' AND active = 1")"
check_eq "multi-package finding: one task" 1 \
  "$(api GET "/api/v1/groups/$GROUP/tasks?server_id=$EC2_B&vulnerability_id=CVE-2022-1292" | jq '.tasks | length')"

# fixAvailable PARTIAL and NO (vault-sidecar, from golang/vulndb): shown with what has no fix.
F=$(finding_of "$(jq -r '.ecrRepositories[] | select(.name == "vault-sidecar") | .images[0].digest' "$FLEET" |
  sed 's#^#arn:aws:ecr:us-east-1:123456789012:repository/vault-sidecar/#')" CVE-2026-41567)
check_eq "oracle: CVE-2026-41567 is PARTIAL" PARTIAL "$(jq -r .fixAvailable <<<"$F")"
check_eq "PARTIAL: the vulnerability shows fix_available PARTIAL" PARTIAL "$(vuln_field CVE-2026-41567 fix_available)"
# kensa stores "no fix for this package" (Inspector's "NotAvailable") as an empty fixed_in.
check_eq "PARTIAL: each package keeps its own fix (none where Inspector says NotAvailable)" \
  "$(jq -r '[.packageVulnerabilityDetails.vulnerablePackages[] |
             "\(.name)=\(if .fixedInVersion == "NotAvailable" then "" else .fixedInVersion end)"] | sort | join(" ")' <<<"$F")" \
  "$(sql "SELECT group_concat(x, ' ') FROM (SELECT DISTINCT s.name || '=' || d.fixed_in AS x FROM detections d JOIN software s ON s.id = d.software_id
          WHERE d.server_id = $VAULT AND d.vulnerability_id = 'CVE-2026-41567' AND d.active = 1 ORDER BY x)")"
check_eq "PARTIAL: the task is open" NEW "$(task_field "$VAULT" CVE-2026-41567 status)"
check_eq "NO: the vulnerability shows fix_available NO" NO "$(vuln_field CVE-2026-33997 fix_available)"
check_eq "NO: the detection has no fixed_in" "1 " \
  "$(sql "SELECT COUNT(*) || ' ' || group_concat(DISTINCT fixed_in) FROM detections WHERE server_id = $VAULT AND vulnerability_id = 'CVE-2026-33997' AND active = 1")"
check_eq "NO: the task is open" NEW "$(task_field "$VAULT" CVE-2026-33997 status)"

# UNTRIAGED, with an empty cvss list and no inspectorScore: stored and shown, not rejected.
check_eq "oracle: CVE-2026-33997 is UNTRIAGED without cvss or score" "UNTRIAGED 0 null" \
  "$(finding_of "$(jq -r .resources[0].id <<<"$F")" CVE-2026-33997 |
     jq -r '"\(.severity) \(.packageVulnerabilityDetails.cvss | length) \(.inspectorScore)"')"
check_eq "UNTRIAGED: the vulnerability's severity" UNTRIAGED "$(vuln_field CVE-2026-33997 severity)"
check_eq "UNTRIAGED: no CVSS score is made up" 0 "$(vuln_field CVE-2026-33997 cvss3_score)"
check_eq "UNTRIAGED: the task shows the severity" UNTRIAGED "$(task_field "$VAULT" CVE-2026-33997 severity)"

# SUPPRESSED (db-rhel9's vim advisory): kensa asks for it and keeps a task; CLOSED (logrotate)
# leaves nothing open.
check_eq "oracle: CVE-2022-0554 is SUPPRESSED on db-rhel9" SUPPRESSED \
  "$(finding_of i-0a1b2c3d4e5f60002 CVE-2022-0554 | jq -r .status)"
check_eq "SUPPRESSED: the task is stored and open" NEW "$(task_field "$EC2_B" CVE-2022-0554 status)"
check_eq "SUPPRESSED: its detections are active" 3 \
  "$(sql "SELECT COUNT(*) FROM detections WHERE server_id = $EC2_B AND vulnerability_id = 'CVE-2022-0554' AND active = 1")"
check_eq "oracle: CVE-2022-1348 is CLOSED on db-rhel9" CLOSED \
  "$(finding_of i-0a1b2c3d4e5f60002 CVE-2022-1348 | jq -r .status)"
check_eq "CLOSED: no task" 0 \
  "$(api GET "/api/v1/groups/$GROUP/tasks?server_id=$EC2_B&vulnerability_id=CVE-2022-1348" | jq '.tasks | length')"
check_eq "CLOSED: no open detection" 0 \
  "$(sql "SELECT COUNT(*) FROM detections WHERE server_id = $EC2_B AND vulnerability_id = 'CVE-2022-1348' AND active = 1")"

# The ECR images' OS packages as Inspector reports them (arch AMD64, a sourceLayerHash).
check_eq "ECR: kensa keeps the package arch Inspector reports" AMD64 \
  "$(sql "SELECT group_concat(DISTINCT arch) FROM software WHERE server_id = $ECR AND ecosystem = 'deb' AND removed_at IS NULL")"

# CODE_VULNERABILITY and NETWORK_REACHABILITY are kept as their own kinds.
check_eq "CODE: nightly-cleanup's code finding is a task under its detector id" NEW \
  "$(task_field "$PSEUDO" python/hardcoded-credentials@v1.0 status)"
check_eq "CODE: its detection is of kind code, on no package" "code|" \
  "$(sqlite3 "$DB_FILE" "SELECT kind || '|' || COALESCE(software_id, '') FROM detections WHERE server_id = $PSEUDO AND vulnerability_id = 'python/hardcoded-credentials@v1.0' AND active = 1")"
NET=$(aws_findings '{"findingType":[{"comparison":"EQUALS","value":"NETWORK_REACHABILITY"}]}' | jq -c '.findings[0]')
check_eq "oracle: the bastion has a NETWORK_REACHABILITY finding (TCP 22)" "i-0a1b2c3d4e5f60003 TCP 22" \
  "$(jq -r '"\(.resources[0].id) \(.networkReachabilityDetails.protocol) \(.networkReachabilityDetails.openPortRange.begin)"' <<<"$NET")"
check_eq "NETWORK: kept as a network finding of the bastion" "$(jq -r '"\(.findingArn)\tTCP\t22\t22\t1"' <<<"$NET")" \
  "$(sql "SELECT finding_arn, protocol, port_begin, port_end, active FROM network_findings WHERE server_id = $EC2_C")"
check_eq "NETWORK: shown on the bastion's page (the API)" "$(jq -r '"\(.findingArn) TCP 22-22"' <<<"$NET")" \
  "$(api GET "/api/v1/groups/$GROUP/servers/$EC2_C/network-findings" |
    jq -r '.network_findings[] | "\(.finding_arn) \(.protocol) \(.port_begin)-\(.port_end)"')"
check_eq "NETWORK: no task or detection is made of it" 0 \
  "$(sql "SELECT COUNT(*) FROM detections WHERE server_id = $EC2_C AND source_ref = '$(jq -r .findingArn <<<"$NET")'")"

# Lambda runtimes and the container-image function.
check_eq "python3.12 (orders-api) counts as a runtime Inspector scans" true \
  "$(jq -r '.functions[] | select(.name=="orders-api") | .runtime_supported' "$WORK/candidates.json")"
check_eq "oracle: the image function has no coverage entry" 0 \
  "$(aws_emu inspector2 list-coverage --filter-criteria '{"lambdaFunctionName":[{"comparison":"EQUALS","value":"ingest-worker"}]}' |
     jq '.coveredResources | length')"
check_eq "oracle: and no findings" 0 \
  "$(aws_findings '{"lambdaFunctionName":[{"comparison":"EQUALS","value":"ingest-worker"}]}' | jq '.findings | length')"
check "kensa says why the image function cannot be registered" \
  bash -c "jq -r '.functions[] | select(.name==\"ingest-worker\") | .note' '$WORK/candidates.json' | grep -q 'not scanned by Amazon Inspector'"

# ---- a rescan with no change writes no rows
BEFORE=$(db_fingerprint "$DB_FILE")
api POST "/api/v1/groups/$GROUP/servers/$EC2_A/scan" >"$WORK/rescan.json"
check_eq "unchanged rescan reports zero rows written" 0 "$(jq -r .rows_written "$WORK/rescan.json")"
check_eq "unchanged rescan leaves every row as it was" "$BEFORE" "$(db_fingerprint "$DB_FILE")"

# ---- patch story on instance A
mapfile -t VULNS_A <"$WORK/expected-$EC2_A"
# Pick a package whose removal closes at least one vulnerability while another stays open.
PKG=$(AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null /usr/bin/aws --endpoint-url "http://127.0.0.1:$EMU_PORT" \
  --region us-east-1 --output json inspector2 list-findings --filter-criteria "$FILTER_A" |
  jq -r '[.findings[].packageVulnerabilityDetails.vulnerablePackages[0].name] | group_by(.) | sort_by(length) | .[0][0]')
PKG_ENTRY=$(jq -c --arg p "$PKG" '.ec2Instances[] | select(.instanceId=="i-0a1b2c3d4e5f60001") | .software[] | select(.name==$p)' "$WORK/fleet.json")
check "picked a vulnerable package to patch ($PKG)" test -n "$PKG_ENTRY"

# A user's status on a task that stays open must survive every scan.
KEEP_VULN=""
emu POST /_emulator/packages/remove "$(jq -nc --arg p "$PKG" '{resourceId:"i-0a1b2c3d4e5f60001",name:$p}')" >/dev/null
aws_active_vulns "$FILTER_A" >"$WORK/after-remove"
GONE=$(comm -23 "$WORK/expected-$EC2_A" "$WORK/after-remove")
KEEP_VULN=$(head -1 "$WORK/after-remove")
check "removing $PKG closes at least one vulnerability" test -n "$GONE"
check "another vulnerability stays open" test -n "$KEEP_VULN"
KEEP_TASK=$(task_field "$EC2_A" "$KEEP_VULN" id)
api PATCH "/api/v1/groups/$GROUP/tasks/$KEEP_TASK" '{"status":"ONGOING"}' >/dev/null
check_eq "a user sets ONGOING" 200 "$(status)"
api PATCH "/api/v1/groups/$GROUP/tasks/$KEEP_TASK" '{"status":"PATCH_APPLIED"}' >"$WORK/bad-status.json"
check_eq "a user cannot set PATCH_APPLIED" 400 "$(status)"
"$KENSA" --db "sqlite:$DB_FILE" task set "$KEEP_TASK" --assignee hana --deadline 1767225600 --comment "patch window Friday" \
  >"$WORK/task-set.json"
check_eq "kensa task set: assignee" hana "$(jq -r .assignee "$WORK/task-set.json")"
check_eq "kensa task set: deadline" 1767225600 "$(jq -r .deadline "$WORK/task-set.json")"

api POST "/api/v1/groups/$GROUP/servers/$EC2_A/scan" >"$WORK/patched.json"
check_eq "patch scan counts the patched tasks" "$(wc -w <<<"$GONE")" "$(jq -r .tasks_patched "$WORK/patched.json")"
for vuln in $GONE; do
  check_eq "$vuln is PATCH_APPLIED" PATCH_APPLIED "$(task_field "$EC2_A" "$vuln" status)"
  TID=$(task_field "$EC2_A" "$vuln" id)
  check "$vuln has a system comment" bash -c "[ \"\$(curl -s -H 'Authorization: Bearer $TOKEN' \
    http://127.0.0.1:$KENSA_PORT/api/v1/groups/$GROUP/tasks/$TID | jq '[.comments[] | select(.system)] | length')\" = 1 ]"
done
check_eq "the user's ONGOING is unchanged" ONGOING "$(task_field "$EC2_A" "$KEEP_VULN" status)"
check_eq "the assignee survives the scan" hana "$(task_field "$EC2_A" "$KEEP_VULN" assignee)"

emu POST /_emulator/packages "$(jq -nc --argjson p "$PKG_ENTRY" '{resourceId:"i-0a1b2c3d4e5f60001",package:$p}')" >/dev/null
api POST "/api/v1/groups/$GROUP/servers/$EC2_A/scan" >"$WORK/reinstalled.json"
check_eq "reinstall reopens the patched tasks" "$(wc -w <<<"$GONE")" "$(jq -r .tasks_reopened "$WORK/reinstalled.json")"
for vuln in $GONE; do
  check_eq "$vuln reopened as NEW" NEW "$(task_field "$EC2_A" "$vuln" status)"
done
check_eq "the user's ONGOING is still unchanged" ONGOING "$(task_field "$EC2_A" "$KEEP_VULN" status)"
open_tasks "$EC2_A" >"$WORK/actual-again"
check "tasks match the fleet again" diff -q "$WORK/expected-$EC2_A" "$WORK/actual-again"

# ---- without inspector2:ListFindings the scan fails, names the action, and changes nothing
BEFORE=$(db_fingerprint "$DB_FILE")
api PUT "/api/v1/groups/$GROUP/aws" "$(jq -n --arg e "$ENDPOINT" '{auth_type:"access_key", region:"us-east-1",
  access_key_id:"AKIAI44QH8DHBEXAMPLE", secret_access_key:"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", endpoint_url:$e}')" >/dev/null
api POST "/api/v1/groups/$GROUP/aws/test" >"$WORK/test-auditor.json"
check "the connection test lists inspector2:ListFindings as missing" \
  bash -c "jq -e '.missing | index(\"inspector2:ListFindings\")' '$WORK/test-auditor.json' >/dev/null"
check "and gives the IAM snippet" grep -q '\\"Action\\": \[' "$WORK/test-auditor.json"
api POST "/api/v1/groups/$GROUP/servers/$EC2_A/scan" >"$WORK/denied.json"
check_eq "denied scan run is failed" failed "$(jq -r .status "$WORK/denied.json")"
check_eq "denied scan names the missing permission" inspector2:ListFindings "$(jq -r .error.missing_permission "$WORK/denied.json")"
check_eq "denied scan error code" access_denied "$(jq -r .error.code "$WORK/denied.json")"
check "the hint carries the policy snippet" bash -c "jq -r .error.hint '$WORK/denied.json' | grep -q 'inspector2:ListFindings'"
check_eq "a denied scan changes no task or row" "$BEFORE" "$(db_fingerprint "$DB_FILE")"
api GET "/api/v1/groups/$GROUP/scan-runs" >"$WORK/runs.json"
check_eq "the failure is in the scan history" failed "$(jq -r '.scan_runs[0].status' "$WORK/runs.json")"

# ---- tenancy: another group's user sees nothing of this group
OTHER=$(kensa_cli group create red | jq -r .id)
OTHER_TOKEN=$(kensa_cli user token mallory --group red --role owner | jq -r .token)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $OTHER_TOKEN" \
  "http://127.0.0.1:$KENSA_PORT/api/v1/groups/$GROUP/tasks")
check_eq "a member of group $OTHER cannot read group $GROUP's tasks" 404 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$KENSA_PORT/api/v1/groups/$GROUP/tasks")
check_eq "no token, no data" 401 "$code"

# ---- health, metrics and graceful shutdown
check_eq "/healthz" 200 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$KENSA_PORT/healthz)"
check_eq "/metrics without a token" 401 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$KENSA_PORT/metrics)"
check "/metrics is Prometheus text" bash -c "curl -s -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$KENSA_PORT/metrics | grep -q '^# TYPE kensa_http_requests_total counter'"
check "/metrics counts rows" bash -c "curl -s -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$KENSA_PORT/metrics | grep -q '^kensa_rows{table=\"tasks\"}'"
kill -TERM "$KENSA_PID"
rc=0
wait "$KENSA_PID" || rc=$?
check_eq "SIGTERM ends kensa with exit code 0" 0 "$rc"

# ---- a database migrated by a newer kensa is refused
sqlite3 "$DB_FILE" "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)"
rc=0
kensa_cli migrate >"$WORK/migrate.out" 2>"$WORK/migrate.err" || rc=$?
check "kensa refuses a newer schema with a non-zero exit ($rc)" test "$rc" -ne 0
check "and says why" grep -q 'migrated by a newer kensa' "$WORK/migrate.err"
rc=0
KENSA_MASTER_KEY_FILE="$WORK/master.key" "$KENSA" --db "$DB" serve --listen 127.0.0.1:0 >/dev/null 2>"$WORK/serve-newer.err" || rc=$?
check "kensa serve refuses it too ($rc)" test "$rc" -ne 0

finish
