// Second deployment, run by azd's postdeploy hook (infra/hooks/postdeploy.sh): one Event Grid subscription per
// blob trigger, delivering BlobCreated of its container to the Functions blobs-extension webhook. It cannot be
// part of infra/main.bicep: the webhook needs the extension's system key, which the host creates only when the
// deployed code registers a blob trigger, so on a first `azd up` it does not exist at provision time.
@description('The function app (output AZURE_FUNCTION_APP_NAME).')
param functionAppName string
@description('The storage account\'s system topic (output AZURE_EVENTGRID_TOPIC).')
param systemTopicName string

@description('Every blob trigger of the app and the container it watches; a test checks this against the code.')
var blobTriggers = loadJsonContent('../blob-triggers.json')

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// sites/host has no typed resource in Bicep; its keys are read by resource id.
var blobsExtensionKey = listKeys('${app.id}/host/default', app.apiVersion).systemKeys.blobs_extension

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource subscriptions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [
  for trigger in blobTriggers: {
    parent: topic
    name: 'blob-${toLower(trigger.function)}'
    properties: {
      destination: {
        endpointType: 'WebHook'
        properties: {
          endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${trigger.function}&code=${blobsExtensionKey}'
        }
      }
      filter: {
        includedEventTypes: ['Microsoft.Storage.BlobCreated']
        subjectBeginsWith: '/blobServices/default/containers/${trigger.container}/'
      }
      eventDeliverySchema: 'EventGridSchema'
      // A day of retries covers a cold start or a redeployment; a blob created meanwhile is not lost.
      retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }
    }
  }
]
