using System.Diagnostics.Metrics;

namespace ReturningAi.Gateway.Apis;

/// <summary>The gateway's own instruments (meter <c>ReturningAi.Gateway</c>): bulk requests by format and outcome.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "ReturningAi.Gateway";

    private readonly Counter<long> _bulkRequests;
    private readonly Histogram<int> _bulkProducts;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _bulkRequests = meter.CreateCounter<long>("returningai.gateway.bulk.requests", "{request}", "Bulk product requests, by operation, body format and status code.");
        _bulkProducts = meter.CreateHistogram<int>("returningai.gateway.bulk.products", "{product}", "Products per bulk request that passed the gateway's checks.");
    }

    /// <summary>Counts the request once its response has gone out, with the status it got.</summary>
    public void CountBulkRequest(HttpContext http, string operation)
    {
        var format = http.Request.HasFormContentType ? "csv" : "json";
        http.Response.OnCompleted(() =>
        {
            _bulkRequests.Add(1, new("operation", operation), new("format", format), new("http.response.status_code", http.Response.StatusCode));
            return Task.CompletedTask;
        });
    }

    public void BulkAccepted(int products) => _bulkProducts.Record(products);
}
