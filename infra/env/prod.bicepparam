using '../main.bicep'

// Production in Azure China (21Vianet), so that Beijing's personal data stays in China.
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'credit-prod')
param location = 'chinanorth3'
param profile = 'prod'
param hostingPlan = 'ElasticPremium'
// One subscription per implementing department (统一社会信用代码); add a department here and redeploy.
param departments = [
  '11110000000021135M'
]
param personalDataKey = readEnvironmentVariable('PERSONAL_DATA_KEY', '')
param reporterKey = readEnvironmentVariable('REPORTER_KEY', '')
