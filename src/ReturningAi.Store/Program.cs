using ReturningAi.ClaimCheck;
using ReturningAi.ServiceDefaults;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store;
using ReturningAi.Store.Apis;
using ReturningAi.Store.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStoreServices();

var app = builder.Build();

await app.MigrateDatabaseAsync<StoreDbContext>();
// The claim check's database, shared with the gateway, which starts after the store.
await app.MigrateDatabaseAsync<ClaimCheckDbContext>();

app.UseRequestIds();
app.UseApiErrors();
app.UseRetryAfterConnectionLoss();
app.UseGatewayIdentity();
app.UseIdempotency<StoreDbContext>();
app.MapDefaultEndpoints();
app.MapServiceApiDocument();
app.MapCategoriesApi();
app.MapRedemptionStatusesApi();
app.MapProductsApi();
app.MapStoresApi();
app.MapWalletsApi();
app.MapPurchasesApi();
app.MapRedemptionOrdersApi();

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
