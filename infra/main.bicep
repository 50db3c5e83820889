targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Region. Beijing\'s personal data stays in China (个人信息保护法 Art. 36): in Azure China use chinanorth3 or chinaeast3.')
param location string

@allowed(['dev', 'prod'])
param profile string = 'dev'

@allowed(['FlexConsumption', 'ElasticPremium'])
@description('Flex Consumption in global Azure; Azure China (21Vianet) has no Flex Consumption, so Elastic Premium there.')
param hostingPlan string = environment().name == 'AzureChinaCloud' ? 'ElasticPremium' : 'FlexConsumption'

@description('统一社会信用代码 of the implementing departments: one Service Bus subscription each on topic joint-cases.')
param departments array = []

@secure()
@description('Base64 key of at least 32 bytes that wraps the keys of personal data where no Key Vault key does (azd env set PERSONAL_DATA_KEY …).')
param personalDataKey string

@secure()
@description('Base64 key of at least 32 bytes that wraps the keys of reporters\' identities (失信举报) where no Key Vault key does; never the personal-data key (azd env set REPORTER_KEY …).')
param reporterKey string

@description('While the personal-data key is rotated: the Key Vault version of the secret personal-data-key before the new value (docs/deploy.md "Rotating keys"); empty otherwise.')
param previousPersonalDataKeyVersion string = ''

@description('Intake settings; the same names as functions/local.settings.json.example.')
param intakeDisclosureWorkingDays int = 7
param intakeChunkRows int = 5000
@description('The largest amount accepted, in 万元 (a larger one is an error in the file).')
param intakeMaxAmount int = 10000000

@description('CRON (with seconds) of the disclosure run.')
param disclosureSchedule string = '0 */15 * * * *'

@description('CRON (UTC) of the runs that end expired list entries and raise case deadlines: 00:05 and 00:15 Beijing time.')
param expirySchedule string = '0 5 16 * * *'
param deadlineSchedule string = '0 15 16 * * *'

@description('Time limits of joint cases, in working days: feedback, the reminder before it, lift acknowledgement.')
param caseWorkingDays object = { feedback: 5, reminderBefore: 1, lift: 5 }

@description('Months before a red-list entry in which the subject may have had no serious penalty (the 诚信典型 criterion).')
param redListCleanRecordMonths int = 36

@description('Remedies: decision limits in working days; the months a list entry stands before repair where its catalogue item cannot be found (each item of the catalogue of acts sets its own).')
param remedies object = {
  objectionDecision: 5
  repairDecision: 10
  reminderBefore: 1
  listMinimumMonths: 12
}

@description('Reports of dishonesty (失信举报): working days to triage and to decide, and the evidence files a report may carry.')
param dishonestyReports object = {
  triage: 5
  decision: 15
  maxEvidenceFiles: 10
  reminderBefore: 2
}

@description('Complaints of governments\' breaches (政府违约失信投诉): working days for the office to decide, and the reminder before.')
param governmentComplaints object = {
  decision: 15
  reminderBefore: 2
}

@description('CRON (UTC) of the statistics run (00:30 Beijing time), and the thresholds below which the monthly notice names a department.')
param statisticsSchedule string = '0 30 16 * * *'

@description('CRON (UTC) of the daily purge (00:45 Beijing time), the days a finished durable instance\'s history is kept, and the years a record\'s personal data is kept after it left public view (docs/personal-data.md).')
param purgeSchedule string = '0 45 16 * * *'
param durableRetentionDays int = 90
param personalDataRetentionYears int = 5
@description('The public query API\'s edge (modules/apim.bicep): its tier, and who publishes it.')
param edgeSku string = environment().name == 'AzureChinaCloud' ? 'Basic' : 'BasicV2'
param edgePublisherEmail string = 'credit-platform@beijing.gov.cn'
param edgePublisherName string = '北京市社会信用体系建设联席会议办公室'
@description('Requests per minute one client address may make to the public query at the edge; the app limits again (PublicApi__PermitsPerMinute).')
param edgePermitsPerMinute int = 60

