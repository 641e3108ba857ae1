namespace ReturningAi.Contracts.Members;

/// <summary>The account after a manage action: its status and the reason given.</summary>
public sealed record AccountStateDto(string Status, string? StatusReason);
