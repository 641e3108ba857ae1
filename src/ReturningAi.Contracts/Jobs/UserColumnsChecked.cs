using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Jobs;

/// <summary>The header problems Community found (<c>unknown_column</c> with row 1 and the column), none when the header is fine.</summary>
public sealed record UserColumnsChecked(IReadOnlyList<ErrorItem> Errors);
