// Everything the stack needs inside its resource group: logs, the Container Apps environment, a
// registry for the images, PostgreSQL (one server, a database per service), RabbitMQ, Redis (the gateway
// replicas' shared rate limits), and the services. The store scales on the length of its command queue, the webhooks
// service on the deliveries due, the jobs service on the jobs waiting or running.

param location string
param tags object
@description('uniqueString() of the subscription, environment and region: names resources that must be globally unique.')
@minLength(13)
@maxLength(13)
param resourceToken string

@secure()
param platformAdminToken string

@secure()
param internalToken string

@secure()
param postgresPassword string

@secure()
param rabbitMqPassword string

@secure()
param redisPassword string

param storeMaxReplicas int

var postgresUser = 'returningai'
var rabbitMqUser = 'returningai'
// The queue the gateway sends bulk creates to (CreateProducts.EntityName); its length scales the store.
var createProductsQueue = 'PRODUCT_EVENTS.CREATE_PRODUCTS'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${resourceToken}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${resourceToken}'
  location: location
  tags: tags
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'cr${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

// AcrPull for the identity the container apps pull with.
resource registryPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, 'acrpull')
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'psql-${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresUser
    administratorLoginPassword: postgresPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

// Container Apps reach the server over its public endpoint, from Azure only (TLS required).
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'allow-azure-services'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource communityDb 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'communitydb'
}

resource storeDb 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'storedb'
}

resource webhooksDb 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'webhooksdb'
}

resource jobsDb 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'jobsdb'
}

// The claim check's payloads: large product commands between the gateway and the store (ReturningAi.ClaimCheck).
resource messageDataDb 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'messagedatadb'
}

// RabbitMQ 3.13 as a container app, reachable only inside the environment on TCP 5672 (amqp://messaging:5672).
// Its storage is the replica's own: queued commands do not survive a broker restart (the gateway answers
// 502 and partners retry with their Idempotency-Key); see the README for a durable option.
resource messaging 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'messaging'
  location: location
  tags: tags
  properties: {
    environmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: false
        targetPort: 5672
        exposedPort: 5672
        transport: 'tcp'
      }
      secrets: [{ name: 'rabbitmq-password', value: rabbitMqPassword }]
    }
    template: {
      containers: [
        {
          name: 'rabbitmq'
          image: 'docker.io/library/rabbitmq:3.13-alpine'
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'RABBITMQ_DEFAULT_USER', value: rabbitMqUser }
            { name: 'RABBITMQ_DEFAULT_PASS', secretRef: 'rabbitmq-password' }
          ]
          probes: [
            { type: 'Readiness', tcpSocket: { port: 5672 }, periodSeconds: 10 }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 1 }
    }
  }
}

// Redis 7 as a container app, reachable only inside the environment on TCP 6379 (redis:6379). It holds
// rate-limit counters only, so nothing is persisted; while it is down each gateway replica counts on its own.
resource redis 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'redis'
  location: location
  tags: tags
  properties: {
    environmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: false
        targetPort: 6379
        exposedPort: 6379
        transport: 'tcp'
      }
      secrets: [{ name: 'redis-password', value: redisPassword }]
    }
    template: {
      containers: [
        {
          name: 'redis'
          image: 'docker.io/library/redis:7.4-alpine'
          command: ['/bin/sh', '-c', 'exec redis-server --requirepass "$REDIS_PASSWORD" --save "" --appendonly no']
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: [{ name: 'REDIS_PASSWORD', secretRef: 'redis-password' }]
          probes: [
            { type: 'Readiness', tcpSocket: { port: 6379 }, periodSeconds: 10 }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 1 }
    }
  }
}

var redisConnection = 'redis:6379,password=${redisPassword}'
var messagingConnection = 'amqp://${rabbitMqUser}:${rabbitMqPassword}@messaging:5672/'
var postgresHost = postgres.properties.fullyQualifiedDomainName
var databaseConnection = 'Host=${postgresHost};Username=${postgresUser};Password=${postgresPassword};SSL Mode=Require'
// The same server as a URI, the form KEDA's postgresql scaler reads (it is not .NET's keyword form).
var scalerConnection = 'postgresql://${postgresUser}:${uriComponent(postgresPassword)}@${postgresHost}:5432'
var shared = {
  location: location
  tags: tags
  environmentId: environment.id
  identityId: identity.id
  registryServer: registry.properties.loginServer
}

