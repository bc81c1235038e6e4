#!/usr/bin/env sh
# azd postdeploy hook: once the code is deployed (so the webhook answers Event Grid's validation),
# subscribe the blob trigger's webhook to BlobCreated events of the posts container.
set -eu
: "${AZURE_RESOURCE_GROUP:?run through azd}" "${AZURE_FUNCTION_APP_NAME:?}" "${AZURE_FUNCTION_APP_HOSTNAME:?}" \
  "${AZURE_EVENT_GRID_TOPIC_NAME:?}" "${AZURE_POSTS_CONTAINER:?}"

key=""
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  # The blobs_extension system key exists once the host has loaded the blob extension.
  key=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "Waiting for the Function App's blobs_extension key ($attempt/10)..."
  sleep 15
done
[ -n "$key" ] || { echo "No blobs_extension key on $AZURE_FUNCTION_APP_NAME; is the app running?" >&2; exit 1; }

url="https://${AZURE_FUNCTION_APP_HOSTNAME}/runtime/webhooks/blobs?functionName=Host.Functions.IngestPostEventGrid&code=${key}"
az deployment group create -g "$AZURE_RESOURCE_GROUP" --name archive-blob-events \
  --template-file "$(dirname "$0")/../app/blob-events-subscription.bicep" \
  --parameters topicName="$AZURE_EVENT_GRID_TOPIC_NAME" postsContainerName="$AZURE_POSTS_CONTAINER" webhookUrl="$url" \
  --output none
echo "Blob events of '$AZURE_POSTS_CONTAINER' now reach $AZURE_FUNCTION_APP_NAME."
