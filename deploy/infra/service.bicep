// One ReturningAi service as a container app: its image comes from the registry through the shared
// identity (azd replaces the placeholder image on deploy), secrets stay secrets, probes use the
// service's /alive (liveness) and /health (readiness: database and broker included).

@description('The container app name; also how the other apps of the environment reach it (http://<name>).')
param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string

@description('Public ingress (the gateway) or reachable only inside the environment (the services).')
param external bool

@description('Secrets as { name, value }; env entries refer to them by secretRef.')
@secure()
param secrets object

@description('Environment variables: { name, value } or { name, secretRef }.')
param env array

param minReplicas int = 1
param maxReplicas int = 3

@description('KEDA scale rules; an HTTP concurrency rule is used when empty.')
param scaleRules array = []

var httpScaleRule = {
  name: 'http-concurrency'
  http: { metadata: { concurrentRequests: '50' } }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': name })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: external
        targetPort: 8080
        transport: 'http'
        allowInsecure: !external
      }
      registries: [{ server: registryServer, identity: identityId }]
      secrets: secrets.items
    }
    template: {
      containers: [
        {
          name: name
          image: 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: env
          probes: [
            { type: 'Liveness', httpGet: { path: '/alive', port: 8080 }, periodSeconds: 10 }
            { type: 'Readiness', httpGet: { path: '/health', port: 8080 }, periodSeconds: 10 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: empty(scaleRules) ? [httpScaleRule] : scaleRules
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
