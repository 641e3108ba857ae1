using System.Text;
using System.Text.Json;
using ReturningAi.TestSupport;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.Webhooks.Tests;

/// <summary>Signing secrets and partner encryption keys are encrypted at rest, still sign and encrypt, and reach no log.</summary>
[Collection(WebhooksCollection.Name)]
public sealed class SecretStorageTests(WebhooksFixture fixture)
{
    private const string EncryptionKey = "Zyxwvutsrqponmlkjihgfedcba987654";

    [Fact]
    public async Task The_endpoints_table_holds_no_plaintext_secret_or_key_yet_deliveries_sign_and_encrypt_with_them()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, oldSecret, path) = await fixture.CreateEndpointAsync(community, encryption: new { isEnabled = true, mode = "cbc", key = EncryptionKey });
        var (status, rotated) = await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/rotate-secret", community);
        Assert.Equal(200, status);
        var newSecret = rotated.GetProperty("data").GetProperty("secret").GetString()!;

        var row = await fixture.Factory.TextAsync("SELECT row_to_json(e)::text FROM webhook_endpoints e WHERE id = @id", ("id", endpointId));
        Assert.NotNull(row);
        foreach (var secret in new[] { oldSecret, newSecret })
        {
            Assert.DoesNotContain(secret["whsec_".Length..], row, StringComparison.Ordinal);
            Assert.DoesNotContain(HexOf(secret), row, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(EncryptionKey, row, StringComparison.Ordinal);
        Assert.DoesNotContain(HexOf(EncryptionKey), row, StringComparison.OrdinalIgnoreCase);
        using (var stored = JsonDocument.Parse(row))
        {
            // Data Protection's payloads (magic header 0x09F0C9F0, base64url "CfDJ8"), one per secret and the key.
            foreach (var column in new[] { "protected_secret", "protected_previous_secret", "protected_encryption_key" })
            {
                Assert.StartsWith("CfDJ8", stored.RootElement.GetProperty(column).GetString(), StringComparison.Ordinal);
            }
        }

        Assert.True(await fixture.Factory.ScalarAsync("SELECT count(*) FROM data_protection_keys") >= 1);

        // Still retrievable where they are needed: the delivery is signed with both secrets and encrypted with the key.
        await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);
        var request = Assert.Single(fixture.Receiver.Received(path));
        Assert.True(StandardWebhookCheck.Verify(newSecret, request));
        Assert.True(StandardWebhookCheck.Verify(oldSecret, request));
        using var body = JsonDocument.Parse(request.Body);
        var encrypted = body.RootElement.GetProperty("encrypted").Deserialize<EncryptedPayload>()!;
        Assert.NotNull(PayloadEncryption.TryDecrypt(encrypted, "cbc", EncryptionKey, Encoding.ASCII.GetBytes(request.WebhookId)));

        Assert.All(fixture.Factory.Logs(), line =>
        {
            Assert.DoesNotContain(oldSecret["whsec_".Length..], line, StringComparison.Ordinal);
            Assert.DoesNotContain(newSecret["whsec_".Length..], line, StringComparison.Ordinal);
            Assert.DoesNotContain(EncryptionKey, line, StringComparison.Ordinal);
        });
    }

    private static string HexOf(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));
}
