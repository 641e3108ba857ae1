namespace ReturningAi.Users.Fields;

/// <summary>What the value rules need to know of a field: its key, type and options.</summary>
public sealed record UserFieldShape(string Key, string Type, IReadOnlyList<string> Options);
