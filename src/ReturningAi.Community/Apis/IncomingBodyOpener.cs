using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.Community.Apis;

/// <summary>
/// Opens an incoming webhook call's body by the community's incoming encryption (events-and-jobs.md §2): while encryption is
/// on, the call must send <c>x-encrypted: true</c> and <c>{"encrypted": {alg, iv, ciphertext, tag}}</c>, GCM's additional
/// data being the path after <c>/apis</c>; while it is off, the header is refused. One place for both incoming routes:
/// Community's own (<see cref="IncomingBodyDecryptionMiddleware"/>) and the Store's, which the gateway asks for
/// (<see cref="InternalApi"/>). Neither the key nor the plaintext is ever logged.
/// </summary>
public sealed class IncomingBodyOpener(CommunityDbContext db, StoredSecrets secrets)
{
    /// <summary>The plaintext, the refusal, or neither (off and plain: the body is read as it came). The body is read only while encryption is on.</summary>
    public async Task<OpenedIncomingBody> OpenAsync(string communityId, string path, bool flagged, Stream body, CancellationToken cancellationToken)
    {
        var settings = await db.IncomingWebhookSettings.AsNoTracking()
            .Where(s => s.CommunityId == communityId)
            .Select(s => new { s.EncryptionMode, s.ProtectedEncryptionKey })
            .SingleOrDefaultAsync(cancellationToken);
        if (settings?.EncryptionMode is not { } mode || settings.ProtectedEncryptionKey is not { } protectedKey)
        {
            return new OpenedIncomingBody(null, flagged ? IncomingEncryptionRefusals.Disabled : null);
        }

        var (isEncrypted, payload) = await ReadPayloadAsync(body, cancellationToken);
        if (!flagged || !isEncrypted) return new OpenedIncomingBody(null, IncomingEncryptionRefusals.Required);

        // TryDecrypt refuses an alg other than the mode's, bad base64 or lengths, and a tag or padding that fails.
        var plaintext = payload is null ? null : PayloadEncryption.TryDecrypt(payload, mode, secrets.Unprotect(protectedKey), Encoding.ASCII.GetBytes(path));
        return plaintext is null
            ? new OpenedIncomingBody(null, IncomingEncryptionRefusals.DecryptionFailed(EncryptionModes.AlgorithmOf(mode), path))
            : new OpenedIncomingBody(plaintext, null);
    }

    /// <summary>Whether the body is <c>{"encrypted": {…}}</c> (not plain, not some other JSON), and its object when it reads as one.</summary>
    private static async Task<(bool IsEncrypted, EncryptedPayload? Payload)> ReadPayloadAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (false, null);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("encrypted", out var encrypted)
                || encrypted.ValueKind != JsonValueKind.Object)
            {
                return (false, null);
            }

            try
            {
                return (true, encrypted.Deserialize<EncryptedPayload>());
            }
            catch (JsonException)
            {
                return (true, null);
            }
        }
    }
}
