// The ReturningAi stack on Azure Container Apps: one resource group holding everything in resources.bicep.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('The azd environment name; names the resource group and prefixes every resource.')
param environmentName string

@minLength(1)
@description('The Azure region for every resource.')
param location string

@secure()
@minLength(16)
@description('The platform administrator token: the only credential that may create communities.')
param platformAdminToken string

@secure()
@minLength(32)
@description('The token the gateway sends to the services; they refuse requests without it.')
param internalToken string

@secure()
@minLength(12)
@description('The PostgreSQL administrator password.')
param postgresPassword string

@secure()
@minLength(12)
@description('The RabbitMQ password of the services\' user.')
param rabbitMqPassword string

@secure()
@minLength(12)
@description('The password of the Redis that holds the gateway replicas\' shared rate-limit counters.')
param redisPassword string

@minValue(1)
@maxValue(30)
@description('The most store replicas the queue-length rule may start.')
param storeMaxReplicas int = 5

var tags = { 'azd-env-name': environmentName }

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  scope: resourceGroup
  name: 'resources'
  params: {
    location: location
    tags: tags
    resourceToken: toLower(uniqueString(subscription().id, environmentName, location))
    platformAdminToken: platformAdminToken
    internalToken: internalToken
    postgresPassword: postgresPassword
    rabbitMqPassword: rabbitMqPassword
    redisPassword: redisPassword
    storeMaxReplicas: storeMaxReplicas
  }
}

output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryEndpoint
output AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID string = resources.outputs.identityId
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = resources.outputs.environmentId
output GATEWAY_URL string = resources.outputs.gatewayUrl
