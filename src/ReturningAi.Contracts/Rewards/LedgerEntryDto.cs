using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>
/// One immutable change of a wallet (rewards.md §2; the "transaction" of events-and-jobs.md §2): operation
/// <c>credit</c> | <c>debit</c> | <c>set</c>, the signed delta and the balance after it.
/// </summary>
public sealed record LedgerEntryDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("userID")] string UserId,
    string Operation,
    decimal Amount,
    decimal Delta,
    decimal Balance,
    string Reason,
    string? Reference,
    string Source,
    [property: JsonPropertyName("orderID")] string? OrderId,
    [property: JsonPropertyName("jobID")] string? JobId,
    [property: JsonPropertyName("apiKeyID")] string? ApiKeyId,
    DateTimeOffset CreatedAt);
