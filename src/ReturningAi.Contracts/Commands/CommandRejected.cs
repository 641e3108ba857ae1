using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Commands;

/// <summary>The store refused a command: the HTTP status and error items the gateway answers with.</summary>
public sealed record CommandRejected(int StatusCode, string Message, IReadOnlyList<ErrorItem> Errors);
