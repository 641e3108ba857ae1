using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Webhooks;

/// <summary>
/// Community's answer to <see cref="OpenIncomingBodyRequest"/>: the plaintext of an encrypted body, or the 400 that refuses it,
/// or neither (encryption is off and the call is plain: forward it as it came).
/// </summary>
public sealed record OpenedIncomingBody(byte[]? Plaintext, ErrorItem? Refusal);
