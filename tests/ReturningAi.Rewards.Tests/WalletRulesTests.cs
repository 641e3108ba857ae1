using ReturningAi.Rewards.Wallets;

namespace ReturningAi.Rewards.Tests;

public sealed class WalletRulesTests
{
    [Theory]
    [InlineData("credit", "0.01", null)]
    [InlineData("credit", "1000000000", null)]
    [InlineData("credit", "0", "amount must be more than 0.")]
    [InlineData("debit", "-1", "amount must be more than 0.")]
    [InlineData("set", "0", null)]
    [InlineData("set", "-0.01", "amount must be 0 or more.")]
    [InlineData("credit", "1000000000.01", "amount must be at most 1,000,000,000.")]
    [InlineData("credit", "1.005", "amount must have at most 2 decimal places.")]
    [InlineData("credit", "1.50", null)]
    [InlineData("credit", "1.500", null)]
    public void Amounts_are_positive_bounded_and_of_two_places(string operation, string amount, string? problem)
    {
        Assert.Equal(problem, WalletRules.AmountProblem(operation, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Credit_and_debit_move_the_balance_by_the_amount()
    {
        Assert.Equal(new WalletChange(25, 125), WalletRules.Apply(100, LedgerOperations.Credit, 25));
        Assert.Equal(new WalletChange(-25, 75), WalletRules.Apply(100, LedgerOperations.Debit, 25));
        Assert.Equal(new WalletChange(-100, 0), WalletRules.Apply(100, LedgerOperations.Debit, 100));
    }

    [Fact]
    public void An_overdraw_changes_nothing()
    {
        var change = WalletRules.Apply(100, LedgerOperations.Debit, 100.01m);

        Assert.True(change.Overdraws);
        Assert.Equal(100, change.Balance);
    }

    [Fact]
    public void Set_writes_the_difference()
    {
        Assert.Equal(new WalletChange(-60, 40), WalletRules.Apply(100, LedgerOperations.Set, 40));
        Assert.Equal(new WalletChange(150, 250), WalletRules.Apply(100, LedgerOperations.Set, 250));
        Assert.Equal(new WalletChange(0, 100), WalletRules.Apply(100, LedgerOperations.Set, 100));
        Assert.Equal(new WalletChange(-100, 0), WalletRules.Apply(100, LedgerOperations.Set, 0));
    }

    [Theory]
    [InlineData("add", "credit")]
    [InlineData("subtract", "debit")]
    [InlineData("overwrite", "set")]
    [InlineData("credit", "credit")]
    [InlineData("debit", "debit")]
    [InlineData("set", "set")]
    [InlineData("ADD", null)]
    [InlineData("withdraw", null)]
    public void The_webhook_words_are_recorded_as_the_ledger_operations(string word, string? recorded)
    {
        Assert.Equal(recorded, LedgerOperations.Recorded(word));
    }

    [Theory]
    [InlineData("1", 0)]
    [InlineData("1.10", 1)]
    [InlineData("0.05", 2)]
    [InlineData("-2.125", 3)]
    public void Decimal_places_count_those_that_carry_a_value(string value, int places)
    {
        Assert.Equal(places, WalletRules.DecimalPlaces(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
