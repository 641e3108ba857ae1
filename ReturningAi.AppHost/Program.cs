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

var community = builder.AddProject<Projects.ReturningAi_Community>("community")
    .WithReference(infrastructure.CommunityDb)
    .WithReference(infrastructure.Messaging)
    .WithEnvironment("GatewayTrust__Token", internalToken)
    .WithHttpHealthCheck("/health")
    .WaitForAll(infrastructure.Servers);

builder.AddProject<Projects.ReturningAi_Gateway>("gateway")
    .WithReference(community)
    .WithReference(infrastructure.Messaging)
    .WithEnvironment("GatewayTrust__Token", internalToken)
    .WithEnvironment("PlatformAdmin__Token", platformAdminToken)
    .WithEndpoint("http", endpoint => endpoint.Port = builder.Configuration.GetValue("Gateway:Port", 8080))
    .WithHttpHealthCheck("/health")
    .WaitForAll(infrastructure.Servers)
    .WaitFor(community);

builder.Build().Run();
