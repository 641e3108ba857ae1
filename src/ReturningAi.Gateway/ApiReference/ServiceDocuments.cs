using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Gateway.ApiReference;

/// <summary>Fetches a service's own OpenAPI document, through service discovery, with the gateway's token.</summary>
public sealed class ServiceDocuments(HttpClient http, IOptions<GatewayTrustOptions> trust)
{
    public async Task<OpenApiDocument> GetAsync(string service, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{service}{OpenApiExtensions.ServiceDocumentPath}");
        request.Headers.TryAddWithoutValidation(InternalHeaders.GatewayToken, trust.Value.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = await OpenApiDocument.LoadAsync(body, "json", new OpenApiReaderSettings(), cancellationToken);
        return read.Document ?? throw new InvalidOperationException(
            $"The {service} service's OpenAPI document could not be read: {string.Join("; ", read.Diagnostic?.Errors.Select(e => e.Message) ?? [])}");
    }
}
