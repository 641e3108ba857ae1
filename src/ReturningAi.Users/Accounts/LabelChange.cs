namespace ReturningAi.Users.Accounts;

/// <summary>A change of a user's roles or tags: names to add and remove, or the whole set (<see cref="Set"/> not null).</summary>
public sealed record LabelChange(IReadOnlyList<string> Add, IReadOnlyList<string> Remove, IReadOnlyList<string>? Set);
