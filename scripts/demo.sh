#!/usr/bin/env bash
# `make demo`: kensa against kensa-aws-emulator's demo fleet, no AWS account needed.
#   1. starts kensa-aws-emulator --demo-fleet on 127.0.0.1:${KENSA_DEMO_AWS_PORT:-4566};
#   2. creates a fresh demo database in demo/ with a group "demo" whose AWS integration points at
#      the emulator (AWS's documented example keys, which the demo fleet accepts);
#   3. registers the fleet's EC2 instances but the last (left for the console's "Add EC2
#      instance" picker), a pseudo server with its Zip Lambda functions and the ECR images, and
#      runs a manual Inspector scan of each;
#   4. imports the shipped OSV advisories (data/advisories), turns on the Inspector SBOM export,
#      runs one bulk export (every package of every registered resource, R10) and matches the
#      software against the advisories;
#   5. creates the console login "admin" (a site administrator; the password is
#      $KENSA_DEMO_PASSWORD, else a random one, written to demo/password), runs `kensa serve` on
#      127.0.0.1:${KENSA_DEMO_PORT:-8080} with the console at /, and prints the URL, the login,
#      an API token and example calls. Ctrl-C stops kensa and the emulator.
# Set KENSA_DEMO_NO_SERVE=1 to stop after step 4 (used by scripts and tests), and
# KENSA_DEMO_SBOM=off to leave the SBOM export off (the console's browser story turns it on).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${KENSA_BIN_DIR:-$root/build/bin}
demo=${KENSA_DEMO_DIR:-$root/demo}
aws_port=${KENSA_DEMO_AWS_PORT:-4566}
port=${KENSA_DEMO_PORT:-8080}
for b in kensa kensa-aws-emulator; do
  [ -x "$bin/$b" ] || { echo "demo: $bin/$b not built; run make first" >&2; exit 1; }
done
rm -rf "$demo"
mkdir -p "$demo"
export KENSA_DB="sqlite:$demo/kensa.db"
export KENSA_MASTER_KEY_FILE="$demo/master.key"
# The emulator is a custom endpoint on loopback: the operator allows it by name.
export KENSA_AWS_ENDPOINT_ALLOWLIST="127.0.0.1:$aws_port"
kensa() { "$bin/kensa" "$@"; }

"$bin/kensa-aws-emulator" --listen "127.0.0.1:$aws_port" --demo-fleet >"$demo/emulator.out" 2>"$demo/emulator.log" &
emu_pid=$!
trap 'kill $emu_pid 2>/dev/null || true; wait $emu_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^listening on' "$demo/emulator.out" 2>/dev/null && break
  sleep 0.1
done
grep -q '^listening on' "$demo/emulator.out" || { cat "$demo/emulator.log" >&2; exit 1; }
endpoint="http://127.0.0.1:$aws_port"
echo "kensa-aws-emulator (demo fleet, account 123456789012, us-east-1) on $endpoint"

kensa group create demo --timezone UTC >/dev/null
KENSA_AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' kensa group aws-set demo --auth access_key \
  --region us-east-1 --access-key-id AKIAIOSFODNN7EXAMPLE --endpoint-url "$endpoint" >/dev/null
kensa group aws-test demo | jq -c '{ok, arn, missing}'

instances=$(kensa server ec2-candidates demo | jq -r '.[].instance_id' | head -n -1)
kensa server add-ec2 demo $instances >/dev/null
pseudo=$(kensa server add-pseudo demo lambda-functions | jq -r .server_id)
functions=$(kensa server lambda-candidates demo | jq -r '.[] | select(.registrable) | .name')
kensa server add-lambda "$pseudo" $functions | jq -c '.[] | {arn, runtime_supported, message}'
kensa server add-ecr demo --registry 123456789012 --repository web-frontend --tag latest >/dev/null
kensa server add-ecr demo --registry 123456789012 --repository payments-api --tag prod >/dev/null
kensa scan group demo | jq -c '.[] | {server_id, status, findings_seen, tasks_created}'
kensa advisories import "$root/data/advisories" | jq -c '{records, inserted, errors: (.errors | length)}'
export KENSA_SBOM_POLL_MS=${KENSA_SBOM_POLL_MS:-500}
if [ "${KENSA_DEMO_SBOM:-on}" != off ]; then
  kensa sbom settings --group demo --enable --bucket kensa-sbom-exports \
    --kms-key-arn arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | jq -c .
  kensa sbom export --group demo | jq -c '{status, resources_imported, resources_skipped, components_imported, tasks_created}'
fi
kensa advisories match --group demo | jq -c '{status, tasks_created}'
# An application's own SBOM (CycloneDX 1.4, CC0: tests/data/sbom-formats), for the licenses.
app=$(kensa server add-sbom demo laravel-app | jq -r .server_id)
kensa import sbom --server "$app" "$root/tests/data/sbom-formats/cyclonedx-1.4-laravel.json" |
  jq -c '.imported[] | {server_id, format, spec_version, components, software}'
umask 077  # the token and the password files are the operator's alone
token=$(kensa user token demo-admin --admin | jq -r .token)
echo "$token" >"$demo/token"
password=${KENSA_DEMO_PASSWORD:-$(head -c 15 /dev/urandom | base64 | tr -d '/+=')}
printf '%s\n' "$password" >"$demo/password"
printf '%s\n' "$password" | kensa user create admin --site-admin --password-stdin >/dev/null
echo "open tasks: $(kensa task list demo --status NEW | jq length)"

if [ "${KENSA_DEMO_NO_SERVE:-}" = 1 ]; then
  exit 0
fi
cat <<EOT

kensa is starting on http://127.0.0.1:$port
  Console:   http://127.0.0.1:$port/   log in as admin with the password $password
             (also in $demo/password)
  API token: in $demo/token
  curl -s -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/groups | jq
  curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/groups/1/tasks?status=NEW&limit=5" | jq
  curl -s -H "Authorization: Bearer $token" http://127.0.0.1:$port/metrics | head
Stop with Ctrl-C.
EOT
kensa serve --listen "127.0.0.1:$port"
