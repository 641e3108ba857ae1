namespace ReturningAi.ServiceDefaults.Data;

/// <summary>Readable names are unique per community and resolve case-insensitively after trimming.</summary>
public static class NameKey
{
    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
