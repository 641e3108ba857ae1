namespace ReturningAi.Users.Search;

/// <summary>The order of results: by a column, descending by default; users without a value last; ties by <c>_id</c>.</summary>
public sealed record SearchSort(SearchColumn Column, bool Descending);
