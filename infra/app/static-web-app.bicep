// The reader (web/): plain files on an Azure Static Web App, deployed by azd (no build). Chosen over
// the storage account's static website because it sends the page's Content-Security-Policy and the
// /posts/{id} rewrite from web/staticwebapp.config.json (a static website can set no headers), and
// over the Functions app because serving files there would need routePrefix "" for every route.

@description('Name of the Static Web App.')
param name string

@description('Static Web Apps are offered in a few regions only; the page is static, so any is near enough.')
param location string

param tags object

resource web 'Microsoft.Web/staticSites@2023-12-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    // Files come from `azd deploy`, not from a repository the service would build.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = web.name
output defaultHostName string = web.properties.defaultHostname
