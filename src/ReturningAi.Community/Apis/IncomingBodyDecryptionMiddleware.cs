using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.Community.Apis;

/// <summary>
/// Encrypted incoming webhook calls (events-and-jobs.md §2): while the community's encryption is on, a call must send
/// <c>x-encrypted: true</c> and <c>{"encrypted": {alg, iv, ciphertext, tag}}</c>, which is replaced by its plaintext
/// before anything else reads the body, the idempotency check included (it compares plaintext). GCM's additional data
/// is the path after <c>/apis</c>, so a body cannot be replayed to another route. Runs before
/// <c>UseIdempotency</c>; refusals: 400 <c>encryption_required</c>, <c>encryption_disabled</c>, <c>decryption_failed</c>.
/// </summary>
public sealed class IncomingBodyDecryptionMiddleware(RequestDelegate next)
{
    public const string EncryptedHeader = "x-encrypted";

    private static readonly string[] Paths = [IncomingWebhooksApi.UserFieldsPath];

    public async Task InvokeAsync(HttpContext context, CommunityDbContext db, StoredSecrets secrets)
    {
        var path = context.Request.Path.Value ?? "";
        var communityId = context.Features.Get<GatewayIdentity>()?.CommunityId;
        if (!HttpMethods.IsPost(context.Request.Method) || !Paths.Contains(path, StringComparer.OrdinalIgnoreCase) || communityId is null)
        {
            await next(context);
            return;
        }

        var settings = await db.IncomingWebhookSettings.AsNoTracking()
            .Where(s => s.CommunityId == communityId)
            .Select(s => new { s.EncryptionMode, s.ProtectedEncryptionKey })
            .SingleOrDefaultAsync(context.RequestAborted);
        var flagged = string.Equals(context.Request.Headers[EncryptedHeader].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        if (settings?.EncryptionMode is not { } mode || settings.ProtectedEncryptionKey is not { } protectedKey)
        {
            if (flagged)
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "encryption_disabled",
                    "This community's incoming calls are not encrypted: send the plain body without x-encrypted.");
                return;
            }

            await next(context);
            return;
        }

        var (isEncrypted, payload) = await ReadPayloadAsync(context);
        if (!flagged || !isEncrypted)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "encryption_required",
                "This community's incoming calls must be encrypted: send x-encrypted: true and {\"encrypted\": {alg, iv, ciphertext, tag}}.");
            return;
        }

        // TryDecrypt refuses an alg other than the mode's, bad base64 or lengths, and a tag or padding that fails.
        var plaintext = payload is null ? null : PayloadEncryption.TryDecrypt(payload, mode, secrets.Unprotect(protectedKey), Encoding.ASCII.GetBytes(path));
        if (plaintext is null)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "decryption_failed",
                $"The body does not decrypt with this community's key and mode ({EncryptionModes.AlgorithmOf(mode)}, additional data '{path}').");
            return;
        }

        context.Request.Body = new MemoryStream(plaintext, writable: false);
        context.Request.ContentLength = plaintext.Length;
        context.Request.ContentType = "application/json";
        await next(context);
    }

    /// <summary>Whether the body is <c>{"encrypted": {…}}</c> (not plain, not some other JSON), and its object when it reads as one.</summary>
    private static async Task<(bool IsEncrypted, EncryptedPayload? Payload)> ReadPayloadAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
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