module community 'service.bicep' = {
  name: 'community'
  dependsOn: [registryPull, communityDb, postgresFromAzure, messaging]
  params: {
    name: 'community'
    location: shared.location
    tags: shared.tags
    environmentId: shared.environmentId
    identityId: shared.identityId
    registryServer: shared.registryServer
    external: false
    secrets: {
      items: [
        { name: 'internal-token', value: internalToken }
        { name: 'communitydb', value: '${databaseConnection};Database=communitydb' }
        { name: 'messaging', value: messagingConnection }
      ]
    }
    env: [
      { name: 'GatewayTrust__Token', secretRef: 'internal-token' }
      { name: 'ConnectionStrings__communitydb', secretRef: 'communitydb' }
      { name: 'ConnectionStrings__messaging', secretRef: 'messaging' }
    ]
  }
}

module store 'service.bicep' = {
  name: 'store'
  dependsOn: [registryPull, storeDb, messageDataDb, postgresFromAzure, messaging]
  params: {
    name: 'store'
    location: shared.location
    tags: shared.tags
    environmentId: shared.environmentId
    identityId: shared.identityId
    registryServer: shared.registryServer
    external: false
    secrets: {
      items: [
        { name: 'internal-token', value: internalToken }
        { name: 'storedb', value: '${databaseConnection};Database=storedb' }
        { name: 'messagedatadb', value: '${databaseConnection};Database=messagedatadb' }
        { name: 'messaging', value: messagingConnection }
      ]
    }
    env: [
      { name: 'GatewayTrust__Token', secretRef: 'internal-token' }
      { name: 'ConnectionStrings__storedb', secretRef: 'storedb' }
      { name: 'ConnectionStrings__messagedatadb', secretRef: 'messagedatadb' }
      { name: 'ConnectionStrings__messaging', secretRef: 'messaging' }
      // gen0's budget capped at 4 MB, as in the AppHost (the GC would size it by the host's CPU cache; bench scenarios c and d).
      { name: 'DOTNET_GCGen0MaxBudget', value: '0x400000' }
    ]
    minReplicas: 1
    maxReplicas: storeMaxReplicas
    // Competing consumers on the command queue: more instances when bulk creates wait.
    scaleRules: [
      {
        name: 'create-products-queue'
        custom: {
          type: 'rabbitmq'
          metadata: { queueName: createProductsQueue, mode: 'QueueLength', value: '10', protocol: 'amqp' }
          auth: [{ secretRef: 'messaging', triggerParameter: 'host' }]
        }
      }
    ]
  }
}

// Outgoing webhooks: production's URL rules (https, public addresses only) and retry schedule are its defaults.
module webhooks 'service.bicep' = {
  name: 'webhooks'
  dependsOn: [registryPull, webhooksDb, postgresFromAzure, messaging]
  params: {
    name: 'webhooks'
    location: shared.location
    tags: shared.tags
    environmentId: shared.environmentId
    identityId: shared.identityId
    registryServer: shared.registryServer
    external: false
    secrets: {
      items: [
        { name: 'internal-token', value: internalToken }
        { name: 'webhooksdb', value: '${databaseConnection};Database=webhooksdb' }
        { name: 'webhooksdb-scaler', value: '${scalerConnection}/webhooksdb?sslmode=require' }
        { name: 'messaging', value: messagingConnection }
      ]
    }
    env: [
      { name: 'GatewayTrust__Token', secretRef: 'internal-token' }
      { name: 'ConnectionStrings__webhooksdb', secretRef: 'webhooksdb' }
      { name: 'ConnectionStrings__messaging', secretRef: 'messaging' }
    ]
    minReplicas: 1
    maxReplicas: 5
    // Instances claim due attempts from the database (SKIP LOCKED), so the work waiting is the deliveries due now.
    scaleRules: [
      {
        name: 'due-deliveries'
        custom: {
          type: 'postgresql'
          metadata: {
            query: 'SELECT count(*) FROM webhook_deliveries WHERE state = \'pending\' AND next_attempt_at <= now()'
            targetQueryValue: '200'
          }
          auth: [{ secretRef: 'webhooksdb-scaler', triggerParameter: 'connection' }]
        }
      }
    ]
  }
}

