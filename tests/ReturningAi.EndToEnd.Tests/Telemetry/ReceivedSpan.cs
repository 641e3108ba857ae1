namespace ReturningAi.EndToEnd.Tests.Telemetry;

/// <summary>One span as a service exported it: the service's name, the instrumentation scope, ids as lower-case hex.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name);
