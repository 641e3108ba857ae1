using MassTransit;
using ReturningAi.Contracts.Events;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Consumers;

/// <summary>A new user: the store's copy starts (see <see cref="UserCopies"/>).</summary>
public sealed class UserCreatedConsumer(StoreDbContext db) : IConsumer<UserCreated>
{
    public Task Consume(ConsumeContext<UserCreated> context) => UserCopies.ApplyAsync(db, context.Message, context.CancellationToken);
}
