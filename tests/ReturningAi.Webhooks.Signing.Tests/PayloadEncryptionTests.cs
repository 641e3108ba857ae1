using System.Text;
using System.Text.Json;

namespace ReturningAi.Webhooks.Signing.Tests;

public sealed class PayloadEncryptionTests
{
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes(KnownAnswers.Plaintext);
    private static readonly byte[] EventIdAad = Encoding.ASCII.GetBytes(KnownAnswers.Id);

    [Fact]
    public void Gcm_gives_the_known_answer_and_decrypts_back()
    {
        var encrypted = PayloadEncryption.Encrypt(EncryptionModes.Gcm, KnownAnswers.Key, Plaintext, EventIdAad, Convert.FromBase64String(KnownAnswers.GcmIv));

        Assert.Equal(new EncryptedPayload("A256GCM", KnownAnswers.GcmIv, KnownAnswers.GcmCiphertext, KnownAnswers.GcmTag), encrypted);
        Assert.Equal(Plaintext, PayloadEncryption.TryDecrypt(encrypted, EncryptionModes.Gcm, KnownAnswers.Key, EventIdAad));
    }

    [Fact]
    public void Cbc_gives_the_known_answer_and_decrypts_back()
    {
        var encrypted = PayloadEncryption.Encrypt(EncryptionModes.Cbc, KnownAnswers.Key, Plaintext, EventIdAad, Convert.FromBase64String(KnownAnswers.CbcIv));

        Assert.Equal(new EncryptedPayload("A256CBC", KnownAnswers.CbcIv, KnownAnswers.CbcCiphertext, null), encrypted);
        Assert.Equal(Plaintext, PayloadEncryption.TryDecrypt(encrypted, EncryptionModes.Cbc, KnownAnswers.Key, []));
    }

    [Fact]
    public void A_flipped_bit_another_id_as_AAD_another_key_or_another_alg_fails_GCM()
    {
        var encrypted = PayloadEncryption.Encrypt(EncryptionModes.Gcm, KnownAnswers.Key, Plaintext, EventIdAad);
        var ciphertext = Convert.FromBase64String(encrypted.Ciphertext);
        ciphertext[3] ^= 0x01;

        Assert.Null(PayloadEncryption.TryDecrypt(encrypted with { Ciphertext = Convert.ToBase64String(ciphertext) }, EncryptionModes.Gcm, KnownAnswers.Key, EventIdAad));
        Assert.Null(PayloadEncryption.TryDecrypt(encrypted, EncryptionModes.Gcm, KnownAnswers.Key, Encoding.ASCII.GetBytes("6650a1b2c3d4e5f607182931")));
        Assert.Null(PayloadEncryption.TryDecrypt(encrypted, EncryptionModes.Gcm, "vutsrqponmlkjihgfedcba9876543210", EventIdAad));
        Assert.Null(PayloadEncryption.TryDecrypt(encrypted, EncryptionModes.Cbc, KnownAnswers.Key, EventIdAad));
        Assert.Null(PayloadEncryption.TryDecrypt(encrypted with { Tag = null }, EncryptionModes.Gcm, KnownAnswers.Key, EventIdAad));
        Assert.Null(PayloadEncryption.TryDecrypt(encrypted with { Iv = "not base64!" }, EncryptionModes.Gcm, KnownAnswers.Key, EventIdAad));
    }

    [Fact]
    public void A_wrong_key_or_truncated_ciphertext_fails_CBC_without_an_exception()
    {
        var encrypted = PayloadEncryption.Encrypt(EncryptionModes.Cbc, KnownAnswers.Key, Plaintext, []);
        var ciphertext = Convert.FromBase64String(encrypted.Ciphertext);

        Assert.Null(PayloadEncryption.TryDecrypt(encrypted with { Ciphertext = Convert.ToBase64String(ciphertext[..^1]) }, EncryptionModes.Cbc, KnownAnswers.Key, []));
        var wrongKey = PayloadEncryption.TryDecrypt(encrypted, EncryptionModes.Cbc, "vutsrqponmlkjihgfedcba9876543210", []);
        Assert.True(wrongKey is null || !wrongKey.AsSpan().SequenceEqual(Plaintext));
    }

    [Fact]
    public void Each_encryption_takes_a_fresh_iv()
    {
        var first = PayloadEncryption.Encrypt(EncryptionModes.Gcm, KnownAnswers.Key, Plaintext, EventIdAad);
        var second = PayloadEncryption.Encrypt(EncryptionModes.Gcm, KnownAnswers.Key, Plaintext, EventIdAad);

        Assert.NotEqual(first.Iv, second.Iv);
        Assert.Equal(12, Convert.FromBase64String(first.Iv).Length);
    }

    [Fact]
    public void An_encrypted_body_replaces_data_and_decrypts_to_exactly_data()
    {
        var body = WebhookBody.Build(KnownAnswers.Id, "webhook.test", "6502c9e514a3e564c5c09c0a", DateTimeOffset.UnixEpoch, KnownAnswers.Plaintext,
            EncryptionModes.Gcm, KnownAnswers.Key);
        using var document = JsonDocument.Parse(body);

        Assert.False(document.RootElement.TryGetProperty("data", out _));
        var encrypted = document.RootElement.GetProperty("encrypted").Deserialize<EncryptedPayload>()!;
        Assert.Equal("A256GCM", encrypted.Alg);
        Assert.Equal(KnownAnswers.Plaintext, Encoding.UTF8.GetString(PayloadEncryption.TryDecrypt(encrypted, EncryptionModes.Gcm, KnownAnswers.Key, EventIdAad)!));
    }

    [Theory]
    [InlineData("0123456789abcdefghijklmnopqrstuv", true)]
    [InlineData("0123456789abcdefghijklmnopqrstu", false)]
    [InlineData("0123456789abcdefghijklmnopqrstuvw", false)]
    [InlineData("0123456789abcdefghijklmnopqrstu\u00e9", false)]
    [InlineData("0123456789abcdefghijklmnopqrstu\n", false)]
    public void A_key_is_32_printable_ASCII_characters(string key, bool valid)
    {
        Assert.Equal(valid, EncryptionKeys.IsValid(key));
    }
}
