using System.Diagnostics;
using System.Net;

namespace ReturningAi.ApiDocument.Tests;

/// <summary>
/// The stack, the partner document it serves saved where the linters and generators read it
/// (eng/api-lint/out/openapi.json), and eng/api-lint's pinned npm packages installed (npm ci).
/// </summary>
public sealed class DocumentFixture : AppHostStack
{
    public static string Root { get; } = FindRoot();

    public static string Lint { get; } = Path.Combine(Root, "eng", "api-lint");

    public static string Out { get; } = Path.Combine(Lint, "out");

    public static string DocumentFile { get; } = Path.Combine(Out, "openapi.json");

    public HttpResponseMessage? DocumentResponse { get; private set; }

    protected override int RateLimit => 1000;

    protected override int StoreDeadlineSeconds => 30;

    public string DocumentText { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DocumentResponse = await Api.Http.GetAsync(new Uri("/apis/openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, DocumentResponse.StatusCode);
        DocumentText = await DocumentResponse.Content.ReadAsStringAsync();
        Directory.CreateDirectory(Out);
        await File.WriteAllTextAsync(DocumentFile, DocumentText);

        // npm ci installs exactly the lock file's versions; skipped when they are already there.
        var installed = Path.Combine(Lint, "node_modules", ".package-lock.json");
        if (!File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(Path.Combine(Lint, "package-lock.json")))
        {
            var (exitCode, output) = await RunAsync(Lint, TimeSpan.FromMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
            Assert.True(exitCode == 0, "npm ci in eng/api-lint failed (is node 20 with npm on the PATH?):\n" + output);
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, TimeSpan limit, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["KIOTA_UPDATE_DISABLED"] = "true";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {limit}.");
        }

        return (process.ExitCode, await output + await error);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReturningAi.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("The repository root (with ReturningAi.sln) was not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class DocumentCollection : ICollectionFixture<DocumentFixture>
{
    public const string Name = "document";
}
