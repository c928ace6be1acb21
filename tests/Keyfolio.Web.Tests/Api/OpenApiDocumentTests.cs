using System.Net;
using System.Text.Json;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed class OpenApiDocumentTests : IClassFixture<KeyfolioWebFactory>
{
    private readonly KeyfolioWebFactory _factory;

    public OpenApiDocumentTests(KeyfolioWebFactory factory) => _factory = factory;

    [Fact]
    public async Task OpenApi_document_is_served_at_its_stable_path_and_describes_only_the_api()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Keyfolio API", root.GetProperty("info").GetProperty("title").GetString());
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/antiforgery", paths);
        Assert.All(paths, path => Assert.StartsWith("/api/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operation_declares_its_security_and_every_tag_is_described()
    {
        var root = await DocumentAsync();

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("cookie", schemes.GetProperty("session").GetProperty("in").GetString());
        Assert.Equal("X-Keyfolio-Antiforgery", schemes.GetProperty("antiforgery").GetProperty("name").GetString());
        var operations = root.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value))).ToList();
        Assert.NotEmpty(operations);
        foreach (var (path, method, operation) in operations)
        {
            var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
            var names = requirement.EnumerateObject().Select(r => r.Name).ToList();
            Assert.True(method == "get" || names.Contains("antiforgery"), method + " " + path + " does not declare the antiforgery header.");
        }

        Assert.Contains(operations, o => o.Path == "/api/vault/lock" && o.Operation.GetProperty("security")[0].TryGetProperty("session", out _));
        Assert.All(root.GetProperty("tags").EnumerateArray(), tag => Assert.False(string.IsNullOrWhiteSpace(tag.GetProperty("description").GetString()), tag.GetProperty("name").GetString()));
        Assert.All(root.GetProperty("servers").EnumerateArray(), server => Assert.False(server.GetProperty("url").GetString()!.EndsWith('/'), server.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task Secrets_and_the_master_password_are_described_as_write_only_strings()
    {
        var root = await DocumentAsync();

        var schemas = root.GetProperty("components").GetProperty("schemas");
        var secret = schemas.GetProperty("SecretText");
        Assert.Contains("string", secret.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.Equal("password", secret.GetProperty("format").GetString());
        Assert.True(secret.GetProperty("writeOnly").GetBoolean());
        foreach (var (model, field) in new[] { ("CreateConnectionRequest", "secret"), ("CreateConnectionRequest", "passphrase"), ("ReplaceKeyRequestBody", "secret"), ("UnlockRequest", "password") })
        {
            var property = schemas.GetProperty(model).GetProperty("properties").GetProperty(field);
            Assert.Contains("#/components/schemas/SecretText", property.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Redocly's recommended rules (npm <c>@redocly/cli</c>, installed by the test into a cache folder outside the
    /// repository: <c>KEYFOLIO_REDOCLY_DIR</c>, else <c>~/.cache/keyfolio-tests/redocly</c>) find no error in the document.
    /// </summary>
    [Fact]
    public async Task Redocly_lint_with_the_recommended_rules_finds_no_error()
    {
        var root = await DocumentAsync();
        var file = Path.Combine(Path.GetTempPath(), "keyfolio-openapi-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, root.GetRawText());
        try
        {
            var redocly = await RedoclyAsync();
            var (exitCode, output) = await RunAsync(redocly, ["lint", file, "--extends", "recommended"]);

            Assert.True(exitCode == 0, "redocly lint found errors:\n" + output);
            Assert.Contains("valid", output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private const string RedoclyVersion = "2.77.0";

    private static async Task<string> RedoclyAsync()
    {
        var folder = Environment.GetEnvironmentVariable("KEYFOLIO_REDOCLY_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "keyfolio-tests", "redocly");
        var executable = Path.Combine(folder, "node_modules", ".bin", "redocly");
        if (!File.Exists(executable))
        {
            Directory.CreateDirectory(folder);
            (int, string) installed;
            try
            {
                installed = await RunAsync("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund", "@redocly/cli@" + RedoclyVersion]);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("This test needs Node.js and npm to install @redocly/cli into " + folder + "; install them (Debian: apt-get install nodejs npm), or install @redocly/cli there yourself.");
            }

            Assert.True(installed.Item1 == 0 && File.Exists(executable), "npm could not install @redocly/cli " + RedoclyVersion + " into " + folder + ":\n" + installed.Item2);
        }

        return executable;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi/v1.json"));
        return document.RootElement.Clone();
    }
}
