#!/usr/bin/env bash
# Command 2: every test. Unit, integration on Azurite, end-to-end through the local runtime and in headless
# chromium; the tests start their own Azurite on free loopback ports and stop it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# The browser tests drive Debian's chromium (Playwright downloads no browser here); a CJK font makes the
# screenshots of the zh-CN pages readable.
if ! command -v chromium >/dev/null || [ ! -d /usr/share/fonts/opentype/noto ]; then
  echo "Installing chromium and fonts-noto-cjk from Debian packages for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
log=$(mktemp)
results=$(mktemp -d)
status=0
rm -rf TestResults/id-scan TestResults/schema-check
dotnet test Serverless.sln -c "${CONFIGURATION:-Debug}" --no-build -nologo --logger "trx;LogFileName=results.trx" --results-directory "$results" 2>&1 | tee "$log" || status=$?
sum() { grep -oE "$1: +[0-9]+" "$log" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
# The hostile-input suite (issue 13): how many malformed inputs this run tried, and how many were answered as they must be.
hostile() { cat "$results"/*.trx 2>/dev/null | grep -oE "<UnitTestResult [^>]*testName=\"Credit\.Tests\.Hostile\.[A-Za-z]+\.A_[^\"]*\"[^>]*outcome=\"$1\"" | wc -l; }
echo "hostile inputs: $(hostile Passed) refused as they must be, $(hostile Failed) not"
# The full-ID scan (issue 16): every response, runtime log line and peeked notice the tests saw, searched for a
# valid resident ID number outside the audited identity endpoint and a person's own /api/me.
scanned=$(cat TestResults/id-scan/scanned-*.txt 2>/dev/null | awk -F'\t' '{ s[$1] += $2 } END { for (k in s) printf "%s%d %s", (n++ ? ", " : ""), s[k], k }' || true)
findings=$( (cat TestResults/id-scan/findings-*.txt 2>/dev/null || true) | wc -l)
echo "full ID numbers: ${findings} found in outputs scanned (${scanned:-none})"
if [ "$findings" -gt 0 ]; then
  cat TestResults/id-scan/findings-*.txt
  status=1
fi
# The response schema check (issue 16): every successful JSON response the tests received, checked against the type
# its operation declares in the OpenAPI document.
count() { cat TestResults/schema-check/checked-*.txt 2>/dev/null | awk -F'\t' -v k="$1" '$1 == k { s += $2 } END { print s + 0 }' || true; }
mismatches=$( (cat TestResults/schema-check/findings-*.txt 2>/dev/null || true) | wc -l)
echo "response schemas: $(count typed) typed responses checked, ${mismatches} not as declared; $(count untyped) of a route or status the document gives no type"
if [ "$mismatches" -gt 0 ]; then
  cat TestResults/schema-check/findings-*.txt
  status=1
fi
# The names of the failed tests last, so that the tail of a long log says which failed.
cat "$results"/*.trx 2>/dev/null | grep -oE '<UnitTestResult [^>]*outcome="Failed"' | grep -oE 'testName="[^"]*"' | sed -E 's/testName="(.*)"/failed: \1/' || true
echo "tests: $(sum Passed) passed, $(sum Failed) failed"
rm -rf "$log" "$results"
exit $status
