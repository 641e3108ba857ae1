using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Rewards;

namespace ReturningAi.Store.Orders;

/// <summary>An order as it is after a change (or unchanged), or why the change was refused: status and error items.</summary>
public sealed record OrderChangeOutcome(OrderDto? Order, int Status, IReadOnlyList<ErrorItem> Errors)
{
    public static OrderChangeOutcome Done(OrderDto order) => new(order, StatusCodes.Status200OK, []);

    public static OrderChangeOutcome Refused(int status, string code, string message, string? field = null) =>
        new(null, status, [new ErrorItem(code, message, field)]);

    public static OrderChangeOutcome OrderNotFound { get; } = Refused(StatusCodes.Status404NotFound, "not_found", "The order was not found.");

    public static OrderChangeOutcome OrderRefunded { get; } =
        Refused(StatusCodes.Status409Conflict, "order_refunded", "The order was refunded, and refunds are final.");
}
