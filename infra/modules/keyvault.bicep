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

// Wraps the data keys and the lookup key (wrapKey/unwrapKey in the vault; the key never leaves it). A new version
// each year; the versions before stay enabled, so what they wrapped still opens until a rotation wraps it again.
resource personalDataWrappingKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'personal-data-wrapping'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: ['wrapKey', 'unwrapKey']
    rotationPolicy: {
      lifetimeActions: [
        { trigger: { timeAfterCreate: 'P1Y' }, action: { type: 'rotate' } }
      ]
    }
  }
}

output id string = vault.id
output name string = vault.name
output personalDataKeyUri string = personalDataKeySecret.properties.secretUri
output personalDataWrappingKeyUri string = personalDataWrappingKey.properties.keyUri
