namespace ReturningAi.ServiceDefaults.OpenApi;

/// <summary>One refusal a route answers with, as its example in the API document shows it (see <see cref="EndpointDocumentation.RefusalExamples"/>).</summary>
public sealed record RefusalExample(string Code, string Message, string? Field = null);
