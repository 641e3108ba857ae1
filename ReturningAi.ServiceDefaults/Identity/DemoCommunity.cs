using System.Security.Cryptography;
using System.Text;

namespace ReturningAi.ServiceDefaults.Identity;

/// <summary>
/// The demo community of a deployment with the <c>demo-api-key</c> parameter: its ids derive from the
/// key, so Community and Store seed the same community without talking to each other.
/// </summary>
public static class DemoCommunity
{
    public const string ConfigurationKey = "Demo:ApiKey";
    public const string CategoryName = "Premium Rewards";
    public const string RedemptionStatusName = "Pending";
    public const string RoleName = "VIP Member";
    public const string TagName = "Early Access";
    public const string Username = "alex";

    public static string IdFor(string demoApiKey, string what = "community") =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"returningai-demo:{what}:{demoApiKey}")))[..ObjectIds.Length];
}
