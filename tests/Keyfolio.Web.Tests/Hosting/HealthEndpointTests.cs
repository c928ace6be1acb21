using System.Net;
using System.Text.Json;
using Keyfolio.Core.Access;
using Keyfolio.Web.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Web.Tests.Hosting;

/// <summary><c>/healthz</c> and <c>/readyz</c>: no session needed, nothing private said, and each failure named.</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-web-health-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Without_a_session_the_app_is_alive_and_ready_and_names_the_vault_state_but_nothing_private()
    {
        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();

        using var alive = await client.GetAsync("/healthz");
        var (beforeCreateStatus, beforeCreate) = await ReadyAsync(client);
        await app.EnsureVaultAsync();
        var (_, unlocked) = await ReadyAsync(client);
        await app.Service<VaultAccess>().LockAsync();
        var (lockedStatus, locked) = await ReadyAsync(client);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/readyz"));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("alive", JsonDocument.Parse(await alive.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal("nosniff", string.Join(",", alive.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.OK, beforeCreateStatus);
        Assert.Equal("not-created", beforeCreate.GetProperty("vault").GetString());
        Assert.Equal("unlocked", unlocked.GetProperty("vault").GetString());
        Assert.Equal(HttpStatusCode.OK, lockedStatus);
        Assert.Equal("ready", locked.GetProperty("status").GetString());
        Assert.Equal("locked", locked.GetProperty("vault").GetString());
        Assert.Equal("ok", locked.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("ok", locked.GetProperty("checks").GetProperty("migrations").GetString());
        Assert.Equal("ok", locked.GetProperty("checks").GetProperty("auditLog").GetString());
        Assert.False(locked.TryGetProperty("problems", out _));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.DoesNotContain(_directory, locked.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_audit_log_makes_the_app_not_ready_while_it_stays_alive()
    {
        await CreateVaultAsync();
        await ExecuteAsync("UPDATE audit_entries SET actor = 'someone else' WHERE sequence = 1");

        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();
        using var alive = await client.GetAsync("/healthz");
        var (status, ready) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not-ready", ready.GetProperty("status").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("failed", ready.GetProperty("checks").GetProperty("auditLog").GetString());
        Assert.Contains("audit log", ready.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_behind_its_schema_is_not_ready_and_says_which_version_it_is_at()
    {
        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();
        await app.EnsureVaultAsync();
        await ExecuteAsync("DELETE FROM schema_version WHERE version = (SELECT MAX(version) FROM schema_version)");

        var (status, ready) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("failed", ready.GetProperty("checks").GetProperty("migrations").GetString());
        Assert.Contains("schema version", ready.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_file_overwritten_with_garbage_is_not_ready_and_is_never_a_500()
    {
        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();
        await app.EnsureVaultAsync();
        SqliteConnection.ClearAllPools();
        var database = Path.Combine(_directory, "keyfolio.db");
        foreach (var sidecar in new[] { database + "-wal", database + "-shm" })
        {
            File.Delete(sidecar);
        }

        await File.WriteAllBytesAsync(database, Enumerable.Repeat((byte)0x5A, 8192).ToArray());

        var (status, ready) = await ReadyAsync(client);
        using var alive = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("failed", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("unknown", ready.GetProperty("checks").GetProperty("auditLog").GetString());
        Assert.Equal("unknown", ready.GetProperty("vault").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/readyz");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private async Task CreateVaultAsync()
    {
        using var first = KeyfolioWebFactory.Over(_directory);
        await first.EnsureVaultAsync();
        await first.Service<VaultAccess>().LockAsync();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The statements are the tests' own constants.")]
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(_directory, "keyfolio.db"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
