using MassTransit;

namespace ReturningAi.ClaimCheck.Tests;

public sealed class RepositoryTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static byte[] Payload(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task A_payload_is_stored_from_the_streams_position_and_read_back_whole_by_its_address()
    {
        await using var repository = _database.Repository();
        var bytes = Payload(3 * 1024 * 1024 + 17);
        using var stream = new MemoryStream([1, 2, 3, .. bytes]) { Position = 3 };

        var address = await repository.Put(stream, TimeSpan.FromMinutes(1));

        Assert.StartsWith("urn:returningai:message-data:", address.OriginalString, StringComparison.Ordinal);
        Assert.True(PostgresMessageDataRepository.Owns(address));
        Assert.Equal(bytes, await ReadAsync(await repository.Get(address)));
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_stored_too()
    {
        await using var repository = _database.Repository();
        var bytes = Payload(200_000);
        await using var stream = new BufferedStream(new ForwardOnlyStream(bytes));

        var address = await repository.Put(stream, TimeSpan.FromMinutes(1));

        Assert.Equal(bytes, await ReadAsync(await repository.Get(address)));
    }

    [Fact]
    public async Task A_deleted_payload_is_gone_and_deleting_it_again_says_so()
    {
        await using var repository = _database.Repository();
        var address = await repository.Put(new MemoryStream(Payload(10)), TimeSpan.FromMinutes(1));

        Assert.True(await repository.DeleteAsync(address));

        Assert.False(await repository.DeleteAsync(address));
        await Assert.ThrowsAsync<MessageDataNotFoundException>(() => repository.Get(address));
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM message_data"));
    }

    [Fact]
    public async Task An_expired_payload_cannot_be_read_and_the_sweep_deletes_it_and_only_it()
    {
        await using var repository = _database.Repository();
        var expired = await repository.Put(new MemoryStream(Payload(10)), TimeSpan.FromMilliseconds(1));
        var live = await repository.Put(new MemoryStream(Payload(20)), TimeSpan.FromMinutes(5));
        await Task.Delay(50);

        await Assert.ThrowsAsync<MessageDataNotFoundException>(() => repository.Get(expired));
        Assert.Equal(1, await repository.SweepAsync());

        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM message_data"));
        Assert.Equal(Payload(20), await ReadAsync(await repository.Get(live)));
        Assert.Equal(0, await repository.SweepAsync());
    }

    [Fact]
    public async Task Without_a_time_to_live_the_configured_default_applies()
    {
        await using var repository = _database.Repository(defaultTimeToLiveSeconds: 600);

        await repository.Put(new MemoryStream(Payload(10)));

        var seconds = await _database.ScalarAsync("SELECT extract(epoch FROM expires_at - now())::bigint FROM message_data");
        Assert.InRange(seconds, 590, 600);
    }

    [Fact]
    public async Task An_address_of_another_repository_is_not_found_and_not_deleted()
    {
        await using var repository = _database.Repository();
        var foreign = new Uri("urn:msgdata:0123456789abcdef");

        Assert.False(PostgresMessageDataRepository.Owns(foreign));
        await Assert.ThrowsAsync<MessageDataNotFoundException>(() => repository.Get(foreign));
        Assert.False(await repository.DeleteAsync(foreign));
    }

    [Fact]
    public async Task Pooled_connections_the_server_terminated_are_replaced_and_every_operation_still_succeeds()
    {
        await using var repository = _database.Repository();
        var bytes = Payload(100_000);
        var kept = await repository.Put(new MemoryStream(bytes), TimeSpan.FromMinutes(1));
        await using (await repository.OpenReadAsync(kept)) { } // a second pooled connection, idle now like the first

        // What PostgreSQL's restart does to a service's idle pool: each backend is told 57P01 and closed.
        Assert.True(await TerminateBackendsAsync() >= 1);
        var stored = await repository.Put(new MemoryStream([9, .. bytes]) { Position = 1 }, TimeSpan.FromMinutes(1));
        Assert.Equal(bytes, await ReadAsync(await repository.Get(stored)));

        Assert.True(await TerminateBackendsAsync() >= 1);
        await using (var payload = await repository.OpenReadAsync(kept)) Assert.Equal(bytes, await ReadAsync(payload));

        Assert.True(await TerminateBackendsAsync() >= 1);
        Assert.True(await repository.DeleteAsync(stored));
        Assert.Equal(1, await _database.ScalarAsync($"SELECT count(*) FROM message_data WHERE octet_length(data) = {bytes.Length}"));
    }

    private Task<long> TerminateBackendsAsync() => _database.ScalarAsync(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

    /// <summary>A stream that only reads forward, as a network body does.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
