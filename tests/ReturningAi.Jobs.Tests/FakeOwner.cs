using System.Collections.Concurrent;
using MassTransit;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.TestSupport;

namespace ReturningAi.Jobs.Tests;

/// <summary>
/// Stands in for Community on the real broker: answers the users commands' queues, records every row it is sent,
/// fails rows whose email starts with "bad", and refuses the field column "nickname". For the Store, it answers products
/// jobs: a product named "bad…" fails on its name, the reader's refused ones fail, the others are created (whatever the policy).
/// </summary>
public sealed class FakeOwner : IAsyncDisposable
{
    private readonly IBusControl _bus;

    public ConcurrentQueue<(string JobId, int Row)> Received { get; } = new();

    public ConcurrentQueue<ApplyProductJob> ProductJobs { get; } = new();

    private FakeOwner(IBusControl bus) => _bus = bus;

    public static async Task<FakeOwner> StartAsync()
    {
        FakeOwner? owner = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(TestServers.RabbitMqConnectionString));
            cfg.ReceiveEndpoint(ApplyUserRows.EntityName, endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.Handler<ApplyUserRows>(context =>
                {
                    var results = context.Message.Rows.Select(row =>
                    {
                        owner!.Received.Enqueue((context.Message.JobId, row.Row));
                        return row.Cells[0].StartsWith("bad", StringComparison.Ordinal)
                            ? new JobRowResult(row.Row, RowStatuses.Failed, [new ErrorItem("invalid_email", "Not an email.", "email") { Row = row.Row, Column = "email" }], null)
                            : new JobRowResult(row.Row, RowStatuses.Created, [], "6750c9f014a3e564c5c09c21");
                    }).ToList();
                    return context.RespondAsync(new JobRowsApplied(results));
                });
            });
            cfg.ReceiveEndpoint(ApplyProductJob.EntityName, endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.Handler<ApplyProductJob>(context =>
                {
                    var job = context.Message;
                    owner!.ProductJobs.Enqueue(job);
                    var results = job.Products.Select((product, i) => product.Name.StartsWith("bad", StringComparison.Ordinal)
                        ? new JobRowResult(i, RowStatuses.Failed, [new ErrorItem("invalid_name", "A bad name.", $"[{i}].name") { Index = i }], null)
                        : job.Refused.Contains(i)
                            ? new JobRowResult(i, RowStatuses.Failed, [], null)
                            : new JobRowResult(i, RowStatuses.Created, [], null, ProductId: $"6750c9f014a3e564c5c09d{i:D2}")).ToList();
                    return context.RespondAsync(new JobRowsApplied(results));
                });
            });
            cfg.ReceiveEndpoint(CheckUserColumns.EntityName, endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.Handler<CheckUserColumns>(context => context.RespondAsync(new UserColumnsChecked([.. context.Message.FieldColumns
                    .Where(c => c == "nickname")
                    .Select(c => new ErrorItem("unknown_column", "Not a field.", c) { Row = 1, Column = c })])));
            });
        });
        owner = new FakeOwner(bus);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return owner;
    }

    public IReadOnlyList<int> RowsOf(string jobId) => [.. Received.Where(r => r.JobId == jobId).Select(r => r.Row).Order()];

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
