param name string
param planName string
param location string
param tags object
@allowed(['FlexConsumption', 'ElasticPremium'])
@description('Flex Consumption where offered (global Azure); Elastic Premium in Azure China, which has no Flex Consumption.')
param hostingPlan string
@description('Upper bound of instances the plan scales out to.')
param maximumInstanceCount int
param identityId string
param identityClientId string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
@description('Blob container that holds the deployment package (Flex Consumption).')
param deploymentContainer string
param applicationInsightsConnectionString string
param serviceBusNamespace string
param personalDataKeyUri string
param reporterKeyUri string
param reporterWrappingKeyUri string
@description('The Key Vault key that wraps the keys of personal data.')
param personalDataWrappingKeyUri string
@description('While the personal-data key is rotated: the Key Vault URI of its previous version (docs/deploy.md "Rotating keys"); empty otherwise.')
param previousPersonalDataKeyUri string = ''
@description('The product\'s own settings (Intake__*, …): the same names local.settings.json.example uses.')
param productSettings object

var flex = hostingPlan == 'FlexConsumption'

// Identity-based connections only: no account key or secret-bearing connection string in any setting.
var identitySettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  ServiceBus__fullyQualifiedNamespace: serviceBusNamespace
  ServiceBus__credential: 'managedidentity'
  ServiceBus__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Credit__PersonalDataKey: '@Microsoft.KeyVault(SecretUri=${personalDataKeyUri})'
  Credit__PreviousPersonalDataKey: empty(previousPersonalDataKeyUri) ? '' : '@Microsoft.KeyVault(SecretUri=${previousPersonalDataKeyUri})'
  Credit__ReporterKey: '@Microsoft.KeyVault(SecretUri=${reporterKeyUri})'
  KeyVault__keyUri: personalDataWrappingKeyUri
  KeyVault__reporterKeyUri: reporterWrappingKeyUri
  KeyVault__credential: 'managedidentity'
  KeyVault__clientId: identityClientId
}

// Flex Consumption declares runtime and version in functionAppConfig; Elastic Premium in settings and linuxFxVersion.
var premiumSettings = flex ? {} : {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_RUN_FROM_PACKAGE: '${blobEndpoint}${deploymentContainer}/app.zip'
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: flex ? 'functionapp' : 'elastic'
  sku: flex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: flex ? null : maximumInstanceCount
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      linuxFxVersion: flex ? null : 'DOTNET-ISOLATED|10.0'
      appSettings: [for setting in items(union(identitySettings, premiumSettings, productSettings)): { name: setting.key, value: string(setting.value) }]
    }
    functionAppConfig: flex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${blobEndpoint}${deploymentContainer}'
              authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
            }
          }
          scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: 2048 }
          runtime: { name: 'dotnet-isolated', version: '10.0' }
        }
      : null
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
