param name string
param location string
param tags object
@description('Topics and subscriptions need the Standard tier or above.')
param skuName string
@description('统一社会信用代码 of every implementing department: one subscription each, filtered on the department property.')
param departments array

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: { name: skuName, tier: skuName }
  properties: {
    minimumTlsVersion: '1.2'
    disableLocalAuth: true
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: namespace
  name: 'joint-cases'
  properties: {
    defaultMessageTimeToLive: 'P14D'
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P1D'
  }
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = [
  for department in departments: {
    parent: topic
    name: department
    properties: {
      // SessionId = case id: a department's session receiver gets one case's notices in the order they were sent.
      // (A subscription cannot be switched to sessions after creation: recreate it.)
      requiresSession: true
      deadLetteringOnMessageExpiration: true
      deadLetteringOnFilterEvaluationExceptions: true
      maxDeliveryCount: 10
      lockDuration: 'PT1M'
    }
  }
]

resource filters 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2022-10-01-preview' = [
  for (department, i) in departments: {
    parent: subscriptions[i]
    name: 'department'
    properties: {
      filterType: 'SqlFilter'
      sqlFilter: { sqlExpression: 'department = \'${department}\'' }
    }
  }
]

output id string = namespace.id
// serviceBusEndpoint is https://{name}.servicebus.windows.net:443/ (servicebus.chinacloudapi.cn in Azure China).
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
