namespace ReturningAi.Contracts.Http;

/// <summary>The error envelope of every 4xx and 5xx: <c>{"meta", "message", "errors"}</c>.</summary>
public sealed record ErrorEnvelope(ApiMeta Meta, string Message, IReadOnlyList<ErrorItem> Errors);
