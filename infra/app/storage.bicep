@description('Storage account name (3–24 lower-case letters and digits).')
param name string
param location string
param tags object
param containerNames string[]
param tableNames string[]
param queueNames string[]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Every client (the Functions host, Archive, azd deploy, the owner's uploads) signs in with Entra ID.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobs 'blobServices' = {
    name: 'default'
    resource containers 'containers' = [for container in containerNames: {
      name: container
      properties: {
        publicAccess: 'None'
      }
    }]
  }

  resource queueService 'queueServices' = {
    name: 'default'
    resource queues 'queues' = [for queue in queueNames: {
      name: queue
    }]
  }

  resource tableService 'tableServices' = {
    name: 'default'
    resource tables 'tables' = [for table in tableNames: {
      name: table
    }]
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
