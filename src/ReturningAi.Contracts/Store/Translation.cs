namespace ReturningAi.Contracts.Store;

/// <summary>A text in one language.</summary>
public sealed record Translation(string Language, string Value);
