using System.Text;
using System.Text.Json;
using Npgsql;
using ReturningAi.TestSupport;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.Webhooks.Tests;

/// <summary>Deliveries against a real receiver: signatures, retries, encryption, disabling (events-and-jobs.md §4, 1–4 and 8–9).</summary>
[Collection(WebhooksCollection.Name)]
public sealed class DeliveryTests(WebhooksFixture fixture)
{
    private WebhookReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task A_test_delivery_verifies_with_the_stock_library_and_the_secret_and_one_changed_byte_fails()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, ["store.item_purchased"]);

        var (status, json) = await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);

        Assert.Equal(200, status);
        Assert.Equal("succeeded", json.GetProperty("data").GetProperty("state").GetString());
        Assert.True(json.GetProperty("data").GetProperty("isTest").GetBoolean());
        var request = Assert.Single(Receiver.Received(path));
        Assert.Equal("application/json", request.Header("content-type"));
        Assert.True(StandardWebhookCheck.Verify(secret, request));
        var changed = request.Body.ToArray();
        changed[^3] ^= 0x01;
        Assert.False(StandardWebhookCheck.Verify(secret, request, Encoding.UTF8.GetString(changed)));
        Assert.False(StandardWebhookCheck.Verify(WebhookSecret.Generate(), request));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("webhook.test", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(request.WebhookId, body.RootElement.GetProperty("id").GetString());
        Assert.Equal(community, body.RootElement.GetProperty("communityID").GetString());
        Assert.Equal(endpointId, body.RootElement.GetProperty("data").GetProperty("endpointID").GetString());
    }

    [Fact]
    public async Task A_receiver_failing_attempts_one_and_two_gets_the_event_once_more_with_the_same_id_and_a_valid_signature()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, ["store.products_created"]);
        Receiver.Script(path, ReceiverAnswer.Code(500), ReceiverAnswer.Timeout);

        await fixture.PublishProductsCreatedAsync(community);

        var delivery = (await fixture.SettledDeliveriesAsync(community, endpointId))[0];
        Assert.Equal("succeeded", delivery.GetProperty("state").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        var received = Receiver.Received(path);
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.WebhookId).Distinct());
        Assert.Equal(delivery.GetProperty("eventID").GetString(), received[0].WebhookId);
        Assert.All(received, r => Assert.True(StandardWebhookCheck.Verify(secret, r)));
        using var body = JsonDocument.Parse(received[2].Body);
        Assert.Equal("store.products_created", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("Amazon Gift Card", body.RootElement.GetProperty("data").GetProperty("products")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_success_records_while_another_transaction_holds_its_endpoint_and_one_after_failures_ends_the_failing_spell()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community, ["store.products_created"]);
        await using (var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(fixture.Factory.Database)))
        {
            // As a concurrent attempt's record or an endpoint update does: a success on a healthy endpoint does not wait for it.
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var hold = new NpgsqlCommand("SELECT 1 FROM webhook_endpoints WHERE id = @id FOR NO KEY UPDATE", connection, transaction);
            hold.Parameters.AddWithValue("id", endpointId);
            await hold.ExecuteScalarAsync();
            await fixture.PublishProductsCreatedAsync(community);
            Assert.Equal("succeeded", (await fixture.SettledDeliveriesAsync(community, endpointId))[0].GetProperty("state").GetString());
        }

        Receiver.Script(path, ReceiverAnswer.Code(500));
        await fixture.PublishProductsCreatedAsync(community);
        var settled = await fixture.SettledDeliveriesAsync(community, endpointId, count: 2);
        Assert.Equal([("succeeded", 1), ("succeeded", 2)], settled.EnumerateArray()
            .Select(d => (d.GetProperty("state").GetString(), d.GetProperty("attempts").GetInt32())).OrderBy(d => d.Item2).ToArray());
        Assert.Equal(0L, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_endpoints WHERE id = @id AND failing_since IS NOT NULL", ("id", endpointId)));
    }

    [Fact]
    public async Task A_receiver_that_always_fails_gets_exactly_eight_attempts_then_the_delivery_fails()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community);
        Receiver.Answer(path, ReceiverAnswer.Code(500));

        await fixture.PublishProductsCreatedAsync(community);

        var delivery = (await fixture.SettledDeliveriesAsync(community, endpointId))[0];
        Assert.Equal("failed", delivery.GetProperty("state").GetString());
        Assert.Equal(8, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal("http_status", delivery.GetProperty("lastError").GetProperty("code").GetString());
        Assert.Equal(8, Receiver.Received(path).Count);
        var (_, endpoint) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}", community);
        Assert.True(endpoint.GetProperty("data").GetProperty("isEnabled").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, endpoint.GetProperty("data").GetProperty("failingSince").ValueKind);
    }

    [Fact]
    public async Task After_rotate_secret_both_secrets_verify_for_24_hours_then_only_the_new_one_and_no_read_shows_a_secret()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, oldSecret, path) = await fixture.CreateEndpointAsync(community, encryption: new { isEnabled = true, key = "0123456789abcdefghijklmnopqrstuv" });

        var (status, rotated) = await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/rotate-secret", community);
        Assert.Equal(200, status);
        var newSecret = rotated.GetProperty("data").GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.True(rotated.GetProperty("meta").GetProperty("secretShown").GetBoolean());
        var expires = rotated.GetProperty("data").GetProperty("previousSecretExpiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));

        await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);
        var first = Assert.Single(Receiver.Received(path));
        Assert.Equal(2, first.Header("webhook-signature")!.Split(' ').Length);
        Assert.True(StandardWebhookCheck.Verify(newSecret, first));
        Assert.True(StandardWebhookCheck.Verify(oldSecret, first));

        // 24 h later, as the database sees it.
        await fixture.Factory.ScalarAsync("UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = @id", ("id", endpointId));
        await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);
        var second = Receiver.Received(path)[1];
        Assert.Single(second.Header("webhook-signature")!.Split(' '));
        Assert.True(StandardWebhookCheck.Verify(newSecret, second));
        Assert.False(StandardWebhookCheck.Verify(oldSecret, second));

        foreach (var read in new[] { $"/webhooks/endpoints/{endpointId}", "/webhooks/endpoints" })
        {
            var (_, json) = await fixture.Factory.SendAsync(HttpMethod.Get, read, community);
            var text = json.GetRawText();
            Assert.DoesNotContain(newSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(oldSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"secret\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("0123456789abcdefghijklmnopqrstuv", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("gcm")]
    [InlineData("cbc")]
    public async Task Encrypted_deliveries_carry_x_encrypted_and_decrypt_to_exactly_data(string mode)
    {
        const string key = "0123456789abcdefghijklmnopqrstuv";
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, encryption: new { isEnabled = true, mode, key });

        await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);

        var request = Assert.Single(Receiver.Received(path));
        Assert.Equal("true", request.Header("x-encrypted"));
        Assert.True(StandardWebhookCheck.Verify(secret, request));
        using var body = JsonDocument.Parse(request.Body);
        Assert.False(body.RootElement.TryGetProperty("data", out _));
        var encrypted = body.RootElement.GetProperty("encrypted").Deserialize<EncryptedPayload>()!;
        Assert.Equal(mode == "gcm" ? "A256GCM" : "A256CBC", encrypted.Alg);
        var aad = Encoding.ASCII.GetBytes(request.WebhookId);
        var plaintext = PayloadEncryption.TryDecrypt(encrypted, mode, key, aad);
        Assert.Equal(JsonSerializer.Serialize(new { endpointID = endpointId }), Encoding.UTF8.GetString(plaintext!));

        var flipped = Convert.FromBase64String(encrypted.Ciphertext);
        flipped[0] ^= 0x01;
        var tampered = PayloadEncryption.TryDecrypt(encrypted with { Ciphertext = Convert.ToBase64String(flipped) }, mode, key, aad);
        Assert.True(tampered is null || !tampered.AsSpan().SequenceEqual(plaintext));
        if (mode == "gcm") Assert.Null(PayloadEncryption.TryDecrypt(encrypted, mode, key, Encoding.ASCII.GetBytes(endpointId)));
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_at_once_it_then_gets_nothing_new_and_a_redelivery_after_enabling_keeps_the_event_id()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community);
        Receiver.Script(path, ReceiverAnswer.Code(410));

        await fixture.PublishProductsCreatedAsync(community);
        var delivery = (await fixture.SettledDeliveriesAsync(community, endpointId))[0];
        Assert.Equal("failed", delivery.GetProperty("state").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(410, delivery.GetProperty("lastStatusCode").GetInt32());
        var (_, endpoint) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}", community);
        Assert.False(endpoint.GetProperty("data").GetProperty("isEnabled").GetBoolean());
        Assert.Equal("gone", endpoint.GetProperty("data").GetProperty("disabledReason").GetString());

        // A disabled endpoint gets no new delivery: another endpoint of the community shows the event was recorded.
        var (otherId, _, _) = await fixture.CreateEndpointAsync(community);
        await fixture.PublishProductsCreatedAsync(community);
        await fixture.SettledDeliveriesAsync(community, otherId);
        Assert.Equal(1, (await fixture.DeliveriesAsync(community, endpointId)).GetArrayLength());

        var deliveryId = delivery.GetProperty("_id").GetString();
        var (refused, error) = await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/deliveries/{deliveryId}/redeliver", community);
        Assert.Equal(409, refused);
        Assert.Equal("endpoint_disabled", error.GetProperty("errors")[0].GetProperty("code").GetString());

        var (enabled, json) = await fixture.Factory.SendAsync(HttpMethod.Put, $"/webhooks/endpoints/{endpointId}", community, new { isEnabled = true });
        Assert.Equal(200, enabled);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").GetProperty("disabledReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").GetProperty("failingSince").ValueKind);
        var (redelivered, pending) = await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/deliveries/{deliveryId}/redeliver", community);
        Assert.Equal(200, redelivered);
        Assert.Equal("pending", pending.GetProperty("data").GetProperty("state").GetString());

        var again = await fixture.SettledDeliveriesAsync(community, endpointId);
        Assert.Equal("succeeded", again[0].GetProperty("state").GetString());
        var received = Receiver.Received(path);
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].WebhookId, received[1].WebhookId);
        Assert.Equal(delivery.GetProperty("eventID").GetString(), received[1].WebhookId);
    }

    [Fact]
    public async Task Failing_for_DisableAfter_disables_the_endpoint_and_its_other_pending_deliveries_fail_endpoint_disabled()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community);
        Receiver.Answer(path, ReceiverAnswer.Code(500));
        // The endpoint has been failing for six days (the default DisableAfter is five).
        await fixture.Factory.ScalarAsync("UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = @id", ("id", endpointId));

        await fixture.PublishProductsCreatedAsync(community);

        var delivery = (await fixture.SettledDeliveriesAsync(community, endpointId))[0];
        Assert.Equal("failed", delivery.GetProperty("state").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        var (_, endpoint) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}", community);
        Assert.Equal("failing", endpoint.GetProperty("data").GetProperty("disabledReason").GetString());
        Assert.Single(Receiver.Received(path));
    }

    [Theory]
    [InlineData("timeout", null)]
    [InlineData("http_status", 500)]
    [InlineData("redirect", 302)]
    [InlineData("connection_failed", null)]
    public async Task The_delivery_log_says_what_happened(string code, int? status)
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community);
        Receiver.Script(path, code switch
        {
            "timeout" => ReceiverAnswer.Timeout,
            "http_status" => ReceiverAnswer.Code(500),
            "redirect" => ReceiverAnswer.Redirect(Receiver.Url(path + "/elsewhere")),
            _ => ReceiverAnswer.CloseConnection,
        });

        var (_, json) = await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);

        var delivery = json.GetProperty("data");
        Assert.Equal("failed", delivery.GetProperty("state").GetString());
        Assert.Equal(code, delivery.GetProperty("lastError").GetProperty("code").GetString());
        Assert.Equal(status, delivery.GetProperty("lastStatusCode").ValueKind == JsonValueKind.Null ? null : delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Single(Receiver.Received(path));
        // A test is not counted: the endpoint is not failing.
        var (_, endpoint) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}", community);
        Assert.Equal(JsonValueKind.Null, endpoint.GetProperty("data").GetProperty("failingSince").ValueKind);
    }

    [Fact]
    public async Task Retry_After_postpones_the_next_attempt_and_a_pending_delivery_cannot_be_redelivered()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community);
        Receiver.Script(path, ReceiverAnswer.Code(503, retryAfter: "3600"));

        await fixture.PublishProductsCreatedAsync(community);

        var delivery = (await Eventually.Until(() => fixture.DeliveriesAsync(community, endpointId),
            d => d.GetArrayLength() == 1 && d[0].GetProperty("attempts").GetInt32() == 1, WebhooksFixture.Patience, "the first attempt"))[0];
        Assert.Equal("pending", delivery.GetProperty("state").GetString());
        var wait = delivery.GetProperty("nextAttemptAt").GetDateTimeOffset() - delivery.GetProperty("lastAttemptAt").GetDateTimeOffset();
        Assert.InRange(wait, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));

        var (status, error) = await fixture.Factory.SendAsync(HttpMethod.Post,
            $"/webhooks/endpoints/{endpointId}/deliveries/{delivery.GetProperty("_id").GetString()}/redeliver", community);
        Assert.Equal(409, status);
        Assert.Equal("delivery_pending", error.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_delivery_read_alone_carries_its_event_and_the_log_filters_by_state_and_type()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community);
        Receiver.Script(path, ReceiverAnswer.Code(500));
        await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);
        await fixture.PublishProductsCreatedAsync(community);
        var deliveries = await fixture.SettledDeliveriesAsync(community, endpointId, count: 2);
        Assert.Equal("store.products_created", deliveries[0].GetProperty("eventType").GetString());

        var (_, failed) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}/deliveries?filter=state:failed", community);
        Assert.Equal("webhook.test", Assert.Single(failed.GetProperty("data").EnumerateArray()).GetProperty("eventType").GetString());
        var (_, products) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}/deliveries?filter=eventType:store.products_created", community);
        var id = Assert.Single(products.GetProperty("data").EnumerateArray()).GetProperty("_id").GetString();

        var (status, one) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}/deliveries/{id}", community);
        Assert.Equal(200, status);
        var webhookEvent = one.GetProperty("data").GetProperty("event");
        Assert.Equal(one.GetProperty("data").GetProperty("eventID").GetString(), webhookEvent.GetProperty("id").GetString());
        Assert.Equal(1, webhookEvent.GetProperty("data").GetProperty("count").GetInt32());
        // createdAt is when the owner's transaction wrote the event (the outbox's header), not when it arrived here.
        Assert.Equal(WebhooksFixture.WrittenAt, webhookEvent.GetProperty("createdAt").GetDateTimeOffset());
    }
}
