namespace ReturningAi.Store.Tests;

/// <summary>One store on a fresh database for a whole test class; each test makes its own community.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public StoreFactory Factory { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
