using ReturningAi.Rewards.Access;
using static ReturningAi.Rewards.Tests.Entries;

namespace ReturningAi.Rewards.Tests;

public sealed class ProductAccessTests
{
    [Fact]
    public void Access_off_lets_anyone_buy_and_ignores_every_entry()
    {
        var decision = ProductAccess.Decide(false, [Role(Vip).ViewOnly(), User(Sam)], Buyer());

        Assert.Equal(AccessOutcome.Open, decision.Outcome);
        Assert.Empty(decision.Grants);
        Assert.True(decision.MayBuy);
    }

    [Fact]
    public void A_role_entry_matches_a_buyer_holding_any_of_its_roles()
    {
        var entry = Role(Staff, Vip);

        Assert.Equal(AccessOutcome.Granted, ProductAccess.Decide(true, [entry], Buyer(roles: [Vip])).Outcome);
        Assert.Equal(AccessOutcome.NotEligible, ProductAccess.Decide(true, [entry], Buyer(roles: ["role-other"])).Outcome);
    }

    [Fact]
    public void An_entry_matches_by_its_type_alone()
    {
        // The page's example fills every list, but a role entry reads only roles.
        var entry = Role(Staff) with { TagIds = [Early], UserIds = [Alex] };

        Assert.Equal(AccessOutcome.NotEligible, ProductAccess.Decide(true, [entry], Buyer(tags: [Early])).Outcome);
    }

    [Fact]
    public void Tag_and_user_entries_match_their_own_kind()
    {
        Assert.True(ProductAccess.Matches(Tag(Early), Buyer(tags: [Early])));
        Assert.False(ProductAccess.Matches(Tag(Early), Buyer(roles: [Early])));
        Assert.True(ProductAccess.Matches(User(Sam, Alex), Buyer(Alex)));
        Assert.False(ProductAccess.Matches(User(Sam), Buyer(Alex)));
    }

    [Fact]
    public void A_combination_needs_every_item_each_by_any_of_its_values()
    {
        var entry = Combination(new TargetRule("role", [Vip, Staff]), new TargetRule("tag", [Early]));

        Assert.True(ProductAccess.Matches(entry, Buyer(roles: [Staff], tags: [Early])));
        Assert.False(ProductAccess.Matches(entry, Buyer(roles: [Staff])));
        Assert.False(ProductAccess.Matches(entry, Buyer(tags: [Early])));
        Assert.True(ProductAccess.Matches(Combination(new TargetRule("user", [Alex])), Buyer(Alex)));
    }

    [Fact]
    public void An_empty_combination_matches_nobody()
    {
        Assert.False(ProductAccess.Matches(Combination(), Buyer(roles: [Vip], tags: [Early])));
    }

    [Fact]
    public void Disabled_entries_match_nobody()
    {
        Assert.Equal(AccessOutcome.NotEligible, ProductAccess.Decide(true, [Role(Vip).Disabled()], Buyer(roles: [Vip])).Outcome);
    }

    [Fact]
    public void Only_view_only_entries_matching_is_view_only()
    {
        var decision = ProductAccess.Decide(true, [Role(Vip).ViewOnly(), Tag(Early)], Buyer(roles: [Vip]));

        Assert.Equal(AccessOutcome.ViewOnly, decision.Outcome);
        Assert.False(decision.MayBuy);
    }

    [Fact]
    public void The_grants_are_the_matching_full_access_entries()
    {
        var full = Role(Vip).Special(50);
        var view = Tag(Early).ViewOnly();
        var other = User(Sam);

        var decision = ProductAccess.Decide(true, [full, view, other], Buyer(roles: [Vip], tags: [Early]));

        Assert.Equal(AccessOutcome.Granted, decision.Outcome);
        Assert.Equal([full], decision.Grants);
    }

    [Fact]
    public void Access_on_without_entries_lets_nobody_buy()
    {
        Assert.Equal(AccessOutcome.NotEligible, ProductAccess.Decide(true, [], Buyer(roles: [Vip])).Outcome);
    }

    [Fact]
    public void Ids_are_compared_exactly()
    {
        Assert.False(ProductAccess.Matches(Role("ROLE-VIP"), Buyer(roles: [Vip])));
    }
}
