param name string
param location string
param tags object
@secure()
@description('Base64 key (≥ 32 bytes) that wraps the keys of personal data. Rotate it as docs/deploy.md says (the previous version stays readable meanwhile).')
param personalDataKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource personalDataKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'personal-data-key'
  properties: {
    value: personalDataKey
    contentType: 'base64'
  }
}

output id string = vault.id
output name string = vault.name
output personalDataKeyUri string = personalDataKeySecret.properties.secretUri
