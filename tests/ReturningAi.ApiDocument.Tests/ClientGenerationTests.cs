namespace ReturningAi.ApiDocument.Tests;

/// <summary>
/// The served document as partners use it: linted by Redocly (recommended rules) and Spectral
/// (spectral:oas) with zero errors, and turned into a Kiota C# client and openapi-typescript types
/// against which a bulk create, a bulk update by id, a CSV upload and a paged list must compile.
/// </summary>
[Collection(DocumentCollection.Name)]
public sealed class ClientGenerationTests(DocumentFixture stack)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private static string Bin(string tool) => Path.Combine(DocumentFixture.Lint, "node_modules", ".bin", tool);

    [Fact]
    public async Task Redocly_finds_no_error()
    {
        Assert.NotEmpty(stack.DocumentText);
        var (exitCode, output) = await DocumentFixture.RunAsync(DocumentFixture.Lint, Limit, Bin("redocly"), "lint", "out/openapi.json", "--format=stylish");

        Assert.True(exitCode == 0, "Redocly found errors:\n" + output);
    }

    [Fact]
    public async Task Spectral_finds_no_error()
    {
        var (exitCode, output) = await DocumentFixture.RunAsync(DocumentFixture.Lint, Limit, Bin("spectral"),
            "lint", "out/openapi.json", "--ruleset", ".spectral.yaml", "--fail-severity", "error", "--format", "text");

        Assert.True(exitCode == 0, "Spectral found errors:\n" + output);
    }

    [Fact]
    public async Task OpenApi_typescript_types_accept_the_typed_calls()
    {
        var (generated, generation) = await DocumentFixture.RunAsync(DocumentFixture.Lint, Limit, Bin("openapi-typescript"),
            "out/openapi.json", "-o", "out/schema.d.ts");
        Assert.True(generated == 0, "openapi-typescript failed:\n" + generation);

        var (compiled, output) = await DocumentFixture.RunAsync(DocumentFixture.Lint, Limit, Bin("tsc"), "-p", "typescript/tsconfig.json");

        Assert.True(compiled == 0, "The typed calls (eng/api-lint/typescript/calls.ts) do not compile against the generated types:\n" + output);
    }

    [Fact]
    public async Task A_Kiota_CSharp_client_accepts_the_typed_calls()
    {
        var (restored, restore) = await DocumentFixture.RunAsync(DocumentFixture.Root, Limit, "dotnet", "tool", "restore");
        Assert.True(restored == 0, "dotnet tool restore failed:\n" + restore);
        var (generated, generation) = await DocumentFixture.RunAsync(DocumentFixture.Lint, Limit, "dotnet", "tool", "run", "kiota", "generate",
            "--language", "CSharp", "--openapi", "out/openapi.json", "--output", "kiota/Generated", "--class-name", "PartnerClient",
            "--namespace-name", "ReturningAi.PartnerClient", "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning");
        Assert.True(generated == 0, "Kiota could not generate the client:\n" + generation);

        var (built, output) = await DocumentFixture.RunAsync(DocumentFixture.Lint, Limit, "dotnet", "build", "kiota/KiotaClient.csproj", "-nologo", "-clp:ErrorsOnly");

        Assert.True(built == 0, "The typed calls (eng/api-lint/kiota/TypedCalls.cs) do not compile against the generated client:\n" + output);
    }
}
