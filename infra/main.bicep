targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group and to derive unique resource names.')
param environmentName string

@minLength(1)
@description('Primary location for all resources.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user running the deployment; gets blob data access to upload posts with --auth-mode login. Empty: none.')
param principalId string = ''

@description('Origins allowed to call the API from a browser, comma-separated (* for any).')
param corsOrigins string = '*'

@minValue(1)
@maxValue(10000)
@description('Reading speed used for readingTime.')
param wordsPerMinute int = 200

@description('CRON schedule of the reconcile timer: the safety net that heals missed events (deletions arrive within seconds through Event Grid and the blob-events queue).')
param reconcileSchedule string = '0 */5 * * * *'

@description('Blob container the posts are uploaded to.')
param postsContainerName string = 'posts'

@description('The one origin of pages, media and the API (a custom domain, or a front that routes every path to the Function App), e.g. https://archive.example.org/. Empty: each request\'s own origin (the Function App\'s host).')
param siteUrl string = ''

@description('The site\'s name in page titles, Open Graph and the default share image. Empty: the feeds\' title.')
param siteTitle string = ''

@description('False for a staging copy: robots.txt disallows everything and every page says noindex.')
param indexable bool = true

@minValue(0)
@maxValue(20)
@description('Instances of the HTTP functions kept warm (Flex Consumption always ready, billed while idle). 1: a link preview never waits for a cold start (scrapers give up after a few seconds); 0: pay per use only.')
param alwaysReadyInstances int = 1

@description('Title of the feeds (/api/feed.json, /api/feed.xml).')
param feedTitle string = 'Archive'

@description('Author (a name) of the feeds.')
param feedAuthor string = 'Archive'


var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'
// Event Grid puts BlobDeleted events here; the IngestBlobEvent function reads them (blob triggers never fire on delete).
var blobEventsQueueName = 'blob-events'
// Events Event Grid could not deliver to the queue, kept for an operator.
var deadLetterContainerName = 'blob-events-deadletter'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: [postsContainerName, 'archive-content', deploymentContainerName, deadLetterContainerName]
    tableNames: ['archive']
    queueNames: [blobEventsQueueName]
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

var allowedOrigins = map(split(corsOrigins, ','), origin => trim(origin))

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    corsOrigins: contains(allowedOrigins, '*') ? ['*'] : allowedOrigins
    alwaysReadyInstances: alwaysReadyInstances
    appSettings: {
      Archive__PostsContainer: postsContainerName
      Archive__WordsPerMinute: string(wordsPerMinute)
      Archive__ReconcileSchedule: reconcileSchedule
      Archive__BlobEventsQueue: blobEventsQueueName
      Archive__FeedTitle: feedTitle
      Archive__FeedAuthor: feedAuthor
      // Flex Consumption delivers blob events only through Event Grid: the polling trigger stays off here.
      'AzureWebJobs.IngestPostPolling.Disabled': 'true'
      // The listing watch is Core Tools' safety net for that polling trigger; Event Grid needs none.
      Archive__WatchSchedule: '*/10 * * * * *'
      'AzureWebJobs.WatchPosts.Disabled': 'true'
      // Absolute URLs (feeds, canonical links, images) name this origin, never the request's Host header.
      Archive__SiteUrl: empty(siteUrl) ? 'https://${functionAppName}.azurewebsites.net' : siteUrl
      Archive__SiteTitle: empty(siteTitle) ? feedTitle : siteTitle
      Archive__Indexable: string(indexable)
      // The pages answer at / (routePrefix ""): the host's own welcome page stays off.
      AzureWebJobsDisableHomepage: 'true'
    }
  }
  dependsOn: [rbac]
}

module eventGrid 'app/event-grid.bicep' = {
  name: 'event-grid'
  scope: rg
  params: {
    name: '${abbrs.eventGridDomainsTopics}${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    postsContainerName: postsContainerName
    identityId: identity.outputs.id
    blobEventsQueueName: blobEventsQueueName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [rbac]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = functionApp.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_POSTS_CONTAINER string = postsContainerName
output AZURE_EVENT_GRID_TOPIC_NAME string = eventGrid.outputs.name
output ARCHIVE_API_URL string = 'https://${functionApp.outputs.defaultHostName}/api'
output ARCHIVE_WEB_URL string = empty(siteUrl) ? 'https://${functionApp.outputs.defaultHostName}/' : siteUrl
