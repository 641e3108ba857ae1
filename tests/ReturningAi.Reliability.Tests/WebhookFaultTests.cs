using System.Net;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ReturningAi.TestSupport;
using Xunit.Abstractions;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// Webhook deliveries under faults (P13): the Webhooks service killed while its attempts are out at the receiver.
/// Its deliveries are rows in PostgreSQL whose attempt commits with its result, so the restarted service finds them
/// due again: nothing is lost, each is attempted again with its event id, and never twice at once.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class WebhookFaultTests(ReliabilityStack stack, ITestOutputHelper output) : ReliabilityTest(stack, output)
{
    private const int Events = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task W1_The_webhooks_service_killed_mid_attempt_delivers_every_pending_event_after_its_restart_never_two_attempts_at_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var community = await Catalogue.CommunityWithPageNamesAsync(Stack.Api, Patience);
        var path = WebhookReceiver.NewPath();
        // Every attempt before the kill hangs at the receiver, so each is under way when the process dies.
        receiver.Answer(path, ReceiverAnswer.Timeout);
        var endpoint = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/webhooks/endpoints", community.Token,
            new { url = receiver.Url(path), events = new[] { "store.products_created" } });
        Assert.Equal(HttpStatusCode.Created, endpoint.Status);
        var endpointId = endpoint.Json.GetProperty("data").GetProperty("_id").GetString()!;
        var secret = endpoint.Json.GetProperty("data").GetProperty("secret").GetString()!;

        for (var i = 0; i < Events; i++)
        {
            var created = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, new JsonArray(Catalogue.Product($"Killed webhook #{i}")));
            Assert.Equal(HttpStatusCode.Created, created.Status);
        }

        await Eventually.Until(() => Task.FromResult(receiver.Received(path).Select(r => r.WebhookId).Distinct().Count()), n => n == Events,
            TimeSpan.FromSeconds(60), "every event's first attempt to be under way");
        try
        {
            await ServiceProcesses.KillAsync(Stack.App, "webhooks", "ReturningAi.Webhooks");
            await Stack.App.ResourceNotifications.WaitForResourceAsync("webhooks",
                e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
            receiver.Answer(path, ReceiverAnswer.Ok);
        }
        finally
        {
            var killedAt = DateTime.UtcNow;
            try
            {
                await ServiceProcesses.RestartAsync(Stack.App, "webhooks");
            }
            finally
            {
                foreach (var log in Stack.Telemetry.Logs.Where(l => l.Service == "webhooks" && l.ReceivedAt >= killedAt)) Output.WriteLine(log.ToString());
            }
        }

        var deliveries = await Eventually.Until(
            () => Stack.Api.SendAsync(HttpMethod.Get, $"/apis/webhooks/endpoints/{endpointId}/deliveries?limit=100", community.Token),
            r => r.Status == HttpStatusCode.OK && r.Json.GetProperty("data").GetArrayLength() == Events
                && r.Json.GetProperty("data").EnumerateArray().All(d => d.GetProperty("state").GetString() == "succeeded"),
            Patience, "every delivery to succeed after the restart");

        var received = receiver.Received(path);
        Output.WriteLine(string.Join("\n", received.Select(r => $"{r.At:HH:mm:ss.fff} {r.WebhookId}")));
        foreach (var delivery in deliveries.Json.GetProperty("data").EnumerateArray())
        {
            var eventId = delivery.GetProperty("eventID").GetString()!;
            var sent = received.Count(r => r.WebhookId == eventId);
            Assert.True(sent >= 2, $"{eventId} was not attempted again after the restart.");
            // Every attempt is in the log but the one the kill cut short, which committed nothing.
            Assert.Equal(sent - 1, delivery.GetProperty("attempts").GetInt32());
            Assert.True(StandardWebhookCheck.Verify(secret, received.Last(r => r.WebhookId == eventId)));
        }

        Assert.Equal(Events, received.Select(r => r.WebhookId).Distinct().Count());
        Assert.Equal(0, receiver.Overlaps);
    }
}
