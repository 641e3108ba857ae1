using ReturningAi.Contracts.Commands;

namespace ReturningAi.Store.Products;

/// <summary>What a create came to: the products, or the rejection; <c>Replayed</c> when a handled command was redelivered.</summary>
public sealed record CreateOutcome(CreateProductsSucceeded? Succeeded, CommandRejected? Rejected, bool Replayed = false)
{
    public static CreateOutcome Reject(int statusCode, string message, IReadOnlyList<Contracts.Http.ErrorItem> errors) =>
        new(null, new CommandRejected(statusCode, message, ReturningAi.Products.ProductErrors.Capped([.. errors])));
}
