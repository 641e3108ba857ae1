using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Products.Csv;

/// <summary>The updates of a bulk-update CSV (or every problem, with rows and columns), and the layout that locates the store's errors in it.</summary>
public sealed record CsvUpdatesReadResult(IReadOnlyList<ProductFieldsUpdate> Items, IReadOnlyList<ErrorItem> Errors, CsvLayout Layout)
{
    public static CsvUpdatesReadResult Failed(CsvLayout layout, params IReadOnlyList<ErrorItem> errors) =>
        new([], ProductErrors.Capped([.. errors]), layout);
}
