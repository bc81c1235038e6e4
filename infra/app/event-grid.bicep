@description('Event Grid system topic on the storage account: the source of blob events. BlobCreated reaches the Flex Consumption blob trigger (subscribed after deploy, see blob-events-subscription.bicep); BlobDeleted of the posts container goes to a storage queue read by the IngestBlobEvent function.')
param name string
param location string
param tags object
param storageAccountName string
param postsContainerName string

@description('User-assigned identity Event Grid delivers and dead-letters with (it holds queue and blob data roles on the account, which allows no shared keys).')
param identityId string
param blobEventsQueueName string
param deadLetterContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deletions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = {
  parent: topic
  name: 'archive-posts-deleted'
  properties: {
    deliveryWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: identityId
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storage.id
          queueName: blobEventsQueueName
          // The function reads every message within seconds; a day covers an app that is down.
          queueMessageTimeToLiveInSeconds: 86400
        }
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobDeleted']
      subjectBeginsWith: '/blobServices/default/containers/${postsContainerName}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: identityId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output name string = topic.name
