using MassTransit;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Contracts.Commands;

/// <summary>
/// The bulk create, on the broker as <c>PRODUCT_EVENTS.CREATE_PRODUCTS</c>. The products are
/// shape-valid; the store resolves their names, checks the rest and persists them all or none.
/// </summary>
public sealed record CreateProducts(string CommunityId, string RequestId, IReadOnlyList<ProductInput> Products, bool DryRun = false)
{
    /// <summary>The partner's <c>Idempotency-Key</c>, if sent, and the SHA-256 of the request it came with.</summary>
    public IdempotencyStamp? Idempotency { get; init; }

    /// <summary>
    /// A large command's products (a JSON array of <see cref="ProductInput"/>), stored by the gateway in the claim check's
    /// database and read from there by the store, instead of crossing the broker; <see cref="Products"/> is then empty.
    /// Null for a command of ordinary size, whose products travel in the message as before.
    /// </summary>
    public MessageData<Stream>? ProductsData { get; init; }

    /// <summary>
    /// A large request's body as uploaded (the JSON array, or the CSV file without its multipart framing), streamed by the
    /// gateway into the claim check's database without being parsed; the store reads and checks it with the same readers
    /// and answers its problems located as the gateway would. <see cref="Products"/> is then empty. Null otherwise.
    /// </summary>
    public MessageData<Stream>? UploadData { get; init; }

    /// <summary>What <see cref="UploadData"/> holds.</summary>
    public UploadedBodyFormat UploadFormat { get; init; }

    public const string EntityName = "PRODUCT_EVENTS.CREATE_PRODUCTS";
}
