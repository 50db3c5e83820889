#!/usr/bin/env bash
# Command 1: set up and run the whole product locally — Azurite (data in .azurite/) and the local runtime.
#   CREDIT_PORT   HTTP port of the functions (default 7071, as `func start`)
#   AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT   Azurite's ports (default 10000, 10001, 10002)
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${CREDIT_PORT:-7071}"
blob="${AZURITE_BLOB_PORT:-10000}" queue="${AZURITE_QUEUE_PORT:-10001}" table="${AZURITE_TABLE_PORT:-10002}"

in_use() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for check in "$port CREDIT_PORT" "$blob AZURITE_BLOB_PORT" "$queue AZURITE_QUEUE_PORT" "$table AZURITE_TABLE_PORT"; do
  set -- $check
  if in_use "$1"; then
    echo "Port $1 is in use (another Credit runtime or Azurite still running?): stop it, or choose another port with $2=<port> scripts/start.sh" >&2
    exit 1
  fi
done

scripts/setup.sh

mkdir -p .azurite
node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --location .azurite \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" &
azurite=$!
runtime=""
trap 'kill $runtime $azurite 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
deadline=$((SECONDS + 60))
for p in "$blob" "$queue" "$table"; do
  until in_use "$p"; do
    if ! kill -0 "$azurite" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "Azurite did not start listening on 127.0.0.1:$p within 60 s (see the lines above; node_modules/.bin/azurite --help)." >&2
      exit 1
    fi
    sleep 0.2
  done
done

# The runtime reads functions/local.settings.json (AzureWebJobsStorage: Azurite on its default ports); other ports override it.
[ "$blob:$queue:$table" = "10000:10001:10002" ] || export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
runtime_dll=local-runtime/bin/${CONFIGURATION:-Debug}/net10.0/Credit.LocalRuntime.dll
cat <<EOT

  Credit system: http://localhost:$port/api   (Azurite on 127.0.0.1:$blob-$table, data in .azurite/)

  Register a department and get its API key (in another terminal):
    dotnet $runtime_dll department add --code 11110000000021135M --name 北京市市场监督管理局
  Upload a sample and read its report:
    curl -X PUT -H "X-Api-Key: <key>" --data-binary @samples/penalties.csv http://localhost:$port/api/uploads/11110000000021135M/penalties.csv
    curl -H "X-Api-Key: <key>" http://localhost:$port/api/uploads/11110000000021135M/penalties.csv
  Health: curl http://localhost:$port/api/health      Admin commands: dotnet $runtime_dll --help

EOT
Runtime__Port="$port" dotnet "$runtime_dll" &
runtime=$!
wait $runtime
