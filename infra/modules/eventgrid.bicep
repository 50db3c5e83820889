param name string
param location string
param tags object
@description('The storage account whose BlobCreated events start the blob triggers.')
param storageAccountName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

// The event subscriptions to it need the function app's blobs_extension key, which exists only once the code
// is deployed: infra/hooks/blob-subscriptions.bicep, run by azd's postdeploy hook, creates them.
resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
