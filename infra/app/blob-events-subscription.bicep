@description('Subscribes the Function App\'s blob extension webhook to BlobCreated events of the posts container. Deployed after the code (the webhook must answer Event Grid\'s validation), by infra/scripts/subscribe-blob-events.sh.')
param topicName string
param postsContainerName string

@secure()
@description('https://<host>/runtime/webhooks/blobs?functionName=Host.Functions.IngestPostEventGrid&code=<blobs_extension key>')
param webhookUrl string

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' existing = {
  name: topicName
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = {
  parent: topic
  name: 'archive-posts-created'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: webhookUrl
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${postsContainerName}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