@description('CRON (UTC) of the signal drain (every 30 seconds) and of the daily reconciliation of cases and remedies with their orchestrations (01:00 Beijing time).')
param signalDrainSchedule string = '*/30 * * * * *'
param reconcileSchedule string = '0 0 17 * * *'
@description('CRON (UTC) of the evaluation run (信用评价 of the subjects whose items changed: every minute) and of the rebuild after the model changes (01:20 Beijing time).')
param evaluationSchedule string = '0 * * * * *'
param evaluationRebuildSchedule string = '0 20 17 * * *'
@description('双随机 by credit grade: the share of each grade a plan draws, and the months an inspected subject is left out.')
param sampling object = { ratioA: '0.03', ratioB: '0.05', ratioC: '0.10', ratioD: '0.20', excludeInspectedWithinMonths: 12 }
@description('CRON (UTC) of the pull of exchange sources that publish their file at a URL.')
param exchangePullSchedule string = '0 10 17 * * *'
@description('CRON (UTC) of the daily export to the target platforms (02:30 Beijing time), the targets (source codes, comma-separated) and the working days of acknowledgement and of sharing (共享及时率).')
param exchangeExportSchedule string = '0 30 18 * * *'
param exchange object = { targets: 'NATIONAL', ackWorkingDays: 3, shareWorkingDays: 1 }
param supervision object = { minDisclosureOnTimeShare: '0.95', minFeedbackOnTimeShare: '0.9', minCheckCoverage: '1.0', checkWindowDays: 30, maxOverdueItems: 0, minSharingOnTimeShare: '0.95', minDeficiencyOnTimeShare: '0.9', maxComplaintsUpheld: 0 }

@description('Publicity periods of penalties in months: default general/serious, and the minimums (DOMAIN.md).')
param disclosurePeriods object = { general: 12, serious: 36, generalMinimum: 3, seriousMinimum: 12, generalMaximum: 12, seriousMaximum: 36, minor: 3 }

var tags = { 'azd-env-name': environmentName, product: 'credit-joint-reward-sanction' }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var prod = profile == 'prod'
var deploymentContainer = 'deploymentpackage'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: group
  name: 'identity'
  params: { name: 'id-credit-${token}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-credit-${token}'
    applicationInsightsName: 'appi-credit-${token}'
    location: location
    tags: tags
    retentionInDays: prod ? 180 : 30
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  name: 'storage'
  params: {
    name: 'stcredit${token}'
    location: location
    tags: tags
    skuName: prod ? 'Standard_ZRS' : 'Standard_LRS'
    containers: ['uploads', 'results', 'public', 'intake-work', 'disclosure-queue', 'evidence', 'reports', 'credit-reports', 'config', 'exchange', deploymentContainer]
    tables: [
      'Records'
      'RecordVersions'
      'Uploads'
      'IngestionLog'
      'Departments'
      'ApiKeys'
      'DisclosureQueue'
      'PublicRecords'
      'PublicNames'
      'PublicLists'
      'Measures'
      'Catalogue'
      'ListEntries'
      'ListSubjects'
      'Cases'
      'CaseDepartments'
      'CaseAssignments'
      'CaseLifts'
      'CaseTimeline'
      'CaseSchedule'
      'CaseAmendments'
      'SignalMarks'
      'Notices'
      'CreditChecks'
      'Remedies'
      'Audit'
      'PersonalDataReads'
      'PersonalDataPurges'
      'StatisticsEvents'
      'StatisticsDirty'
      'Statistics'
      'Quarantine'
      'CreditReports'
      'Consents'
      'ExchangeSources'
      'ImportedEntries'
      'ImportedEntryVersions'
      'ExchangePulls'
      'ExchangeExports'
      'Commitments'
      'DishonestyReports'
      'GovernmentComplaints'
      'GovernmentRecords'
      'EvaluationModels'
      'Evaluations'
      'EvaluationMarks'
      'EvaluationPopulations'
      'InspectionPlans'
      'InspectionItems'
      'Inspections'
    ]
    softDeleteDays: prod ? 30 : 7
  }
}

