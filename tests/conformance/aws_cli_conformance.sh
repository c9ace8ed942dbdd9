#!/usr/bin/env bash
# Drives kensa-aws-emulator --demo-fleet with Debian's aws CLI (/usr/bin/aws, awscli 2.x).
# Usage: aws_cli_conformance.sh [path/to/kensa-aws-emulator]
# Prints "N passed, M failed" and exits non-zero when anything failed.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
emulator="${1:-$repo/build/bin/kensa-aws-emulator}"
shared="$(cd "$repo/.." && pwd)/shared"
model="$shared/reference/aws-models/inspector2/2020-06-08/service-2.json"
AWS=/usr/bin/aws

if [[ ! -x "$AWS" ]]; then
    echo "aws_cli_conformance: /usr/bin/aws not found (apt-get install awscli)" >&2
    exit 1
fi
if [[ ! -f "$model" ]]; then
    echo "aws_cli_conformance: inspector2 model not found at $model (the shared reference dir" \
         "must sit next to the repository as ../shared)" >&2
    exit 1
fi
if [[ ! -x "$emulator" ]]; then
    echo "aws_cli_conformance: emulator binary not found: $emulator" >&2
    exit 1
fi
command -v jq > /dev/null || { echo "aws_cli_conformance: jq is required" >&2; exit 1; }

work="$(mktemp -d)"
emu_pid=""
cleanup() {
    if [[ -n "$emu_pid" ]]; then
        kill "$emu_pid" 2> /dev/null
        wait "$emu_pid" 2> /dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$emulator" --listen 127.0.0.1:0 --demo-fleet > "$work/emu.out" 2> "$work/emu.err" &
emu_pid=$!
for _ in $(seq 1 100); do
    [[ -s "$work/emu.out" ]] && break
    sleep 0.1
done
port="$(head -1 "$work/emu.out" | sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
if [[ -z "$port" ]]; then
    echo "aws_cli_conformance: emulator did not start" >&2
    cat "$work/emu.err" >&2
    exit 1
fi
endpoint="http://127.0.0.1:$port"

export HOME="$work/home"
mkdir -p "$HOME"
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE
cat > "$AWS_CONFIG_FILE" <<CFG
[default]
region = us-east-1
output = json
[profile wrongsecret]
region = us-east-1
output = json
[profile auditor]
region = us-east-1
output = json
CFG
cat > "$AWS_SHARED_CREDENTIALS_FILE" <<CRED
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
[wrongsecret]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = thisIsNotTheSecretAtAllEXAMPLEKEY0000000
[auditor]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
CRED
export AWS_PAGER="" AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard

"$AWS" configure add-model --service-model "file://$model" --service-name inspector2

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS $1"; }
ko() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }
check() {  # check NAME CONDITION-COMMAND...
    local name="$1"
    shift
    if "$@"; then ok "$name"; else ko "$name"; fi
}
aws_() { "$AWS" --endpoint-url "$endpoint" "$@"; }
# expect_error NAME CODE aws-args...: the call must fail and name CODE.
expect_error() {
    local name="$1" code="$2"
    shift 2
    local out
    if out="$(aws_ "$@" 2>&1)"; then
        ko "$name" "succeeded unexpectedly"
    elif grep -q "($code)" <<< "$out"; then
        ok "$name"
    else
        ko "$name" "$(tail -1 <<< "$out")"
    fi
}

# --- inspector2 ---
aws_ inspector2 list-findings --page-size 40 --max-items 60 > "$work/lf1.json" 2> "$work/err" \
    || ko "list-findings page 1" "$(cat "$work/err")"
n1="$(jq '.findings | length' "$work/lf1.json" 2> /dev/null || echo 0)"
tok="$(jq -r '.NextToken // empty' "$work/lf1.json" 2> /dev/null)"
check "list-findings returns 60 findings across 2 service pages" test "$n1" -eq 60
check "list-findings gives a continuation token" test -n "$tok"
aws_ inspector2 list-findings --page-size 40 --max-items 60 --starting-token "$tok" \
    > "$work/lf2.json" 2> /dev/null
