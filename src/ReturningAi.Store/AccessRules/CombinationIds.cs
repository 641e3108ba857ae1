namespace ReturningAi.Store.AccessRules;

/// <summary>One combination item of a stored permission entry: its kind (role, tag or user) and the ids it targets.</summary>
public sealed record CombinationIds(string Type, IReadOnlyList<string> Ids);
