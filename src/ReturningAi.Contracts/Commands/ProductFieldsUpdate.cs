namespace ReturningAi.Contracts.Commands;

/// <summary>One product of a bulk update: its id and the fields to change, as a JSON object.</summary>
public sealed record ProductFieldsUpdate(string Id, string FieldsJson);
