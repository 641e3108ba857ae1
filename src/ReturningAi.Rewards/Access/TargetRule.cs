namespace ReturningAi.Rewards.Access;

/// <summary>One combination item of an access entry: its kind (<c>role</c>, <c>tag</c> or <c>user</c>) and the ids it accepts.</summary>
public sealed record TargetRule(string Type, IReadOnlyList<string> Ids);
