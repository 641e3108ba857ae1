namespace ReturningAi.Webhooks.Signing.Tests;

/// <summary>The known-answer values of events-and-jobs.md §1.2.</summary>
internal static class KnownAnswers
{
    public const string Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string Id = "6650a1b2c3d4e5f607182930";
    public const long Timestamp = 1767225600;
    public const string Body =
        """{"id":"6650a1b2c3d4e5f607182930","type":"webhook.test","communityID":"6502c9e514a3e564c5c09c0a","createdAt":"2026-01-01T00:00:00.000Z","data":{"endpointID":"6650a1b2c3d4e5f607182931"}}""";
    public const string Signature = "v1,Ifhj0Mkm3bMLiVBPBTE5kuUSQjkDtNb5lShP8ypKFXQ=";

    public const string Key = "0123456789abcdefghijklmnopqrstuv";
    public const string Plaintext = """{"endpointID":"6650a1b2c3d4e5f607182931"}""";
    public const string GcmIv = "AAECAwQFBgcICQoL";
    public const string GcmCiphertext = "s7FHUs82TICjxey6kYWJj3xmBxwVuL3VO9RGaPqXrW69a/apcEi4zQg=";
    public const string GcmTag = "xihGTU6kP0ng3vHNVb4DNg==";
    public const string CbcIv = "AAECAwQFBgcICQoLDA0ODw==";
    public const string CbcCiphertext = "cUJN1t9runSA3Hn5c6pHSJ6oIyonzqiblbVJDjAfB67J0CciBJrgMCfojFp0bGDU";
}