check "list-findings resumes with --starting-token" \
    test "$(jq '.findings | length' "$work/lf2.json" 2> /dev/null || echo 0)" -gt 0
check "pages do not overlap" test -z "$(comm -12 \
    <(jq -r '.findings[].findingArn' "$work/lf1.json" | sort) \
    <(jq -r '.findings[].findingArn' "$work/lf2.json" | sort))"
check "findings carry inspector2 finding ARNs" \
    test "$(jq -r '.findings[0].findingArn' "$work/lf1.json" | cut -d: -f3)" = "inspector2"
aws_ inspector2 list-findings --filter-criteria \
    '{"resourceType":[{"comparison":"EQUALS","value":"AWS_LAMBDA_FUNCTION"}]}' \
    > "$work/lf3.json" 2> /dev/null
check "list-findings filter resourceType" test "$(jq '[.findings[].resources[0].type] | unique' \
    -c "$work/lf3.json")" = '["AWS_LAMBDA_FUNCTION"]'

aws_ inspector2 list-coverage > "$work/cov.json" 2> /dev/null
check "list-coverage lists EC2, ECR and Lambda" test "$(jq -c \
    '[.coveredResources[].resourceType] | unique' "$work/cov.json")" = \
    '["AWS_EC2_INSTANCE","AWS_ECR_CONTAINER_IMAGE","AWS_ECR_REPOSITORY","AWS_LAMBDA_FUNCTION"]'
check "batch-get-account-status ENABLED" test "$(aws_ inspector2 batch-get-account-status \
    | jq -r '.accounts[0].state.status')" = ENABLED

kms="arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
report="$(aws_ inspector2 create-sbom-export --report-format CYCLONEDX_1_4 \
    --s3-destination "bucketName=kensa-sbom-exports,keyPrefix=conformance,kmsKeyArn=$kms" \
    2> /dev/null | jq -r '.reportId // empty')"
check "create-sbom-export returns a reportId" \
    grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' <<< "$report"
status=""
for _ in $(seq 1 30); do
    status="$(aws_ inspector2 get-sbom-export --report-id "$report" 2> /dev/null | jq -r .status)"
    [[ "$status" == "IN_PROGRESS" ]] || break
    sleep 1
done
check "get-sbom-export reaches SUCCEEDED" test "$status" = SUCCEEDED

# --- lambda ---
aws_ lambda list-functions > "$work/fns.json" 2> /dev/null
check "lambda list-functions" test "$(jq '.Functions | length' "$work/fns.json")" -ge 5
check "lambda get-function by name" test "$(aws_ lambda get-function --function-name orders-api \
    2> /dev/null | jq -r .Configuration.FunctionArn)" = \
    "arn:aws:lambda:us-east-1:123456789012:function:orders-api"
expect_error "lambda get-function unknown -> ResourceNotFoundException" \
    ResourceNotFoundException lambda get-function --function-name does-not-exist

# --- sts ---
creds="$(aws_ sts assume-role --role-arn arn:aws:iam::123456789012:role/kensa-inspector \
    --role-session-name conformance --external-id kensa-demo-external-id 2> /dev/null)"
check "sts assume-role returns session credentials" \
    grep -q '^ASIA' <<< "$(jq -r '.Credentials.AccessKeyId' <<< "$creds")"
check "assumed role can call get-caller-identity" test "$(
    AWS_ACCESS_KEY_ID="$(jq -r .Credentials.AccessKeyId <<< "$creds")" \
    AWS_SECRET_ACCESS_KEY="$(jq -r .Credentials.SecretAccessKey <<< "$creds")" \
    AWS_SESSION_TOKEN="$(jq -r .Credentials.SessionToken <<< "$creds")" \
    aws_ sts get-caller-identity 2> /dev/null | jq -r .Arn)" = \
    "arn:aws:sts::123456789012:assumed-role/kensa-inspector/conformance"

# --- s3 ---
aws_ s3 ls --recursive "s3://kensa-sbom-exports/conformance/" > "$work/ls.txt" 2> /dev/null
check "s3 ls lists the export" grep -q "CYCLONEDX_1_4_outputs_$report/account=123456789012/" \
    "$work/ls.txt"
