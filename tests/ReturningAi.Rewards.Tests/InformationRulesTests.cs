using ReturningAi.Contracts.Products;
using ReturningAi.Rewards.Purchases;
using ReturningAi.Rewards.Requests;

namespace ReturningAi.Rewards.Tests;

public sealed class InformationRulesTests
{
    private static readonly UserInformation NameAndAddress = new(true, true, false, true);

    [Fact]
    public void Every_collected_field_must_be_sent()
    {
        Assert.Equal(["name", "address"], InformationRules.Missing(NameAndAddress, CollectedInformation.None));
        Assert.Equal(["address"], InformationRules.Missing(NameAndAddress, new CollectedInformation("Alex", "123", null)));
        Assert.Empty(InformationRules.Missing(NameAndAddress, new CollectedInformation("Alex", null, "1 Main St")));
    }

    [Fact]
    public void The_first_missing_field_is_the_refusal_with_its_path()
    {
        var refusal = InformationRules.FirstMissing(NameAndAddress, new CollectedInformation("Alex", null, null));

        Assert.Equal((400, "missing_user_information", "userInformation.address"), (refusal!.Status, refusal.Code, refusal.Field));
    }

    [Fact]
    public void Only_the_collected_fields_are_kept()
    {
        Assert.Equal(new CollectedInformation("Alex", null, "1 Main St"),
            InformationRules.Kept(NameAndAddress, new CollectedInformation("Alex", "555", "1 Main St")));
    }

    [Fact]
    public void Nothing_is_kept_or_asked_when_the_product_collects_nothing()
    {
        var off = new UserInformation(false, true, true, true);

        Assert.Empty(InformationRules.Missing(off, CollectedInformation.None));
        Assert.Null(InformationRules.Kept(off, new CollectedInformation("Alex", "555", "x")));
        Assert.Null(InformationRules.Kept(new UserInformation(true, false, false, false), new CollectedInformation("Alex", null, null)));
    }
}
