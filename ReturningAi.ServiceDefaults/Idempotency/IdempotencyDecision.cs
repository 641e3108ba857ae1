namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>What to do with a request that carries an idempotency key.</summary>
public enum IdempotencyDecision
{
    /// <summary>First time (or the key expired): carry it out, then complete or abandon the key.</summary>
    Proceed,

    /// <summary>Done before with the same body: answer with the stored response.</summary>
    Replay,

    /// <summary>Used before with another body: 409 <c>idempotency_key_reused</c>.</summary>
    Reused,

    /// <summary>The first request with this key is still running: 409 <c>idempotency_key_in_progress</c>.</summary>
    InProgress,
}
