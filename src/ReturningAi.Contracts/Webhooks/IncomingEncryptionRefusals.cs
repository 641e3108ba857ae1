using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Webhooks;

/// <summary>The 400s of an incoming call whose body does not match the community's incoming encryption (events-and-jobs.md §2).</summary>
public static class IncomingEncryptionRefusals
{
    public static ErrorItem Required { get; } = new("encryption_required",
        "This community's incoming calls must be encrypted: send x-encrypted: true and {\"encrypted\": {alg, iv, ciphertext, tag}}.");

    public static ErrorItem Disabled { get; } = new("encryption_disabled",
        "This community's incoming calls are not encrypted: send the plain body without x-encrypted.");

    public static ErrorItem DecryptionFailed(string algorithm, string path) => new("decryption_failed",
        $"The body does not decrypt with this community's key and mode ({algorithm}, additional data '{path}').");
}
