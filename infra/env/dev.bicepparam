using '../main.bicep'

// A developer's environment in global Azure: Flex Consumption, LRS storage, Service Bus Standard.
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'credit-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastasia')
param profile = 'dev'
param departments = ['11110000000021135M']
param personalDataKey = readEnvironmentVariable('PERSONAL_DATA_KEY', '')
param reporterKey = readEnvironmentVariable('REPORTER_KEY', '')
