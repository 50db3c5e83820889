// The public query API (信用北京 lookups, /api/public/*) behind API Management: a limit per client address at the
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
