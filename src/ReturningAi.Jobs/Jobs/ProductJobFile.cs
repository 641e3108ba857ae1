using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using ReturningAi.Jobs.Model;
using ReturningAi.Products;
using ReturningAi.Products.Csv;
using ReturningAi.Users.Csv;

namespace ReturningAi.Jobs.Jobs;

/// <summary>
/// A products job's upload read by the product readers (<see cref="ProductCsvReader"/>, <see cref="ProductJsonReader"/>): at
/// the upload for the file-level checks, and again in the worker for the products themselves. A product is keyed by its
/// CSV row (the line it starts on) or, for JSON, its index; its reader errors make it refused before the Store sees it.
/// A JSON job stores no header (<see cref="IsJson"/>).
/// </summary>
public sealed class ProductJobFile
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    private readonly CsvLayout? _layout;

    private ProductJobFile(ProductsReadResult read, CsvLayout? layout)
    {
        _layout = layout;
        Products = read.Products;
        var byProduct = new Dictionary<int, List<ErrorItem>>();
        var fileErrors = new List<ErrorItem>();
        foreach (var error in read.Errors)
        {
            if (ProductOf(error) is { } index && index < Products.Count)
            {
                (byProduct.TryGetValue(index, out var list) ? list : byProduct[index] = []).Add(error);
            }
            else
            {
                fileErrors.Add(error);
            }
        }

        ReaderErrors = byProduct;
        // No product read (a wrong shape, too many, empty), or a problem of no product (a continuation before any): the file is refused.
        FileErrors = Products.Count == 0 && read.Errors.Count == 0 ? [new ErrorItem("empty", "The upload holds no product.", null)]
            : Products.Count == 0 ? read.Errors : fileErrors;
    }

    public static bool IsJson(Job job) => job.Header.Length == 0;

    public IReadOnlyList<ProductInput> Products { get; }

    /// <summary>Problems that refuse the whole upload with 400, before any job.</summary>
    public IReadOnlyList<ErrorItem> FileErrors { get; }

    /// <summary>The readers' problems by product index; these products are refused.</summary>
    public IReadOnlyDictionary<int, List<ErrorItem>> ReaderErrors { get; }

    /// <summary>The CSV header as uploaded, or none for JSON.</summary>
    public IReadOnlyList<string> Header { get; private init; } = [];

    public static ProductJobFile ReadCsv(ReadOnlyMemory<byte> file)
    {
        var read = ProductCsvReader.Read(file, ignoredColumn: UserCsvHeader.ErrorColumn);
        var header = Csv.CsvRecords.Read(file).Select(r => r.Cells).FirstOrDefault() ?? [];
        return new ProductJobFile(read.Products, read.Layout) { Header = [.. header] };
    }

    /// <summary>A stored JSON array (the upload as parsed at its upload, written again).</summary>
    public static ProductJobFile ReadJson(ReadOnlyMemory<byte> file)
    {
        using var document = JsonDocument.Parse(file, JsonOptions);
        return ReadJson(document.RootElement);
    }

    public static ProductJobFile ReadJson(JsonElement root) => new(ProductJsonReader.ReadBulk(root), null);

    public static ProductJobFile Read(Job job, ReadOnlyMemory<byte> file) => IsJson(job) ? ReadJson(file) : ReadCsv(file);

    /// <summary>The key of a product's details item: the line it starts on (CSV) or its index (JSON).</summary>
    public int RowOf(int index) => _layout is null ? index : _layout.ProductRows.ElementAt(index);

    /// <summary>An error as the partner reads it: with its row and column in a CSV, its index and field in JSON.</summary>
    public ErrorItem Locate(ErrorItem error) => _layout is null ? error : _layout.Locate(error);

    /// <summary>A product's problems: the reader's and the Store's together, each once.</summary>
    public List<ErrorItem> ErrorsOf(int index, IEnumerable<ErrorItem> storeErrors) =>
        [.. (ReaderErrors.TryGetValue(index, out var read) ? read : []).Concat(storeErrors).Select(Locate).DistinctBy(e => (e.Code, e.Field, e.Row, e.Column))];

    private int? ProductOf(ErrorItem error) => _layout is null ? error.Index : error.Row is { } row ? _layout.ProductAt(row) : null;
}
