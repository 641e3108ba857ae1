using ReturningAi.Rewards.Orders;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Rewards.Requests;

/// <summary>
/// Reads a redemption status body, every problem together: the create (<c>name</c> required) and the partial
/// update. A status that refunds is never the default: both sent true is 400 <c>refunding_default</c>.
/// </summary>
public static class StatusFieldsReader
{
    public static StatusFields? Read(JsonFields body, bool isCreate)
    {
        ArgumentNullException.ThrowIfNull(body);
        var before = body.Errors.Count;
        var name = body.ReadName("name", required: isCreate, minLength: 1, maxLength: RedemptionStatusRules.MaxNameLength);
        bool? isDefault = body.IsSet("isDefault") ? body.ReadBool("isDefault") : null;
        bool? refundsPoints = body.IsSet("refundsPoints") ? body.ReadBool("refundsPoints") : null;
        var category = body.ReadString("category", required: false);
        if (category is not null && !StatusCategories.All.Contains(category, StringComparer.Ordinal))
        {
            body.Add("invalid_value", "category", $"{body.FieldPath("category")} must be one of {string.Join(", ", StatusCategories.All)}.");
        }

        var colorSent = body.Has("color");
        var color = body.ReadString("color", required: false);
        if (color is not null && !RedemptionStatusRules.IsColor(color))
        {
            body.Add("invalid_color", "color", $"{body.FieldPath("color")} must be #RRGGBB or null.");
        }

        if (isCreate && isDefault == true && refundsPoints == true)
        {
            body.Add("refunding_default", "refundsPoints", "A status that refunds points cannot be the default.");
        }

        return body.Errors.Count > before
            ? null
            : new StatusFields(name, isDefault, refundsPoints, category, color is null ? null : RedemptionStatusRules.NormalizeColor(color), colorSent);
    }
}
