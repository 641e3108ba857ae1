namespace ReturningAi.Gateway.ApiReference;

public sealed class ApiReferenceOptions
{
    public const string SectionName = "ApiReference";

    /// <summary>The server the document names: the public gateway URL (no trailing slash), or the relative root.</summary>
    public string ServerUrl { get; set; } = "/";
}
