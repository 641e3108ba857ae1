using Microsoft.Extensions.Configuration;
using ReturningAi.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Secrets of the deployment. Set them with Parameters__<name>; otherwise each run generates its own
// (the dashboard shows them under Parameters).
var platformAdminToken = builder.AddParameter("platform-admin-token",
    new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true);
var internalToken = builder.AddParameter("internal-token",
    new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true);

var infrastructure = builder.AddInfrastructure();

// Optional: a demo community whose key is this token, with the product page example's names.
var demoApiKey = string.IsNullOrEmpty(builder.Configuration["Parameters:demo-api-key"])
    ? null
    : builder.AddParameter("demo-api-key", secret: true);

var community = builder.AddProject<Projects.ReturningAi_Community>("community")
    .WithReference(infrastructure.CommunityDb)
    .WithReference(infrastructure.Messaging)
    .WithEnvironment("GatewayTrust__Token", internalToken)
    .WithDemoApiKey(demoApiKey)
    .WithHttpHealthCheck("/health")
    .WaitForAll(infrastructure.Servers);

var store = builder.AddProject<Projects.ReturningAi_Store>("store")
    // More than one: store instances compete for the command queue (the reliability tests run two).
    .WithReplicas(builder.Configuration.GetValue("Store:Replicas", 1))
    .WithReference(infrastructure.StoreDb)
    .WithReference(infrastructure.MessageDataDb)
    .WithReference(infrastructure.Messaging)
    .WithEnvironment("GatewayTrust__Token", internalToken)
    .WithDemoApiKey(demoApiKey)
    .WithGen0BudgetCap(megabytes: 4)
    .WithHttpHealthCheck("/health")
    .WaitForAll(infrastructure.Servers);

var webhooks = builder.AddProject<Projects.ReturningAi_Webhooks>("webhooks")
    .WithReference(infrastructure.WebhooksDb)
    .WithReference(infrastructure.Messaging)
    .WithEnvironment("GatewayTrust__Token", internalToken)
    // Webhooks__AllowHttp, Webhooks__AllowedNetworks__0, Webhooks__RetrySchedule… set where the AppHost runs.
    .WithConfigurationSection(builder.Configuration, "Webhooks")
    .WithHttpHealthCheck("/health")
    .WaitForAll(infrastructure.Servers);

// Bulk jobs: uploads, their files and per-row results; rows go to Community (users) over the bus.
var jobs = builder.AddProject<Projects.ReturningAi_Jobs>("jobs")
    .WithReference(infrastructure.JobsDb)
    .WithReference(infrastructure.Messaging)
    .WithEnvironment("GatewayTrust__Token", internalToken)
    .WithGen0BudgetCap(megabytes: 2)
    .WithHttpHealthCheck("/health")
    .WaitForAll(infrastructure.Servers);

builder.AddProject<Projects.ReturningAi_Gateway>("gateway")
    .WithReference(community)
    .WithReference(store)
    .WithReference(webhooks)
    .WithReference(jobs)
    .WithReference(infrastructure.MessageDataDb)
    .WithReference(infrastructure.Messaging)
    .WithReference(infrastructure.Redis)
    .WithEnvironment("GatewayTrust__Token", internalToken)
    .WithEnvironment("PlatformAdmin__Token", platformAdminToken)
    .WithEnvironment("RateLimiting__PermitsPerWindow", builder.Configuration["Gateway:RateLimitPermitsPerWindow"] ?? "600")
    .WithEndpoint("http", endpoint => endpoint.Port = builder.Configuration.GetValue("Gateway:Port", 8080))
    .WithGen0BudgetCap(megabytes: 4)
    .WithHttpHealthCheck("/health")
    .WaitForAll(infrastructure.Servers)
    .WaitFor(community)
    .WaitFor(store)
    .WaitFor(webhooks)
    .WaitFor(jobs);

builder.Build().Run();
