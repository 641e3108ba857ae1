using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using ReturningAi.Csv;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Products.Csv;

/// <summary>
/// Reads the CSV upload of <c>POST /products/bulk</c> (CONTRACT.md section 4) into the same create
/// objects as the JSON body. Sep does the RFC 4180 parsing; this class does the product rules of the
/// format: headers, continuation rows, lists in cells, booleans, defaults for empty cells. Every error
/// carries its CSV row and column.
/// </summary>
public static partial class ProductCsvReader
{
    private static readonly string[] True = ["true", "yes", "1"];
    private static readonly string[] False = ["false", "no", "0"];

    public static CsvReadResult Read(ReadOnlyMemory<byte> file) => Read(file, ignoredColumn: null);

    /// <param name="ignoredColumn">
    /// A header read past without a field (a job's upload ignores <c>error</c>, so its errors file goes back in as it is); otherwise unknown.
    /// </param>
    public static CsvReadResult Read(ReadOnlyMemory<byte> file, string? ignoredColumn)
    {
        var layout = new CsvLayout();
        if (Utf8Lines.FirstInvalidLine(file.Span) is { } badLine)
        {
            return new CsvReadResult(ProductsReadResult.Failed(new ErrorItem("invalid_encoding",
                $"Line {badLine} is not valid UTF-8; save the file as UTF-8.", null) { Row = badLine }), layout);
        }

        try
        {
            return ReadRows(file, layout, ignoredColumn);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidDataException or NotSupportedException)
        {
            // Sep refuses some malformed input outright; the partner hears it as a bad file, not a 500.
            return new CsvReadResult(ProductsReadResult.Failed(new ErrorItem("malformed_csv", "The file is not a readable CSV file.", null)), layout);
        }
    }

