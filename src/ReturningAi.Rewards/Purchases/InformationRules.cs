using ReturningAi.Contracts.Products;
using ReturningAi.Rewards.Requests;

namespace ReturningAi.Rewards.Purchases;

/// <summary>
/// The buyer's details a product collects (rule 7 of rewards.md §4): each field it collects must be sent
/// non-empty; only those are kept on the order, and none at all when the product collects nothing.
/// </summary>
public static class InformationRules
{
    public static PurchaseRefusal? FirstMissing(UserInformation collects, CollectedInformation sent)
    {
        ArgumentNullException.ThrowIfNull(collects);
        ArgumentNullException.ThrowIfNull(sent);
        return Missing(collects, sent).Select(PurchaseRefusals.MissingInformation).FirstOrDefault();
    }

    /// <summary>Every field the product collects that was not sent, in the order name, phone, address.</summary>
    public static IReadOnlyList<string> Missing(UserInformation collects, CollectedInformation sent)
    {
        ArgumentNullException.ThrowIfNull(collects);
        ArgumentNullException.ThrowIfNull(sent);
        if (!collects.IsEnabled) return [];
        var missing = new List<string>();
        if (collects.ShouldCollectName && sent.Name is null) missing.Add("name");
        if (collects.ShouldCollectPhone && sent.Phone is null) missing.Add("phone");
        if (collects.ShouldCollectAddress && sent.Address is null) missing.Add("address");
        return missing;
    }

    /// <summary>What the order keeps: the collected fields (others null), or null when the product collects nothing.</summary>
    public static CollectedInformation? Kept(UserInformation collects, CollectedInformation sent)
    {
        ArgumentNullException.ThrowIfNull(collects);
        ArgumentNullException.ThrowIfNull(sent);
        if (!collects.IsEnabled || !(collects.ShouldCollectName || collects.ShouldCollectPhone || collects.ShouldCollectAddress)) return null;
        return new CollectedInformation(
            collects.ShouldCollectName ? sent.Name : null,
            collects.ShouldCollectPhone ? sent.Phone : null,
            collects.ShouldCollectAddress ? sent.Address : null);
    }
}
