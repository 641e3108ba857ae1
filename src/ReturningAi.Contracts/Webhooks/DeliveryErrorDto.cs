namespace ReturningAi.Contracts.Webhooks;

/// <summary>Why the last attempt failed: <c>timeout</c>, <c>connection_failed</c>, <c>tls_error</c>, <c>dns_failure</c>, <c>unsafe_url</c>, <c>redirect</c>, <c>http_status</c>, <c>endpoint_disabled</c>.</summary>
public sealed record DeliveryErrorDto(string Code, string Message);
