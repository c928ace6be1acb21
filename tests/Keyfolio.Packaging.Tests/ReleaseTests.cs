using System.Net;
using System.Text.Json;

namespace Keyfolio.Packaging.Tests;

/// <summary>
/// What a person installs works as they were told: the .NET tool installs from the packed package and runs, and the
/// release script's linux-x64 build is one self-contained executable that runs the demo with nothing beside it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReleaseTests(ReleaseArtifacts artifacts) : IClassFixture<ReleaseArtifacts>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("keyfolio-release-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task The_tool_installs_from_the_packed_package_into_a_tool_path_reports_the_release_version_and_serves_the_demo()
    {
        var toolPath = Path.Combine(_home, "tools");
        var install = await Processes.RunAsync(
            "dotnet",
            ["tool", "install", "keyfolio", "--tool-path", toolPath, "--add-source", artifacts.Folder, "--version", artifacts.Version],
            _home,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_home, "nuget-packages") },
            TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var version = await Processes.RunAsync(Path.Combine(toolPath, "keyfolio"), ["--version"], _home, Home(), TimeSpan.FromMinutes(1));

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(artifacts.Version, version.Output.Trim(), StringComparison.Ordinal);
        await AssertServesTheDemoAsync(Path.Combine(toolPath, "keyfolio"));
    }

    [Fact]
    public void The_single_file_build_is_one_executable_with_nothing_beside_it()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(artifacts.SingleFile)!).Select(f => Path.GetFileName(f)).ToArray();

        Assert.Equal(["keyfolio"], files);
        Assert.True(File.GetUnixFileMode(artifacts.SingleFile).HasFlag(UnixFileMode.UserExecute));
        Assert.Contains("ReadyToRun: true", artifacts.ScriptOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_single_file_build_runs_commands_against_its_data_directory_and_serves_the_demo()
    {
        var version = await Processes.RunAsync(artifacts.SingleFile, ["--version"], _home, Home(), TimeSpan.FromMinutes(1));
        var connections = await Processes.RunAsync(artifacts.SingleFile, ["connections", "--json"], _home, Home(), TimeSpan.FromMinutes(1));

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(artifacts.Version, version.Output.Trim(), StringComparison.Ordinal);
        Assert.True(connections.ExitCode == 0, connections.Output + connections.Error);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(connections.Output).RootElement.ValueKind);
        Assert.True(File.Exists(Path.Combine(_home, "data", "keyfolio.db")));

        await AssertServesTheDemoAsync(artifacts.SingleFile);
    }

    private Dictionary<string, string?> Home() => new() { ["KEYFOLIO_HOME"] = Path.Combine(_home, "data") };

    private async Task AssertServesTheDemoAsync(string executable)
    {
        var serveHome = Path.Combine(_home, "serve");
        Directory.CreateDirectory(serveHome);
        await using var serve = await RunningServe.StartAsync(executable, serveHome);
        using var http = new HttpClient();
        using var alive = await http.GetAsync(new Uri(serve.Address, "/healthz"));
        using var ready = await http.GetAsync(new Uri(serve.Address, "/readyz"));
        using var page = await http.GetAsync(new Uri(serve.Address, "/unlock"));
        var readiness = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        var exitCode = await serve.StopAsync();

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", readiness.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Keyfolio", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Demo master password:", serve.Printed, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }
}
