using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>A user's wallet (rewards.md §2): balance 0 and updatedAt null before its first entry.</summary>
public sealed record WalletDto(
    [property: JsonPropertyName("userID")] string UserId,
    string Username,
    string Email,
    decimal Balance,
    string CurrencyName,
    DateTimeOffset? UpdatedAt);
