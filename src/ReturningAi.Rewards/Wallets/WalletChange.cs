namespace ReturningAi.Rewards.Wallets;

/// <summary>What one operation does to a balance: the signed <see cref="Delta"/> and the <see cref="Balance"/> after it; null delta when it would overdraw.</summary>
public sealed record WalletChange(decimal? Delta, decimal Balance)
{
    public bool Overdraws => Delta is null;
}
