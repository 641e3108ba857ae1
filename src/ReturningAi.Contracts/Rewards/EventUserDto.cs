using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>The user of an event: id, email and username (events-and-jobs.md §1.4).</summary>
public sealed record EventUserDto([property: JsonPropertyName("_id")] string Id, string Email, string Username);
