using System.Text.Json;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Gateway.Authentication;

/// <summary>
/// A POST to one of Community's internal routes with the gateway's trust token, where anything but an answer in time
/// (no connection, a timeout, an open circuit, an unreadable reply) is <see cref="CommunityUnavailableException"/>.
/// </summary>
internal static class CommunityInternalCalls
{
    /// <summary>The response, whatever its status; <paramref name="what"/> names the call in exception messages.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string trustToken, string route, object body, string what,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
        request.Headers.Add(InternalHeaders.GatewayToken, trustToken);
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw new CommunityUnavailableException($"Community did not answer the {what}.", exception);
        }
    }

    /// <summary>A successful response's body as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new CommunityUnavailableException($"Community answered the {what} with {(int)response.StatusCode}.");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                   ?? throw new CommunityUnavailableException($"Community answered the {what} with an empty body.");
        }
        catch (Exception exception) when (IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw new CommunityUnavailableException($"Community's answer to the {what} could not be read.", exception);
        }
    }

    private static bool IsUnavailable(Exception exception) =>
        exception is HttpRequestException or TaskCanceledException or TimeoutException or JsonException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException;
}
