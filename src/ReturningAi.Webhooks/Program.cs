using ReturningAi.ServiceDefaults;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Webhooks;
using ReturningAi.Webhooks.Apis;
using ReturningAi.Webhooks.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebhooksServices();

var app = builder.Build();

await app.MigrateDatabaseAsync<WebhooksDbContext>();

app.UseRequestIds();
app.UseApiErrors();
app.UseRetryAfterConnectionLoss();
app.UseGatewayIdentity();
app.UseIdempotency<WebhooksDbContext>();
app.MapDefaultEndpoints();
app.MapServiceApiDocument();
app.MapEndpointsApi();
app.MapDeliveriesApi();

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
