namespace ReturningAi.ServiceDefaults.Http;

public static class HttpUrls
{
    /// <summary>An absolute http or https URL: what every image, avatar and link field accepts.</summary>
    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
