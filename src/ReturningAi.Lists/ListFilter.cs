namespace ReturningAi.Lists;

/// <summary>One <c>filter=field:value</c>; repeated filters must all hold.</summary>
public sealed record ListFilter(string Field, string Value);