key="$(grep 'resource=AWS_EC2_INSTANCE' "$work/ls.txt" | head -1 | awk '{print $4}')"
aws_ s3 cp "s3://kensa-sbom-exports/$key" "$work/doc.json" > /dev/null 2>&1
check "s3 cp of an export document yields CycloneDX 1.4" \
    test "$(jq -r '.bomFormat + " " + .specVersion' "$work/doc.json" 2> /dev/null)" = \
    "CycloneDX 1.4"
aws_ s3 cp --recursive "s3://kensa-sbom-exports/conformance/" "$work/dl" > /dev/null 2>&1
check "s3 cp --recursive downloads every document" test "$(find "$work/dl" -name '*.json' | wc -l)" \
    -eq "$(wc -l < "$work/ls.txt")"

# --- failures: wrong secret ---
expect_error "wrong secret: inspector2 list-findings" InvalidSignatureException \
    --profile wrongsecret inspector2 list-findings
expect_error "wrong secret: list-coverage" InvalidSignatureException \
    --profile wrongsecret inspector2 list-coverage
expect_error "wrong secret: create-sbom-export" InvalidSignatureException \
    --profile wrongsecret inspector2 create-sbom-export --report-format SPDX_2_3 \
    --s3-destination "bucketName=kensa-sbom-exports,kmsKeyArn=$kms"
expect_error "wrong secret: get-sbom-export" InvalidSignatureException \
    --profile wrongsecret inspector2 get-sbom-export --report-id "$report"
expect_error "wrong secret: lambda list-functions" InvalidSignatureException \
    --profile wrongsecret lambda list-functions
expect_error "wrong secret: lambda get-function" InvalidSignatureException \
    --profile wrongsecret lambda get-function --function-name orders-api
expect_error "wrong secret: sts assume-role" SignatureDoesNotMatch \
    --profile wrongsecret sts assume-role --role-arn \
    arn:aws:iam::123456789012:role/kensa-inspector --role-session-name xx \
    --external-id kensa-demo-external-id
expect_error "wrong secret: s3api list-objects-v2" SignatureDoesNotMatch \
    --profile wrongsecret s3api list-objects-v2 --bucket kensa-sbom-exports
expect_error "wrong secret: s3api get-object" SignatureDoesNotMatch \
    --profile wrongsecret s3api get-object --bucket kensa-sbom-exports --key "$key" \
    "$work/x.json"

# --- failures: missing permission (demo user "auditor") ---
expect_error "no permission: list-findings" AccessDeniedException \
    --profile auditor inspector2 list-findings
expect_error "no permission: create-sbom-export" AccessDeniedException \
    --profile auditor inspector2 create-sbom-export --report-format SPDX_2_3 \
    --s3-destination "bucketName=kensa-sbom-exports,kmsKeyArn=$kms"
expect_error "no permission: get-sbom-export" AccessDeniedException \
    --profile auditor inspector2 get-sbom-export --report-id "$report"
expect_error "no permission: lambda list-functions" AccessDeniedException \
    --profile auditor lambda list-functions
expect_error "no permission: lambda get-function" AccessDeniedException \
    --profile auditor lambda get-function --function-name orders-api
expect_error "no permission: sts assume-role" AccessDenied \
    --profile auditor sts assume-role --role-arn \
    arn:aws:iam::123456789012:role/kensa-inspector --role-session-name xx \
    --external-id kensa-demo-external-id
expect_error "no permission: s3api get-object" AccessDenied \
    --profile auditor s3api get-object --bucket kensa-sbom-exports --key "$key" "$work/x.json"
out="$(aws_ --profile auditor inspector2 list-findings 2>&1)"
check "AccessDenied names the action" grep -q \
    "user/auditor is not authorized to perform: inspector2:ListFindings" <<< "$out"
check "auditor may still list-coverage" aws_ --profile auditor inspector2 list-coverage \
    --max-items 1 > /dev/null 2>&1

# --- failures: wrong external id ---
expect_error "wrong external id: sts assume-role" AccessDenied \
    sts assume-role --role-arn arn:aws:iam::123456789012:role/kensa-inspector \
    --role-session-name xx --external-id not-the-external-id

echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
