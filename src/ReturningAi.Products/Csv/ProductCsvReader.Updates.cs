using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using nietras.SeparatedValues;
using ReturningAi.Csv;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Products.Csv;

/// <summary>
/// The CSV form of <c>PUT /products/bulk</c> (CONTRACT.md §7): the create's columns plus <c>Product ID</c>.
/// A row with a Product ID starts an update; a row without one adds a permission entry to the update
/// above (and may not carry Name, Price, Category Name, Vouchers or Voucher Expire Date). Only non-blank
/// cells change fields; permission rows, when an update has any, replace its permission entries.
/// </summary>
public static partial class ProductCsvReader
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly FrozenSet<string> ProductOnlyFields =
        new[] { "name", "price", "categoryName", "vouchers", "voucherExpireDate" }.ToFrozenSet(StringComparer.Ordinal);

    private enum CellKind { Text, Bool, Number, Integer, Date, List }

    private static readonly FrozenDictionary<string, CellKind> ProductCellKinds = new Dictionary<string, CellKind>(StringComparer.Ordinal)
    {
        ["price"] = CellKind.Number,
        ["discountPrice"] = CellKind.Number,
        ["isDiscountEnabled"] = CellKind.Bool,
        ["discountStartDate"] = CellKind.Date,
        ["discountEndDate"] = CellKind.Date,
        ["userInformation.isEnabled"] = CellKind.Bool,
        ["userInformation.shouldCollectName"] = CellKind.Bool,
        ["userInformation.shouldCollectPhone"] = CellKind.Bool,
        ["userInformation.shouldCollectAddress"] = CellKind.Bool,
        ["shouldPrioritiesExpiringVouchers"] = CellKind.Bool,
        ["shouldDisplayRemainingQuantity"] = CellKind.Bool,
        ["expiringVoucherHighlight.isEnabled"] = CellKind.Bool,
        ["expiringVoucherHighlight.duration"] = CellKind.Integer,
        ["isArchived"] = CellKind.Bool,
        ["isProductAccessEnabled"] = CellKind.Bool,
        ["vouchers"] = CellKind.List,
        ["voucherExpireDate"] = CellKind.Date,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static CsvUpdatesReadResult ReadUpdates(ReadOnlyMemory<byte> file)
    {
        var layout = new CsvLayout();
        if (Utf8Lines.FirstInvalidLine(file.Span) is { } badLine)
        {
            return CsvUpdatesReadResult.Failed(layout, new ErrorItem("invalid_encoding", $"Line {badLine} is not valid UTF-8; save the file as UTF-8.", null) { Row = badLine });
        }

        try
        {
            return ReadUpdateRows(file, layout);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidDataException or NotSupportedException)
        {
            return CsvUpdatesReadResult.Failed(layout, new ErrorItem("malformed_csv", "The file is not a readable CSV file.", null));
        }
    }

    private static CsvUpdatesReadResult ReadUpdateRows(ReadOnlyMemory<byte> file, CsvLayout layout)
    {
        using var stream = new ReadOnlyMemoryStream(file);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = false }).From(stream);

        var errors = new List<ErrorItem>();
        CsvColumn?[]? columns = null;
        var updates = new List<UpdateBuilder>();
        var pool = new NamePool();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            if (columns is null)
            {
                var names = new string[row.ColCount];
                for (var i = 0; i < row.ColCount; i++) names[i] = row[i].ToString();
                columns = ReadHeader(names, errors, CsvColumns.ProductId);
                if (errors.Count > 0) return CsvUpdatesReadResult.Failed(layout, [.. errors]);
                continue;
            }

            var cells = ReadCells(row, columns, errors, out var any);
            if (!any) continue;

            var line = row.LineNumberFrom;
            var productId = Cell(columns, cells, CsvColumns.ProductId.Field);
            if (productId is not null)
            {
                if (updates.Count == ProductJsonReader.MaxBulkProducts)
                {
                    return CsvUpdatesReadResult.Failed(layout, new ErrorItem("too_many_products",
                        $"At most {ProductJsonReader.MaxBulkProducts} products per file; line {line} starts one more.", null) { Row = line });
                }

                var field = $"[{updates.Count}].{CsvColumns.ProductId.Field}";
                if (!ObjectIds.IsValid(productId))
                {
                    errors.Add(new ErrorItem("product_not_found", $"No product '{productId}' in this community.", field) { Row = line, Column = CsvColumns.ProductId.Header });
                }
                else if (!seen.Add(productId))
                {
                    errors.Add(new ErrorItem("duplicate_product", $"Line {line} names a product that an earlier row already changes.", field)
                    {
                        Row = line,
                        Column = CsvColumns.ProductId.Header,
                    });
                }

                layout.AddProduct(line);
                updates.Add(new UpdateBuilder(updates.Count, line, productId, columns, errors, pool));
            }
            else if (updates.Count == 0)
            {
                errors.Add(new ErrorItem("continuation_without_product",
                    $"Line {line} has no Product ID, so it continues an update, but no update comes before it.", null) { Row = line });
                continue;
            }
            else if (FirstFilled(columns, cells, c => ProductOnlyFields.Contains(c.Field)) is { } productColumn)
            {
                errors.Add(new ErrorItem("continuation_has_product_fields",
                    $"Line {line} continues the update above (no Product ID) but fills '{productColumn.Header}'.", null)
                {
                    Row = line,
                    Column = productColumn.Header,
                });
                continue;
            }

            updates[^1].AddCells(cells, line);
            if (updates[^1].Permissions.AddPermission(line, cells)) layout.AddPermission(line);
        }

        if (columns is null) return CsvUpdatesReadResult.Failed(layout, new ErrorItem("empty", "The file is empty.", null));
        if (updates.Count == 0 && errors.Count == 0)
        {
            return CsvUpdatesReadResult.Failed(layout, new ErrorItem("empty", "The file has a header but no update.", null));
        }

        var items = updates.Select(u => u.Build()).ToList();
        return errors.Count > 0
            ? CsvUpdatesReadResult.Failed(layout, [.. errors.Select(layout.Locate)])
            : new CsvUpdatesReadResult(items, [], layout);
    }

    private static CsvColumn? FirstFilled(CsvColumn?[] columns, string?[] cells, Func<CsvColumn, bool> which)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (cells[i] is not null && columns[i] is { IsPermission: false } column && which(column)) return column;
        }

        return null;
    }

    /// <summary>One product's update: the fields its non-blank cells set, and its permission rows.</summary>
    private sealed class UpdateBuilder(int index, int row, string productId, CsvColumn?[] columns, List<ErrorItem> errors, NamePool names)
    {
        private readonly JsonObject _fields = new() { [CsvColumns.ProductId.Field] = productId };

        public ProductBuilder Permissions { get; } = new(index, row, columns, new string?[columns.Length], errors, names);

        public void AddCells(string?[] cells, int line)
        {
            var values = new Values(columns, cells, line, errors, $"[{index}].", permission: false, names);
            for (var i = 0; i < columns.Length; i++)
            {
                if (cells[i] is null || columns[i] is not { IsPermission: false } column || column == CsvColumns.ProductId) continue;
                var value = ProductCellKinds.GetValueOrDefault(column.Field) switch
                {
                    CellKind.Bool => JsonValue.Create(values.Bool(column.Field)),
                    CellKind.Number => values.Number(column.Field) is { } number ? JsonValue.Create(number) : null,
                    CellKind.Integer => values.Integer(column.Field) is { } integer ? JsonValue.Create(integer) : null,
                    CellKind.Date => values.Date(column.Field) is { } date ? JsonValue.Create(date.ToString("O", CultureInfo.InvariantCulture)) : null,
                    CellKind.List => new JsonArray([.. values.List(column.Field)!.Select(v => (JsonNode)JsonValue.Create(v))]),
                    _ => (JsonNode)JsonValue.Create(cells[i]!),
                };
                if (value is not null) Set(column.Field, value);
            }
        }

        public ProductFieldsUpdate Build()
        {
            if (Permissions.Permissions.Count > 0) _fields["productPermission"] = JsonSerializer.SerializeToNode(Permissions.Permissions, Web);
            return new ProductFieldsUpdate(productId, _fields.ToJsonString(), MergeNested: true);
        }

        private void Set(string path, JsonNode value)
        {
            var parts = path.Split('.');
            var target = _fields;
            foreach (var part in parts[..^1])
            {
                if (target[part] is not JsonObject nested) target[part] = nested = new JsonObject();
                target = nested;
            }

            target[parts[^1]] = value;
        }
    }
}
