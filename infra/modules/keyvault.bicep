param name string
param location string
param tags object
@secure()
@description('Base64 key (≥ 32 bytes) that wraps the keys of personal data. Rotate it as docs/deploy.md says (the previous version stays readable meanwhile).')
param personalDataKey string
@secure()
@description('Base64 key (≥ 32 bytes) that wraps the keys of reporters\' identities (失信举报), apart from the personal-data key.')
param reporterKey string

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

resource reporterKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'reporter-key'
  properties: {
    value: reporterKey
    contentType: 'base64'
  }
}

// Wraps the reporter key ring only: whoever may unwrap the personal-data keys still cannot read who reported.
resource reporterWrappingKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'reporter-wrapping'
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
output reporterKeyUri string = reporterKeySecret.properties.secretUri
output reporterWrappingKeyUri string = reporterWrappingKey.properties.keyUri
