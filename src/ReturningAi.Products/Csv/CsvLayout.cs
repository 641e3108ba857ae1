using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Products.Csv;

/// <summary>
/// Where each product of a CSV file came from: the line of its product row and of each permission
/// entry. It turns an error's field path (<c>[2].productPermission[1].purchaseLimit.quantity</c>) into
/// the CSV row and column a spreadsheet user can find, for the reader's errors and the store's alike.
/// </summary>
public sealed partial class CsvLayout
{
    private readonly List<(int Row, List<int> PermissionRows)> _products = [];

    public int ProductCount => _products.Count;

    /// <summary>The line each product starts on, in file order.</summary>
    public IEnumerable<int> ProductRows => _products.Select(p => p.Row);

    /// <summary>The product a line belongs to: the last one starting on or before it; null before the first.</summary>
    public int? ProductAt(int row)
    {
        for (var p = _products.Count - 1; p >= 0; p--)
        {
            if (_products[p].Row <= row) return p;
        }

        return null;
    }

    public void AddProduct(int row) => _products.Add((row, []));

    public void AddPermission(int row) => _products[^1].PermissionRows.Add(row);

    /// <summary>The item with its row and column; the index is dropped, since it means a JSON array position.</summary>
    public ErrorItem Locate(ErrorItem error)
    {
        if (error.Field is null || error.Row is not null) return error with { Index = null };

        var match = FieldPath().Match(error.Field);
        if (!match.Success || !int.TryParse(match.Groups["product"].Value, out var p) || p >= _products.Count)
        {
            return error with { Index = null };
        }

        var (row, permissionRows) = _products[p];
        var rest = match.Groups["rest"].Value;
        if (match.Groups["entry"].Success && int.TryParse(match.Groups["entry"].Value, out var e) && e < permissionRows.Count)
        {
            return error with { Index = null, Row = permissionRows[e], Column = ColumnOf(CsvColumns.PermissionByField, rest) };
        }

        return error with { Index = null, Row = row, Column = ColumnOf(CsvColumns.ProductByField, rest) };
    }

    private static string? ColumnOf(FrozenDictionary<string, CsvColumn> columns, string field)
    {
        var path = Indices().Replace(field, "");
        // The longest known field the path starts with: "vouchers[3]" is the Vouchers column.
        for (var candidate = path; candidate.Length > 0; candidate = candidate.Contains('.', StringComparison.Ordinal) ? candidate[..candidate.LastIndexOf('.')] : "")
        {
            if (columns.TryGetValue(candidate, out var column)) return column.Header;
        }

        return null;
    }

    [GeneratedRegex(@"^\[(?<product>\d+)\]\.(productPermission\[(?<entry>\d+)\]\.)?(?<rest>.*)$")]
    private static partial Regex FieldPath();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Indices();
}
