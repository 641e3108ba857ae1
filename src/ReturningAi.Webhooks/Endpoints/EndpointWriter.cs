using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Contracts.Http;
using ReturningAi.SafeHttp;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Endpoints;

/// <summary>Lays a read body over an endpoint, checking the URL's addresses where the contract asks (a new URL, or enabling).</summary>
public sealed class EndpointWriter(UrlGuard guard, StoredSecrets secrets, TimeProvider time)
{
    public async Task<List<ErrorItem>> ApplyAsync(WebhookEndpoint endpoint, EndpointDraft draft, bool isCreate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<ErrorItem>();
        var enabling = draft.IsEnabled == true && (isCreate || !endpoint.IsEnabled);
        if (draft.Url is not null || enabling)
        {
            var url = draft.Url ?? endpoint.Url;
            switch (await guard.CheckAsync(url, cancellationToken))
            {
                case UrlVerdict.Invalid:
                    errors.Add(new ErrorItem("invalid_url", "url must be an absolute https URL without user-info or fragment.", "url"));
                    break;
                case UrlVerdict.Unsafe:
                    errors.Add(new ErrorItem("unsafe_url", guard.Options.AllowHttp || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
                        ? "url must lead to public addresses only (no loopback, private, link-local or metadata address)."
                        : "url must use https and lead to public addresses only.", "url"));
                    break;
                case UrlVerdict.Unresolvable:
                    errors.Add(new ErrorItem("unresolvable_host", "url's host does not resolve to any address.", "url"));
                    break;
            }

            endpoint.Url = url;
        }

        if (draft.Encryption is { } encryption)
        {
            if (!encryption.IsEnabled)
            {
                endpoint.EncryptionMode = null;
                endpoint.ProtectedEncryptionKey = null;
            }
            else if (encryption.Key is null && endpoint.ProtectedEncryptionKey is null)
            {
                errors.Add(new ErrorItem("invalid_encryption_key", "encryption.key is required to turn encryption on: 32 printable ASCII characters.",
                    "encryption.key"));
            }
            else
            {
                endpoint.EncryptionMode = encryption.Mode ?? endpoint.EncryptionMode ?? Signing.EncryptionModes.Gcm;
                if (encryption.Key is not null) endpoint.ProtectedEncryptionKey = secrets.Protect(encryption.Key);
            }
        }

        if (draft.Events is not null) endpoint.Events = [.. draft.Events];
        if (draft.ChannelIds is not null) endpoint.ChannelIds = [.. draft.ChannelIds];
        if (draft.Description is not null) endpoint.Description = draft.Description;
        if (draft.IsEnabled is { } isEnabled && (isCreate || isEnabled != endpoint.IsEnabled))
        {
            endpoint.IsEnabled = isEnabled;
            endpoint.DisabledReason = isEnabled ? null : DisabledReasons.Manual;
            if (isEnabled) endpoint.FailingSince = null;
        }

        endpoint.UpdatedAt = time.GetUtcNow();
        return errors;
    }
}
