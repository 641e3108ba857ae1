using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Rewards.Requests;

/// <summary>Reads a purchase body, every problem together (rule 1 of rewards.md §4); null when there are any.</summary>
public static class PurchaseRequestReader
{
    public static PurchaseRequest? Read(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var before = body.Errors.Count;
        var productId = body.ReadString("productID", required: true, minLength: 1);
        var user = UserReferences.Read(body);
        var information = ReadInformation(body);
        decimal? expectedPrice = body.IsSet("expectedPrice") ? body.ReadDecimal("expectedPrice", required: false) : null;
        if (expectedPrice < 0) body.Add("out_of_range", "expectedPrice", $"{body.FieldPath("expectedPrice")} must be 0 or more.");
        return body.Errors.Count > before ? null : new PurchaseRequest(productId!, user!, information, expectedPrice);
    }

    private static CollectedInformation ReadInformation(JsonFields body)
    {
        if (body.ReadObject("userInformation") is not { } fields) return CollectedInformation.None;
        return new CollectedInformation(
            Blank(fields.ReadString("name", required: false, maxLength: CollectedInformation.MaxNameLength)),
            Blank(fields.ReadString("phone", required: false, maxLength: CollectedInformation.MaxPhoneLength)),
            Blank(fields.ReadString("address", required: false, maxLength: CollectedInformation.MaxAddressLength)));
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
