using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReturningAi.TestSupport;

namespace ReturningAi.Messaging.Tests;

/// <summary>Each consumer carries out a message id once, whatever the redeliveries and however many instances race.</summary>
public sealed class InboxTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task<bool> HandleAsync(string consumer, Guid messageId, string text, TimeSpan? effectTakes = null)
    {
        await using var db = _database.Context();
        return await db.HandleOnceAsync(consumer, messageId, async cancellationToken =>
        {
            db.Notes.Add(new Note { Text = text });
            await db.SaveChangesAsync(cancellationToken);
            if (effectTakes is { } delay) await Task.Delay(delay, cancellationToken);
        }, CancellationToken.None);
    }

    [Fact]
    public async Task A_message_is_carried_out_once_per_consumer()
    {
        var messageId = NewId.NextGuid();

        Assert.True(await HandleAsync("store-reference-data", messageId, "first"));
        Assert.False(await HandleAsync("store-reference-data", messageId, "again"));
        Assert.True(await HandleAsync("another-consumer", messageId, "another"));

        Assert.Equal(2, await _database.ScalarAsync("SELECT count(*) FROM notes"));
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM notes WHERE text = 'again'"));
    }

    [Fact]
    public async Task Two_instances_given_the_same_message_at_once_carry_it_out_once()
    {
        var messageId = NewId.NextGuid();

        var outcomes = await Task.WhenAll(
            HandleAsync("racing", messageId, "one", TimeSpan.FromMilliseconds(500)),
            HandleAsync("racing", messageId, "two", TimeSpan.FromMilliseconds(500)));

        Assert.Equal(1, outcomes.Count(handled => handled));
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM notes"));
    }

    [Fact]
    public async Task A_failed_effect_leaves_the_message_to_be_carried_out_on_redelivery()
    {
        var messageId = NewId.NextGuid();
        await using (var db = _database.Context())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.HandleOnceAsync("failing", messageId, async cancellationToken =>
            {
                db.Notes.Add(new Note { Text = "half" });
                await db.SaveChangesAsync(cancellationToken);
                throw new InvalidOperationException("the effect failed");
            }, CancellationToken.None));
        }

        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM inbox_messages"));
        Assert.True(await HandleAsync("failing", messageId, "whole"));
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM notes"));
    }

    [Fact]
    public async Task Events_the_effect_adds_commit_with_its_inbox_row()
    {
        await using var db = _database.Context();
        await db.HandleOnceAsync("reacting", NewId.NextGuid(), async cancellationToken =>
        {
            db.Notes.Add(new Note { Text = "reaction" });
            db.AddEvent(new NoteWritten("inbox", "note:reaction", 1, "reaction"), "note:reaction");
            await db.SaveChangesAsync(cancellationToken);
        }, CancellationToken.None);

        Assert.Equal(["note:reaction"], (await _database.OutboxAsync()).Select(r => r.Source));
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task A_consumer_on_the_real_broker_given_one_message_id_twice_applies_it_once()
    {
        var run = Guid.NewGuid().ToString("N");
        var handled = 0;
        var seen = 0;
        var bus = await TestBus.StartAsync(cfg => cfg.ReceiveEndpoint($"messaging-tests-inbox-{run}", e =>
        {
            e.AutoDelete = true;
            e.Durable = false;
            e.Handler<NoteWritten>(async context =>
            {
                if (context.Message.Run != run) return;
                await using var db = _database.Context();
                if (await db.HandleOnceAsync(context, "inbox-tests", async cancellationToken =>
                    {
                        db.Notes.Add(new Note { Text = context.Message.Text });
                        await db.SaveChangesAsync(cancellationToken);
                    }))
                {
                    Interlocked.Increment(ref handled);
                }

                Interlocked.Increment(ref seen);
            });
        }));
        try
        {
            var messageId = NewId.NextGuid();
            foreach (var text in new[] { "delivered", "redelivered" })
            {
                await bus.Publish(new NoteWritten(run, "note:once", 1, text), context => context.MessageId = messageId);
            }

            await Eventually.Until(() => Task.FromResult(Volatile.Read(ref seen)), n => n == 2, TimeSpan.FromSeconds(30), "both deliveries");
            Assert.Equal(1, handled);
            await using var db = _database.Context();
            Assert.Single(await db.Notes.ToListAsync());
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
