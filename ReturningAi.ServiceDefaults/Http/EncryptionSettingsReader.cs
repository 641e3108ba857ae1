using ReturningAi.Webhooks.Signing;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>The encryption settings a partner sends for webhooks, outgoing (an endpoint's) and incoming (the community's) alike.</summary>
public static class EncryptionSettingsReader
{
    /// <summary><c>{isEnabled, mode, key}</c>: an endpoint's <c>encryption</c>, and the incoming encryption settings' body.</summary>
    public static EncryptionDraft Read(JsonFields encryption)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        if (!encryption.Has("isEnabled")) encryption.Add("required", "isEnabled", $"{encryption.FieldPath("isEnabled")} is required.");
        var isEnabled = encryption.ReadBool("isEnabled");
        var mode = encryption.ReadString("mode", required: false);
        if (mode is not null && !EncryptionModes.All.Contains(mode))
        {
            encryption.Add("invalid_encryption_mode", "mode", $"{encryption.FieldPath("mode")} must be gcm or cbc.");
            mode = null;
        }

        if (!isEnabled || !encryption.Has("key")) return new EncryptionDraft(isEnabled, mode, null);
        // Every character is key material: a key with spaces at its ends is refused rather than trimmed.
        var errors = encryption.Errors.Count;
        var key = encryption.ReadString("key", required: false, minLength: EncryptionKeys.Length, maxLength: EncryptionKeys.Length);
        encryption.Errors.RemoveRange(errors, encryption.Errors.Count - errors);
        if (key is null || !EncryptionKeys.IsValid(key))
        {
            encryption.Add("invalid_encryption_key", "key", $"{encryption.FieldPath("key")} must be {EncryptionKeys.Length} printable ASCII characters.");
            key = null;
        }

        return new EncryptionDraft(isEnabled, mode, key);
    }
}
