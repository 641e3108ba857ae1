namespace ReturningAi.Webhooks.Signing;

/// <summary>The two AES-256 modes a partner may choose, by their setting name and their <c>alg</c> in a body.</summary>
public static class EncryptionModes
{
    public const string Gcm = "gcm";
    public const string Cbc = "cbc";
    public const string GcmAlgorithm = "A256GCM";
    public const string CbcAlgorithm = "A256CBC";

    public static IReadOnlyList<string> All { get; } = [Gcm, Cbc];

    public static string AlgorithmOf(string mode) => mode switch
    {
        Gcm => GcmAlgorithm,
        Cbc => CbcAlgorithm,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown encryption mode."),
    };
}