// Blob triggers are Event Grid-sourced (the only kind Flex Consumption runs): the account's system topic here,
// the subscriptions to it by the postdeploy hook (infra/hooks/blob-subscriptions.bicep).
module eventGrid 'modules/eventgrid.bicep' = {
  scope: group
  name: 'eventgrid'
  params: { name: 'evgt-credit-${token}', location: location, tags: tags, storageAccountName: storage.outputs.name }
}

module serviceBus 'modules/servicebus.bicep' = {
  scope: group
  name: 'servicebus'
  params: {
    name: 'sb-credit-${token}'
    location: location
    tags: tags
    skuName: 'Standard'
    departments: departments
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: group
  name: 'keyvault'
  params: { name: 'kv-credit-${token}', location: location, tags: tags, personalDataKey: personalDataKey, reporterKey: reporterKey }
}

module roles 'modules/roles.bicep' = {
  scope: group
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: 'sb-credit-${token}'
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: 'appi-credit-${token}'
  }
  dependsOn: [serviceBus, monitoring]
}

module functionApp 'modules/functionapp.bicep' = {
  scope: group
  name: 'functionapp'
  params: {
    name: 'func-credit-${token}'
    planName: 'plan-credit-${token}'
    location: location
    tags: tags
    hostingPlan: hostingPlan
    maximumInstanceCount: prod ? 40 : 4
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainer: deploymentContainer
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    personalDataKeyUri: keyVault.outputs.personalDataKeyUri
    personalDataWrappingKeyUri: keyVault.outputs.personalDataWrappingKeyUri
    reporterKeyUri: keyVault.outputs.reporterKeyUri
    reporterWrappingKeyUri: keyVault.outputs.reporterWrappingKeyUri
    previousPersonalDataKeyUri: empty(previousPersonalDataKeyVersion) ? '' : '${keyVault.outputs.personalDataKeyUri}/${previousPersonalDataKeyVersion}'
    productSettings: {
      Intake__DisclosureWorkingDays: intakeDisclosureWorkingDays
      Intake__ChunkRows: intakeChunkRows
      Intake__MaxAmount: intakeMaxAmount
      DisclosureSchedule: disclosureSchedule
      ExpirySchedule: expirySchedule
      DeadlineSchedule: deadlineSchedule
      StatisticsSchedule: statisticsSchedule
      PurgeSchedule: purgeSchedule
      Durable__RetentionDays: durableRetentionDays
      PersonalData__RetentionYears: personalDataRetentionYears
      PersonalData__KeyRefreshSeconds: '60'
      PersonalData__ResealPageSize: '200'
      SignalDrainSchedule: signalDrainSchedule
      ReconcileSchedule: reconcileSchedule
      EvaluationSchedule: evaluationSchedule
      EvaluationRebuildSchedule: evaluationRebuildSchedule
      Sampling__RatioA: sampling.ratioA
      Sampling__RatioB: sampling.ratioB
      Sampling__RatioC: sampling.ratioC
      Sampling__RatioD: sampling.ratioD
      Sampling__ExcludeInspectedWithinMonths: sampling.excludeInspectedWithinMonths
      ExchangePullSchedule: exchangePullSchedule
      ExchangeExportSchedule: exchangeExportSchedule
      Exchange__Targets: exchange.targets
      Exchange__AckWorkingDays: exchange.ackWorkingDays
      Exchange__ShareWorkingDays: exchange.shareWorkingDays
      Reconciliation__SettleSeconds: '20'
      Reconciliation__StalePendingSeconds: '120'
      Reconciliation__RemedyDays: '30'
      Supervision__MinDisclosureOnTimeShare: supervision.minDisclosureOnTimeShare
      Supervision__MinFeedbackOnTimeShare: supervision.minFeedbackOnTimeShare
      Supervision__MinCheckCoverage: supervision.minCheckCoverage
      Supervision__CheckWindowDays: supervision.checkWindowDays
      Supervision__MaxOverdueItems: supervision.maxOverdueItems
      Supervision__MinSharingOnTimeShare: supervision.minSharingOnTimeShare
      Supervision__MinDeficiencyOnTimeShare: supervision.minDeficiencyOnTimeShare
      Supervision__MaxComplaintsUpheld: supervision.maxComplaintsUpheld
      JointCases__FeedbackWorkingDays: caseWorkingDays.feedback
      JointCases__ReminderWorkingDaysBefore: caseWorkingDays.reminderBefore
      JointCases__LiftWorkingDays: caseWorkingDays.lift
      JointCases__RedListCleanRecordMonths: string(redListCleanRecordMonths)
      Remedies__ObjectionDecisionWorkingDays: remedies.objectionDecision
      Remedies__RepairDecisionWorkingDays: remedies.repairDecision
      Remedies__ReminderWorkingDaysBefore: remedies.reminderBefore
      Remedies__ListMinimumMonths: remedies.listMinimumMonths
      DishonestyReports__TriageWorkingDays: dishonestyReports.triage
      DishonestyReports__DecisionWorkingDays: dishonestyReports.decision
      DishonestyReports__MaxEvidenceFiles: dishonestyReports.maxEvidenceFiles
      DishonestyReports__ReminderWorkingDaysBefore: dishonestyReports.reminderBefore
      GovernmentComplaints__DecisionWorkingDays: governmentComplaints.decision
      GovernmentComplaints__ReminderWorkingDaysBefore: governmentComplaints.reminderBefore
      PublicApi__PermitsPerMinute: 60
      PublicApi__Burst: 20
      // The worker hears every request from the Functions host on loopback; the host passes on the front end's X-Forwarded-For.
      PublicApi__TrustedProxies: '127.0.0.1,::1'
      Disclosure__GeneralPeriodMonths: disclosurePeriods.general
      Disclosure__SeriousPeriodMonths: disclosurePeriods.serious
      Disclosure__GeneralMinimumMonths: disclosurePeriods.generalMinimum
      Disclosure__SeriousMinimumMonths: disclosurePeriods.seriousMinimum
      Disclosure__GeneralMaximumMonths: disclosurePeriods.generalMaximum
      Disclosure__SeriousMaximumMonths: disclosurePeriods.seriousMaximum
      Disclosure__SeriousCategories: '吊销许可证件,责令关闭,责令停产停业,限制开展生产经营活动,限制从业,降低资质等级,行政拘留'
      Disclosure__MinorCategories: '警告,通报批评'
      Disclosure__MinorFineBelowTenThousandYuan: '0.1'
      Disclosure__MinorPeriodMonths: disclosurePeriods.minor
      // What a credit report's QR code names: the edge below, its address known from its name (no cycle with its backend).
      CreditReports__PublicApiUrl: 'https://apim-credit-${token}.${environment().name == 'AzureChinaCloud' ? 'azure-api.cn' : 'azure-api.net'}/public'
    }
  }
  dependsOn: [roles]
}

module edge 'modules/apim.bicep' = {
  scope: group
  name: 'edge'
  params: {
    name: 'apim-credit-${token}'
    location: location
    tags: tags
    sku: edgeSku
    publisherEmail: edgePublisherEmail
    publisherName: edgePublisherName
    backendUrl: 'https://${functionApp.outputs.defaultHostName}/api/public'
    permitsPerMinute: edgePermitsPerMinute
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output CREDIT_API_URL string = 'https://${functionApp.outputs.defaultHostName}/api'
output CREDIT_PUBLIC_API_URL string = '${edge.outputs.gatewayUrl}/public'
output AZURE_STORAGE_ACCOUNT string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_EVENTGRID_TOPIC string = eventGrid.outputs.name
