namespace ReturningAi.Webhooks.Deliveries;

/// <summary>The delivery log's error codes (events-and-jobs.md §1.1).</summary>
public static class DeliveryErrors
{
    public const string Timeout = "timeout";
    public const string ConnectionFailed = "connection_failed";
    public const string TlsError = "tls_error";
    public const string DnsFailure = "dns_failure";
    public const string UnsafeUrl = "unsafe_url";
    public const string Redirect = "redirect";
    public const string HttpStatus = "http_status";
    public const string EndpointDisabled = "endpoint_disabled";
}
