#!/usr/bin/env bash
# Issue 5 acceptance: 20,000 findings across 50 servers scan without error with 10% of
# ListFindings calls throttled. The fleet is synthetic: 50 instances x 400 vulnerable packages.
#   usage: inspector_scale_test.sh KENSA_BINARY EMULATOR_BINARY
KENSA=$1
EMULATOR=$2
source "$(dirname "$0")/lib.sh"

python3 - "$WORK/fleet.json" <<'PY'
import json, sys
instances, packages = 50, 400
fleet = {
    "settings": {"region": "us-east-1"},
    "accounts": [{"id": "123456789012", "region": "us-east-1"}],
    "users": [{"name": "kensa-demo", "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
               "secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
               "actions": ["inspector2:*", "lambda:*", "sts:*"]}],
    "ec2Instances": [{"instanceId": "i-%017x" % (0xa000 + i), "name": "scale-%02d" % i,
                      "platform": "AMAZON_LINUX_2023",
                      "software": [{"name": "pkg-%03d" % p, "version": "1.0", "release": "1.amzn2023",
                                    "epoch": 0, "arch": "X86_64", "packageManager": "OS"}
                                   for p in range(packages)]}
                     for i in range(instances)],
    "vulnerabilities": [{"id": "CVE-2099-%04d" % p, "package": "pkg-%03d" % p, "packageManager": "OS",
                         "ranges": [{"introduced": "0", "fixed": "2.0-1.amzn2023"}], "severity": "HIGH",
                         "title": "CVE-2099-%04d - pkg-%03d" % (p, p)}
                        for p in range(packages)],
    "faults": {"inspector2:ListFindings": {"throttleRate": 0.10}},
}
json.dump(fleet, open(sys.argv[1], "w"))
PY
start_emulator emu --fleet "$WORK/fleet.json" --seed 11
check_eq "the fleet has 20,000 active findings" 20000 "$(emu GET /_emulator/fleet | jq .findings.ACTIVE)"

DB_FILE="$WORK/kensa.db"
DB="sqlite:$DB_FILE"
GROUP=$(kensa_cli group create scale | jq -r .id)
KENSA_AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' kensa_cli group aws-set scale \
  --auth access_key --region us-east-1 --access-key-id AKIAIOSFODNN7EXAMPLE \
  --endpoint-url "http://127.0.0.1:$EMU_PORT" >/dev/null
IDS=$(emu GET /_emulator/fleet | jq -r '.resources[] | select(.resourceType=="AWS_EC2_INSTANCE") | .resourceId')
kensa_cli server add-ec2 scale $IDS >/dev/null
check_eq "50 servers registered" 50 "$(kensa_cli server list scale | jq length)"

kensa_cli scan group scale >"$WORK/runs.json" || true
check_eq "50 scan runs" 50 "$(jq length "$WORK/runs.json")"
check_eq "every scan run succeeded despite throttling" 0 "$(jq '[.[] | select(.status != "succeeded")] | length' "$WORK/runs.json")"
check_eq "20,000 findings were read" 20000 "$(jq '[.[].findings_seen] | add' "$WORK/runs.json")"
check_eq "20,000 tasks exist" 20000 "$(sqlite3 "$DB_FILE" 'select count(*) from tasks')"
throttled=$(emu GET /_emulator/faults | jq '."inspector2:ListFindings".injected')
check "the emulator really throttled ListFindings ($throttled times)" test "$throttled" -ge 10

finish
