#!/usr/bin/env bash
# Command 2: every test. Unit, integration on Azurite and end-to-end through the local runtime; the tests
# start their own Azurite on free loopback ports and stop it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
log=$(mktemp)
status=0
dotnet test Serverless.sln -c "${CONFIGURATION:-Debug}" --no-build -nologo 2>&1 | tee "$log" || status=$?
sum() { grep -oE "$1: +[0-9]+" "$log" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
echo "tests: $(sum Passed) passed, $(sum Failed) failed"
rm -f "$log"
exit $status
