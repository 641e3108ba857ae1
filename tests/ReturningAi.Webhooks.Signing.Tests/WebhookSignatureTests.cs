using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace ReturningAi.Webhooks.Signing.Tests;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(KnownAnswers.Body);

    [Fact]
    public void The_known_answer_signature_holds()
    {
        Assert.Equal(KnownAnswers.Signature, WebhookSignature.Sign(KnownAnswers.Secret, KnownAnswers.Id, KnownAnswers.Timestamp, Body));
    }

    [Fact]
    public void The_stock_Standard_Webhooks_library_computes_the_same_known_answer()
    {
        var stock = new StandardWebhook(KnownAnswers.Secret);

        Assert.Equal(KnownAnswers.Signature, stock.Sign(KnownAnswers.Id, DateTimeOffset.FromUnixTimeSeconds(KnownAnswers.Timestamp), KnownAnswers.Body));
    }

    [Fact]
    public void The_stock_library_verifies_a_fresh_signature_and_refuses_one_changed_byte()
    {
        var secret = WebhookSecret.Generate();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = WebhookSignature.Header([secret], KnownAnswers.Id, now, Body);
        var stock = new StandardWebhook(secret);

        stock.Verify(KnownAnswers.Body, Headers(KnownAnswers.Id, now, header));
        var tampered = KnownAnswers.Body.Replace("webhook.test", "webhook.tesu", StringComparison.Ordinal);
        Assert.Throws<WebhookVerificationException>(() => stock.Verify(tampered, Headers(KnownAnswers.Id, now, header)));
        Assert.Throws<WebhookVerificationException>(() => stock.Verify(KnownAnswers.Body, Headers("6650a1b2c3d4e5f607182939", now, header)));
    }

    [Fact]
    public void After_a_rotation_the_header_carries_both_signatures_new_first_and_each_secret_verifies()
    {
        var (newSecret, oldSecret) = (WebhookSecret.Generate(), WebhookSecret.Generate());
        var now = DateTimeOffset.UtcNow;
        var header = WebhookSignature.Header([newSecret, oldSecret], KnownAnswers.Id, now.ToUnixTimeSeconds(), Body);

        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(WebhookSignature.Sign(newSecret, KnownAnswers.Id, now.ToUnixTimeSeconds(), Body), parts[0]);
        new StandardWebhook(newSecret).Verify(KnownAnswers.Body, Headers(KnownAnswers.Id, now.ToUnixTimeSeconds(), header));
        // StandardWebhooks 1.1.2 compares only the first signature of the header, so a receiver on the old secret
        // hands it the signatures one at a time (README); the specification's own check takes any of them.
        new StandardWebhook(oldSecret).Verify(KnownAnswers.Body, Headers(KnownAnswers.Id, now.ToUnixTimeSeconds(), parts[1]));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(oldSecret).Verify(KnownAnswers.Body, Headers(KnownAnswers.Id, now.ToUnixTimeSeconds(), parts[0])));
        Assert.True(WebhookSignature.Verify(oldSecret, KnownAnswers.Id, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Body, header, now));
        Assert.False(WebhookSignature.Verify(WebhookSecret.Generate(), KnownAnswers.Id, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Body, header, now));
    }

    [Fact]
    public void A_timestamp_more_than_five_minutes_off_is_refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(KnownAnswers.Timestamp);

        Assert.True(WebhookSignature.Verify(KnownAnswers.Secret, KnownAnswers.Id, "1767225600", Body, KnownAnswers.Signature, now.AddMinutes(5)));
        Assert.False(WebhookSignature.Verify(KnownAnswers.Secret, KnownAnswers.Id, "1767225600", Body, KnownAnswers.Signature, now.AddMinutes(5).AddSeconds(1)));
        Assert.False(WebhookSignature.Verify(KnownAnswers.Secret, KnownAnswers.Id, "not-a-number", Body, KnownAnswers.Signature, now));
    }

    [Fact]
    public void A_generated_secret_is_whsec_and_32_random_bytes()
    {
        var secret = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSecret.Decode(secret).Length);
        Assert.NotEqual(secret, WebhookSecret.Generate());
    }

    [Fact]
    public void The_body_is_the_compact_envelope_of_the_known_answer()
    {
        var body = WebhookBody.Build(KnownAnswers.Id, "webhook.test", "6502c9e514a3e564c5c09c0a",
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), """{"endpointID":"6650a1b2c3d4e5f607182931"}""");

        Assert.Equal(KnownAnswers.Body, Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Data_as_PostgreSQL_prints_it_goes_out_compact_in_the_body_and_as_the_encrypted_plaintext()
    {
        const string stored = """{"user": {"_id": "6650a1b2c3d4e5f607182942", "name": "Zoë"}, "phone": "+44 20", "tags": [{"a": 1}, null]}""";
        const string compact = """{"user":{"_id":"6650a1b2c3d4e5f607182942","name":"Zoë"},"phone":"+44 20","tags":[{"a":1},null]}""";

        var body = Encoding.UTF8.GetString(WebhookBody.Build(KnownAnswers.Id, "store.item_purchased", "6502c9e514a3e564c5c09c0a",
            DateTimeOffset.UnixEpoch, stored));
        var encrypted = WebhookBody.Build(KnownAnswers.Id, "store.item_purchased", "6502c9e514a3e564c5c09c0a", DateTimeOffset.UnixEpoch, stored,
            EncryptionModes.Gcm, KnownAnswers.Key);

        Assert.EndsWith($",\"data\":{compact}}}", body, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(encrypted);
        var payload = document.RootElement.GetProperty("encrypted").Deserialize<EncryptedPayload>()!;
        var plaintext = PayloadEncryption.TryDecrypt(payload, EncryptionModes.Gcm, KnownAnswers.Key, Encoding.ASCII.GetBytes(KnownAnswers.Id))!;
        Assert.Equal(compact, Encoding.UTF8.GetString(plaintext));
    }

    private static HeaderDictionary Headers(string id, long timestamp, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    };
}
