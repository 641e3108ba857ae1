using nietras.SeparatedValues;

namespace ReturningAi.Products.Csv;

/// <summary>
/// The CSV template: every supported header, the product page's example product, and a continuation
/// row adding a second permission entry. It imports as it is into a community that has the page's names.
/// </summary>
public static class ProductCsvTemplate
{
    public const string FileName = "products-template.csv";

    private static readonly Dictionary<string, string> Example = new(StringComparer.Ordinal)
    {
        ["Name"] = "Premium Voucher",
        ["Description"] = "<p>Premium access reward.</p>",
        ["Image"] = "https://example.com/product.png",
        ["Price"] = "100",
        ["Category Name"] = "Premium Rewards",
        ["Discount Enabled"] = "false",
        ["Discount Price"] = "90",
        ["User Information Enabled"] = "false",
        ["Collect Name"] = "false",
        ["Collect Phone"] = "false",
        ["Collect Address"] = "false",
        ["Prioritize Expiring Vouchers"] = "false",
        ["Display Remaining Quantity"] = "true",
        ["Expiring Highlight Enabled"] = "false",
        ["Expiring Highlight Duration"] = "7",
        ["Expiring Highlight Timeframe"] = "days",
        ["Archived"] = "false",
        ["Redemption Instructions"] = "<p>Show this voucher at checkout.</p>",
        ["Product Access Enabled"] = "false",
        ["Vouchers"] = "VOUCHER-001,VOUCHER-002",
        ["Voucher Expire Date"] = "2027-12-31T00:00:00.000Z",
        ["Permission Enabled"] = "true",
        ["Permission Type"] = "role",
        ["Roles"] = "VIP Member",
        ["Tags"] = "Early Access",
        ["Users"] = "alex",
        ["Combination Type"] = "role",
        ["Combination Values"] = "VIP Member",
        ["Special Price"] = "80",
        ["Special Price Enabled"] = "false",
        ["Purchase Limit Enabled"] = "false",
        ["Purchase Limit Quantity"] = "1",
        ["Purchase Limit Interval Count"] = "1",
        ["Purchase Limit Interval Unit"] = "months",
        ["Access Level"] = "full-access",
        ["Exclusive Tag Enabled"] = "false",
    };

    private static readonly Dictionary<string, string> Continuation = new(StringComparer.Ordinal)
    {
        ["Permission Enabled"] = "true",
        ["Permission Type"] = "tag",
        ["Tags"] = "Early Access",
        ["Access Level"] = "view-only",
    };

    public static string Build()
    {
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToText();
        foreach (var row in new[] { Example, Continuation })
        {
            using var csvRow = writer.NewRow();
            foreach (var column in CsvColumns.All)
            {
                csvRow[column.Header].Set(row.GetValueOrDefault(column.Header, ""));
            }
        }

        return writer.ToString();
    }
}
