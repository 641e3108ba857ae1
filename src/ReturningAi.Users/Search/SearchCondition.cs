namespace ReturningAi.Users.Search;

/// <summary>
/// One condition of a search, normalised: the column, an operator of <see cref="SearchOperators"/>
/// and its operands, typed by the column: <c>string</c> (text, options), <c>decimal</c>, <c>bool</c>,
/// <c>DateOnly</c> (custom dates) or <c>DateTimeOffset</c> (built-in date-times). <c>exists</c> has one
/// <c>bool</c>. A multi-select's <c>eq</c> holds the whole set.
/// </summary>
public sealed record SearchCondition(SearchColumn Column, string Operator, IReadOnlyList<object> Values);
