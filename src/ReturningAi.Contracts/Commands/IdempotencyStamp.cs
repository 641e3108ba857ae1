namespace ReturningAi.Contracts.Commands;

/// <summary>An idempotency key as a command carries it: the key and the hash of the HTTP request that sent it.</summary>
public sealed record IdempotencyStamp(string Key, byte[] RequestHash);
