namespace ReturningAi.TestSupport.Telemetry;

/// <summary>
/// One span as a service exported it: the service's name and instance (one per process), the
/// instrumentation scope, ids as lower-case hex.
/// </summary>
public sealed record ReceivedSpan(string Service, string Instance, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name);
