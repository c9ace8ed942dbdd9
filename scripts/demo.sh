#!/usr/bin/env bash
# Placeholder until the demo lands. `make demo` will:
#   1. start kensa-aws-emulator on 127.0.0.1 with its --demo-fleet (Inspector findings,
#      SBOM exports, Lambda functions) so nothing touches real AWS;
#   2. create a demo SQLite database (kensa demo) pointed at the emulator through
#      AWS_ENDPOINT_URL;
#   3. run `kensa serve --db sqlite:... --listen 127.0.0.1:8080` and print the console URL
#      and a demo login, stopping the emulator when kensa exits.
set -euo pipefail
echo "make demo: not implemented yet (scripts/demo.sh is a placeholder; see its header)." >&2
exit 2
