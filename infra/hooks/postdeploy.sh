#!/usr/bin/env sh
# azd postdeploy: subscribe the blob triggers to the storage account's BlobCreated events (see blob-subscriptions.bicep).
# The blobs_extension key appears shortly after the host first starts the deployed code: wait for it.
set -eu
for attempt in 1 2 3 4 5 6 7 8 9 10 11 12; do
  if az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query "systemKeys.blobs_extension" -o tsv | grep -q .; then
    break
  fi
  echo "Waiting for the blobs_extension key of $AZURE_FUNCTION_APP_NAME ($attempt/12)..."
  sleep 10
done
az deployment group create -g "$AZURE_RESOURCE_GROUP" -n blob-subscriptions \
  -f "$(dirname "$0")/blob-subscriptions.bicep" \
  -p functionAppName="$AZURE_FUNCTION_APP_NAME" systemTopicName="$AZURE_EVENTGRID_TOPIC" -o none
echo "Event Grid subscriptions of the blob triggers are in place."
