using Xunit.Abstractions;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// A test on the shared stack whose output ends with what the services logged of note while it ran:
/// <c>dotnet test</c> prints a failed test's output, so a red CI run says why an instance misbehaved.
/// </summary>
public abstract class ReliabilityTest(ReliabilityStack stack, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DateTime _started = DateTime.UtcNow;

    protected ReliabilityStack Stack => stack;

    protected ITestOutputHelper Output => output;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the services export logs every 200 ms
        var trouble = stack.Telemetry.Trouble(_started);
        output.WriteLine($"--- what the services logged of note during the test ({trouble.Count} lines) ---");
        foreach (var log in trouble) output.WriteLine(log.ToString());
    }
}
