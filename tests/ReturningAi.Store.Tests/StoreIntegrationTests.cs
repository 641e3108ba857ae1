using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Products;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.Store.Infrastructure;
using Microsoft.EntityFrameworkCore;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

public sealed class StoreIntegrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StoreFactory _factory = new();
    private HttpClient _client = null!;
    private readonly string _community = ObjectIds.New();

    public async Task InitializeAsync() => _client = await _factory.StartWithCategoryAsync(_community, "Cards");

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static ProductInput Product(string name, params string[] vouchers) => new(
        name, "", null, 10, "cards", 0, false, null, null, UserInformation.Default, false, false,
        ExpiringVoucherHighlight.Default, false, "", [], false, null, vouchers,
        vouchers.Length > 0 ? new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) : null);

    private Task<Response<CreateProductsSucceeded, CommandRejected>> SendAsync(CreateProducts command, Guid messageId) =>
        _factory.CommandClient().GetResponse<CreateProductsSucceeded, CommandRejected>(command,
            x => x.UseExecute(context => context.MessageId = messageId), timeout: RequestTimeout.After(s: 30));

    [Fact]
    public async Task Readiness_checks_the_database_and_the_broker_and_liveness_only_the_process()
    {
        var report = await _factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains(report.Entries.Keys, name => name.Contains(nameof(Infrastructure.StoreDbContext), StringComparison.Ordinal));
        Assert.Contains(report.Entries.Keys, name => name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));

        var live = await _factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("live"));
        Assert.Equal(["self"], live.Entries.Keys);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_redelivered_command_creates_nothing_twice_and_gets_the_same_reply()
    {
        var command = new CreateProducts(_community, "req-1", [Product("Once", "A", "B")]);
        var messageId = NewId.NextGuid();

        var first = await SendAsync(command, messageId);
        var second = await SendAsync(command, messageId);

        Assert.True(first.Is(out Response<CreateProductsSucceeded>? a));
        Assert.True(second.Is(out Response<CreateProductsSucceeded>? b));
        Assert.Equal(a!.Message.Products[0].Id, b!.Message.Products[0].Id);
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
        Assert.Equal(2, await _factory.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c", _community));
    }

    [Fact]
    public async Task A_redelivery_of_the_message_holding_a_key_takes_it_over_while_another_message_is_told_to_wait()
    {
        var hash = System.Security.Cryptography.SHA256.HashData("the partner's body"u8);
        var holder = NewId.NextGuid();
        // What a store instance killed mid-command leaves behind: the key in progress, held by its message.
        await _factory.ScalarAsync(
            $"INSERT INTO idempotency_records (scope, key, request_hash, completed, started_at, owner_message_id) " +
            $"VALUES (@c, 'crashed', decode('{Convert.ToHexStringLower(hash)}', 'hex'), false, now(), '{holder}') RETURNING 1", _community);
        var command = new CreateProducts(_community, "req-crashed", [Product("Taken over", "T-1")]) { Idempotency = new IdempotencyStamp("crashed", hash) };

        var another = await SendAsync(command, NewId.NextGuid());
        var redelivered = await SendAsync(command, holder);

        Assert.True(another.Is(out Response<CommandRejected>? waiting));
        Assert.Equal("idempotency_key_in_progress", waiting!.Message.Errors[0].Code);
        Assert.True(redelivered.Is(out Response<CreateProductsSucceeded>? _));
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
    }

    [Fact]
    public async Task The_logs_of_a_command_carry_the_gateways_request_id()
    {
        var requestId = "ticket-" + Guid.NewGuid().ToString("N");

        await SendAsync(new CreateProducts(_community, requestId, [Product("Logged", "L-1")]), NewId.NextGuid());

        var record = await Eventually.Until(
            () => Task.FromResult(_factory.Logs.GetSnapshot().FirstOrDefault(r => r.Message.StartsWith("Created 1 products", StringComparison.Ordinal)
                && r.Message.Contains(_community, StringComparison.Ordinal))),
            r => r is not null, Patience, "the store to log the create");
        var scopes = record!.Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>().SelectMany(s => s);
        Assert.Contains(new KeyValuePair<string, object>("RequestId", requestId), scopes);
    }

    [Fact]
    public async Task The_same_command_delivered_twice_at_once_still_creates_once()
    {
        var command = new CreateProducts(_community, "req-2", [Product("Raced", "R-1")]);
        var messageId = NewId.NextGuid();

        var replies = await Task.WhenAll(SendAsync(command, messageId), SendAsync(command, messageId));

        var ids = replies.Select(r => { r.Is(out Response<CreateProductsSucceeded>? ok); return ok!.Message.Products[0].Id; }).Distinct();
        Assert.Single(ids);
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
    }

    [Fact]
    public async Task A_rejected_command_writes_nothing_and_says_why()
    {
        var command = new CreateProducts(_community, "req-3", [Product("Good", "G"), Product("Bad") with { CategoryName = "Nope" }]);

        var reply = await SendAsync(command, NewId.NextGuid());

        Assert.True(reply.Is(out Response<CommandRejected>? rejected));
        Assert.Equal(400, rejected!.Message.StatusCode);
        Assert.Equal(("unknown_category", "[1].categoryName", 1), (rejected.Message.Errors[0].Code, rejected.Message.Errors[0].Field, rejected.Message.Errors[0].Index));
        Assert.Equal(0, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
    }

    [Fact]
    public async Task A_command_with_a_wrong_value_and_an_unknown_name_is_refused_with_both_and_writes_nothing()
    {
        var command = new CreateProducts(_community, "req-both", [Product("Negative") with { Price = -1 }, Product("Lost") with { CategoryName = "Nope" }]);

        var reply = await SendAsync(command, NewId.NextGuid());

        Assert.True(reply.Is(out Response<CommandRejected>? rejected));
        Assert.Equal(400, rejected!.Message.StatusCode);
        Assert.Equal([("out_of_range", "[0].price", (int?)0), ("unknown_category", "[1].categoryName", 1)],
            rejected.Message.Errors.Select(e => (e.Code, e.Field, e.Index)));
        Assert.Equal(0, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
    }

    [Fact]
    public async Task Reference_data_events_keep_the_newest_version_whatever_their_order()
    {
        var bus = _factory.Services.GetRequiredService<IBus>();
        var roleId = ObjectIds.New();
        await bus.Publish(new ReferenceDataChanged(ReferenceDataChanged.Role, _community, roleId, "Gold", Deleted: false, Version: 2));
        await bus.Publish(new ReferenceDataChanged(ReferenceDataChanged.Role, _community, roleId, "Silver", Deleted: false, Version: 1));
        var gone = ObjectIds.New();
        await bus.Publish(new ReferenceDataChanged(ReferenceDataChanged.Tag, _community, gone, "Old", Deleted: true, Version: 2));
        await bus.Publish(new ReferenceDataChanged(ReferenceDataChanged.Tag, _community, gone, "Old", Deleted: false, Version: 1));

        await Eventually.Until(() => _factory.ScalarAsync("SELECT count(*) FROM reference_names WHERE community_id = @c", _community),
            n => n == 2, Patience, "both events to be consumed");
        // Give the older events time to arrive after the newer ones; they must change nothing.
        await Eventually.Until(() => _factory.ScalarAsync(
                "SELECT count(*) FROM reference_names WHERE community_id = @c AND ((name = 'Gold' AND version = 2) OR (deleted AND version = 2))", _community),
            n => n == 2, Patience, "the newest versions to stand");

        var entry = new PermissionEntry(true, "role", new PermissionTargets(["gold"], [], [], []), PurchaseAccess.Default, PurchaseLimit.Default, "full-access", false);
        var reply = await SendAsync(new CreateProducts(_community, "req-4", [Product("Gated") with { ProductPermission = [entry] }]), NewId.NextGuid());
        Assert.True(reply.Is(out Response<CreateProductsSucceeded>? created));
        Assert.Equal(["Gold"], created!.Message.Products[0].ProductPermission[0].Permission.RoleNames);

        var tagged = entry with { Type = "tag", Permission = new PermissionTargets([], ["old"], [], []) };
        var refused = await SendAsync(new CreateProducts(_community, "req-5", [Product("Tagged") with { ProductPermission = [tagged] }]), NewId.NextGuid());
        Assert.True(refused.Is(out Response<CommandRejected>? rejected));
        Assert.Equal("unknown_tag", rejected!.Message.Errors[0].Code);
    }

    [Fact]
    public async Task A_create_of_many_permission_names_is_saved_in_chunks_all_of_it_and_a_redelivery_creates_nothing_twice()
    {
        var bus = _factory.Services.GetRequiredService<IBus>();
        var roles = Enumerable.Range(0, 100).Select(i => $"r{i}").ToList();
        foreach (var role in roles) await bus.Publish(new ReferenceDataChanged(ReferenceDataChanged.Role, _community, ObjectIds.New(), role, Deleted: false, Version: 1));
        await Eventually.Until(() => _factory.ScalarAsync("SELECT count(*) FROM reference_names WHERE community_id = @c", _community),
            n => n == 100, Patience, "the roles to be known");

        // About 2.8 million characters of stored ids a product: three products are saved in two chunks.
        var entry = new PermissionEntry(true, "combination", new PermissionTargets(roles, [], [],
            [.. Enumerable.Range(0, 20).Select(_ => new CombinationItem("role", roles))]), PurchaseAccess.Default, PurchaseLimit.Default, "full-access", false);
        var command = new CreateProducts(_community, "req-chunks",
            [.. Enumerable.Range(0, 3).Select(i => Product($"Bounded {i}", $"V{i}") with { ProductPermission = [.. Enumerable.Repeat(entry, 50)] })]);
        var messageId = NewId.NextGuid();

        var first = await SendAsync(command, messageId);
        var again = await SendAsync(command, messageId);

        Assert.True(first.Is(out Response<CreateProductsSucceeded>? created));
        Assert.True(again.Is(out Response<CreateProductsSucceeded>? replayed));
        Assert.Equal(created!.Message.Products.Select(p => p.Id), replayed!.Message.Products.Select(p => p.Id));
        Assert.All(created.Message.Products, p => Assert.Equal(50 * 2_100,
            p.ProductPermission.Sum(e => e.Permission.RoleNames.Count + e.Permission.Combination.Sum(c => c.Values.Count))));
        Assert.Equal(3, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
        Assert.Equal(3 * 50 * 2_100, await _factory.ScalarAsync(
            "SELECT count(*) FROM products p, jsonb_array_elements(p.product_permission) e, "
            + "LATERAL (SELECT jsonb_array_elements_text(e->'permission'->'roleIds') UNION ALL "
            + "SELECT jsonb_array_elements_text(c->'ids') FROM jsonb_array_elements(e->'permission'->'combination') c) ids WHERE p.community_id = @c",
            _community));
        Assert.Equal(3, await _factory.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c", _community));
    }

    [Fact]
    public async Task A_bulk_create_writes_PRODUCTS_CREATED_with_its_products_and_the_outbox_publishes_it_under_the_rows_id()
    {
        await using var probe = await BrokerProbe.BindAsync(ProductsCreated.EntityName);

        var reply = await SendAsync(new CreateProducts(_community, "req-event", [Product("Announced", "E-1", "E-2")]), NewId.NextGuid());
        Assert.True(reply.Is(out Response<CreateProductsSucceeded>? created));

        var productId = created!.Message.Products[0].Id!;
        var message = await probe.NextMessageAsync(m => m.GetProperty("message").GetProperty("communityId").GetString() == _community, Patience);
        Assert.Equal([productId], message.GetProperty("message").GetProperty("productIds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2, message.GetProperty("message").GetProperty("voucherCount").GetInt32());
        Assert.Equal("req-event", message.GetProperty("message").GetProperty("requestId").GetString());
        // Named for the store.products_created webhook.
        var named = Assert.Single(message.GetProperty("message").GetProperty("products").EnumerateArray());
        Assert.Equal(productId, named.GetProperty("_id").GetString());
        Assert.Equal("Announced", named.GetProperty("name").GetString());
        Assert.Equal("cards", named.GetProperty("category").GetString(), ignoreCase: true);
        var messageId = Guid.Parse(message.GetProperty("messageId").GetString()!);
        await Eventually.Until(() => _factory.ScalarAsync(
                $"SELECT count(*) FROM outbox_messages WHERE id = '{messageId}' AND source = 'community:' || @c AND sent_at IS NOT NULL", _community),
            n => n == 1, Patience, "the outbox row to be marked sent");
    }

    [Fact]
    public async Task A_reference_data_event_delivered_again_under_its_message_id_does_nothing_the_second_time()
    {
        var bus = _factory.Services.GetRequiredService<IBus>();
        var roleId = ObjectIds.New();
        var messageId = NewId.NextGuid();
        await bus.Publish(new ReferenceDataChanged(ReferenceDataChanged.Role, _community, roleId, "Gold", Deleted: false, Version: 1),
            context => context.MessageId = messageId);
        await Eventually.Until(() => _factory.ScalarAsync("SELECT count(*) FROM reference_names WHERE community_id = @c", _community),
            n => n == 1, Patience, "the event to be consumed");

        // The same message id again, even with a newer version that the upsert alone would take: the inbox drops it.
        await bus.Publish(new ReferenceDataChanged(ReferenceDataChanged.Role, _community, roleId, "Platinum", Deleted: false, Version: 2),
            context => context.MessageId = messageId);
        var marker = ObjectIds.New();
        await bus.Publish(new ReferenceDataChanged(ReferenceDataChanged.Tag, _community, marker, "After", Deleted: false, Version: 1));
        await Eventually.Until(() => _factory.ScalarAsync("SELECT count(*) FROM reference_names WHERE community_id = @c", _community),
            n => n == 2, Patience, "the event sent after the duplicate to be consumed");
        await Task.Delay(500); // the duplicate may be handled side by side with it

        Assert.Equal(1, await _factory.ScalarAsync(
            "SELECT count(*) FROM reference_names WHERE community_id = @c AND name = 'Gold' AND version = 1", _community));
        Assert.Equal(1, await _factory.ScalarAsync(
            $"SELECT count(*) FROM inbox_messages WHERE consumer = 'store-reference-data-changed' AND message_id = '{messageId}'", _community));
    }

    [Fact]
    public async Task Category_names_are_unique_per_community_ignoring_case_and_a_used_category_cannot_be_deleted()
    {
        using var duplicate = StoreFactory.FromGateway(HttpMethod.Post, "/categories", _community, new { name = "  CARDS " });
        Assert.Equal(HttpStatusCode.Conflict, (await _client.SendAsync(duplicate)).StatusCode);
        using var elsewhere = StoreFactory.FromGateway(HttpMethod.Post, "/categories", ObjectIds.New(), new { name = "Cards" });
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(elsewhere)).StatusCode);

        await SendAsync(new CreateProducts(_community, "req-6", [Product("Uses cards")]), NewId.NextGuid());
        using var list = StoreFactory.FromGateway(HttpMethod.Get, "/categories", _community);
        var categoryId = (await (await _client.SendAsync(list)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data")[0].GetProperty("_id").GetString();
        using var delete = StoreFactory.FromGateway(HttpMethod.Delete, $"/categories/{categoryId}", _community);
        using var response = await _client.SendAsync(delete);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("category_in_use", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_that_did_not_come_through_the_gateway_are_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/categories");
        request.Headers.Add("X-ReturningAi-Community-Id", _community);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Store_instances_starting_side_by_side_seed_the_demo_community_once_and_all_keep_running()
    {
        var token = "store-seed-" + Guid.NewGuid().ToString("N");
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DemoCommunity.ConfigurationKey] = token })
            .Build();
        var seeders = Enumerable.Range(0, 6).Select(_ => new DemoSeeder(_factory.Services.GetRequiredService<IServiceScopeFactory>(), configuration,
            TimeProvider.System, NullLogger<DemoSeeder>.Instance)).ToList();

        await Task.WhenAll(seeders.Select(seeder => seeder.StartAsync(CancellationToken.None)));
        // A seeder that threw would stop its host: every one must end without an exception.
        await Task.WhenAll(seeders.Select(seeder => seeder.ExecuteTask!));

        var communityId = DemoCommunity.IdFor(token);
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM categories WHERE community_id = @c", communityId));
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM redemption_statuses WHERE community_id = @c", communityId));
    }

    [Fact]
    public async Task A_key_whose_request_failed_while_the_database_was_away_is_let_go_once_it_answers_unless_taken_over_since()
    {
        var hash = System.Security.Cryptography.SHA256.HashData("body"u8);
        var janitor = _factory.Services.GetRequiredService<AbandonedKeys<StoreDbContext>>();

        // Two requests take their keys; then the database goes away (for their context) before they can let go.
        var (released, releasedDb) = KeysOnOwnContext(janitor);
        var (takenOver, takenOverDb) = KeysOnOwnContext(janitor);
        Assert.Equal(IdempotencyDecision.Proceed, (await released.BeginAsync(_community, "released", hash, CancellationToken.None)).Decision);
        Assert.Equal(IdempotencyDecision.Proceed, (await takenOver.BeginAsync(_community, "taken-over", hash, CancellationToken.None)).Decision);
        // A redelivery of the second request's message takes its key over meanwhile (a new start time).
        await _factory.ScalarAsync("UPDATE idempotency_records SET started_at = now() + interval '1 second' WHERE scope = @c AND key = 'taken-over' RETURNING 1", _community);
        var away = new Npgsql.NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString(_factory.Database)) { Port = 1 }.ConnectionString;
        releasedDb.Database.SetConnectionString(away);
        takenOverDb.Database.SetConnectionString(away);

        await released.AbandonAsync(_community, "released");
        await takenOver.AbandonAsync(_community, "taken-over");

        // The database answers the service again: the first key is let go, the one taken over stays.
        await Eventually.Until(() => _factory.ScalarAsync("SELECT count(*) FROM idempotency_records WHERE scope = @c AND key = 'released'", _community),
            count => count == 0, TimeSpan.FromSeconds(10), "the abandoned key to be let go");
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM idempotency_records WHERE scope = @c AND key = 'taken-over'", _community));
        releasedDb.Dispose();
        takenOverDb.Dispose();
    }

    private (IdempotencyKeys<StoreDbContext> Keys, StoreDbContext Db) KeysOnOwnContext(AbandonedKeys<StoreDbContext> janitor)
    {
        var db = StoreContexts.On(_factory.Database);
        return (new IdempotencyKeys<StoreDbContext>(db, TimeProvider.System, janitor), db);
    }
}
