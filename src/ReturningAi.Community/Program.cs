using ReturningAi.Community;
using ReturningAi.Community.Apis;
using ReturningAi.Community.Infrastructure;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCommunityServices();

var app = builder.Build();

await app.MigrateDatabaseAsync<CommunityDbContext>();

app.UseRequestIds();
app.UseApiErrors();
app.UseRetryAfterConnectionLoss();
app.UseGatewayIdentity();
// Before the idempotency check, which compares plaintext.
app.UseMiddleware<IncomingBodyDecryptionMiddleware>();
app.UseIdempotency<CommunityDbContext>();
app.MapDefaultEndpoints();
app.MapServiceApiDocument();
app.MapCommunitiesApi();
app.MapApiKeysApi();
app.MapLabelsApi();
app.MapUsersApi();
app.MapUserFieldsApi();
app.MapUserFieldValuesApi();
app.MapUserFieldHistoriesApi();
app.MapCommunityApi();
app.MapIncomingWebhooksApi();
app.MapInternalApi();

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
