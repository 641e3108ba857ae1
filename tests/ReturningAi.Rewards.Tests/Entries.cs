using ReturningAi.Contracts.Products;
using ReturningAi.Rewards.Access;

namespace ReturningAi.Rewards.Tests;

/// <summary>Access entries and buyers for the tests, with readable ids.</summary>
internal static class Entries
{
    public const string Vip = "role-vip";
    public const string Staff = "role-staff";
    public const string Early = "tag-early";
    public const string Alex = "user-alex";
    public const string Sam = "user-sam";

    public static Buyer Buyer(string userId = Alex, string[]? roles = null, string[]? tags = null) => new(userId, roles ?? [], tags ?? []);

    public static AccessEntry Role(params string[] roleIds) => Entry("role") with { RoleIds = roleIds };

    public static AccessEntry Tag(params string[] tagIds) => Entry("tag") with { TagIds = tagIds };

    public static AccessEntry User(params string[] userIds) => Entry("user") with { UserIds = userIds };

    public static AccessEntry Combination(params TargetRule[] items) => Entry("combination") with { Combination = items };

    public static AccessEntry Entry(string type) =>
        new(true, type, [], [], [], [], PurchaseAccess.Default, PurchaseLimit.Default, AccessEntry.FullAccess);

    public static AccessEntry ViewOnly(this AccessEntry entry) => entry with { AccessLevel = AccessEntry.ViewOnly };

    public static AccessEntry Disabled(this AccessEntry entry) => entry with { IsEnabled = false };

    public static AccessEntry Special(this AccessEntry entry, decimal price, bool enabled = true) =>
        entry with { PurchaseAccess = new PurchaseAccess(price, enabled) };

    public static AccessEntry Limit(this AccessEntry entry, int quantity, int intervalCount, string unit) =>
        entry with { PurchaseLimit = new PurchaseLimit(true, quantity, intervalCount, unit) };
}
