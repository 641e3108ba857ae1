using ReturningAi.Jobs;
using ReturningAi.Jobs.Apis;
using ReturningAi.Jobs.Infrastructure;
using ReturningAi.ServiceDefaults;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddJobsServices();

var app = builder.Build();

await app.MigrateDatabaseAsync<JobsDbContext>();

app.UseRequestIds();
app.UseApiErrors();
app.UseRetryAfterConnectionLoss();
app.UseGatewayIdentity();
app.UseIdempotency<JobsDbContext>();
app.MapDefaultEndpoints();
app.MapServiceApiDocument();
app.MapBulkUploadsApi();
app.MapProductUploadsApi();
app.MapBulkJobsApi();

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
