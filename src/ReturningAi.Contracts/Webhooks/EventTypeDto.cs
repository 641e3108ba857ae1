namespace ReturningAi.Contracts.Webhooks;

/// <summary>An event type an endpoint may subscribe to: its type string, the product docs' page and schema names.</summary>
public sealed record EventTypeDto(string Type, string? SeedName, string? Schema, string Description);
