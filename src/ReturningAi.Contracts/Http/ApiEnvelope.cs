namespace ReturningAi.Contracts.Http;

/// <summary>The success envelope: <c>{"meta", "message", "data"}</c>.</summary>
public sealed record ApiEnvelope<T>(ApiMeta Meta, string Message, T Data);
