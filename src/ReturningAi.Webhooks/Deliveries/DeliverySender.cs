using ReturningAi.ServiceDefaults.Data;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using ReturningAi.SafeHttp;
using ReturningAi.Webhooks.Model;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.Webhooks.Deliveries;

/// <summary>
/// Makes one attempt: re-checks the URL, builds the body (encrypted if the endpoint asks), signs it with the
/// endpoint's secret (and the previous one for 24 h after a rotation), POSTs it through the SSRF-safe handler
/// and tells what came of it. It never throws for anything the receiver or the network did.
/// </summary>
public sealed class DeliverySender : IDisposable
{
    public const string EncryptedHeader = "x-encrypted";

    private readonly HttpClient _http;
    private readonly UrlGuard _guard;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly StoredSecrets _secrets;

    public DeliverySender(UrlGuard guard, StoredSecrets secrets, WebhookOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _guard = guard;
        _secrets = secrets;
        _timeout = options.AttemptTimeout;
        _time = time;
        _http = new HttpClient(SafeHttpHandler.Create(guard, options.AttemptTimeout)) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ReturningAi-Webhooks", "1.0"));
    }

    public async Task<AttemptResult> SendAsync(WebhookEndpoint endpoint, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(webhookEvent);
        switch (await _guard.CheckAsync(endpoint.Url, cancellationToken))
        {
            case UrlVerdict.Unresolvable:
                return AttemptResult.Failure(DeliveryErrors.DnsFailure, "The endpoint's host did not resolve.");
            case UrlVerdict.Invalid or UrlVerdict.Unsafe:
                return AttemptResult.Failure(DeliveryErrors.UnsafeUrl, "The endpoint's URL now leads to an address that is not allowed; no connection was made.");
        }

        var now = _time.GetUtcNow();
        var body = WebhookBody.Build(webhookEvent.Id, webhookEvent.Type, webhookEvent.CommunityId, webhookEvent.OccurredAt, webhookEvent.Data,
            endpoint.EncryptionMode, endpoint.ProtectedEncryptionKey is { } key ? _secrets.Unprotect(key) : null);
        var timestamp = now.ToUnixTimeSeconds();
        var secrets = endpoint.ProtectedPreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now
            ? new[] { _secrets.Unprotect(endpoint.ProtectedSecret), _secrets.Unprotect(previous) }
            : [_secrets.Unprotect(endpoint.ProtectedSecret)];

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, webhookEvent.Id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Header(secrets, webhookEvent.Id, timestamp, body));
        if (endpoint.EncryptionMode is not null) request.Headers.TryAddWithoutValidation(EncryptedHeader, "true");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return Judge(response);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failure(DeliveryErrors.Timeout, $"No answer within {_timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException exception)
        {
            return Failed(exception);
        }
    }

    private static AttemptResult Judge(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300) return AttemptResult.Success(status);
        if (status is >= 300 and < 400)
        {
            return AttemptResult.Failure(DeliveryErrors.Redirect, $"The endpoint answered {status} (a redirect, which is not followed).", status);
        }

        var retryAfter = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? RetryAfter(response) : null;
        return AttemptResult.Failure(DeliveryErrors.HttpStatus, $"The endpoint answered {status}.", status, retryAfter);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static AttemptResult Failed(HttpRequestException exception)
    {
        if (exception.InnerException is UnsafeAddressException refused)
        {
            return refused.Verdict == UrlVerdict.Unresolvable
                ? AttemptResult.Failure(DeliveryErrors.DnsFailure, "The endpoint's host did not resolve.")
                : AttemptResult.Failure(DeliveryErrors.UnsafeUrl, "The endpoint's URL now leads to an address that is not allowed; no connection was made.");
        }

        if (exception.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return AttemptResult.Failure(DeliveryErrors.DnsFailure, "The endpoint's host did not resolve.");
        }

        if (exception.HttpRequestError == HttpRequestError.SecureConnectionError || exception.InnerException is AuthenticationException)
        {
            return AttemptResult.Failure(DeliveryErrors.TlsError, "The TLS handshake with the endpoint failed.");
        }

        return AttemptResult.Failure(DeliveryErrors.ConnectionFailed, exception.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => "The connection to the endpoint could not be made.",
            HttpRequestError.ResponseEnded => "The endpoint closed the connection before it answered.",
            _ => "The connection to the endpoint failed before it answered.",
        });
    }

    public void Dispose() => _http.Dispose();
}
