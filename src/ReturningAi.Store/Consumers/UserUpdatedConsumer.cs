using MassTransit;
using ReturningAi.Contracts.Events;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Consumers;

/// <summary>A user's profile, status, roles or tags changed: the store's copy moves forward (see <see cref="UserCopies"/>).</summary>
public sealed class UserUpdatedConsumer(StoreDbContext db) : IConsumer<UserUpdated>
{
    public Task Consume(ConsumeContext<UserUpdated> context) => UserCopies.ApplyAsync(db, context.Message, context.CancellationToken);
}
