namespace ReturningAi.Lists;

/// <summary>One key of <c>sort=field:asc|desc</c>.</summary>
public sealed record ListSort(string Field, bool Descending);
