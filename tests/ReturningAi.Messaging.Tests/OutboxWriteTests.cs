using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace ReturningAi.Messaging.Tests;

/// <summary>An event is written in the transaction of its data, on every path a unit of work can take, and only then.</summary>
public sealed class OutboxWriteTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static NoteWritten Event(string text, int sequence = 1) => new("write-tests", "note:" + text, sequence, text);

    [Fact]
    public async Task An_event_added_before_SaveChanges_is_written_in_its_transaction_even_for_a_single_statement()
    {
        await using var db = _database.Context();
        db.Notes.Add(new Note { Text = "one" });
        db.AddEvent(Event("one"), "note:one");
        await db.SaveChangesAsync();

        var row = Assert.Single(await _database.OutboxAsync());
        Assert.Equal("note:one", row.Source);
        Assert.Equal($"{typeof(NoteWritten).FullName}, {typeof(NoteWritten).Assembly.GetName().Name}", row.MessageType);
        Assert.Equal("one", JsonDocument.Parse(row.Body).RootElement.GetProperty("text").GetString());
        Assert.NotEqual(Guid.Empty, row.Id);
        Assert.Null(row.SentAt);
        // One transaction: the note and the event have the same xmin.
        Assert.Equal(1, await _database.ScalarAsync(
            "SELECT count(DISTINCT xmin::text) FROM (SELECT xmin FROM notes UNION ALL SELECT xmin FROM outbox_messages) x"));
    }

    [Fact]
    public async Task The_event_of_a_failed_SaveChanges_is_not_written_then_or_with_a_later_commit()
    {
        await using (var first = _database.Context())
        {
            first.Notes.Add(new Note { Text = "taken" });
            await first.SaveChangesAsync();
        }

        await using var db = _database.Context();
        db.Notes.Add(new Note { Text = "taken" });
        db.AddEvent(Event("taken"), "note:taken");
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        db.ChangeTracker.Clear();
        db.Notes.Add(new Note { Text = "other" });
        await db.SaveChangesAsync();

        Assert.Empty(await _database.OutboxAsync());
    }

    [Fact]
    public async Task A_failed_SaveChanges_inside_a_transaction_drops_its_own_event_and_keeps_the_earlier_ones()
    {
        await using (var first = _database.Context())
        {
            first.Notes.Add(new Note { Text = "taken" });
            await first.SaveChangesAsync();
        }

        await using var db = _database.Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Notes.Add(new Note { Text = "kept" });
        db.AddEvent(Event("kept"), "note:kept");
        await db.SaveChangesAsync();

        db.Notes.Add(new Note { Text = "taken" });
        db.AddEvent(Event("taken"), "note:taken");
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync()); // EF rolls back to its savepoint
        db.ChangeTracker.Clear();
        await transaction.CommitAsync();

        Assert.Equal(["note:kept"], (await _database.OutboxAsync()).Select(r => r.Source));
    }

    [Fact]
    public async Task A_rolled_back_or_abandoned_transaction_writes_no_event_and_leaves_none_for_the_next()
    {
        await using var db = _database.Context();
        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            db.Notes.Add(new Note { Text = "rolled back" });
            db.AddEvent(Event("rolled back"), "note:rolled-back");
            await db.SaveChangesAsync();
            await rolledBack.RollbackAsync();
        }

        db.ChangeTracker.Clear();
        await using (await db.Database.BeginTransactionAsync())
        {
            db.Notes.Add(new Note { Text = "abandoned" });
            db.AddEvent(Event("abandoned"), "note:abandoned");
            await db.SaveChangesAsync();
            // Disposed without a commit.
        }

        db.ChangeTracker.Clear();
        db.Notes.Add(new Note { Text = "committed" });
        db.AddEvent(Event("committed"), "note:committed");
        await db.SaveChangesAsync();

        Assert.Equal(["note:committed"], (await _database.OutboxAsync()).Select(r => r.Source));
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM notes"));
    }

    [Fact]
    public async Task Events_of_a_COPY_inside_an_EF_transaction_commit_with_it_and_roll_back_with_it()
    {
        async Task CopyAsync(bool commit, string text)
        {
            await using var db = _database.Context();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var copy = await connection.BeginBinaryImportAsync("COPY notes (text) FROM STDIN (FORMAT BINARY)"))
            {
                await copy.WriteRowAsync(default, text);
                await copy.CompleteAsync();
            }

            db.AddEvent(Event(text), "note:" + text);
            if (commit) await transaction.CommitAsync();
        }

        await CopyAsync(commit: false, "dropped");
        await CopyAsync(commit: true, "copied");

        Assert.Equal(["note:copied"], (await _database.OutboxAsync()).Select(r => r.Source));
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM notes WHERE text = 'copied'"));
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM notes WHERE text = 'dropped'"));
    }

    [Fact]
    public async Task Plain_Npgsql_writes_events_with_the_writer_in_its_own_transaction()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        foreach (var (text, commit) in new[] { ("dropped", false), ("written", true) })
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var insert = new NpgsqlCommand("INSERT INTO notes (text) VALUES (@t)", connection, transaction))
            {
                insert.Parameters.AddWithValue("t", NpgsqlDbType.Text, text);
                await insert.ExecuteNonQueryAsync();
            }

            await OutboxWriter.WriteAsync(connection, transaction, [OutboxEntry.Create(Event(text), "note:" + text)], CancellationToken.None);
            if (commit) await transaction.CommitAsync();
            else await transaction.RollbackAsync();
        }

        Assert.Equal(["note:written"], (await _database.OutboxAsync()).Select(r => r.Source));
    }

    [Fact]
    public async Task Rolling_back_to_a_savepoint_drops_only_the_events_added_after_it()
    {
        await using var db = _database.Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Notes.Add(new Note { Text = "before" });
        db.AddEvent(Event("before"), "note:before");
        await db.SaveChangesAsync();

        await transaction.CreateSavepointAsync("nested");
        db.Notes.Add(new Note { Text = "after" });
        db.AddEvent(Event("after"), "note:after");
        await db.SaveChangesAsync();
        await transaction.RollbackToSavepointAsync("nested");

        db.AddEvent(Event("last"), "note:last");
        await transaction.CommitAsync();

        Assert.Equal(["note:before", "note:last"], (await _database.OutboxAsync()).Select(r => r.Source));
    }

    [Fact]
    public async Task An_event_with_nothing_else_to_save_is_still_written_by_SaveChanges()
    {
        await using var db = _database.Context();
        db.AddEvent(Event("alone"), "note:alone");
        await db.SaveChangesAsync();

        Assert.Single(await _database.OutboxAsync());
    }

    [Fact]
    public async Task A_pooled_context_does_not_carry_an_unsaved_event_into_its_next_lease()
    {
        var services = new ServiceCollection()
            .AddDbContextPool<NotesContext>(options => options.UseNpgsql(_database.ConnectionString).UseOutbox(), poolSize: 1)
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<NotesContext>().AddEvent(Event("never saved"), "note:never");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesContext>();
            db.Notes.Add(new Note { Text = "next lease" });
            await db.SaveChangesAsync();
        }

        Assert.Empty(await _database.OutboxAsync());
    }

    [Fact]
    public async Task Of_two_transactions_on_the_same_row_the_one_committed_first_has_the_lower_position()
    {
        await using (var seed = _database.Context())
        {
            seed.Notes.Add(new Note { Text = "shared" });
            await seed.SaveChangesAsync();
        }

        await using var first = _database.Context();
        await using var second = _database.Context();
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        // The second transaction adds its event first, then waits for the first's row lock.
        await using var secondTransaction = await second.Database.BeginTransactionAsync();
        second.AddEvent(Event("second"), "note:shared");
        (await first.Notes.SingleAsync()).Text = "shared 1";
        first.AddEvent(Event("first"), "note:shared");
        await first.SaveChangesAsync();

        var secondWrite = Task.Run(async () =>
        {
            (await second.Notes.SingleAsync()).Text = "shared 2"; // reads the committed row, then blocks on its lock
            await second.SaveChangesAsync();
            await secondTransaction.CommitAsync();
        });
        await Task.Delay(300);
        Assert.False(secondWrite.IsCompleted);
        await firstTransaction.CommitAsync();
        await secondWrite.WaitAsync(TimeSpan.FromSeconds(10));

        var rows = await _database.OutboxAsync();
        Assert.Equal([1, 1], rows.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("sequence").GetInt32()));
        Assert.Equal(["first", "second"], rows.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task A_context_without_the_outbox_refuses_events_instead_of_dropping_them()
    {
        await using var db = _database.Context(outbox: false);
        Assert.Throws<InvalidOperationException>(() => db.AddEvent(Event("nowhere"), "note:nowhere"));
    }

    [Fact]
    public void A_source_must_be_given_and_short()
    {
        Assert.Throws<ArgumentException>(() => OutboxEntry.Create(Event("x"), " "));
        Assert.Throws<ArgumentException>(() => OutboxEntry.Create(Event("x"), new string('s', MessagingModelExtensions.MaxSourceLength + 1)));
    }
}
