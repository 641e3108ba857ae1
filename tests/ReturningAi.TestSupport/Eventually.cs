namespace ReturningAi.TestSupport;

/// <summary>Polls a condition with a time limit instead of sleeping.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen within {limit.TotalSeconds:0.#} s.");
            await Task.Delay(50);
        }
    }
}
