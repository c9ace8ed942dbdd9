#!/usr/bin/env bash
# Issue 16 acceptance (R19), end to end and black-box: the real Vuls results of ../shared/data/vuls
# through `kensa import vuls`; unmodified-scanner uploads through `kensa serve`, driven by clients
# written from the protocols' request and response shapes (curl for `vuls report -to-http` and
# the `vuls saas` handshake, Debian's aws CLI for the S3 PutObject it is followed by); the
# watched directory; and a Vuls host linked to the EC2 instance it runs on (emulator fleet).
# The Vuls results are read from ../shared, never copied: their license is unclear.
#   usage: vuls_e2e_test.sh KENSA_BINARY EMULATOR_BINARY DEMO_FLEET_JSON
KENSA=$1
EMULATOR=$2
FLEET=$3
source "$(dirname "$0")/lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
SAMPLES="$REPO/../shared/data/vuls"

DB_FILE="$WORK/kensa.db"
DB="sqlite:$DB_FILE"
WATCH="$WORK/watch"
mkdir -p "$WATCH/blue"
export KENSA_VULS_WATCH_DIR="$WATCH" KENSA_VULS_WATCH_SECONDS=1
start_kensa "$DB"
TOKEN=$(kensa_cli user token admin --admin | jq -r .token)
BLUE=$(api POST /api/v1/groups '{"name":"blue"}' | jq -r .id)
RED=$(api POST /api/v1/groups '{"name":"red"}' | jq -r .id)

