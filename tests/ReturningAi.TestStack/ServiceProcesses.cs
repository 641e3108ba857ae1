using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace ReturningAi.TestStack;

/// <summary>
/// The OS process of one of this test run's services, to kill it the way a crash would. The AppHost
/// launches a project through <c>dotnet run</c> (the resource's <c>executable.pid</c>); the service is
/// that process's descendant, so another stack's processes on the machine are never touched.
/// </summary>
public static class ServiceProcesses
{
    public static async Task KillAsync(DistributedApplication app, string resourceName, string assemblyName)
    {
        var resource = await app.ResourceNotifications.WaitForResourceAsync(resourceName, _ => true, CancellationToken.None);
        Kill(resource, assemblyName);
    }

    /// <summary>
    /// Kills one replica, found by the <c>service.instance.id</c> its telemetry carries (the suffix of
    /// its resource id, <c>store-axvuagye</c> for <c>axvuagye</c>); returns the resource id.
    /// </summary>
    public static async Task<string> KillInstanceAsync(DistributedApplication app, string instanceId, string assemblyName)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new HashSet<string>();
        try
        {
            await foreach (var resource in app.ResourceNotifications.WatchAsync(timeout.Token))
            {
                seen.Add(resource.ResourceId);
                if ((resource.ResourceId == instanceId || resource.ResourceId.EndsWith("-" + instanceId, StringComparison.Ordinal))
                    && resource.Snapshot.Properties.Any(p => p.Name == "executable.pid"))
                {
                    Kill(resource, assemblyName);
                    return resource.ResourceId;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with the ids that were there.
        }

        Assert.Fail($"No resource '{instanceId}' with a process; resources: {string.Join(", ", seen)}");
        return "";
    }

    /// <summary>Starts a killed resource (or replica, by its id) again and waits until it is healthy.</summary>
    public static async Task RestartAsync(DistributedApplication app, string resourceId)
    {
        // Right after the exit the orchestrator may not take the start yet: asked again until it does.
        var started = await app.ResourceCommands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand);
        for (var tries = 0; !started.Success && tries < 30; tries++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            started = await app.ResourceCommands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand);
        }

        Assert.True(started.Success, $"{resourceId} could not be started again: {started.Message}");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var last = "no state";
        try
        {
            await foreach (var resource in app.ResourceNotifications.WatchAsync(limit.Token))
            {
                if (resource.ResourceId != resourceId && resource.Resource.Name != resourceId) continue;
                last = $"{resource.Snapshot.State?.Text}, {resource.Snapshot.HealthStatus}, exit code {resource.Snapshot.ExitCode}";
                if (resource.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    && resource.Snapshot.State?.Text == KnownResourceStates.Running)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{resourceId} did not become healthy within 120 s of its restart (last: {last}).");
        }
    }

    private static void Kill(ResourceEvent resource, string assemblyName)
    {
        var launcher = Convert.ToInt32(resource.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);
        var victims = Process.GetProcessesByName(assemblyName).Where(p => DescendsFrom(p.Id, launcher)).ToList();
        Assert.True(victims.Count > 0, $"No {assemblyName} process of this test run was found.");
        foreach (var process in victims)
        {
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    private static bool DescendsFrom(int pid, int ancestor)
    {
        for (var current = pid; current > 1;)
        {
            current = ParentOf(current);
            if (current == ancestor) return true;
        }

        return false;
    }

    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