// Bulk jobs: uploads, their files and per-row results; a job whose instance dies is taken over by another.
module jobs 'service.bicep' = {
  name: 'jobs'
  dependsOn: [registryPull, jobsDb, postgresFromAzure, messaging]
  params: {
    name: 'jobs'
    location: shared.location
    tags: shared.tags
    environmentId: shared.environmentId
    identityId: shared.identityId
    registryServer: shared.registryServer
    external: false
    secrets: {
      items: [
        { name: 'internal-token', value: internalToken }
        { name: 'jobsdb', value: '${databaseConnection};Database=jobsdb' }
        { name: 'jobsdb-scaler', value: '${scalerConnection}/jobsdb?sslmode=require' }
        { name: 'messaging', value: messagingConnection }
      ]
    }
    env: [
      { name: 'GatewayTrust__Token', secretRef: 'internal-token' }
      { name: 'ConnectionStrings__jobsdb', secretRef: 'jobsdb' }
      { name: 'ConnectionStrings__messaging', secretRef: 'messaging' }
      // gen0's budget capped at 2 MB, as in the AppHost (the GC would size it by the host's CPU cache; bench scenario i).
      { name: 'DOTNET_GCGen0MaxBudget', value: '0x200000' }
    ]
    minReplicas: 1
    maxReplicas: 4
    // Each instance runs JobOptions.Concurrency (2) jobs at a time, leased from the database: one more instance for
    // every two jobs queued or running.
    scaleRules: [
      {
        name: 'active-jobs'
        custom: {
          type: 'postgresql'
          metadata: {
            query: 'SELECT count(*) FROM jobs WHERE state IN (\'queued\', \'running\')'
            targetQueryValue: '2'
          }
          auth: [{ secretRef: 'jobsdb-scaler', triggerParameter: 'connection' }]
        }
      }
    ]
  }
}

module gateway 'service.bicep' = {
  name: 'gateway'
  dependsOn: [registryPull, community, store, webhooks, jobs, redis]
  params: {
    name: 'gateway'
    location: shared.location
    tags: shared.tags
    environmentId: shared.environmentId
    identityId: shared.identityId
    registryServer: shared.registryServer
    external: true
    secrets: {
      items: [
        { name: 'internal-token', value: internalToken }
        { name: 'platform-admin-token', value: platformAdminToken }
        { name: 'messagedatadb', value: '${databaseConnection};Database=messagedatadb' }
        { name: 'messaging', value: messagingConnection }
        { name: 'redis', value: redisConnection }
      ]
    }
    env: [
      { name: 'GatewayTrust__Token', secretRef: 'internal-token' }
      { name: 'PlatformAdmin__Token', secretRef: 'platform-admin-token' }
      { name: 'ConnectionStrings__messagedatadb', secretRef: 'messagedatadb' }
      { name: 'ConnectionStrings__messaging', secretRef: 'messaging' }
      { name: 'ConnectionStrings__redis', secretRef: 'redis' }
      // Service discovery: apps of one environment reach each other by name.
      { name: 'services__community__http__0', value: 'http://community' }
      { name: 'services__store__http__0', value: 'http://store' }
      { name: 'services__webhooks__http__0', value: 'http://webhooks' }
      { name: 'services__jobs__http__0', value: 'http://jobs' }
      { name: 'RateLimiting__PermitsPerWindow', value: '600' }
      // Behind the environment's ingress: the client's address (which failed authentications are counted by) is
      // the last X-Forwarded-For entry, the one the ingress added. Clients cannot reach the gateway around it.
      { name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED', value: 'true' }
      // gen0's budget capped at 4 MB, as in the AppHost (the GC would size it by the host's CPU cache; bench scenarios c and d).
      { name: 'DOTNET_GCGen0MaxBudget', value: '0x400000' }
    ]
    minReplicas: 1
    maxReplicas: 5
  }
}

output registryEndpoint string = registry.properties.loginServer
output identityId string = identity.id
output environmentId string = environment.id
output gatewayUrl string = 'https://${gateway.outputs.fqdn}'
