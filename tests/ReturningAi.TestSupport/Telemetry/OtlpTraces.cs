using Google.Protobuf;

namespace ReturningAi.TestSupport.Telemetry;

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> by walking the protobuf wire
/// format for the few fields the tests need (field numbers from opentelemetry-proto's trace.proto,
/// resource.proto and common.proto); the generated OTLP classes are not in our package registry.
/// </summary>
public static class OtlpTraces
{
    public static IReadOnlyList<ReceivedSpan> Decode(byte[] exportTraceServiceRequest)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var (_, resourceSpans) in Messages(ByteString.CopyFrom(exportTraceServiceRequest), field: 1))
        {
            var (service, instance) = Resource(resourceSpans);
            foreach (var (_, scopeSpans) in Messages(resourceSpans, field: 2))
            {
                var scope = Messages(scopeSpans, field: 1).Select(s => Text(s.Value, field: 1)).FirstOrDefault() ?? "";
                foreach (var (_, span) in Messages(scopeSpans, field: 2))
                {
                    spans.Add(new ReceivedSpan(service, instance, scope, Hex(span, field: 1), Hex(span, field: 2), Hex(span, field: 4), Text(span, field: 5) ?? ""));
                }
            }
        }

        return spans;
    }

    /// <summary>The service name and instance of a <c>ResourceSpans</c> or <c>ResourceLogs</c> (its field 1, the resource).</summary>
    internal static (string Service, string Instance) Resource(ByteString resourceSignals)
    {
        var attributes = Messages(resourceSignals, field: 1)
            .SelectMany(resource => Messages(resource.Value, field: 1))
            .Select(attribute => KeyValue(attribute.Value))
            .ToList();
        return (attributes.FirstOrDefault(attribute => attribute.Key == "service.name").Value ?? "",
            attributes.FirstOrDefault(attribute => attribute.Key == "service.instance.id").Value ?? "");
    }

    /// <summary>The length-delimited fields with this number (sub-messages, strings, bytes), in order.</summary>
    internal static IEnumerable<(int Field, ByteString Value)> Messages(ByteString message, int field) =>
        LengthDelimited(message).Where(f => f.Field == field);

    private static List<(int Field, ByteString Value)> LengthDelimited(ByteString message)
    {
        var fields = new List<(int, ByteString)>();
        var input = new CodedInputStream(message.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }

    internal static (string Key, string? Value) KeyValue(ByteString keyValue) =>
        (Text(keyValue, field: 1) ?? "", Messages(keyValue, field: 2).Select(any => Text(any.Value, field: 1)).FirstOrDefault());

    internal static string? Text(ByteString message, int field) =>
        Messages(message, field).Select(f => f.Value.ToStringUtf8()).FirstOrDefault();

    private static string Hex(ByteString message, int field) =>
        Messages(message, field).Select(f => Convert.ToHexStringLower(f.Value.Span)).FirstOrDefault() ?? "";
}