# ---- every real result imports; counts, OS family and release as the files say (jq the oracle)
kensa_cli import vuls --group blue "$SAMPLES"/*.json >"$WORK/import.json"
check_eq "all 14 results imported, none failed" "14 0" \
  "$(jq -r '"\(.imported | length) \(.failed | length)"' "$WORK/import.json")"
kensa_cli server list blue >"$WORK/servers.json"
BAD=0
for f in "$SAMPLES"/*.json; do
  name=$(jq -r .serverName "$f")
  want="$(jq -r '"\(.packages // {} | length) \(.family) \(.release)"' "$f")"
  got="$(jq -r --arg f "$f" '.imported[] | select(.file == $f) | "\(.packages) \(.family) \(.release)"' "$WORK/import.json")"
  rows=$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM software w JOIN servers s ON s.id = w.server_id
    WHERE s.name = '$name' AND s.kind = 'vuls' AND w.removed_at IS NULL")
  listed="$(jq -r --arg n "$name" '.[] | select(.name == $n) | "\(.vuls.family) \(.vuls.identified_by)"' "$WORK/servers.json")"
  if [ "$want" != "$got" ] || [ "$rows" != "${want%% *}" ] || [ "$listed" != "$(jq -r .family "$f") server_name" ]; then
    BAD=$((BAD + 1))
    echo "$f: want [$want] got [$got], $rows rows, listed [$listed]" >&2
  fi
done
check_eq "each result's packages, family and release match its file, and the list says 'by name'" 0 "$BAD"
check_eq "an import of the same files again registers no server" 14 \
  "$(kensa_cli import vuls --group blue "$SAMPLES"/*.json | jq '[.imported[] | select(.created == false)] | length')"

# ---- a broken file is refused with the reason, the others of the call still import
printf '{"jsonVersion": 4, "serverName": "cut", "packages": {' >"$WORK/cut.json"
set +e
kensa_cli import vuls --group red "$WORK/cut.json" "$SAMPLES/alpine_319.json" >"$WORK/mixed.json"
EXIT=$?
set -e
check_eq "a broken file makes the command exit 2" 2 "$EXIT"
check "the failure names the file and the problem" \
  grep -q 'Vuls result: ' <(jq -r --arg f "$WORK/cut.json" '.failed[] | select(.file == $f) | .error' "$WORK/mixed.json")
check_eq "the good file of the same call is imported" 1 "$(jq '.imported | length' "$WORK/mixed.json")"

# ---- upload tokens, and `vuls report -to-http`: the token in the path, or the URL's user-info
UP_BLUE=$(kensa_cli vuls token-create blue --label scanners | jq -r .token)
UP_RED=$(api POST "/api/v1/groups/$RED/vuls/upload-tokens" '{"label":"red scanners"}' | jq -r .token)
jq '.serverName = "posted-by-path"' "$SAMPLES/ubuntu_2204.json" >"$WORK/post1.json"
jq '.serverName = "posted-by-userinfo"' "$SAMPLES/debian_11.json" >"$WORK/post2.json"
post() {  # post URL FILE -> status, as Vuls's writer posts: a bare POST of application/json
  curl -s -o "$WORK/post.out" -w '%{http_code}' -H 'Content-Type: application/json; charset=utf-8' \
    --data-binary "@$2" "$1"
}
check_eq "-to-http with the token in the path answers 200" 200 \
  "$(post "http://127.0.0.1:$KENSA_PORT/vuls/http/$UP_BLUE" "$WORK/post1.json")"
check_eq "-to-http with the token as user-info answers 200" 200 \
  "$(post "http://vuls:$UP_RED@127.0.0.1:$KENSA_PORT/vuls/http" "$WORK/post2.json")"
check_eq "posted-by-path is in blue" blue "$(sqlite3 "$DB_FILE" "SELECT g.name FROM servers s JOIN groups g ON g.id = s.group_id WHERE s.name = 'posted-by-path'")"
check_eq "posted-by-userinfo is in red" red "$(sqlite3 "$DB_FILE" "SELECT g.name FROM servers s JOIN groups g ON g.id = s.group_id WHERE s.name = 'posted-by-userinfo'")"
check_eq "an unknown token is refused" 401 "$(post "http://127.0.0.1:$KENSA_PORT/vuls/http/kensa_up_nope" "$WORK/post1.json")"

# ---- `vuls saas`: the handshake, then PutObject with Debian's aws CLI and the credentials
handshake() {  # handshake GROUP_ID TOKEN -> body; status in $WORK/hs.status
  curl -s -o "$WORK/hs.json" -w '%{http_code}' -H 'Content-Type: application/json' -H 'Accept: application/json' \
    --data "$(jq -n --argjson g "$1" --arg t "$2" '{GroupID:$g, Token:$t, ScannedBy:"scanner1", ScannedIPv4s:"10.0.0.9", ScannedIPv6s:""}')" \
    "http://127.0.0.1:$KENSA_PORT/vuls/saas" >"$WORK/hs.status"
  cat "$WORK/hs.json"
}
handshake "$RED" "$UP_BLUE" >/dev/null
check_eq "the handshake refuses a token of another group" 401 "$(cat "$WORK/hs.status")"
handshake "$BLUE" "$UP_BLUE" >"$WORK/creds.json"
check_eq "the handshake answers 200" 200 "$(cat "$WORK/hs.status")"
S3DIR=$(jq -r .S3ResultsDir "$WORK/creds.json")
BUCKET=$(jq -r .S3Bucket "$WORK/creds.json")
s3put() {  # s3put KEY FILE: as vuls saas does, path style against kensa, region ap-northeast-1
  AWS_ACCESS_KEY_ID=$(jq -r .Credential.AccessKeyId "$WORK/creds.json") \
    AWS_SECRET_ACCESS_KEY=$(jq -r .Credential.SecretAccessKey "$WORK/creds.json") \
    AWS_SESSION_TOKEN=$(jq -r .Credential.SessionToken "$WORK/creds.json") \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" \
    /usr/bin/aws --endpoint-url "http://127.0.0.1:$KENSA_PORT" --region ap-northeast-1 \
    s3api put-object --bucket "$BUCKET" --key "$1" --body "$2" >"$WORK/s3put.out" 2>"$WORK/s3put.err"
}
jq '.serverUUID = "2b8a8e35-0c0c-4b59-9f4c-1e5d8a7c6b01" | .serverName = "saas-host"' "$SAMPLES/amazon_2023.json" >"$WORK/saas.json"
check "the aws CLI puts a result with the temporary credentials" s3put "$S3DIR/2b8a8e35-0c0c-4b59-9f4c-1e5d8a7c6b01.json" "$WORK/saas.json"
check_eq "it is imported into blue as soon as it lands, identified by its serverUUID" "blue server_uuid 451" \
  "$(sqlite3 "$DB_FILE" "SELECT g.name, h.identified_by, (SELECT COUNT(*) FROM software w WHERE w.server_id = s.id)
     FROM servers s JOIN groups g ON g.id = s.group_id JOIN vuls_hosts h ON h.server_id = s.id
     WHERE s.vuls_uuid = '2b8a8e35-0c0c-4b59-9f4c-1e5d8a7c6b01'" | tr '|' ' ')"
set +e
s3put "vuls/$RED/elsewhere/x.json" "$WORK/saas.json"
OUTSIDE=$?
set -e
check "a PutObject outside the results directory fails" test "$OUTSIDE" -ne 0
check "with AccessDenied" grep -q AccessDenied "$WORK/s3put.err"
check_eq "and imports nothing" 0 "$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM servers WHERE group_id = $RED AND name = 'saas-host'")"

# ---- the watched directory
jq '.serverName = "dropped"' "$SAMPLES/rhel_90.json" >"$WATCH/blue/dropped.json"
touch -d '-10 seconds' "$WATCH/blue/dropped.json"
for _ in $(seq 1 100); do [ -e "$WATCH/blue/imported/dropped.json" ] && break; sleep 0.1; done
check "a result dropped in <watch_dir>/blue/ is imported and moved to imported/" test -e "$WATCH/blue/imported/dropped.json"
check_eq "with its packages" "$(jq '.packages | length' "$SAMPLES/rhel_90.json")" \
  "$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM software w JOIN servers s ON s.id = w.server_id WHERE s.name = 'dropped'")"

# ---- linking: a Vuls host on the EC2 instance the group registered
start_emulator emu --fleet "$FLEET" --seed 3
AWS_SETTINGS=$(jq -n --arg e "http://127.0.0.1:$EMU_PORT" '{auth_type:"access_key", region:"us-east-1",
  access_key_id:"AKIAIOSFODNN7EXAMPLE", secret_access_key:"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", endpoint_url:$e}')
api PUT "/api/v1/groups/$BLUE/aws" "$AWS_SETTINGS" >/dev/null
EC2=$(api POST "/api/v1/groups/$BLUE/servers/ec2" '{"instance_ids":["i-0a1b2c3d4e5f60001"]}' | jq -r '.server_ids[0]')
jq '.serverName = "on-ec2" | .platform = {name: "aws", instanceID: "i-0a1b2c3d4e5f60001"}' "$SAMPLES/amazon_2023.json" >"$WORK/on-ec2.json"
VULS=$(kensa_cli import vuls --group blue "$WORK/on-ec2.json" | jq -r '.imported[0].server_id')
api GET "/api/v1/groups/$BLUE/servers" >"$WORK/linked.json"
check_eq "the EC2 server is also seen by the Vuls host" "$VULS vuls" \
  "$(jq -r --argjson id "$EC2" '.servers[] | select(.id == $id) | .also_seen_by[] | "\(.server_id) \(.kind)"' "$WORK/linked.json")"
check_eq "and the Vuls host by the EC2 server" "$EC2 ec2" \
  "$(jq -r --argjson id "$VULS" '.servers[] | select(.id == $id) | .also_seen_by[] | "\(.server_id) \(.kind)"' "$WORK/linked.json")"
check_eq "nothing is merged: the EC2 server has no Vuls software" 0 \
  "$(sqlite3 "$DB_FILE" "SELECT COUNT(*) FROM software WHERE server_id = $EC2")"

finish