    private static CsvReadResult ReadRows(ReadOnlyMemory<byte> file, CsvLayout layout, string? ignoredColumn)
    {
        using var stream = new ReadOnlyMemoryStream(file);
        // The header is read here, not by Sep, which throws on repeated names instead of reporting them.
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = false }).From(stream);

        var errors = new List<ErrorItem>();
        CsvColumn?[]? columns = null;
        var builders = new List<ProductBuilder>();
        var pool = new NamePool();
        foreach (var row in reader)
        {
            if (columns is null)
            {
                var names = new string[row.ColCount];
                for (var i = 0; i < row.ColCount; i++) names[i] = row[i].ToString();
                columns = ReadHeader(names, errors, ignoredColumn: ignoredColumn);
                if (errors.Count > 0) return new CsvReadResult(ProductsReadResult.Failed(errors), layout);
                continue;
            }

            var cells = ReadCells(row, columns, errors, out var any);
            if (!any) continue; // blank line

            var line = row.LineNumberFrom;
            var name = Cell(columns, cells, "name");
            if (name is not null)
            {
                if (builders.Count == ProductJsonReader.MaxBulkProducts)
                {
                    return new CsvReadResult(ProductsReadResult.Failed(new ErrorItem("too_many_products",
                        $"At most {ProductJsonReader.MaxBulkProducts} products per file; line {line} starts one more.", null) { Row = line }), layout);
                }

                layout.AddProduct(line);
                builders.Add(new ProductBuilder(builders.Count, line, columns, cells, errors, pool));
            }
            else if (builders.Count == 0)
            {
                errors.Add(new ErrorItem("continuation_without_product",
                    $"Line {line} has no Name, so it continues a product, but no product comes before it.", null) { Row = line });
                continue;
            }
            else if (FirstProductCell(columns, cells) is { } productColumn)
            {
                errors.Add(new ErrorItem("continuation_has_product_fields",
                    $"Line {line} continues the product above (no Name) but fills the product column '{productColumn.Header}'.", null)
                {
                    Row = line,
                    Column = productColumn.Header,
                });
                continue;
            }

            if (builders[^1].AddPermission(line, cells)) layout.AddPermission(line);
        }

        if (columns is null)
        {
            return new CsvReadResult(ProductsReadResult.Failed(new ErrorItem("empty", "The file is empty.", null)), layout);
        }

        if (builders.Count == 0 && errors.Count == 0)
        {
            return new CsvReadResult(ProductsReadResult.Failed(new ErrorItem("empty", "The file has a header but no product.", null)), layout);
        }

        var products = builders.Select(b => b.Build(columns)).ToList();
        for (var p = 0; p < products.Count; p++)
        {
            var reported = errors.Select(e => e.Field).OfType<string>().ToHashSet();
            ProductRules.Validate(products[p], new ProductErrors(errors, $"[{p}].") { AlreadyReported = reported });
        }

        // With problems, the products as read go along, so that their names can still be checked.
        return new CsvReadResult(new ProductsReadResult(products, ProductErrors.Capped([.. errors.Select(layout.Locate)])), layout);
    }

    /// <summary>A row's trimmed cells by column (null when blank); control characters and cells past the header are reported.</summary>
    private static string?[] ReadCells(SepReader.Row row, CsvColumn?[] columns, List<ErrorItem> errors, out bool any)
    {
        var cells = new string?[columns.Length];
        any = false;
        for (var i = 0; i < columns.Length && i < row.ColCount; i++)
        {
            var text = row[i].Span.Trim();
            if (!TextCharacters.AreAllowed(text))
            {
                errors.Add(new ErrorItem("invalid_character", $"Line {row.LineNumberFrom}: a cell {TextCharacters.Rule}.", null)
                {
                    Row = row.LineNumberFrom,
                    Column = columns[i]?.Header,
                });
                continue;
            }

            if (text.Length > 0)
            {
                cells[i] = text.ToString();
                any = true;
            }
        }

        // Cells beyond the header have no column: keep them from passing silently.
        for (var i = columns.Length; i < row.ColCount; i++)
        {
            if (!row[i].Span.IsWhiteSpace())
            {
                errors.Add(new ErrorItem("unexpected_cell", $"Line {row.LineNumberFrom} has more cells than the header.", null) { Row = row.LineNumberFrom });
                break;
            }
        }

        return cells;
    }

    private static CsvColumn?[] ReadHeader(string[] names, List<ErrorItem> errors, CsvColumn? startColumn = null, string? ignoredColumn = null)
    {
        var columns = new CsvColumn?[names.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var header = names[i].Trim().TrimStart('\uFEFF');
            if (header.Length == 0 && names.Length > 1 && i == names.Length - 1) continue; // a trailing comma
            if (string.Equals(header, ignoredColumn, StringComparison.OrdinalIgnoreCase)) continue;
            var column = CsvColumns.ByHeader.GetValueOrDefault(header);
            if (column is null && string.Equals(header, startColumn?.Header, StringComparison.OrdinalIgnoreCase)) column = startColumn;
            if (column is null)
            {
                errors.Add(new ErrorItem("unknown_column", $"'{header}' is not a supported column.", null) { Row = 1, Column = header });
            }
            else if (!seen.Add(column.Header))
            {
                errors.Add(new ErrorItem("duplicate_column", $"The column '{column.Header}' appears twice.", null) { Row = 1, Column = column.Header });
            }
            else
            {
                columns[i] = column;
            }
        }

        var start = startColumn ?? CsvColumns.ByHeader["Name"];
        if (errors.Count == 0 && !seen.Contains(start.Header))
        {
            errors.Add(new ErrorItem("missing_column", $"The file needs a {start.Header} column: a row with a {start.Header} starts a product.", null)
            {
                Row = 1,
                Column = start.Header,
            });
        }

        return columns;
    }

    private static string? Cell(CsvColumn?[] columns, string?[] cells, string field)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] is { IsPermission: false } column && column.Field == field) return cells[i];
        }

        return null;
    }

    private static CsvColumn? FirstProductCell(CsvColumn?[] columns, string?[] cells)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (cells[i] is not null && columns[i] is { IsPermission: false } column) return column;
        }

        return null;
    }


    /// <summary>One product: its row's cells, then one permission entry per row (its own or a continuation).</summary>
    private sealed class ProductBuilder(int index, int row, CsvColumn?[] columns, string?[] cells, List<ErrorItem> errors, NamePool names)
    {
        private readonly List<PermissionEntry> _permissions = [];
        private bool _overBound;

        public List<PermissionEntry> Permissions => _permissions;

        /// <summary>
        /// Adds the row's permission entry, if any of its permission cells is filled. Entries past the bound are
        /// not read: the first of them is reported with its row, and the rest of the file costs no more.
        /// </summary>
        public bool AddPermission(int line, string?[] rowCells)
        {
            var values = new Values(columns, rowCells, line, errors, $"[{index}].productPermission[{_permissions.Count}].", permission: true, names);
            if (!values.AnyFilled || _overBound) return false;
            if (_permissions.Count == PermissionRules.MaxEntries)
            {
                var field = $"[{index}].productPermission";
                errors.Add(new ErrorItem("too_many_items", $"Line {line}: {PermissionRules.TooMany(field, PermissionRules.MaxEntries)}", field) { Row = line });
                _overBound = true;
                return false;
            }

            var combinationType = values.Text("permission.combination.type");
            var combinationValues = values.Names("permission.combination.values");
            _permissions.Add(new PermissionEntry(
                IsEnabled: values.Bool("isEnabled"),
                Type: values.Text("type") ?? "",
                Permission: new PermissionTargets(
                    values.Names("permission.roleNames") ?? [],
                    values.Names("permission.tagNames") ?? [],
                    values.Names("permission.usernames") ?? [],
                    combinationType is null && combinationValues is null ? [] : [new CombinationItem(combinationType ?? "", combinationValues ?? [])]),
                PurchaseAccess: new PurchaseAccess(values.Number("purchaseAccess.specialPrice") ?? 0, values.Bool("purchaseAccess.isSpecialPriceEnabled")),
                PurchaseLimit: new PurchaseLimit(
                    values.Bool("purchaseLimit.isPurchaseLimitEnabled"),
                    values.Integer("purchaseLimit.quantity") ?? PurchaseLimit.Default.Quantity,
                    values.Integer("purchaseLimit.intervalCount") ?? PurchaseLimit.Default.IntervalCount,
                    values.Text("purchaseLimit.intervalUnit") ?? PurchaseLimit.Default.IntervalUnit),
                AccessLevel: values.Text("accessLevel") ?? "full-access",
                IsExclusiveTagEnabled: values.Bool("isExclusiveTagEnabled")));
            return true;
        }

        public ProductInput Build(CsvColumn?[] header)
        {
            var v = new Values(columns, cells, row, errors, $"[{index}].", permission: false, names);
            if (!header.Any(c => c?.Field == "price"))
            {
                errors.Add(new ErrorItem("required", "The file has no Price column; price is required.", $"[{index}].price") { Row = row, Column = "Price" });
            }

            var highlight = ExpiringVoucherHighlight.Default;
            return new ProductInput(
                Name: v.Name("name") ?? "",
                Description: v.Text("description") ?? "",
                Image: v.Text("image"),
                Price: v.Number("price") ?? 0,
                CategoryName: v.Name("categoryName") ?? "",
                DiscountPrice: v.Number("discountPrice") ?? 0,
                IsDiscountEnabled: v.Bool("isDiscountEnabled"),
                DiscountStartDate: v.Date("discountStartDate"),
                DiscountEndDate: v.Date("discountEndDate"),
                UserInformation: new UserInformation(v.Bool("userInformation.isEnabled"), v.Bool("userInformation.shouldCollectName"),
                    v.Bool("userInformation.shouldCollectPhone"), v.Bool("userInformation.shouldCollectAddress")),
                ShouldPrioritiesExpiringVouchers: v.Bool("shouldPrioritiesExpiringVouchers"),
                ShouldDisplayRemainingQuantity: v.Bool("shouldDisplayRemainingQuantity"),
                ExpiringVoucherHighlight: new ExpiringVoucherHighlight(
                    v.Bool("expiringVoucherHighlight.isEnabled"),
                    v.Integer("expiringVoucherHighlight.duration") ?? highlight.Duration,
                    v.Text("expiringVoucherHighlight.timeframe") ?? highlight.Timeframe),
                IsArchived: v.Bool("isArchived"),
                RedemptionInstructions: v.Text("redemptionInstructions") ?? "",
                ProductPermission: _permissions,
                IsProductAccessEnabled: v.Bool("isProductAccessEnabled"),
                PurchaseStatusOverrideName: v.Name("purchaseStatusOverrideName"),
                Vouchers: v.Codes("vouchers"),
                VoucherExpireDate: v.Date("voucherExpireDate"));
        }
    }

    /// <summary>Typed reads of one row's cells; an empty cell is the field's default, a bad one an error with row and column.</summary>
    private sealed class Values(CsvColumn?[] columns, string?[] cells, int row, List<ErrorItem> errors, string prefix, bool permission, NamePool names)
    {
        public bool AnyFilled => Enumerable.Range(0, columns.Length).Any(i => cells[i] is not null && columns[i]?.IsPermission == permission);

        public string? Text(string field) => Find(field).Cell;

        public string[]? List(string field) => Find(field).Cell is { } cell
            ? cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : null;

        /// <summary>Voucher codes as <see cref="List"/> splits them, held over the cell itself (<see cref="VoucherCodes"/>).</summary>
        public VoucherCodes Codes(string field) => Find(field).Cell is { } cell ? VoucherCodes.Split(cell, ',') : VoucherCodes.Empty;

        /// <summary>A readable name, as it is stored (NFC); its characters are <see cref="ProductRules"/>' business.</summary>
        public string? Name(string field) => Find(field).Cell is { } cell ? names.Get(NameKey.Canonical(cell)) : null;

        /// <summary>A list of names, counted before it is split: a cell over the bound is reported and never split.</summary>
        public string[]? Names(string field)
        {
            var (cell, column) = Find(field);
            if (cell is null) return null;
            if (HasMoreValuesThan(cell, PermissionRules.MaxValuesPerList))
            {
                Fail("too_many_items", field, column!, PermissionRules.TooMany(field, PermissionRules.MaxValuesPerList));
                return null;
            }

            return [.. List(field)!.Select(n => names.Get(NameKey.Canonical(n)))];
        }

        public bool Bool(string field)
        {
            var (cell, column) = Find(field);
            if (cell is null) return false;
            if (True.Contains(cell, StringComparer.OrdinalIgnoreCase)) return true;
            if (!False.Contains(cell, StringComparer.OrdinalIgnoreCase)) Fail("invalid_boolean", field, column!, $"'{cell}' is not a boolean: use true/false, yes/no or 1/0.");
            return false;
        }

        public decimal? Number(string field)
        {
            var (cell, column) = Find(field);
            if (cell is null) return null;
            if (decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
            Fail("invalid_number", field, column!, $"'{cell}' is not a number.");
            return null;
        }

        public int? Integer(string field)
        {
            var (cell, column) = Find(field);
            if (cell is null) return null;
            if (int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            Fail("invalid_integer", field, column!, $"'{cell}' is not a whole number within 32 bits.");
            return null;
        }

        public DateTimeOffset? Date(string field)
        {
            var (cell, column) = Find(field);
            if (cell is null) return null;
            if (DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
            Fail("invalid_date", field, column!, $"'{cell}' is not an ISO-8601 date-time.");
            return null;
        }

        private static bool HasMoreValuesThan(string cell, int max)
        {
            var count = 0;
            foreach (var range in cell.AsSpan().Split(','))
            {
                if (!cell.AsSpan()[range].IsWhiteSpace() && ++count > max) return true;
            }

            return false;
        }

        private (string? Cell, CsvColumn? Column) Find(string field)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] is { } column && column.IsPermission == permission && column.Field == field) return (cells[i], column);
            }

            return (null, null);
        }

        private void Fail(string code, string field, CsvColumn column, string message) =>
            errors.Add(new ErrorItem(code, $"{column.Header}: {message}", prefix + ToPath(field)) { Row = row, Column = column.Header });

        // The combination columns fill the one combination item of the entry.
        private static string ToPath(string field) => field.Replace("permission.combination.", "permission.combination[0].", StringComparison.Ordinal);
    }
}
