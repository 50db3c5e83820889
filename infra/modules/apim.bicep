// The public query API (信用北京 lookups, published lists, daily files, report verification: /api/public/*) behind API Management: a limit per client address at the
// edge, so a flood never reaches the function app; the app's own limiter stays as the second line. API Management,
// not Front Door's WAF: it exists in both clouds (Front Door is not offered by 21Vianet), and its rate-limit-by-key
// policy is in every tier but Consumption (which Azure China lacks anyway): Basic v2 in global Azure, classic Basic
// in Azure China, where the v2 tiers are not offered.
param name string
param location string
param tags object
@allowed(['BasicV2', 'Basic', 'StandardV2', 'Standard'])
param sku string
param publisherEmail string
param publisherName string
@description('The function app\'s public API, e.g. https://func-credit-x.azurewebsites.net/api/public.')
param backendUrl string
@description('Requests a client address may make per minute at the edge.')
param permitsPerMinute int

resource service 'Microsoft.ApiManagement/service@2022-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    capacity: 1
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

resource publicApi 'Microsoft.ApiManagement/service/apis@2022-08-01' = {
  parent: service
  name: 'credit-public'
  properties: {
    displayName: 'Public credit query'
    path: 'public'
    protocols: ['https']
    serviceUrl: backendUrl
    subscriptionRequired: false
  }
}

resource search 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = {
  parent: publicApi
  name: 'search'
  properties: {
    displayName: 'Search records by subject name or code'
    method: 'GET'
    urlTemplate: '/search'
  }
}

resource subject 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = {
  parent: publicApi
  name: 'subject'
  properties: {
    displayName: 'A subject\'s public records'
    method: 'GET'
    urlTemplate: '/subjects/{code}'
    templateParameters: [
      {
        name: 'code'
        type: 'string'
        required: true
      }
    ]
  }
}

resource lists 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = {
  parent: publicApi
  name: 'lists'
  properties: {
    displayName: 'The published red or black list'
    method: 'GET'
    urlTemplate: '/lists/{type}'
    templateParameters: [
      {
        name: 'type'
        type: 'string'
        required: true
      }
    ]
  }
}

resource files 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = {
  parent: publicApi
  name: 'files'
  properties: {
    displayName: 'The daily files of published records of a month'
    method: 'GET'
    urlTemplate: '/files'
  }
}

resource file 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = {
  parent: publicApi
  name: 'file'
  properties: {
    displayName: 'One daily file of published records'
    method: 'GET'
    urlTemplate: '/files/daily/{day}/{name}'
    templateParameters: [
      {
        name: 'day'
        type: 'string'
        required: true
      }
      {
        name: 'name'
        type: 'string'
        required: true
      }
    ]
  }
}

resource verification 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = {
  parent: publicApi
  name: 'report-verification'
  properties: {
    displayName: 'Verifies a credit report by its id'
    method: 'GET'
    urlTemplate: '/reports/{id}/verification'
    templateParameters: [
      {
        name: 'id'
        type: 'string'
        required: true
      }
    ]
  }
}

resource signingKey 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = {
  parent: publicApi
  name: 'report-signing-key'
  properties: {
    displayName: 'The public key that signs credit reports'
    method: 'GET'
    urlTemplate: '/reports/signing-key'
  }
}

// Counted by the address the edge sees; a 429 carries Retry-After and API Management's own body, which repeats nothing the client sent.
resource limit 'Microsoft.ApiManagement/service/apis/policies@2022-08-01' = {
  parent: publicApi
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: '<policies><inbound><base /><rate-limit-by-key calls="${permitsPerMinute}" renewal-period="60" counter-key="@(context.Request.IpAddress)" /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>'
  }
}

output gatewayUrl string = service.properties.gatewayUrl
