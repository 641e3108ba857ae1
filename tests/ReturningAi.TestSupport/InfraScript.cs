using System.Diagnostics;

namespace ReturningAi.TestSupport;

/// <summary>Runs <c>eng/infra.sh</c> of this repository, for tests that stop and start a server on purpose.</summary>
public static class InfraScript
{
    public static async Task RunAsync(string command)
    {
        var root = RepositoryRoot();
        using var process = Process.Start(new ProcessStartInfo("bash", ["eng/infra.sh", command])
        {
            WorkingDirectory = root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/infra.sh {command} exited with {process.ExitCode}: {await errors}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "eng", "infra.sh"))) return directory.FullName;
        }

        throw new InvalidOperationException("eng/infra.sh was not found above the test assembly.");
    }
}
