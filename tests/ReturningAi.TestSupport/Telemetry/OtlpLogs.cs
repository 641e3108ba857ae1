using Google.Protobuf;

namespace ReturningAi.TestSupport.Telemetry;

/// <summary>
/// Reads the log records out of an OTLP <c>ExportLogsServiceRequest</c> (opentelemetry-proto's logs.proto:
/// resource_logs 1 → resource 1, scope_logs 2 → scope 1, log_records 2 → severity_text 3, body 5,
/// attributes 6), for showing what the services said when a test fails.
/// </summary>
public static class OtlpLogs
{
    public static IReadOnlyList<ReceivedLog> Decode(byte[] exportLogsServiceRequest, DateTime receivedAt)
    {
        var logs = new List<ReceivedLog>();
        foreach (var (_, resourceLogs) in OtlpTraces.Messages(ByteString.CopyFrom(exportLogsServiceRequest), field: 1))
        {
            var (service, instance) = OtlpTraces.Resource(resourceLogs);
            foreach (var (_, scopeLogs) in OtlpTraces.Messages(resourceLogs, field: 2))
            {
                var category = OtlpTraces.Messages(scopeLogs, field: 1).Select(s => OtlpTraces.Text(s.Value, field: 1)).FirstOrDefault() ?? "";
                foreach (var (_, record) in OtlpTraces.Messages(scopeLogs, field: 2))
                {
                    var attributes = OtlpTraces.Messages(record, field: 6).Select(a => OtlpTraces.KeyValue(a.Value)).ToList();
                    var exception = string.Join(": ", attributes.Where(a => a.Key is "exception.type" or "exception.message").Select(a => a.Value));
                    var body = OtlpTraces.Messages(record, field: 5).Select(any => OtlpTraces.Text(any.Value, field: 1)).FirstOrDefault() ?? "";
                    logs.Add(new ReceivedLog(service, instance, category, OtlpTraces.Text(record, field: 3) ?? "", body, exception, receivedAt));
                }
            }
        }

        return logs;
    }
}

/// <summary>One log record as a service exported it, with the time the receiver got it.</summary>
public sealed record ReceivedLog(string Service, string Instance, string Category, string Severity, string Body, string Exception, DateTime ReceivedAt)
{
    public bool IsWarningOrWorse => Severity is "Warning" or "Error" or "Critical" or "Fatal"
        || Severity.StartsWith("WARN", StringComparison.OrdinalIgnoreCase) || Severity.StartsWith("ERROR", StringComparison.OrdinalIgnoreCase);

    /// <summary>One line: the body's first line (a stack trace would drown the report) and the exception's type and message.</summary>
    public override string ToString()
    {
        var firstLine = Body.Split('\n', 2)[0].TrimEnd();
        var line = $"{ReceivedAt:HH:mm:ss.fff} {Service}/{Instance} {Severity} {Category}: {firstLine}{(Exception.Length > 0 ? " — " + Exception.Split('\n', 2)[0] : "")}";
        return line.Length <= 400 ? line : line[..400] + "…";
    }
}
