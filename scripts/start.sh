#!/usr/bin/env bash
# Command 1: set up and run the whole product locally — Azurite (data in .azurite/) and the local runtime.
#   CREDIT_PORT   HTTP port of the functions (default 7071, as `func start`)
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${CREDIT_PORT:-7071}"

scripts/setup.sh

mkdir -p .azurite
node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --location .azurite \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
azurite=$!
runtime=""
trap 'kill $runtime $azurite 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
for p in 10000 10001 10002; do
  until (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null; do sleep 0.2; done
done

runtime_dll=local-runtime/bin/${CONFIGURATION:-Debug}/net10.0/Credit.LocalRuntime.dll
cat <<EOT

  Credit system: http://localhost:$port/api   (Azurite on 127.0.0.1:10000-10002, data in .azurite/)

  Register a department and get its API key (in another terminal):
    dotnet $runtime_dll department add --code 11110000000021135M --name 北京市市场监督管理局
  Upload a sample and read its report:
    curl -X PUT -H "X-Api-Key: <key>" --data-binary @samples/penalties.csv http://localhost:$port/api/uploads/11110000000021135M/penalties.csv
    curl -H "X-Api-Key: <key>" http://localhost:$port/api/uploads/11110000000021135M/penalties.csv

EOT
dotnet "$runtime_dll" --Runtime:Port="$port" &
runtime=$!
wait $runtime
