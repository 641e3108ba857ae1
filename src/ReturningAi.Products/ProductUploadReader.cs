using System.Text.Json;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.Products.Csv;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Products;

/// <summary>
/// A bulk create's body as uploaded (the JSON array, or the CSV file), read into the create objects by the same readers and
/// with the same problems whether the gateway reads a small body or the store a large one from the claim check.
/// </summary>
public static class ProductUploadReader
{
    public static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    /// <summary>The message of the 400 that refuses a body whose items have problems.</summary>
    public const string InvalidMessage = "The request is invalid.";

    /// <summary>
    /// The products and the problems of the body, the message of its 400 if it has problems (that of JSON that cannot be
    /// parsed, as the gateway answers it, or <see cref="InvalidMessage"/>), and how to locate a problem found later by product
    /// (row and column for a CSV; a JSON item's index stands as it is).
    /// </summary>
    public static (ProductsReadResult Products, string Refusal, Func<ErrorItem, ErrorItem> Locate) Read(UploadedBodyFormat format, ReadOnlyMemory<byte> body)
    {
        if (format == UploadedBodyFormat.Csv)
        {
            var csv = ProductCsvReader.Read(body);
            return (csv.Products, InvalidMessage, csv.Layout.Locate);
        }

        var (document, error) = JsonBody.Parse(body, JsonOptions);
        if (error is not null) return (ProductsReadResult.Failed(error), error.Message, item => item);
        using (document)
        {
            return (ProductJsonReader.ReadBulk(document!.RootElement), InvalidMessage, item => item);
        }
    }

    /// <summary>
    /// The same, read from the body as it comes (the claim check's payload off PostgreSQL): a JSON array one product at a time,
    /// never whole; a CSV file, which its reader takes whole, into one array of the stream's length.
    /// </summary>
    public static async Task<(ProductsReadResult Products, string Refusal, Func<ErrorItem, ErrorItem> Locate)> ReadAsync(
        UploadedBodyFormat format, Stream body, CancellationToken cancellationToken)
    {
        if (format == UploadedBodyFormat.Csv)
        {
            var file = GC.AllocateUninitializedArray<byte>(checked((int)body.Length));
            await body.ReadExactlyAsync(file, cancellationToken);
            return Read(format, file);
        }

        var (products, malformed) = await ProductJsonReader.ReadBulkAsync(body, JsonOptions, cancellationToken);
        return (products, malformed?.Message ?? InvalidMessage, item => item);
    }
}
