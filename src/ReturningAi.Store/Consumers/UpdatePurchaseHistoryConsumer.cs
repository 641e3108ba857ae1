using MassTransit;
using ReturningAi.Contracts.Commands;
using ReturningAi.Rewards.Requests;
using ReturningAi.Store.Orders;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// Carries out <c>update:purchase-history</c> (rewards.md §6) and answers the order or the rejection. Setting
/// values is idempotent by construction: a redelivered command finds them set, changes nothing and emits no second event.
/// </summary>
public sealed class UpdatePurchaseHistoryConsumer(PurchaseHistoryEditor editor, IdempotentReplies replies,
    ILogger<UpdatePurchaseHistoryConsumer> logger) : IConsumer<UpdatePurchaseHistory>
{
    public async Task Consume(ConsumeContext<UpdatePurchaseHistory> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = command.RequestId });
        if (await replies.DropIfExpiredAsync(context, command.CommunityId, null, UpdatePurchaseHistory.EntityName)) return;

        var edit = new PurchaseHistoryEdit(command.RedemptionInstructions, command.VoucherCode, command.VoucherExpiryDate);
        await replies.RespondAsync<PurchaseHistoryUpdated>(context, command.CommunityId, null, async () =>
        {
            var outcome = await editor.EditAsync(command.CommunityId, command.PurchaseHistoryId, edit, command.RequestId, context.CancellationToken);
            if (outcome.Order is null)
            {
                return (null, new CommandRejected(outcome.Status, outcome.Errors[0].Message, outcome.Errors));
            }

            return (new PurchaseHistoryUpdated(outcome.Order), null);
        });
    }
}
